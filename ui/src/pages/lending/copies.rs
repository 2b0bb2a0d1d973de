//! The copies of one kind: status (derived), condition, where it is kept, the next service due;
//! the service desk per copy (to maintenance and back, inspect, clean, repair, retire, lost,
//! found) with its log; its photos (those taken as it came back too); a copy added, with the
//! points its donor earns; and its QR label to print.

use linli_domain::lending::CopyAction;
use linli_domain::Id;
use linli_protocol::{
    AddLendCopy, ApiError, CopyLog, LendCopy, LendCopyFields, LendKind, ListLendCopies,
    ServiceCopy, ServiceEntry,
};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::error_line;
use super::payer::VolunteerSelect;
use super::photos::CopyPhotos;
use super::qr::QrLabel;
use crate::hooks::use_texts;
use crate::ipc;

#[derive(Properties, PartialEq)]
pub struct CopiesProps {
    pub community: Id,
    pub kind: LendKind,
    pub reload: Callback<()>,
}

/// The copy form: code, serial, condition, location, value, donor unit, donor points.
type CopyForm = [String; 7];

fn fields_of(f: &CopyForm, l: &crate::i18n::LendingTexts) -> Result<LendCopyFields, String> {
    if f[0].trim().is_empty() {
        return Err(l.err_code.to_owned());
    }
    let value = match f[4].trim() {
        "" => None,
        v => Some(v.parse().map_err(|_| (l.err_number)(l.value))?),
    };
    Ok(LendCopyFields {
        code: f[0].trim().to_owned(),
        serial: f[1].trim().to_owned(),
        condition: f[2].trim().to_owned(),
        location: f[3].trim().to_owned(),
        value,
        donor_resident_id: None,
        donor_unit: f[5].trim().to_owned(),
    })
}

#[function_component(Copies)]
pub fn copies(p: &CopiesProps) -> Html {
    let t = use_texts();
    let l = &t.lending;
    let gone = use_state(|| false);
    let list = use_state(|| None as Option<Result<Vec<LendCopy>, ApiError>>);
    let generation = use_state(|| 0u32);
    let said = use_state(|| None as Option<Result<String, ApiError>>);
    let log = use_state(|| None as Option<(String, Vec<ServiceEntry>)>);
    let label = use_state(|| None as Option<String>);
    let photos = use_state(|| None as Option<(Id, String)>);
    // the volunteer credited with points for a donated copy
    let donor = use_state(|| None as Option<Id>);
    let form = use_state(|| None as Option<CopyForm>);
    let actions = use_state(std::collections::HashMap::<Id, String>::new);
    let (community, kind_id) = (p.community, p.kind.id);
    {
        let list = list.clone();
        use_effect_with((kind_id, *gone, *generation), move |(_, gone, _)| {
            let include_gone = *gone;
            wasm_bindgen_futures::spawn_local(async move {
                list.set(Some(
                    ipc::call(&ListLendCopies {
                        community_id: community,
                        kind_id: Some(kind_id),
                        include_gone,
                    })
                    .await,
                ));
            });
        });
    }
    let after = {
        let (said, generation, reload) = (said.clone(), generation.clone(), p.reload.clone());
        move |r: Result<String, ApiError>| {
            if r.is_ok() {
                generation.set(*generation + 1);
                reload.emit(());
            }
            said.set(Some(r));
        }
    };
    let rows = match &*list {
        Some(Ok(copies)) => copies
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let id = c.id;
                let on_action = {
                    let actions = actions.clone();
                    Callback::from(move |e: Event| {
                        let mut next = (*actions).clone();
                        next.insert(id, e.target_unchecked_into::<HtmlSelectElement>().value());
                        actions.set(next);
                    })
                };
                let chosen = actions
                    .get(&id)
                    .cloned()
                    .unwrap_or_else(|| CopyAction::Maintenance.code().to_owned());
                let go = {
                    let (after, chosen, code) = (after.clone(), chosen.clone(), c.fields.code.clone());
                    Callback::from(move |_| {
                        let (after, action, code) = (after.clone(), CopyAction::read(&chosen), code.clone());
                        wasm_bindgen_futures::spawn_local(async move {
                            let r = ipc::call(&ServiceCopy {
                                copy_id: id,
                                action,
                                note: String::new(),
                                next_due: None,
                            })
                            .await;
                            after(r.map(|c| format!("{code} · {}", (l.status)(c.status))));
                        });
                    })
                };
                let show_log = {
                    let (log, code) = (log.clone(), c.fields.code.clone());
                    Callback::from(move |_| {
                        let (log, code) = (log.clone(), code.clone());
                        wasm_bindgen_futures::spawn_local(async move {
                            let lines = ipc::call(&CopyLog { copy_id: id }).await.unwrap_or_default();
                            log.set(Some((code, lines)));
                        });
                    })
                };
                let show_label = {
                    let (label, code) = (label.clone(), c.fields.code.clone());
                    Callback::from(move |_| label.set(Some(code.clone())))
                };
                let show_photos = {
                    let (photos, code) = (photos.clone(), c.fields.code.clone());
                    Callback::from(move |_| photos.set(Some((id, code.clone()))))
                };
                html! {
                    <tr id={format!("copy-{}", c.fields.code)}>
                        <td class="mono">{c.fields.code.clone()}</td>
                        <td>{(l.status)(c.status)}</td>
                        <td>{c.fields.condition.clone()}</td>
                        <td>{c.fields.location.clone()}</td>
                        <td>{c.next_service.clone().unwrap_or_default()}</td>
                        <td class="row-actions">
                            <select class="input" id={format!("copy-action-{i}")} onchange={on_action}>
                            { for CopyAction::ALL.iter().map(|a| html! {
                                <option value={a.code()} selected={a.code() == chosen}>{(l.action)(*a)}</option>
                            }) }
                            </select>
                            <button class="btn btn-small" id={format!("copy-go-{i}")} onclick={go}>{"✓"}</button>
                            <button class="btn btn-small" id={format!("copy-log-{i}")} onclick={show_log}>{l.log}</button>
                            <button class="btn btn-small" id={format!("copy-label-{i}")} onclick={show_label}>{l.label}</button>
                            <button class="btn btn-small" id={format!("copy-photos-{i}")} onclick={show_photos}>{l.photos}</button>
                        </td>
                    </tr>
                }
            })
            .collect::<Html>(),
        _ => html! {},
    };
    let copy_form = form.as_ref().map(|f| {
        let names = [
            l.col_code,
            l.serial,
            l.condition,
            l.location,
            l.value,
            l.donor_unit,
            l.donor_points,
        ];
        let ids = [
            "copy-code",
            "copy-serial",
            "copy-condition",
            "copy-location",
            "copy-value",
            "copy-donor",
            "copy-donor-points",
        ];
        let inputs = (0..7).map(|i| {
            let oninput = {
                let (form, cur) = (form.clone(), f.clone());
                Callback::from(move |e: InputEvent| {
                    let mut next = cur.clone();
                    next[i] = e.target_unchecked_into::<HtmlInputElement>().value();
                    form.set(Some(next));
                })
            };
            html! {
                <label class="field">
                    <span class="label">{names[i]}</span>
                    <input class="input" id={ids[i]} value={f[i].clone()} {oninput} />
                </label>
            }
        });
        let save = {
            let (form, after, cur, donor) = (form.clone(), after.clone(), f.clone(), *donor);
            Callback::from(move |_| {
                let fields = match fields_of(&cur, l) {
                    Ok(x) => x,
                    Err(m) => {
                        after(Err(ApiError::new(linli_protocol::ErrorKind::Invalid, m)));
                        return;
                    }
                };
                let donor_points = match cur[6].trim() {
                    "" => 0,
                    v => match v.parse::<i64>() {
                        Ok(n) => n,
                        Err(_) => {
                            let m = (l.err_number)(l.donor_points);
                            after(Err(ApiError::new(linli_protocol::ErrorKind::Invalid, m)));
                            return;
                        }
                    },
                };
                let (form, after) = (form.clone(), after.clone());
                wasm_bindgen_futures::spawn_local(async move {
                    let r = ipc::call(&AddLendCopy {
                        kind_id,
                        fields,
                        donor_points,
                        donor_volunteer_id: donor,
                    })
                    .await;
                    if r.is_ok() {
                        form.set(None);
                    }
                    after(r.map(|c| format!("{} · {}", l.saved, c.fields.code)));
                });
            })
        };
        html! {
            <div class="form-row" id="copy-form">
                { for inputs }
                <VolunteerSelect id="copy-donor-volunteer" label={l.donor_volunteer} {community}
                    chosen={*donor} on_choose={{
                        let donor = donor.clone();
                        Callback::from(move |v: Option<Id>| donor.set(v))
                    }} />
                <button class="btn btn-primary" id="copy-save" onclick={save}>{l.save}</button>
            </div>
        }
    });
    let new_copy = {
        let form = form.clone();
        Callback::from(move |_| form.set(Some(Default::default())))
    };
    let toggle_gone = {
        let gone = gone.clone();
        Callback::from(move |_| gone.set(!*gone))
    };
    let close_label = {
        let label = label.clone();
        Callback::from(move |_| label.set(None))
    };
    html! {
        <>
        <div class="panel no-print" id="copies">
            <div class="panel-head">
                <h2>{(l.copies_of)(&p.kind.fields.name)}</h2>
                <label class="check"><input type="checkbox" id="copies-gone" checked={*gone} onchange={toggle_gone} />{l.show_gone}</label>
                <button class="btn" id="copy-new" onclick={new_copy}>{l.add_copy}</button>
            </div>
            {copy_form}
            { match &*said {
                Some(Ok(m)) => html! { <p class="notice" id="copy-msg">{m.clone()}</p> },
                Some(Err(e)) => error_line(e, "copy-error"),
                None => html! {},
            } }
            { match &*list {
                None => html! { <p class="muted">{l.loading}</p> },
                Some(Err(e)) => error_line(e, "copies-error"),
                Some(Ok(_)) => html! {
                    <table class="table" id="copies-list">
                        <thead><tr>
                            <th>{l.col_code}</th><th>{l.col_status}</th><th>{l.col_condition}</th>
                            <th>{l.col_location}</th><th>{l.col_next}</th><th>{l.col_actions}</th>
                        </tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                },
            } }
            if let Some((code, lines)) = &*log {
                <div class="lend-log" id="copy-log">
                    <h3>{format!("{} · {code}", l.log)}</h3>
                    if lines.is_empty() { <p class="empty">{l.no_log}</p> }
                    <ul>
                    { for lines.iter().map(|e| html! {
                        <li>{format!("{} {} {}", e.date, (l.action)(e.action), e.note)}
                            if let Some(d) = &e.next_due { <span class="muted">{format!(" · {} {d}", l.col_next)}</span> }
                        </li>
                    }) }
                    </ul>
                </div>
            }
        </div>
        if let Some((copy, code)) = &*photos {
            <div class="panel no-print">
                <CopyPhotos id={*copy} title={(l.copy_photos)(code)} />
            </div>
        }
        if let Some(code) = &*label {
            <div class="panel lend-label-panel">
                <QrLabel code={code.clone()} kind={p.kind.fields.name.clone()} />
                <div class="row-actions no-print">
                    <crate::components::print::PrintButton id="label-print" class={classes!("btn")} label={l.print_label} />
                    <button class="btn btn-small" id="label-close" onclick={close_label}>{l.close}</button>
                </div>
            </div>
        }
        </>
    }
}
