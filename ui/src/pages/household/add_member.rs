//! "添加成员": name, relation, ID number (a valid one fills gender and birth date), phone, care
//! tags and the moved-in date, each checked as it is typed with the domain's validators. A store
//! error shows next to its field; "possible duplicate" asks before saving anyway.

use linli_domain::register::RELATIONS;
use linli_domain::{Gender, Id};
use linli_protocol::{AddResident, ErrorKind};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::forms::{error_field, Errors, MemberForm};
use crate::hooks::use_texts;
use crate::ipc;

use super::care_field::CareField;
use crate::components::toast::Toast;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub household_id: Id,
    /// No member yet: the relation starts at 户主.
    pub first: bool,
    pub on_added: Callback<()>,
}

#[function_component(AddMember)]
pub fn add_member(props: &Props) -> Html {
    let t = use_texts();
    let form = use_state(|| MemberForm::new(props.first));
    // fields the user has typed into (their errors show as they type); all after a save attempt
    let touched = use_state(Vec::<&'static str>::new);
    let submitted = use_state(|| false);
    let server = use_state(Errors::new);
    let duplicate = use_state(|| None as Option<String>);
    let notice = use_state(|| None as Option<String>);
    let busy = use_state(|| false);

    {
        let form = form.clone();
        use_effect_with(props.first, move |first| {
            if form.name.is_empty() {
                form.set(MemberForm::new(*first));
            }
        });
    }

    // one handler per field: update the form, mark the field touched, forget stale store errors
    let edit = |field: &'static str, set: fn(&mut MemberForm, String)| {
        let (form, touched, server, duplicate, notice) = (
            form.clone(),
            touched.clone(),
            server.clone(),
            duplicate.clone(),
            notice.clone(),
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
            let mut s = (*server).clone();
            s.remove(field);
            server.set(s);
            duplicate.set(None);
            notice.set(None);
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

    let save = {
        let (form, touched, submitted, server, duplicate, notice, busy, on_added) = (
            form.clone(),
            touched.clone(),
            submitted.clone(),
            server.clone(),
            duplicate.clone(),
            notice.clone(),
            busy.clone(),
            props.on_added.clone(),
        );
        let household_id = props.household_id;
        Callback::from(move |accept: bool| {
            submitted.set(true);
            if *busy || !form.errors().is_empty() {
                return;
            }
            let req = AddResident {
                household_id,
                fields: form.request(accept),
            };
            let (form, touched, submitted, server, duplicate, notice, busy, on_added) = (
                form.clone(),
                touched.clone(),
                submitted.clone(),
                server.clone(),
                duplicate.clone(),
                notice.clone(),
                busy.clone(),
                on_added.clone(),
            );
            busy.set(true);
            wasm_bindgen_futures::spawn_local(async move {
                match ipc::call(&req).await {
                    Ok(r) => {
                        notice.set(Some((t.member_added)(&r.name)));
                        form.set(MemberForm::new(false));
                        touched.set(Vec::new());
                        submitted.set(false);
                        server.set(Errors::new());
                        duplicate.set(None);
                        on_added.emit(());
                    }
                    Err(e) if e.kind == ErrorKind::PossibleDuplicate => {
                        duplicate.set(Some(crate::i18n::say(&e)))
                    }
                    Err(e) => server.set(Errors::from([(
                        error_field(&e, "id_number"),
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
                    <span id={format!("member-error-{field}")} class="field-error" role="alert">{msg}</span>
                }
            </label>
        }
    };
    let invalid = |f: &str| classes!("input", error_of(f).is_some().then_some("invalid"));
    let on_toggle = {
        let f = edit("care_tags", |f, tag| f.toggle_tag(&tag));
        Callback::from(move |tag: String| f(tag))
    };
    let on_party = {
        let f = edit("party_member", |f, v| f.party_member = v == "1");
        Callback::from(move |on: bool| f(if on { "1" } else { "" }.to_owned()))
    };
    let other_errors: Vec<(String, String)> = server
        .iter()
        .filter(|(k, _)| {
            ![
                "name",
                "relation",
                "id_number",
                "gender",
                "birth_date",
                "phone",
                "moved_in",
            ]
            .contains(&k.as_str())
        })
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();

    html! {
        <form class="panel member-form" id="member-form" onsubmit={on_submit} novalidate=true>
            <h2 class="panel-title">{t.add_member}</h2>
            <div class="form-grid">
                { field("name", t.name, html! {
                    <input id="member-name" class={invalid("name")} value={form.name.clone()}
                        oninput={input("name", |f, v| f.name = v)} />
                }) }
                { field("relation", t.relation, html! {
                    <select id="member-relation" class={invalid("relation")}
                        onchange={select("relation", |f, v| f.relation = v)}>
                        { for RELATIONS.iter().map(|r| html! {
                            <option value={*r} selected={form.relation == *r}>{(t.resident.relation)(r)}</option>
                        }) }
                    </select>
                }) }
                { field("id_number", t.id_number, html! {
                    <input id="member-id-number" class={classes!(invalid("id_number"), "mono")}
                        value={form.id_number.clone()} maxlength="20" placeholder={t.id_number_placeholder}
                        oninput={input("id_number", MemberForm::set_id_number)} />
                }) }
                { field("gender", t.gender, html! {
                    <select id="member-gender" class={invalid("gender")}
                        onchange={select("gender", |f, v| f.gender = Gender::from_code(&v))}>
                        <option value="" selected={form.gender.is_none()}>{t.not_given}</option>
                        { for Gender::ALL.iter().map(|g| html! {
                            <option value={g.code()} selected={form.gender == Some(*g)}>{(t.gender_label)(*g)}</option>
                        }) }
                    </select>
                }) }
                { field("birth_date", t.birth_date, html! {
                    <input id="member-birth-date" class={invalid("birth_date")} value={form.birth_date.clone()}
                        placeholder="1988-03-15" oninput={input("birth_date", |f, v| f.birth_date = v)} />
                }) }
                { field("phone", t.phone, html! {
                    <input id="member-phone" class={invalid("phone")} value={form.phone.clone()}
                        placeholder={t.phone_placeholder} oninput={input("phone", |f, v| f.phone = v)} />
                }) }
                { field("moved_in", t.moved_in, html! {
                    <input id="member-moved-in" class={invalid("moved_in")} value={form.moved_in.clone()}
                        placeholder="2020-05-01" oninput={input("moved_in", |f, v| f.moved_in = v)} />
                }) }
            </div>
            <CareField id="member-care-tags" tags={form.care_tags.clone()} party_member={form.party_member}
                {on_toggle} {on_party} />
            { for other_errors.iter().map(|(_, msg)| html! { <p class="field-error" role="alert">{msg}</p> }) }
            if let Some(msg) = &*duplicate {
                <div class="alert alert-warn" id="member-duplicate" role="alert">
                    <p>{msg}</p>
                    <button type="button" class="btn" id="member-accept-duplicate" onclick={on_accept}>
                        {t.save_anyway}
                    </button>
                </div>
            }
            <div class="form-actions">
                <button id="member-save" class="btn btn-primary" type="submit" disabled={*busy}>
                    {if *busy { t.saving } else { t.save_member }}
                </button>
                if let Some(n) = &*notice {
                    <Toast id="member-notice" text={n.clone()} />
                }
            </div>
        </form>
    }
}
