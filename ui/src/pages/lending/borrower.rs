//! Who borrows: the register's search (name, pinyin, phone tail, address) as you type, a hit
//! chosen with ↓/↑ and Enter or a click. A resident hit borrows for their household.

use linli_domain::Id;
use linli_protocol::{HitKind, Search, SearchHit};
use web_sys::{HtmlInputElement, KeyboardEvent};
use yew::prelude::*;

use crate::hooks::{use_debounced, use_texts};
use crate::ipc;

/// The borrower chosen: a household, and the resident when a person was found.
#[derive(Debug, Clone, PartialEq)]
pub struct Borrower {
    pub household_id: Id,
    pub resident_id: Option<Id>,
    pub name: String,
    pub address: String,
}

impl Borrower {
    pub fn of(hit: &SearchHit) -> Borrower {
        Borrower {
            household_id: hit.household_id,
            resident_id: (hit.kind == HitKind::Resident).then_some(hit.id),
            name: hit.name.clone(),
            address: hit.address.clone(),
        }
    }

    pub fn line(&self) -> String {
        if self.name.is_empty() || self.name == self.address {
            self.address.clone()
        } else {
            format!("{} · {}", self.name, self.address)
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct PickerProps {
    /// The ids' prefix ("lend" gives `lend-borrower`, `lend-hit-0`…).
    pub prefix: AttrValue,
    pub chosen: Option<Borrower>,
    pub on_choose: Callback<Option<Borrower>>,
}

#[function_component(BorrowerPicker)]
pub fn borrower_picker(p: &PickerProps) -> Html {
    let t = use_texts();
    let l = &t.lending;
    let query = use_state(String::new);
    let hits = use_state(|| None as Option<Vec<SearchHit>>);
    let active = use_state(|| 0usize);
    let settled = use_debounced((*query).clone(), 150);
    {
        let (hits, active) = (hits.clone(), active.clone());
        use_effect_with(settled, move |q| {
            let q = q.trim().to_owned();
            if q.is_empty() {
                hits.set(None);
            } else {
                wasm_bindgen_futures::spawn_local(async move {
                    let found = ipc::call(&Search { query: q, limit: 8 })
                        .await
                        .unwrap_or_default();
                    active.set(0);
                    hits.set(Some(found));
                });
            }
        });
    }
    let prefix = p.prefix.to_string();
    if let Some(b) = &p.chosen {
        let change = {
            let (on_choose, query, hits) = (p.on_choose.clone(), query.clone(), hits.clone());
            Callback::from(move |_| {
                query.set(String::new());
                hits.set(None);
                on_choose.emit(None);
            })
        };
        return html! {
            <div class="field lend-borrower">
                <span class="label">{l.borrower}</span>
                <div class="row-actions">
                    <strong id={format!("{prefix}-borrower-chosen")}>{b.line()}</strong>
                    <button class="btn btn-small" id={format!("{prefix}-borrower-change")} onclick={change}>{l.borrower_change}</button>
                </div>
            </div>
        };
    }
    let choose = {
        let on_choose = p.on_choose.clone();
        Callback::from(move |hit: SearchHit| on_choose.emit(Some(Borrower::of(&hit))))
    };
    let on_input = {
        let query = query.clone();
        Callback::from(move |e: InputEvent| {
            query.set(e.target_unchecked_into::<HtmlInputElement>().value())
        })
    };
    let on_key = {
        let (hits, active, choose) = (hits.clone(), active.clone(), choose.clone());
        Callback::from(move |e: KeyboardEvent| {
            let list = hits.as_deref().unwrap_or(&[]);
            match e.key().as_str() {
                "ArrowDown" | "ArrowUp" => {
                    e.prevent_default();
                    active.set(crate::components::search_box::step(
                        *active,
                        list.len(),
                        e.key() == "ArrowDown",
                    ));
                }
                "Enter" => {
                    e.prevent_default();
                    if let Some(hit) = list.get(*active).or(list.first()) {
                        choose.emit(hit.clone());
                    }
                }
                _ => {}
            }
        })
    };
    let list = match &*hits {
        None => html! {},
        Some(list) if list.is_empty() => {
            html! { <p class="muted" id={format!("{prefix}-borrower-none")}>{l.borrower_none}</p> }
        }
        Some(list) => html! {
            <ul class="lend-hits">
            { for list.iter().enumerate().map(|(i, hit)| {
                let onclick = {
                    let (choose, hit) = (choose.clone(), hit.clone());
                    Callback::from(move |_| choose.emit(hit.clone()))
                };
                html! {
                    <li>
                        <button id={format!("{prefix}-hit-{i}")} class={classes!("lend-hit", (i == *active).then_some("active"))} {onclick}>
                            <strong>{hit.name.clone()}</strong>
                            <span class="muted">{format!(" {}", hit.address)}</span>
                        </button>
                    </li>
                }
            }) }
            </ul>
        },
    };
    html! {
        <div class="field lend-borrower">
            <label class="label" for={format!("{prefix}-borrower")}>{l.borrower}</label>
            <input class="input" id={format!("{prefix}-borrower")} autocomplete="off"
                placeholder={l.borrower_placeholder} value={(*query).clone()}
                oninput={on_input} onkeydown={on_key} />
            {list}
        </div>
    }
}
