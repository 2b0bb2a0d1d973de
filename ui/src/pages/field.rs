//! What the field-work pages (今日, 走访, 诉求) share: the community they look at, and small
//! helpers for their forms.

use linli_domain::{Id, PlaceKind};
use linli_protocol::{ListPlaces, Place};
use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::hooks::use_texts;
use crate::ipc;

#[derive(Properties, PartialEq)]
pub struct PickerProps {
    pub value: Option<Id>,
    pub onchange: Callback<Option<Id>>,
}

/// A select of the communities; picks the first one when none is chosen yet.
///
/// "Yet" is when the list arrives, not when the picker was drawn: a page drawn before the app knew
/// who works here gets my community while the list is still being read, and the first community
/// must not then take its place.
#[function_component(CommunityPicker)]
pub fn community_picker(props: &PickerProps) -> Html {
    let t = use_texts();
    let list = use_state(|| None as Option<Vec<Place>>);
    let value_now = use_mut_ref(|| props.value);
    *value_now.borrow_mut() = props.value;
    {
        let (list, onchange, value) = (list.clone(), props.onchange.clone(), value_now.clone());
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                let found = ipc::call(&ListPlaces {
                    kind: Some(PlaceKind::Community),
                    parent_id: None,
                })
                .await
                .unwrap_or_default();
                if value.borrow().is_none() {
                    if let Some(first) = found.first() {
                        onchange.emit(Some(first.id));
                    }
                }
                list.set(Some(found));
            });
        });
    }
    let on = {
        let onchange = props.onchange.clone();
        Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<HtmlSelectElement>().value();
            onchange.emit(v.parse::<Id>().ok());
        })
    };
    match &*list {
        None => html! { <p class="muted">{t.loading}</p> },
        Some(l) if l.is_empty() => html! { <p class="empty">{t.no_communities}</p> },
        Some(l) => html! {
            <label class="field">
                <span class="label">{(t.kind_label)(linli_domain::PlaceKind::Community)}</span>
                <select class="input" id="community-picker" onchange={on}>
                { for l.iter().map(|p| html! {
                    <option value={p.id.to_string()} selected={props.value == Some(p.id)}>{&p.name}</option>
                }) }
                </select>
            </label>
        },
    }
}

/// The text of the input or textarea an event came from.
pub fn value_of(e: InputEvent) -> String {
    let target = e.target_unchecked_into::<web_sys::Element>();
    if target.tag_name().eq_ignore_ascii_case("textarea") {
        target.unchecked_into::<HtmlTextAreaElement>().value()
    } else {
        target.unchecked_into::<HtmlInputElement>().value()
    }
}

/// The value of the select a change event came from.
pub fn selected_of(e: Event) -> String {
    e.target_unchecked_into::<HtmlSelectElement>().value()
}

/// Whether the checkbox a change event came from is ticked.
pub fn checked_of(e: Event) -> bool {
    e.target_unchecked_into::<HtmlInputElement>().checked()
}

/// The laptop's date `days` from today, "YYYY-MM-DD" (wasm only: it asks the browser's clock).
pub fn date_from_today(days: i32) -> String {
    let d = js_sys::Date::new_0();
    d.set_date((d.get_date() as i32 + days) as u32);
    format!(
        "{:04}-{:02}-{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date()
    )
}

/// The laptop's time now, "YYYY-MM-DD HH:MM" (wasm only: it asks the browser's clock).
pub fn now_minute() -> String {
    let d = js_sys::Date::new_0();
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date(),
        d.get_hours(),
        d.get_minutes()
    )
}

/// A household's address with its compound in front ("南湖苑1栋1单元502"), once: an address that
/// already begins with the compound is left as it is.
pub fn full_address(compound: Option<&str>, address: &str) -> String {
    match compound.filter(|c| !c.is_empty() && !address.starts_with(*c)) {
        Some(c) => format!("{c}{address}"),
        None => address.to_owned(),
    }
}

/// The line under a field saying what is wrong with it, if anything.
pub fn field_error(id: &str, msg: Option<&'static str>) -> Html {
    match msg {
        Some(m) => html! { <span class="field-error" id={id.to_owned()} role="alert">{m}</span> },
        None => html! {},
    }
}

/// "75.0%".
pub fn percent(rate: f64) -> String {
    format!("{:.1}%", rate * 100.0)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_compound_comes_first_once() {
        assert_eq!(
            super::full_address(Some("南湖苑"), "1栋1单元502"),
            "南湖苑1栋1单元502"
        );
        assert_eq!(
            super::full_address(Some("南湖苑"), "南湖苑1栋1单元502"),
            "南湖苑1栋1单元502"
        );
        assert_eq!(super::full_address(None, "5栋101"), "5栋101");
    }

    #[test]
    fn rates_read_as_percentages() {
        assert_eq!(super::percent(0.75), "75.0%");
        assert_eq!(super::percent(0.0), "0.0%");
    }
}
