//! 服务圈 on the command line (issue 25 item 3): a clinic shared by two communities and a
//! joint activity written through `linli exec` (a point with no service refused, saying why),
//! the clinic found from the neighbour by service, then `linli report circle`.

use serde_json::json;
use serde_json::Value;

use crate::common::{exec, failed, linli_at, ok};

#[test]
fn the_circle_through_linli_exec_and_the_months_figures() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("linli.db");
    let r = exec(
        &db,
        &[
            json!({"cmd": "add_place", "args": {"kind": "community", "name": "北门社区"}}),
            json!({"cmd": "add_place", "args": {"kind": "community", "name": "南门社区"}}),
        ],
    );
    let (north, south) = (r[0]["ok"]["id"].clone(), r[1]["ok"]["id"].clone());
    let clinic = json!({
        "community_id": south, "kind": "clinic", "name": "南门社区卫生服务站",
        "address": "南门路5号", "hours": "周一至周六 08:00-17:00",
        "contact_name": "陈医生", "contact_phone": "13912345678",
        "run_by_unit": "县人民医院", "services": ["量血压", "健康咨询"], "serves": [north]});
    let mut none = clinic.clone();
    none["services"] = json!([]);
    let r = exec(
        &db,
        &[
            json!({"cmd": "save_circle_point", "args": none}),
            json!({"cmd": "save_circle_point", "args": clinic}),
        ],
    );
    assert_eq!(r[0]["error"]["code"], "circle_no_service", "{r:?}");
    assert_eq!(r[1]["ok"]["shared"], true, "{r:?}");
    let point = r[1]["ok"]["id"].clone();
    let month = chrono_month();
    let r = exec(
        &db,
        &[
            json!({"cmd": "list_circle_points", "args": {"community_id": north, "service": "血压"}}),
            json!({"cmd": "save_circle_activity", "args": {
                "date": format!("{month}-01"), "title": "邻里义诊进社区",
                "communities": [north, south], "units": ["县人民医院"],
                "point_id": point, "participants": 86}}),
        ],
    );
    assert_eq!(r[0]["ok"][0]["name"], "南门社区卫生服务站", "{r:?}");
    assert_eq!(r[1]["ok"]["point_name"], "南门社区卫生服务站", "{r:?}");

    let f: Value =
        serde_json::from_str(&ok(linli_at(&db, &["report", "circle", "--json"]))).unwrap();
    assert_eq!(f["points"], 1, "{f}");
    assert_eq!(f["shared_points"], 1, "{f}");
    assert_eq!(f["activities"], 1, "{f}");
    assert_eq!(f["by_kind"][0]["code"], "clinic", "{f}");
    let text = ok(linli_at(&db, &["report", "circle"]));
    assert!(
        text.contains("服务点\t1 个（与邻近社区共享 1 个）") && text.contains("北门社区\t1\t1\t86"),
        "{text}"
    );
    let e = failed(linli_at(&db, &["report", "circle", "--month", "2026-13"]));
    assert!(e.contains("2026-13"), "{e}");
}

/// This month, as the store reads it (local time in China is close enough at noon UTC; the
/// activity is dated the 1st, which is in this month either way but for the first hours).
fn chrono_month() -> String {
    let out = std::process::Command::new("date")
        .args(["+%Y-%m"])
        .env("TZ", "Asia/Shanghai")
        .output()
        .unwrap();
    String::from_utf8(out.stdout).unwrap().trim().to_owned()
}
