//! Households: adding, editing, moving, moving out, listing in walking order, and a household's page.

use linli_domain::address::validate_room;
use linli_domain::register::{normalize_tags, ResidenceStatus};
use linli_domain::{date, Id, Phone, PlaceKind};
use linli_protocol::{
    AddHousehold, EditHousehold, GetHousehold, HistoryEntry, Household, HouseholdDetail,
    HouseholdFields, HouseholdPage, ListHouseholds, MoveHousehold, MoveOutHousehold,
};
use rusqlite::{params, OptionalExtension, Row};
use serde_json::{json, Value};

use super::{full_address_text, id_text, json_list, parse_id, scope_at};
use crate::write::{RowWrite, Writer};
use crate::{Error, Result, Store};

const SELECT: &str =
    "SELECT h.id, h.community_id, h.building_id, h.unit_id, h.room, b.name AS building_name,
        u.name AS unit_name, h.phone, h.residence_status, h.floating, h.tags, h.notes,
        h.moved_out,
        (SELECT r.name FROM residents r WHERE r.household_id = h.id AND r.relation = '户主'
            AND r.deleted = 0 AND r.moved_out IS NULL LIMIT 1) AS head_name,
        (SELECT count(*) FROM residents r WHERE r.household_id = h.id AND r.deleted = 0
            AND r.moved_out IS NULL) AS members,
        c.name AS compound_name
     FROM households h
     LEFT JOIN places b ON b.id = h.building_id
     LEFT JOIN places u ON u.id = h.unit_id
     LEFT JOIN places c ON c.id = b.parent_id AND c.kind = 'compound'";

/// Walking order: compound, building, unit, floor, room — numbers compared as numbers.
const WALKING_ORDER: &str =
    "c.name, CAST(b.name AS INTEGER), b.name, CAST(u.name AS INTEGER), u.name,
     CAST(h.room AS INTEGER), h.room";

/// A household row by its named columns.
fn from_row(r: &Row<'_>) -> rusqlite::Result<Household> {
    let room: String = r.get("room")?;
    let building_name: Option<String> = r.get("building_name")?;
    let unit_name: Option<String> = r.get("unit_name")?;
    let compound: Option<String> = r.get("compound_name")?;
    let phone: Option<String> = r.get("phone")?;
    let status: String = r.get("residence_status")?;
    let tags: String = r.get("tags")?;
    Ok(Household {
        id: r.get("id")?,
        community_id: r.get("community_id")?,
        building_id: r.get("building_id")?,
        unit_id: r.get("unit_id")?,
        address: full_address_text(
            compound.as_deref(),
            building_name.as_deref(),
            unit_name.as_deref(),
            &room,
        ),
        compound_name: compound,
        room,
        head_name: r.get("head_name")?,
        phone_masked: phone.as_deref().map(mask_phone),
        members: r.get("members")?,
        residence_status: ResidenceStatus::read(&status),
        residence_status_code: ResidenceStatus::from_code(&status)
            .is_none()
            .then_some(status),
        floating: r.get("floating")?,
        tags: json_list(&tags),
        notes: r.get("notes")?,
        moved_out: r.get("moved_out")?,
    })
}

/// Masks a stored phone; a value that no longer parses is masked all the same.
pub(crate) fn mask_phone(p: &str) -> String {
    Phone::parse(p).map(|p| p.mask()).unwrap_or_else(|_| {
        let tail: String = p
            .chars()
            .rev()
            .take(4)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        format!("****{tail}")
    })
}

/// Checked household fields, as they are written.
struct Clean {
    phone: Option<String>,
    status: ResidenceStatus,
    floating: bool,
    tags: Vec<String>,
    notes: String,
}

fn clean(f: &HouseholdFields) -> Result<Clean> {
    let phone = f
        .phone
        .as_deref()
        .filter(|p| !p.trim().is_empty())
        .map(Phone::parse)
        .transpose()?
        .map(Phone::into_string);
    let notes = f.notes.trim().to_owned();
    if notes.chars().count() > 500 {
        return Err(linli_domain::DomainError::coded(
            "notes",
            linli_domain::msg::NOTES_TOO_LONG,
            vec![],
        )
        .into());
    }
    Ok(Clean {
        phone,
        status: f.residence_status,
        floating: f.floating,
        tags: normalize_tags(&f.tags)?,
        notes,
    })
}

impl Store {
    /// Checks that `building` is a building and `unit` (if any) one of its units.
    fn check_address(&self, building: Id, unit: Option<Id>) -> Result<()> {
        let b = self.place(building)?;
        if b.kind != PlaceKind::Building {
            return Err(linli_domain::DomainError::coded(
                "building_id",
                linli_domain::msg::NOT_A_BUILDING,
                linli_domain::args![name = b.name],
            )
            .into());
        }
        if let Some(u) = unit {
            let u = self.place(u)?;
            if u.kind != PlaceKind::Unit || u.parent_id != Some(building) {
                return Err(linli_domain::DomainError::coded(
                    "unit_id",
                    linli_domain::msg::NOT_A_UNIT_OF,
                    linli_domain::args![unit = u.name, building = b.name],
                )
                .into());
            }
        }
        Ok(())
    }

    /// The household living at an address now, if any (other than `except`).
    fn household_at(
        &self,
        building: Id,
        unit: Option<Id>,
        room: &str,
        except: Option<Id>,
    ) -> Result<Option<Id>> {
        let found: Option<String> = self
            .conn
            .prepare_cached(
                "SELECT id FROM households WHERE building_id = ?1 AND unit_id IS ?2 AND room = ?3
                 AND deleted = 0 AND moved_out IS NULL AND id IS NOT ?4 LIMIT 1",
            )?
            .query_row(
                params![building.to_string(), id_text(unit), room, id_text(except)],
                |r| r.get(0),
            )
            .optional()?;
        parse_id(found)
    }

    pub fn household(&self, id: Id) -> Result<Household> {
        let sql = format!("{SELECT} WHERE h.id = ?1 AND h.deleted = 0");
        self.conn
            .prepare_cached(&sql)?
            .query_row([id.to_string()], from_row)
            .optional()?
            .ok_or(Error::NotFound {
                what: "住户",
                id: id.to_string(),
            })
    }

    pub fn add_household(&mut self, req: &AddHousehold) -> Result<Household> {
        let id = self.next_id();
        self.add_household_as(id, req)?;
        self.household(id)
    }

    pub(crate) fn add_household_as(&mut self, id: Id, req: &AddHousehold) -> Result<()> {
        let room = validate_room(&req.room)?;
        let c = clean(&req.fields)?;
        self.check_address(req.building_id, req.unit_id)?;
        if let Some(other) = self.household_at(req.building_id, req.unit_id, &room, None)? {
            let h = self.household(other)?;
            return Err(match &h.head_name {
                Some(head) => Error::conflict(
                    linli_domain::msg::ADDRESS_TAKEN,
                    linli_domain::args![address = h.address, head = head],
                ),
                None => Error::conflict(
                    linli_domain::msg::ADDRESS_TAKEN_NO_HEAD,
                    linli_domain::args![address = h.address],
                ),
            });
        }
        let scope = scope_at(&self.conn, req.building_id, req.unit_id)?;
        let mut w = self.begin()?;
        write_household(
            &mut w,
            id,
            Some((req.building_id, req.unit_id, room, scope.community)),
            &c,
            scope,
        )?;
        w.commit()
    }

    pub fn edit_household(&mut self, req: &EditHousehold) -> Result<Household> {
        let current = self.household(req.id)?;
        let c = clean(&req.fields)?;
        let building = current.building_id.ok_or(Error::NotFound {
            what: "楼栋",
            id: req.id.to_string(),
        })?;
        let scope = scope_at(&self.conn, building, current.unit_id)?;
        let stored_phone: Option<String> = self.conn.query_row(
            "SELECT phone FROM households WHERE id = ?1",
            [req.id.to_string()],
            |r| r.get(0),
        )?;
        let mut fields: Vec<(&'static str, Value)> = Vec::new();
        // like a resident's, a phone left empty keeps the one on record: the UI only ever sees
        // it masked, so it cannot send it back
        if c.phone.is_some() && c.phone != stored_phone {
            fields.push(("phone", json!(c.phone)));
        }
        // a status a newer Linli wrote comes back as `Unknown` and stays as written; only a
        // status this laptop knows replaces it
        if c.status != current.residence_status {
            let status = c.status.known("residence_status")?;
            fields.push(("residence_status", json!(status.code())));
        }
        if c.floating != current.floating {
            fields.push(("floating", json!(c.floating)));
        }
        if c.tags != current.tags {
            fields.push(("tags", json!(serde_json::to_string(&c.tags)?)));
        }
        if c.notes != current.notes {
            fields.push(("notes", json!(c.notes)));
        }
        if !fields.is_empty() {
            let mut w = self.begin()?;
            w.write(RowWrite {
                table: "households",
                row_id: req.id,
                fields,
                scope,
            })?;
            w.commit()?;
        }
        self.household(req.id)
    }

    pub fn move_household(&mut self, req: &MoveHousehold) -> Result<Household> {
        self.household(req.id)?;
        let room = validate_room(&req.room)?;
        self.check_address(req.building_id, req.unit_id)?;
        if let Some(other) = self.household_at(req.building_id, req.unit_id, &room, Some(req.id))? {
            let h = self.household(other)?;
            return Err(Error::conflict(
                linli_domain::msg::ADDRESS_OCCUPIED,
                linli_domain::args![address = h.address],
            ));
        }
        let scope = scope_at(&self.conn, req.building_id, req.unit_id)?;
        let members = self.member_ids(req.id)?;
        let mut w = self.begin()?;
        w.write(RowWrite {
            table: "households",
            row_id: req.id,
            fields: vec![
                ("building_id", json!(req.building_id.to_string())),
                ("unit_id", json!(id_text(req.unit_id))),
                ("room", json!(room)),
                ("community_id", json!(id_text(scope.community))),
            ],
            scope,
        })?;
        // members follow their household into the new scope
        for m in members {
            w.write(RowWrite {
                table: "residents",
                row_id: m,
                fields: vec![("community_id", json!(id_text(scope.community)))],
                scope,
            })?;
        }
        w.commit()?;
        self.household(req.id)
    }

    pub fn move_out_household(&mut self, req: &MoveOutHousehold) -> Result<Household> {
        let h = self.household(req.id)?;
        let day = date::validate("date", &req.date)?;
        let scope = scope_at(
            &self.conn,
            h.building_id.ok_or(Error::NotFound {
                what: "楼栋",
                id: req.id.to_string(),
            })?,
            h.unit_id,
        )?;
        let members = self.member_ids(req.id)?;
        let mut w = self.begin()?;
        w.write(RowWrite {
            table: "households",
            row_id: req.id,
            fields: vec![("moved_out", json!(day))],
            scope,
        })?;
        for m in members {
            let out: Option<String> = w.tx().query_row(
                "SELECT moved_out FROM residents WHERE id = ?1",
                [m.to_string()],
                |r| r.get(0),
            )?;
            if out.is_none() {
                w.write(RowWrite {
                    table: "residents",
                    row_id: m,
                    fields: vec![("moved_out", json!(day))],
                    scope,
                })?;
            }
        }
        w.commit()?;
        self.household(req.id)
    }

    fn member_ids(&self, household: Id) -> Result<Vec<Id>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id FROM residents WHERE household_id = ?1 AND deleted = 0")?;
        let ids = stmt.query_map([household.to_string()], |r| r.get::<_, String>(0))?;
        ids.map(|s| Ok(s?.parse()?)).collect()
    }

    pub fn list_households(&self, req: &ListHouseholds) -> Result<HouseholdPage> {
        let limit = req.limit.clamp(1, 1000);
        // every household has a building; units hang under buildings. So a unit filters on
        // unit_id, a building on building_id, anything above on the buildings under it.
        let kind = req
            .place_id
            .map(|p| self.place(p))
            .transpose()?
            .map(|p| p.kind);
        let (with, place_filter) = match kind {
            None => ("", "?1 IS NULL"),
            Some(PlaceKind::Unit) => ("", "h.unit_id = ?1"),
            Some(PlaceKind::Building) => ("", "h.building_id = ?1"),
            Some(_) => (
                "WITH RECURSIVE sub(id, kind) AS (
                     SELECT id, kind FROM places WHERE id = ?1
                     UNION ALL SELECT p.id, p.kind FROM places p JOIN sub ON p.parent_id = sub.id
                     WHERE p.deleted = 0 AND sub.kind != 'building')",
                "h.building_id IN (SELECT id FROM sub WHERE kind = 'building')",
            ),
        };
        let filter = format!("h.deleted = 0 AND (?2 OR h.moved_out IS NULL) AND {place_filter}");
        let place = id_text(req.place_id);
        let total: u32 = self
            .conn
            .prepare_cached(&format!(
                "{with} SELECT count(*) FROM households h WHERE {filter}"
            ))?
            .query_row(params![place, req.include_moved_out], |r| r.get(0))?;
        let sql =
            format!("{with} {SELECT} WHERE {filter} ORDER BY {WALKING_ORDER} LIMIT ?3 OFFSET ?4");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt
            .query_map(
                params![place, req.include_moved_out, limit, req.offset],
                from_row,
            )?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(HouseholdPage { total, rows })
    }

    pub fn get_household(&self, req: &GetHousehold) -> Result<HouseholdDetail> {
        let household = self.household(req.id)?;
        let members = self.members(req.id)?;
        let mut history = Vec::new();
        for c in self.row_history("households", req.id)? {
            history.push(history_entry(c));
        }
        for m in &members {
            for c in self.row_history("residents", m.id)? {
                history.push(history_entry(c));
            }
        }
        if self.withheld()? {
            history
                .iter_mut()
                .for_each(crate::withheld::withhold_history);
        }
        history.sort_by_key(|h| std::cmp::Reverse(h.at_ms));
        Ok(HouseholdDetail {
            household,
            members,
            history,
        })
    }
}

/// A journal entry as a history line, with ID numbers and phones masked.
pub(crate) fn history_entry(c: linli_protocol::sync::Change) -> HistoryEntry {
    let mut fields = c.fields;
    for (k, v) in fields.iter_mut() {
        if let Value::String(s) = v {
            match k.as_str() {
                "phone" => *v = json!(mask_phone(s)),
                "id_number" => {
                    *v = json!(linli_domain::ResidentId::parse(s)
                        .map(|i| i.mask())
                        .unwrap_or_else(|_| "****".into()))
                }
                _ => {}
            }
        }
    }
    HistoryEntry {
        at_ms: c.hlc.ms,
        table: c.table,
        row_id: c.row_id,
        device_id: c.device_id,
        author: c.author,
        fields,
    }
}

/// Writes a new household (with its address) through the journal.
fn write_household(
    w: &mut Writer<'_>,
    id: Id,
    address: Option<(Id, Option<Id>, String, Option<Id>)>,
    c: &Clean,
    scope: crate::write::Scope,
) -> Result<()> {
    let mut fields: Vec<(&'static str, Value)> = Vec::new();
    if let Some((building, unit, room, community)) = address {
        fields.push(("community_id", json!(id_text(community))));
        fields.push(("building_id", json!(building.to_string())));
        fields.push(("unit_id", json!(id_text(unit))));
        fields.push(("room", json!(room)));
    }
    fields.extend([
        ("phone", json!(c.phone)),
        (
            "residence_status",
            json!(c.status.known("residence_status")?.code()),
        ),
        ("floating", json!(c.floating)),
        ("tags", json!(serde_json::to_string(&c.tags)?)),
        ("notes", json!(c.notes)),
        ("moved_out", Value::Null),
        ("deleted", json!(false)),
    ]);
    w.write(RowWrite {
        table: "households",
        row_id: id,
        fields,
        scope,
    })?;
    Ok(())
}

/// For the demo generator and imports: a household written inside an open writer, with its
/// scope already known.
pub(crate) fn insert_household(
    w: &mut Writer<'_>,
    id: Id,
    building: Id,
    unit: Option<Id>,
    room: &str,
    fields: &HouseholdFields,
    scope: crate::write::Scope,
) -> Result<()> {
    let c = clean(fields)?;
    let room = validate_room(room)?;
    write_household(
        w,
        id,
        Some((building, unit, room, scope.community)),
        &c,
        scope,
    )
}
