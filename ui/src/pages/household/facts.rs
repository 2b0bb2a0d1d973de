//! The household's facts, editable: residence status, floating population, phone (left empty, the
//! one on record stays), tags and notes; and moving the whole household out on a date.

use linli_domain::register::ResidenceStatus;
use linli_protocol::{EditHousehold, Household, HouseholdFields, MoveOutHousehold};
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::clock::today;
use crate::forms::{error_field, household_errors, split_tags, Errors};
use crate::hooks::use_texts;
use crate::ipc;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub household: Household,
    pub on_saved: Callback<()>,
}

#[function_component(Facts)]
pub fn facts(props: &Props) -> Html {
    let t = use_texts();
    let withheld = crate::components::masked_value::use_withheld();
    let h = &props.household;
    let status = use_state(|| h.residence_status);
    let floating = use_state(|| h.floating);
    let phone = use_state(String::new);
    let tags = use_state(|| h.tags.join("，"));
    let notes = use_state(|| h.notes.clone());
    let errors = use_state(Errors::new);
    let notice = use_state(|| None as Option<&'static str>);
    let out_date = use_state(today);
    let confirming_out = use_state(|| false);
    let busy = use_state(|| false);

    // a fresh copy of the household (after a save) resets the form
    {
        let (status, floating, phone, tags, notes) = (
            status.clone(),
            floating.clone(),
            phone.clone(),
            tags.clone(),
            notes.clone(),
        );
        use_effect_with(h.clone(), move |h| {
            status.set(h.residence_status);
            floating.set(h.floating);
            phone.set(String::new());
            tags.set(h.tags.join("，"));
            notes.set(h.notes.clone());
        });
    }

    let text = |state: &UseStateHandle<String>| {
        let (state, notice) = (state.clone(), notice.clone());
        Callback::from(move |e: InputEvent| {
            notice.set(None);
            state.set(e.target_unchecked_into::<HtmlInputElement>().value())
        })
    };
    let on_notes = {
        let notes = notes.clone();
        Callback::from(move |e: InputEvent| {
            notes.set(e.target_unchecked_into::<HtmlTextAreaElement>().value())
        })
    };
    let on_status = {
        let status = status.clone();
        Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<HtmlSelectElement>().value();
            // the one option that is not a known code is the status a newer Linli wrote
            status.set(ResidenceStatus::from_code(&v).unwrap_or(ResidenceStatus::Unknown))
        })
    };
    let on_floating = {
        let floating = floating.clone();
        Callback::from(move |e: Event| {
            floating.set(e.target_unchecked_into::<HtmlInputElement>().checked())
        })
    };
    let live = household_errors(&phone, &tags);
    let on_save = {
        let id = h.id;
        let (status, floating, phone, tags, notes, errors, notice, busy, on_saved) = (
            status.clone(),
            floating.clone(),
            phone.clone(),
            tags.clone(),
            notes.clone(),
            errors.clone(),
            notice.clone(),
            busy.clone(),
            props.on_saved.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let live = household_errors(&phone, &tags);
            if !live.is_empty() || *busy {
                return;
            }
            let req = EditHousehold {
                id,
                fields: HouseholdFields {
                    phone: Some(phone.trim().to_owned()).filter(|p| !p.is_empty()),
                    residence_status: *status,
                    floating: *floating,
                    tags: split_tags(&tags),
                    notes: (*notes).clone(),
                },
            };
            let (errors, notice, busy, on_saved) = (
                errors.clone(),
                notice.clone(),
                busy.clone(),
                on_saved.clone(),
            );
            busy.set(true);
            wasm_bindgen_futures::spawn_local(async move {
                match ipc::call(&req).await {
                    Ok(_) => {
                        errors.set(Errors::new());
                        notice.set(Some(t.saved));
                        on_saved.emit(());
                    }
                    Err(e) => errors.set(Errors::from([(
                        error_field(&e, "form"),
                        crate::i18n::say(&e),
                    )])),
                }
                busy.set(false);
            });
        })
    };
    let on_out_date = text(&out_date);
    let ask_out = {
        let confirming_out = confirming_out.clone();
        Callback::from(move |_| confirming_out.set(!*confirming_out))
    };
    let move_out = {
        let id = h.id;
        let (out_date, errors, on_saved) =
            (out_date.clone(), errors.clone(), props.on_saved.clone());
        Callback::from(move |_| {
            let req = MoveOutHousehold {
                id,
                date: (*out_date).clone(),
            };
            let (errors, on_saved) = (errors.clone(), on_saved.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match ipc::call(&req).await {
                    Ok(_) => on_saved.emit(()),
                    Err(e) => errors.set(Errors::from([(
                        error_field(&e, "date"),
                        crate::i18n::say(&e),
                    )])),
                }
            });
        })
    };

    let err = |field: &str| -> Html {
        match live.get(field).or(errors.get(field)) {
            Some(msg) => html! { <p class="field-error" role="alert">{msg}</p> },
            None => html! {},
        }
    };
    let phone_placeholder = if withheld {
        t.withheld.write_only.to_owned()
    } else {
        h.phone_masked.clone().unwrap_or_default()
    };
    html! {
        <form class="panel facts" id="household-facts" onsubmit={on_save} novalidate=true>
            <h2 class="panel-title">{t.facts}</h2>
            <label class="field">
                <span class="label">{t.residence_status}</span>
                <select id="facts-status" class="input" onchange={on_status}>
                    { for ResidenceStatus::ALL.iter().map(|s| html! {
                        <option value={s.code()} selected={*status == *s}>{(t.status_label)(*s)}</option>
                    }) }
                    if let Some(code) = &h.residence_status_code {
                        <option value="unknown" selected={*status == ResidenceStatus::Unknown}>
                            {(t.unknown_code)(code)}
                        </option>
                    }
                </select>
            </label>
            <label class="check">
                <input type="checkbox" id="facts-floating" checked={*floating} onchange={on_floating} />
                {t.floating}
            </label>
            <label class="field">
                <span class="label">{t.household_phone}</span>
                <input id="facts-phone" class={classes!("input", live.contains_key("phone").then_some("invalid"))}
                    placeholder={phone_placeholder} value={(*phone).clone()} oninput={text(&phone)} />
                <span class="hint">{t.phone_keep_hint}</span>
                {err("phone")}
            </label>
            <label class="field">
                <span class="label">{t.tags}</span>
                <input id="facts-tags" class={classes!("input", live.contains_key("tags").then_some("invalid"))}
                    placeholder={t.tags_placeholder} value={(*tags).clone()} oninput={text(&tags)} />
                {err("tags")}
            </label>
            <label class="field">
                <span class="label">{t.notes}</span>
                <textarea id="facts-notes" class="input textarea" rows="2" value={(*notes).clone()} oninput={on_notes} />
                {err("notes")}
            </label>
            {err("form")}
            <div class="form-actions">
                <button id="facts-save" class="btn btn-primary" type="submit" disabled={*busy || !live.is_empty()}>
                    {t.save}
                </button>
                if let Some(n) = *notice {
                    <span class="notice" role="status">{n}</span>
                }
                if h.moved_out.is_none() {
                    <button type="button" class="btn-link move-out" id="household-move-out" onclick={ask_out}>
                        {t.move_out_household}
                    </button>
                }
            </div>
            if *confirming_out && h.moved_out.is_none() {
                <div class="inline-form">
                    <input class="input input-date" type="date" value={(*out_date).clone()}
                        oninput={on_out_date} aria-label={t.move_out_date} />
                    <button type="button" class="btn btn-danger btn-small" onclick={move_out}>{t.confirm_move_out}</button>
                    {err("date")}
                </div>
            }
        </form>
    }
}
