//! Where a household of the sheet lives: its compound, building and unit found in the target,
//! or created where the target allows, and every compound and building created listed in the
//! summary.

use linli_domain::address::{parse_address_query, short_number, validate_room};
use linli_domain::place::validate_name;
use linli_domain::{args, msg, Id, PlaceKind};
use linli_protocol::CreatedPlace;
use linli_sheets::Said;
use serde_json::json;

use super::{Located, Run, Target};
use crate::register::{community_of, parse_id, scope_at};
use crate::write::{RowWrite, Scope, Writer};
use crate::Result;

/// "3" → "3栋"; names that say more ("3号楼", "A座") are kept as written.
fn place_name(written: &str, suffix: &str) -> String {
    if written.chars().all(|c| c.is_ascii_digit()) {
        format!("{written}{suffix}")
    } else {
        written.to_owned()
    }
}

/// A compound's name as compared: spaces dropped, and "西门新村小区" is "西门新村".
pub(super) fn compound_key(name: &str) -> String {
    let n: String = name.chars().filter(|c| !c.is_whitespace()).collect();
    match n.strip_suffix("小区") {
        Some(stem) if !stem.is_empty() => stem.to_owned(),
        _ => n,
    }
}

pub(super) fn add_place(
    w: &mut Writer<'_>,
    kind: PlaceKind,
    name: &str,
    parent: Id,
    community: Option<Id>,
) -> Result<Id> {
    let id = w.id();
    let community = if kind == PlaceKind::Community {
        Some(id)
    } else {
        community
    };
    w.write(RowWrite {
        table: "places",
        row_id: id,
        fields: vec![
            ("kind", json!(kind.code())),
            ("name", json!(name)),
            ("parent_id", json!(parent.to_string())),
            ("deleted", json!(false)),
        ],
        scope: Scope {
            community,
            grid: None,
            place: Some(id),
        },
    })?;
    Ok(id)
}

fn id_name_rows(
    w: &Writer<'_>,
    sql: &str,
    parent: Id,
) -> Result<Vec<(Id, String, Option<String>)>> {
    let mut stmt = w.tx().prepare(sql)?;
    let rows = stmt.query_map([parent.to_string()], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, Option<String>>(2)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (id, name, parent) = row?;
        out.push((id.parse()?, name, parent));
    }
    Ok(out)
}

impl Run {
    /// The compounds and buildings rows may be matched to.
    pub(super) fn load_places(&mut self, w: &Writer<'_>) -> Result<()> {
        let (sql, parent) = match &self.target {
            Target::Building { .. } => return Ok(()),
            Target::Compound { id, .. } => (
                "SELECT id, name, parent_id FROM places WHERE kind = 'building' AND deleted = 0
                 AND parent_id = ?1",
                *id,
            ),
            Target::Community { id, .. } => {
                let compounds = id_name_rows(
                    w,
                    "SELECT id, name, parent_id FROM places WHERE kind = 'compound'
                     AND deleted = 0 AND parent_id = ?1",
                    *id,
                )?;
                for (id, name, _) in compounds {
                    self.compounds
                        .entry(compound_key(&name))
                        .or_insert((id, name));
                }
                (
                    "SELECT b.id, b.name, b.parent_id FROM places b JOIN places c ON c.id = b.parent_id
                     WHERE b.kind = 'building' AND b.deleted = 0 AND c.deleted = 0
                     AND c.parent_id = ?1",
                    *id,
                )
            }
        };
        for (id, name, compound) in id_name_rows(w, sql, parent)? {
            let number = short_number(&name);
            self.buildings.entry(number.clone()).or_default().push(id);
            if let Some(compound) = parse_id(compound)? {
                self.buildings_in.entry((compound, number)).or_insert(id);
            }
        }
        Ok(())
    }

    /// The compound of this name in the target community (its id and name as stored), created
    /// when it has none.
    fn compound(
        &mut self,
        w: &mut Writer<'_>,
        community: Id,
        community_name: &str,
        written: &str,
    ) -> Result<std::result::Result<(Id, String), Said>> {
        let key = compound_key(written);
        if let Some(found) = self.compounds.get(&key) {
            return Ok(Ok(found.clone()));
        }
        let name = match validate_name(written) {
            Ok(n) => n,
            Err(e) => {
                return Ok(Err(Said::around(
                    msg::IMPORT_COMPOUND_NAME,
                    args![name = written],
                    e.into(),
                )))
            }
        };
        let id = add_place(w, PlaceKind::Compound, &name, community, Some(community))?;
        self.compounds.insert(key, (id, name.clone()));
        self.summary.created_places.push(CreatedPlace {
            kind: PlaceKind::Compound,
            name: name.clone(),
            parent: Some(community_name.to_owned()),
        });
        Ok(Ok((id, name)))
    }

    /// The building numbered like `written` in a compound, created when it has none.
    fn building_in(
        &mut self,
        w: &mut Writer<'_>,
        compound: Id,
        compound_name: &str,
        community: Option<Id>,
        written: &str,
    ) -> Result<Id> {
        let number = short_number(written);
        if let Some(id) = self.buildings_in.get(&(compound, number.clone())) {
            return Ok(*id);
        }
        let name = place_name(written, "栋");
        let id = add_place(w, PlaceKind::Building, &name, compound, community)?;
        self.buildings_in.insert((compound, number.clone()), id);
        self.buildings.entry(number).or_default().push(id);
        self.summary.created_places.push(CreatedPlace {
            kind: PlaceKind::Building,
            name,
            parent: Some(compound_name.to_owned()),
        });
        Ok(id)
    }

    /// The building, unit and room of a household's address, creating the compound, building
    /// and unit where the target allows; `Err(reason)` refuses the household's rows.
    pub(super) fn locate(
        &mut self,
        w: &mut Writer<'_>,
        address: &linli_sheets::Address,
    ) -> Result<Located> {
        let (mut building, mut unit, mut room) = (
            address.building.clone(),
            address.unit.clone(),
            address.room.clone(),
        );
        if let (Some(full), None) = (&address.full, &room) {
            match parse_address_query(full) {
                Some((b, u, r)) => {
                    building = building.or(Some(b));
                    unit = unit.or(u);
                    room = Some(r);
                }
                None => {
                    return Ok(Err(Said::new(
                        msg::IMPORT_ADDRESS_UNREAD,
                        args![full = full],
                    )))
                }
            }
        }
        let Some(room) = room else {
            return Ok(Err(Said::new(msg::IMPORT_NO_ROOM, vec![])));
        };
        let room = match validate_room(&room) {
            Ok(r) => r,
            Err(e) => return Ok(Err(e.into())),
        };
        let compound = address.compound.as_deref();
        let building = match (&self.target, building) {
            (
                Target::Building {
                    id,
                    name,
                    number,
                    compound: in_compound,
                },
                b,
            ) => {
                if let (Some(c), Some(k)) = (compound, in_compound) {
                    if compound_key(c) != compound_key(k) {
                        return Ok(Err(Said::new(
                            msg::IMPORT_OTHER_COMPOUND_OF,
                            args![compound = c, target = name, own = k],
                        )));
                    }
                }
                if let Some(b) = b.filter(|b| short_number(b) != *number) {
                    return Ok(Err(Said::new(
                        msg::IMPORT_OTHER_BUILDING,
                        args![building = b, target = name],
                    )));
                }
                *id
            }
            (_, None) => return Ok(Err(Said::new(msg::IMPORT_NO_BUILDING, vec![]))),
            (
                Target::Compound {
                    id,
                    name,
                    community,
                },
                Some(b),
            ) => {
                if let Some(c) = compound.filter(|c| compound_key(c) != compound_key(name)) {
                    return Ok(Err(Said::new(
                        msg::IMPORT_OTHER_COMPOUND,
                        args![compound = c, target = name],
                    )));
                }
                let (id, name, community) = (*id, name.clone(), *community);
                self.building_in(w, id, &name, community, &b)?
            }
            (Target::Community { id, name }, Some(b)) => {
                let (community, community_name) = (*id, name.clone());
                match compound {
                    Some(c) => match self.compound(w, community, &community_name, c)? {
                        Ok((compound, name)) => {
                            self.building_in(w, compound, &name, Some(community), &b)?
                        }
                        Err(reason) => return Ok(Err(reason)),
                    },
                    None => match self.buildings.get(&short_number(&b)).map(Vec::as_slice) {
                        Some([one]) => *one,
                        Some(_) => {
                            return Ok(Err(Said::new(
                                msg::IMPORT_BUILDING_AMBIGUOUS,
                                args![building = b],
                            )))
                        }
                        None => {
                            return Ok(Err(Said::new(
                                msg::IMPORT_NO_SUCH_BUILDING,
                                args![building = b],
                            )))
                        }
                    },
                }
            }
        };
        let unit = match unit {
            None => None,
            Some(u) => Some(self.unit(w, building, &u)?),
        };
        Ok(Ok((building, unit, room)))
    }

    /// The unit numbered like `written` in a building, created when it has none.
    fn unit(&mut self, w: &mut Writer<'_>, building: Id, written: &str) -> Result<Id> {
        let key = (building, short_number(written));
        if let Some(id) = self.units.get(&key) {
            return Ok(*id);
        }
        let found: Option<String> = w
            .tx()
            .prepare_cached(
                "SELECT id, name FROM places WHERE kind = 'unit' AND deleted = 0
                 AND parent_id = ?1",
            )?
            .query_map([building.to_string()], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
            })?
            .filter_map(std::result::Result::ok)
            .find(|(_, name)| short_number(name) == key.1)
            .map(|(id, _)| id);
        let id = match parse_id(found)? {
            Some(id) => id,
            None => {
                let community = community_of(w.tx(), building)?;
                add_place(
                    w,
                    PlaceKind::Unit,
                    &place_name(written, "单元"),
                    building,
                    community,
                )?
            }
        };
        self.units.insert(key, id);
        Ok(id)
    }

    pub(super) fn scope(
        &mut self,
        w: &Writer<'_>,
        building: Id,
        unit: Option<Id>,
    ) -> Result<Scope> {
        if let Some(s) = self.scopes.get(&(building, unit)) {
            return Ok(*s);
        }
        let s = scope_at(w.tx(), building, unit)?;
        self.scopes.insert((building, unit), s);
        Ok(s)
    }
}
