//! 管理 → 新建用户: a name, a role, a first password and the place to work in, picked from the
//! place tree. The server checks everything (a name taken, a short password, a place outside the
//! administrator's grants) and says what is wrong; nothing is created then.

use linli_domain::Id;
use linli_protocol::admin::AdminAction;
use linli_protocol::sync::Role;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::components::place_picker::PlacePicker;
use crate::hooks::use_texts;

#[derive(Properties, PartialEq)]
pub struct NewUserProps {
    pub on_act: Callback<AdminAction>,
    pub busy: bool,
    /// Bumped after each action that succeeded: the form empties itself.
    pub done: u32,
}

#[function_component(NewUser)]
pub fn new_user(props: &NewUserProps) -> Html {
    let t = use_texts();
    let name = use_state(String::new);
    let role = use_state(|| Role::GridWorker);
    let password = use_state(String::new);
    let place = use_state(|| None as Option<Id>);
    // a new picker after each creation: its selects go back to blank
    let picker = use_state(|| 0u32);
    {
        let (name, password, place, picker) = (
            name.clone(),
            password.clone(),
            place.clone(),
            picker.clone(),
        );
        use_effect_with(props.done, move |_| {
            name.set(String::new());
            password.set(String::new());
            place.set(None);
            picker.set(*picker + 1);
        });
    }
    let text = |state: &UseStateHandle<String>| {
        let state = state.clone();
        Callback::from(move |e: InputEvent| {
            state.set(e.target_unchecked_into::<HtmlInputElement>().value())
        })
    };
    let on_role = {
        let role = role.clone();
        Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<HtmlSelectElement>().value();
            role.set(Role::from_code(&v).unwrap_or(Role::GridWorker));
        })
    };
    let on_place = {
        let place = place.clone();
        Callback::from(move |p: Option<Id>| place.set(p))
    };
    let on_submit = {
        let (act, name, role, password, place) = (
            props.on_act.clone(),
            name.clone(),
            role.clone(),
            password.clone(),
            place.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            act.emit(AdminAction::AddUser {
                name: (*name).clone(),
                role: *role,
                password: (*password).clone(),
                grants: place.iter().copied().collect(),
            })
        })
    };
    html! {
        <div class="admin-section" id="admin-new-user">
            <h2>{t.admin.new_user}</h2>
            <form class="form" id="admin-new-user-form" onsubmit={on_submit}>
                <label class="field">
                    <span class="label">{t.admin.name}</span>
                    <input id="admin-new-name" class="input" type="text" autocomplete="off"
                        value={(*name).clone()} oninput={text(&name)} />
                    <small class="muted">{t.admin.name_hint}</small>
                </label>
                <label class="field">
                    <span class="label">{t.admin.col_role}</span>
                    <select id="admin-new-role" class="input" onchange={on_role}>
                        { for Role::ALL.iter().map(|r| html! {
                            <option value={r.code()} selected={*r == *role}>{(t.admin.role)(*r)}</option>
                        }) }
                    </select>
                </label>
                <label class="field">
                    <span class="label">{t.admin.password}</span>
                    <input id="admin-new-password-first" class="input" type="password"
                        autocomplete="new-password" value={(*password).clone()}
                        oninput={text(&password)} />
                    <small class="muted">{t.admin.password_hint}</small>
                </label>
                <PlacePicker key={*picker} id="admin-new-place" label={t.admin.place}
                    blank={t.admin.choose} onchange={on_place} />
                <p class="form-actions">
                    <button type="submit" class="btn btn-primary" id="admin-create"
                        disabled={props.busy}>{t.admin.create}</button>
                </p>
            </form>
        </div>
    }
}
