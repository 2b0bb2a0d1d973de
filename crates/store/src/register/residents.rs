//! Residents: adding and editing with validation and duplicate checks, moving out, revealing a
//! masked number (recorded), and the members of a household.

use linli_domain::register::{
    care_tags_and_party, check_household, validate_person_name, validate_relation, MemberFacts,
    PARTY_MEMBER,
};
use linli_domain::{date, DomainError, Gender, Id, Phone, ResidentId};
use linli_protocol::{
    AddResident, EditResident, MoveOutResident, Resident, ResidentFields, Reveal, RevealField,
};
use rusqlite::{params, OptionalExtension, Row};
use serde_json::{json, Value};

use super::households::mask_phone;
use super::{id_text, json_list, scope_at};
use crate::write::{RowWrite, Scope, Writer};
use crate::{Error, Result, Store};

const SELECT: &str =
    "SELECT id, household_id, name, gender, birth_date, id_number, phone, relation,
     care_tags, moved_in, moved_out, notes, party_member FROM residents";

/// A resident row by its named columns. A gender a newer Linli wrote is no known gender, with
/// its code kept beside it.
fn from_row(r: &Row<'_>) -> rusqlite::Result<Resident> {
    let gender: Option<String> = r.get("gender")?;
    let id_number: Option<String> = r.get("id_number")?;
    let phone: Option<String> = r.get("phone")?;
    let tags: String = r.get("care_tags")?;
    Ok(Resident {
        id: r.get("id")?,
        household_id: r.get("household_id")?,
        name: r.get("name")?,
        gender: gender.as_deref().and_then(Gender::from_code),
        gender_code: gender.filter(|g| Gender::from_code(g).is_none()),
        birth_date: r.get("birth_date")?,
        id_number_masked: id_number.as_deref().map(mask_id),
        phone_masked: phone.as_deref().map(mask_phone),
        relation: r.get("relation")?,
        care_tags: json_list(&tags),
        moved_in: r.get("moved_in")?,
        moved_out: r.get("moved_out")?,
        notes: r.get("notes")?,
        party_member: r.get("party_member")?,
    })
}

pub(crate) fn mask_id(s: &str) -> String {
    ResidentId::parse(s)
        .map(|i| i.mask())
        .unwrap_or_else(|_| "******************".into())
}

/// A resident's fields, checked, as they are written.
pub(crate) struct CleanResident {
    pub name: String,
    pub gender: Option<Gender>,
    pub birth_date: Option<String>,
    pub id_number: Option<String>,
    pub phone: Option<String>,
    pub relation: String,
    /// The care needs, and [`PARTY_MEMBER`] when the resident is one: [`resident_fields`] writes
    /// that apart, as the `party_member` flag (an import hands its tags over as read).
    pub care_tags: Vec<String>,
    pub moved_in: Option<String>,
    pub notes: String,
}

fn non_empty(s: &Option<String>) -> Option<&str> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// Checks every field; gender and birth date come from the ID number when left empty, and must
/// agree with it when given.
pub(crate) fn clean(f: &ResidentFields) -> Result<CleanResident> {
    let name = validate_person_name(&f.name)?;
    let relation = validate_relation(&f.relation)?;
    let id = non_empty(&f.id_number).map(ResidentId::parse).transpose()?;
    let phone = non_empty(&f.phone)
        .map(Phone::parse)
        .transpose()?
        .map(Phone::into_string);
    let mut birth = non_empty(&f.birth_date)
        .map(|d| date::validate("birth_date", d))
        .transpose()?;
    let mut gender = f.gender;
    if let Some(id) = &id {
        let (y, m, d) = id.birth_date();
        let from_id = format!("{y:04}-{m:02}-{d:02}");
        match &birth {
            Some(b) if *b != from_id => {
                return Err(DomainError::coded(
                    "birth_date",
                    linli_domain::msg::BIRTH_NOT_ID,
                    linli_domain::args![birth = b, from_id = from_id],
                )
                .into())
            }
            _ => birth = Some(from_id),
        }
        match gender {
            Some(g) if g != id.gender() => {
                return Err(DomainError::coded(
                    "gender",
                    linli_domain::msg::GENDER_NOT_ID,
                    linli_domain::args![gender = id.gender().code()],
                )
                .into())
            }
            _ => gender = Some(id.gender()),
        }
    }
    let moved_in = non_empty(&f.moved_in)
        .map(|d| date::validate("moved_in", d))
        .transpose()?;
    let notes = f.notes.trim().to_owned();
    if notes.chars().count() > 500 {
        return Err(DomainError::coded("notes", linli_domain::msg::NOTES_TOO_LONG, vec![]).into());
    }
    let (mut care_tags, party) = care_tags_and_party(&f.care_tags)?;
    if party || f.party_member {
        care_tags.push(PARTY_MEMBER.to_owned());
    }
    Ok(CleanResident {
        name,
        gender,
        birth_date: birth,
        id_number: id.map(ResidentId::into_string),
        phone,
        relation,
        care_tags,
        moved_in,
        notes,
    })
}

pub(crate) fn resident_fields(c: &CleanResident) -> Result<Vec<(&'static str, Value)>> {
    let needs: Vec<&String> = c.care_tags.iter().filter(|t| *t != PARTY_MEMBER).collect();
    let party = needs.len() < c.care_tags.len();
    Ok(vec![
        ("name", json!(c.name)),
        ("gender", json!(c.gender.map(Gender::code))),
        ("birth_date", json!(c.birth_date)),
        ("id_number", json!(c.id_number)),
        ("phone", json!(c.phone)),
        ("relation", json!(c.relation)),
        ("care_tags", json!(serde_json::to_string(&needs)?)),
        ("party_member", json!(party)),
        ("moved_in", json!(c.moved_in)),
        ("notes", json!(c.notes)),
    ])
}

/// Writes a new resident inside an open writer (the demo and imports use it directly).
pub(crate) fn insert_resident(
    w: &mut Writer<'_>,
    id: Id,
    household: Id,
    c: &CleanResident,
    scope: Scope,
) -> Result<()> {
    let mut fields = vec![
        ("household_id", json!(household.to_string())),
        ("community_id", json!(id_text(scope.community))),
    ];
    fields.extend(resident_fields(c)?);
    fields.push(("moved_out", Value::Null));
    fields.push(("deleted", json!(false)));
    w.write(RowWrite {
        table: "residents",
        row_id: id,
        fields,
        scope,
    })?;
    Ok(())
}

impl Store {
    pub fn resident(&self, id: Id) -> Result<Resident> {
        self.conn
            .prepare_cached(&format!("{SELECT} WHERE id = ?1 AND deleted = 0"))?
            .query_row([id.to_string()], from_row)
            .optional()?
            .ok_or(Error::NotFound {
                what: "居民",
                id: id.to_string(),
            })
    }

    /// The members of a household: the head first, then by birth date.
    pub fn members(&self, household: Id) -> Result<Vec<Resident>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "{SELECT} WHERE household_id = ?1 AND deleted = 0
             ORDER BY moved_out IS NOT NULL, relation != '户主', birth_date, name"
        ))?;
        let rows = stmt.query_map([household.to_string()], from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Refuses a second resident with the same ID number in the community, and warns (as a
    /// `PossibleDuplicate` the user may override) about the same name and birth date.
    pub(crate) fn check_duplicates(
        &self,
        community: Option<Id>,
        c: &CleanResident,
        except: Option<Id>,
        accept_possible: bool,
    ) -> Result<()> {
        let describe = |id: &str| -> Result<String> {
            let r = self.resident(id.parse()?)?;
            let h = self.household(r.household_id)?;
            Ok(format!("{}（{}）", r.name, h.address))
        };
        if let Some(number) = &c.id_number {
            let existing: Option<String> = self
                .conn
                .prepare_cached(
                    "SELECT id FROM residents WHERE community_id IS ?1 AND id_number = ?2
                     AND deleted = 0 AND id IS NOT ?3 LIMIT 1",
                )?
                .query_row(params![id_text(community), number, id_text(except)], |r| {
                    r.get(0)
                })
                .optional()?;
            if let Some(e) = existing {
                return Err(Error::conflict(
                    linli_domain::msg::ID_CARD_TAKEN,
                    linli_domain::args![id = mask_id(number), holder = describe(&e)?],
                ));
            }
        }
        if let (Some(birth), false) = (&c.birth_date, accept_possible) {
            let existing: Option<String> = self
                .conn
                .prepare_cached(
                    "SELECT id FROM residents WHERE community_id IS ?1 AND name = ?2
                     AND birth_date = ?3 AND deleted = 0 AND id IS NOT ?4 LIMIT 1",
                )?
                .query_row(
                    params![id_text(community), c.name, birth, id_text(except)],
                    |r| r.get(0),
                )
                .optional()?;
            if let Some(e) = existing {
                return Err(Error::possible_duplicate(
                    linli_domain::msg::POSSIBLE_DUPLICATE,
                    linli_domain::args![who = describe(&e)?],
                ));
            }
        }
        Ok(())
    }

    fn household_scope(&self, household: Id) -> Result<Scope> {
        let h = self.household(household)?;
        let building = h.building_id.ok_or(Error::NotFound {
            what: "楼栋",
            id: household.to_string(),
        })?;
        scope_at(&self.conn, building, h.unit_id)
    }

    /// The household-level checks (linli-domain's `check_household`) of a member as cleaned,
    /// against the household's other live members.
    fn check_in_household(
        &self,
        household: Id,
        c: &CleanResident,
        except: Option<Id>,
    ) -> Result<()> {
        let others: Vec<(String, String, Option<String>)> = self
            .conn
            .prepare_cached(
                "SELECT name, relation, birth_date FROM residents WHERE household_id = ?1
                 AND deleted = 0 AND moved_out IS NULL AND id IS NOT ?2",
            )?
            .query_map(params![household.to_string(), id_text(except)], |r| {
                Ok((r.get("name")?, r.get("relation")?, r.get("birth_date")?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        let others: Vec<MemberFacts<'_>> = others
            .iter()
            .map(|(name, relation, birth)| MemberFacts {
                name,
                relation,
                birth_date: birth.as_deref(),
            })
            .collect();
        let member = MemberFacts {
            name: &c.name,
            relation: &c.relation,
            birth_date: c.birth_date.as_deref(),
        };
        Ok(check_household(&member, &others, &self.now().today())?)
    }

    pub fn add_resident(&mut self, req: &AddResident) -> Result<Resident> {
        let c = clean(&req.fields)?;
        self.check_in_household(req.household_id, &c, None)?;
        let scope = self.household_scope(req.household_id)?;
        self.check_duplicates(
            scope.community,
            &c,
            None,
            req.fields.accept_possible_duplicate,
        )?;
        let id = self.next_id();
        let mut w = self.begin()?;
        insert_resident(&mut w, id, req.household_id, &c, scope)?;
        w.commit()?;
        self.resident(id)
    }

    pub fn edit_resident(&mut self, req: &EditResident) -> Result<Resident> {
        let current = self.resident(req.id)?;
        let (stored_id, stored_phone): (Option<String>, Option<String>) = self.conn.query_row(
            "SELECT id_number, phone FROM residents WHERE id = ?1",
            [req.id.to_string()],
            |r| Ok((r.get("id_number")?, r.get("phone")?)),
        )?;
        let mut f = req.fields.clone();
        // an empty number keeps the one on record (the form only ever holds it masked)
        if non_empty(&f.id_number).is_none() {
            f.id_number = stored_id;
        }
        if non_empty(&f.phone).is_none() {
            f.phone = stored_phone;
        }
        let c = clean(&f)?;
        let moved_out = match req.moved_out.as_deref().map(str::trim) {
            None => current.moved_out.clone(),
            Some("") => None,
            Some(day) => Some(date::validate("moved_out", day)?),
        };
        if let (Some(out), Some(moved_in)) = (&moved_out, &c.moved_in) {
            if out < moved_in {
                return Err(DomainError::coded(
                    "moved_out",
                    linli_domain::msg::MOVED_OUT_BEFORE_IN,
                    vec![],
                )
                .into());
            }
        }
        if moved_out.is_none() {
            self.check_in_household(current.household_id, &c, Some(req.id))?;
        }
        let scope = self.household_scope(current.household_id)?;
        self.check_duplicates(
            scope.community,
            &c,
            Some(req.id),
            f.accept_possible_duplicate,
        )?;
        let mut fields = resident_fields(&c)?;
        fields.push(("moved_out", json!(moved_out)));
        // a gender a newer Linli wrote stays as written unless a gender is chosen (the form has
        // none to show for it, and one read from the ID number is not a choice)
        if current.gender_code.is_some() && req.fields.gender.is_none() {
            fields.retain(|(name, _)| *name != "gender");
        }
        // only what differs is written: the journal and the history say what was changed
        let fields = self.changed_fields(req.id, fields)?;
        if fields.is_empty() {
            return Ok(current);
        }
        let mut w = self.begin()?;
        w.write(RowWrite {
            table: "residents",
            row_id: req.id,
            fields,
            scope,
        })?;
        w.commit()?;
        self.resident(req.id)
    }

    /// The fields whose value differs from the resident's row as stored.
    fn changed_fields(
        &self,
        id: Id,
        fields: Vec<(&'static str, Value)>,
    ) -> Result<Vec<(&'static str, Value)>> {
        let mut out = Vec::new();
        for (column, value) in fields {
            let stored: rusqlite::types::Value = self.conn.query_row(
                &format!("SELECT {column} FROM residents WHERE id = ?1"),
                [id.to_string()],
                |r| r.get(0),
            )?;
            let same = match (&stored, &value) {
                (rusqlite::types::Value::Null, Value::Null) => true,
                (rusqlite::types::Value::Text(a), Value::String(b)) => a == b,
                (rusqlite::types::Value::Integer(a), Value::Bool(b)) => (*a != 0) == *b,
                _ => false,
            };
            if !same {
                out.push((column, value));
            }
        }
        Ok(out)
    }

    pub fn move_out_resident(&mut self, req: &MoveOutResident) -> Result<Resident> {
        let r = self.resident(req.id)?;
        let day = date::validate("date", &req.date)?;
        let scope = self.household_scope(r.household_id)?;
        let mut w = self.begin()?;
        w.write(RowWrite {
            table: "residents",
            row_id: req.id,
            fields: vec![("moved_out", json!(day))],
            scope,
        })?;
        w.commit()?;
        self.resident(req.id)
    }

    /// The clear ID number or phone of a resident; records who revealed it and when.
    pub fn reveal(&mut self, req: &Reveal) -> Result<String> {
        // fields by role: a steward's or coordinator's laptop shows no number in clear
        self.refuse_withheld()?;
        let r = self.resident(req.resident_id)?;
        let (column, what) = match req.field {
            RevealField::IdNumber => ("id_number", "身份证号"),
            RevealField::Phone => ("phone", "电话"),
        };
        let value: Option<String> = self.conn.query_row(
            &format!("SELECT {column} FROM residents WHERE id = ?1"),
            [req.resident_id.to_string()],
            |row| row.get(0),
        )?;
        let value = value.ok_or_else(|| Error::NotFound {
            what,
            id: format!("{}（未登记）", r.name),
        })?;
        let scope = self.household_scope(r.household_id)?;
        let device = self.device_id();
        let author = self.author;
        let mut w = self.begin()?;
        let row_id = w.id();
        w.insert_fact(RowWrite {
            table: "reveals",
            row_id,
            fields: vec![
                ("resident_id", json!(req.resident_id.to_string())),
                ("field", json!(column)),
                ("at", json!(w.now().stamp())),
                ("device_id", json!(device.to_string())),
                ("author", json!(author.map(|a| a.to_string()))),
            ],
            scope,
        })?;
        w.commit()?;
        Ok(value)
    }
}
