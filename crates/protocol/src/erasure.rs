//! Erasure (issue 16 item 5, PIPL art. 19 and 47): the one list of a resident's personal fields,
//! the tombstones that replace them, and the redaction the server sends laptops in its log.
//!
//! `linli admin erase` and `linli admin purge` replace these fields in the server's log and
//! merged state; every row they rewrite is announced to laptops as a [`Redaction`], a change of
//! the pseudo-table [`REDACTIONS`] logged by the server under [`SERVER_DEVICE`] and pulled like
//! any other change (so a laptop offline for months still gets it when it pulls). A laptop never
//! stores it as a row: it rewrites the named row, its journal entries and its derived data
//! (`linli_store`'s `replica/redact.rs`). See `docs/privacy.md`, "Erasure and retention".

use std::collections::{BTreeMap, BTreeSet};

use linli_domain::Id;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::sync::Change;

/// The table name of a redaction in the server's log. Not a synced table: a laptop pushing one is
/// refused (`invalid`), and a laptop pulling one applies it instead of storing it.
pub const REDACTIONS: &str = "redactions";

/// The device id under which the server logs its own redactions (device sequence = server
/// sequence). No laptop is ever given this id.
pub const SERVER_DEVICE: Id = Id::from_uuid(linli_domain::id::Uuid::from_u128(
    0x0000_0000_0000_7000_8000_0000_0000_0e5e,
));

/// What replaces an erased name (`residents.name` and `volunteers.name` may not be empty).
pub const ERASED_NAME: &str = "已删除";

/// A resident's personal fields and the tombstone each gets. `relation` (户主, 配偶…), the
/// household, `moved_in`, `moved_out` and `deleted` stay: they describe the household and the
/// retention period, not the person.
pub const RESIDENT_FIELDS: &[(&str, Tomb)] = &[
    ("name", Tomb::Name),
    ("gender", Tomb::Null),
    ("birth_date", Tomb::Null),
    ("id_number", Tomb::Null),
    ("phone", Tomb::Null),
    ("care_tags", Tomb::EmptyList),
    ("notes", Tomb::Empty),
    ("party_member", Tomb::Zero),
];

/// A volunteer who is an erased resident (`volunteers.resident_id`): the copies of the person's
/// name and phone on the volunteer's row.
pub const VOLUNTEER_FIELDS: &[(&str, Tomb)] = &[("name", Tomb::Name), ("phone", Tomb::Null)];

/// A party member's record of such a volunteer (`party_members.volunteer_id`): the employer and
/// the pledges.
pub const PARTY_MEMBER_FIELDS: &[(&str, Tomb)] =
    &[("work_unit", Tomb::Empty), ("pledges", Tomb::EmptyList)];

/// A party of a mediation case (`mediation_parties`): an outsider's own details, erased when
/// asked (`linli admin erase --party`), or what a resident party's row holds besides the link
/// (its unit), erased with the resident. A resident party's name, phone and address are read from
/// the register, so they go with the resident's own row.
pub const MEDIATION_PARTY_FIELDS: &[(&str, Tomb)] = &[
    ("name", Tomb::Name),
    ("gender", Tomb::Null),
    ("age", Tomb::Null),
    ("phone", Tomb::Empty),
    ("address", Tomb::Empty),
    ("unit", Tomb::Empty),
];

/// The personal fields of a linked row of `table` (none for a table not listed).
pub fn linked_fields(table: &str) -> &'static [(&'static str, Tomb)] {
    match table {
        "residents" => RESIDENT_FIELDS,
        "volunteers" => VOLUNTEER_FIELDS,
        "party_members" => PARTY_MEMBER_FIELDS,
        "mediation_parties" => MEDIATION_PARTY_FIELDS,
        _ => &[],
    }
}

/// The keys of a visit's `member_updates` record about an erased resident and their tombstones
/// (the record keeps `resident_id` and `moved_out`): the copy of the name, the (masked) phone,
/// the care tags and the note.
pub const MEMBER_UPDATE_KEYS: &[(&str, Tomb)] = &[
    ("name", Tomb::Name),
    ("phone", Tomb::Null),
    ("care_tags", Tomb::Null),
    ("note", Tomb::Null),
];

/// A tombstone: what an erased field is set to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tomb {
    Null,
    Empty,
    EmptyList,
    Zero,
    Name,
}

impl Tomb {
    /// Whether `v` is this tombstone already (`false` is the zero of a flag).
    pub fn is(self, v: &Value) -> bool {
        *v == self.value() || (self == Tomb::Zero && *v == Value::Bool(false))
    }

    pub fn value(self) -> Value {
        match self {
            Tomb::Null => Value::Null,
            Tomb::Empty => Value::String(String::new()),
            Tomb::EmptyList => Value::String("[]".into()),
            Tomb::Zero => Value::from(0),
            Tomb::Name => Value::String(ERASED_NAME.into()),
        }
    }
}

/// Which rows of a table hold an erased resident's personal values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Holder {
    /// The resident's own row, a volunteer row linked to the resident, or that volunteer's party
    /// member record.
    Linked,
    /// Any other row: only a visit's `member_updates` naming an erased resident is rewritten.
    Other,
}

/// Rewrites `fields` (a change's, or a row's merged fields) of a row of `table` so that no
/// personal value of the residents in `erased` is left: the personal fields of a linked row get
/// their tombstones, and a visit's `member_updates` records about an erased resident lose
/// [`MEMBER_UPDATE_KEYS`]. Only fields present are touched. Answers the fields it changed.
pub fn redact_fields(
    table: &str,
    holder: Holder,
    erased: &BTreeSet<Id>,
    fields: &mut BTreeMap<String, Value>,
) -> Vec<String> {
    let mut changed = Vec::new();
    let list = match holder {
        Holder::Linked => linked_fields(table),
        Holder::Other => &[],
    };
    for (field, tomb) in list {
        if let Some(v) = fields.get_mut(*field) {
            let t = tomb.value();
            if !tomb.is(v) {
                *v = t;
                changed.push((*field).to_owned());
            }
        }
    }
    if table == "visits" {
        if let Some(Value::String(text)) = fields.get_mut("member_updates") {
            if let Some(new) = redact_member_updates(text, erased) {
                *text = new;
                changed.push("member_updates".to_owned());
            }
        }
    }
    changed
}

/// The residents a visit's `member_updates` text names.
pub fn member_update_residents(text: &str) -> Vec<Id> {
    match serde_json::from_str::<Vec<Value>>(text) {
        Ok(records) => records
            .iter()
            .filter_map(|r| r.get("resident_id")?.as_str()?.parse().ok())
            .collect(),
        Err(_) => Vec::new(),
    }
}

/// `member_updates` (a JSON array as text) without the personal keys of its records about
/// erased residents; `None` when nothing changes.
fn redact_member_updates(text: &str, erased: &BTreeSet<Id>) -> Option<String> {
    let mut records: Vec<Value> = serde_json::from_str(text).ok()?;
    let mut changed = false;
    for r in &mut records {
        let about_erased = r
            .get("resident_id")
            .and_then(Value::as_str)
            .and_then(|s| s.parse::<Id>().ok())
            .is_some_and(|id| erased.contains(&id));
        let Some(obj) = r.as_object_mut().filter(|_| about_erased) else {
            continue;
        };
        for (key, tomb) in MEMBER_UPDATE_KEYS {
            let t = tomb.value();
            if obj.get(*key).is_some_and(|v| !v.is_null() && !tomb.is(v)) {
                obj.insert((*key).to_owned(), t);
                changed = true;
            }
        }
    }
    changed.then(|| serde_json::to_string(&records).unwrap_or_else(|_| text.to_owned()))
}

/// A redaction as a laptop receives it: set these fields of this row, in the row, its journal
/// entries and anything derived from it. Carried in the `fields` of a [`REDACTIONS`] change.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Redaction {
    pub table: String,
    pub row_id: Id,
    /// The erased fields and their tombstones (a visit's rewritten `member_updates`).
    pub set: BTreeMap<String, Value>,
}

impl Redaction {
    /// The change's fields carrying this redaction.
    pub fn to_fields(&self) -> BTreeMap<String, Value> {
        match serde_json::to_value(self) {
            Ok(Value::Object(m)) => m.into_iter().collect(),
            _ => BTreeMap::new(),
        }
    }

    /// The redaction a pulled change carries, if it is one: `Some(Err)` for a redaction this
    /// laptop cannot read.
    pub fn of(c: &Change) -> Option<Result<Redaction, String>> {
        if c.table != REDACTIONS {
            return None;
        }
        let value = Value::Object(c.fields.clone().into_iter().collect());
        Some(serde_json::from_value(value).map_err(|e| e.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_linked_resident_loses_every_personal_field_present_and_nothing_else() {
        let mut f: BTreeMap<String, Value> = serde_json::from_value(json!({
            "name": "张三", "id_number": "11010519491231002X", "phone": "13800138000",
            "relation": "户主", "moved_out": "2020-01-01", "care_tags": "[\"低保\"]",
        }))
        .unwrap();
        let changed = redact_fields("residents", Holder::Linked, &BTreeSet::new(), &mut f);
        assert_eq!(changed, ["name", "id_number", "phone", "care_tags"]);
        assert_eq!(f["name"], json!(ERASED_NAME));
        assert_eq!(f["id_number"], Value::Null);
        assert_eq!(f["relation"], json!("户主"));
        assert_eq!(f["moved_out"], json!("2020-01-01"));
        assert!(!f.contains_key("gender"));
        // a second time: nothing left to change
        assert!(redact_fields("residents", Holder::Linked, &BTreeSet::new(), &mut f).is_empty());
        // another resident's row is not touched
        let mut other: BTreeMap<String, Value> =
            serde_json::from_value(json!({"name": "李四"})).unwrap();
        assert!(redact_fields("residents", Holder::Other, &BTreeSet::new(), &mut other).is_empty());
    }

    #[test]
    fn a_visit_forgets_what_it_said_about_an_erased_member_only() {
        let (gone, kept) = (Id::new(), Id::new());
        let text = serde_json::to_string(&json!([
            {"resident_id": gone.to_string(), "name": "张三", "phone": "138****8000", "note": "住院", "moved_out": null},
            {"resident_id": kept.to_string(), "phone": "13900139000"},
        ]))
        .unwrap();
        let mut f = BTreeMap::from([("member_updates".to_owned(), json!(text))]);
        let erased = BTreeSet::from([gone]);
        assert_eq!(
            redact_fields("visits", Holder::Other, &erased, &mut f),
            ["member_updates"]
        );
        let now = f["member_updates"].as_str().unwrap();
        assert!(
            !now.contains("13800138000") && !now.contains("住院"),
            "{now}"
        );
        assert!(now.contains("13900139000"), "{now}");
        assert_eq!(member_update_residents(now), [gone, kept]);
    }

    #[test]
    fn a_redaction_travels_in_a_change_and_reads_back() {
        let r = Redaction {
            table: "residents".into(),
            row_id: Id::new(),
            set: BTreeMap::from([("phone".to_owned(), Value::Null)]),
        };
        let c = Change {
            change_id: Id::new(),
            device_id: SERVER_DEVICE,
            device_seq: 9,
            hlc: linli_domain::Hlc::new(1, 0),
            author: None,
            scope_community: None,
            scope_grid: None,
            scope_place: None,
            table: REDACTIONS.into(),
            row_id: Id::new(),
            fields: r.to_fields(),
        };
        assert_eq!(Redaction::of(&c), Some(Ok(r)));
        let mut not = c.clone();
        not.table = "residents".into();
        assert_eq!(Redaction::of(&not), None);
    }
}
