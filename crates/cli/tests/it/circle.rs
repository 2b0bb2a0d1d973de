//! 服务圈 on the command line (issue 25 item 3): a clinic shared by two communities and a
//! joint activity written through `linli exec` (a point with no service refused, saying why),
//! the clinic found from the neighbour by service, then `linli report circle`; a point's opening
//! and closing dates.

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
        text.contains("服务点（月末在用）\t1 个（与邻近社区共享 1 个）")
            && text.contains("北门社区\t1\t1\t86"),
        "{text}"
    );
    let e = failed(linli_at(&db, &["report", "circle", "--month", "2026-13"]));
    assert!(e.contains("2026-13"), "{e}");

    // a point's dates: a closing before the opening refused; a closed point off the list and
    // counted only in the months it was open at their end
    let canteen = json!({
        "community_id": north, "kind": "canteen", "name": "北门长者食堂",
        "hours": "每天 11:00-13:00", "run_by_community_id": north, "services": ["助餐"],
        "opened_on": "2020-01-15", "closed_on": "2020-01-14"});
    let mut fixed = canteen.clone();
    fixed["closed_on"] = json!("2020-06-01");
    let r = exec(
        &db,
        &[
            json!({"cmd": "save_circle_point", "args": canteen}),
            json!({"cmd": "save_circle_point", "args": fixed}),
            json!({"cmd": "list_circle_points", "args": {"community_id": north}}),
            json!({"cmd": "list_circle_points", "args": {"community_id": north, "include_closed": true}}),
        ],
    );
    assert_eq!(
        r[0]["error"]["code"], "circle_closed_before_opened",
        "{r:?}"
    );
    assert_eq!(r[1]["ok"]["closed"], true, "{r:?}");
    assert_eq!(r[2]["ok"].as_array().unwrap().len(), 1, "{r:?}");
    assert_eq!(r[3]["ok"].as_array().unwrap().len(), 2, "{r:?}");
    let points = |month: &str| -> Value {
        let f: Value = serde_json::from_str(&ok(linli_at(
            &db,
            &["report", "circle", "--month", month, "--json"],
        )))
        .unwrap();
        f["points"].clone()
    };
    // the clinic has no opening date: counted as always open
    assert_eq!(points("2019-12"), 1);
    assert_eq!(points("2020-03"), 2);
    assert_eq!(points("2020-06"), 1);
    assert_eq!(points(&month), 1);
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
