//! The grid register: households, residents, grids, the people who work them, and search.

pub(crate) mod grids;
pub(crate) mod households;
pub(crate) mod people;
pub(crate) mod residents;
pub(crate) mod reveals;
pub(crate) mod search;

use linli_domain::Id;
use rusqlite::{Connection, OptionalExtension};

use crate::write::Scope;
use crate::Result;

pub(crate) fn id_text(id: Option<Id>) -> Option<String> {
    id.map(|i| i.to_string())
}

pub(crate) fn parse_id(s: Option<String>) -> Result<Option<Id>> {
    Ok(s.as_deref().map(str::parse).transpose()?)
}

pub(crate) fn json_list(s: &str) -> Vec<String> {
    serde_json::from_str(s).unwrap_or_default()
}

/// The community above a place (itself if it is one), walking up the tree in SQL.
pub(crate) fn community_of(conn: &Connection, place: Id) -> Result<Option<Id>> {
    let found: Option<String> = conn
        .prepare_cached(
            "WITH RECURSIVE up(id, kind, parent_id) AS (
                 SELECT id, kind, parent_id FROM places WHERE id = ?1
                 UNION ALL
                 SELECT p.id, p.kind, p.parent_id FROM places p JOIN up ON p.id = up.parent_id
             )
             SELECT id FROM up WHERE kind = 'community' LIMIT 1",
        )?
        .query_row([place.to_string()], |r| r.get(0))
        .optional()?;
    parse_id(found)
}

/// The grid covering a unit or building, building sections before big grids.
pub(crate) fn grid_of(conn: &Connection, places: &[Id]) -> Result<Option<Id>> {
    for p in places {
        let found: Option<String> = conn
            .prepare_cached(
                "SELECT g.id FROM grid_places gp JOIN grids g ON g.id = gp.grid_id
                 WHERE gp.place_id = ?1 AND gp.deleted = 0 AND g.deleted = 0
                 ORDER BY g.kind = 'section' DESC, gp.rowid LIMIT 1",
            )?
            .query_row([p.to_string()], |r| r.get(0))
            .optional()?;
        if found.is_some() {
            return parse_id(found);
        }
    }
    Ok(None)
}

/// The scope of a row that lives at a building (and maybe a unit of it).
pub(crate) fn scope_at(conn: &Connection, building: Id, unit: Option<Id>) -> Result<Scope> {
    let places: Vec<Id> = unit.into_iter().chain(Some(building)).collect();
    Ok(Scope {
        community: community_of(conn, building)?,
        grid: grid_of(conn, &places)?,
        place: Some(unit.unwrap_or(building)),
    })
}

/// "3栋2单元301" from the parts an address is kept in, without the compound: for messages about
/// one compound's rows (an import) and for lines that carry the compound apart.
pub fn address_text(building: Option<&str>, unit: Option<&str>, room: &str) -> String {
    linli_domain::address::full_address(None, building, unit, room)
}

/// "南湖苑1栋1单元502": the full address (linli-domain's one formatter) from the parts the
/// register keeps.
pub fn full_address_text(
    compound: Option<&str>,
    building: Option<&str>,
    unit: Option<&str>,
    room: &str,
) -> String {
    linli_domain::address::full_address(compound, building, unit, room)
}
