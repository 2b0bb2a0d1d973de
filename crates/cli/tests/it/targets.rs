//! `linli report targets` and the targets through `linli exec`: a target set for a month shows
//! on that month's progress and the months after, the demo's targets show, a refused target
//! changes nothing, and a month that does not read is refused.

use serde_json::{json, Value};

use crate::common::{exec, failed, linli_at as linli, ok};

#[test]
fn targets_set_through_exec_show_in_report_targets() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("linli.db");
    ok(linli(&db, &["demo", "--households", "120", "--seed", "3"]));

    // the demo's targets: every community has one this month
    let r: Value = serde_json::from_str(&ok(linli(&db, &["report", "targets", "--json"]))).unwrap();
    let lines = r["lines"].as_array().unwrap();
    assert!(!lines.is_empty());
    assert!(lines
        .iter()
        .all(|l| l["level"] == "community" && l["source"] == "own"));
    let community = lines[0]["place_id"].as_str().unwrap().to_owned();

    // a target of 2025-01 applies to March, not to December 2024
    let r = exec(
        &db,
        &[
            json!({"cmd": "set_target", "args": {"place_id": community, "from_month": "2025-01",
                "visits": 80, "coverage_pct": 60, "on_time_pct": 90}}),
            json!({"cmd": "set_target", "args": {"place_id": community, "from_month": "2025-02",
                "coverage_pct": 101}}),
            json!({"cmd": "list_targets", "args": {"place_id": community}}),
        ],
    );
    let set = r[0]["ok"].as_array().unwrap();
    let v = set.iter().find(|v| v["from_month"] == "2025-01").unwrap();
    assert_eq!(v["visits"], 80, "{r:?}");
    assert_eq!(r[1]["error"]["code"], "target_bad_coverage", "{r:?}");
    let versions = r[2]["ok"].as_array().unwrap();
    assert!(
        versions.iter().all(|v| v["from_month"] != "2025-02"),
        "refused, so not kept"
    );

    let month = |m: &str| -> Value {
        serde_json::from_str(&ok(linli(
            &db,
            &[
                "report", "targets", "--month", m, "--place", &community, "--json",
            ],
        )))
        .unwrap()
    };
    let march = month("2025-03");
    let first = &march["lines"][0];
    assert_eq!(first["place_id"], community.as_str());
    assert_eq!(first["measures"][0]["target"], 80.0);
    assert_eq!(first["measures"][1]["target"], 0.6);
    assert_eq!(first["from_month"], "2025-01");
    // a community shows its grids and workers too
    assert!(march["lines"]
        .as_array()
        .unwrap()
        .iter()
        .any(|l| l["level"] == "grid"));
    assert!(march["lines"]
        .as_array()
        .unwrap()
        .iter()
        .any(|l| l["level"] == "worker"));
    // no visits in March 2025: the community is behind, and the digest says so
    assert_eq!(first["status"], "red");
    assert!(march["behind"]
        .as_array()
        .unwrap()
        .iter()
        .any(|d| d["level"] == "community"));
    let before = month("2024-12");
    assert_eq!(before["lines"][0]["source"], "none");

    // the table, in Chinese
    let text = ok(linli(
        &db,
        &[
            "report", "targets", "--month", "2025-03", "--place", &community,
        ],
    ));
    assert!(text.contains("目标进度"), "{text}");
    assert!(text.contains("落后（红色"), "{text}");
    assert!(
        text.contains("80%"),
        "the legend names the amber threshold: {text}"
    );

    let e = failed(linli(&db, &["report", "targets", "--month", "2025-13"]));
    assert!(e.contains("2025-13"), "{e}");
}
