//! The desk: the day's sign-in sheet, signing a child in and out (with who collected them), the
//! children still there at closing, and a month's attendance.

use std::collections::BTreeMap;

use linli_domain::calendar::month_bounds;
use linli_domain::programmes::{self as rules, CollectorKind, DayState, DeskAct, EnrolState};
use linli_domain::{DomainError, Id};
use linli_protocol::*;
use rusqlite::Connection;
use serde_json::json;

use super::enrol::{child, enrol_row, enrolment, enrolments_of, EnrolRow};
use super::{coded, programme_row};
use crate::field::stable_id;
use crate::volunteers::{community_scope, opt_date, text_field};
use crate::write::RowWrite;
use crate::{Error, Result, Store};

/// One act recorded at the desk.
struct Act {
    time: String,
    collector: Option<CollectorKind>,
    collector_name: String,
    reason: String,
}

fn act_of(conn: &Connection, enrolment: Id, date: &str, act: &str) -> Result<Option<Act>> {
    use rusqlite::OptionalExtension;
    Ok(conn
        .prepare_cached(
            "SELECT time, collector, collector_name, reason FROM programme_attendance
             WHERE enrolment_id = ?1 AND date = ?2 AND act = ?3 ORDER BY at, id LIMIT 1",
        )?
        .query_row(rusqlite::params![enrolment.to_string(), date, act], |r| {
            Ok(Act {
                time: r.get(0)?,
                collector: r
                    .get::<_, Option<String>>(1)?
                    .map(|c| CollectorKind::read(&c)),
                collector_name: r.get(2)?,
                reason: r.get(3)?,
            })
        })
        .optional()?)
}

fn attendance_id(enrolment: Id, date: &str, act: &str) -> Id {
    stable_id(&format!("programme_attendance/{enrolment}/{date}/{act}"))
}

/// "HH:MM" of this laptop's clock.
fn clock_now(s: &Store) -> String {
    let m = s.now().local_minute();
    m.get(11..16).unwrap_or("00:00").to_owned()
}

impl Store {
    fn sheet_line(
        &self,
        r: &EnrolRow,
        closes: &str,
        date: &str,
        withheld: bool,
    ) -> Result<SheetLine> {
        let today = self.now().today();
        let e = enrolment(&self.conn, r, None, &today, withheld)?;
        let i = act_of(&self.conn, r.id, date, "in")?;
        let o = act_of(&self.conn, r.id, date, "out")?;
        let state = rules::day_state(i.is_some(), o.is_some());
        let collected_by = match &o {
            Some(a) if !withheld => match (a.collector, a.reason.is_empty()) {
                (_, true) => a.collector_name.clone(),
                (Some(CollectorKind::Alone), false) => a.reason.clone(),
                (_, false) => format!("{}：{}", a.collector_name, a.reason),
            },
            _ => String::new(),
        };
        Ok(SheetLine {
            enrolment_id: r.id,
            name: e.name,
            age: e.age,
            state,
            in_at: i.map(|a| a.time).unwrap_or_default(),
            collector: o.as_ref().and_then(|a| a.collector),
            out_at: o.map(|a| a.time).unwrap_or_default(),
            collected_by,
            not_collected: rules::not_collected(state, closes, date, &today, &clock_now(self)),
            guardians: e.guardians,
        })
    }

    pub fn sign_sheet(&mut self, req: &GetSignSheet) -> Result<SignSheet> {
        let p = programme_row(&self.conn, req.programme_id)?;
        let withheld = self.children_withheld(&p)?;
        let date = opt_date("date", req.date.as_deref())?.unwrap_or_else(|| self.now().today());
        let mut lines = Vec::new();
        for r in enrolments_of(&self.conn, req.programme_id)? {
            // a child who has left still shows on the days they came
            let came = act_of(&self.conn, r.id, &date, "in")?.is_some();
            if r.state == EnrolState::Enrolled || came {
                lines.push(self.sheet_line(&r, &p.closes, &date, withheld)?);
            }
        }
        lines.sort_by(|a, b| a.name.cmp(&b.name));
        Ok(SignSheet {
            programme_id: req.programme_id,
            meets: rules::meets_on(&p.weekdays, &p.term_start, &p.term_end, &date),
            present: lines.iter().filter(|l| l.state != DayState::NotIn).count() as u32,
            not_collected: lines.iter().filter(|l| l.not_collected).count() as u32,
            date,
            opens: p.opens,
            closes: p.closes,
            lines,
            withheld,
        })
    }

    /// The enrolment, its programme and the day checked for the desk.
    fn desk_day(
        &self,
        enrolment: Id,
        date: Option<&str>,
        time: Option<&str>,
        act: DeskAct,
    ) -> Result<(EnrolRow, ProgrammeFields, String, String, String)> {
        let r = enrol_row(&self.conn, enrolment)?;
        let p = programme_row(&self.conn, r.programme)?;
        let today = self.now().today();
        let date = opt_date("date", date)?.unwrap_or_else(|| today.clone());
        if date > today {
            return Err(coded(
                "date",
                linli_domain::msg::PROG_FUTURE_DAY,
                linli_domain::args![day = date],
            ));
        }
        let time = match time.filter(|t| !t.trim().is_empty()) {
            Some(t) => rules::check_clock("time", t)?,
            None => clock_now(self),
        };
        let name = match r.resident {
            Some(id) => child(&self.conn, id)?.map(|c| c.name).unwrap_or_default(),
            None => String::new(),
        };
        if act == DeskAct::SignIn {
            if r.state != EnrolState::Enrolled {
                return Err(Error::conflict(
                    linli_domain::msg::PROG_NOT_ENROLLED,
                    linli_domain::args![name = name],
                ));
            }
            if !rules::meets_on(&p.weekdays, &p.term_start, &p.term_end, &date) {
                return Err(coded(
                    "date",
                    linli_domain::msg::PROG_NOT_MEETING,
                    linli_domain::args![day = date],
                ));
            }
        }
        let state = rules::day_state(
            act_of(&self.conn, r.id, &date, "in")?.is_some(),
            act_of(&self.conn, r.id, &date, "out")?.is_some(),
        );
        rules::check_desk(&name, state, act)?;
        Ok((r, p, date, time, name))
    }

    pub fn sign_child_in(&mut self, req: &SignIn) -> Result<SheetLine> {
        let (r, p, date, time, _) = self.desk_day(
            req.enrolment_id,
            req.date.as_deref(),
            req.time.as_deref(),
            DeskAct::SignIn,
        )?;
        let mut w = self.begin()?;
        let at = w.now().stamp();
        w.insert_fact(RowWrite {
            table: "programme_attendance",
            row_id: attendance_id(r.id, &date, "in"),
            fields: vec![
                ("programme_id", json!(r.programme.to_string())),
                ("enrolment_id", json!(r.id.to_string())),
                ("community_id", json!(p.community_id.to_string())),
                ("date", json!(date)),
                ("act", json!("in")),
                ("time", json!(time)),
                ("collector", json!(null)),
                ("collector_name", json!("")),
                ("reason", json!("")),
                ("at", json!(at)),
            ],
            scope: community_scope(p.community_id),
        })?;
        w.commit()?;
        let withheld = self.children_withheld(&p)?;
        self.sheet_line(&r, &p.closes, &date, withheld)
    }

    pub fn sign_child_out(&mut self, req: &SignOut) -> Result<SheetLine> {
        let (r, p, date, time, _) = self.desk_day(
            req.enrolment_id,
            req.date.as_deref(),
            req.time.as_deref(),
            DeskAct::SignOut,
        )?;
        let guardian = req.guardian.map(|g| g as usize);
        rules::check_collector(
            req.collector,
            guardian,
            r.guardians.len(),
            &req.name,
            &req.reason,
        )?;
        let reason = text_field("reason", "原因", &req.reason, 100, true)?;
        let name = match (req.collector, guardian.and_then(|g| r.guardians.get(g))) {
            (CollectorKind::Guardian, Some(g)) if g.relation.is_empty() => g.name.clone(),
            (CollectorKind::Guardian, Some(g)) => format!("{}（{}）", g.name, g.relation),
            (CollectorKind::Other, _) => text_field("name", "接送人", &req.name, 40, false)?,
            _ => String::new(),
        };
        let mut w = self.begin()?;
        let at = w.now().stamp();
        w.insert_fact(RowWrite {
            table: "programme_attendance",
            row_id: attendance_id(r.id, &date, "out"),
            fields: vec![
                ("programme_id", json!(r.programme.to_string())),
                ("enrolment_id", json!(r.id.to_string())),
                ("community_id", json!(p.community_id.to_string())),
                ("date", json!(date)),
                ("act", json!("out")),
                ("time", json!(time)),
                ("collector", json!(req.collector.code())),
                ("collector_name", json!(name)),
                ("reason", json!(reason)),
                ("at", json!(at)),
            ],
            scope: community_scope(p.community_id),
        })?;
        w.commit()?;
        let withheld = self.children_withheld(&p)?;
        self.sheet_line(&r, &p.closes, &date, withheld)
    }

    pub fn programme_attendance(&mut self, req: &GetAttendance) -> Result<Attendance> {
        let p = programme_row(&self.conn, req.programme_id)?;
        let withheld = self.children_withheld(&p)?;
        let today = self.now().today();
        let month = req
            .month
            .clone()
            .filter(|m| !m.trim().is_empty())
            .unwrap_or_else(|| today[..7].to_owned());
        let Some((first, last)) = month_bounds(month.trim()) else {
            return Err(DomainError::coded(
                "month",
                linli_domain::msg::BAD_DATE,
                linli_domain::args![value = month],
            )
            .into());
        };
        let id = req.programme_id.to_string();
        let mut days: BTreeMap<String, AttendanceDay> = BTreeMap::new();
        let blank = |d: &str| AttendanceDay {
            date: d.to_owned(),
            present: 0,
            not_collected: 0,
            credited: 0,
            hours: 0.0,
        };
        let rows: Vec<(String, Id, bool)> = self
            .conn
            .prepare_cached(
                "SELECT i.date, i.enrolment_id, EXISTS (SELECT 1 FROM programme_attendance o
                     WHERE o.enrolment_id = i.enrolment_id AND o.date = i.date AND o.act = 'out')
                 FROM programme_attendance i
                 WHERE i.programme_id = ?1 AND i.act = 'in' AND i.date BETWEEN ?2 AND ?3",
            )?
            .query_map(rusqlite::params![id, first, last], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut per_child: BTreeMap<Id, u32> = BTreeMap::new();
        for (date, enrolment, out) in rows {
            let d = days.entry(date.clone()).or_insert_with(|| blank(&date));
            d.present += 1;
            if rules::not_collected(
                rules::day_state(true, out),
                &p.closes,
                &date,
                &today,
                &clock_now(self),
            ) {
                d.not_collected += 1;
            }
            *per_child.entry(enrolment).or_insert(0) += 1;
        }
        let shifts: Vec<(String, i64)> = self
            .conn
            .prepare_cached(
                "SELECT s.date, s.minutes FROM programme_shifts s
                 WHERE s.programme_id = ?1 AND s.date BETWEEN ?2 AND ?3",
            )?
            .query_map(rusqlite::params![id, first, last], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        for (date, minutes) in shifts {
            let d = days.entry(date.clone()).or_insert_with(|| blank(&date));
            d.credited += 1;
            d.hours += minutes as f64 / 60.0;
        }
        let mut children = Vec::new();
        for r in enrolments_of(&self.conn, req.programme_id)? {
            let n = per_child.get(&r.id).copied().unwrap_or(0);
            if r.state != EnrolState::Enrolled && n == 0 {
                continue;
            }
            let e = enrolment(&self.conn, &r, None, &today, withheld)?;
            children.push(ChildDays {
                enrolment_id: r.id,
                name: e.name,
                days: n,
            });
        }
        children.sort_by(|a, b| b.days.cmp(&a.days).then(a.name.cmp(&b.name)));
        Ok(Attendance {
            programme_id: req.programme_id,
            month: month.trim().to_owned(),
            days: days.into_values().collect(),
            children,
            withheld,
        })
    }
}
