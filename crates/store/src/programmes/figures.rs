//! A month's programme figures for the communities under a place: programmes meeting, children
//! enrolled and waiting at the month's end, new enrolments, attendance days, children not
//! collected, and the volunteer hours credited from the rota.

use std::collections::BTreeMap;

use linli_domain::calendar::month_bounds;
use linli_domain::programmes::ProgrammeKind;
use linli_domain::DomainError;
use linli_protocol::*;

use crate::lending::communities_under;
use crate::{Result, Store};

/// The month asked for ("" or none: this month) and its first and last days.
pub(crate) fn month_of(req: Option<&str>, today: &str) -> Result<(String, String, String)> {
    let month = req
        .map(|m| m.trim().to_owned())
        .filter(|m| !m.is_empty())
        .unwrap_or_else(|| today[..7].to_owned());
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

impl Store {
    pub fn programmes_report(&mut self, req: &ProgrammesReport) -> Result<ProgrammeFigures> {
        let today = self.now().today();
        let (month, first, last) = month_of(req.month.as_deref(), &today)?;
        let end = last.clone().min(today);
        let mut f = ProgrammeFigures {
            month,
            place_id: req.place_id,
            programmes: 0,
            enrolled: 0,
            new_enrolments: 0,
            waiting: 0,
            attendance_days: 0,
            not_collected: 0,
            volunteer_hours: 0.0,
            shifts: 0,
            by_kind: Vec::new(),
        };
        let mut kinds: BTreeMap<&'static str, u32> = BTreeMap::new();
        let mut minutes = 0i64;
        for community in communities_under(&self.conn, req.place_id)? {
            let c = community.to_string();
            let progs: Vec<(String, String)> = self
                .conn
                .prepare_cached(
                    "SELECT id, kind FROM programmes WHERE community_id = ?1 AND deleted = 0
                     AND term_start <= ?3 AND (term_end = '' OR term_end >= ?2)",
                )?
                .query_map(rusqlite::params![c, first, end], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })?
                .collect::<rusqlite::Result<_>>()?;
            f.programmes += progs.len() as u32;
            for (id, kind) in progs {
                // where an enrolment stood at the month's end: enrolled since then and not left
                // by then; waiting likewise
                let (enrolled, waiting, new): (u32, u32, u32) = self
                    .conn
                    .prepare_cached(
                        "SELECT coalesce(sum(state IN ('enrolled', 'left') AND since <= ?2
                                    AND (left_on = '' OR left_on > ?2)), 0),
                                coalesce(sum(state = 'waiting' AND since <= ?2), 0),
                                coalesce(sum(state IN ('enrolled', 'left') AND since BETWEEN ?3 AND ?2), 0)
                         FROM programme_enrolments WHERE programme_id = ?1 AND deleted = 0",
                    )?
                    .query_row(rusqlite::params![id, end, first], |r| {
                        Ok((r.get(0)?, r.get(1)?, r.get(2)?))
                    })?;
                f.enrolled += enrolled;
                f.waiting += waiting;
                f.new_enrolments += new;
                *kinds.entry(ProgrammeKind::read(&kind).code()).or_insert(0) += enrolled;
                let (days, open): (u32, u32) = self
                    .conn
                    .prepare_cached(
                        "SELECT count(*), coalesce(sum(NOT EXISTS (SELECT 1 FROM programme_attendance o
                             WHERE o.enrolment_id = i.enrolment_id AND o.date = i.date AND o.act = 'out')
                             AND i.date < ?3), 0)
                         FROM programme_attendance i
                         WHERE i.programme_id = ?1 AND i.act = 'in' AND i.date BETWEEN ?2 AND ?3",
                    )?
                    .query_row(rusqlite::params![id, first, end], |r| Ok((r.get(0)?, r.get(1)?)))?;
                f.attendance_days += days;
                f.not_collected += open;
                // the shifts whose time-bank entry still counts (not reversed or rejected)
                let (n, m): (u32, i64) = self
                    .conn
                    .prepare_cached(
                        "SELECT count(*), coalesce(sum(s.minutes), 0) FROM programme_shifts s
                         WHERE s.programme_id = ?1 AND s.date BETWEEN ?2 AND ?3
                         AND NOT EXISTS (SELECT 1 FROM service_hours r WHERE r.reverses = s.entry_id)
                         AND NOT EXISTS (SELECT 1 FROM hour_rejections hr WHERE hr.entry_id = s.entry_id)",
                    )?
                    .query_row(rusqlite::params![id, first, end], |r| Ok((r.get(0)?, r.get(1)?)))?;
                f.shifts += n;
                minutes += m;
            }
        }
        f.volunteer_hours = minutes as f64 / 60.0;
        f.by_kind = kinds
            .into_iter()
            .filter(|(_, n)| *n > 0)
            .map(|(code, n)| CountBy {
                code: code.to_owned(),
                n,
            })
            .collect();
        Ok(f)
    }
}
