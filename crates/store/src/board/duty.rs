//! Duty boards (流动值日牌): a rota of households of a building or an entrance for a shared
//! chore, rotating weekly from its first week; who is on duty each week is derived by
//! `linli_domain::board::rota`; a week is marked done or not done (a fact, the latest counting).

use std::collections::BTreeMap;

use linli_domain::board::{self as rules, RotaMember};
use linli_domain::Id;
use linli_protocol::*;
use rusqlite::{Connection, OptionalExtension};
use serde_json::json;

use super::{building_of, coded, household_view, scope};
use crate::volunteers::{check_community, text_field};
use crate::write::{RowWrite, Writer};
use crate::{Error, Result, Store};

pub(super) struct BoardRow {
    pub id: Id,
    pub community: Id,
    pub place: Id,
    pub label: String,
    pub chore: String,
    pub start_week: String,
}

pub(super) fn board_row(conn: &Connection, id: Id) -> Result<BoardRow> {
    conn.prepare_cached(
        "SELECT community_id, place_id, label, chore, start_week FROM duty_boards
         WHERE id = ?1 AND deleted = 0",
    )?
    .query_row([id.to_string()], |r| {
        Ok(BoardRow {
            id,
            community: r.get(0)?,
            place: r.get(1)?,
            label: r.get(2)?,
            chore: r.get(3)?,
            start_week: r.get(4)?,
        })
    })
    .optional()?
    .ok_or(Error::NotFound {
        what: "值日牌",
        id: id.to_string(),
    })
}

/// A stint of a household on a board (a household taken off and put back has two).
pub(super) struct Member {
    pub row: Id,
    pub household: Id,
    pub rota: RotaMember<Id>,
}

pub(super) fn members_of(conn: &Connection, board: Id) -> Result<Vec<Member>> {
    let mut st = conn.prepare_cached(
        "SELECT id, household_id, position, from_week, until_week FROM duty_members
         WHERE board_id = ?1 AND deleted = 0 ORDER BY position, id",
    )?;
    let rows = st.query_map([board.to_string()], |r| {
        let row: Id = r.get(0)?;
        Ok(Member {
            row,
            household: r.get(1)?,
            rota: RotaMember {
                key: row,
                position: r.get(2)?,
                from: r.get(3)?,
                until: r.get(4)?,
            },
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// A week's latest mark: done, the note, the household marked.
pub(super) type Mark = (bool, String, Option<Id>);

/// The latest mark of each week marked.
pub(super) fn marks_of(conn: &Connection, board: Id) -> Result<BTreeMap<String, Mark>> {
    let mut st = conn.prepare_cached(
        "SELECT week, done, note, household_id FROM duty_marks WHERE board_id = ?1 ORDER BY id",
    )?;
    let rows = st.query_map([board.to_string()], |r| {
        Ok((
            r.get::<_, String>(0)?,
            (
                r.get::<_, i64>(1)? != 0,
                r.get::<_, String>(2)?,
                r.get::<_, Option<Id>>(3)?,
            ),
        ))
    })?;
    // later marks of a week replace earlier ones
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The households living in a building or an entrance now.
fn households_at(conn: &Connection, place: Id) -> Result<Vec<Id>> {
    let mut st = conn.prepare_cached(
        "SELECT id FROM households WHERE (building_id = ?1 OR unit_id = ?1)
         AND deleted = 0 AND moved_out IS NULL",
    )?;
    let rows = st.query_map([place.to_string()], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn check_household(conn: &Connection, place: Id, h: Id) -> Result<()> {
    if households_at(conn, place)?.contains(&h) {
        return Ok(());
    }
    let door = household_view(conn, h, true)?.2.door;
    Err(coded(
        "households",
        linli_domain::msg::BOARD_HOUSEHOLD_NOT_HERE,
        linli_domain::args![door = door],
    ))
}

fn write_member(
    w: &mut Writer<'_>,
    b: &BoardRow,
    household: Id,
    position: i64,
    from: &str,
) -> Result<()> {
    let id = w.id();
    w.write(RowWrite {
        table: "duty_members",
        row_id: id,
        fields: vec![
            ("board_id", json!(b.id.to_string())),
            ("community_id", json!(b.community.to_string())),
            ("household_id", json!(household.to_string())),
            ("position", json!(position)),
            ("from_week", json!(from)),
            ("until_week", json!(None::<String>)),
            ("deleted", json!(0)),
        ],
        scope: scope(b.community),
    })?;
    Ok(())
}

/// A board read with its weeks from `back` weeks before this one to `ahead` after it.
pub(super) fn board_view(
    conn: &Connection,
    id: Id,
    today: &str,
    back: i64,
    ahead: i64,
    withheld: bool,
) -> Result<DutyBoard> {
    let b = board_row(conn, id)?;
    let members = members_of(conn, id)?;
    let marks = marks_of(conn, id)?;
    let this_week = rules::monday_of(today);
    let last = rules::weeks_after(&this_week, ahead.max(1));
    let stints: Vec<RotaMember<Id>> = members.iter().map(|m| m.rota.clone()).collect();
    let walk = rules::rota(&b.start_week, &stints, &last);
    let mut seen: BTreeMap<Id, DutyHousehold> = BTreeMap::new();
    let mut view = |row: Id| -> Result<Option<DutyHousehold>> {
        let Some(m) = members.iter().find(|m| m.row == row) else {
            return Ok(None);
        };
        if let Some(h) = seen.get(&row) {
            return Ok(Some(h.clone()));
        }
        let mut h = household_view(conn, m.household, withheld)?.2;
        h.from_week = m.rota.from.clone();
        h.until_week = m.rota.until.clone();
        seen.insert(row, h.clone());
        Ok(Some(h))
    };
    let first_shown = rules::weeks_after(&this_week, -back.max(0));
    let mut weeks = Vec::new();
    let (mut on_duty, mut next) = (None, None);
    for (week, key) in &walk {
        let household = match key {
            Some(k) => view(*k)?,
            None => None,
        };
        if *week == this_week {
            on_duty = household.clone();
        }
        if *week == rules::weeks_after(&this_week, 1) {
            next = household.clone();
        }
        if *week >= first_shown {
            let mark = marks.get(week);
            weeks.push(DutyWeek {
                week: week.clone(),
                household,
                done: mark.map(|m| m.0),
                note: mark.map(|m| m.1.clone()).unwrap_or_default(),
            });
        }
    }
    let mut rota = Vec::new();
    for m in members.iter().filter(|m| m.rota.until.is_none()) {
        if let Some(h) = view(m.row)? {
            rota.push(h);
        }
    }
    Ok(DutyBoard {
        id,
        community_id: b.community,
        place_id: b.place,
        place_name: building_of(conn, b.community, b.place).unwrap_or_default(),
        label: b.label,
        chore: b.chore,
        start_week: b.start_week,
        rota,
        weeks,
        this_week,
        on_duty,
        next,
        done: marks.values().filter(|m| m.0).count() as u32,
        not_done: marks.values().filter(|m| !m.0).count() as u32,
    })
}

impl Store {
    fn board_view(&self, id: Id, back: i64, ahead: i64) -> Result<DutyBoard> {
        let withheld = self.withheld()?;
        board_view(&self.conn, id, &self.now().today(), back, ahead, withheld)
    }

    /// A new duty board with its households in their order of duty.
    pub fn add_duty_board(&mut self, req: &AddDutyBoard) -> Result<DutyBoard> {
        check_community(&self.conn, req.community_id)?;
        let place_name = building_of(&self.conn, req.community_id, req.place_id)?;
        let chore = req.chore.trim();
        if chore.is_empty() || chore.chars().count() > 30 {
            return Err(coded("chore", linli_domain::msg::BOARD_CHORE, vec![]));
        }
        let label = text_field("label", "楼道", &req.label, 30, true)?;
        let label = if label.is_empty() { place_name } else { label };
        let now = self.now();
        let start = match req.start_week.as_deref().filter(|s| !s.trim().is_empty()) {
            Some(d) => rules::check_week("start_week", d)?,
            None => rules::monday_of(&now.today()),
        };
        let mut households: Vec<Id> = Vec::new();
        for h in &req.households {
            if households.contains(h) {
                let door = household_view(&self.conn, *h, true)?.2.door;
                return Err(coded(
                    "households",
                    linli_domain::msg::BOARD_ALREADY_ON,
                    linli_domain::args![door = door],
                ));
            }
            check_household(&self.conn, req.place_id, *h)?;
            households.push(*h);
        }
        if households.is_empty() {
            return Err(coded(
                "households",
                linli_domain::msg::BOARD_NO_HOUSEHOLDS,
                vec![],
            ));
        }
        if households.len() > rules::MAX_ROTA {
            return Err(coded(
                "households",
                linli_domain::msg::BOARD_TOO_MANY,
                linli_domain::args![max = rules::MAX_ROTA],
            ));
        }
        let mut w = self.begin()?;
        let id = w.id();
        w.write(RowWrite {
            table: "duty_boards",
            row_id: id,
            fields: vec![
                ("community_id", json!(req.community_id.to_string())),
                ("place_id", json!(req.place_id.to_string())),
                ("label", json!(label)),
                ("chore", json!(chore)),
                ("start_week", json!(start)),
                ("deleted", json!(0)),
            ],
            scope: scope(req.community_id),
        })?;
        let b = BoardRow {
            id,
            community: req.community_id,
            place: req.place_id,
            label: String::new(),
            chore: String::new(),
            start_week: start.clone(),
        };
        for (i, h) in households.iter().enumerate() {
            write_member(&mut w, &b, *h, i as i64 + 1, &start)?;
        }
        w.commit()?;
        self.board_view(id, 8, 11)
    }

    /// Puts a household on a board at the end of the order, or takes it off, from a week on.
    pub fn change_duty_rota(&mut self, req: &ChangeDutyRota) -> Result<DutyBoard> {
        let b = board_row(&self.conn, req.board_id)?;
        let today = self.now().today();
        let week = match req.from_week.as_deref().filter(|s| !s.trim().is_empty()) {
            Some(d) => rules::check_week("from_week", d)?,
            None => rules::weeks_after(&today, 1),
        };
        let week = week.max(b.start_week.clone());
        let members = members_of(&self.conn, b.id)?;
        let open = members
            .iter()
            .find(|m| m.household == req.household_id && m.rota.until.is_none());
        let mut w;
        if req.on {
            if open.is_some() {
                let door = household_view(&self.conn, req.household_id, true)?.2.door;
                return Err(coded(
                    "household_id",
                    linli_domain::msg::BOARD_ALREADY_ON,
                    linli_domain::args![door = door],
                ));
            }
            check_household(&self.conn, b.place, req.household_id)?;
            let current = members.iter().filter(|m| m.rota.until.is_none()).count();
            if current >= rules::MAX_ROTA {
                return Err(coded(
                    "household_id",
                    linli_domain::msg::BOARD_TOO_MANY,
                    linli_domain::args![max = rules::MAX_ROTA],
                ));
            }
            let position = members.iter().map(|m| m.rota.position).max().unwrap_or(0) + 1;
            w = self.begin()?;
            write_member(&mut w, &b, req.household_id, position, &week)?;
        } else {
            let Some(m) = open else {
                return Err(coded(
                    "household_id",
                    linli_domain::msg::BOARD_NOT_ON,
                    vec![],
                ));
            };
            let row = m.row;
            // taken off before its first week: the stint never ran
            let never_ran = week <= m.rota.from;
            w = self.begin()?;
            w.write(RowWrite {
                table: "duty_members",
                row_id: row,
                fields: if never_ran {
                    vec![("deleted", json!(1))]
                } else {
                    vec![("until_week", json!(week))]
                },
                scope: scope(b.community),
            })?;
        }
        w.commit()?;
        self.board_view(b.id, 8, 11)
    }

    /// Marks a week done or not done (a later mark of the week replaces an earlier one).
    pub fn mark_duty_week(&mut self, req: &MarkDutyWeek) -> Result<DutyBoard> {
        let b = board_row(&self.conn, req.board_id)?;
        let now = self.now();
        let today = now.today();
        let week = match req.week.as_deref().filter(|s| !s.trim().is_empty()) {
            Some(d) => rules::check_week("week", d)?,
            None => rules::monday_of(&today),
        };
        let this_week = rules::monday_of(&today);
        if week < b.start_week || week > this_week {
            return Err(coded(
                "week",
                linli_domain::msg::BOARD_WEEK_OUTSIDE,
                linli_domain::args![week = week, start = b.start_week],
            ));
        }
        let members = members_of(&self.conn, b.id)?;
        let stints: Vec<RotaMember<Id>> = members.iter().map(|m| m.rota.clone()).collect();
        let on = rules::on_duty(&b.start_week, &stints, &week)
            .and_then(|row| members.iter().find(|m| m.row == row))
            .map(|m| m.household);
        let Some(household) = on else {
            return Err(coded(
                "week",
                linli_domain::msg::BOARD_NOBODY_ON_DUTY,
                linli_domain::args![week = week],
            ));
        };
        let note = text_field("note", "备注", &req.note, 100, true)?;
        let mut w = self.begin()?;
        let id = w.id();
        let at = w.now().stamp();
        w.insert_fact(RowWrite {
            table: "duty_marks",
            row_id: id,
            fields: vec![
                ("board_id", json!(b.id.to_string())),
                ("community_id", json!(b.community.to_string())),
                ("week", json!(week)),
                ("household_id", json!(household.to_string())),
                ("done", json!(i64::from(req.done))),
                ("note", json!(note)),
                ("at", json!(at)),
            ],
            scope: scope(b.community),
        })?;
        w.commit()?;
        self.board_view(b.id, 8, 11)
    }

    pub fn duty_board(&mut self, req: &GetDutyBoard) -> Result<DutyBoard> {
        self.board_view(
            req.id,
            i64::from(req.weeks_back.unwrap_or(8).min(104)),
            i64::from(req.weeks_ahead.unwrap_or(11).min(52)),
        )
    }

    /// A community's boards with who is on duty this week and next.
    pub fn list_duty_boards(&mut self, req: &ListDutyBoards) -> Result<Vec<DutyBoardLine>> {
        check_community(&self.conn, req.community_id)?;
        let ids: Vec<Id> = self
            .conn
            .prepare_cached(
                "SELECT b.id FROM duty_boards b LEFT JOIN places p ON p.id = b.place_id
                 WHERE b.community_id = ?1 AND b.deleted = 0 ORDER BY p.name, b.label, b.id",
            )?
            .query_map([req.community_id.to_string()], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        ids.into_iter()
            .map(|id| {
                let b = self.board_view(id, 0, 1)?;
                Ok(DutyBoardLine {
                    id,
                    households: b.rota.len() as u32,
                    done: b
                        .weeks
                        .iter()
                        .find(|w| w.week == b.this_week)
                        .and_then(|w| w.done),
                    place_name: b.place_name,
                    label: b.label,
                    chore: b.chore,
                    on_duty: b.on_duty,
                    next: b.next,
                    done_weeks: b.done,
                    not_done_weeks: b.not_done,
                })
            })
            .collect()
    }
}
