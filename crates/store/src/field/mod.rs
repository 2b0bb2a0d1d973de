//! Field work: visits and their corrections, the day's visit list and coverage, the nightly review
//! and the weekly agenda, tasks through the five-list flow with their derived status, attachments
//! kept by content hash beside the database, and a household's timeline. Every figure here is
//! computed from facts (visits, task events) at the time it is asked for; none is stored.

pub(crate) mod attachments;
mod blob_files;
pub(crate) mod coverage;
pub(crate) mod home;
pub(crate) mod tasks;
pub(crate) mod timeline;
pub(crate) mod visits;

use std::collections::{HashMap, HashSet};

use linli_domain::{date, field, DomainError, Id, Now, PlaceKind};
use rusqlite::{params, Connection, OptionalExtension};

use crate::register::parse_id;
use crate::{Result, Store};

/// A request's day, checked, or today.
pub(crate) fn day_or_today(now: &Now, field: &'static str, day: &Option<String>) -> Result<String> {
    match day.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
        Some(d) => Ok(date::validate(field, d)?),
        None => Ok(now.today()),
    }
}

/// A request's time (as the forms give it, "YYYY-MM-DD HH:MM" local), checked, or now: as the
/// stamp a synced `at` holds (see `linli_domain::now`).
pub(crate) fn time_or_now(now: &Now, at: &Option<String>) -> Result<String> {
    match at.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
        Some(t) => Ok(stamp_of(now, &field::validate_time("at", t)?)),
        None => Ok(now.stamp()),
    }
}

/// A time as the forms show it, "YYYY-MM-DD HH:MM" local, as a stamp at the clock's offset.
pub(crate) fn stamp_of(now: &Now, local_minute: &str) -> String {
    now.stamp_of_local_minute(local_minute)
        .unwrap_or_else(|| local_minute.to_owned())
}

/// A synced `at` as the forms show it, "YYYY-MM-DD HH:MM" (in any of the formats it has been
/// kept in; a text that does not read is shown as it is).
pub(crate) fn shown_time(at: &str, now: &Now) -> String {
    linli_domain::now::local_minute_of(at, now.offset_minutes())
}

/// A request's time of something that has happened (a visit), checked, or now: a time later
/// than the laptop's clock is refused.
pub(crate) fn past_time_or_now(now: &Now, at: &Option<String>) -> Result<String> {
    let stamp = time_or_now(now, at)?;
    let at = shown_time(&stamp, now);
    let now = now.local_minute();
    if at > now {
        return Err(DomainError::coded(
            "at",
            linli_domain::msg::VISIT_IN_FUTURE,
            linli_domain::args![at = at, now = now],
        )
        .into());
    }
    Ok(stamp)
}

/// A period: `to` defaults to today, `from` to 29 days before `to` (30 days in all).
pub(crate) fn period(
    now: &Now,
    from: &Option<String>,
    to: &Option<String>,
) -> Result<(String, String)> {
    let to = day_or_today(now, "to", to)?;
    let from = match from.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
        Some(f) => date::validate("from", f)?,
        None => field::add_days(&to, -29).unwrap_or_else(|| to.clone()),
    };
    if from > to {
        return Err(DomainError::coded(
            "from",
            linli_domain::msg::PERIOD_REVERSED,
            linli_domain::args![from = from, to = to],
        )
        .into());
    }
    Ok((from, to))
}

/// Where a list or figure looks: a community (and the places under a narrower place or a
/// person's assignments); `places: None` means the whole community, or everything when
/// `community` is none too.
#[derive(Debug, Clone, Default)]
pub(crate) struct Area {
    pub community: Option<Id>,
    pub places: Option<HashSet<Id>>,
}

impl Area {
    /// Whether a household (by its building and unit) or a place lies in the area.
    pub fn holds(&self, building: Option<Id>, unit: Option<Id>) -> bool {
        match &self.places {
            None => true,
            Some(set) => {
                building.is_some_and(|b| set.contains(&b)) || unit.is_some_and(|u| set.contains(&u))
            }
        }
    }
}

/// A place and every place under it.
fn places_under(conn: &Connection, root: Id) -> Result<Vec<Id>> {
    let mut stmt = conn.prepare_cached(
        "WITH RECURSIVE sub(id) AS (
             SELECT id FROM places WHERE id = ?1
             UNION SELECT p.id FROM places p JOIN sub ON p.parent_id = sub.id WHERE p.deleted = 0
         ) SELECT id FROM sub",
    )?;
    let ids = stmt.query_map([root.to_string()], |r| r.get::<_, String>(0))?;
    ids.map(|s| Ok(s?.parse()?)).collect()
}

impl Store {
    /// The area under a place (the whole community for a community; everything for none).
    pub(crate) fn area_of_place(&self, place: Option<Id>) -> Result<Area> {
        let Some(p) = place else {
            return Ok(Area::default());
        };
        let place = self.place(p)?;
        let community = crate::register::community_of(&self.conn, p)?;
        if place.kind == PlaceKind::Community {
            return Ok(Area {
                community: Some(p),
                places: None,
            });
        }
        Ok(Area {
            community,
            places: Some(places_under(&self.conn, p)?.into_iter().collect()),
        })
    }

    /// The area a person works: the buildings and units of their grids (a big grid's sections
    /// included) and the buildings or units they are assigned to directly.
    pub(crate) fn area_of_person(&self, person: Id) -> Result<Area> {
        let p = self.person(person)?;
        let mut roots: Vec<Id> = Vec::new();
        for a in &p.assignments {
            if let Some(g) = a.grid_id {
                roots.extend(self.grid_roots(g)?);
            }
            if let Some(place) = a.place_id {
                roots.push(place);
            }
        }
        self.area_under(Some(p.community_id), roots)
    }

    /// The area of a grid: its buildings and units (a big grid's sections included).
    pub(crate) fn area_of_grid(&self, grid: Id) -> Result<Area> {
        let community: Option<String> = self
            .conn
            .prepare_cached("SELECT community_id FROM grids WHERE id = ?1")?
            .query_row([grid.to_string()], |r| r.get(0))
            .optional()?
            .ok_or(crate::Error::NotFound {
                what: "网格",
                id: grid.to_string(),
            })?;
        let roots = self.grid_roots(grid)?;
        self.area_under(parse_id(community)?, roots)
    }

    /// The places mapped to a grid and to the grids under it.
    fn grid_roots(&self, grid: Id) -> Result<Vec<Id>> {
        let mut stmt = self.conn.prepare_cached(
            // the grids first (few), then their places by `grid_places_by_grid`: joined the
            // other way round, every mapped place of the town was read for each grid (issue 24)
            // and the grid and its sections as two lookups (`grids_by_parent`): an `OR` of the
            // two scanned every grid of the town
            "SELECT gp.place_id FROM grid_places gp
             WHERE gp.deleted = 0 AND gp.grid_id IN (
                 SELECT id FROM grids WHERE id = ?1 AND deleted = 0
                 UNION ALL SELECT id FROM grids WHERE parent_id = ?1 AND deleted = 0)",
        )?;
        let mut roots = Vec::new();
        for s in stmt.query_map(params![grid.to_string()], |r| r.get::<_, Option<String>>(0))? {
            if let Some(id) = parse_id(s?)? {
                roots.push(id);
            }
        }
        Ok(roots)
    }

    /// The area under some places of a community.
    fn area_under(&self, community: Option<Id>, roots: Vec<Id>) -> Result<Area> {
        let mut places = HashSet::new();
        for r in roots {
            places.extend(places_under(&self.conn, r)?);
        }
        Ok(Area {
            community,
            places: Some(places),
        })
    }
}

/// The grids of every mapped place, read in one statement, to place many households at once: for
/// a household's unit or building, the section grid covering it (else any grid), with the big
/// grid above it, as [`crate::register::grid_of`] finds it for one row. Coverage, the lists
/// and the agenda asked SQLite for each building and unit in turn (issue 24).
pub(crate) struct GridPairs {
    /// A place and its grid, with that grid's parent.
    by_place: HashMap<Id, (Id, Option<Id>)>,
}

impl GridPairs {
    pub(crate) fn read(conn: &Connection) -> Result<Self> {
        let mut stmt = conn.prepare_cached(
            "SELECT gp.place_id, g.id, g.parent_id FROM grid_places gp JOIN grids g ON g.id = gp.grid_id
             WHERE gp.deleted = 0 AND g.deleted = 0 ORDER BY g.kind = 'section' DESC, gp.rowid",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, Option<String>>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<String>>(2)?,
            ))
        })?;
        let mut by_place = HashMap::new();
        for row in rows {
            let (place, grid, parent) = row?;
            if let Some(place) = parse_id(place)? {
                if let std::collections::hash_map::Entry::Vacant(e) = by_place.entry(place) {
                    e.insert((grid.parse()?, parse_id(parent)?));
                }
            }
        }
        Ok(GridPairs { by_place })
    }

    /// `(section, big)` of a household at `building` and `unit`.
    pub(crate) fn pair(&self, building: Option<Id>, unit: Option<Id>) -> (Option<Id>, Option<Id>) {
        unit.into_iter()
            .chain(building)
            .find_map(|p| self.by_place.get(&p))
            .map_or((None, None), |(g, parent)| (Some(*g), *parent))
    }
}

/// "sha256" of some bytes as lowercase hex.
pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// A row id made from a name, the same on every laptop (version 8 UUID from sha256), for rows
/// that must be one per key (a community's rule for a category).
pub(crate) fn stable_id(key: &str) -> Id {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(key.as_bytes());
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    Id::from_uuid(uuid::Builder::from_custom_bytes(bytes).into_uuid())
}
