//! A month's mediation figures for the communities under a place: cases received, agreements
//! reached and carried out, failed mediations, the settlement rate, cases closed, open and
//! overdue at the month's end, 司法确认 applied for, the month's cases by type and source.

use std::collections::BTreeMap;

use linli_domain::calendar::month_bounds;
use linli_domain::mediation::{self as rules, StepKind};
use linli_domain::{DomainError, Id};
use linli_protocol::*;

use super::cases::case_row;
use super::steps::events_of;
use crate::lending::communities_under;
use crate::{Result, Store};

fn counts(map: BTreeMap<&'static str, u32>) -> Vec<CountBy> {
    map.into_iter()
        .map(|(code, n)| CountBy {
            code: code.to_owned(),
            n,
        })
        .collect()
}

impl Store {
    pub fn mediation_report(&mut self, req: &MediationReport) -> Result<MediationFigures> {
        let today = self.now().today();
        let month = req
            .month
            .clone()
            .map(|m| m.trim().to_owned())
            .filter(|m| !m.is_empty())
            .unwrap_or_else(|| today[..7].to_owned());
        let Some((first, last)) = month_bounds(&month) else {
            return Err(DomainError::coded(
                "month",
                linli_domain::msg::BAD_DATE,
                linli_domain::args![value = month],
            )
            .into());
        };
        let end = last.clone().min(today);
        let in_month = |d: &str| d >= first.as_str() && d <= last.as_str();
        let mut f = MediationFigures {
            month: month.clone(),
            place_id: req.place_id,
            received: 0,
            settled: 0,
            failed: 0,
            settlement_rate: 0.0,
            carried_out: 0,
            closed: 0,
            open: 0,
            overdue: 0,
            confirmations: 0,
            by_kind: Vec::new(),
            by_source: Vec::new(),
        };
        let (mut kinds, mut sources) = (BTreeMap::new(), BTreeMap::new());
        for community in communities_under(&self.conn, req.place_id)? {
            let ids: Vec<Id> = self
                .conn
                .prepare_cached(
                    "SELECT id FROM mediation_cases WHERE community_id = ?1 AND deleted = 0
                     AND registered_on <= ?2",
                )?
                .query_map(rusqlite::params![community.to_string(), end], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            for id in ids {
                let c = case_row(&self.conn, id)?;
                let events: Vec<MediationEvent> = events_of(&self.conn, id, false)?
                    .into_iter()
                    .filter(|e| e.date <= end)
                    .collect();
                if in_month(&c.registered_on) {
                    f.received += 1;
                    *kinds.entry(c.kind.code()).or_insert(0) += 1;
                    *sources.entry(c.source.code()).or_insert(0) += 1;
                }
                let has = |k: StepKind| events.iter().any(|e| e.kind == k);
                let outcome = events.iter().find(|e| e.kind == StepKind::Outcome);
                match outcome.and_then(|e| e.outcome.map(|o| (o, e.date.as_str()))) {
                    Some((o, day)) if in_month(day) && o.agreed() => {
                        f.settled += 1;
                        if has(StepKind::CarryingOut) || has(StepKind::FollowUp) {
                            f.carried_out += 1;
                        }
                    }
                    Some((_, day)) if in_month(day) => f.failed += 1,
                    Some(_) => {}
                    None => {
                        f.open += 1;
                        let days: Vec<i64> = events
                            .iter()
                            .filter(|e| e.kind == StepKind::Extension)
                            .filter_map(|e| e.days)
                            .collect();
                        if rules::term_end(&c.registered_on, &days) < end {
                            f.overdue += 1;
                        }
                    }
                }
                if events
                    .iter()
                    .any(|e| e.kind == StepKind::Close && in_month(&e.date))
                {
                    f.closed += 1;
                }
                // a case is sent once; a later line records the court's result
                if events
                    .iter()
                    .find(|e| e.kind == StepKind::Confirmation)
                    .is_some_and(|e| in_month(&e.date))
                {
                    f.confirmations += 1;
                }
            }
        }
        let decided = f.settled + f.failed;
        if decided > 0 {
            f.settlement_rate = f64::from(f.settled) / f64::from(decided);
        }
        f.by_kind = counts(kinds);
        f.by_source = counts(sources);
        Ok(f)
    }
}
