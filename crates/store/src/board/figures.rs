//! The boards' lines in the monthly report (报表): notices published, duty weeks marked done and
//! not done, and the month's theme. Each figure is the number of rows [`board_records`] lists
//! for it, so the drill-down shows exactly what was counted. Kept per community, like the hours.

use std::collections::BTreeMap;

use linli_domain::board::ThemeKind;
use linli_domain::{calendar, Id};
use linli_protocol::{FigureUnit, MonthlyFigure};
use rusqlite::Connection;

use crate::Result;

fn communities(conn: &Connection, community: Option<Id>) -> Result<Vec<(Id, String)>> {
    let mut st = conn.prepare_cached(
        "SELECT id, name FROM places WHERE kind = 'community' AND deleted = 0
         AND (?1 IS NULL OR id = ?1) ORDER BY name, id",
    )?;
    let rows = st.query_map([community.map(|c| c.to_string())], |r| {
        Ok((r.get(0)?, r.get(1)?))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The headers and rows behind a figure of `key` for `from`..=`to`; none for another key.
pub(crate) fn board_records(
    conn: &Connection,
    community: Option<Id>,
    from: &str,
    to: &str,
    key: &str,
) -> Result<Option<crate::councils::Records>> {
    let headers = |h: &[&str]| h.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
    let mut rows = Vec::new();
    let out = match key {
        "board_themes" => {
            for (c, name) in communities(conn, community)? {
                let mut st = conn.prepare_cached(
                    "SELECT month, kind, title FROM month_themes WHERE community_id = ?1
                     AND deleted = 0 AND month BETWEEN ?2 AND ?3 ORDER BY month",
                )?;
                let found = st.query_map(
                    rusqlite::params![
                        c.to_string(),
                        calendar::month_of(from),
                        calendar::month_of(to)
                    ],
                    |r| {
                        Ok(vec![
                            name.clone(),
                            r.get::<_, String>(0)?,
                            ThemeKind::read(&r.get::<_, String>(1)?)
                                .label_zh()
                                .to_owned(),
                            r.get::<_, String>(2)?,
                        ])
                    },
                )?;
                rows.extend(found.collect::<rusqlite::Result<Vec<_>>>()?);
            }
            (headers(&["社区", "月份", "主题类别", "主题"]), rows)
        }
        "board_notices" => {
            for (c, name) in communities(conn, community)? {
                let mut st = conn.prepare_cached(
                    "SELECT n.title, coalesce(p.name, ''), n.start_date, n.end_date FROM notices n
                     LEFT JOIN places p ON p.id = n.place_id
                     WHERE n.community_id = ?1 AND n.deleted = 0
                     AND n.start_date BETWEEN ?2 AND ?3 ORDER BY n.start_date, n.id",
                )?;
                let found = st.query_map(rusqlite::params![c.to_string(), from, to], |r| {
                    Ok(vec![
                        name.clone(),
                        r.get::<_, String>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, String>(2)?,
                        r.get::<_, String>(3)?,
                    ])
                })?;
                rows.extend(found.collect::<rusqlite::Result<Vec<_>>>()?);
            }
            (
                headers(&["社区", "标题", "范围", "开始日期", "结束日期"]),
                rows,
            )
        }
        "board_duty_done" | "board_duty_not_done" => {
            let want = key == "board_duty_done";
            for (c, name) in communities(conn, community)? {
                // the latest mark of each board's week
                let mut st = conn.prepare_cached(
                    "SELECT m.board_id, m.week, m.done, m.note, b.label, b.chore, m.household_id
                     FROM duty_marks m JOIN duty_boards b ON b.id = m.board_id AND b.deleted = 0
                     WHERE m.community_id = ?1 AND m.week BETWEEN ?2 AND ?3 ORDER BY m.id",
                )?;
                let mut latest: BTreeMap<(String, String), Vec<String>> = BTreeMap::new();
                let found = st.query_map(rusqlite::params![c.to_string(), from, to], |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, i64>(2)? != 0,
                        r.get::<_, String>(3)?,
                        r.get::<_, String>(4)?,
                        r.get::<_, String>(5)?,
                        r.get::<_, Option<Id>>(6)?,
                    ))
                })?;
                for f in found {
                    let (board, week, done, note, label, chore, household) = f?;
                    let door = household
                        .and_then(|h| super::household_view(conn, h, true).ok())
                        .map(|v| v.2.door)
                        .unwrap_or_default();
                    let row = vec![
                        name.clone(),
                        label,
                        chore,
                        week.clone(),
                        door,
                        if done { "是" } else { "否" }.to_owned(),
                        note,
                    ];
                    latest.insert((week, board), row);
                }
                rows.extend(latest.into_values().filter(|r| (r[5] == "是") == want));
            }
            (
                headers(&[
                    "社区",
                    "值日牌",
                    "值日内容",
                    "周（周一）",
                    "值日住户",
                    "已完成",
                    "备注",
                ]),
                rows,
            )
        }
        _ => return Ok(None),
    };
    Ok(Some(out))
}

/// The boards' figures for the month (`from`..=`to`) and the year to date (`cum_from`..=`to`).
pub(crate) fn board_figures(
    conn: &Connection,
    community: Option<Id>,
    (from, cum_from, to): (&str, &str, &str),
    narrower: bool,
) -> Result<Vec<MonthlyFigure>> {
    let count = |key: &str, from: &str| -> Result<f64> {
        Ok(board_records(conn, community, from, to, key)?.map_or(0, |r| r.1.len()) as f64)
    };
    let by_community = if narrower {
        "（按所在社区统计）"
    } else {
        ""
    };
    let mut out = Vec::new();
    for (key, label, source) in [
        (
            "board_themes",
            "一月一主题（个）",
            "各社区设定的月度主题（本月一栏为本月主题，点开可见主题名称）",
        ),
        (
            "board_notices",
            "发布通知公告（则）",
            "通知公告中开始日期在统计期内的条数（撤回的不计）",
        ),
        (
            "board_duty_done",
            "值日完成（周次）",
            "值日牌中统计期内标记为“已完成”的周数（同一周以最后一次标记为准）",
        ),
        (
            "board_duty_not_done",
            "值日未完成（周次）",
            "值日牌中统计期内标记为“未完成”的周数（同一周以最后一次标记为准）",
        ),
    ] {
        out.push(MonthlyFigure {
            key: key.to_owned(),
            label: label.to_owned(),
            unit: FigureUnit::Count,
            month: count(key, from)?,
            cumulative: count(key, cum_from)?,
            source: format!("{source}{by_community}"),
        });
    }
    Ok(out)
}
