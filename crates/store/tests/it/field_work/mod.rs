//! Field work on real SQLite files: visits with member updates and follow-ups, corrections, the
//! day's list, coverage with the households behind it, the five-list flow with derived status
//! and rates, escalation, attachments, the nightly review, the weekly agenda and the timeline.
//! This module holds the town they share and the helpers; the tests are in:
//! - `visits`: visits, corrections, visits logged afterwards, attachments, the timeline
//! - `day`: Today, coverage, the nightly review and weekly agenda, who works here, 工作台
//! - `tasks`: the five-list flow, escalation, redispatch, return and extension, ratings, the board
//! - `laptops`: two laptops exchanging their changes converge on tasks and visits

use crate::common::add;
use linli_domain::field::{
    Rater, SnapshotKind, TaskCategory, TaskEventKind, TaskSource, TaskStatus, VisitKind,
    VisitOutcome,
};
use linli_domain::register::{GridKind, Role};
use linli_domain::{Id, PlaceKind};
use linli_protocol::*;
use linli_store::{Error, Store};

struct Town {
    store: Store,
    _dir: tempfile::TempDir,
    community: Id,
    b3: Id,
    b5: Id,
    section_a: Id,
    section_b: Id,
    big: Id,
    worker: Id,
    admin: Id,
    /// 3栋1单元101, 3栋1单元201, 3栋2单元102, 3栋2单元301, 5栋101
    h: Vec<Id>,
    /// the head of 3栋1单元201, an elderly resident living alone (独居老人)
    elder: Id,
    /// the two members of 3栋1单元101
    family: (Id, Id),
}

fn resident(s: &mut Store, household: Id, name: &str, relation: &str, tags: &[&str]) -> Id {
    s.add_resident(&AddResident {
        household_id: household,
        fields: ResidentFields {
            name: name.into(),
            relation: relation.into(),
            care_tags: tags.iter().map(|t| t.to_string()).collect(),
            ..Default::default()
        },
    })
    .unwrap()
    .id
}

fn town() -> Town {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(dir.path().join("linli.db")).unwrap();
    let t = add(&mut s, PlaceKind::Town, "樟城镇", None);
    let community = add(&mut s, PlaceKind::Community, "北门社区", Some(t));
    let compound = add(&mut s, PlaceKind::Compound, "西门新村", Some(community));
    let b3 = add(&mut s, PlaceKind::Building, "3栋", Some(compound));
    let u1 = add(&mut s, PlaceKind::Unit, "1单元", Some(b3));
    let u2 = add(&mut s, PlaceKind::Unit, "2单元", Some(b3));
    let b5 = add(&mut s, PlaceKind::Building, "5栋", Some(compound));
    let big = s
        .add_grid(&AddGrid {
            community_id: community,
            kind: GridKind::Big,
            name: "第1网格".into(),
            parent_id: None,
        })
        .unwrap()
        .id;
    let section = |s: &mut Store, name: &str, places: Vec<Id>| {
        let g = s
            .add_grid(&AddGrid {
                community_id: community,
                kind: GridKind::Section,
                name: name.into(),
                parent_id: Some(big),
            })
            .unwrap()
            .id;
        s.map_grid(&MapGrid {
            grid_id: g,
            place_ids: places,
        })
        .unwrap();
        g
    };
    let section_a = section(&mut s, "第1楼段", vec![u1, u2]);
    let section_b = section(&mut s, "第2楼段", vec![b5]);
    let person = |s: &mut Store, name: &str, role: Role| {
        s.add_person(&AddPerson {
            community_id: community,
            name: name.into(),
            phone: None,
            roles: vec![role],
        })
        .unwrap()
        .id
    };
    let worker = person(&mut s, "陈网格", Role::GridWorker);
    let admin = person(&mut s, "林书记", Role::Admin);
    s.assign(&Assign {
        person_id: worker,
        role: Role::GridWorker,
        grid_id: Some(section_a),
        place_id: None,
    })
    .unwrap();
    let mut h = Vec::new();
    // added out of walking order on purpose
    for (b, u, room) in [
        (b3, Some(u2), "301"),
        (b3, Some(u1), "201"),
        (b5, None, "101"),
        (b3, Some(u2), "102"),
        (b3, Some(u1), "101"),
    ] {
        h.push(
            s.add_household(&AddHousehold {
                building_id: b,
                unit_id: u,
                room: room.into(),
                fields: HouseholdFields::default(),
            })
            .unwrap()
            .id,
        );
    }
    let h = vec![h[4], h[1], h[3], h[0], h[2]];
    let family = (
        resident(&mut s, h[0], "张三", "户主", &[]),
        resident(&mut s, h[0], "李四", "配偶", &[]),
    );
    let elder = resident(&mut s, h[1], "王阿婆", "户主", &["独居老人"]);
    resident(&mut s, h[2], "赵六", "户主", &[]);
    resident(&mut s, h[3], "钱七", "户主", &[]);
    resident(&mut s, h[4], "孙八", "户主", &[]);
    Town {
        store: s,
        _dir: dir,
        community,
        b3,
        b5,
        section_a,
        section_b,
        big,
        worker,
        admin,
        h,
        elder,
        family,
    }
}

fn visit(t: &mut Town, household: Id, at: &str, outcome: VisitOutcome) -> Visit {
    t.store
        .log_visit(&LogVisit {
            household_id: household,
            visitor_id: t.worker,
            at: Some(at.into()),
            kind: VisitKind::Routine,
            outcome,
            findings: String::new(),
            member_updates: vec![],
            follow_up: None,
        })
        .unwrap()
        .visit
}

fn upd(resident: Id) -> MemberUpdate {
    MemberUpdate {
        resident_id: resident,
        moved_out: None,
        phone: None,
        care_tags: None,
        note: None,
    }
}

fn count(s: &Store, sql: &str) -> i64 {
    s.conn().query_row(sql, [], |r| r.get(0)).unwrap()
}

fn addresses(lines: &[HouseholdLine]) -> Vec<&str> {
    lines.iter().map(|l| l.address.as_str()).collect()
}

fn new_task(title: &str, category: TaskCategory, due: Option<&str>) -> NewTask {
    NewTask {
        title: title.into(),
        category,
        subcategory: None,
        description: String::new(),
        due_date: due.map(Into::into),
    }
}

/// A stand-in for the server: every change either laptop made, in the order they arrived, pulled
/// back by both through the same `apply_pulled` the sync engine uses.
fn exchange(server: &mut Vec<linli_protocol::sync::Change>, laptops: &mut [&mut Store]) {
    use linli_protocol::sync::{PullResponse, PulledChange};
    for l in laptops.iter_mut() {
        for c in l.journal().unwrap() {
            if !server.iter().any(|s| s.change_id == c.change_id) {
                server.push(c);
            }
        }
    }
    let page = PullResponse {
        changes: server
            .iter()
            .enumerate()
            .map(|(i, c)| PulledChange {
                server_seq: i as i64 + 1,
                needs_review: false,
                read_only: false,
                change: c.clone(),
            })
            .collect(),
        next: server.len() as i64,
        more: false,
        server_time: server.last().unwrap().hlc,
    };
    for l in laptops.iter_mut() {
        l.apply_pulled(&linli_store::Schema::default(), &page)
            .unwrap();
    }
}

fn phoned_in(t: &mut Town, title: &str, due: &str) -> Task {
    t.store
        .raise_task(&RaiseTask {
            task: new_task(title, TaskCategory::HouseholdMatter, Some(due)),
            household_id: Some(t.h[0]),
            place_id: None,
            raised_by: Some(t.worker),
            visit_id: None,
            at: Some("2026-11-02 08:00".into()),
            source: Some(TaskSource::Phone),
        })
        .unwrap()
}

fn act(t: &mut Town, task: Id, by: Option<Id>, at: &str, step: TaskStep) -> Result<Task, Error> {
    t.store.task_action(&TaskAction {
        task_id: task,
        by,
        at: Some(at.into()),
        step,
    })
}

mod day;
mod laptops;
mod tasks;
mod visits;
