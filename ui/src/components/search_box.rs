//! The global search box in the top bar: Ctrl+K focuses it from anywhere; results come as you type
//! (debounced), with the matched part marked; ↑/↓ move, Enter or a click opens the household,
//! Esc closes.

use std::cell::RefCell;
use std::rc::Rc;

use linli_protocol::{ApiError, HitKind, MatchOn, Search, SearchHit};
use web_sys::{HtmlInputElement, KeyboardEvent};
use yew::prelude::*;

use crate::components::highlighted::Highlighted;
use crate::hooks::{use_app, use_debounced, use_global_keydown};
use crate::ipc;
use crate::state::Action;

/// How long typing must pause before a search is sent.
const DEBOUNCE_MS: u32 = 150;
const LIMIT: u32 = 12;

/// Whether a hit's mark belongs on its name (name and initials matches) or on its detail.
pub fn marks_name(m: MatchOn) -> bool {
    matches!(m, MatchOn::Name | MatchOn::Initials)
}

/// The next active row after pressing ↓ (`down`) or ↑, wrapping around.
pub fn step(active: usize, len: usize, down: bool) -> usize {
    match (len, down) {
        (0, _) => 0,
        (_, true) => (active + 1) % len,
        (_, false) => (active + len - 1) % len,
    }
}

type Hits = Option<Result<Vec<SearchHit>, ApiError>>;

#[function_component(SearchBox)]
pub fn search_box() -> Html {
    let app = use_app();
    let t = app.lang.texts();
    let input = use_node_ref();
    let query = use_state(String::new);
    let hits = use_state(|| None as Hits);
    let open = use_state(|| false);
    let active = use_state(|| 0usize);
    // the query the newest answer must belong to: an older, slower answer is dropped
    let latest = use_mut_ref(String::new);

    {
        let (input, open) = (input.clone(), open.clone());
        use_global_keydown(move |e: KeyboardEvent| {
            if (e.ctrl_key() || e.meta_key()) && e.key().eq_ignore_ascii_case("k") {
                e.prevent_default();
                if let Some(el) = input.cast::<HtmlInputElement>() {
                    let _ = el.focus();
                    el.select();
                }
                open.set(true);
            }
        });
    }

    let settled = use_debounced((*query).clone(), DEBOUNCE_MS);
    {
        let (hits, active, latest) = (hits.clone(), active.clone(), latest.clone());
        use_effect_with(settled, move |q| {
            let q = q.trim().to_owned();
            *latest.borrow_mut() = q.clone();
            if q.is_empty() {
                hits.set(None);
            } else {
                wasm_bindgen_futures::spawn_local(search(q, latest, hits, active));
            }
        });
    }

    let choose = {
        let (app, open, input) = (app.clone(), open.clone(), input.clone());
        Callback::from(move |hit: SearchHit| {
            open.set(false);
            if let Some(el) = input.cast::<HtmlInputElement>() {
                let _ = el.blur();
            }
            app.dispatch(Action::OpenHousehold(hit.household_id));
        })
    };
    let on_input = {
        let (query, open) = (query.clone(), open.clone());
        Callback::from(move |e: InputEvent| {
            query.set(e.target_unchecked_into::<HtmlInputElement>().value());
            open.set(true);
        })
    };
    let on_key = {
        let (open, active, hits, choose, input) = (
            open.clone(),
            active.clone(),
            hits.clone(),
            choose.clone(),
            input.clone(),
        );
        Callback::from(move |e: KeyboardEvent| {
            let list = match &*hits {
                Some(Ok(list)) => list.as_slice(),
                _ => &[],
            };
            match e.key().as_str() {
                "Escape" => {
                    open.set(false);
                    if let Some(el) = input.cast::<HtmlInputElement>() {
                        let _ = el.blur();
                    }
                }
                "ArrowDown" | "ArrowUp" => {
                    e.prevent_default();
                    open.set(true);
                    active.set(step(*active, list.len(), e.key() == "ArrowDown"));
                }
                "Enter" => {
                    if let Some(hit) = list.get(*active).or(list.first()) {
                        choose.emit(hit.clone());
                    }
                }
                _ => {}
            }
        })
    };
    let on_focus = {
        let open = open.clone();
        Callback::from(move |_| open.set(true))
    };
    let on_blur = {
        let open = open.clone();
        Callback::from(move |_| open.set(false))
    };

    let show = *open && !query.trim().is_empty();
    let results = match &*hits {
        _ if !show => html! {},
        None => html! {},
        Some(Err(e)) => {
            html! { <div class="search-results"><p class="field-error">{crate::i18n::say(e)}</p></div> }
        }
        Some(Ok(list)) if list.is_empty() => html! {
            <div class="search-results" id="search-results"><p class="empty">{t.search_nothing}</p></div>
        },
        Some(Ok(list)) => html! {
            <ul class="search-results" id="search-results" role="listbox">
            { for list.iter().enumerate().map(|(i, hit)| {
                // the community too when the hits come from several
                let community = several_communities(list).then(|| hit.community.clone()).flatten();
                let pick = {
                    let (choose, hit) = (choose.clone(), hit.clone());
                    // mousedown comes before the input's blur closes the list
                    Callback::from(move |e: MouseEvent| {
                        e.prevent_default();
                        choose.emit(hit.clone());
                    })
                };
                let on_name = marks_name(hit.matched);
                html! {
                    <li class={classes!("search-hit", (i == *active).then_some("active"))}
                        role="option" aria-selected={(i == *active).to_string()} onmousedown={pick}>
                        <span class="hit-name">
                            <Highlighted text={hit.name.clone()} range={on_name.then_some(hit.highlight)} />
                        </span>
                        <span class="chip">{if hit.kind == HitKind::Resident { t.hit_resident } else { t.hit_household }}</span>
                        <span class="hit-address">
                            <Highlighted text={hit.address.clone()}
                                range={(hit.matched == MatchOn::Address).then_some(hit.highlight)} />
                        </span>
                        if let Some(c) = community {
                            <span class="hit-community">{c}</span>
                        }
                        if let Some(detail) = hit.detail.as_ref().filter(|d| **d != hit.address) {
                            <span class="hit-detail mono">
                                <Highlighted text={detail.clone()} range={(!on_name).then_some(hit.highlight)} />
                            </span>
                        }
                    </li>
                }
            }) }
            </ul>
        },
    };

    html! {
        <div class="search" role="search">
            <input id="search" ref={input} class="input search-input" type="search"
                placeholder={t.search_placeholder} value={(*query).clone()} autocomplete="off"
                oninput={on_input} onkeydown={on_key} onfocus={on_focus} onblur={on_blur}
                aria-label={t.search_label} />
            <kbd class="search-key">{"Ctrl K"}</kbd>
            {results}
        </div>
    }
}

async fn search(
    q: String,
    latest: Rc<RefCell<String>>,
    hits: UseStateHandle<Hits>,
    active: UseStateHandle<usize>,
) {
    let res = ipc::call(&Search {
        query: q.clone(),
        limit: LIMIT,
    })
    .await;
    if *latest.borrow() == q {
        active.set(0);
        hits.set(Some(res));
    }
}

/// Whether search hits come from more than one community.
fn several_communities(hits: &[SearchHit]) -> bool {
    hits.iter()
        .any(|h| h.community.is_some() && h.community != hits[0].community)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arrows_wrap_around_the_list() {
        assert_eq!(step(0, 3, true), 1);
        assert_eq!(step(2, 3, true), 0);
        assert_eq!(step(0, 3, false), 2);
        assert_eq!(step(0, 0, true), 0);
    }

    #[test]
    fn name_matches_mark_the_name_others_the_detail() {
        assert!(marks_name(MatchOn::Initials));
        assert!(marks_name(MatchOn::Name));
        assert!(!marks_name(MatchOn::IdNumber));
        assert!(!marks_name(MatchOn::Pinyin));
        assert!(!marks_name(MatchOn::Address));
    }
}
