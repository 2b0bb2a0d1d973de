//! Programmes for residents' children (托管, issue 25 item 1) on real SQLite files: a programme
//! checked, children enrolled within the age range and the capacity, the waiting list promoted in
//! order, the desk's sign-in and sign-out with who collected the child, a child not collected at
//! closing, a shift's hours credited to the rota's volunteers once, the month's figures and the
//! children withheld from a role without the grant.

use linli_domain::programmes::{CollectorKind, DayState, EnrolState, ProgrammeKind};
use linli_domain::{Gender, Id};
use linli_protocol::*;
use linli_store::Store;

use crate::lending::{on, station_at};

pub(crate) struct Desk {
    pub s: Store,
    _dir: tempfile::TempDir,
    pub community: Id,
    pub homes: Vec<Id>,
    pub volunteers: Vec<Id>,
}

fn resident(s: &mut Store, household: Id, name: &str, birth: &str) -> Id {
    s.add_resident(&AddResident {
        household_id: household,
        fields: ResidentFields {
            name: name.into(),
            gender: Some(Gender::Male),
            birth_date: Some(birth.into()),
            phone: Some("13912345678".into()),
            relation: "子".into(),
            ..ResidentFields::default()
        },
    })
    .unwrap()
    .id
}

pub(crate) fn desk() -> Desk {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, community, _, homes) = station_at(&dir.path().join("linli.db"));
    let volunteers = ["周老师", "吴阿姨"]
        .iter()
        .map(|name| {
            s.add_volunteer(&AddVolunteer {
                community_id: community,
                resident_id: None,
                name: (*name).into(),
                phone: None,
                skills: vec![],
                availability: String::new(),
            })
            .unwrap()
            .id
        })
        .collect();
    Desk {
        s,
        _dir: dir,
        community,
        homes,
        volunteers,
    }
}

pub(crate) fn fields(d: &Desk, capacity: i64) -> ProgrammeFields {
    ProgrammeFields {
        community_id: d.community,
        kind: ProgrammeKind::AfterSchool,
        name: "北门四点半学校".into(),
        place_id: None,
        room: "二楼活动室".into(),
        weekdays: "12345".into(),
        opens: "16:30".into(),
        closes: "18:30".into(),
        term_start: "2026-03-02".into(),
        term_end: "2026-07-10".into(),
        capacity,
        age_min: 6,
        age_max: 12,
        staff: vec![
            StaffFields {
                volunteer_id: Some(d.volunteers[0]),
                person_id: None,
                weekdays: "135".into(),
            },
            StaffFields {
                volunteer_id: Some(d.volunteers[1]),
                person_id: None,
                weekdays: "24".into(),
            },
        ],
        note: String::new(),
    }
}

fn mother() -> Guardian {
    Guardian {
        resident_id: None,
        name: "李娜".into(),
        relation: "母亲".into(),
        phone: "13812345678".into(),
    }
}

fn enrol(d: &mut Desk, p: Id, child: Id) -> linli_store::Result<Enrolment> {
    d.s.enrol_child(&EnrolChild {
        programme_id: p,
        resident_id: child,
        guardians: vec![mother()],
        date: None,
        note: String::new(),
    })
}

#[test]
fn a_programme_is_checked_before_it_is_written() {
    let mut d = desk();
    let mut f = fields(&d, 20);
    f.closes = "16:00".into();
    assert!(d.s.add_programme(&AddProgramme { fields: f }).is_err());
    let mut f = fields(&d, 20);
    f.capacity = 0;
    assert!(d.s.add_programme(&AddProgramme { fields: f }).is_err());
    let mut f = fields(&d, 20);
    f.age_min = 13;
    assert!(d.s.add_programme(&AddProgramme { fields: f }).is_err());
    let mut f = fields(&d, 20);
    f.weekdays = "".into();
    assert!(d.s.add_programme(&AddProgramme { fields: f }).is_err());
    assert!(d
        .s
        .list_programmes(&ListProgrammes::default())
        .unwrap()
        .is_empty());
    let p =
        d.s.add_programme(&AddProgramme {
            fields: fields(&d, 20),
        })
        .unwrap();
    assert_eq!(p.place_name, "北门社区");
    assert_eq!(p.staff_named[0].name, "周老师");
    let list = d.s.list_programmes(&ListProgrammes::default()).unwrap();
    assert_eq!(list.len(), 1);
    assert!(list[0].meets, "2026-03-02 is a Monday in the term");
    assert_eq!(list[0].staff, "周老师、吴阿姨");
}

#[test]
fn enrolment_checks_the_age_and_fills_up_to_the_capacity_then_waits() {
    let mut d = desk();
    let p =
        d.s.add_programme(&AddProgramme {
            fields: fields(&d, 2),
        })
        .unwrap()
        .id;
    let small = resident(&mut d.s, d.homes[0], "王小小", "2022-01-01");
    let err = enrol(&mut d, p, small).unwrap_err();
    assert!(err.to_string().contains("王小小"), "{err}");
    let kids: Vec<Id> = ["张一", "张二", "张三", "张四"]
        .iter()
        .enumerate()
        .map(|(i, n)| resident(&mut d.s, d.homes[i % 3], n, "2017-05-01"))
        .collect();
    let a = enrol(&mut d, p, kids[0]).unwrap();
    assert_eq!(a.state, EnrolState::Enrolled);
    assert_eq!(a.age, Some(8));
    assert_eq!(
        a.guardians[0].phone, "138****5678",
        "the guardian's phone is masked"
    );
    enrol(&mut d, p, kids[1]).unwrap();
    let c = enrol(&mut d, p, kids[2]).unwrap();
    assert_eq!((c.state, c.position), (EnrolState::Waiting, Some(1)));
    let e = enrol(&mut d, p, kids[3]).unwrap();
    assert_eq!((e.state, e.position), (EnrolState::Waiting, Some(2)));
    // the same child twice is refused, and changes nothing
    assert!(enrol(&mut d, p, kids[0]).is_err());
    // no guardian: refused
    assert!(d
        .s
        .enrol_child(&EnrolChild {
            programme_id: p,
            resident_id: small,
            guardians: vec![],
            date: None,
            note: String::new(),
        })
        .is_err());
    let detail = d.s.programme(&GetProgramme { id: p }).unwrap();
    assert_eq!((detail.roster.len(), detail.waiting.len()), (2, 2));
    assert_eq!(detail.programme.enrolled, 2);
}

#[test]
fn a_freed_place_goes_to_the_first_waiting_in_order() {
    let mut d = desk();
    let p =
        d.s.add_programme(&AddProgramme {
            fields: fields(&d, 1),
        })
        .unwrap()
        .id;
    let kids: Vec<Id> = ["甲", "乙", "丙"]
        .iter()
        .map(|n| resident(&mut d.s, d.homes[0], n, "2017-05-01"))
        .collect();
    let first = enrol(&mut d, p, kids[0]).unwrap();
    enrol(&mut d, p, kids[1]).unwrap();
    enrol(&mut d, p, kids[2]).unwrap();
    let after =
        d.s.withdraw_child(&WithdrawChild {
            enrolment_id: first.id,
            date: None,
        })
        .unwrap();
    assert_eq!(after.roster.len(), 1);
    assert_eq!(after.roster[0].name, "乙", "the first on the waiting list");
    assert_eq!(after.waiting[0].name, "丙");
    assert_eq!(after.waiting[0].position, Some(1));
    assert_eq!(after.left[0].name, "甲");
    // leaving twice is refused
    assert!(d
        .s
        .withdraw_child(&WithdrawChild {
            enrolment_id: first.id,
            date: None
        })
        .is_err());
    // a larger capacity promotes those waiting
    let mut f = fields(&d, 2);
    f.name = "北门四点半学校".into();
    d.s.edit_programme(&EditProgramme { id: p, fields: f })
        .unwrap();
    let now = d.s.programme(&GetProgramme { id: p }).unwrap();
    assert_eq!(now.roster.len(), 2);
    assert!(now.waiting.is_empty());
}

#[test]
fn the_desk_signs_in_and_out_with_the_collecting_guardian() {
    let mut d = desk();
    let p =
        d.s.add_programme(&AddProgramme {
            fields: fields(&d, 10),
        })
        .unwrap()
        .id;
    let a = resident(&mut d.s, d.homes[0], "张一", "2017-05-01");
    let b = resident(&mut d.s, d.homes[1], "张二", "2017-05-01");
    let ea = enrol(&mut d, p, a).unwrap().id;
    let eb = enrol(&mut d, p, b).unwrap().id;
    // signing out before signing in is refused
    assert!(d
        .s
        .sign_child_out(&SignOut {
            enrolment_id: ea,
            date: None,
            time: Some("18:00".into()),
            collector: CollectorKind::Guardian,
            guardian: Some(0),
            name: String::new(),
            reason: String::new(),
        })
        .is_err());
    let line =
        d.s.sign_child_in(&SignIn {
            enrolment_id: ea,
            date: None,
            time: Some("16:35".into()),
        })
        .unwrap();
    assert_eq!((line.state, line.in_at.as_str()), (DayState::In, "16:35"));
    assert!(d
        .s
        .sign_child_in(&SignIn {
            enrolment_id: ea,
            date: None,
            time: None
        })
        .is_err());
    d.s.sign_child_in(&SignIn {
        enrolment_id: eb,
        date: None,
        time: Some("16:40".into()),
    })
    .unwrap();
    // only a listed guardian; anyone else by name with a reason
    let not_listed = SignOut {
        enrolment_id: ea,
        date: None,
        time: Some("18:10".into()),
        collector: CollectorKind::Guardian,
        guardian: Some(3),
        name: String::new(),
        reason: String::new(),
    };
    assert!(d.s.sign_child_out(&not_listed).is_err());
    let no_reason = SignOut {
        collector: CollectorKind::Other,
        guardian: None,
        name: "王阿姨（邻居）".into(),
        ..not_listed.clone()
    };
    assert!(d.s.sign_child_out(&no_reason).is_err());
    let out =
        d.s.sign_child_out(&SignOut {
            guardian: Some(0),
            ..not_listed.clone()
        })
        .unwrap();
    assert_eq!(out.state, DayState::Out);
    assert_eq!(out.collected_by, "李娜（母亲）");
    assert!(d
        .s
        .sign_child_out(&SignOut {
            guardian: Some(0),
            ..not_listed
        })
        .is_err());
    // the sheet at 12:00 local: no one is late yet; the next day 张二 shows not collected
    let sheet =
        d.s.sign_sheet(&GetSignSheet {
            programme_id: p,
            date: None,
        })
        .unwrap();
    assert_eq!((sheet.present, sheet.not_collected), (2, 0));
    on(&mut d.s, "2026-03-03");
    let sheet =
        d.s.sign_sheet(&GetSignSheet {
            programme_id: p,
            date: Some("2026-03-02".into()),
        })
        .unwrap();
    assert_eq!(sheet.not_collected, 1);
    assert!(sheet
        .lines
        .iter()
        .any(|l| l.name == "张二" && l.not_collected));
    // a Saturday is refused: the programme does not meet
    on(&mut d.s, "2026-03-07");
    assert!(d
        .s
        .sign_child_in(&SignIn {
            enrolment_id: ea,
            date: None,
            time: None
        })
        .is_err());
    let hist =
        d.s.programme_attendance(&GetAttendance {
            programme_id: p,
            month: Some("2026-03".into()),
        })
        .unwrap();
    assert_eq!(hist.days.len(), 1);
    assert_eq!(hist.days[0].present, 2);
    assert_eq!(hist.children.iter().map(|c| c.days).sum::<u32>(), 2);
}

#[test]
fn a_shift_is_credited_to_the_rota_once_through_the_time_bank() {
    let mut d = desk();
    let p =
        d.s.add_programme(&AddProgramme {
            fields: fields(&d, 10),
        })
        .unwrap()
        .id;
    // Monday: 周老师 is on the rota (135), 吴阿姨 is not (24)
    let c =
        d.s.credit_programme_shift(&CreditProgrammeShift {
            programme_id: p,
            date: None,
        })
        .unwrap();
    assert_eq!(c.credited.len(), 1);
    assert_eq!(c.credited[0].volunteer_name, "周老师");
    assert_eq!(c.credited[0].hours, 2.0);
    assert_eq!(c.credited[0].category, "课业辅导");
    let again =
        d.s.credit_programme_shift(&CreditProgrammeShift {
            programme_id: p,
            date: None,
        })
        .unwrap();
    assert!(again.credited.is_empty());
    assert_eq!(again.already, ["周老师"]);
    let hours =
        d.s.list_hours(&ListHours {
            community_id: Some(d.community),
            volunteer_id: None,
            pending_only: false,
        })
        .unwrap();
    assert_eq!(hours.len(), 1, "one entry in the time bank");
    // Tuesday: 吴阿姨
    on(&mut d.s, "2026-03-03");
    let c =
        d.s.credit_programme_shift(&CreditProgrammeShift {
            programme_id: p,
            date: None,
        })
        .unwrap();
    assert_eq!(c.credited[0].volunteer_name, "吴阿姨");
    let f =
        d.s.programmes_report(&ProgrammesReport {
            month: Some("2026-03".into()),
            place_id: None,
        })
        .unwrap();
    assert_eq!((f.shifts, f.volunteer_hours), (2, 4.0));
    assert_eq!(f.programmes, 1);
}

#[test]
fn the_month_counts_children_days_and_hours() {
    let mut d = desk();
    let p =
        d.s.add_programme(&AddProgramme {
            fields: fields(&d, 1),
        })
        .unwrap()
        .id;
    let a = resident(&mut d.s, d.homes[0], "张一", "2017-05-01");
    let b = resident(&mut d.s, d.homes[1], "张二", "2017-05-01");
    let ea = enrol(&mut d, p, a).unwrap().id;
    enrol(&mut d, p, b).unwrap();
    for day in ["2026-03-02", "2026-03-03", "2026-03-04"] {
        on(&mut d.s, day);
        d.s.sign_child_in(&SignIn {
            enrolment_id: ea,
            date: None,
            time: Some("16:40".into()),
        })
        .unwrap();
    }
    let f =
        d.s.programmes_report(&ProgrammesReport {
            month: Some("2026-03".into()),
            place_id: None,
        })
        .unwrap();
    assert_eq!((f.enrolled, f.waiting, f.new_enrolments), (1, 1, 1));
    assert_eq!(f.attendance_days, 3);
    assert_eq!(f.not_collected, 2, "the days before today never signed out");
    assert_eq!(f.by_kind[0].code, "after_school");
    let april =
        d.s.programmes_report(&ProgrammesReport {
            month: Some("2026-02".into()),
            place_id: None,
        })
        .unwrap();
    assert_eq!((april.enrolled, april.attendance_days), (0, 0));
}

#[test]
fn children_are_withheld_from_a_role_without_the_grant() {
    let mut d = desk();
    let p =
        d.s.add_programme(&AddProgramme {
            fields: fields(&d, 5),
        })
        .unwrap()
        .id;
    let a = resident(&mut d.s, d.homes[0], "张一", "2017-05-01");
    enrol(&mut d, p, a).unwrap();
    d.s.save_sync_role(linli_protocol::sync::Role::Coordinator)
        .unwrap();
    let seen = d.s.programme(&GetProgramme { id: p }).unwrap();
    assert!(!seen.withheld);
    assert_eq!(seen.roster[0].name, "张一");
    d.s.save_sync_role(linli_protocol::sync::Role::GridWorker)
        .unwrap();
    let hidden = d.s.programme(&GetProgramme { id: p }).unwrap();
    assert!(hidden.withheld);
    assert_eq!(hidden.programme.enrolled, 1, "the count still shows");
    assert!(hidden
        .roster
        .iter()
        .all(|e| e.withheld && e.name.is_empty() && e.guardians.is_empty()));
}
