//! A community's rules on real SQLite files (issue 15 item 3): the station's name and care tags
//! (synced `community_settings`), read back with the visit intervals, escalation days and points
//! rules; only an administrator changes them; bad input writes nothing.

use crate::common::add;
use linli_domain::field::TaskCategory;
use linli_domain::register::{Role, KNOWN_CARE_TAGS};
use linli_domain::{Id, PlaceKind};
use linli_protocol::*;
use linli_store::Store;

fn community() -> (Store, tempfile::TempDir, Id) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path().join("linli.db")).unwrap();
    let town = add(&mut store, PlaceKind::Town, "樟城镇", None);
    let c = add(&mut store, PlaceKind::Community, "北门社区", Some(town));
    (store, dir, c)
}

fn me_with(store: &mut Store, community: Id, name: &str, roles: Vec<Role>) {
    let p = store
        .add_person(&AddPerson {
            community_id: community,
            name: name.into(),
            phone: None,
            roles,
        })
        .unwrap();
    store
        .set_me(&SetMe {
            person_id: Some(p.id),
        })
        .unwrap();
}

fn settings(c: Id, name: Option<&str>, tags: Option<&[&str]>) -> SetCommunitySettings {
    SetCommunitySettings {
        community_id: c,
        station_name: name.map(str::to_owned),
        care_tags: tags.map(|t| t.iter().map(|s| (*s).to_owned()).collect()),
    }
}

#[test]
fn the_rules_read_back_with_defaults_until_set() {
    let (mut s, _dir, c) = community();
    let r = s
        .get_community_rules(&GetCommunityRules { community_id: c })
        .unwrap();
    assert_eq!(r.station_name, "");
    assert_eq!(r.care_tags.len(), KNOWN_CARE_TAGS.len());
    assert_eq!((r.visit.care_days, r.visit.everyone_days), (7, 90));
    assert!(r.tasks.iter().all(|t| !t.set));
    assert_eq!(r.points.default_rate, 10);

    s.set_visit_rules(&SetVisitRules {
        community_id: c,
        care_days: 14,
        everyone_days: 60,
    })
    .unwrap();
    s.set_task_rule(&SetTaskRule {
        community_id: c,
        category: TaskCategory::CivicMatter,
        escalate_after_days: 5,
    })
    .unwrap();
    s.set_points_rules(&SetPointsRules {
        community_id: c,
        rates: [("护学".to_owned(), 15)].into(),
        default_rate: 12,
        entry_cap: Some(40),
        month_cap: None,
        expiry_months: Some(24),
    })
    .unwrap();
    let r = s
        .set_community_settings(&settings(
            c,
            Some(" 北门社区新时代文明实践站 "),
            Some(&["残疾", "独居老人"]),
        ))
        .unwrap();
    assert_eq!(r.station_name, "北门社区新时代文明实践站");
    assert_eq!(
        r.care_tags,
        ["独居老人", "残疾"],
        "kept in the domain's order"
    );
    assert_eq!((r.visit.care_days, r.visit.everyone_days), (14, 60));
    let civic = r
        .tasks
        .iter()
        .find(|t| t.category == TaskCategory::CivicMatter)
        .unwrap();
    assert_eq!((civic.escalate_after_days, civic.set), (5, true));
    assert_eq!((r.points.default_rate, r.points.entry_cap), (12, Some(40)));

    // the name alone leaves the tags; the change is one synced entity write
    let before = s.journal().unwrap().len();
    let r = s
        .set_community_settings(&settings(c, Some("北门站"), None))
        .unwrap();
    assert_eq!(r.care_tags, ["独居老人", "残疾"]);
    let journal = s.journal().unwrap();
    assert_eq!(journal.len(), before + 1);
    let last = journal.last().unwrap();
    assert_eq!(
        (last.table.as_str(), last.row_id),
        ("community_settings", c)
    );
    assert_eq!(last.fields["station_name"], "北门站");
    assert!(!last.fields.contains_key("care_tags"));
    assert_eq!(last.scope_community, Some(c));
}

#[test]
fn bad_settings_are_refused_and_write_nothing() {
    let (mut s, _dir, c) = community();
    let before = s.journal().unwrap().len();
    let long = "站".repeat(41);
    let cases: [(SetCommunitySettings, &str); 4] = [
        (
            settings(c, Some(&long), None),
            "站点名称最多40个字，现在是41个字",
        ),
        (settings(c, None, Some(&[])), "请至少选择一个关爱标签"),
        (
            settings(c, None, Some(&["爱打麻将"])),
            "“爱打麻将”不是关爱标签",
        ),
        (settings(c, None, Some(&["党员"])), "党员是政治面貌"),
    ];
    for (req, says) in cases {
        let err = s.set_community_settings(&req).unwrap_err().to_string();
        assert!(err.contains(says), "{err}");
    }
    let town = s
        .list_places(&ListPlaces {
            kind: Some(PlaceKind::Town),
            parent_id: None,
        })
        .unwrap()[0]
        .id;
    let err = s
        .set_community_settings(&settings(town, Some("站"), None))
        .unwrap_err();
    assert_eq!(err.to_string(), "请选择一个社区");
    assert_eq!(s.journal().unwrap().len(), before);
}

#[test]
fn only_an_administrator_changes_the_rules() {
    let (mut s, _dir, c) = community();
    me_with(&mut s, c, "王网格", vec![Role::GridWorker]);
    let before = s.journal().unwrap().len();
    let refusals = [
        s.set_community_settings(&settings(c, Some("北门站"), None))
            .map(|_| ()),
        s.set_visit_rules(&SetVisitRules {
            community_id: c,
            care_days: 3,
            everyone_days: 30,
        })
        .map(|_| ()),
        s.set_task_rule(&SetTaskRule {
            community_id: c,
            category: TaskCategory::PublicMatter,
            escalate_after_days: 2,
        })
        .map(|_| ()),
        s.set_points_rules(&SetPointsRules {
            community_id: c,
            rates: Default::default(),
            default_rate: 20,
            entry_cap: None,
            month_cap: None,
            expiry_months: None,
        })
        .map(|_| ()),
        // the sharing station's limits and overdue block (借还 → 规则, 设置 → 社区规则)
        s.set_lend_rules(&SetLendRules {
            rules: LendRules {
                community_id: c,
                max_loans: 1,
                block_overdue_days: 0,
                renew_overdue_days: 0,
                pickup_days: 1,
            },
        })
        .map(|_| ()),
    ];
    for r in refusals {
        let err = r.unwrap_err().to_string();
        assert!(err.contains("只有社区管理员可以修改社区规则"), "{err}");
        assert!(err.contains("王网格"), "{err}");
    }
    assert_eq!(s.journal().unwrap().len(), before, "nothing written");

    me_with(&mut s, c, "李主任", vec![Role::Admin]);
    let r = s
        .set_community_settings(&settings(c, Some("北门站"), None))
        .unwrap();
    assert_eq!(r.station_name, "北门站");
}

#[test]
fn a_statement_is_printed_for_the_volunteers_station() {
    let (mut s, _dir, c) = community();
    let v = s
        .add_volunteer(&AddVolunteer {
            community_id: c,
            resident_id: None,
            name: "林秀英".into(),
            phone: None,
            skills: vec![],
            availability: String::new(),
        })
        .unwrap();
    let station = s.station_of(&StationOf { volunteer_id: v.id }).unwrap();
    assert_eq!(
        (
            station.community_id,
            station.community_name.as_str(),
            station.station_name.as_str()
        ),
        (Some(c), "北门社区", ""),
        "no station name set: the page prints the community's"
    );
    s.set_community_settings(&settings(c, Some("北门社区新时代文明实践站"), None))
        .unwrap();
    let station = s.station_of(&StationOf { volunteer_id: v.id }).unwrap();
    assert_eq!(station.station_name, "北门社区新时代文明实践站");
    let err = s
        .station_of(&StationOf {
            volunteer_id: Id::new(),
        })
        .unwrap_err();
    assert!(matches!(err, linli_store::Error::NotFound { .. }), "{err}");
}
