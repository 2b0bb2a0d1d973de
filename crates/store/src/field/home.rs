//! 工作台: a person's day — the households due in their sections (those with a care need first),
//! the requests they have or raised that are still open (and which of them are overdue), the
//! unreviewed findings of the last seven days in their sections, and the community's volunteer
//! activities this week (Monday to Sunday). An administrator asks for a community instead.

use linli_domain::{field, DomainError, Id};
use linli_protocol::{Home, HomeDay, ListActivities, Today};
use rusqlite::{params, OptionalExtension};

use super::day_or_today;
use super::visits::EFFECTIVE;
use crate::register::{id_text, parse_id};
use crate::{Result, Store};

/// The Monday and Sunday of the week `day` falls in.
pub(crate) fn week_of(day: &str) -> (String, String) {
    let n = field::day_number(day).unwrap_or(0);
    // day 0 (1970-01-01) was a Thursday: Monday is weekday 0
    let monday = n - (n + 3).rem_euclid(7);
    (field::day_text(monday), field::day_text(monday + 6))
}

impl Store {
    /// The building and unit of a live household (`NotFound` for one deleted or unknown), without
    /// reading it whole: the agenda and the task lists place tasks by it too (issue 24).
    pub(crate) fn household_place(&self, id: Id) -> Result<(Option<Id>, Option<Id>)> {
        let row: Option<(Option<String>, Option<String>)> = self
            .conn
            .prepare_cached(
                "SELECT building_id, unit_id FROM households WHERE id = ?1 AND deleted = 0",
            )?
            .query_row([id.to_string()], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        let (building, unit) = row.ok_or(crate::Error::NotFound {
            what: "住户",
            id: id.to_string(),
        })?;
        Ok((parse_id(building)?, parse_id(unit)?))
    }

    pub fn home(&self, req: &Home) -> Result<HomeDay> {
        let today = day_or_today(&self.now(), "today", &req.today)?;
        let area = match (req.person_id, req.community_id) {
            (Some(p), _) => self.area_of_person(p)?,
            (None, Some(c)) => self.area_of_place(Some(c))?,
            (None, None) => {
                return Err(DomainError::coded(
                    "person_id",
                    linli_domain::msg::HOME_NEEDS_WHO,
                    vec![],
                )
                .into())
            }
        };
        let mut due = self.today(&Today {
            person_id: req.person_id,
            place_id: if req.person_id.is_some() {
                None
            } else {
                req.community_id
            },
            today: Some(today.clone()),
            ..Default::default()
        })?;
        // a stable sort: the walking order stays within each group
        due.sort_by_key(|h| h.care_tags.is_empty());

        let mut open_tasks = self.open_tasks_in(&area, &today)?;
        open_tasks.retain(|t| !t.status.resolved());
        if let Some(me) = req.person_id {
            open_tasks.retain(|t| t.assignee_id == Some(me) || t.raised_by == Some(me));
        }
        let overdue = open_tasks
            .iter()
            .filter(|t| t.overdue)
            .map(|t| t.id)
            .collect();

        let week_ago = field::add_days(&today, -6).unwrap_or_else(|| today.clone());
        let mut unreviewed = Vec::new();
        for v in self.visits_where(
            &format!(
                "(?1 IS NULL OR v.community_id = ?1) AND v.at >= ?2 AND v.at < ?3 || '~'
                 AND substr(v.at, 1, 10) BETWEEN ?2 AND ?3
                 AND (v.findings != '' OR v.needs_follow_up = 1) AND {EFFECTIVE}
                 AND NOT EXISTS (SELECT 1 FROM visit_reviews r WHERE r.visit_id = v.id)"
            ),
            params![id_text(area.community), week_ago, today],
        )? {
            // where the household stands (a live one), not the whole household page
            let (building, unit) = self.household_place(v.household_id)?;
            if area.holds(building, unit) {
                unreviewed.push(v);
            }
        }

        let activities = match area.community {
            Some(c) => {
                let (from, to) = week_of(&today);
                let mut list = self.list_activities(&ListActivities {
                    community_id: c,
                    from: Some(from),
                    to: Some(to),
                })?;
                list.sort_by(|a, b| a.date.cmp(&b.date));
                list
            }
            None => Vec::new(),
        };
        Ok(HomeDay {
            today,
            due,
            open_tasks,
            overdue,
            unreviewed,
            activities,
        })
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_week_runs_monday_to_sunday() {
        assert_eq!(
            super::week_of("2026-12-06"),
            ("2026-11-30".into(), "2026-12-06".into())
        );
        assert_eq!(
            super::week_of("2026-11-30"),
            ("2026-11-30".into(), "2026-12-06".into())
        );
        assert_eq!(
            super::week_of("2026-12-03"),
            ("2026-11-30".into(), "2026-12-06".into())
        );
    }
}
