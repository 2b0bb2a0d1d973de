//! 管理 → 用户: the users the administrator manages, with their role, places and status, and per
//! user: disable or enable, reset the password, add a place picked from the tree, remove a place.
//! One user's form is open at a time.

use linli_domain::Id;
use linli_protocol::admin::{AdminAction, AdminOverview, AdminUser};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::{place_name, Names};
use crate::components::place_picker::PlacePicker;
use crate::hooks::use_texts;

#[derive(Properties, PartialEq)]
pub struct UsersProps {
    pub overview: AdminOverview,
    pub names: Names,
    pub on_act: Callback<AdminAction>,
    pub busy: bool,
    /// Bumped after each action that succeeded: the open form closes.
    pub done: u32,
}

/// The form open under one user.
#[derive(Debug, Clone, PartialEq)]
enum Open {
    Password(String),
    Place(String),
}

#[function_component(Users)]
pub fn users(props: &UsersProps) -> Html {
    let t = use_texts();
    let open = use_state(|| None as Option<Open>);
    let password = use_state(String::new);
    let place = use_state(|| None as Option<Id>);
    {
        let (open, password, place) = (open.clone(), password.clone(), place.clone());
        use_effect_with(props.done, move |_| {
            open.set(None);
            password.set(String::new());
            place.set(None);
        });
    }
    let row = |i: usize, u: &AdminUser| {
        let name = u.name.clone();
        let act = props.on_act.clone();
        let toggle = {
            let (act, name, disabled) = (act.clone(), name.clone(), u.disabled);
            Callback::from(move |_| {
                act.emit(AdminAction::SetDisabled {
                    name: name.clone(),
                    disabled: !disabled,
                })
            })
        };
        let open_form = |form: Open| {
            let (open, password, place) = (open.clone(), password.clone(), place.clone());
            Callback::from(move |_| {
                password.set(String::new());
                place.set(None);
                open.set(Some(form.clone()));
            })
        };
        let places = if u.county_wide {
            html! { <span class="chip chip-tag">{t.admin.whole_county}</span> }
        } else {
            html! {
                <span class="chips">
                { for u.grants.iter().map(|g| {
                    let remove = {
                        let (act, name, g) = (act.clone(), name.clone(), *g);
                        Callback::from(move |_| act.emit(AdminAction::RevokeGrants {
                            name: name.clone(),
                            places: vec![g],
                        }))
                    };
                    html! {
                        <span class="chip">
                            {place_name(&props.names, g)}
                            if u.grants.len() > 1 {
                                <button type="button" class="admin-chip-x"
                                    title={t.admin.remove_place} aria-label={t.admin.remove_place}
                                    disabled={props.busy} onclick={remove}>{"×"}</button>
                            }
                        </span>
                    }
                }) }
                </span>
            }
        };
        let form = match &*open {
            Some(Open::Password(n)) if *n == name => {
                let on_input = {
                    let password = password.clone();
                    Callback::from(move |e: InputEvent| {
                        password.set(e.target_unchecked_into::<HtmlInputElement>().value())
                    })
                };
                let on_submit = {
                    let (act, name, password) = (act.clone(), name.clone(), password.clone());
                    Callback::from(move |e: SubmitEvent| {
                        e.prevent_default();
                        act.emit(AdminAction::ResetPassword {
                            name: name.clone(),
                            password: (*password).clone(),
                        })
                    })
                };
                let cancel = {
                    let open = open.clone();
                    Callback::from(move |_| open.set(None))
                };
                html! {
                    <tr class="admin-form-row"><td colspan="5">
                        <form class="form-actions" id="admin-password-form" onsubmit={on_submit}>
                            <label class="field">
                                <span class="label">{t.admin.new_password}</span>
                                <input id="admin-new-password" class="input" type="password"
                                    autocomplete="new-password" value={(*password).clone()}
                                    oninput={on_input} />
                            </label>
                            <button type="submit" class="btn btn-primary" id="admin-password-save"
                                disabled={props.busy}>{t.admin.save_password}</button>
                            <button type="button" class="btn" onclick={cancel}>{t.admin.cancel}</button>
                        </form>
                    </td></tr>
                }
            }
            Some(Open::Place(n)) if *n == name => {
                let on_pick = {
                    let place = place.clone();
                    Callback::from(move |p: Option<Id>| place.set(p))
                };
                let on_submit = {
                    let (act, name, place) = (act.clone(), name.clone(), place.clone());
                    Callback::from(move |e: SubmitEvent| {
                        e.prevent_default();
                        act.emit(AdminAction::Grant {
                            name: name.clone(),
                            places: place.iter().copied().collect(),
                        })
                    })
                };
                let cancel = {
                    let open = open.clone();
                    Callback::from(move |_| open.set(None))
                };
                html! {
                    <tr class="admin-form-row"><td colspan="5">
                        <form class="form-actions" id="admin-place-form" onsubmit={on_submit}>
                            <PlacePicker id="admin-add-place" label={t.admin.place}
                                blank={t.admin.choose} onchange={on_pick} />
                            <button type="submit" class="btn btn-primary" id="admin-place-save"
                                disabled={props.busy}>{t.admin.add_place_save}</button>
                            <button type="button" class="btn" onclick={cancel}>{t.admin.cancel}</button>
                        </form>
                    </td></tr>
                }
            }
            _ => html! {},
        };
        html! {
            <>
            <tr id={format!("admin-user-{i}")} data-user={name.clone()}
                class={classes!(u.disabled.then_some("moved-out"))}>
                <td class="admin-user-name">{&u.name}</td>
                <td>{(t.admin.role)(u.role)}</td>
                <td>{places}</td>
                <td class="admin-user-status">
                    { if u.disabled { t.admin.disabled } else { t.admin.active } }
                </td>
                <td><span class="form-actions admin-actions">
                    <button type="button" class="btn btn-small admin-toggle" disabled={props.busy}
                        onclick={toggle}>
                        { if u.disabled { t.admin.enable } else { t.admin.disable } }
                    </button>
                    <button type="button" class="btn btn-small admin-reset"
                        onclick={open_form(Open::Password(name.clone()))}>{t.admin.reset}</button>
                    if !u.county_wide {
                        <button type="button" class="btn btn-small admin-add-place"
                            onclick={open_form(Open::Place(name.clone()))}>{t.admin.add_place}</button>
                    }
                </span></td>
            </tr>
            {form}
            </>
        }
    };
    html! {
        <div class="admin-section" id="admin-users">
            <h2>{t.admin.users}</h2>
            <table class="table" id="admin-users-table">
                <thead><tr>
                    <th>{t.admin.col_name}</th>
                    <th>{t.admin.col_role}</th>
                    <th>{t.admin.col_places}</th>
                    <th>{t.admin.col_status}</th>
                    <th>{t.admin.col_actions}</th>
                </tr></thead>
                <tbody>
                    { for props.overview.users.iter().enumerate().map(|(i, u)| row(i, u)) }
                </tbody>
            </table>
        </div>
    }
}
