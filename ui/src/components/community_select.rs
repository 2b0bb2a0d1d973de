//! The community a register page works in: the communities this laptop holds, loaded once, and
//! the one chosen, kept across page switches under the page's own key. 借还 and 调解 use it, and
//! so does every later register page (councils, notices, programmes…), instead of each loading
//! and drawing its own `<select>`.

use linli_domain::{Id, PlaceKind};
use linli_protocol::{ListPlaces, Place};
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::hooks::use_kept_state;
use crate::ipc;

/// The communities (None while loading) and the chosen one. The first community is chosen when
/// none is kept or the kept one is no longer held.
#[hook]
pub fn use_communities(
    key: &'static str,
) -> (
    UseStateHandle<Option<Vec<Place>>>,
    UseStateHandle<Option<Id>>,
) {
    let chosen = use_kept_state(key, || None as Option<Id>);
    let list = use_state(|| None as Option<Vec<Place>>);
    {
        let (list, chosen) = (list.clone(), chosen.clone());
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                let places = ipc::call(&ListPlaces {
                    kind: Some(PlaceKind::Community),
                    parent_id: None,
                })
                .await
                .unwrap_or_default();
                if chosen.is_none() || !places.iter().any(|p| Some(p.id) == *chosen) {
                    chosen.set(places.first().map(|p| p.id));
                }
                list.set(Some(places));
            });
        });
    }
    (list, chosen)
}

#[derive(Properties, PartialEq)]
pub struct CommunitySelectProps {
    /// The `<select>`'s element id (window tests choose by it, e.g. `med-community`).
    pub id: AttrValue,
    /// The label beside it (社区, 驿站…).
    pub label: AttrValue,
    /// The communities, None while they load.
    pub list: Option<Vec<Place>>,
    pub chosen: Option<Id>,
    pub on_change: Callback<Option<Id>>,
}

/// A labelled `<select>` of the communities.
#[function_component(CommunitySelect)]
pub fn community_select(p: &CommunitySelectProps) -> Html {
    let onchange = {
        let on = p.on_change.clone();
        Callback::from(move |e: Event| {
            on.emit(
                e.target_unchecked_into::<HtmlSelectElement>()
                    .value()
                    .parse()
                    .ok(),
            )
        })
    };
    let options = p.list.iter().flatten().map(|place| {
        html! {
            <option value={place.id.to_string()} selected={Some(place.id) == p.chosen}>{place.name.clone()}</option>
        }
    });
    html! {
        <label class="field">
            <span>{p.label.clone()}</span>
            <select id={p.id.clone()} class="input" {onchange}>{ for options }</select>
        </label>
    }
}
