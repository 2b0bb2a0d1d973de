//! The members of a household: masked ID number and phone with a reveal each, care tags and the
//! 党员 flag, editing a member in place (under their row), and moving a member out on a date.
//! Moved-out members stay, greyed.

use linli_domain::Id;
use linli_protocol::{MoveOutResident, Resident, RevealField};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::clock::today;
use crate::components::chips::CareChips;
use crate::components::masked_value::MaskedValue;
use crate::hooks::use_texts;
use crate::ipc;

use super::edit_member::EditMember;
use crate::components::toast::Toast;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub members: Vec<Resident>,
    /// The whole household has moved out: no more moving members.
    pub household_out: bool,
    pub on_changed: Callback<()>,
}

#[function_component(Members)]
pub fn members(props: &Props) -> Html {
    let t = use_texts();
    // the member being moved out, and the date typed for it
    let moving = use_state(|| None as Option<Id>);
    let date = use_state(String::new);
    let error = use_state(|| None as Option<String>);
    // the member being edited, and what the last save said
    let editing = use_state(|| None as Option<Id>);
    let notice = use_state(|| None as Option<String>);

    let start = |id: Id| {
        let (moving, date, error) = (moving.clone(), date.clone(), error.clone());
        Callback::from(move |_| {
            date.set(today());
            error.set(None);
            moving.set(Some(id));
        })
    };
    let cancel = {
        let moving = moving.clone();
        Callback::from(move |_| moving.set(None))
    };
    let start_edit = |id: Id| {
        let (editing, moving, notice) = (editing.clone(), moving.clone(), notice.clone());
        Callback::from(move |_| {
            moving.set(None);
            notice.set(None);
            editing.set(Some(id));
        })
    };
    let stop_edit = {
        let editing = editing.clone();
        Callback::from(move |()| editing.set(None))
    };
    let edited = {
        let (editing, notice, on_changed) =
            (editing.clone(), notice.clone(), props.on_changed.clone());
        Callback::from(move |msg: String| {
            editing.set(None);
            notice.set(Some(msg));
            on_changed.emit(());
        })
    };
    // Esc in the move-out line closes it, as 取消 does
    let on_move_key = {
        let moving = moving.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                moving.set(None);
            }
        })
    };
    let on_date = {
        let date = date.clone();
        Callback::from(move |e: InputEvent| {
            date.set(e.target_unchecked_into::<HtmlInputElement>().value())
        })
    };
    let confirm = {
        let (moving, date, error, on_changed) = (
            moving.clone(),
            date.clone(),
            error.clone(),
            props.on_changed.clone(),
        );
        Callback::from(move |_| {
            let Some(id) = *moving else { return };
            let req = MoveOutResident {
                id,
                date: (*date).clone(),
            };
            let (moving, error, on_changed) = (moving.clone(), error.clone(), on_changed.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match ipc::call(&req).await {
                    Ok(_) => {
                        moving.set(None);
                        on_changed.emit(());
                    }
                    Err(e) => error.set(Some(crate::i18n::say(&e))),
                }
            });
        })
    };

    html! {
        <div class="panel" id="members">
            <div class="panel-head">
                <h2 class="panel-title">{t.members_title}</h2>
                if let Some(n) = &*notice {
                    <Toast id="member-edit-notice" text={n.clone()} />
                }
            </div>
            if props.members.is_empty() {
                <p class="empty">{t.no_members}</p>
            } else {
                <table class="table" id="member-list">
                    <thead>
                        <tr>
                            <th>{t.name}</th>
                            <th>{t.gender_birth}</th>
                            <th>{t.id_number}</th>
                            <th>{t.phone}</th>
                            <th>{t.care_tags}</th>
                            <th></th>
                        </tr>
                    </thead>
                    <tbody>
                    // every row keyed by its resident: a row's state (a revealed number) stays
                    // with the resident when a reload reorders the members
                    { for props.members.iter().flat_map(|m| {
                        let out = m.moved_out.is_some();
                        // a gender a newer Linli wrote is shown as unknown with its code
                        let gender = match (&m.gender_code, m.gender) {
                            (Some(code), _) => (t.unknown_code)(code),
                            (None, g) => g.map(t.gender_label).unwrap_or("—").to_owned(),
                        };
                        let mut rows = vec![html! {
                            <tr key={m.id.to_string()} class={classes!("member-row", out.then_some("moved-out"))}
                                data-name={m.name.clone()}>
                                <td>
                                    <span class="member-name">{&m.name}</span>
                                    <span class="chip chip-relation" data-relation={m.relation.clone()}>{(t.resident.relation)(&m.relation)}</span>
                                </td>
                                <td>{gender}{" · "}{m.birth_date.as_deref().unwrap_or("—")}</td>
                                <td class="member-id">
                                    <MaskedValue resident_id={m.id} field={RevealField::IdNumber}
                                        masked={m.id_number_masked.clone()} />
                                </td>
                                <td class="member-phone">
                                    <MaskedValue resident_id={m.id} field={RevealField::Phone}
                                        masked={m.phone_masked.clone()} />
                                </td>
                                <td><span class="chips">
                                    <CareChips tags={m.care_tags.clone()} party_member={m.party_member} />
                                </span></td>
                                <td class="actions">
                                    if let Some(day) = &m.moved_out {
                                        <span class="chip chip-out">{(t.moved_out_on)(day)}</span>
                                    }
                                    if *editing != Some(m.id) {
                                        <button class="btn-link edit-member" onclick={start_edit(m.id)}
                                            title={t.resident.edit_hint}>{t.resident.edit}</button>
                                    }
                                    if m.moved_out.is_none() && !props.household_out && *moving != Some(m.id) {
                                        <button class="btn-link move-out" onclick={start(m.id)}>{t.move_out}</button>
                                    }
                                </td>
                            </tr>
                        }];
                        if *editing == Some(m.id) {
                            rows.push(html! {
                                <tr key={format!("{}-edit", m.id)} class="member-edit-row">
                                    <td colspan="6">
                                        <EditMember resident={m.clone()} on_saved={edited.clone()}
                                            on_cancel={stop_edit.clone()} />
                                    </td>
                                </tr>
                            });
                        }
                        if *moving == Some(m.id) {
                            rows.push(html! {
                                <tr key={format!("{}-out", m.id)} class="member-move-out">
                                    <td colspan="6">
                                        <span class="inline-form" onkeydown={on_move_key.clone()}>
                                            <span>{(t.move_out_member)(&m.name)}</span>
                                            <input class="input input-date" type="date" value={(*date).clone()}
                                                oninput={on_date.clone()} aria-label={t.move_out_date} />
                                            <button class="btn btn-danger btn-small" onclick={confirm.clone()}>{t.confirm_move_out}</button>
                                            <button class="btn btn-small" onclick={cancel.clone()}>{t.cancel}</button>
                                            if let Some(e) = &*error {
                                                <span class="field-error">{e}</span>
                                            }
                                        </span>
                                    </td>
                                </tr>
                            });
                        }
                        rows
                    }) }
                    </tbody>
                </table>
            }
        </div>
    }
}
