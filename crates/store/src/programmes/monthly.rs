//! The programmes' lines in the monthly report (报表): children enrolled, attendance days and the
//! volunteer hours given through the rota. Each figure is the rows [`programme_records`] lists
//! for it (the hours their sum), so the drill-down shows exactly what was counted. Children's
//! names are withheld where the laptop's role lacks the programme grant.

use linli_domain::Id;
use linli_protocol::{FigureUnit, MonthlyFigure};
use rusqlite::Connection;

use crate::lending::communities_under;
use crate::Result;

/// The keys of the programme figures, in the report's order.
pub(crate) const KEYS: [&str; 3] = ["prog_children", "prog_attendance", "prog_hours"];

const CHILD_HEADERS: [&str; 5] = ["项目", "儿童", "报名日期", "退出日期", "状态"];
const DAY_HEADERS: [&str; 6] = ["日期", "项目", "儿童", "签到", "签退", "接送人"];
/// The hours at column 3, as the time bank's list has them.
const HOUR_HEADERS: [&str; 5] = ["日期", "项目", "志愿者", "时长（小时）", "类别"];

const WITHHELD: &str = "（无权查看）";

/// The headers of a programme figure's records, `None` when `key` is not one.
pub(crate) fn headers_of(key: &str) -> Option<Vec<String>> {
    let h: &[&str] = match key {
        "prog_children" => &CHILD_HEADERS,
        "prog_attendance" => &DAY_HEADERS,
        "prog_hours" => &HOUR_HEADERS,
        _ => return None,
    };
    Some(h.iter().map(|s| (*s).to_owned()).collect())
}

/// The rows behind a programme figure for the communities of the scope (every one when none)
/// and the period `from`..=`to`. `None` when `key` is not a programme figure.
#[allow(clippy::type_complexity)]
pub(crate) fn programme_records(
    conn: &Connection,
    community: Option<Id>,
    from: &str,
    to: &str,
    withheld: bool,
    key: &str,
) -> Result<Option<Vec<Vec<String>>>> {
    if !KEYS.contains(&key) {
        return Ok(None);
    }
    let child = |name: String| if withheld { WITHHELD.to_owned() } else { name };
    let mut rows = Vec::new();
    for c in communities_under(conn, community)? {
        let cs = c.to_string();
        match key {
            // enrolled at some time in the period
            "prog_children" => {
                let found: Vec<(String, String, String, String, String)> = conn
                    .prepare_cached(
                        "SELECT p.name, coalesce(r.name, ''), e.since, e.left_on, e.state
                         FROM programme_enrolments e JOIN programmes p ON p.id = e.programme_id
                         LEFT JOIN residents r ON r.id = e.resident_id
                         WHERE e.community_id = ?1 AND e.deleted = 0 AND p.deleted = 0
                         AND e.state IN ('enrolled', 'left') AND e.since <= ?3
                         AND (e.left_on = '' OR e.left_on >= ?2)
                         ORDER BY p.name, e.since, e.id",
                    )?
                    .query_map(rusqlite::params![cs, from, to], |r| {
                        Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
                    })?
                    .collect::<rusqlite::Result<_>>()?;
                for (p, name, since, left, state) in found {
                    let state = linli_domain::programmes::EnrolState::read(&state);
                    rows.push(vec![
                        p,
                        child(name),
                        since,
                        left,
                        state.label_zh().to_owned(),
                    ]);
                }
            }
            "prog_attendance" => {
                let found: Vec<(String, String, String, String, Option<String>, Option<String>)> =
                    conn.prepare_cached(
                        "SELECT i.date, p.name, coalesce(r.name, ''), i.time, o.time, o.collector_name
                         FROM programme_attendance i JOIN programmes p ON p.id = i.programme_id
                         LEFT JOIN programme_enrolments e ON e.id = i.enrolment_id
                         LEFT JOIN residents r ON r.id = e.resident_id
                         LEFT JOIN programme_attendance o ON o.enrolment_id = i.enrolment_id
                              AND o.date = i.date AND o.act = 'out'
                         WHERE i.community_id = ?1 AND i.act = 'in' AND i.date BETWEEN ?2 AND ?3
                         ORDER BY i.date, p.name, i.time, i.id",
                    )?
                    .query_map(rusqlite::params![cs, from, to], |r| {
                        Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?))
                    })?
                    .collect::<rusqlite::Result<_>>()?;
                for (date, p, name, t_in, t_out, by) in found {
                    rows.push(vec![
                        date,
                        p,
                        child(name),
                        t_in,
                        t_out.unwrap_or_default(),
                        by.map(child).unwrap_or_default(),
                    ]);
                }
            }
            _ => {
                let found: Vec<(String, String, String, i64, String)> = conn
                    .prepare_cached(
                        "SELECT s.date, p.name, coalesce(v.name, ''), s.minutes, h.category
                         FROM programme_shifts s JOIN programmes p ON p.id = s.programme_id
                         JOIN service_hours h ON h.id = s.entry_id
                         LEFT JOIN volunteers v ON v.id = s.volunteer_id
                         WHERE s.community_id = ?1 AND s.date BETWEEN ?2 AND ?3
                         AND NOT EXISTS (SELECT 1 FROM service_hours r WHERE r.reverses = s.entry_id)
                         AND NOT EXISTS (SELECT 1 FROM hour_rejections hr WHERE hr.entry_id = s.entry_id)
                         ORDER BY s.date, p.name, v.name, s.id",
                    )?
                    .query_map(rusqlite::params![cs, from, to], |r| {
                        Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
                    })?
                    .collect::<rusqlite::Result<_>>()?;
                for (date, p, v, minutes, category) in found {
                    let h = minutes as f64 / 60.0;
                    rows.push(vec![date, p, v, format!("{h}"), category]);
                }
            }
        }
    }
    Ok(Some(rows))
}

/// The programme figures of the monthly report: the month `from`..=`to` and the year to date
/// `cum_from`..=`to`.
pub(crate) fn programme_figures(
    conn: &Connection,
    community: Option<Id>,
    (from, cum_from, to): (&str, &str, &str),
    narrower: bool,
) -> Result<Vec<MonthlyFigure>> {
    let rows = |key: &str, from: &str| -> Result<Vec<Vec<String>>> {
        Ok(programme_records(conn, community, from, to, false, key)?.unwrap_or_default())
    };
    let by_community = if narrower {
        "（托管项目按所在社区统计）"
    } else {
        ""
    };
    let hours = |rows: Vec<Vec<String>>| -> f64 {
        rows.iter()
            .filter_map(|r| r.get(3).and_then(|h| h.parse::<f64>().ok()))
            .sum()
    };
    let mut out = Vec::new();
    for (key, label, source) in [
        (
            "prog_children",
            "托管在册儿童（人次）",
            "托管报名名单中统计期内在册的报名数（候补不计）",
        ),
        (
            "prog_attendance",
            "托管出勤（人天）",
            "托管签到记录中签到日期在统计期内的行数",
        ),
    ] {
        out.push(MonthlyFigure {
            key: key.to_owned(),
            label: label.to_owned(),
            unit: FigureUnit::Count,
            month: rows(key, from)?.len() as f64,
            cumulative: rows(key, cum_from)?.len() as f64,
            source: format!("{source}{by_community}"),
        });
    }
    out.push(MonthlyFigure {
        key: "prog_hours".to_owned(),
        label: "托管志愿服务时长（小时）".to_owned(),
        unit: FigureUnit::Hours,
        month: hours(rows("prog_hours", from)?),
        cumulative: hours(rows("prog_hours", cum_from)?),
        source: format!("托管排班记入时间银行的时长之和（已撤销、已驳回的不计）{by_community}"),
    });
    Ok(out)
}
