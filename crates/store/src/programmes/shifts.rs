//! A day's shift credited through the time bank: every volunteer on the programme's rota that
//! day gets the programme's opening hours as a service-hour entry (`volunteers::hours`, pending
//! verification as every credited hour), once: the shift is a fact with a stable id (programme,
//! day, volunteer), written with its entry, and a second call credits no one twice.

use linli_domain::programmes as rules;
use linli_domain::volunteers::validate_category;
use linli_domain::Id;
use linli_protocol::*;
use rusqlite::OptionalExtension;
use serde_json::json;

use super::{coded, programme_row};
use crate::field::stable_id;
use crate::volunteers::hours::{entry, insert_entry, NewEntry};
use crate::volunteers::{community_scope, opt_date, volunteer_head};
use crate::write::RowWrite;
use crate::Result;
use crate::Store;

/// The time bank's category of a programme's hours.
pub(crate) const CATEGORY: &str = "课业辅导";

fn shift_id(programme: Id, date: &str, volunteer: Id) -> Id {
    stable_id(&format!("programme_shifts/{programme}/{date}/{volunteer}"))
}

impl Store {
    pub fn credit_programme_shift(&mut self, req: &CreditProgrammeShift) -> Result<ShiftCredit> {
        let p = programme_row(&self.conn, req.programme_id)?;
        let today = self.now().today();
        let date = opt_date("date", req.date.as_deref())?.unwrap_or_else(|| today.clone());
        if date > today {
            return Err(coded(
                "date",
                linli_domain::msg::PROG_FUTURE_DAY,
                linli_domain::args![day = date],
            ));
        }
        if !rules::meets_on(&p.weekdays, &p.term_start, &p.term_end, &date) {
            return Err(coded(
                "date",
                linli_domain::msg::PROG_NOT_MEETING,
                linli_domain::args![day = date],
            ));
        }
        let weekday = rules::weekday_of(&date)
            .and_then(|d| char::from_digit(d, 10))
            .unwrap_or('0');
        let on_rota: Vec<Id> = p
            .staff
            .iter()
            .filter(|s| s.weekdays.is_empty() || s.weekdays.contains(weekday))
            .filter_map(|s| s.volunteer_id)
            .collect();
        if on_rota.is_empty() {
            return Err(coded(
                "programme_id",
                linli_domain::msg::PROG_NO_SHIFT,
                linli_domain::args![day = date],
            ));
        }
        let minutes = rules::shift_minutes(&p.opens, &p.closes);
        let category = validate_category(CATEGORY)?;
        let me = self.get_me(&GetMe {})?.person.map(|p| p.id);
        let mut already = Vec::new();
        let mut fresh = Vec::new();
        for v in on_rota {
            let (_, name) = volunteer_head(&self.conn, v)?;
            let done: Option<i64> = self
                .conn
                .prepare_cached("SELECT 1 FROM programme_shifts WHERE id = ?1")?
                .query_row([shift_id(req.programme_id, &date, v).to_string()], |r| {
                    r.get(0)
                })
                .optional()?;
            if done.is_some() {
                already.push(name);
            } else {
                fresh.push(v);
            }
        }
        let note = format!("{} {}–{}", p.name, p.opens, p.closes);
        let mut w = self.begin()?;
        let mut ids = Vec::new();
        for v in fresh {
            let entry_id = insert_entry(
                &mut w,
                &NewEntry {
                    volunteer: v,
                    community: p.community_id,
                    activity: None,
                    minutes,
                    category: &category,
                    date: &date,
                    reverses: None,
                    note: &note,
                    credited_by: me,
                },
            )?;
            let at = w.now().stamp();
            w.insert_fact(RowWrite {
                table: "programme_shifts",
                row_id: shift_id(req.programme_id, &date, v),
                fields: vec![
                    ("programme_id", json!(req.programme_id.to_string())),
                    ("community_id", json!(p.community_id.to_string())),
                    ("date", json!(date)),
                    ("volunteer_id", json!(v.to_string())),
                    ("minutes", json!(minutes)),
                    ("entry_id", json!(entry_id.to_string())),
                    ("at", json!(at)),
                ],
                scope: community_scope(p.community_id),
            })?;
            ids.push(entry_id);
        }
        w.commit()?;
        Ok(ShiftCredit {
            date,
            credited: ids
                .into_iter()
                .map(|id| entry(&self.conn, id))
                .collect::<Result<_>>()?,
            already,
        })
    }
}
