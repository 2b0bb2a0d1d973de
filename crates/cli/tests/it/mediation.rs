//! 人民调解 on the command line (issue 20 item 1): a case registered, mediated and settled through
//! `linli exec` (a session before 告知 refused, saying why), then `linli report mediation`.

use serde_json::json;
use serde_json::Value;

use crate::common::{exec, failed, linli_at, ok};

#[test]
fn a_case_through_linli_exec_and_the_months_figures() {
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
            json!({"cmd": "add_team", "args": {"community_id": community, "kind": "mediation", "name": "调解队"}}),
            json!({"cmd": "add_volunteer", "args": {"community_id": community, "name": "林调解"}}),
        ],
    );
    let (team, mediator) = (r[0]["ok"]["id"].clone(), r[1]["ok"]["id"].clone());
    let party = |side: &str, name: &str| json!({"side": side, "name": name, "age": 40});
    let r = exec(
        &db,
        &[
            json!({"cmd": "set_team_member", "args": {"team_id": team, "volunteer_id": mediator}}),
            json!({"cmd": "register_mediation_case", "args": {
                "community_id": community, "kind": "neighbours", "source": "application",
                "brief": "漏水", "mediators": [mediator],
                "parties": [party("applicant", "王秀英"), party("respondent", "赵建国")]}}),
        ],
    );
    let case: Value = r[1]["ok"].clone();
    assert!(
        case["number_text"]
            .as_str()
            .unwrap()
            .contains("北人调字第1号"),
        "{r:?}"
    );
    let id = case["id"].clone();
    let step =
        |s: Value| json!({"cmd": "record_mediation_step", "args": {"case_id": id, "step": s}});
    let r = exec(
        &db,
        &[
            step(
                json!({"kind": "session", "time": "09:30", "place": "调解室", "present": "双方", "record": "陈述"}),
            ),
            step(json!({"kind": "notice"})),
            step(
                json!({"kind": "session", "time": "09:30", "place": "调解室", "present": "双方", "record": "陈述"}),
            ),
            step(json!({"kind": "outcome", "outcome": "oral", "content": "赵建国修好防水层"})),
        ],
    );
    assert_eq!(r[0]["error"]["code"], "med_notice_first", "{r:?}");
    assert_eq!(r[3]["ok"]["state"], "agreed", "{r:?}");

    let f: Value =
        serde_json::from_str(&ok(linli_at(&db, &["report", "mediation", "--json"]))).unwrap();
    assert_eq!(f["received"], 1, "{f}");
    assert_eq!(f["settled"], 1, "{f}");
    assert_eq!(f["settlement_rate"], 1.0, "{f}");
    assert_eq!(f["by_kind"][0]["code"], "neighbours", "{f}");
    let text = ok(linli_at(&db, &["report", "mediation"]));
    assert!(
        text.contains("调解成功率 100%") && text.contains("邻里\t1"),
        "{text}"
    );
    let e = failed(linli_at(
        &db,
        &["report", "mediation", "--month", "2026-13"],
    ));
    assert!(e.contains("2026-13"), "{e}");
}
