//! 预约: a household placed in a kind's queue (refused while it has a loan long overdue); the
//! queue per kind with each hold's place or its copy set aside and pickup deadline; a ready hold
//! lent in one click (the copy set aside, to that household); cancel.

use linli_domain::lending::HoldState;
use linli_domain::Id;
use linli_protocol::{ApiError, CancelHold, Hold, Lend, ListHolds, PlaceHold};
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::{error_line, Borrower, BorrowerPicker, StationProps};
use crate::hooks::use_texts;
use crate::ipc;

#[function_component(Holds)]
pub fn holds(p: &StationProps) -> Html {
    let t = use_texts();
    let l = &t.lending;
    let borrower = use_state(|| None as Option<Borrower>);
    let kind = use_state(|| None as Option<Id>);
    let list = use_state(|| None as Option<Result<Vec<Hold>, ApiError>>);
    let said = use_state(|| None as Option<Result<String, ApiError>>);
    let generation = use_state(|| 0u32);
    let community = p.community;
    {
        let list = list.clone();
        use_effect_with((community, *generation), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                list.set(Some(
                    ipc::call(&ListHolds {
                        community_id: community,
                        kind_id: None,
                    })
                    .await,
                ));
            });
        });
    }
    // after any change: the queue read again, the page's kinds too
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
    let on_borrower = {
        let borrower = borrower.clone();
        Callback::from(move |b: Option<Borrower>| borrower.set(b))
    };
    let on_kind = {
        let kind = kind.clone();
        Callback::from(move |e: Event| {
            kind.set(
                e.target_unchecked_into::<HtmlSelectElement>()
                    .value()
                    .parse()
                    .ok(),
            )
        })
    };
    let place = {
        let (borrower, kind, after) = (borrower.clone(), kind.clone(), after.clone());
        Callback::from(move |_| {
            let after = after.clone();
            let (Some(b), Some(k)) = ((*borrower).clone(), *kind) else {
                after(Err(ApiError::new(
                    linli_protocol::ErrorKind::Invalid,
                    if borrower.is_none() {
                        l.borrower_first
                    } else {
                        l.hold_kind
                    }
                    .to_owned(),
                )));
                return;
            };
            wasm_bindgen_futures::spawn_local(async move {
                let r = ipc::call(&PlaceHold {
                    kind_id: k,
                    household_id: b.household_id,
                    resident_id: b.resident_id,
                })
                .await;
                after(r.map(|h| (l.placed)(&h.kind_name)));
            });
        })
    };
    let cancel = |h: &Hold| {
        let (id, after) = (h.id, after.clone());
        Callback::from(move |_| {
            let after = after.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let r = ipc::call(&CancelHold { hold_id: id }).await;
                after(r.map(|h| (l.hold_state)(h.state).to_owned()));
            });
        })
    };
    let fulfil = |h: &Hold| {
        let (household, resident, code, after) = (
            h.household_id,
            h.resident_id,
            h.copy_code.clone().unwrap_or_default(),
            after.clone(),
        );
        Callback::from(move |_| {
            let (after, code) = (after.clone(), code.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let r = ipc::call(&Lend {
                    community_id: community,
                    household_id: household,
                    resident_id: resident,
                    codes: vec![code.clone()],
                    due: None,
                    approved_by: String::new(),
                    deposit_volunteer_id: None,
                    note: String::new(),
                })
                .await;
                after(r.map(|_| (l.fulfilled)(&code)));
            });
        })
    };
    let rows = match &*list {
        Some(Ok(holds)) => holds
            .iter()
            .map(|h| {
                let ready = h.state == HoldState::Ready;
                html! {
                    <tr id={format!("hold-{}", h.id)}>
                        <td>{h.kind_name.clone()}</td>
                        <td>{h.household.clone()}</td>
                        <td>{h.placed_on.clone()}</td>
                        <td>{(l.hold_state)(h.state)}</td>
                        <td>{h.position.map(|n| n.to_string()).unwrap_or_default()}</td>
                        <td class="mono">{h.copy_code.clone().unwrap_or_default()}</td>
                        <td>{h.pickup_by.clone().unwrap_or_default()}</td>
                        <td class="row-actions">
                            if ready {
                                <button class="btn btn-small btn-primary" id={format!("hold-fulfil-{}", h.id)} onclick={fulfil(h)}>{l.fulfil}</button>
                            }
                            <button class="btn btn-small" id={format!("hold-cancel-{}", h.id)} onclick={cancel(h)}>{l.cancel}</button>
                        </td>
                    </tr>
                }
            })
            .collect::<Html>(),
        _ => html! {},
    };
    html! {
        <>
        <div class="panel">
            <h2>{l.place_hold}</h2>
            <div class="form-row">
                <BorrowerPicker prefix="hold" chosen={(*borrower).clone()} on_choose={on_borrower} />
                <label class="field">
                    <span class="label">{l.hold_kind}</span>
                    <select class="input" id="hold-kind" onchange={on_kind}>
                        <option value="" selected={kind.is_none()}>{l.choose}</option>
                        { for p.kinds.iter().filter(|k| !k.fields.consumable).map(|k| html! {
                            <option value={k.id.to_string()} selected={Some(k.id) == *kind}>
                                {format!("{} ({}/{})", k.fields.name, k.on_shelf, k.copies)}
                            </option>
                        }) }
                    </select>
                </label>
                <button class="btn btn-primary" id="hold-place" onclick={place}>{l.place_hold}</button>
            </div>
            { match &*said {
                Some(Ok(m)) => html! { <p class="notice" id="hold-msg" role="status">{m.clone()}</p> },
                Some(Err(e)) => error_line(e, "hold-error"),
                None => html! {},
            } }
        </div>
        <div class="panel">
            <h2>{l.holds_title}</h2>
            { match &*list {
                None => html! { <p class="muted">{l.loading}</p> },
                Some(Err(e)) => error_line(e, "holds-error"),
                Some(Ok(h)) if h.is_empty() => html! { <p class="empty" id="holds-empty">{l.no_holds}</p> },
                Some(Ok(_)) => html! {
                    <table class="table" id="holds-list">
                        <thead><tr>
                            <th>{l.col_kind}</th><th>{l.col_household}</th><th>{l.col_placed}</th>
                            <th>{l.col_status}</th><th>{l.col_queue}</th><th>{l.col_code}</th>
                            <th>{l.col_pickup}</th><th>{l.col_actions}</th>
                        </tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                },
            } }
        </div>
        </>
    }
}
