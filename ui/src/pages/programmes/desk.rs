//! Today's sign-in sheet at the desk: every child on the roster with a big 签到 button, then
//! 签退 with who collects them — one of the listed guardians (a button each), another person by
//! name with the reason, or home alone with the guardians' written consent. A child still
//! there at closing is marked. The day's shift is credited to the rota's volunteers from here.

use linli_domain::programmes::{CollectorKind, DayState};
use linli_domain::Id;
use linli_protocol::{
    ApiError, CreditProgrammeShift, GetSignSheet, SheetLine, SignIn, SignOut, SignSheet,
};
use yew::prelude::*;

use super::input;
use crate::components::print::PrintButton;
use crate::hooks::use_texts;
use crate::ipc;
use crate::pages::lending::error_line;

#[derive(Properties, PartialEq)]
pub struct DeskProps {
    pub id: Id,
}

#[function_component(Desk)]
pub fn desk(p: &DeskProps) -> Html {
    let t = use_texts();
    let g = &t.programmes;
    let date = use_state(String::new);
    let sheet = use_state(|| None as Option<SignSheet>);
    let generation = use_state(|| 0u32);
    let error = use_state(|| None as Option<ApiError>);
    let said = use_state(|| None as Option<String>);
    // the child being signed out: the collector's panel is open under their line
    let out_for = use_state(|| None as Option<Id>);
    {
        let sheet = sheet.clone();
        let id = p.id;
        use_effect_with((id, (*date).clone(), *generation), move |(_, d, _)| {
            let date = (!d.is_empty()).then(|| d.clone());
            wasm_bindgen_futures::spawn_local(async move {
                sheet.set(
                    ipc::call(&GetSignSheet {
                        programme_id: id,
                        date,
                    })
                    .await
                    .ok(),
                );
            });
        });
    }
    let reload = {
        let generation = generation.clone();
        Callback::from(move |_: ()| generation.set(*generation + 1))
    };
    let day = (!date.is_empty()).then(|| (*date).clone());
    let sign_in = |l: &SheetLine| {
        let (error, reload, day) = (error.clone(), reload.clone(), day.clone());
        let enrolment_id = l.enrolment_id;
        Callback::from(move |_: MouseEvent| {
            let (error, reload, date) = (error.clone(), reload.clone(), day.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match ipc::call(&SignIn {
                    enrolment_id,
                    date,
                    time: None,
                })
                .await
                {
                    Ok(_) => {
                        error.set(None);
                        reload.emit(());
                    }
                    Err(e) => error.set(Some(e)),
                }
            });
        })
    };
    let open_out = |l: &SheetLine| {
        let out_for = out_for.clone();
        let id = l.enrolment_id;
        Callback::from(move |_: MouseEvent| out_for.set(Some(id)))
    };
    let on_out_done = {
        let (out_for, reload, error) = (out_for.clone(), reload.clone(), error.clone());
        Callback::from(move |_: ()| {
            out_for.set(None);
            error.set(None);
            reload.emit(());
        })
    };
    let on_credit = {
        let (error, said, reload, day) = (error.clone(), said.clone(), reload.clone(), day.clone());
        let programme_id = p.id;
        Callback::from(move |_: MouseEvent| {
            let (error, said, reload, date) =
                (error.clone(), said.clone(), reload.clone(), day.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match ipc::call(&CreditProgrammeShift { programme_id, date }).await {
                    Ok(c) => {
                        error.set(None);
                        let names: Vec<String> = c
                            .credited
                            .iter()
                            .map(|e| e.volunteer_name.clone())
                            .collect();
                        said.set(Some((g.credited)(&names.join("、"), &c.already.join("、"))));
                        reload.emit(());
                    }
                    Err(e) => error.set(Some(e)),
                }
            });
        })
    };
    let Some(s) = &*sheet else {
        return html! { <p class="muted">{g.loading}</p> };
    };
    let lines = s.lines.iter().map(|l| {
        let name = if s.withheld { g.withheld_name.to_owned() } else { l.name.clone() };
        let action = match l.state {
            DayState::NotIn => html! {
                <button class="btn btn-primary desk-btn" id={format!("prog-in-{}", l.enrolment_id)}
                    disabled={!s.meets} onclick={sign_in(l)}>{g.sign_in}</button>
            },
            DayState::In => html! {
                <button class="btn desk-btn" id={format!("prog-out-{}", l.enrolment_id)} onclick={open_out(l)}>{g.sign_out}</button>
            },
            _ => html! { <span class="muted">{g.done}</span> },
        };
        let panel = (*out_for == Some(l.enrolment_id)).then(|| html! {
            <tr><td colspan="6">
                <OutPanel line={l.clone()} date={day.clone()} on_done={on_out_done.clone()}
                    on_cancel={{ let o = out_for.clone(); Callback::from(move |_| o.set(None)) }} />
            </td></tr>
        });
        html! {
            <>
                <tr id={format!("prog-line-{}", l.enrolment_id)} class={classes!(l.not_collected.then_some("late"))}>
                    <td class="child-name">{name}</td>
                    <td>{(g.state_label)(l.state)}
                        if l.not_collected { <>{" "}<span class="chip chip-status" id={format!("prog-late-{}", l.enrolment_id)}>{g.not_collected}</span></> }
                    </td>
                    <td>{l.in_at.clone()}</td>
                    <td>{l.out_at.clone()}</td>
                    <td id={format!("prog-by-{}", l.enrolment_id)}>{l.collected_by.clone()}</td>
                    <td class="no-print">{action}</td>
                </tr>
                { panel.unwrap_or_default() }
            </>
        }
    });
    let set_date = {
        let date = date.clone();
        Callback::from(move |v: String| date.set(v))
    };
    html! {
        <div class="prog-desk">
            <div class="form-row no-print">
                {input("prog-sheet-date", g.date, &date, "date", set_date)}
                <button class="btn" id="prog-credit" onclick={on_credit}>{g.credit_shift}</button>
                <PrintButton id="prog-sheet-print" />
            </div>
            <h2>{(g.sheet_title)(&s.date, &s.opens, &s.closes)}</h2>
            <p id="prog-sheet-counts">{(g.present)(s.present, s.lines.len(), s.not_collected)}</p>
            if !s.meets { <p class="muted" id="prog-not-meeting">{g.not_meeting}</p> }
            if s.withheld { <p class="muted">{g.withheld}</p> }
            if let Some(e) = &*error { {error_line(e, "prog-desk-error")} }
            if let Some(m) = &*said { <p class="ok" id="prog-credited" role="status">{m.clone()}</p> }
            if s.lines.is_empty() {
                <p class="muted">{g.roster_none}</p>
            } else {
                <table class="table prog-sheet" id="prog-sheet">
                    <thead><tr>
                        <th>{g.col_child}</th><th>{g.col_state}</th><th>{g.col_in}</th>
                        <th>{g.col_out}</th><th>{g.col_collected}</th><th class="no-print"></th>
                    </tr></thead>
                    <tbody>{ for lines }</tbody>
                </table>
            }
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct OutProps {
    line: SheetLine,
    date: Option<String>,
    on_done: Callback<()>,
    on_cancel: Callback<()>,
}

/// Who collects the child: a guardian's button, or another person (name and reason), or home
/// alone (the reason: the written consent).
#[function_component(OutPanel)]
fn out_panel(p: &OutProps) -> Html {
    let t = use_texts();
    let g = &t.programmes;
    let name = use_state(String::new);
    let reason = use_state(String::new);
    let error = use_state(|| None as Option<ApiError>);
    let send = |collector: CollectorKind, guardian: Option<u32>| {
        let (name, reason, error, done) = (
            name.clone(),
            reason.clone(),
            error.clone(),
            p.on_done.clone(),
        );
        let (enrolment_id, date) = (p.line.enrolment_id, p.date.clone());
        Callback::from(move |_: MouseEvent| {
            let req = SignOut {
                enrolment_id,
                date: date.clone(),
                time: None,
                collector,
                guardian,
                name: (*name).clone(),
                reason: (*reason).clone(),
            };
            let (error, done) = (error.clone(), done.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match ipc::call(&req).await {
                    Ok(_) => done.emit(()),
                    Err(e) => error.set(Some(e)),
                }
            });
        })
    };
    let set = |s: &UseStateHandle<String>| {
        let s = s.clone();
        Callback::from(move |v: String| s.set(v))
    };
    let id = p.line.enrolment_id;
    html! {
        <div class="prog-out" id={format!("prog-out-panel-{id}")}>
            <p><strong>{g.who_collects}</strong></p>
            <div>
            { for p.line.guardians.iter().enumerate().map(|(i, x)| html! {
                <button class="btn btn-primary guardian-btn" id={format!("prog-guardian-{id}-{i}")}
                    onclick={send(CollectorKind::Guardian, Some(i as u32))}>
                    { if x.relation.is_empty() { x.name.clone() } else { format!("{}（{}）", x.name, x.relation) } }
                </button>
            }) }
            </div>
            <div class="form-row">
                {input(&format!("prog-other-name-{id}"), g.other_name, &name, "text", set(&name))}
                {input(&format!("prog-other-reason-{id}"), g.reason, &reason, "text", set(&reason))}
                <button class="btn" id={format!("prog-other-{id}")} onclick={send(CollectorKind::Other, None)}>{g.other_collects}</button>
                <button class="btn" id={format!("prog-alone-{id}")} onclick={send(CollectorKind::Alone, None)}>{g.alone}</button>
                <button class="btn" id={format!("prog-out-cancel-{id}")} onclick={p.on_cancel.reform(|_: MouseEvent| ())}>{g.cancel}</button>
            </div>
            if let Some(e) = &*error { {error_line(e, &format!("prog-out-error-{id}"))} }
        </div>
    }
}
