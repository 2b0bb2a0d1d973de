//! A programme staffed by people as well as volunteers (issue 25 item 1: "staff from volunteers
//! or people"): a party member or a social worker of the station's people, who is not a
//! registered volunteer, is on the rota and named on the programme; the day's shift credits
//! hours to the volunteers only; someone of another community is refused.

use linli_domain::register::Role;
use linli_domain::PlaceKind;
use linli_protocol::*;

use crate::common::add;
use crate::programmes::{desk, fields};

#[test]
fn people_staff_a_programme_but_only_volunteers_are_credited_hours() {
    let mut d = desk();
    let worker =
        d.s.add_person(&AddPerson {
            community_id: d.community,
            name: "党员李红".into(),
            phone: None,
            roles: vec![Role::GridWorker],
        })
        .unwrap()
        .id;
    let mut f = fields(&d, 10);
    f.staff.push(StaffFields {
        volunteer_id: None,
        person_id: Some(worker),
        weekdays: String::new(),
    });
    let p =
        d.s.add_programme(&AddProgramme { fields: f.clone() })
            .unwrap();
    let names: Vec<&str> = p.staff_named.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["周老师", "吴阿姨", "党员李红"]);
    assert_eq!(p.fields.staff[2].person_id, Some(worker));
    // Monday: 周老师 (135) and 李红 (every day) are on the rota; only the volunteer is credited
    let c =
        d.s.credit_programme_shift(&CreditProgrammeShift {
            programme_id: p.id,
            date: None,
        })
        .unwrap();
    let credited: Vec<&str> = c
        .credited
        .iter()
        .map(|e| e.volunteer_name.as_str())
        .collect();
    assert_eq!(credited, ["周老师"]);
    // a programme staffed by people alone has no volunteer's shift to credit
    let mut only_people = fields(&d, 10);
    only_people.name = "妈妈小屋".into();
    only_people.staff = vec![StaffFields {
        volunteer_id: None,
        person_id: Some(worker),
        weekdays: "1".into(),
    }];
    let q =
        d.s.add_programme(&AddProgramme {
            fields: only_people,
        })
        .unwrap();
    let e =
        d.s.credit_programme_shift(&CreditProgrammeShift {
            programme_id: q.id,
            date: None,
        })
        .unwrap_err();
    assert_eq!(e.code().map(|(c, _)| c), Some("prog_no_shift"));
    // someone of another community is refused
    let other = add(&mut d.s, PlaceKind::Community, "南门社区", None);
    let stranger =
        d.s.add_person(&AddPerson {
            community_id: other,
            name: "外社区社工".into(),
            phone: None,
            roles: vec![Role::GridWorker],
        })
        .unwrap()
        .id;
    f.staff.push(StaffFields {
        volunteer_id: None,
        person_id: Some(stranger),
        weekdays: String::new(),
    });
    let e = d.s.add_programme(&AddProgramme { fields: f }).unwrap_err();
    assert_eq!(e.code().map(|(c, _)| c), Some("prog_staff_not_here"));
}
