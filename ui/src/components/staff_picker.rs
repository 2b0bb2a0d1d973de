//! A staff picker (走访人, 研判人, 经办人, 接单人): each person with their role and grid, narrowed
//! as the worker types a name, its pinyin or its initials ("chen", "cwg" find 陈网格). Picking
//! happens in the select; typing selects the first match when the chosen one no longer matches.

use linli_domain::pinyin::{pinyin_full, pinyin_initials};
use linli_domain::Id;
use linli_protocol::Person;
use yew::prelude::*;

use crate::hooks::use_texts;
use crate::i18n::Texts;

/// Whether `p` matches what was typed: part of the name, of its pinyin, or its initials.
pub fn matches(p: &Person, query: &str) -> bool {
    let q = query.trim().to_lowercase().replace(' ', "");
    q.is_empty()
        || p.name.to_lowercase().contains(&q)
        || pinyin_full(&p.name).contains(&q)
        || pinyin_initials(&p.name).starts_with(&q)
}

/// "陈网格（专职网格员 · 第1楼段）": the roles, then the grids and buildings assigned.
pub fn label(t: &Texts, p: &Person) -> String {
    let mut parts: Vec<String> = p
        .roles
        .iter()
        .map(|r| (t.work.role)(*r).to_owned())
        .collect();
    for a in &p.assignments {
        if !a.target_name.is_empty() && !parts.contains(&a.target_name) {
            parts.push(a.target_name.clone());
        }
    }
    if parts.is_empty() {
        p.name.clone()
    } else {
        format!("{}（{}）", p.name, parts.join(" · "))
    }
}

#[derive(Properties, PartialEq)]
pub struct Props {
    /// The select's id (the filter's is `<id>-filter`).
    pub id: AttrValue,
    pub label: AttrValue,
    pub people: Vec<Person>,
    pub value: Option<Id>,
    pub onchange: Callback<Option<Id>>,
    #[prop_or_default]
    pub invalid: bool,
    /// The text of a "nobody" choice, when nobody may be chosen.
    #[prop_or_default]
    pub none: Option<AttrValue>,
}

#[function_component(StaffPicker)]
pub fn staff_picker(props: &Props) -> Html {
    let t = use_texts();
    let query = use_state(String::new);
    let shown: Vec<&Person> = props
        .people
        .iter()
        .filter(|p| Some(p.id) == props.value || matches(p, &query))
        .collect();
    let on_filter = {
        let (query, people, value, onchange) = (
            query.clone(),
            props.people.clone(),
            props.value,
            props.onchange.clone(),
        );
        Callback::from(move |e: InputEvent| {
            let q = crate::pages::field::value_of(e);
            let chosen_still = people.iter().any(|p| Some(p.id) == value && matches(p, &q));
            if !chosen_still {
                if let Some(first) = people.iter().find(|p| matches(p, &q)) {
                    onchange.emit(Some(first.id));
                }
            }
            query.set(q);
        })
    };
    // Esc in the filter clears it first (and only then closes the form around it)
    let on_filter_key = {
        let query = query.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" && !query.is_empty() {
                e.prevent_default();
                e.stop_propagation();
                query.set(String::new());
            }
        })
    };
    let on_pick = {
        let onchange = props.onchange.clone();
        Callback::from(move |e: Event| {
            onchange.emit(crate::pages::field::selected_of(e).parse().ok())
        })
    };
    let id = props.id.to_string();
    html! {
        <label class="field staff-picker">
            <span class="label">{&props.label}</span>
            <span class="staff-picker-row">
                <input id={format!("{id}-filter")} class="input staff-filter" value={(*query).clone()}
                    placeholder={t.work.staff_filter} oninput={on_filter} onkeydown={on_filter_key} />
                <select id={id} class={classes!("input", props.invalid.then_some("invalid"))}
                    onchange={on_pick}>
                    if let Some(none) = &props.none {
                        <option value="" selected={props.value.is_none()}>{none}</option>
                    }
                    { for shown.iter().map(|p| html! {
                        <option value={p.id.to_string()} selected={props.value == Some(p.id)}>
                            {label(t, p)}
                        </option>
                    }) }
                </select>
            </span>
        </label>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use linli_domain::register::Role;
    use linli_protocol::Assignment;

    fn id(n: u128) -> Id {
        Id::from_uuid(linli_domain::id::Uuid::from_u128(n))
    }

    fn chen() -> Person {
        Person {
            id: id(1),
            community_id: id(9),
            name: "陈网格".into(),
            phone_masked: None,
            roles: vec![Role::GridWorker],
            assignments: vec![Assignment {
                id: id(2),
                role: Role::GridWorker,
                grid_id: Some(id(21)),
                place_id: None,
                target_name: "第1楼段".into(),
            }],
        }
    }

    #[test]
    fn a_person_is_found_by_name_pinyin_or_initials() {
        let p = chen();
        for q in ["", "陈", "网格", "chen", "chenwang", "cwg", "CW", " cw "] {
            assert!(matches(&p, q), "{q}");
        }
        for q in ["lin", "wgc", "林"] {
            assert!(!matches(&p, q), "{q}");
        }
    }

    #[test]
    fn a_person_shows_with_role_and_grid() {
        assert_eq!(
            label(Lang::Zh.texts(), &chen()),
            "陈网格（专职网格员 · 第1楼段）"
        );
        assert_eq!(
            label(Lang::En.texts(), &chen()),
            "陈网格（full-time grid worker · 第1楼段）"
        );
        let mut bare = chen();
        bare.roles.clear();
        bare.assignments.clear();
        assert_eq!(label(Lang::Zh.texts(), &bare), "陈网格");
    }
}
