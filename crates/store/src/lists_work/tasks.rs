//! The requests list (五单) of a period and the weekly consultation agenda (周会商).

use linli_domain::field::{TaskCategory, ESCALATION_LEVELS};
use linli_domain::{Id, PlaceKind};
use linli_protocol::{TaskRates, WeeklyAgenda};
use linli_sheets::Cell;

use super::*;
use crate::volunteers::opt_date;
use crate::{Result, Store};

impl Store {
    /// Requests raised `from..=to` under `place` (as [`Store::task_rates`] takes them), oldest
    /// first, with its verdicts: resolved, on time, overdue as of `to`.
    pub(crate) fn task_rows(
        &self,
        place: Option<Id>,
        from: Option<&str>,
        to: Option<&str>,
    ) -> Result<Vec<Vec<Cell>>> {
        self.task_rows_in(&self.area_of_place(place)?, from, to)
    }

    /// [`Store::task_rows`] of the requests in an area.
    pub(crate) fn task_rows_in(
        &self,
        area: &crate::field::Area,
        from: Option<&str>,
        to: Option<&str>,
    ) -> Result<Vec<Vec<Cell>>> {
        let rates = self.task_rates_in(
            area,
            &TaskRates {
                place_id: None,
                from: Some(from.unwrap_or(EARLIEST).to_owned()),
                to: to.map(str::to_owned),
            },
        )?;
        let mut out = Vec::new();
        for id in &rates.raised {
            let t = self.task(*id, Some(&rates.to))?;
            let category = match t.subcategory {
                Some(sub) if t.category == TaskCategory::Snapshot => {
                    format!("{}·{}", t.category.label_zh(), sub.label_zh())
                }
                _ => t.category.label_zh().to_owned(),
            };
            out.push(vec![
                t.raised_at.clone().into(),
                category.into(),
                t.title.clone().into(),
                non_empty(Some(t.where_text.clone())),
                t.status.label_zh().into(),
                t.assignee_name.clone().into(),
                non_empty(t.team.clone()),
                t.due_date.clone().into(),
                t.finished_at.clone().into(),
                yes_no(rates.resolved.contains(id)),
                yes_no(rates.on_time.contains(id)),
                yes_no(rates.overdue.contains(id)),
                t.rating.map(|r| Cell::Number(f64::from(r))).into(),
                Cell::Number(f64::from(t.escalation_level)),
            ]);
        }
        Ok(out)
    }

    /// The weekly agenda as of `day` (today when none) of `place`'s community — of every
    /// community under `place` when it lies above one, of every community when it is none — one
    /// row per open task, then per unreviewed finding, grid by grid as [`Store::weekly_agenda`]
    /// groups them.
    pub(crate) fn agenda_rows(
        &self,
        place: Option<Id>,
        day: Option<&str>,
    ) -> Result<Vec<Vec<Cell>>> {
        let day = opt_date("to", day)?;
        let communities: Vec<Id> = match place {
            Some(p) => match crate::register::community_of(&self.conn, p)? {
                Some(c) => vec![c],
                None => {
                    let area = self.area_of_place(Some(p))?;
                    self.communities()?
                        .into_iter()
                        .filter(|c| area.places.as_ref().is_none_or(|s| s.contains(c)))
                        .collect()
                }
            },
            None => self.communities()?,
        };
        let mut out = Vec::new();
        for c in communities {
            let community = self.place(c)?.name;
            for g in self.weekly_agenda(&WeeklyAgenda {
                community_id: c,
                today: day.clone(),
            })? {
                for t in &g.open_tasks {
                    out.push(vec![
                        community.clone().into(),
                        g.name.clone().into(),
                        "待办诉求".into(),
                        t.raised_at.clone().into(),
                        non_empty(Some(t.where_text.clone())),
                        t.title.clone().into(),
                        t.category.label_zh().into(),
                        t.status.label_zh().into(),
                        non_empty(t.assignee_name.clone().or(t.team.clone())),
                        t.due_date.clone().into(),
                        yes_no(t.overdue),
                        ESCALATION_LEVELS
                            .get(t.escalation_level as usize)
                            .copied()
                            .into(),
                    ]);
                }
                for v in &g.unreviewed {
                    out.push(vec![
                        community.clone().into(),
                        g.name.clone().into(),
                        "待研判走访".into(),
                        v.at.clone().into(),
                        v.address.clone().into(),
                        non_empty(Some(v.findings.clone())),
                        v.kind.label_zh().into(),
                        if v.needs_follow_up {
                            "需跟进"
                        } else {
                            "待研判"
                        }
                        .into(),
                        v.visitor_name.clone().into(),
                        Cell::Empty,
                        Cell::Empty,
                        Cell::Empty,
                    ]);
                }
            }
        }
        Ok(out)
    }

    /// Every community, by name.
    fn communities(&self) -> Result<Vec<Id>> {
        let ids: Vec<String> = self
            .conn
            .prepare_cached(
                "SELECT id FROM places WHERE kind = ?1 AND deleted = 0 ORDER BY name, id",
            )?
            .query_map([PlaceKind::Community.code()], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        ids.iter().map(|s| Ok(s.parse()?)).collect()
    }
}
