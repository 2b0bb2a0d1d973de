//! The service circle's figures: `circle_report` (points by kind, those shared, joint activities
//! and the people who came, and each community's part) and the monthly report's lines, each
//! figure the rows [`circle_records`] lists for it so the drill-down shows what was counted.
//! Points are counted as they stand at the period's end (or today, when that is sooner): those
//! opened by then and not yet closed (`linli_domain::circle::open_on`); activities by their date.

use linli_domain::calendar::month_bounds;
use linli_domain::circle::{self as rules, PointKind};
use linli_domain::{DomainError, Id};
use linli_protocol::*;
use rusqlite::Connection;

use super::{ids_of, place_name};
use crate::lending::communities_under;
use crate::{Result, Store};

/// The month asked for ("" or none: this month) and its first and last days.
pub(crate) fn month_of(req: Option<&str>, today: &str) -> Result<(String, String, String)> {
    let month = req
        .map(|m| m.trim().to_owned())
        .filter(|m| !m.is_empty())
        .unwrap_or_else(|| today.get(..7).unwrap_or_default().to_owned());
    match month_bounds(&month) {
        Some((first, last)) => Ok((month, first, last)),
        None => Err(DomainError::coded(
            "month",
            linli_domain::msg::BAD_DATE,
            linli_domain::args![value = month],
        )
        .into()),
    }
}

const POINT_HEADERS: [&str; 7] = [
    "类型",
    "服务点",
    "所在社区",
    "地址",
    "开放时间",
    "服务项目",
    "启用日期",
];
const ACTIVITY_HEADERS: [&str; 6] = ["日期", "活动", "参加社区", "共建单位", "地点", "人数"];

/// The headers of a circle figure's records, `None` when `key` is not one.
pub(crate) fn headers_of(key: &str) -> Option<Vec<String>> {
    let h: &[&str] = if key == "circle_points" || key.starts_with("circle_kind_") {
        &POINT_HEADERS
    } else if key == "circle_activities" {
        &ACTIVITY_HEADERS
    } else {
        return None;
    };
    Some(h.iter().map(|s| (*s).to_owned()).collect())
}

/// The day a period's points are counted on: its last day, or today when that is sooner.
pub(crate) fn count_day<'a>(to: &'a str, today: &'a str) -> &'a str {
    to.min(today)
}

/// The points whose home is one of `communities`, open at the end of `day`: (id, kind, name,
/// home, address, hours, services, serves, opened_on).
#[allow(clippy::type_complexity)]
pub(crate) fn points_of(
    conn: &Connection,
    communities: &[Id],
    day: &str,
) -> Result<
    Vec<(
        Id,
        PointKind,
        String,
        Id,
        String,
        String,
        Vec<String>,
        Vec<Id>,
        String,
    )>,
> {
    let mut out = Vec::new();
    for c in communities {
        let rows: Vec<(
            Id,
            String,
            String,
            String,
            String,
            String,
            String,
            [String; 2],
        )> = conn
            .prepare_cached(
                "SELECT id, kind, name, address, hours, services, serves, opened_on, closed_on
                 FROM circle_points WHERE community_id = ?1 AND deleted = 0 ORDER BY name, id",
            )?
            .query_map([c.to_string()], |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                    r.get(6)?,
                    [r.get(7)?, r.get(8)?],
                ))
            })?
            .collect::<rusqlite::Result<_>>()?;
        for (id, kind, name, address, hours, services, serves, [opened, closed]) in rows {
            if !rules::open_on(&opened, &closed, day) {
                continue;
            }
            out.push((
                id,
                PointKind::read(&kind),
                name,
                *c,
                address,
                hours,
                serde_json::from_str(&services).unwrap_or_default(),
                ids_of(&serves),
                opened,
            ));
        }
    }
    Ok(out)
}

/// The activities from `from` to `to` with one of `communities` taking part: (date, title,
/// communities, units, point, participants).
#[allow(clippy::type_complexity)]
pub(crate) fn activities_of(
    conn: &Connection,
    communities: &[Id],
    from: &str,
    to: &str,
) -> Result<Vec<(String, String, Vec<Id>, Vec<String>, Option<Id>, i64)>> {
    let rows: Vec<(String, String, String, String, Option<Id>, i64)> = conn
        .prepare_cached(
            "SELECT date, title, communities, units, point_id, participants FROM circle_activities
             WHERE deleted = 0 AND date BETWEEN ?1 AND ?2 ORDER BY date, title, id",
        )?
        .query_map(rusqlite::params![from, to], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows
        .into_iter()
        .map(|(d, t, c, u, p, n)| {
            (
                d,
                t,
                ids_of(&c),
                serde_json::from_str(&u).unwrap_or_default(),
                p,
                n,
            )
        })
        .filter(|a| a.2.iter().any(|c| communities.contains(c)))
        .collect())
}

/// The rows behind a circle figure for the communities under `community` (every one when none);
/// the points are those open at the end of `to` (today, when sooner). `None` when `key` is not a
/// circle figure.
pub(crate) fn circle_records(
    conn: &Connection,
    community: Option<Id>,
    (from, to): (&str, &str),
    today: &str,
    key: &str,
) -> Result<Option<Vec<Vec<String>>>> {
    if headers_of(key).is_none() {
        return Ok(None);
    }
    let communities = communities_under(conn, community)?;
    let mut rows = Vec::new();
    if key == "circle_activities" {
        for (date, title, cs, units, point, n) in activities_of(conn, &communities, from, to)? {
            let names = cs
                .iter()
                .map(|c| place_name(conn, *c))
                .collect::<Result<Vec<_>>>()?;
            let at = match point {
                Some(p) => super::point_row(conn, p)
                    .map(|p| p.name)
                    .unwrap_or_default(),
                None => String::new(),
            };
            rows.push(vec![
                date,
                title,
                names.join("、"),
                units.join("、"),
                at,
                n.to_string(),
            ]);
        }
        return Ok(Some(rows));
    }
    let kind = key.strip_prefix("circle_kind_").map(PointKind::read);
    let day = count_day(to, today);
    for (_, k, name, home, address, hours, services, _, opened) in
        points_of(conn, &communities, day)?
    {
        if kind.is_some_and(|want| want != k) {
            continue;
        }
        rows.push(vec![
            k.label_zh().to_owned(),
            name,
            place_name(conn, home)?,
            address,
            hours,
            services.join("、"),
            opened,
        ]);
    }
    Ok(Some(rows))
}

/// The circle's lines of the monthly report.
pub(crate) fn circle_figures(
    conn: &Connection,
    community: Option<Id>,
    (from, cum_from, to): (&str, &str, &str),
    today: &str,
    narrower: bool,
) -> Result<Vec<MonthlyFigure>> {
    let by_community = if narrower {
        "（服务点按所在社区统计）"
    } else {
        ""
    };
    let n = |key: &str, from: &str| -> Result<f64> {
        Ok(circle_records(conn, community, (from, to), today, key)?
            .unwrap_or_default()
            .len() as f64)
    };
    let points = n("circle_points", from)?;
    let mut out = vec![MonthlyFigure {
        key: "circle_points".to_owned(),
        label: "服务圈服务点（个）".to_owned(),
        unit: FigureUnit::Count,
        month: points,
        cumulative: points,
        source: format!(
            "服务圈中所在社区在统计范围内、月末（本月为今天）在用的服务点：启用日期不晚于该日且未停用{by_community}"
        ),
    }];
    for k in PointKind::ALL {
        let key = format!("circle_kind_{}", k.code());
        let m = n(&key, from)?;
        if m > 0.0 {
            out.push(MonthlyFigure {
                key,
                // the unit is the line above's (a longer label wraps in the PDF's column)
                label: format!("　其中{}", k.label_zh()),
                unit: FigureUnit::Count,
                month: m,
                cumulative: m,
                source: format!(
                    "服务圈中类型为{}、月末在用的服务点{by_community}",
                    k.label_zh()
                ),
            });
        }
    }
    out.push(MonthlyFigure {
        key: "circle_activities".to_owned(),
        label: "联建活动（次）".to_owned(),
        unit: FigureUnit::Count,
        month: n("circle_activities", from)?,
        cumulative: n("circle_activities", cum_from)?,
        source: "联建活动中统计期内举办、有本范围社区参加的活动".to_owned(),
    });
    Ok(out)
}

impl Store {
    pub fn circle_report(&mut self, req: &CircleReport) -> Result<CircleFigures> {
        let today = self.now().today();
        let (month, first, last) = month_of(req.month.as_deref(), &today)?;
        let communities = communities_under(&self.conn, req.place_id)?;
        let place_name = match req.place_id {
            Some(p) => place_name(&self.conn, p)?,
            None => "全部".to_owned(),
        };
        let day = count_day(&last, &today).to_owned();
        let points = points_of(&self.conn, &communities, &day)?;
        let activities = activities_of(&self.conn, &communities, &first, &last)?;
        let by_kind = PointKind::ALL
            .iter()
            .map(|k| CountBy {
                code: k.code().to_owned(),
                n: points.iter().filter(|p| p.1 == *k).count() as u32,
            })
            .filter(|c| c.n > 0)
            .collect();
        let mut by_community = Vec::new();
        for c in &communities {
            let serving: u32 = self
                .conn
                .prepare_cached(
                    "SELECT count(*) FROM circle_points WHERE deleted = 0 AND (community_id = ?1
                     OR EXISTS (SELECT 1 FROM json_each(serves) WHERE value = ?1))
                     AND opened_on <= ?2 AND (closed_on = '' OR closed_on > ?2)",
                )?
                .query_row(rusqlite::params![c.to_string(), day], |r| r.get(0))?;
            let mine: Vec<_> = activities.iter().filter(|a| a.2.contains(c)).collect();
            by_community.push(CommunityCircle {
                community_id: *c,
                name: super::place_name(&self.conn, *c)?,
                points: serving,
                activities: mine.len() as u32,
                participants: mine.iter().map(|a| a.5.max(0) as u32).sum(),
            });
        }
        Ok(CircleFigures {
            month,
            place_name,
            points: points.len() as u32,
            shared_points: points.iter().filter(|p| !p.7.is_empty()).count() as u32,
            by_kind,
            activities: activities.len() as u32,
            participants: activities.iter().map(|a| a.5.max(0) as u32).sum(),
            by_community,
        })
    }
}
