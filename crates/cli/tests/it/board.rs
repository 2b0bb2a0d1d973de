//! The community's boards on the command line (issue 20 items 3, 4, 5a): a month's theme set, a
//! notice posted (its dates checked, its WeChat text ready), a duty board made and a week marked,
//! all through `linli exec`.

use serde_json::json;

use crate::common::exec;

#[test]
fn a_theme_a_notice_and_a_duty_board_through_linli_exec() {
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
    let home = |room: &str| json!({"cmd": "add_household", "args": {"building_id": building, "room": room}});
    let r = exec(&db, &[home("101"), home("201")]);
    let homes = [r[0]["ok"]["id"].clone(), r[1]["ok"]["id"].clone()];
    let r = exec(
        &db,
        &[
            json!({"cmd": "set_month_theme", "args": {"community_id": community, "month": "2026-13", "kind": "cleaning", "title": "清洁家园"}}),
            json!({"cmd": "set_month_theme", "args": {"community_id": community, "month": "2026-03", "kind": "cleaning", "title": "清洁家园"}}),
            json!({"cmd": "post_notice", "args": {"community_id": community, "place_id": building, "title": "停水通知", "text": "明日停水", "start_date": "2026-03-06", "end_date": "2026-03-05"}}),
            json!({"cmd": "post_notice", "args": {"community_id": community, "place_id": building, "title": "停水通知", "text": "明日停水", "start_date": "2026-03-05", "end_date": "2026-03-06"}}),
            json!({"cmd": "add_duty_board", "args": {"community_id": community, "place_id": building, "chore": "楼道清扫", "households": homes}}),
        ],
    );
    assert_eq!(r[0]["error"]["code"], "board_bad_month", "{r:?}");
    assert_eq!(r[1]["ok"]["theme"]["title"], "清洁家园", "{r:?}");
    assert_eq!(r[1]["ok"]["sections"][1]["kind"], "notices", "{r:?}");
    assert_eq!(r[2]["error"]["code"], "board_end_before_start", "{r:?}");
    let text = r[3]["ok"]["wechat_text"].as_str().unwrap();
    assert!(
        text.starts_with("【通知】停水通知\n时间：2026年3月5日至2026年3月6日")
            && text.ends_with("北门社区居委会"),
        "{text}"
    );
    let board = r[4]["ok"].clone();
    assert_eq!(board["on_duty"]["door"], "101", "{board}");
    assert_eq!(board["next"]["door"], "201", "{board}");
    let r = exec(
        &db,
        &[
            json!({"cmd": "mark_duty_week", "args": {"board_id": board["id"], "done": true}}),
            json!({"cmd": "list_duty_boards", "args": {"community_id": community}}),
        ],
    );
    assert_eq!(r[0]["ok"]["done"], 1, "{r:?}");
    assert_eq!(r[1]["ok"][0]["done"], true, "{r:?}");
}
