//! 议事协商 and 居民建议 on the command line (issue 20 items 2 and 5): a topic proposed, reviewed,
//! published, put to a meeting, voted and resolved through `linli exec`, its request made (a vote
//! without quorum refused, saying why); a suggestion answered; then `linli report councils` and
//! `linli report suggestions`, as text and JSON.

use serde_json::json;
use serde_json::Value;

use crate::common::{exec, failed, linli_at, ok};

#[test]
fn a_council_month_through_linli_exec_and_the_reports() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("linli.db");
    let r = exec(
        &db,
        &[json!({"cmd": "add_place", "args": {"kind": "community", "name": "北门社区"}})],
    );
    let community = r[0]["ok"]["id"].clone();
    let r = exec(
        &db,
        &[
            json!({"cmd": "add_person", "args": {"community_id": community, "name": "陈网格", "roles": ["grid_worker"]}}),
            json!({"cmd": "propose_topic", "args": {"community_id": community, "title": "楼道充电",
                "category": "safety", "origin": "official", "proposer_name": "社区书记"}}),
            json!({"cmd": "take_suggestion", "args": {"community_id": community, "source": "phone",
                "name": "王秀英", "text": "路灯坏了"}}),
        ],
    );
    let (worker, topic, sugg) = (
        r[0]["ok"]["id"].clone(),
        r[1]["ok"]["id"].clone(),
        r[2]["ok"]["id"].clone(),
    );
    let today = r[1]["ok"]["proposed_on"].as_str().unwrap().to_owned();
    let month = &today[..7];
    let people = |n: usize| -> Vec<Value> {
        (0..n)
            .map(|i| json!({"name": format!("代表{i}"), "role": "representative"}))
            .collect()
    };
    let meeting = |n: usize, id: Option<Value>| {
        json!({"cmd": "save_council_meeting", "args": {"id": id, "community_id": community,
            "date": today, "host": "陈网格", "expected": 9, "attendees": people(n)}})
    };
    let r = exec(&db, &[meeting(4, None)]);
    let m = r[0]["ok"]["id"].clone();
    assert_eq!(r[0]["ok"]["quorate"], false, "{r:?}");
    assert_eq!(
        r[0]["ok"]["rule"],
        json!({"quorum": "majority", "pass": "present_majority"}),
        "the default rule of the vote"
    );
    let step =
        |s: Value| json!({"cmd": "record_topic_step", "args": {"topic_id": topic, "step": s}});
    let r = exec(
        &db,
        &[
            step(json!({"kind": "publish"})),
            step(json!({"kind": "review", "accepted": true})),
            step(json!({"kind": "publish"})),
            step(json!({"kind": "schedule", "meeting_id": m})),
            step(json!({"kind": "vote", "votes_for": 4, "votes_against": 0, "votes_abstain": 0})),
            meeting(6, Some(m.clone())),
            step(json!({"kind": "vote", "votes_for": 4, "votes_against": 1, "votes_abstain": 1})),
            step(json!({"kind": "resolution", "text": "增设充电桩"})),
            json!({"cmd": "make_topic_requests", "args": {"topic_id": topic, "requests": [
                {"title": "增设充电桩", "owner_id": worker, "due_date": "2099-01-01"}]}}),
            json!({"cmd": "handle_suggestion", "args": {"id": sugg,
                "action": {"kind": "answer", "answer": "已报修"}}}),
        ],
    );
    assert_eq!(r[0]["error"]["code"], "cnc_review_first", "{r:?}");
    assert_eq!(r[4]["error"]["code"], "cnc_no_quorum", "{r:?}");
    assert!(
        r[4]["error"]["message"]
            .as_str()
            .unwrap()
            .contains("未过半数"),
        "{r:?}"
    );
    assert_eq!(r[6]["ok"]["state"], "passed", "{r:?}");
    assert_eq!(r[8]["ok"]["state"], "acting", "{r:?}");
    assert_eq!(r[8]["ok"]["requests"][0]["status"], "dispatched", "{r:?}");
    assert_eq!(r[9]["ok"]["state"], "answered", "{r:?}");

    let f: Value =
        serde_json::from_str(&ok(linli_at(&db, &["report", "councils", "--json"]))).unwrap();
    assert_eq!(f["month"], month, "{f}");
    assert_eq!(
        (f["topics"].clone(), f["meetings"].clone()),
        (json!(1), json!(1)),
        "{f}"
    );
    assert_eq!(
        (f["voted"].clone(), f["passed"].clone()),
        (json!(1), json!(1)),
        "{f}"
    );
    assert_eq!(f["requests"], 1, "{f}");
    let text = ok(linli_at(&db, &["report", "councils"]));
    assert!(
        text.contains("表决议题\t1 件，通过 1 件") && text.contains("平安建设\t1"),
        "{text}"
    );
    let text = ok(linli_at(&db, &["report", "suggestions", "--month", month]));
    assert!(
        text.contains("受理\t1 条") && text.contains("答复率\t100%") && text.contains("电话\t1"),
        "{text}"
    );
    let e = failed(linli_at(
        &db,
        &["report", "suggestions", "--month", "2026-13"],
    ));
    assert!(e.contains("2026-13"), "{e}");
    // another meeting, under a two-thirds quorum: 6 of 9 is enough, 5 is not; an unknown word
    // of the rule is refused
    let ruled = |n: usize, quorum: &str| {
        json!({"cmd": "save_council_meeting", "args": {"community_id": community,
            "date": today, "host": "林主任", "expected": 9, "attendees": people(n),
            "rule": {"quorum": quorum, "pass": "cast_majority"}}})
    };
    let r = exec(
        &db,
        &[
            ruled(5, "two_thirds"),
            ruled(6, "two_thirds"),
            ruled(6, "all"),
        ],
    );
    assert_eq!(r[0]["ok"]["quorate"], false, "{r:?}");
    assert_eq!(r[1]["ok"]["quorate"], true, "{r:?}");
    assert_eq!(r[1]["ok"]["rule"]["pass"], "cast_majority", "{r:?}");
    assert_eq!(r[2]["error"]["code"], "unknown_choice", "{r:?}");
}
