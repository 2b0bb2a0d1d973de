//! What the field-work pages (今日, 走访, 诉求) share: the community they look at.

use linli_domain::{Id, PlaceKind};
use linli_protocol::{ListPlaces, Place};
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::hooks::use_texts;
use crate::ipc;

#[derive(Properties, PartialEq)]
pub struct PickerProps {
    pub value: Option<Id>,
    pub onchange: Callback<Option<Id>>,
}

/// A select of the communities; picks the first one when none is chosen yet.
#[function_component(CommunityPicker)]
pub fn community_picker(props: &PickerProps) -> Html {
    let t = use_texts();
    let list = use_state(|| None as Option<Vec<Place>>);
    {
        let (list, onchange, value) = (list.clone(), props.onchange.clone(), props.value);
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                let found = ipc::call(&ListPlaces {
                    kind: Some(PlaceKind::Community),
                    parent_id: None,
                })
                .await
                .unwrap_or_default();
                if value.is_none() {
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
                <span class="label">{t.communities}</span>
                <select class="input" id="community-picker" onchange={on}>
                { for l.iter().map(|p| html! {
                    <option value={p.id.to_string()} selected={props.value == Some(p.id)}>{&p.name}</option>
                }) }
                </select>
            </label>
        },
    }
}

/// "75.0%".
pub fn percent(rate: f64) -> String {
    format!("{:.1}%", rate * 100.0)
}

#[cfg(test)]
mod tests {
    #[test]
    fn rates_read_as_percentages() {
        assert_eq!(super::percent(0.75), "75.0%");
        assert_eq!(super::percent(0.0), "0.0%");
    }
}
