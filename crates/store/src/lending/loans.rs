//! The loan lists: a community's open loans (or all), overdue only, in conflict only, of a
//! household or a building, or of the households a worker or a grid covers (今日's scope).

use linli_protocol::{ListLoans, Loan};

use super::desk::loan_view;
use super::household_head;
use super::state::loans_where;
use crate::{Result, Store};

impl Store {
    /// Loans of a community: open ones (all with `include_closed`), overdue first by days.
    pub fn list_loans(&mut self, req: &ListLoans) -> Result<Vec<Loan>> {
        let today = self.now().today();
        let rows = match req.household_id {
            Some(h) => loans_where(&self.conn, "household_id = ?1", &h.to_string())?,
            None => loans_where(
                &self.conn,
                "community_id = ?1",
                &req.community_id.to_string(),
            )?,
        };
        // 今日's scope: the buildings and sections a worker works, or a grid's
        let area = match (req.grid_id, req.person_id) {
            (Some(g), _) => Some(self.area_of_grid(g)?),
            (None, Some(p)) => Some(self.area_of_person(p)?),
            (None, None) => None,
        };
        let mut out = Vec::new();
        for l in rows {
            let shown = req.include_closed || l.open() || (l.handout && req.household_id.is_some());
            if !shown {
                continue;
            }
            if req.overdue_only && l.overdue_days(&today) == 0 {
                continue;
            }
            if let Some(area) = &area {
                let h = household_head(&self.conn, l.household_id)?;
                if !area.holds(h.building, h.unit) {
                    continue;
                }
            }
            let v = loan_view(&self.conn, &l, &today)?;
            if req.building_id.is_some() && v.building_id != req.building_id {
                continue;
            }
            if req.conflicts_only && !v.conflict {
                continue;
            }
            out.push(v);
        }
        if req.overdue_only {
            out.sort_by(|a, b| {
                b.overdue_days
                    .cmp(&a.overdue_days)
                    .then(a.household.cmp(&b.household))
            });
        }
        Ok(out)
    }
}
