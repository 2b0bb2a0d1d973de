//! Editing a member in place, under their row: name, relation, ID number (left empty, the one on
//! record stays; the form never holds it in clear), gender, birth date, phone, care tags and the
//! 党员 flag, moved in and out, notes. The same checks as adding, as typed; the store's
//! household-level refusals (a second 户主, a second 配偶, an age that does not fit) show next to
//! their field. Esc or 取消 closes it without saving.

use linli_domain::register::RELATIONS;
use linli_domain::Gender;
use linli_protocol::{ErrorKind, Resident};
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::forms::{error_field, Errors, MemberForm};
use crate::hooks::use_texts;
use crate::ipc;

use super::care_field::CareField;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub resident: Resident,
    /// Saved: the page reloads; the argument is the notice to show.
    pub on_saved: Callback<String>,
    pub on_cancel: Callback<()>,
}

const FIELDS: [&str; 9] = [
    "name",
    "relation",
    "id_number",
    "gender",
    "birth_date",
    "phone",
    "moved_in",
    "moved_out",
    "notes",
];

#[function_component(EditMember)]
pub fn edit_member(props: &Props) -> Html {
    let t = use_texts();
    let r = &t.resident;
    // fields by role: a steward may write a number it is told, never read the one on record
    let withheld = crate::components::masked_value::use_withheld();
    let form = use_state(|| MemberForm::from_resident(&props.resident));
    let touched = use_state(Vec::<&'static str>::new);
    let submitted = use_state(|| false);
    let server = use_state(Errors::new);
    let duplicate = use_state(|| None as Option<String>);
    let busy = use_state(|| false);

    let edit = |field: &'static str, set: fn(&mut MemberForm, String)| {
        let (form, touched, server, duplicate) = (
            form.clone(),
            touched.clone(),
            server.clone(),
            duplicate.clone(),
        );
        move |value: String| {
            let mut next = (*form).clone();
            set(&mut next, value);
            form.set(next);
            if !touched.contains(&field) {
                let mut t = (*touched).clone();
                t.push(field);
                touched.set(t);
            }
            // a household-level refusal may name another field: forget them all
            server.set(Errors::new());
            duplicate.set(None);
        }
    };
    let input = |field: &'static str, set: fn(&mut MemberForm, String)| {
        let f = edit(field, set);
        Callback::from(move |e: InputEvent| {
            f(e.target_unchecked_into::<HtmlInputElement>().value())
        })
    };
    let select = |field: &'static str, set: fn(&mut MemberForm, String)| {
        let f = edit(field, set);
        Callback::from(move |e: Event| f(e.target_unchecked_into::<HtmlSelectElement>().value()))
    };
    let on_notes = {
        let f = edit("notes", |f, v| f.notes = v);
        Callback::from(move |e: InputEvent| {
            f(e.target_unchecked_into::<HtmlTextAreaElement>().value())
        })
    };
    let on_toggle = {
        let f = edit("care_tags", |f, tag| f.toggle_tag(&tag));
        Callback::from(move |tag: String| f(tag))
    };
    let on_party = {
        let f = edit("party_member", |f, v| f.party_member = v == "1");
        Callback::from(move |on: bool| f(if on { "1" } else { "" }.to_owned()))
    };

    let save = {
        let (form, submitted, server, duplicate, busy, on_saved) = (
            form.clone(),
            submitted.clone(),
            server.clone(),
            duplicate.clone(),
            busy.clone(),
            props.on_saved.clone(),
        );
        let id = props.resident.id;
        Callback::from(move |accept: bool| {
            submitted.set(true);
            if *busy || !form.errors().is_empty() {
                return;
            }
            let req = form.edit_request(id, accept);
            let (server, duplicate, busy, on_saved) = (
                server.clone(),
                duplicate.clone(),
                busy.clone(),
                on_saved.clone(),
            );
            busy.set(true);
            wasm_bindgen_futures::spawn_local(async move {
                match ipc::call(&req).await {
                    Ok(saved) => on_saved.emit((t.resident.saved)(&saved.name)),
                    Err(e) if e.kind == ErrorKind::PossibleDuplicate => {
                        duplicate.set(Some(crate::i18n::say(&e)))
                    }
                    Err(e) => server.set(Errors::from([(
                        error_field(&e, "relation"),
                        crate::i18n::say(&e),
                    )])),
                }
                busy.set(false);
            });
        })
    };
    let on_submit = {
        let save = save.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            save.emit(false);
        })
    };
    let on_accept = {
        let save = save.clone();
        Callback::from(move |_| save.emit(true))
    };
    let on_cancel = {
        let cancel = props.on_cancel.clone();
        Callback::from(move |_| cancel.emit(()))
    };
    let on_key = {
        let cancel = props.on_cancel.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                e.prevent_default();
                cancel.emit(());
            }
        })
    };

    let live = form.errors();
    let error_of = |field: &str| -> Option<String> {
        server.get(field).cloned().or_else(|| {
            (*submitted || touched.contains(&field))
                .then(|| live.get(field).cloned())
                .flatten()
        })
    };
    let field = |field: &'static str, label: &'static str, control: Html| -> Html {
        let err = error_of(field);
        html! {
            <label class={classes!("field", err.is_some().then_some("has-error"))}>
                <span class="label">{label}</span>
                {control}
                if let Some(msg) = err {
                    <span id={format!("edit-error-{field}")} class="field-error" role="alert">{msg}</span>
                }
            </label>
        }
    };
    let invalid = |f: &str| classes!("input", error_of(f).is_some().then_some("invalid"));
    let other_errors: Vec<String> = server
        .iter()
        .filter(|(k, _)| !FIELDS.contains(&k.as_str()))
        .map(|(_, v)| v.clone())
        .collect();
    let res = &props.resident;
    // the relation on record first when it is not one of the usual ones
    let relations: Vec<String> = (!RELATIONS.contains(&res.relation.as_str()))
        .then(|| res.relation.clone())
        .into_iter()
        .chain(RELATIONS.iter().map(|r| r.to_string()))
        .collect();

    html! {
        <form class="member-edit" id="member-edit" onsubmit={on_submit} onkeydown={on_key} novalidate=true>
            <h3 class="panel-title">{(r.edit_title)(&res.name)}</h3>
            <div class="form-grid">
                { field("name", t.name, html! {
                    <input id="edit-name" class={invalid("name")} value={form.name.clone()}
                        oninput={input("name", |f, v| f.name = v)} />
                }) }
                { field("relation", t.relation, html! {
                    <select id="edit-relation" class={invalid("relation")}
                        onchange={select("relation", |f, v| f.relation = v)}>
                        { for relations.iter().map(|x| html! {
                            <option value={x.clone()} selected={form.relation == *x}>{(t.resident.relation)(x)}</option>
                        }) }
                    </select>
                }) }
                { field("id_number", t.id_number, html! {
                    <input id="edit-id-number" class={classes!(invalid("id_number"), "mono")}
                        value={form.id_number.clone()} maxlength="20"
                        placeholder={if withheld { t.withheld.write_only.to_owned() } else { res.id_number_masked.as_deref().map(r.id_keep).unwrap_or_else(|| t.id_number_placeholder.to_owned()) }}
                        oninput={input("id_number", MemberForm::set_id_number)} />
                }) }
                { field("gender", t.gender, html! {
                    <select id="edit-gender" class={invalid("gender")}
                        onchange={select("gender", |f, v| f.gender = Gender::from_code(&v))}>
                        // no gender chosen keeps one a newer Linli wrote: the option says which
                        <option value="" selected={form.gender.is_none()}>{
                            match &res.gender_code {
                                Some(code) => (t.unknown_code)(code),
                                None => t.not_given.to_owned(),
                            }
                        }</option>
                        { for Gender::ALL.iter().map(|g| html! {
                            <option value={g.code()} selected={form.gender == Some(*g)}>{(t.gender_label)(*g)}</option>
                        }) }
                    </select>
                }) }
                { field("birth_date", t.birth_date, html! {
                    <input id="edit-birth-date" class={invalid("birth_date")} value={form.birth_date.clone()}
                        placeholder="1988-03-15" oninput={input("birth_date", |f, v| f.birth_date = v)} />
                }) }
                { field("phone", t.phone, html! {
                    <input id="edit-phone" class={invalid("phone")} value={form.phone.clone()}
                        placeholder={if withheld { t.withheld.write_only.to_owned() } else { res.phone_masked.as_deref().map(r.phone_keep).unwrap_or_else(|| t.phone_placeholder.to_owned()) }}
                        oninput={input("phone", |f, v| f.phone = v)} />
                }) }
                { field("moved_in", t.moved_in, html! {
                    <input id="edit-moved-in" class={invalid("moved_in")} value={form.moved_in.clone()}
                        placeholder="2020-05-01" oninput={input("moved_in", |f, v| f.moved_in = v)} />
                }) }
                { field("moved_out", r.moved_out, html! {
                    <input id="edit-moved-out" class={invalid("moved_out")} value={form.moved_out.clone()}
                        placeholder={r.moved_out_hint} oninput={input("moved_out", |f, v| f.moved_out = v)} />
                }) }
            </div>
            <CareField id="edit-care-tags" tags={form.care_tags.clone()} party_member={form.party_member}
                {on_toggle} {on_party} />
            { field("notes", t.notes, html! {
                <textarea id="edit-notes" class={classes!(invalid("notes"), "textarea")} rows="2"
                    value={form.notes.clone()} placeholder={r.notes_placeholder} oninput={on_notes} />
            }) }
            { for other_errors.iter().map(|msg| html! { <p class="field-error" role="alert">{msg}</p> }) }
            if let Some(msg) = &*duplicate {
                <div class="alert alert-warn" id="edit-duplicate" role="alert">
                    <p>{msg}</p>
                    <button type="button" class="btn" id="edit-accept-duplicate" onclick={on_accept}>
                        {t.save_anyway}
                    </button>
                </div>
            }
            <div class="form-actions">
                <button id="edit-save" class="btn btn-primary" type="submit" disabled={*busy}>
                    {if *busy { t.saving } else { r.save }}
                </button>
                <button id="edit-cancel" class="btn" type="button" onclick={on_cancel}>{t.cancel}</button>
            </div>
        </form>
    }
}
