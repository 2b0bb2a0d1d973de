//! 托管 on the command line (issue 25 item 1): a 四点半学校 set up, a child enrolled with a
//! guardian, signed in and out through `linli exec` (signing out by someone not listed refused,
//! saying why), a shift credited once, then `linli report programmes`.

use serde_json::json;
use serde_json::Value;

use crate::common::{exec, failed, linli_at, ok};

#[test]
fn a_programme_through_linli_exec_and_the_months_figures() {
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
            json!({"cmd": "add_place", "args": {"kind": "compound", "name": "西门新村", "parent_id": community}}),
        ],
    );
    let compound = r[0]["ok"]["id"].clone();
    let r = exec(
        &db,
        &[
            json!({"cmd": "add_place", "args": {"kind": "building", "name": "3栋", "parent_id": compound}}),
        ],
    );
    let building = r[0]["ok"]["id"].clone();
    let r = exec(
        &db,
        &[
            json!({"cmd": "add_household", "args": {"building_id": building, "room": "101"}}),
            json!({"cmd": "add_volunteer", "args": {"community_id": community, "name": "周老师"}}),
        ],
    );
    let (home, volunteer) = (r[0]["ok"]["id"].clone(), r[1]["ok"]["id"].clone());
    let r = exec(
        &db,
        &[
            json!({"cmd": "add_resident", "args": {"household_id": home,
                "name": "张小明", "birth_date": "2018-05-01", "relation": "子"}}),
            json!({"cmd": "add_programme", "args": {
                "community_id": community, "kind": "after_school", "name": "北门四点半学校",
                "room": "活动室", "weekdays": "1234567", "opens": "00:00", "closes": "23:59",
                "term_start": "2026-01-01", "capacity": 20, "age_min": 6, "age_max": 12,
                "staff": [{"volunteer_id": volunteer}]}}),
        ],
    );
    let (child, programme) = (r[0]["ok"]["id"].clone(), r[1]["ok"]["id"].clone());
    assert!(programme.is_string(), "{r:?}");
    let r = exec(
        &db,
        &[
            json!({"cmd": "enrol_child", "args": {"programme_id": programme, "resident_id": child,
            "guardians": [{"name": "李娜", "relation": "母亲", "phone": "13812345678"}]}}),
        ],
    );
    assert_eq!(r[0]["ok"]["state"], "enrolled", "{r:?}");
    assert_eq!(r[0]["ok"]["guardians"][0]["phone"], "138****5678", "{r:?}");
    let enrolment = r[0]["ok"]["id"].clone();
    let r = exec(
        &db,
        &[
            json!({"cmd": "sign_child_in", "args": {"enrolment_id": enrolment}}),
            json!({"cmd": "sign_child_out", "args": {"enrolment_id": enrolment, "collector": "other", "name": "王阿姨"}}),
            json!({"cmd": "sign_child_out", "args": {"enrolment_id": enrolment, "collector": "guardian", "guardian": 0}}),
            json!({"cmd": "credit_programme_shift", "args": {"programme_id": programme}}),
            json!({"cmd": "credit_programme_shift", "args": {"programme_id": programme}}),
        ],
    );
    assert_eq!(r[0]["ok"]["state"], "in", "{r:?}");
    assert_eq!(r[1]["error"]["code"], "prog_collector_reason", "{r:?}");
    assert_eq!(r[2]["ok"]["collected_by"], "李娜（母亲）", "{r:?}");
    assert_eq!(r[3]["ok"]["credited"].as_array().unwrap().len(), 1, "{r:?}");
    assert_eq!(r[4]["ok"]["already"][0], "周老师", "{r:?}");

    let f: Value =
        serde_json::from_str(&ok(linli_at(&db, &["report", "programmes", "--json"]))).unwrap();
    assert_eq!(f["enrolled"], 1, "{f}");
    assert_eq!(f["attendance_days"], 1, "{f}");
    assert_eq!(f["shifts"], 1, "{f}");
    assert_eq!(f["by_kind"][0]["code"], "after_school", "{f}");
    let text = ok(linli_at(&db, &["report", "programmes"]));
    assert!(
        text.contains("在册儿童\t1 人") && text.contains("四点半学校\t1"),
        "{text}"
    );
    let e = failed(linli_at(
        &db,
        &["report", "programmes", "--month", "2026-13"],
    ));
    assert!(e.contains("2026-13"), "{e}");
}
