//! Reports over the time bank: verified hours by volunteer, team, category and month, and
//! party members' points per work unit. Every figure is a sum over the facts it names.

use std::collections::{BTreeMap, BTreeSet};

use linli_domain::volunteers::minutes_to_hours;
use linli_domain::Id;
use linli_protocol::{
    HoursReport, HoursReportQuery, HoursRow, WorkUnitPoints, WorkUnitPointsQuery,
};
use rusqlite::params;

use super::totals::COUNTS;
use super::{ledger, opt_date};
use crate::{Result, Store};

/// Accumulates one row of a report.
#[derive(Default)]
struct Acc {
    name: String,
    minutes: i64,
    entries: u32,
    volunteers: BTreeSet<Id>,
}

impl Acc {
    fn add(&mut self, name: &str, minutes: i64, original: bool, volunteer: Id) {
        if self.name.is_empty() {
            self.name = name.to_owned();
        }
        self.minutes += minutes;
        // a reversal takes its entry back out of the count
        if original {
            self.entries += 1;
        } else {
            self.entries = self.entries.saturating_sub(1);
        }
        self.volunteers.insert(volunteer);
    }

    fn row(self, id: Option<Id>) -> HoursRow {
        HoursRow {
            id,
            name: self.name,
            hours: minutes_to_hours(self.minutes),
            entries: self.entries,
            volunteers: self.volunteers.len() as u32,
        }
    }
}

fn rows<K: Ord>(m: BTreeMap<K, Acc>, id: impl Fn(&K) -> Option<Id>) -> Vec<HoursRow> {
    let mut out: Vec<HoursRow> = m
        .into_iter()
        .filter(|(_, a)| a.minutes != 0 || a.entries != 0)
        .map(|(k, a)| a.row(id(&k)))
        .collect();
    out.retain(|r| r.hours != 0.0);
    out
}

impl Store {
    pub fn hours_report(&self, q: &HoursReportQuery) -> Result<HoursReport> {
        let from = opt_date("from", q.from.as_deref())?;
        let to = opt_date("to", q.to.as_deref())?;
        let community = q.community_id.map(|c| c.to_string());
        /// An hours entry that counts, by its columns' names.
        struct Fact {
            volunteer: Id,
            volunteer_name: String,
            team: Option<Id>,
            team_name: Option<String>,
            category: String,
            date: String,
            minutes: i64,
            original: bool,
        }
        let facts: Vec<Fact> = self
            .conn
            .prepare_cached(&format!(
                "SELECT e.volunteer_id, coalesce(v.name, '') AS volunteer_name, t.id AS team_id,
                        t.name AS team_name, e.category, e.date, e.minutes,
                        e.reverses IS NULL AS original
                 FROM service_hours e LEFT JOIN volunteers v ON v.id = e.volunteer_id
                 LEFT JOIN activities a ON a.id = e.activity_id
                 LEFT JOIN teams t ON t.id = a.team_id
                 WHERE {COUNTS} AND (?1 IS NULL OR e.community_id = ?1)
                 AND (?2 IS NULL OR e.date >= ?2) AND (?3 IS NULL OR e.date <= ?3)
                 ORDER BY e.date, e.id"
            ))?
            .query_map(params![community, from, to], |r| {
                Ok(Fact {
                    volunteer: r.get("volunteer_id")?,
                    volunteer_name: r.get("volunteer_name")?,
                    team: r.get("team_id")?,
                    team_name: r.get("team_name")?,
                    category: r.get("category")?,
                    date: r.get("date")?,
                    minutes: r.get("minutes")?,
                    original: r.get("original")?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let pending_entries: u32 = self
            .conn
            .prepare_cached(
                "SELECT count(*) FROM service_hours e WHERE e.reverses IS NULL
                 AND NOT EXISTS (SELECT 1 FROM hour_verifications hv WHERE hv.entry_id = e.id)
                 AND NOT EXISTS (SELECT 1 FROM service_hours r WHERE r.reverses = e.id)
                 AND NOT EXISTS (SELECT 1 FROM hour_rejections hr WHERE hr.entry_id = e.id)
                 AND (?1 IS NULL OR e.community_id = ?1)
                 AND (?2 IS NULL OR e.date >= ?2) AND (?3 IS NULL OR e.date <= ?3)",
            )?
            .query_row(params![community, from, to], |r| r.get(0))?;

        let mut total = Acc::default();
        let mut by_volunteer: BTreeMap<Id, Acc> = BTreeMap::new();
        let mut by_team: BTreeMap<Option<Id>, Acc> = BTreeMap::new();
        let mut by_category: BTreeMap<String, Acc> = BTreeMap::new();
        let mut by_month: BTreeMap<String, Acc> = BTreeMap::new();
        for Fact {
            volunteer: vid,
            volunteer_name: vname,
            team: tid,
            team_name: tname,
            category,
            date,
            minutes,
            original,
        } in facts
        {
            total.add("", minutes, original, vid);
            by_volunteer
                .entry(vid)
                .or_default()
                .add(&vname, minutes, original, vid);
            by_team.entry(tid).or_default().add(
                tname.as_deref().unwrap_or("未关联队伍"),
                minutes,
                original,
                vid,
            );
            by_category
                .entry(category.clone())
                .or_default()
                .add(&category, minutes, original, vid);
            let month = date.get(..7).unwrap_or(&date).to_owned();
            by_month
                .entry(month.clone())
                .or_default()
                .add(&month, minutes, original, vid);
        }
        let mut by_volunteer = rows(by_volunteer, |k| Some(*k));
        by_volunteer.sort_by(|a, b| b.hours.total_cmp(&a.hours).then(a.name.cmp(&b.name)));
        let mut by_team = rows(by_team, |k| *k);
        by_team.sort_by(|a, b| {
            (a.id.is_none(), -a.hours)
                .partial_cmp(&(b.id.is_none(), -b.hours))
                .unwrap_or(std::cmp::Ordering::Equal)
                .then(a.name.cmp(&b.name))
        });
        let mut by_category = rows(by_category, |_| None);
        by_category.sort_by(|a, b| b.hours.total_cmp(&a.hours).then(a.name.cmp(&b.name)));
        Ok(HoursReport {
            from,
            to,
            total_hours: minutes_to_hours(total.minutes),
            entries: total.entries,
            volunteers: by_volunteer.len() as u32,
            pending_entries,
            by_volunteer,
            by_team,
            by_category,
            by_month: rows(by_month, |_| None),
        })
    }

    pub fn work_unit_points(&self, q: &WorkUnitPointsQuery) -> Result<Vec<WorkUnitPoints>> {
        let now = self.now();
        let members: Vec<(String, String)> = self
            .conn
            .prepare_cached(
                "SELECT p.work_unit, p.id FROM party_members p
                 JOIN volunteers v ON v.id = p.id AND v.deleted = 0
                 WHERE p.deleted = 0 AND (?1 IS NULL OR p.community_id = ?1)
                 ORDER BY p.work_unit",
            )?
            .query_map([q.community_id.map(|c| c.to_string())], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut units: BTreeMap<String, WorkUnitPoints> = BTreeMap::new();
        for (unit, vid) in members {
            let vid: Id = vid.parse()?;
            let earned: i64 = self
                .conn
                .prepare_cached(
                    "SELECT coalesce(sum(points), 0) FROM ledger
                     WHERE volunteer_id = ?1 AND entry_id IS NOT NULL",
                )?
                .query_row([vid.to_string()], |r| r.get(0))?;
            let hours = super::totals::verified_hours_of(&self.conn, vid)?;
            let balance = ledger::balance_of(&self.conn, vid, &now)?.balance;
            let u = units.entry(unit.clone()).or_insert(WorkUnitPoints {
                work_unit: unit,
                members: 0,
                hours: 0.0,
                earned: 0,
                balance: 0,
            });
            u.members += 1;
            u.hours += hours;
            u.earned += earned;
            u.balance += balance;
        }
        let mut out: Vec<WorkUnitPoints> = units.into_values().collect();
        out.sort_by(|a, b| b.earned.cmp(&a.earned).then(a.work_unit.cmp(&b.work_unit)));
        Ok(out)
    }
}
