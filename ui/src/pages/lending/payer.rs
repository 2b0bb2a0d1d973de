//! A volunteer of the station's community chosen from a list showing each one's points balance:
//! whose time-bank points pay a points deposit at 借出, who earns points for a donated copy at
//! 新增物品. The store checks the balance and the ledger's floor.

use linli_domain::Id;
use linli_protocol::{ListVolunteers, Volunteer};
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::hooks::use_texts;
use crate::ipc;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub id: AttrValue,
    pub label: AttrValue,
    pub community: Id,
    pub chosen: Option<Id>,
    pub on_choose: Callback<Option<Id>>,
}

#[function_component(VolunteerSelect)]
pub fn volunteer_select(p: &Props) -> Html {
    let t = use_texts();
    let l = &t.lending;
    let list = use_state(Vec::<Volunteer>::new);
    {
        let list = list.clone();
        use_effect_with(p.community, move |c| {
            let community_id = *c;
            wasm_bindgen_futures::spawn_local(async move {
                list.set(
                    ipc::call(&ListVolunteers { community_id })
                        .await
                        .unwrap_or_default(),
                );
            });
        });
    }
    let onchange = {
        let on_choose = p.on_choose.clone();
        Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<HtmlSelectElement>().value();
            on_choose.emit(v.parse().ok());
        })
    };
    html! {
        <label class="field">
            <span class="label">{p.label.clone()}</span>
            <select class="input" id={p.id.clone()} {onchange}>
                <option value="" selected={p.chosen.is_none()}>{l.no_volunteer}</option>
                { for list.iter().map(|v| html! {
                    <option value={v.id.to_string()} selected={p.chosen == Some(v.id)}>
                        {(l.volunteer_points)(&v.name, v.balance)}
                    </option>
                }) }
            </select>
        </label>
    }
}
