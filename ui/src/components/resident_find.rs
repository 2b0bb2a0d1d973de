//! A resident found in the register by name, phone or pinyin — the search the mediation parties
//! use (`Search`, residents only) — as a small form: the query, 查找, and the hits as buttons; a
//! hit picked is handed to the page (its resident and household ids, name and address).

use linli_protocol::{HitKind, Search, SearchHit};
use yew::prelude::*;

use crate::hooks::use_texts;
use crate::ipc;
use crate::pages::field::value_of;

#[derive(Properties, PartialEq)]
pub struct Props {
    /// The prefix of the ids: `<id>-q`, `<id>-find`, `<id>-hits`.
    pub id: AttrValue,
    pub on_pick: Callback<SearchHit>,
}

#[function_component(ResidentFind)]
pub fn resident_find(p: &Props) -> Html {
    let t = use_texts();
    let m = &t.mediation;
    let query = use_state(String::new);
    let hits = use_state(|| None as Option<Vec<SearchHit>>);
    let pre = p.id.to_string();
    let find = {
        let (query, hits) = (query.clone(), hits.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (q, hits) = ((*query).clone(), hits.clone());
            if q.trim().is_empty() {
                return;
            }
            wasm_bindgen_futures::spawn_local(async move {
                let found = ipc::call(&Search { query: q, limit: 8 })
                    .await
                    .unwrap_or_default();
                hits.set(Some(
                    found
                        .into_iter()
                        .filter(|h| h.kind == HitKind::Resident)
                        .collect(),
                ));
            });
        })
    };
    html! {
        <form class="form-row med-party-find" onsubmit={find}>
            <label class="field field-grow">
                <span class="label">{m.pick_resident}</span>
                <input class="input" id={format!("{pre}-q")} placeholder={m.search_resident}
                    value={(*query).clone()}
                    oninput={{ let q = query.clone(); Callback::from(move |e| q.set(value_of(e))) }} />
            </label>
            <button type="submit" class="btn" id={format!("{pre}-find")}>{m.find}</button>
            { match &*hits {
                None => html! {},
                Some(h) if h.is_empty() => html! { <span class="muted">{m.no_hits}</span> },
                Some(h) => html! {
                    <ul class="plain-list med-hits" id={format!("{pre}-hits")}>
                    { for h.iter().map(|hit| {
                        let (on, hits, hit) = (p.on_pick.clone(), hits.clone(), hit.clone());
                        let label = match &hit.detail {
                            Some(d) => format!("{} · {} · {d}", hit.name, hit.address),
                            None => format!("{} · {}", hit.name, hit.address),
                        };
                        html! { <li><button type="button" class="btn btn-link med-hit" data-id={hit.id.to_string()}
                            onclick={Callback::from(move |_| {
                                hits.set(None);
                                on.emit(hit.clone());
                            })}>{label}</button></li> }
                    }) }
                    </ul>
                },
            } }
        </form>
    }
}
