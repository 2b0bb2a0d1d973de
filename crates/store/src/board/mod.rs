//! The community's boards (issue 20 items 3, 4 and the notices of 5; docs/board.md).
//!
//! The month's theme (`month_themes`, one row per community and month, its id derived from
//! both), the stewards' campaign lines, notices, duty boards and the households on their rota
//! are entities; a week's mark is a fact (`duty_marks`). Who is on duty is derived from the rota
//! by `linli_domain::board::rota` each time a board is read; a notice's state and WeChat text
//! from its dates and the community's name.
//!
//! Split by board: this file (places and households as the boards show them), `themes` (the
//! month's theme and what it groups), `notices`, `duty` (the rota and its marks), `figures` (the
//! monthly report's lines), `demo` (a lived-in year for `linli demo`).

pub(crate) mod demo;
mod duty;
pub(crate) mod figures;
mod notices;
mod themes;

use linli_domain::{DomainError, Id};
use rusqlite::{Connection, OptionalExtension};

use crate::volunteers::community_scope;
use crate::write::Scope;
use crate::{Error, Result};

pub(crate) use figures::{board_figures, board_records};

fn scope(community: Id) -> Scope {
    community_scope(community)
}

fn coded(field: &'static str, m: linli_domain::msg::Msg, args: linli_domain::msg::Args) -> Error {
    DomainError::coded(field, m, args).into()
}

/// A place's kind, name and community.
struct PlaceHead {
    kind: String,
    name: String,
    parent: Option<Id>,
    community: Option<Id>,
}

fn place_head(conn: &Connection, id: Id) -> Result<PlaceHead> {
    let row: Option<(String, String, Option<Id>)> = conn
        .prepare_cached("SELECT kind, name, parent_id FROM places WHERE id = ?1 AND deleted = 0")?
        .query_row([id.to_string()], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?;
    let (kind, name, parent) = row.ok_or(Error::NotFound {
        what: "地点",
        id: id.to_string(),
    })?;
    Ok(PlaceHead {
        kind,
        name,
        parent,
        community: crate::register::community_of(conn, id)?,
    })
}

fn place_name(conn: &Connection, id: Id) -> String {
    conn.prepare_cached("SELECT name FROM places WHERE id = ?1")
        .and_then(|mut s| s.query_row([id.to_string()], |r| r.get::<_, String>(0)))
        .unwrap_or_default()
}

/// A building or an entrance of `community`, named as a board shows it ("3号楼2单元").
fn building_of(conn: &Connection, community: Id, id: Id) -> Result<String> {
    let p = place_head(conn, id)?;
    if p.community != Some(community) || !matches!(p.kind.as_str(), "building" | "unit") {
        return Err(coded(
            "place_id",
            linli_domain::msg::BOARD_NOT_BUILDING,
            vec![],
        ));
    }
    Ok(match (p.kind.as_str(), p.parent) {
        ("unit", Some(b)) => format!("{}{}", place_name(conn, b), p.name),
        _ => p.name,
    })
}

/// The head's name as a printed board shows it: the surname and ＊ for the rest.
fn masked_name(name: &str) -> String {
    let mut c = name.chars();
    match c.next() {
        Some(first) => {
            let rest = c.count().max(1);
            format!("{first}{}", "＊".repeat(rest))
        }
        None => String::new(),
    }
}

/// A household as the boards show it: its door (entrance and room), its head, and its phone
/// masked as the register's (none for a restricted role).
fn household_view(
    conn: &Connection,
    id: Id,
    withheld: bool,
) -> Result<(Option<Id>, Option<Id>, linli_protocol::DutyHousehold)> {
    let row = conn
        .prepare_cached(
            "SELECT h.building_id, h.unit_id, h.room, h.phone, u.name AS unit_name,
                (SELECT r.name FROM residents r WHERE r.household_id = h.id AND r.relation = '户主'
                   AND r.deleted = 0 AND r.moved_out IS NULL LIMIT 1) AS head
             FROM households h LEFT JOIN places u ON u.id = h.unit_id
             WHERE h.id = ?1",
        )?
        .query_row([id.to_string()], |r| {
            let unit: Option<String> = r.get("unit_name")?;
            let room: String = r.get("room")?;
            let head: Option<String> = r.get("head")?;
            let phone: Option<String> = r.get("phone")?;
            Ok((
                r.get::<_, Option<Id>>("building_id")?,
                r.get::<_, Option<Id>>("unit_id")?,
                format!("{}{room}", unit.unwrap_or_default()),
                head.unwrap_or_default(),
                phone,
            ))
        })
        .optional()?;
    let (building, unit, door, head, phone) = row.ok_or(Error::NotFound {
        what: "住户",
        id: id.to_string(),
    })?;
    Ok((
        building,
        unit,
        linli_protocol::DutyHousehold {
            household_id: id,
            door,
            head_masked: masked_name(&head),
            head,
            phone: if withheld {
                None
            } else {
                phone
                    .filter(|p| !p.trim().is_empty())
                    .map(|p| crate::register::households::mask_phone(&p))
            },
            from_week: String::new(),
            until_week: None,
        },
    ))
}

impl crate::Store {
    /// The compounds, buildings and entrances of a community in walking order, named for the
    /// boards' pickers.
    pub fn list_board_places(
        &mut self,
        req: &linli_protocol::ListBoardPlaces,
    ) -> Result<Vec<linli_protocol::BoardPlace>> {
        crate::volunteers::check_community(&self.conn, req.community_id)?;
        let mut st = self.conn.prepare_cached(
            "WITH RECURSIVE down(id, kind, name, parent_name, depth) AS (
                 SELECT id, kind, name, '', 0 FROM places WHERE id = ?1
                 UNION ALL
                 SELECT p.id, p.kind, p.name,
                        CASE WHEN down.depth = 0 THEN '' ELSE down.name END, down.depth + 1
                 FROM places p JOIN down ON p.parent_id = down.id WHERE p.deleted = 0)
             SELECT id, kind, name, parent_name FROM down
             WHERE kind IN ('compound', 'building', 'unit')",
        )?;
        let mut rows: Vec<(Id, linli_domain::PlaceKind, String, String)> = st
            .query_map([req.community_id.to_string()], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        // a building after its compound, an entrance after its building, numbers as numbers
        let key = |s: &str| -> (i64, String) {
            let digits: String = s.chars().take_while(char::is_ascii_digit).collect();
            (digits.parse().unwrap_or(i64::MAX), s.to_owned())
        };
        rows.sort_by(|a, b| {
            let full = |r: &(Id, linli_domain::PlaceKind, String, String)| {
                if r.3.is_empty() {
                    (key(&r.2), (0, String::new()))
                } else {
                    (key(&r.3), key(&r.2))
                }
            };
            full(a).cmp(&full(b))
        });
        Ok(rows
            .into_iter()
            .map(|(id, kind, name, parent)| linli_protocol::BoardPlace {
                id,
                kind,
                name: if parent.is_empty() {
                    name
                } else {
                    format!("{parent} {name}")
                },
            })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_printed_board_shows_the_surname_only() {
        assert_eq!(super::masked_name("王建国"), "王＊＊");
        assert_eq!(super::masked_name("李"), "李＊");
        assert_eq!(super::masked_name(""), "");
    }
}
