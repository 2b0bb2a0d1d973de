//! The visits list: the visits that count in a period, as coverage counts them.

use linli_domain::field::{VisitKind, VisitOutcome};
use linli_domain::{Code, Id};
use linli_sheets::Cell;
use rusqlite::params;

use super::*;
use crate::field::visits::EFFECTIVE;
use crate::register::households::mask_phone;
use crate::register::{id_text, parse_id};
use crate::volunteers::opt_date;
use crate::{Result, Store};

impl Store {
    /// Visits that count (not corrected by a later one, not voids) dated `from..=to`, of the
    /// households under `place`, newest first.
    pub(crate) fn visit_rows(
        &self,
        place: Option<Id>,
        from: Option<&str>,
        to: Option<&str>,
        reveal: bool,
    ) -> Result<Vec<Vec<Cell>>> {
        self.visit_rows_in(&self.area_of_place(place)?, from, to, reveal)
    }

    /// [`Store::visit_rows`] of the households in an area.
    pub(crate) fn visit_rows_in(
        &self,
        area: &crate::field::Area,
        from: Option<&str>,
        to: Option<&str>,
        reveal: bool,
    ) -> Result<Vec<Vec<Cell>>> {
        let from = opt_date("from", from)?;
        let to = opt_date("to", to)?;
        let sql = format!(
            "SELECT v.at, k.name AS compound, b.name AS building, u.name AS unit, h.room,
                (SELECT r.name FROM residents r WHERE r.household_id = h.id AND r.relation = '户主'
                    AND r.deleted = 0 AND r.moved_out IS NULL LIMIT 1) AS head,
                coalesce(h.phone, (SELECT r.phone FROM residents r WHERE r.household_id = h.id
                    AND r.relation = '户主' AND r.deleted = 0 AND r.moved_out IS NULL LIMIT 1))
                  AS phone,
                pe.name AS visitor, v.kind, v.outcome, v.findings, v.needs_follow_up, h.building_id, h.unit_id
             FROM visits v JOIN households h ON h.id = v.household_id
             LEFT JOIN places b ON b.id = h.building_id
             LEFT JOIN places u ON u.id = h.unit_id
             LEFT JOIN places k ON k.id = b.parent_id
             LEFT JOIN people pe ON pe.id = v.visitor_id
             WHERE {EFFECTIVE} AND (?1 IS NULL OR h.community_id = ?1)
               AND (?2 IS NULL OR substr(v.at, 1, 10) >= ?2)
               AND (?3 IS NULL OR substr(v.at, 1, 10) <= ?3)
             ORDER BY v.at DESC, v.id DESC"
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let now = self.now();
        let rows = stmt.query_map(params![id_text(area.community), from, to], |r| {
            let text = |c: &str| r.get::<_, Option<String>>(c);
            let at = r.get::<_, String>("at")?;
            let kind: Code<VisitKind> = r.get("kind")?;
            let outcome: Code<VisitOutcome> = r.get("outcome")?;
            let phone = text("phone")?.map(|p| if reveal { p } else { mask_phone(&p) });
            let row: Vec<Cell> = vec![
                crate::field::shown_time(&at, &now).into(),
                text("compound")?.into(),
                text("building")?.into(),
                text("unit")?.into(),
                text("room")?.into(),
                text("head")?.into(),
                phone.into(),
                text("visitor")?.into(),
                label_zh(&kind, VisitKind::label_zh).into(),
                label_zh(&outcome, VisitOutcome::label_zh).into(),
                yes_no(VisitOutcome::read(outcome.as_code()).reached()),
                non_empty(text("findings")?),
                yes_no(r.get("needs_follow_up")?),
            ];
            Ok((row, text("building_id")?, text("unit_id")?))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (row, building, unit) = row?;
            if area.holds(parse_id(building)?, parse_id(unit)?) {
                out.push(row);
            }
        }
        Ok(out)
    }
}
