//! Security patrols (巡防, issue 25 item 2) on real SQLite files: a team with residents and an
//! outside police officer (phone masked), bad input refused with nothing written, a rota from a
//! weekly pattern (generated twice: one set of slots), missed slots, a log with a finding made a
//! request once only, the month's figures and the monthly report's lines.

use linli_domain::field::TaskCategory;
use linli_domain::patrols::{FindingCategory, MemberRole, SlotState};
use linli_domain::{Gender, Id};
use linli_protocol::*;
use linli_store::Store;

use crate::lending::{on, station_at};

struct Patrol {
    s: Store,
    _dir: tempfile::TempDir,
    community: Id,
    team: Id,
    resident: Id,
    police: Id,
}

fn code(e: linli_store::Error) -> &'static str {
    e.code().map(|c| c.0).unwrap_or_default()
}

/// Rows in the patrol tables and tasks, and changes journaled: what "nothing changed" compares.
fn counts(s: &Store) -> Vec<i64> {
    [
        "patrol_teams",
        "patrol_members",
        "patrol_slots",
        "patrol_logs",
        "patrol_findings",
        "tasks",
        "task_events",
    ]
    .iter()
    .map(|t| {
        s.conn()
            .query_row(&format!("SELECT count(*) FROM {t} WHERE 1"), [], |r| {
                r.get(0)
            })
            .unwrap()
    })
    .collect()
}

fn patrol() -> Patrol {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, community, _, homes) = station_at(&dir.path().join("linli.db"));
    let resident = s
        .add_resident(&AddResident {
            household_id: homes[0],
            fields: ResidentFields {
                name: "陈党员".into(),
                gender: Some(Gender::Male),
                birth_date: Some("1970-05-01".into()),
                phone: Some("13912345678".into()),
                relation: "户主".into(),
                ..ResidentFields::default()
            },
        })
        .unwrap()
        .id;
    let team = s
        .save_patrol_team(&SavePatrolTeam {
            id: None,
            fields: PatrolTeamFields {
                community_id: community,
                name: "北门治安巡防队".into(),
                area: "1–12号楼".into(),
                note: String::new(),
            },
        })
        .unwrap()
        .id;
    s.save_patrol_member(&SavePatrolMember {
        id: None,
        team_id: team,
        resident_id: Some(resident),
        name: String::new(),
        phone: String::new(),
        role: MemberRole::PartyMember,
    })
    .unwrap();
    let t = s
        .save_patrol_member(&SavePatrolMember {
            id: None,
            team_id: team,
            resident_id: None,
            name: "李警官".into(),
            phone: "139 0591 0110".into(),
            role: MemberRole::Police,
        })
        .unwrap();
    let police = t.members.iter().find(|m| m.name == "李警官").unwrap().id;
    Patrol {
        s,
        _dir: dir,
        community,
        team,
        resident,
        police,
    }
}

fn log_fields(
    p: &Patrol,
    slot: Option<Id>,
    date: &str,
    findings: Vec<FindingFields>,
) -> PatrolLogFields {
    PatrolLogFields {
        team_id: p.team,
        slot_id: slot,
        date: date.into(),
        starts: "19:00".into(),
        ends: "21:00".into(),
        route: "南门—3栋—北门".into(),
        members: vec![p.police],
        findings,
        note: String::new(),
    }
}

#[test]
fn a_team_has_residents_and_an_outside_police_officer_with_a_masked_phone() {
    let mut p = patrol();
    let teams =
        p.s.list_patrol_teams(&ListPatrolTeams {
            community_id: Some(p.community),
        })
        .unwrap();
    assert_eq!(teams.len(), 1);
    let m = &teams[0].members;
    assert_eq!(m.len(), 2);
    assert_eq!(
        (m[0].name.as_str(), m[0].role),
        ("陈党员", MemberRole::PartyMember)
    );
    assert_eq!(m[0].resident_id, Some(p.resident));
    assert_eq!(m[0].phone, "139****5678");
    assert_eq!(
        (m[1].name.as_str(), m[1].role),
        ("李警官", MemberRole::Police)
    );
    assert_eq!(m[1].phone, "139****0110");
}

#[test]
fn bad_input_is_refused_and_nothing_changes() {
    let mut p = patrol();
    let before = counts(&p.s);
    let member = |name: &str, phone: &str, resident: Option<Id>| SavePatrolMember {
        id: None,
        team_id: p.team,
        resident_id: resident,
        name: name.into(),
        phone: phone.into(),
        role: MemberRole::Guard,
    };
    let e = p.s.save_patrol_member(&member(" ", "", None)).unwrap_err();
    assert_eq!(code(e), "patrol_member_name_missing");
    let e =
        p.s.save_patrol_member(&member("王师傅", "12345", None))
            .unwrap_err();
    assert_eq!(code(e), "phone_format");
    let e =
        p.s.save_patrol_member(&member("李警官", "", None))
            .unwrap_err();
    assert_eq!(code(e), "patrol_member_twice");
    let e =
        p.s.save_patrol_member(&member("", "", Some(p.resident)))
            .unwrap_err();
    assert_eq!(code(e), "patrol_member_twice");
    let rota = |weekdays: &str, from: &str, to: &str, ends: &str| GeneratePatrolRota {
        team_id: p.team,
        weekdays: weekdays.into(),
        starts: "19:00".into(),
        ends: ends.into(),
        from: from.into(),
        to: to.into(),
        members: vec![],
    };
    let e =
        p.s.generate_patrol_rota(&rota("135", "2026-03-20", "2026-03-01", "21:00"))
            .unwrap_err();
    assert_eq!(code(e), "patrol_rota_order");
    let e =
        p.s.generate_patrol_rota(&rota("135", "2026-01-01", "2026-06-30", "21:00"))
            .unwrap_err();
    assert_eq!(code(e), "patrol_rota_too_long");
    let e =
        p.s.generate_patrol_rota(&rota("135", "2026-03-01", "2026-03-20", "19:00"))
            .unwrap_err();
    assert_eq!(code(e), "patrol_empty_window");
    let e =
        p.s.generate_patrol_rota(&rota("", "2026-03-01", "2026-03-20", "21:00"))
            .unwrap_err();
    assert_eq!(code(e), "prog_bad_weekdays");
    // a log: in the future, nobody went, a finding without a description
    let fid = p.s.log_patrol(&LogPatrol {
        id: None,
        fields: log_fields(&p, None, "2026-03-09", vec![]),
    });
    assert_eq!(code(fid.unwrap_err()), "patrol_future_log");
    let mut f = log_fields(&p, None, "2026-03-01", vec![]);
    f.members.clear();
    let e =
        p.s.log_patrol(&LogPatrol {
            id: None,
            fields: f,
        })
        .unwrap_err();
    assert_eq!(code(e), "patrol_no_members");
    let bad = FindingFields {
        id: None,
        category: FindingCategory::Hazard,
        place: "3栋".into(),
        description: "  ".into(),
    };
    let e =
        p.s.log_patrol(&LogPatrol {
            id: None,
            fields: log_fields(&p, None, "2026-03-01", vec![bad]),
        })
        .unwrap_err();
    assert_eq!(code(e), "patrol_finding_empty");
    assert_eq!(counts(&p.s), before);
}

#[test]
fn a_rota_generated_twice_is_one_rota_and_past_slots_without_a_log_are_missed() {
    let mut p = patrol();
    // 2026-03-02 is a Monday; the store's clock reads 2026-03-02 12:00
    let req = GeneratePatrolRota {
        team_id: p.team,
        weekdays: "135".into(),
        starts: "19:00".into(),
        ends: "21:00".into(),
        from: "2026-02-16".into(),
        to: "2026-03-08".into(),
        members: vec![p.police],
    };
    let made = p.s.generate_patrol_rota(&req).unwrap();
    assert_eq!(made.len(), 9);
    assert_eq!(made[0].member_names, "李警官");
    assert!(p.s.generate_patrol_rota(&req).unwrap().is_empty());
    let all =
        p.s.list_patrol_slots(&ListPatrolSlots {
            community_id: Some(p.community),
            from: Some("2026-02-01".into()),
            to: Some("2026-03-31".into()),
            ..ListPatrolSlots::default()
        })
        .unwrap();
    assert_eq!(all.len(), 9);
    // six past slots (16, 18, 20, 23, 25, 27 Feb), today's evening and two more to come
    let missed = |s: &mut Store| {
        s.list_patrol_slots(&ListPatrolSlots {
            missed_only: true,
            from: Some("2026-02-01".into()),
            to: Some("2026-03-31".into()),
            ..ListPatrolSlots::default()
        })
        .unwrap()
    };
    assert_eq!(missed(&mut p.s).len(), 6);
    let slot = &all[1];
    assert_eq!(slot.date, "2026-02-18");
    p.s.log_patrol(&LogPatrol {
        id: None,
        fields: log_fields(&p, Some(slot.id), "2026-02-18", vec![]),
    })
    .unwrap();
    let now = missed(&mut p.s);
    assert_eq!(now.len(), 5);
    assert!(now.iter().all(|s| s.date != "2026-02-18"));
    // a slot fulfilled once: a second log for it is refused
    let e =
        p.s.log_patrol(&LogPatrol {
            id: None,
            fields: log_fields(&p, Some(slot.id), "2026-02-18", vec![]),
        })
        .unwrap_err();
    assert_eq!(code(e), "patrol_slot_logged");
    // the evening's slot is planned until it ends
    let today = all.iter().find(|s| s.date == "2026-03-02").unwrap();
    assert_eq!(today.state, SlotState::Planned);
    on(&mut p.s, "2026-03-03");
    assert_eq!(missed(&mut p.s).len(), 6);
    // a slot cancelled is no longer missed; a logged one cannot be cancelled
    let first = all[0].clone();
    let gone =
        p.s.edit_patrol_slot(&EditPatrolSlot {
            id: first.id,
            date: first.date.clone(),
            starts: first.starts.clone(),
            ends: first.ends.clone(),
            members: vec![],
            note: String::new(),
            cancelled: true,
        })
        .unwrap();
    assert!(gone.is_none());
    assert_eq!(missed(&mut p.s).len(), 5);
    let e =
        p.s.edit_patrol_slot(&EditPatrolSlot {
            id: slot.id,
            date: slot.date.clone(),
            starts: slot.starts.clone(),
            ends: slot.ends.clone(),
            members: vec![],
            note: String::new(),
            cancelled: true,
        })
        .unwrap_err();
    assert_eq!(code(e), "patrol_slot_logged");
    let f =
        p.s.patrols_report(&PatrolsReport {
            month: Some("2026-02".into()),
            place_id: None,
        })
        .unwrap();
    assert_eq!((f.done, f.missed, f.planned), (1, 4, 0));
}

#[test]
fn a_finding_becomes_a_request_once_only() {
    let mut p = patrol();
    let finding = FindingFields {
        id: None,
        category: FindingCategory::Facility,
        place: "3栋东侧".into(),
        description: "路灯不亮".into(),
    };
    let log =
        p.s.log_patrol(&LogPatrol {
            id: None,
            fields: log_fields(&p, None, "2026-03-01", vec![finding]),
        })
        .unwrap();
    let fid = log.findings[0].id;
    assert_eq!(log.findings[0].task_id, None);
    let req = PatrolFindingToRequest {
        finding_id: fid,
        title: String::new(),
        category: TaskCategory::PublicMatter,
        owner_id: None,
        due_date: Some("2026-03-09".into()),
    };
    let log = p.s.patrol_finding_to_request(&req).unwrap();
    let f = &log.findings[0];
    let task = f.task_id.expect("the finding shows its request");
    assert!(f.task_title.contains("路灯不亮"), "{}", f.task_title);
    assert!(f.task_status.is_some());
    let before = counts(&p.s);
    let e = p.s.patrol_finding_to_request(&req).unwrap_err();
    assert_eq!(code(e), "patrol_already_request");
    assert_eq!(counts(&p.s), before);
    let tasks: i64 =
        p.s.conn()
            .query_row("SELECT count(*) FROM tasks", [], |r| r.get(0))
            .unwrap();
    assert_eq!(tasks, 1);
    let desc: String =
        p.s.conn()
            .query_row(
                "SELECT description FROM tasks WHERE id = ?1",
                [task.to_string()],
                |r| r.get(0),
            )
            .unwrap();
    assert!(
        desc.contains("3栋东侧") && desc.contains("北门治安巡防队"),
        "{desc}"
    );
    // the finding made a request cannot be dropped from its log
    let mut fields = log_fields(&p, None, "2026-03-01", vec![]);
    fields.note = "改".into();
    let e =
        p.s.log_patrol(&LogPatrol {
            id: Some(log.id),
            fields,
        })
        .unwrap_err();
    assert_eq!(code(e), "patrol_finding_has_request");
    let f =
        p.s.patrols_report(&PatrolsReport {
            month: Some("2026-03".into()),
            place_id: None,
        })
        .unwrap();
    assert_eq!((f.done, f.findings, f.requests), (1, 1, 1));
    assert_eq!(f.by_category[0].code, "facility");
    // the monthly report's lines, each opening its rows
    let m =
        p.s.monthly_report(&MonthlyReport {
            month: "2026-03".into(),
            place_id: Some(p.community),
            path: None,
            grid_id: None,
        })
        .unwrap();
    let line = |k: &str| m.figures.iter().find(|f| f.key == k).map(|f| f.month);
    assert_eq!(line("patrol_done"), Some(1.0));
    assert_eq!(line("patrol_findings"), Some(1.0));
    assert_eq!(line("patrol_requests"), Some(1.0));
    let rows =
        p.s.monthly_figure_records(&MonthlyFigureRecords {
            month: "2026-03".into(),
            place_id: Some(p.community),
            key: "patrol_requests".into(),
            cumulative: false,
            grid_id: None,
        })
        .unwrap();
    assert_eq!(rows.rows.len(), 1);
    assert!(rows.rows[0][6].contains("路灯不亮"), "{:?}", rows.rows);
}

/// 转为诉求 with an owner: someone not in the register is refused and nothing is written; with a
/// person of the community the request is dispatched to them at once, with its due date.
#[test]
fn a_findings_request_goes_to_the_owner_chosen() {
    let mut p = patrol();
    let owner =
        p.s.add_person(&AddPerson {
            community_id: p.community,
            name: "陈网格".into(),
            phone: None,
            roles: vec![linli_domain::register::Role::GridWorker],
        })
        .unwrap()
        .id;
    let finding = FindingFields {
        id: None,
        category: FindingCategory::Hazard,
        place: "5号楼".into(),
        description: "楼道堆放纸箱".into(),
    };
    let log =
        p.s.log_patrol(&LogPatrol {
            id: None,
            fields: log_fields(&p, None, "2026-03-01", vec![finding]),
        })
        .unwrap();
    let mut req = PatrolFindingToRequest {
        finding_id: log.findings[0].id,
        title: String::new(),
        category: TaskCategory::PublicMatter,
        owner_id: Some(Id::new()),
        due_date: Some("2026-03-09".into()),
    };
    let before = counts(&p.s);
    assert!(p.s.patrol_finding_to_request(&req).is_err());
    assert_eq!(counts(&p.s), before, "an unknown owner changes nothing");
    req.owner_id = Some(owner);
    let log = p.s.patrol_finding_to_request(&req).unwrap();
    let task = log.findings[0].task_id.unwrap();
    let d =
        p.s.get_task(&GetTask {
            id: task,
            today: None,
        })
        .unwrap();
    assert_eq!(d.task.assignee_id, Some(owner));
    assert_eq!(d.task.assignee_name.as_deref(), Some("陈网格"));
    assert_eq!(d.task.due_date.as_deref(), Some("2026-03-09"));
    assert_eq!(
        d.task.status,
        linli_domain::field::TaskStatus::Dispatched,
        "dispatched at once"
    );
}
