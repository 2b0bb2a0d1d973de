//! A month's patrol figures: patrols done (logs), slots missed and still planned, findings and
//! how many became requests, findings by category; the monthly report's lines, each the count of
//! the rows [`patrol_records`] lists for its key, so the drill-down shows exactly what was counted.

use std::collections::BTreeMap;

use linli_domain::calendar::month_bounds;
use linli_domain::patrols::{FindingCategory, SlotState};
use linli_domain::{DomainError, Id};
use linli_protocol::*;

use super::rota::slots_between;
use crate::lending::communities_under;
use crate::{Result, Store};

/// The keys of the patrol figures, in the report's order.
pub(crate) const KEYS: [&str; 4] = [
    "patrol_done",
    "patrol_missed",
    "patrol_findings",
    "patrol_requests",
];

/// The headers of a key's rows (one set for all four: a row is a log, a slot or a finding).
pub(crate) const HEADERS: [&str; 7] = [
    "日期",
    "时间",
    "巡防队",
    "路线/地点",
    "队员",
    "问题类别",
    "问题/诉求",
];

impl Store {
    fn now_minute(&self) -> (String, String) {
        let m = self.now().local_minute();
        (m[..10].to_owned(), m[11..].to_owned())
    }
}

/// The rows behind a patrol figure for the communities of the scope (every one when none) and
/// the period `from`..=`to`. `None` when `key` is not a patrol figure.
pub(crate) fn patrol_records(
    s: &Store,
    community: Option<Id>,
    from: &str,
    to: &str,
    key: &str,
) -> Result<Option<Vec<Vec<String>>>> {
    if !KEYS.contains(&key) {
        return Ok(None);
    }
    let (d, t) = s.now_minute();
    let mut rows = Vec::new();
    for c in communities_under(&s.conn, community)? {
        match key {
            "patrol_missed" => {
                for slot in slots_between(&s.conn, Some(c), None, from, to, (&d, &t))? {
                    if slot.state == SlotState::Missed {
                        rows.push(vec![
                            slot.date,
                            format!("{}–{}", slot.starts, slot.ends),
                            slot.team_name,
                            String::new(),
                            slot.member_names,
                            String::new(),
                            "漏巡".to_owned(),
                        ]);
                    }
                }
            }
            _ => {
                let ids: Vec<Id> = s
                    .conn
                    .prepare_cached(
                        "SELECT l.id FROM patrol_logs l JOIN patrol_teams t ON t.id = l.team_id
                         WHERE l.deleted = 0 AND t.deleted = 0 AND l.community_id = ?1
                         AND l.date BETWEEN ?2 AND ?3 ORDER BY l.date, l.starts, l.id",
                    )?
                    .query_map(rusqlite::params![c.to_string(), from, to], |r| r.get(0))?
                    .collect::<rusqlite::Result<_>>()?;
                for id in ids {
                    let l = s.patrol_log_view(id)?;
                    let time = format!("{}–{}", l.starts, l.ends);
                    if key == "patrol_done" {
                        rows.push(vec![
                            l.date.clone(),
                            time,
                            l.team_name.clone(),
                            l.route.clone(),
                            l.member_names.clone(),
                            String::new(),
                            format!("发现问题{}个", l.findings.len()),
                        ]);
                        continue;
                    }
                    for f in &l.findings {
                        if key == "patrol_requests" && f.task_id.is_none() {
                            continue;
                        }
                        let what = if key == "patrol_requests" {
                            f.task_title.clone()
                        } else {
                            f.description.clone()
                        };
                        rows.push(vec![
                            l.date.clone(),
                            time.clone(),
                            l.team_name.clone(),
                            f.place.clone(),
                            l.member_names.clone(),
                            f.category.label_zh().to_owned(),
                            what,
                        ]);
                    }
                }
            }
        }
    }
    Ok(Some(rows))
}

/// The patrol lines of the monthly report: the month `from`..=`to` and the year to date
/// `cum_from`..=`to`.
pub(crate) fn patrol_figures(
    s: &Store,
    community: Option<Id>,
    (from, cum_from, to): (&str, &str, &str),
    narrower: bool,
) -> Result<Vec<MonthlyFigure>> {
    let count = |key: &str, from: &str| -> Result<f64> {
        Ok(patrol_records(s, community, from, to, key)?
            .unwrap_or_default()
            .len() as f64)
    };
    let by_community = if narrower {
        "（巡防按所在社区统计）"
    } else {
        ""
    };
    let mut out = Vec::new();
    for (key, label, source) in [
        (
            "patrol_done",
            "治安巡防（次）",
            "巡防记录中日期在统计期内的记录数",
        ),
        (
            "patrol_missed",
            "漏巡班次（个）",
            "排班中已过结束时间而无巡防记录的班次数",
        ),
        (
            "patrol_findings",
            "巡防发现问题（个）",
            "统计期内巡防记录所记的问题数",
        ),
        (
            "patrol_requests",
            "巡防问题转诉求（件）",
            "统计期内巡防发现的问题中已转为诉求的个数",
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

impl Store {
    pub fn patrols_report(&mut self, req: &PatrolsReport) -> Result<PatrolFigures> {
        let today = self.now().today();
        let month = req
            .month
            .as_deref()
            .map(|m| m.trim().to_owned())
            .filter(|m| !m.is_empty())
            .unwrap_or_else(|| today[..7].to_owned());
        let Some((from, to)) = month_bounds(&month) else {
            return Err(DomainError::coded(
                "month",
                linli_domain::msg::BAD_DATE,
                linli_domain::args![value = month],
            )
            .into());
        };
        let (d, t) = self.now_minute();
        let mut f = PatrolFigures {
            month,
            from: from.clone(),
            to: to.clone(),
            ..PatrolFigures::default()
        };
        let mut cats: BTreeMap<&'static str, u32> = BTreeMap::new();
        for c in communities_under(&self.conn, req.place_id)? {
            for slot in slots_between(&self.conn, Some(c), None, &from, &to, (&d, &t))? {
                match slot.state {
                    SlotState::Missed => f.missed += 1,
                    SlotState::Planned => f.planned += 1,
                    _ => {}
                }
            }
        }
        let done =
            patrol_records(self, req.place_id, &from, &to, "patrol_done")?.unwrap_or_default();
        f.done = done.len() as u32;
        for l in self.list_patrol_logs(&ListPatrolLogs {
            from: Some(from.clone()),
            to: Some(to.clone()),
            ..ListPatrolLogs::default()
        })? {
            if let Some(p) = req.place_id {
                if !communities_under(&self.conn, Some(p))?.contains(&l.community_id) {
                    continue;
                }
            }
            for x in &l.findings {
                f.findings += 1;
                if x.task_id.is_some() {
                    f.requests += 1;
                }
                let code = match x.category {
                    FindingCategory::Unknown => "other",
                    c => c.code(),
                };
                *cats.entry(code).or_default() += 1;
            }
        }
        f.by_category = cats
            .into_iter()
            .map(|(code, n)| CountBy {
                code: code.to_owned(),
                n,
            })
            .collect();
        Ok(f)
    }
}
