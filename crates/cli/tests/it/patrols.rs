//! 巡防 on the command line (issue 25 item 2): a team with an outside police officer (phone
//! masked), a rota made through `linli exec`, a log fulfilling one slot with a finding, the finding
//! made a request once (the second time refused, saying why), then `linli report patrols`.

use serde_json::json;
use serde_json::Value;

use crate::common::{exec, failed, linli_at, ok};

#[test]
fn a_patrol_through_linli_exec_and_the_months_figures() {
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
            json!({"cmd": "save_patrol_team", "args": {"community_id": community,
            "name": "北门治安巡防队", "area": "1–12号楼"}}),
        ],
    );
    let team = r[0]["ok"]["id"].clone();
    assert!(team.is_string(), "{r:?}");
    let r = exec(
        &db,
        &[
            json!({"cmd": "save_patrol_member", "args": {"team_id": team, "name": "李警官",
                "phone": "13905910110", "role": "police"}}),
            json!({"cmd": "save_patrol_member", "args": {"team_id": team, "name": "", "role": "guard"}}),
        ],
    );
    assert_eq!(r[0]["ok"]["members"][0]["phone"], "139****0110", "{r:?}");
    assert_eq!(r[1]["error"]["code"], "patrol_member_name_missing", "{r:?}");
    let police = r[0]["ok"]["members"][0]["id"].clone();
    // Mondays of March 2020: 2, 9, 16, 23, 30
    let r = exec(
        &db,
        &[
            json!({"cmd": "generate_patrol_rota", "args": {"team_id": team, "weekdays": "1",
            "starts": "19:00", "ends": "21:00", "from": "2020-03-01", "to": "2020-03-31",
            "members": [police]}}),
        ],
    );
    let slots = r[0]["ok"].as_array().unwrap().clone();
    assert_eq!(slots.len(), 5, "{r:?}");
    assert_eq!(slots[0]["state"], "missed", "{r:?}");
    let r = exec(
        &db,
        &[
            json!({"cmd": "log_patrol", "args": {"team_id": team, "slot_id": slots[0]["id"],
            "date": "2020-03-02", "starts": "19:00", "ends": "21:00", "route": "南门—北门",
            "members": [police], "findings": [{"category": "hazard", "place": "5号楼",
            "description": "楼道堆放杂物"}]}}),
        ],
    );
    let finding = r[0]["ok"]["findings"][0]["id"].clone();
    assert!(finding.is_string(), "{r:?}");
    let r = exec(
        &db,
        &[
            json!({"cmd": "patrol_finding_to_request", "args": {"finding_id": finding,
                "category": "public_matter"}}),
            json!({"cmd": "patrol_finding_to_request", "args": {"finding_id": finding,
                "category": "public_matter"}}),
            json!({"cmd": "list_patrol_slots", "args": {"community_id": community,
                "from": "2020-03-01", "to": "2020-03-31", "missed_only": true}}),
        ],
    );
    assert!(r[0]["ok"]["findings"][0]["task_id"].is_string(), "{r:?}");
    assert_eq!(r[1]["error"]["code"], "patrol_already_request", "{r:?}");
    assert_eq!(r[2]["ok"].as_array().unwrap().len(), 4, "{r:?}");

    let f: Value = serde_json::from_str(&ok(linli_at(
        &db,
        &["report", "patrols", "--month", "2020-03", "--json"],
    )))
    .unwrap();
    assert_eq!(f["done"], 1, "{f}");
    assert_eq!(f["missed"], 4, "{f}");
    assert_eq!(f["findings"], 1, "{f}");
    assert_eq!(f["requests"], 1, "{f}");
    let text = ok(linli_at(&db, &["report", "patrols", "--month", "2020-03"]));
    assert!(
        text.contains("漏巡\t4 个班次") && text.contains("安全隐患\t1"),
        "{text}"
    );
    let e = failed(linli_at(&db, &["report", "patrols", "--month", "2020-13"]));
    assert!(e.contains("2020-13"), "{e}");
}
