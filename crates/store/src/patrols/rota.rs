//! The rota: slots made from a weekly pattern over a date range (each slot's id from its team,
//! day and start, so a day already holding one is skipped, and two laptops write one row), one
//! slot edited or cancelled, and the slots listed with their state (done, missed, planned).

use linli_domain::patrols as rules;
use linli_domain::Id;
use linli_protocol::*;
use rusqlite::{Connection, OptionalExtension};
use serde_json::json;

use super::{check_members, coded, ids_from, ids_json, members_of, names_of, team_fields};
use crate::volunteers::{community_scope, text_field};
use crate::write::RowWrite;
use crate::{Error, Result, Store};

struct SlotRow {
    id: Id,
    team: Id,
    community: Id,
    date: String,
    starts: String,
    ends: String,
    members: Vec<Id>,
    note: String,
}

fn slot_id(team: Id, date: &str, starts: &str) -> Id {
    crate::field::stable_id(&format!("patrol_slot/{team}/{date}/{starts}"))
}

const SLOT_COLUMNS: &str = "id, team_id, community_id, date, starts, ends, members, note";

fn slot_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<SlotRow> {
    Ok(SlotRow {
        id: r.get("id")?,
        team: r.get("team_id")?,
        community: r.get("community_id")?,
        date: r.get("date")?,
        starts: r.get("starts")?,
        ends: r.get("ends")?,
        members: ids_from(&r.get::<_, String>("members")?),
        note: r.get("note")?,
    })
}

fn slot_by_id(conn: &Connection, id: Id) -> Result<Option<SlotRow>> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {SLOT_COLUMNS} FROM patrol_slots WHERE id = ?1 AND deleted = 0"
        ))?
        .query_row([id.to_string()], slot_row)
        .optional()?)
}

/// The log fulfilling a slot, if any.
pub(super) fn log_of_slot(conn: &Connection, slot: Id) -> Result<Option<Id>> {
    Ok(conn
        .prepare_cached(
            "SELECT id FROM patrol_logs WHERE slot_id = ?1 AND deleted = 0 ORDER BY date, id LIMIT 1",
        )?
        .query_row([slot.to_string()], |r| r.get(0))
        .optional()?)
}

/// A slot's team and day, for a log fulfilling it: `None` when there is no such slot.
pub(super) fn slot_team(conn: &Connection, slot: Id) -> Result<Option<Id>> {
    Ok(slot_by_id(conn, slot)?.map(|s| s.team))
}

fn view(conn: &Connection, s: SlotRow, now: (&str, &str)) -> Result<PatrolSlot> {
    let team = team_fields(conn, s.team)?;
    let members = members_of(conn, s.team, true)?;
    let log_id = log_of_slot(conn, s.id)?;
    Ok(PatrolSlot {
        id: s.id,
        team_id: s.team,
        team_name: team.name,
        community_id: s.community,
        state: rules::slot_state(&s.date, &s.starts, &s.ends, log_id.is_some(), now),
        member_names: names_of(&members, &s.members),
        date: s.date,
        starts: s.starts,
        ends: s.ends,
        members: s.members,
        note: s.note,
        log_id,
    })
}

/// The slots of the communities (one, or all) from `from` to `to`, by date and start.
pub(crate) fn slots_between(
    conn: &Connection,
    community: Option<Id>,
    team: Option<Id>,
    from: &str,
    to: &str,
    now: (&str, &str),
) -> Result<Vec<PatrolSlot>> {
    let rows: Vec<SlotRow> = conn
        .prepare_cached(&format!(
            "SELECT {SLOT_COLUMNS} FROM patrol_slots s WHERE deleted = 0
             AND (?1 IS NULL OR community_id = ?1) AND (?2 IS NULL OR team_id = ?2)
             AND date BETWEEN ?3 AND ?4
             AND EXISTS (SELECT 1 FROM patrol_teams t WHERE t.id = s.team_id AND t.deleted = 0)
             ORDER BY date, starts, id"
        ))?
        .query_map(
            rusqlite::params![
                community.map(|c| c.to_string()),
                team.map(|t| t.to_string()),
                from,
                to
            ],
            slot_row,
        )?
        .collect::<rusqlite::Result<_>>()?;
    rows.into_iter().map(|s| view(conn, s, now)).collect()
}

impl Store {
    fn now_pair(&self) -> (String, String) {
        let m = self.now().local_minute();
        (m[..10].to_owned(), m[11..].to_owned())
    }

    pub fn generate_patrol_rota(&mut self, req: &GeneratePatrolRota) -> Result<Vec<PatrolSlot>> {
        let team = team_fields(&self.conn, req.team_id)?;
        let (starts, ends) = rules::check_window(&req.starts, &req.ends)?;
        let days = rules::rota_days(&req.weekdays, &req.from, &req.to)?;
        let members = check_members(&self.conn, req.team_id, &req.members)?;
        let mut made = Vec::new();
        let mut w = self.begin()?;
        for day in &days {
            let id = slot_id(req.team_id, day, &starts);
            // a day already holding the slot (or a cancelled one) keeps it as it is
            let exists: bool = w
                .tx()
                .prepare_cached("SELECT count(*) FROM patrol_slots WHERE id = ?1")?
                .query_row([id.to_string()], |r| r.get::<_, i64>(0))?
                > 0;
            if exists {
                continue;
            }
            w.write(RowWrite {
                table: "patrol_slots",
                row_id: id,
                fields: vec![
                    ("team_id", json!(req.team_id.to_string())),
                    ("community_id", json!(team.community_id.to_string())),
                    ("date", json!(day)),
                    ("starts", json!(starts)),
                    ("ends", json!(ends)),
                    ("members", ids_json(&members)),
                    ("note", json!("")),
                    ("deleted", json!(0)),
                ],
                scope: community_scope(team.community_id),
            })?;
            made.push(id);
        }
        w.commit()?;
        let (d, t) = self.now_pair();
        made.into_iter()
            .filter_map(|id| slot_by_id(&self.conn, id).transpose())
            .map(|s| view(&self.conn, s?, (&d, &t)))
            .collect()
    }

    pub fn edit_patrol_slot(&mut self, req: &EditPatrolSlot) -> Result<Option<PatrolSlot>> {
        let s = slot_by_id(&self.conn, req.id)?.ok_or(Error::NotFound {
            what: "巡防班次",
            id: req.id.to_string(),
        })?;
        let scope = community_scope(s.community);
        if req.cancelled {
            if log_of_slot(&self.conn, s.id)?.is_some() {
                return Err(coded("id", linli_domain::msg::PATROL_SLOT_LOGGED, vec![]));
            }
            let mut w = self.begin()?;
            w.write(RowWrite {
                table: "patrol_slots",
                row_id: s.id,
                fields: vec![("deleted", json!(1))],
                scope,
            })?;
            w.commit()?;
            return Ok(None);
        }
        let date = linli_domain::date::validate("date", req.date.trim())?;
        let (starts, ends) = rules::check_window(&req.starts, &req.ends)?;
        let members = check_members(&self.conn, s.team, &req.members)?;
        let note = text_field("note", "备注", &req.note, 200, true)?;
        let mut w = self.begin()?;
        w.write(RowWrite {
            table: "patrol_slots",
            row_id: s.id,
            fields: vec![
                ("date", json!(date)),
                ("starts", json!(starts)),
                ("ends", json!(ends)),
                ("members", ids_json(&members)),
                ("note", json!(note)),
            ],
            scope,
        })?;
        w.commit()?;
        let (d, t) = self.now_pair();
        let s = slot_by_id(&self.conn, req.id)?.ok_or(Error::NotFound {
            what: "巡防班次",
            id: req.id.to_string(),
        })?;
        Ok(Some(view(&self.conn, s, (&d, &t))?))
    }

    pub fn list_patrol_slots(&mut self, req: &ListPatrolSlots) -> Result<Vec<PatrolSlot>> {
        let today = self.now().today();
        let day = |f: &'static str, d: &Option<String>, back: i64| -> Result<String> {
            match d.as_deref().filter(|d| !d.trim().is_empty()) {
                Some(d) => Ok(linli_domain::date::validate(f, d.trim())?),
                None => Ok(linli_domain::calendar::add_days(&today, back).unwrap_or_default()),
            }
        };
        let from = day("from", &req.from, -28)?;
        let to = day("to", &req.to, 14)?;
        let (d, t) = self.now_pair();
        let mut out = slots_between(
            &self.conn,
            req.community_id,
            req.team_id,
            &from,
            &to,
            (&d, &t),
        )?;
        if req.missed_only {
            out.retain(|s| s.state == linli_domain::patrols::SlotState::Missed);
        }
        Ok(out)
    }
}
