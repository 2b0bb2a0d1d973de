//! The household's history: its journal entries and its members', newest first, each field with
//! its label in the user's language (ID numbers and phones come masked from the store).

use std::collections::HashMap;

use linli_domain::register::ResidenceStatus;
use linli_domain::{Gender, Id};
use linli_protocol::HistoryEntry;
use serde_json::Value;
use yew::prelude::*;

use crate::clock::format_ms;
use crate::hooks::use_texts;
use crate::i18n::Texts;

/// Whether the entry made the row (its first write carries `deleted: false`).
pub fn is_creation(e: &HistoryEntry) -> bool {
    e.fields.get("deleted") == Some(&Value::Bool(false))
}

fn is_blank(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::String(s) => s.is_empty() || s == "[]",
        _ => false,
    }
}

/// One change as lines of (label, value); fields without a label (ids, bookkeeping) are left out,
/// and so are the empty fields of a new row (a change that empties a field still shows).
pub fn lines(t: &Texts, e: &HistoryEntry) -> Vec<(&'static str, String)> {
    let creation = is_creation(e);
    e.fields
        .iter()
        .filter(|(_, value)| !(creation && is_blank(value)))
        .filter_map(|(field, value)| {
            let label = (t.field_label)(field)?;
            Some((label, value_text(t, field, value)))
        })
        .collect()
}

fn value_text(t: &Texts, field: &str, value: &Value) -> String {
    match value {
        Value::Null => t.empty_value.to_owned(),
        Value::Bool(b) => if *b { t.yes } else { t.no }.to_owned(),
        Value::String(s) => match field {
            "residence_status" => ResidenceStatus::from_code(s)
                .map(|r| (t.status_label)(r).to_owned())
                .unwrap_or_else(|| (t.unknown_code)(s)),
            "gender" => Gender::from_code(s)
                .map(|g| (t.gender_label)(g).to_owned())
                .unwrap_or_else(|| (t.unknown_code)(s)),
            // lists travel as JSON text
            "tags" | "care_tags" => match serde_json::from_str::<Vec<String>>(s) {
                Ok(list) if list.is_empty() => t.empty_value.to_owned(),
                Ok(list) if field == "care_tags" => list
                    .iter()
                    .map(|c| (t.resident.care_tag)(c))
                    .collect::<Vec<_>>()
                    .join(t.resident.sep),
                Ok(list) => list.join(t.resident.sep),
                Err(_) => s.clone(),
            },
            "relation" => (t.resident.relation)(s).to_owned(),
            "" => t.empty_value.to_owned(),
            _ if s.is_empty() => t.empty_value.to_owned(),
            _ => s.clone(),
        },
        other => other.to_string(),
    }
}

#[derive(Properties, PartialEq)]
pub struct Props {
    pub entries: Vec<HistoryEntry>,
    /// Member names by resident id, to say whose entry it is.
    pub names: HashMap<Id, String>,
}

#[function_component(History)]
pub fn history(props: &Props) -> Html {
    let t = use_texts();
    html! {
        <div class="panel" id="household-history">
            <h2 class="panel-title">{t.history}</h2>
            if props.entries.is_empty() {
                <p class="empty">{t.no_history}</p>
            } else {
                <ol class="history">
                { for props.entries.iter().map(|e| {
                    let who = if e.table == "households" {
                        t.the_household.to_owned()
                    } else {
                        props.names.get(&e.row_id).cloned().unwrap_or_else(|| t.a_member.to_owned())
                    };
                    html! {
                        <li class="history-entry">
                            <div class="history-head">
                                <span class="mono muted">{format_ms(e.at_ms)}</span>
                                <span class="history-who">{who}</span>
                                <span class="chip">{if is_creation(e) { t.history_created } else { t.history_changed }}</span>
                            </div>
                            <dl class="history-fields">
                            { for lines(t, e).into_iter().map(|(label, value)| html! {
                                <><dt>{label}</dt><dd>{value}</dd></>
                            }) }
                            </dl>
                        </li>
                    }
                }) }
                </ol>
            }
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use serde_json::json;

    #[test]
    fn fields_read_in_words_and_ids_are_left_out() {
        let e: HistoryEntry = serde_json::from_value(json!({
            "at_ms": 0, "table": "residents",
            "row_id": "019b76da-b6e7-7bbd-88f8-b5a7162a0ee7",
            "device_id": "019b76da-b6e7-7bbd-88f8-b5a7162a0ee7", "author": null,
            "fields": {
                "household_id": "019b76da-b6e7-7bbd-88f8-b5a7162a0ee7",
                "name": "方秀兰", "gender": "female", "care_tags": "[\"低保\",\"党员\"]",
                "id_number": "3501**********4630", "moved_out": null, "deleted": false,
                "notes": ""
            }
        }))
        .unwrap();
        assert!(is_creation(&e));
        let zh = lines(Lang::Zh.texts(), &e);
        assert_eq!(
            zh,
            [
                ("关怀标签", "低保、党员".to_owned()),
                ("性别", "女".to_owned()),
                ("身份证号", "3501**********4630".to_owned()),
                ("姓名", "方秀兰".to_owned()),
            ],
            "a new row: its empty fields are left out"
        );
        let en = lines(Lang::En.texts(), &e);
        assert_eq!(en[1], ("Gender", "Female".to_owned()));
        assert_eq!(
            en[0].1, "Minimum living allowance, Party member",
            "care tags in English"
        );
    }

    #[test]
    fn a_relation_reads_in_english() {
        let e: HistoryEntry = serde_json::from_value(json!({
            "at_ms": 0, "table": "residents",
            "row_id": "019b76da-b6e7-7bbd-88f8-b5a7162a0ee7",
            "device_id": "019b76da-b6e7-7bbd-88f8-b5a7162a0ee7", "author": null,
            "fields": { "relation": "配偶" }
        }))
        .unwrap();
        assert_eq!(lines(Lang::En.texts(), &e)[0].1, "Spouse");
        assert_eq!(lines(Lang::Zh.texts(), &e)[0].1, "配偶");
    }

    #[test]
    fn a_change_that_empties_a_field_shows_it() {
        let e: HistoryEntry = serde_json::from_value(json!({
            "at_ms": 0, "table": "households",
            "row_id": "019b76da-b6e7-7bbd-88f8-b5a7162a0ee7",
            "device_id": "019b76da-b6e7-7bbd-88f8-b5a7162a0ee7", "author": null,
            "fields": { "notes": "", "floating": true, "residence_status": "registered_elsewhere" }
        }))
        .unwrap();
        assert!(!is_creation(&e));
        assert_eq!(
            lines(Lang::Zh.texts(), &e),
            [
                ("流动人口", "是".to_owned()),
                ("备注", "（空）".to_owned()),
                ("人户状态", "人在户不在".to_owned()),
            ]
        );
    }
}
