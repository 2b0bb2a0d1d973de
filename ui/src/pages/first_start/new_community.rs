//! 新建社区 after the first start: the county, town and community names, each checked as the
//! store checks a place's name (the fault said under its field, nothing made while one is
//! wrong), then the chain made top down; then 报表's register import (台账), and on to the app.

use linli_domain::place::validate_name;
use linli_domain::PlaceKind;
use linli_protocol::{AddPlace, ApiError};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::hooks::use_texts;
use crate::ipc;
use crate::pages::reports::import::Import;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub on_done: Callback<()>,
}

/// The levels of the chain, top down.
const LEVELS: [PlaceKind; 3] = [PlaceKind::County, PlaceKind::Town, PlaceKind::Community];

/// Each name's fault, if any (by level).
pub fn faults(names: &[String; 3]) -> [Option<ApiError>; 3] {
    names
        .each_ref()
        .map(|n| validate_name(n).err().map(ApiError::from))
}

/// Makes the chain; the place made last (the community) or the level that failed and why.
async fn make_chain(names: [String; 3]) -> Result<String, (usize, ApiError)> {
    let mut parent = None;
    let mut made = Vec::new();
    for (level, (kind, name)) in LEVELS.into_iter().zip(names).enumerate() {
        let place = ipc::call(&AddPlace {
            kind,
            name,
            parent_id: parent,
        })
        .await
        .map_err(|e| (level, e))?;
        parent = Some(place.id);
        made.push(place.name);
    }
    Ok(made.join(" / "))
}

#[function_component(NewCommunity)]
pub fn new_community(props: &Props) -> Html {
    let texts = use_texts();
    let t = &texts.first;
    let names = use_state(|| [String::new(), String::new(), String::new()]);
    // kept as errors, said in the language shown now
    let errors = use_state(|| [None, None, None] as [Option<ApiError>; 3]);
    let busy = use_state(|| false);
    let made = use_state(|| None as Option<String>);
    if let Some(chain) = &*made {
        return html! {
            <>
                <p id="first-created" class="notice-bar" role="status">{(t.created)(chain)}</p>
                <h2>{t.import_title}</h2>
                <p class="muted">{t.import_intro}</p>
                <Import />
                <button id="first-finish" class="btn btn-primary btn-large"
                    onclick={props.on_done.reform(|_: MouseEvent| ())}>{t.start_work}</button>
            </>
        };
    }
    let on_submit = {
        let (names, errors, busy, made) =
            (names.clone(), errors.clone(), busy.clone(), made.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let found = faults(&names);
            let wrong = found.iter().any(Option::is_some);
            errors.set(found);
            if wrong || *busy {
                return;
            }
            busy.set(true);
            let (names, errors, busy, made) =
                ((*names).clone(), errors.clone(), busy.clone(), made.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match make_chain(names).await {
                    Ok(chain) => made.set(Some(chain)),
                    Err((level, e)) => {
                        let mut found = [None, None, None];
                        found[level] = Some(e);
                        errors.set(found);
                    }
                }
                busy.set(false);
            });
        })
    };
    let labels = [
        ("first-county", t.county, t.county_example),
        ("first-town", t.town, t.town_example),
        ("first-community", t.community, t.community_example),
    ];
    html! {
        <>
        <p class="muted">{t.new_intro}</p>
        <form id="first-new-form" class="form-row" onsubmit={on_submit} novalidate=true>
            { for labels.iter().enumerate().map(|(level, (id, label, example))| {
                let oninput = {
                    let names = names.clone();
                    Callback::from(move |e: InputEvent| {
                        let mut next = (*names).clone();
                        next[level] = e.target_unchecked_into::<HtmlInputElement>().value();
                        names.set(next);
                    })
                };
                let error = errors[level].as_ref().map(crate::i18n::say);
                html! {
                    <label class="field">
                        <span class="label">{*label}</span>
                        <input id={*id} class={classes!("input", error.is_some().then_some("invalid"))}
                            placeholder={*example} value={names[level].clone()} {oninput} />
                        if let Some(message) = error {
                            <span id={format!("{id}-error")} class="field-error" role="alert">{message}</span>
                        }
                    </label>
                }
            }) }
            <button id="first-create" class="btn btn-primary" type="submit" disabled={*busy}>
                {if *busy { t.creating } else { t.create }}
            </button>
        </form>
        </>
    }
}
