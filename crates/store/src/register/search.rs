//! Search as you type over residents and households, and the local index behind it.
//!
//! The index (`search_index`, local and derived) holds for each resident its name, the pinyin
//! of the name in full and as initials, and the reversed digits of its ID number and phone (so a
//! search by the last digits is an index range); for each household its address key
//! ("3-2-301") and phone. Every lookup is an index range or an early-stopping scan, ranked:
//! exact name, name prefix, initials, full pinyin, name contains; digits and addresses apart.
//! The name, pinyin and initials indexes leave out empty keys (a household has none), so the
//! queries on them say `!= ''` for SQLite to use them.

use linli_domain::address::{address_key, parse_address_query, split_compound};
use linli_domain::{pinyin_full, pinyin_initials, Id};
use linli_protocol::{HitKind, MatchOn, Search, SearchHit};
use rusqlite::{params, OptionalExtension, Transaction};

use super::full_address_text;
use super::households::mask_phone;
use super::residents::mask_id;
use crate::{Result, Store};

fn reversed_digits(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_ascii_digit() || *c == 'X')
        .rev()
        .collect()
}

/// The columns of a resident its index entry is made from ([`refresh_resident`] reads these and
/// only these: a pulled change to any other leaves the entry as it is).
pub(crate) const RESIDENT_KEYS: &[&str] =
    &["household_id", "name", "id_number", "phone", "deleted"];
/// The columns of a household its index entry is made from ([`refresh_households`]).
pub(crate) const HOUSEHOLD_KEYS: &[&str] = &["phone", "building_id", "unit_id", "room", "deleted"];
/// The columns of a place its households' entries are made from (a building's or unit's name;
/// the rest as a precaution: a place moved or deleted).
pub(crate) const PLACE_KEYS: &[&str] = &["name", "parent_id", "kind", "deleted"];

/// Brings the index entry of a resident up to date (or removes it).
pub(crate) fn refresh_resident(tx: &Transaction<'_>, id: Id) -> Result<()> {
    type Row = (String, String, Option<String>, Option<String>, bool);
    let row: Option<Row> = tx
        .prepare_cached(&format!(
            "SELECT {} FROM residents WHERE id = ?1",
            RESIDENT_KEYS.join(", ")
        ))?
        .query_row([id.to_string()], |r| {
            Ok((
                r.get("household_id")?,
                r.get("name")?,
                r.get("id_number")?,
                r.get("phone")?,
                r.get("deleted")?,
            ))
        })
        .optional()?;
    match row {
        Some((household, name, id_number, phone, false)) if !household.is_empty() => {
            tx.prepare_cached(
                "INSERT INTO search_index (row_id, kind, household_id, name, py, ini, id_rev, phone_rev, addr)
                 VALUES (?1, 'resident', ?2, ?3, ?4, ?5, ?6, ?7, NULL)
                 ON CONFLICT (row_id) DO UPDATE SET household_id = excluded.household_id,
                   name = excluded.name, py = excluded.py, ini = excluded.ini,
                   id_rev = excluded.id_rev, phone_rev = excluded.phone_rev",
            )?
            .execute(params![
                id.to_string(),
                household,
                name,
                pinyin_full(&name),
                pinyin_initials(&name),
                id_number.as_deref().map(reversed_digits),
                phone.as_deref().map(reversed_digits),
            ])?;
            tx.prepare_cached("DELETE FROM name_suffixes WHERE row_id = ?1")?
                .execute([id.to_string()])?;
            let mut insert = tx.prepare_cached(
                "INSERT OR IGNORE INTO name_suffixes (suffix, row_id) VALUES (?1, ?2)",
            )?;
            for (i, _) in name.char_indices().skip(1) {
                insert.execute(params![&name[i..], id.to_string()])?;
            }
        }
        _ => {
            tx.prepare_cached("DELETE FROM search_index WHERE row_id = ?1")?
                .execute([id.to_string()])?;
            tx.prepare_cached("DELETE FROM name_suffixes WHERE row_id = ?1")?
                .execute([id.to_string()])?;
        }
    }
    Ok(())
}

/// The index entries of many households at once (a local write's, or a whole pull page's), in
/// id order: each household read once, the names of the buildings and units they stand in read
/// once for all of them (a building's households share its name). A household that is gone or
/// deleted loses its entry.
pub(crate) fn refresh_households(
    tx: &Transaction<'_>,
    ids: impl IntoIterator<Item = Id>,
) -> Result<()> {
    type Row = (Option<String>, Option<String>, Option<String>, String, bool);
    // the columns the entry is made from, and only those (`HOUSEHOLD_KEYS`: a pulled change to
    // any other leaves the entry as it is)
    let mut read = tx.prepare_cached(&format!(
        "SELECT {} FROM households WHERE id = ?1",
        HOUSEHOLD_KEYS.join(", ")
    ))?;
    let mut name = tx.prepare_cached("SELECT name FROM places WHERE id = ?1")?;
    let mut put = tx.prepare_cached(
        "INSERT INTO search_index (row_id, kind, household_id, name, py, ini, id_rev, phone_rev, addr)
         VALUES (?1, 'household', ?1, '', '', '', NULL, ?2, ?3)
         ON CONFLICT (row_id) DO UPDATE SET phone_rev = excluded.phone_rev, addr = excluded.addr",
    )?;
    let mut drop = tx.prepare_cached("DELETE FROM search_index WHERE row_id = ?1")?;
    let mut names: std::collections::HashMap<String, Option<String>> = Default::default();
    let mut name_of = |id: &str| -> Result<Option<String>> {
        if let Some(n) = names.get(id) {
            return Ok(n.clone());
        }
        let n: Option<String> = name.query_row([id], |r| r.get(0)).optional()?;
        names.insert(id.to_owned(), n.clone());
        Ok(n)
    };
    for id in ids {
        let id = id.to_string();
        let row: Option<Row> = read
            .query_row([&id], |r| {
                Ok((
                    r.get("phone")?,
                    r.get("building_id")?,
                    r.get("unit_id")?,
                    r.get("room")?,
                    r.get("deleted")?,
                ))
            })
            .optional()?;
        match row {
            Some((phone, building, unit, room, false)) => {
                let addr = match building {
                    Some(b) => {
                        let unit = match unit {
                            Some(u) => name_of(&u)?,
                            None => None,
                        };
                        name_of(&b)?.map(|b| address_key(&b, unit.as_deref(), &room))
                    }
                    None => None,
                };
                put.execute(params![id, phone.as_deref().map(reversed_digits), addr])?;
            }
            _ => {
                drop.execute([&id])?;
            }
        }
    }
    Ok(())
}

/// `["id", …]`: ids handed to SQL as one JSON array, read back with `json_each`.
fn id_array(ids: impl IntoIterator<Item = Id>) -> String {
    let mut s = String::from("[");
    for id in ids {
        if s.len() > 1 {
            s.push(',');
        }
        s.push('"');
        s.push_str(&id.to_string());
        s.push('"');
    }
    s.push(']');
    s
}

/// The households whose address names one of `places` as building or unit.
pub(crate) fn households_at(
    tx: &Transaction<'_>,
    places: impl IntoIterator<Item = Id>,
) -> Result<Vec<Id>> {
    let ids: Vec<String> = tx
        .prepare_cached(
            "SELECT id FROM households WHERE building_id IN (SELECT value FROM json_each(?1))
             UNION SELECT id FROM households WHERE unit_id IN (SELECT value FROM json_each(?1))",
        )?
        .query_map([id_array(places)], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    ids.iter().map(|h| Ok(h.parse()?)).collect()
}

// The lookups on the partial name, pinyin and initials indexes (`!= ''` lets SQLite use them).
const INI_EXACT: &str = "SELECT row_id FROM search_index WHERE ini = ?1 AND ini != '' LIMIT ?2";
const PY_EXACT: &str = "SELECT row_id FROM search_index WHERE py = ?1 AND py != '' LIMIT ?2";
const INI_PREFIX: &str =
    "SELECT row_id FROM search_index WHERE ini >= ?1 AND ini < ?2 AND ini != '' LIMIT ?3";
const PY_PREFIX: &str =
    "SELECT row_id FROM search_index WHERE py >= ?1 AND py < ?2 AND py != '' LIMIT ?3";
const NAME_EXACT: &str = "SELECT row_id FROM search_index WHERE name = ?1 AND name != '' LIMIT ?2";
const NAME_PREFIX: &str =
    "SELECT row_id FROM search_index WHERE name >= ?1 AND name < ?2 AND name != '' LIMIT ?3";

// Addresses: the key ("1-1-502") through `search_by_addr`; with a compound, each hit's building
// is checked to stand in a compound of that name.
const ADDR_EXACT: &str = "SELECT row_id FROM search_index WHERE addr = ?1 LIMIT ?2";
const ADDR_ANY_UNIT: &str = "SELECT row_id FROM search_index WHERE addr LIKE ?1 LIMIT ?2";
const ADDR_EXACT_IN_COMPOUND: &str = "SELECT s.row_id FROM search_index s WHERE s.addr = ?1
     AND EXISTS (SELECT 1 FROM households h JOIN places b ON b.id = h.building_id
       JOIN places k ON k.id = b.parent_id
       WHERE h.id = s.row_id AND k.kind = 'compound' AND k.name = ?2)
     LIMIT ?3";
const ADDR_ANY_UNIT_IN_COMPOUND: &str = "SELECT s.row_id FROM search_index s WHERE s.addr LIKE ?1
     AND EXISTS (SELECT 1 FROM households h JOIN places b ON b.id = h.building_id
       JOIN places k ON k.id = b.parent_id
       WHERE h.id = s.row_id AND k.kind = 'compound' AND k.name = ?2)
     LIMIT ?3";
/// The names of the compounds on this laptop (a few dozen; `places_by_kind`).
const COMPOUND_NAMES: &str =
    "SELECT DISTINCT name FROM places WHERE kind = 'compound' AND deleted = 0 AND name != ''";
/// The live households of the compounds of a name, in walking order: compound → buildings →
/// households, each step an index (`places_by_kind`, `places_by_parent`, `households_live`).
const IN_COMPOUND: &str = "SELECT h.id FROM places k
     JOIN places b ON b.parent_id = k.id AND b.deleted = 0
     JOIN households h ON h.building_id = b.id AND h.deleted = 0 AND h.moved_out IS NULL
     LEFT JOIN places u ON u.id = h.unit_id
     WHERE k.kind = 'compound' AND k.name = ?1 AND k.deleted = 0
     ORDER BY CAST(b.name AS INTEGER), b.name, CAST(u.name AS INTEGER), u.name,
              CAST(h.room AS INTEGER), h.room
     LIMIT ?2";

/// The smallest string greater than every string starting with `prefix`.
fn prefix_end(prefix: &str) -> String {
    format!("{prefix}\u{10FFFF}")
}

struct Raw {
    row_id: String,
    matched: MatchOn,
}

impl Store {
    /// Search as you type; see the module documentation for what is matched and how it ranks.
    pub fn search(&self, req: &Search) -> Result<Vec<SearchHit>> {
        let q: String = req.query.trim().to_owned();
        let limit = req.limit.clamp(1, 200) as usize;
        if q.is_empty() {
            return Ok(Vec::new());
        }
        let mut raw: Vec<Raw> = Vec::new();
        let push = |rows: Vec<String>, matched: MatchOn, raw: &mut Vec<Raw>| {
            for row_id in rows {
                if raw.len() >= limit {
                    break;
                }
                if !raw.iter().any(|r| r.row_id == row_id) {
                    raw.push(Raw { row_id, matched });
                }
            }
        };
        let compact: String = q.chars().filter(|c| !c.is_whitespace()).collect();
        let upper = compact.to_uppercase();
        let digits_only = upper.len() >= 4
            && upper.chars().all(|c| c.is_ascii_digit() || c == 'X')
            && upper.chars().filter(|c| *c == 'X').count() <= 1
            && (!upper.contains('X') || upper.ends_with('X'));

        // fields by role: a steward's or coordinator's laptop finds nobody by a number
        if digits_only && self.withheld()? {
            return Ok(Vec::new());
        }
        if digits_only {
            let rev: String = upper.chars().rev().collect();
            let end = prefix_end(&rev);
            let ids = self.query_ids(
                "SELECT row_id FROM search_index WHERE id_rev >= ?1 AND id_rev < ?2 LIMIT ?3",
                &[&rev, &end],
                limit,
            )?;
            push(ids, MatchOn::IdNumber, &mut raw);
            let phones = self.query_ids(
                "SELECT row_id FROM search_index WHERE phone_rev >= ?1 AND phone_rev < ?2 LIMIT ?3",
                &[&rev, &end],
                limit,
            )?;
            push(phones, MatchOn::Phone, &mut raw);
        } else if let Some(ids) = self
            .search_compound(&compact, limit)?
            .filter(|ids| !ids.is_empty())
        {
            push(ids, MatchOn::Address, &mut raw);
        } else if let Some((b, u, room)) = parse_address_query(&compact) {
            let key = format!("{b}-{}-{room}", u.clone().unwrap_or_default());
            let exact = self.query_ids(ADDR_EXACT, &[&key], limit)?;
            push(exact, MatchOn::Address, &mut raw);
            if u.is_none() {
                // "3栋301": any unit of building 3
                let pattern = format!("{b}-%-{room}");
                let any_unit = self.query_ids(ADDR_ANY_UNIT, &[&pattern], limit)?;
                push(any_unit, MatchOn::Address, &mut raw);
            }
        } else if compact.chars().all(|c| c.is_ascii_alphabetic()) {
            let lower = compact.to_lowercase();
            let end = prefix_end(&lower);
            let exact_ini = self.query_ids(INI_EXACT, &[&lower], limit)?;
            push(exact_ini, MatchOn::Initials, &mut raw);
            let exact_py = self.query_ids(PY_EXACT, &[&lower], limit)?;
            push(exact_py, MatchOn::Pinyin, &mut raw);
            let ini = self.query_ids(INI_PREFIX, &[&lower, &end], limit)?;
            push(ini, MatchOn::Initials, &mut raw);
            let py = self.query_ids(PY_PREFIX, &[&lower, &end], limit)?;
            push(py, MatchOn::Pinyin, &mut raw);
        } else {
            let exact = self.query_ids(NAME_EXACT, &[&compact], limit)?;
            push(exact, MatchOn::Name, &mut raw);
            let end = prefix_end(&compact);
            let prefix = self.query_ids(NAME_PREFIX, &[&compact, &end], limit)?;
            push(prefix, MatchOn::Name, &mut raw);
            if raw.len() < limit {
                // inside a name: a prefix of one of its suffixes
                let inside = self.query_ids(
                    "SELECT row_id FROM name_suffixes WHERE suffix >= ?1 AND suffix < ?2 LIMIT ?3",
                    &[&compact, &end],
                    limit,
                )?;
                push(inside, MatchOn::Name, &mut raw);
            }
        }
        raw.into_iter()
            .map(|r| self.hit(&r.row_id, r.matched, &upper, &compact))
            .collect()
    }

    /// A query that starts with a compound's name: the compound alone lists its households in
    /// walking order; followed by an address ("南湖苑1栋1单元502", "南湖苑1-1-502") it finds that
    /// address in that compound only. `None` when the query names no compound, or what follows
    /// the compound is not an address (the query is then searched as usual).
    fn search_compound(&self, compact: &str, limit: usize) -> Result<Option<Vec<String>>> {
        let names: Vec<String> = self
            .conn
            .prepare_cached(COMPOUND_NAMES)?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        let Some((compound, rest)) = split_compound(compact, &names) else {
            return Ok(None);
        };
        if rest.is_empty() {
            return Ok(Some(self.query_ids(IN_COMPOUND, &[compound], limit)?));
        }
        let Some((b, u, room)) = parse_address_query(rest) else {
            return Ok(None);
        };
        let key = format!("{b}-{}-{room}", u.clone().unwrap_or_default());
        let mut ids = self.query_ids(ADDR_EXACT_IN_COMPOUND, &[&key, compound], limit)?;
        if u.is_none() {
            let pattern = format!("{b}-%-{room}");
            for id in self.query_ids(ADDR_ANY_UNIT_IN_COMPOUND, &[&pattern, compound], limit)? {
                if !ids.contains(&id) {
                    ids.push(id);
                }
            }
        }
        Ok(Some(ids))
    }

    /// Row ids from an index lookup: `args` fill ?1…, the limit is the last parameter.
    fn query_ids(&self, sql: &str, args: &[&str], limit: usize) -> Result<Vec<String>> {
        let limit = limit as i64;
        let mut params: Vec<&dyn rusqlite::ToSql> =
            args.iter().map(|a| a as &dyn rusqlite::ToSql).collect();
        params.push(&limit);
        let mut stmt = self.conn.prepare_cached(sql)?;
        let rows = stmt.query_map(params.as_slice(), |r| r.get::<_, String>(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn hit(&self, row_id: &str, matched: MatchOn, upper: &str, query: &str) -> Result<SearchHit> {
        let (kind, household): (String, String) = self
            .conn
            .prepare_cached("SELECT kind, household_id FROM search_index WHERE row_id = ?1")?
            .query_row([row_id], |r| Ok((r.get("kind")?, r.get("household_id")?)))?;
        type Place = (
            Option<String>,
            Option<String>,
            Option<String>,
            Option<String>,
        );
        let ((compound, building, unit, community), room, hphone, head): (
            Place,
            String,
            Option<String>,
            Option<String>,
        ) = self
            .conn
            .prepare_cached(
                "SELECT (SELECT k.name FROM places k WHERE k.id = b.parent_id AND k.kind = 'compound')
                     AS compound,
                   b.name AS building, u.name AS unit, c.name AS community, h.room, h.phone,
                   (SELECT r.name FROM residents r WHERE r.household_id = h.id AND r.relation = '户主'
                      AND r.deleted = 0 AND r.moved_out IS NULL LIMIT 1) AS head
                 FROM households h LEFT JOIN places b ON b.id = h.building_id
                 LEFT JOIN places u ON u.id = h.unit_id
                 LEFT JOIN places c ON c.id = h.community_id WHERE h.id = ?1",
            )?
            .query_row([&household], |r| {
                Ok((
                    (
                        r.get("compound")?,
                        r.get("building")?,
                        r.get("unit")?,
                        r.get("community")?,
                    ),
                    r.get("room")?,
                    r.get("phone")?,
                    r.get("head")?,
                ))
            })?;
        let address = full_address_text(
            compound.as_deref(),
            building.as_deref(),
            unit.as_deref(),
            &room,
        );
        let (kind, name, id_number, phone) = if kind == "resident" {
            let (name, id_number, phone): (String, Option<String>, Option<String>) = self
                .conn
                .prepare_cached("SELECT name, id_number, phone FROM residents WHERE id = ?1")?
                .query_row([row_id], |r| {
                    Ok((r.get("name")?, r.get("id_number")?, r.get("phone")?))
                })?;
            (HitKind::Resident, name, id_number, phone)
        } else {
            (HitKind::Household, head.unwrap_or_default(), None, hphone)
        };
        let chars = |s: &str| s.chars().count() as u32;
        let (detail, highlight) = match matched {
            MatchOn::Name => {
                let start = name.find(query).map_or(0, |byte| chars(&name[..byte]));
                (None, (start, chars(query)))
            }
            MatchOn::Initials => (None, (0, chars(query).min(chars(&name)))),
            MatchOn::Pinyin => (Some(pinyin_full(&name)), (0, chars(query))),
            MatchOn::IdNumber => {
                let masked = id_number.as_deref().map(mask_id).unwrap_or_default();
                let shown = chars(upper).min(4);
                (Some(masked.clone()), (chars(&masked) - shown, shown))
            }
            MatchOn::Phone => {
                let masked = phone.as_deref().map(mask_phone).unwrap_or_default();
                let shown = chars(upper).min(4);
                (
                    Some(masked.clone()),
                    (chars(&masked).saturating_sub(shown), shown),
                )
            }
            MatchOn::Address => (Some(address.clone()), (0, chars(&address))),
        };
        Ok(SearchHit {
            kind,
            id: row_id.parse()?,
            household_id: household.parse()?,
            name,
            address,
            community,
            detail,
            matched,
            highlight,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A household's entry has no name, pinyin or initials, and the indexes on those leave empty
    /// keys out; each lookup on them must still be an index search, not a scan of every entry.
    #[test]
    fn name_pinyin_and_initials_lookups_use_their_partial_indexes() {
        let s = Store::open_in_memory().unwrap();
        for (sql, index) in [
            (INI_EXACT, "search_by_ini"),
            (PY_EXACT, "search_by_py"),
            (INI_PREFIX, "search_by_ini"),
            (PY_PREFIX, "search_by_py"),
            (NAME_EXACT, "search_by_name"),
            (NAME_PREFIX, "search_by_name"),
        ] {
            let mut stmt = s
                .conn()
                .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
                .unwrap();
            let mut args: Vec<rusqlite::types::Value> = vec!["zh".to_owned().into(); 3];
            args.truncate(stmt.parameter_count() - 1);
            args.push(10i64.into());
            let plan: Vec<String> = stmt
                .query_map(rusqlite::params_from_iter(args), |r| r.get::<_, String>(3))
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap();
            assert!(
                plan.iter().any(|p| p.contains(&format!("INDEX {index} ("))),
                "{sql}: {plan:?}"
            );
        }
    }
}
