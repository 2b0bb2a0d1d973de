//! Applying a located household and its residents: found by address and by ID number (or name
//! and birth date), created, or updated field by field where the sheet says something new.
//! A resident's care tags are taken from the fixed list of needs; 党员 among them (as registers
//! written before the flag have it) sets the `party_member` flag, and any other tag is left out
//! with a warning naming the row.

use linli_domain::register::{
    normalize_tags, validate_person_name, validate_relation, ResidenceStatus, KNOWN_CARE_TAGS,
    PARTY_MEMBER,
};
use linli_domain::{args, msg};
use linli_domain::{DomainError, Gender, Id};
use linli_protocol::HouseholdFields;
use linli_sheets::{ImportReport, Resident as SheetResident, Said};
use rusqlite::{params, OptionalExtension};
use serde_json::{json, Value};

use super::Run;
use crate::register::households::insert_household;
use crate::register::residents::{insert_resident, CleanResident};
use crate::register::{id_text, json_list};
use crate::write::{RowWrite, Scope, Writer};
use crate::Result;

/// A resident row checked by the store's rules, ready to be matched and written.
struct Checked<'r> {
    row: &'r SheetResident,
    name: String,
    relation: Option<String>,
    /// Care needs only, each on [`KNOWN_CARE_TAGS`].
    tags: Vec<String>,
    /// 党员 as the sheet says (its own column, or a 党员 care tag); `None`: it says nothing.
    party: Option<bool>,
}

/// What the store holds of a resident, for comparing.
struct Stored {
    id: String,
    household: Option<String>,
    community: Option<String>,
    name: String,
    gender: Option<String>,
    birth: Option<String>,
    phone: Option<String>,
    relation: String,
    tags: String,
    party: bool,
    notes: String,
    moved_in: Option<String>,
    moved_out: Option<String>,
}

/// The household already living at an imported address, as stored.
struct FoundHousehold {
    id: Id,
    /// Its residence status code, kept as written (a newer laptop's code too).
    stored: String,
    phone: Option<String>,
    floating: bool,
    stored_tags: String,
    stored_notes: String,
}

impl Run {
    /// Checks a resident row by the rules the store applies to every resident.
    fn check<'r>(&mut self, r: &'r SheetResident) -> Option<Checked<'r>> {
        let checked = (|| {
            let name = validate_person_name(&r.name)?;
            let relation = r.relation.as_deref().map(validate_relation).transpose()?;
            let tags = normalize_tags(&r.care_tags)?;
            if r.notes.as_deref().is_some_and(|n| n.chars().count() > 500) {
                return Err(DomainError::coded(
                    "notes",
                    linli_domain::msg::NOTES_TOO_LONG,
                    vec![],
                ));
            }
            Ok(Checked {
                row: r,
                name,
                relation,
                tags,
                party: r.party_member,
            })
        })();
        match checked {
            Ok(mut c) => {
                let mut unknown = Vec::new();
                c.tags.retain(|t| {
                    if t == PARTY_MEMBER {
                        c.party = Some(true);
                        false
                    } else if KNOWN_CARE_TAGS.contains(&t.as_str()) {
                        true
                    } else {
                        unknown.push(t.clone());
                        false
                    }
                });
                if !unknown.is_empty() {
                    self.warn(
                        r,
                        Said::new(
                            msg::IMPORT_NOT_CARE_TAGS,
                            args![
                                tags = unknown.join("、"),
                                known = KNOWN_CARE_TAGS.join("、")
                            ],
                        ),
                    );
                }
                Some(c)
            }
            Err(e) => {
                self.refuse(r, e.into());
                None
            }
        }
    }

    pub(super) fn household(
        &mut self,
        w: &mut Writer<'_>,
        report: &ImportReport,
        h: &linli_sheets::Household,
    ) -> Result<()> {
        let members: Vec<Checked<'_>> = h
            .members
            .iter()
            .filter_map(|&i| self.check(&report.residents[i]))
            .collect();
        if members.is_empty() {
            return Ok(());
        }
        let (building, unit, room) = match self.locate(w, &h.address)? {
            Ok(found) => found,
            Err(reason) => {
                for m in &members {
                    self.refuse(m.row, reason.clone());
                }
                return Ok(());
            }
        };
        let scope = self.scope(w, building, unit)?;
        // The household's 人户状态 is its head's, else the first member's that says one.
        let status = h
            .head
            .and_then(|i| report.residents[i].residence)
            .or_else(|| members.iter().find_map(|m| m.row.residence));

        let tags = match normalize_tags(&h.tags) {
            Ok(t) => t,
            Err(e) => {
                self.warn(
                    members[0].row,
                    Said::around(msg::IMPORT_HOUSEHOLD_TAGS, vec![], e.into()),
                );
                Vec::new()
            }
        };
        let notes = h.notes.clone().filter(|n| {
            let fits = n.chars().count() <= 500;
            if !fits {
                self.warn(
                    members[0].row,
                    Said::new(msg::IMPORT_HOUSEHOLD_NOTES, vec![]),
                );
            }
            fits
        });

        let existing: Option<FoundHousehold> = w
            .tx()
            .prepare_cached(
                "SELECT id, residence_status, phone, floating, tags, notes FROM households
                 WHERE building_id = ?1 AND unit_id IS ?2 AND room = ?3 AND deleted = 0
                 AND moved_out IS NULL LIMIT 1",
            )?
            .query_row(params![building.to_string(), id_text(unit), room], |r| {
                Ok(FoundHousehold {
                    id: r.get("id")?,
                    stored: r.get("residence_status")?,
                    phone: r.get("phone")?,
                    floating: r.get("floating")?,
                    stored_tags: r.get("tags")?,
                    stored_notes: r.get("notes")?,
                })
            })
            .optional()?;
        let household = match existing {
            Some(FoundHousehold {
                id,
                stored,
                phone,
                floating,
                stored_tags,
                stored_notes,
            }) => {
                // Only what the sheet says and the store does not already hold.
                let mut fields: Vec<(&'static str, Value)> = Vec::new();
                if let Some(s) = status.filter(|s| s.code() != stored) {
                    fields.push(("residence_status", json!(s.code())));
                }
                if let Some(p) = h.phone.as_ref().filter(|p| phone.as_ref() != Some(*p)) {
                    fields.push(("phone", json!(p)));
                }
                if let Some(f) = h.floating.filter(|f| *f != floating) {
                    fields.push(("floating", json!(f)));
                }
                if !tags.is_empty() && json_list(&stored_tags) != tags {
                    fields.push(("tags", json!(serde_json::to_string(&tags)?)));
                }
                if let Some(n) = notes.filter(|n| *n != stored_notes) {
                    fields.push(("notes", json!(n)));
                }
                if !fields.is_empty() {
                    w.write(RowWrite {
                        table: "households",
                        row_id: id,
                        fields,
                        scope,
                    })?;
                    self.summary.households.updated += 1;
                }
                id
            }
            None => {
                let id = w.id();
                let fields = HouseholdFields {
                    phone: h.phone.clone(),
                    residence_status: status.unwrap_or(ResidenceStatus::Consistent),
                    floating: h.floating.unwrap_or(false),
                    tags,
                    notes: notes.unwrap_or_default(),
                };
                insert_household(w, id, building, unit, &room, &fields, scope)?;
                self.summary.households.created += 1;
                id
            }
        };
        for m in members {
            self.resident(w, household, scope, m)?;
        }
        Ok(())
    }

    fn find(
        &self,
        w: &Writer<'_>,
        household: Id,
        scope: Scope,
        c: &Checked<'_>,
    ) -> Result<Option<Stored>> {
        const COLS: &str = "id, household_id, community_id, name, gender, birth_date, phone,
            relation, care_tags, notes, moved_in, moved_out, party_member";
        let birth = c.row.birth_date.map(|d| d.to_string());
        let map = |r: &rusqlite::Row<'_>| {
            Ok(Stored {
                id: r.get("id")?,
                household: r.get("household_id")?,
                community: r.get("community_id")?,
                name: r.get("name")?,
                gender: r.get("gender")?,
                birth: r.get("birth_date")?,
                phone: r.get("phone")?,
                relation: r.get("relation")?,
                tags: r.get("care_tags")?,
                notes: r.get("notes")?,
                moved_in: r.get("moved_in")?,
                moved_out: r.get("moved_out")?,
                party: r.get("party_member")?,
            })
        };
        let found = match &c.row.id_number {
            Some(number) => w
                .tx()
                .prepare_cached(&format!(
                    "SELECT {COLS} FROM residents WHERE community_id IS ?1 AND id_number = ?2
                     AND deleted = 0 LIMIT 1"
                ))?
                .query_row(params![id_text(scope.community), number], map)
                .optional()?,
            None => w
                .tx()
                .prepare_cached(&format!(
                    "SELECT {COLS} FROM residents WHERE household_id = ?1 AND name = ?2
                     AND (?3 IS NULL OR birth_date IS ?3) AND deleted = 0 LIMIT 1"
                ))?
                .query_row(params![household.to_string(), c.name, birth], map)
                .optional()?,
        };
        Ok(found)
    }

    fn resident(
        &mut self,
        w: &mut Writer<'_>,
        household: Id,
        scope: Scope,
        c: Checked<'_>,
    ) -> Result<()> {
        let r = c.row;
        let birth = r.birth_date.map(|d| d.to_string());
        let moved_in = r.moved_in.map(|d| d.to_string());
        let Some(stored) = self.find(w, household, scope, &c)? else {
            if let (None, Some(b)) = (&r.id_number, &birth) {
                self.warn_possible_duplicate(w, household, scope, r, &c.name, b)?;
            }
            let id = w.id();
            self.claimed.insert(id, (r.sheet.clone(), r.row));
            // `insert_resident` writes 党员 among the tags as the flag.
            let mut care_tags = c.tags;
            if c.party == Some(true) {
                care_tags.push(PARTY_MEMBER.to_owned());
            }
            insert_resident(
                w,
                id,
                household,
                &CleanResident {
                    name: c.name,
                    gender: r.gender,
                    birth_date: birth,
                    id_number: r.id_number.clone(),
                    phone: r.phone.clone(),
                    relation: c.relation.unwrap_or_default(),
                    care_tags,
                    moved_in: moved_in.clone(),
                    notes: r.notes.clone().unwrap_or_default(),
                },
                scope,
            )?;
            self.summary.residents.created += 1;
            return Ok(());
        };
        let stored_id: Id = stored.id.parse()?;
        if let Some((sheet, row)) = self.claimed.get(&stored_id) {
            let reason = if *sheet == r.sheet {
                Said::new(msg::IMPORT_SAME_RESIDENT, args![row = row])
            } else {
                Said::new(
                    msg::IMPORT_SAME_RESIDENT_SHEET,
                    args![sheet = sheet, row = row],
                )
            };
            self.refuse(r, reason);
            return Ok(());
        }
        self.claimed.insert(stored_id, (r.sheet.clone(), r.row));

        let mut fields: Vec<(&'static str, Value)> = Vec::new();
        let household_text = household.to_string();
        if stored.household.as_deref() != Some(household_text.as_str()) {
            fields.push(("household_id", json!(household_text)));
        }
        if stored.community != id_text(scope.community) {
            fields.push(("community_id", json!(id_text(scope.community))));
        }
        if stored.name != c.name {
            fields.push(("name", json!(c.name)));
        }
        if let Some(g) = r.gender.map(Gender::code) {
            if stored.gender.as_deref() != Some(g) {
                fields.push(("gender", json!(g)));
            }
        }
        if birth.is_some() && stored.birth != birth {
            fields.push(("birth_date", json!(birth)));
        }
        if r.phone.is_some() && stored.phone != r.phone {
            fields.push(("phone", json!(r.phone)));
        }
        if let Some(rel) = c.relation.filter(|rel| *rel != stored.relation) {
            fields.push(("relation", json!(rel)));
        }
        if !c.tags.is_empty() && json_list(&stored.tags) != c.tags {
            fields.push(("care_tags", json!(serde_json::to_string(&c.tags)?)));
        }
        if let Some(p) = c.party.filter(|p| *p != stored.party) {
            fields.push(("party_member", json!(p)));
        }
        if let Some(n) = r.notes.as_deref().filter(|n| *n != stored.notes) {
            fields.push(("notes", json!(n)));
        }
        if moved_in.is_some() && stored.moved_in != moved_in {
            fields.push(("moved_in", json!(moved_in)));
        }
        if stored.moved_out.is_some() {
            fields.push(("moved_out", Value::Null));
        }
        if !fields.is_empty() {
            w.write(RowWrite {
                table: "residents",
                row_id: stored_id,
                fields,
                scope,
            })?;
            self.summary.residents.updated += 1;
        }
        Ok(())
    }

    /// A resident without an ID number who has the name and birth date of someone in another
    /// household of the community is imported, with a warning to check.
    fn warn_possible_duplicate(
        &mut self,
        w: &Writer<'_>,
        household: Id,
        scope: Scope,
        r: &SheetResident,
        name: &str,
        birth: &str,
    ) -> Result<()> {
        let other: Option<(Option<String>, Option<String>, String)> = w
            .tx()
            .prepare_cached(
                "SELECT b.name AS b_name, u.name AS u_name, h.room FROM residents r
                 JOIN households h ON h.id = r.household_id
                 LEFT JOIN places b ON b.id = h.building_id LEFT JOIN places u ON u.id = h.unit_id
                 WHERE r.community_id IS ?1 AND r.name = ?2 AND r.birth_date = ?3
                 AND r.deleted = 0 AND r.household_id IS NOT ?4 LIMIT 1",
            )?
            .query_row(
                params![id_text(scope.community), name, birth, household.to_string()],
                |r| Ok((r.get("b_name")?, r.get("u_name")?, r.get("room")?)),
            )
            .optional()?;
        if let Some((b, u, room)) = other {
            let address = crate::register::address_text(b.as_deref(), u.as_deref(), &room);
            self.warn(
                r,
                Said::new(msg::IMPORT_ALIKE_RESIDENT, args![address = address]),
            );
        }
        Ok(())
    }
}
