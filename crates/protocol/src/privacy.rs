//! Fields by role (issue 16, item 2): the one policy saying which synced fields each
//! [`Role`] may read. The server applies it to everything it sends a device (pull pages,
//! exports); the laptop and the window read it to show "无权查看" where a field is withheld.
//!
//! - **Administrators and grid workers** (staff of the station) read everything, as before.
//! - **Stewards** (楼栋长/楼道长, volunteers) and **coordinators** (志愿者协调员, who run the
//!   volunteer desk, not residents' care) are *restricted*: they never receive a resident's ID
//!   number (`residents.id_number`), a resident's or a household's phone (`residents.phone`,
//!   `households.phone`: withheld whole, not masked), or a sensitive care tag
//!   ([`SENSITIVE_CARE_TAGS`]: taken out of `residents.care_tags` and out of the care tags and
//!   phones a visit's `member_updates` records), nor an outside patrol member's phone
//!   (`patrol_members.phone`, docs/patrols.md). They may still *write* such a field (a phone
//!   told at the door): the server accepts it and the sighted users receive it (write-only).
//!   When a restricted user writes `residents.care_tags`, the server keeps the sensitive tags
//!   the row already holds ([`keep_withheld_tags`]): what they could not see, they cannot erase.
//! - **The reveal log** (`reveals`: who saw which full number) reaches administrators only.
//! - **Mediation cases are sensitive by default** (issue 20): only roles holding the mediation
//!   grant ([`MEDIATION_GRANT`]: administrators and grid workers) receive a case's parties
//!   ([`MEDIATION_WITHHELD`]: who they are and how to reach them) and what its case file records
//!   ([`MEDIATION_BLANKED`]: a fact's texts, sent empty, as a fact is inserted whole). Others
//!   still receive that a case exists, its number, type, source, dates and stages.
//! - **Who proposed a council topic or made a suggestion** (issue 20, [`COUNCIL_WITHHELD`]) is
//!   withheld from restricted roles, as the register's phones are; the topic and the suggestion
//!   reach them.
//! - **Children in programmes are the most sensitive of all** (issue 25): only roles holding
//!   the programme grant ([`PROGRAMME_GRANT`]: administrators and the coordinators who staff
//!   the programmes) receive which resident a child is, their guardians and how to reach them
//!   ([`PROGRAMME_WITHHELD`]), and who collected a child ([`PROGRAMME_BLANKED`], sent empty).
//!   Others still receive that an enrolment exists, its state and the days attended: counts.
//!
//! A withheld field is left out of a change, never sent as `null`: the laptop merges a change
//! field by field, so a missing field keeps whatever the laptop holds and its version.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::sync::{Change, Role};

/// Fields no restricted role receives, as (table, field).
pub const WITHHELD_FIELDS: &[(&str, &str)] = &[
    ("residents", "id_number"),
    ("residents", "phone"),
    ("households", "phone"),
    // an outside patrol member's phone (the police officer's, a guard's: issue 25, docs/patrols.md)
    ("patrol_members", "phone"),
    // a service point's contact (服务圈, docs/circle.md)
    ("circle_points", "contact_phone"),
];

/// Fields of the council registers no restricted role receives (who proposed a topic or made a
/// suggestion), as (table, field): issue 20, docs/councils.md. The topic or suggestion itself
/// still reaches them.
pub const COUNCIL_WITHHELD: &[(&str, &str)] = &[
    ("council_topics", "proposer_household_id"),
    ("council_topics", "proposer_name"),
    ("council_suggestions", "household_id"),
    ("council_suggestions", "name"),
];

/// Care tags that say something about a resident's health, money or a child left alone
/// (PIPL's sensitive personal information): restricted roles never receive them. The others
/// (独居老人, 空巢老人, 高龄老人, 退役军人) stay visible: stewards visit for them.
pub const SENSITIVE_CARE_TAGS: &[&str] = &["低保", "特困", "残疾", "留守儿童", "重病", "失业"];

/// Tables only administrators receive.
pub const ADMIN_ONLY_TABLES: &[&str] = &["reveals"];

/// Roles holding the mediation grant: they read mediation cases' parties and records.
pub const MEDIATION_GRANT: &[Role] = &[Role::Admin, Role::GridWorker];

/// Fields of the mediation register no role without the grant receives, as (table, field).
pub const MEDIATION_WITHHELD: &[(&str, &str)] = &[
    ("mediation_cases", "brief"),
    ("mediation_parties", "resident_id"),
    ("mediation_parties", "name"),
    ("mediation_parties", "gender"),
    ("mediation_parties", "age"),
    ("mediation_parties", "phone"),
    ("mediation_parties", "address"),
    ("mediation_parties", "unit"),
];

/// The texts of a case file's stages (`mediation_events`), sent empty without the grant.
pub const MEDIATION_BLANKED: &[&str] = &["present", "text", "carry_how", "carry_where", "risks"];

/// Roles holding the programme grant: they read the children enrolled, their guardians and who
/// collected them. A laptop of such a role still withholds them from a worker who is neither an
/// administrator nor on the programme's staff (docs/programmes.md).
pub const PROGRAMME_GRANT: &[Role] = &[Role::Admin, Role::Coordinator];

/// Fields of the programmes no role without the grant receives, as (table, field).
pub const PROGRAMME_WITHHELD: &[(&str, &str)] = &[
    ("programme_enrolments", "resident_id"),
    ("programme_enrolments", "guardians"),
    ("programme_enrolments", "note"),
];

/// Who collected a child and why (`programme_attendance`), sent empty without the grant.
pub const PROGRAMME_BLANKED: &[&str] = &["collector_name", "reason"];

/// Whether `role` holds the programme grant.
pub fn has_programme_grant(role: Role) -> bool {
    PROGRAMME_GRANT.contains(&role)
}

/// Whether `role` holds the mediation grant.
pub fn has_mediation_grant(role: Role) -> bool {
    MEDIATION_GRANT.contains(&role)
}

/// Whether `role` is restricted: it reads no ID number, full phone or sensitive care tag.
pub fn restricted(role: Role) -> bool {
    matches!(role, Role::Steward | Role::Coordinator)
}

/// Whether `role` may read `field` of `table` at all.
pub fn may_read(role: Role, table: &str, field: &str) -> bool {
    !(restricted(role)
        && (WITHHELD_FIELDS.contains(&(table, field))
            || COUNCIL_WITHHELD.contains(&(table, field))))
        && (has_mediation_grant(role) || !MEDIATION_WITHHELD.contains(&(table, field)))
        && (has_programme_grant(role) || !PROGRAMME_WITHHELD.contains(&(table, field)))
}

/// Whether `role` receives the rows of `table` at all.
pub fn may_read_table(role: Role, table: &str) -> bool {
    role == Role::Admin || !ADMIN_ONLY_TABLES.contains(&table)
}

/// Whether `role` needs the changes of `table` rewritten before they are sent: only then does
/// the server parse and redact a change body.
pub fn redacts(role: Role, table: &str) -> bool {
    (restricted(role)
        && matches!(
            table,
            "residents"
                | "households"
                | "visits"
                | "council_topics"
                | "council_suggestions"
                | "patrol_members"
                | "circle_points"
        ))
        || (!has_mediation_grant(role)
            && matches!(
                table,
                "mediation_cases" | "mediation_parties" | "mediation_events"
            ))
        || (!has_programme_grant(role)
            && matches!(table, "programme_enrolments" | "programme_attendance"))
}

/// Whether a care tag is sensitive.
pub fn sensitive_tag(tag: &str) -> bool {
    SENSITIVE_CARE_TAGS.contains(&tag.trim())
}

/// A `care_tags` value (a JSON list as text) without its sensitive tags; a value that is not
/// such a list is withheld whole (answered `None`).
fn visible_tags_text(text: &str) -> Option<String> {
    let tags: Vec<String> = serde_json::from_str(text).ok()?;
    let kept: Vec<&String> = tags.iter().filter(|t| !sensitive_tag(t)).collect();
    serde_json::to_string(&kept).ok()
}

/// Takes out of `fields` (a row or a change of `table`) what `role` may not read. Answers
/// whether anything is left.
pub fn redact_fields(role: Role, table: &str, fields: &mut BTreeMap<String, Value>) -> bool {
    if !restricted(role) && has_mediation_grant(role) && has_programme_grant(role) {
        return true;
    }
    fields.retain(|f, _| may_read(role, table, f));
    if table == "mediation_events" && !has_mediation_grant(role) {
        for f in MEDIATION_BLANKED {
            if let Some(v) = fields.get_mut(*f) {
                *v = Value::String(String::new());
            }
        }
    }
    if table == "programme_attendance" && !has_programme_grant(role) {
        for f in PROGRAMME_BLANKED {
            if let Some(v) = fields.get_mut(*f) {
                *v = Value::String(String::new());
            }
        }
    }
    match table {
        "residents" => {
            if let Some(v) = fields.get_mut("care_tags") {
                match v.as_str().map(visible_tags_text) {
                    Some(Some(kept)) => *v = Value::String(kept),
                    // null, or not a list: unknown to this role
                    Some(None) => {
                        fields.remove("care_tags");
                    }
                    None => {}
                }
            }
        }
        "visits" => {
            if let Some(v) = fields.get_mut("member_updates") {
                if let Some(text) = v.as_str() {
                    *v = Value::String(visible_member_updates(text));
                }
            }
        }
        _ => {}
    }
    !fields.is_empty()
}

/// A visit's `member_updates` (a JSON list of objects, as text) without phones, ID numbers
/// and sensitive care tags; text that is not such a list becomes an empty list.
fn visible_member_updates(text: &str) -> String {
    let Ok(mut updates) = serde_json::from_str::<Vec<serde_json::Map<String, Value>>>(text) else {
        return "[]".to_owned();
    };
    for u in &mut updates {
        u.remove("phone");
        u.remove("id_number");
        if let Some(Value::Array(tags)) = u.get_mut("care_tags") {
            tags.retain(|t| !t.as_str().is_some_and(sensitive_tag));
        }
    }
    serde_json::to_string(&updates).unwrap_or_else(|_| "[]".to_owned())
}

/// A change as a device of `role` may receive it: `None` when it must not receive the change
/// at all (a table it may not read, or nothing left once the withheld fields are out).
pub fn redact(role: Role, mut change: Change) -> Option<Change> {
    if !may_read_table(role, &change.table) {
        return None;
    }
    if redacts(role, &change.table) && !redact_fields(role, &change.table, &mut change.fields) {
        return None;
    }
    Some(change)
}

/// The `residents.care_tags` value the server keeps when a restricted user writes `pushed`
/// over `stored` (both JSON lists as text): the pushed tags, then the sensitive tags the row
/// held, which that user never saw and so cannot mean to remove. A pushed value that is not a
/// list is kept as it is (the server's checks refuse what is malformed).
pub fn keep_withheld_tags(pushed: &str, stored: Option<&str>) -> String {
    let Ok(mut tags) = serde_json::from_str::<Vec<String>>(pushed) else {
        return pushed.to_owned();
    };
    let held: Vec<String> = stored
        .and_then(|s| serde_json::from_str::<Vec<String>>(s).ok())
        .unwrap_or_default();
    let before = tags.len();
    for t in held {
        if sensitive_tag(&t) && !tags.contains(&t) {
            tags.push(t);
        }
    }
    if tags.len() == before {
        return pushed.to_owned();
    }
    serde_json::to_string(&tags).unwrap_or_else(|_| pushed.to_owned())
}

#[cfg(test)]
mod tests {
    use linli_domain::{Hlc, Id};
    use serde_json::json;

    use super::*;

    fn change(table: &str, fields: Value) -> Change {
        Change {
            change_id: Id::new(),
            device_id: Id::new(),
            device_seq: 1,
            hlc: Hlc::new(1, 0),
            author: None,
            scope_community: None,
            scope_grid: None,
            scope_place: None,
            table: table.into(),
            row_id: Id::new(),
            fields: serde_json::from_value(fields).unwrap(),
        }
    }

    #[test]
    fn staff_read_everything_volunteers_do_not() {
        for role in [Role::Admin, Role::GridWorker] {
            assert!(!restricted(role));
            assert!(may_read(role, "residents", "id_number"));
            assert!(may_read(role, "households", "phone"));
        }
        for role in [Role::Steward, Role::Coordinator] {
            assert!(restricted(role));
            assert!(!may_read(role, "residents", "id_number"));
            assert!(!may_read(role, "residents", "phone"));
            assert!(!may_read(role, "households", "phone"));
            assert!(may_read(role, "residents", "name"));
            assert!(may_read(role, "people", "phone"));
        }
        assert!(may_read_table(Role::Admin, "reveals"));
        for role in [Role::GridWorker, Role::Steward, Role::Coordinator] {
            assert!(!may_read_table(role, "reveals"));
            assert!(may_read_table(role, "residents"));
        }
    }

    #[test]
    fn a_stewards_change_lacks_numbers_and_sensitive_tags() {
        let c = change(
            "residents",
            json!({"name": "张三", "id_number": "110101199003071234", "phone": "13812345678",
                   "care_tags": "[\"低保\",\"独居老人\",\"残疾\"]"}),
        );
        let full = redact(Role::GridWorker, c.clone()).unwrap();
        assert_eq!(full, c);
        let r = redact(Role::Steward, c).unwrap();
        assert_eq!(r.fields.len(), 2);
        assert_eq!(r.fields["name"], json!("张三"));
        assert_eq!(r.fields["care_tags"], json!("[\"独居老人\"]"));
        // a change of nothing but a phone is not sent at all
        let c = change("households", json!({"phone": "13812345678"}));
        assert_eq!(redact(Role::Coordinator, c), None);
        let c = change("reveals", json!({"resident_id": "x"}));
        assert_eq!(redact(Role::GridWorker, c.clone()), None);
        assert!(redact(Role::Admin, c).is_some());
    }

    #[test]
    fn an_outside_patrol_members_phone_reaches_staff_only() {
        let c = change(
            "patrol_members",
            json!({"name": "李警官", "phone": "13812345678", "role": "police"}),
        );
        assert_eq!(redact(Role::GridWorker, c.clone()).unwrap(), c);
        for role in [Role::Steward, Role::Coordinator] {
            let r = redact(role, c.clone()).unwrap();
            assert_eq!(r.fields.len(), 2);
            assert!(!r.fields.contains_key("phone"));
        }
    }

    #[test]
    fn a_visits_member_updates_lose_phones_and_sensitive_tags() {
        let c = change(
            "visits",
            json!({"member_updates": "[{\"name\":\"张三\",\"phone\":\"138****5678\",\"care_tags\":[\"重病\",\"独居老人\"]}]"}),
        );
        let r = redact(Role::Steward, c).unwrap();
        let u: Value = serde_json::from_str(r.fields["member_updates"].as_str().unwrap()).unwrap();
        assert_eq!(u, json!([{"name": "张三", "care_tags": ["独居老人"]}]));
    }

    #[test]
    fn a_mediation_case_reaches_roles_without_the_grant_without_its_parties_or_records() {
        for role in [Role::Admin, Role::GridWorker] {
            let c = change(
                "mediation_parties",
                json!({"name": "王秀英", "side": "applicant"}),
            );
            assert_eq!(redact(role, c.clone()), Some(c));
        }
        for role in [Role::Steward, Role::Coordinator] {
            assert!(!has_mediation_grant(role));
            let c = change(
                "mediation_parties",
                json!({"case_id": "c", "side": "applicant", "name": "王秀英", "phone": "13812345678"}),
            );
            let r = redact(role, c).unwrap();
            assert_eq!(r.fields.keys().collect::<Vec<_>>(), ["case_id", "side"]);
            let c = change(
                "mediation_events",
                json!({"kind": "session", "text": "双方陈述", "present": "王秀英", "date": "2026-03-02"}),
            );
            let r = redact(role, c).unwrap();
            assert_eq!(r.fields["text"], json!(""));
            assert_eq!(r.fields["present"], json!(""));
            assert_eq!(r.fields["date"], json!("2026-03-02"));
            let c = change("mediation_cases", json!({"brief": "漏水"}));
            assert_eq!(redact(role, c), None);
        }
    }

    #[test]
    fn a_suggestion_reaches_restricted_roles_without_who_made_it() {
        let c = change(
            "council_suggestions",
            json!({"text": "加装路灯", "name": "王秀英", "household_id": "h"}),
        );
        assert_eq!(redact(Role::GridWorker, c.clone()), Some(c.clone()));
        let r = redact(Role::Steward, c).unwrap();
        assert_eq!(r.fields.keys().collect::<Vec<_>>(), ["text"]);
        let c = change(
            "council_topics",
            json!({"title": "停车", "proposer_name": "王秀英"}),
        );
        let r = redact(Role::Coordinator, c).unwrap();
        assert_eq!(r.fields.keys().collect::<Vec<_>>(), ["title"]);
    }

    #[test]
    fn a_child_reaches_roles_without_the_programme_grant_as_a_count_only() {
        for role in [Role::Admin, Role::Coordinator] {
            assert!(has_programme_grant(role));
        }
        let c = change(
            "programme_enrolments",
            json!({"programme_id": "p", "state": "enrolled", "resident_id": "r", "guardians": "[]"}),
        );
        assert_eq!(redact(Role::Admin, c.clone()), Some(c.clone()));
        for role in [Role::GridWorker, Role::Steward] {
            assert!(!has_programme_grant(role));
            let r = redact(role, c.clone()).unwrap();
            assert_eq!(
                r.fields.keys().collect::<Vec<_>>(),
                ["programme_id", "state"]
            );
            let a = change(
                "programme_attendance",
                json!({"kind": "out", "date": "2026-03-02", "collector_name": "李娜", "reason": "加班"}),
            );
            let r = redact(role, a).unwrap();
            assert_eq!(r.fields["collector_name"], json!(""));
            assert_eq!(r.fields["reason"], json!(""));
            assert_eq!(r.fields["date"], json!("2026-03-02"));
        }
    }

    #[test]
    fn a_restricted_write_keeps_the_sensitive_tags_it_could_not_see() {
        let kept = keep_withheld_tags("[\"独居老人\"]", Some("[\"低保\",\"空巢老人\"]"));
        assert_eq!(kept, "[\"独居老人\",\"低保\"]");
        assert_eq!(keep_withheld_tags("[\"残疾\"]", None), "[\"残疾\"]");
        assert_eq!(keep_withheld_tags("[]", Some("[\"残疾\"]")), "[\"残疾\"]");
        assert_eq!(
            keep_withheld_tags("not json", Some("[\"残疾\"]")),
            "not json"
        );
    }
}
