//! One case: its number (改号 when two laptops gave it twice), parties, mediators, term, the
//! case file so far, the form for the next stage, and the registration form and agreement on
//! paper.

use linli_domain::mediation::{Outcome, StepKind};
use linli_domain::Id;
use linli_protocol::{
    ApiError, GetMediationCase, MediationCase, MediationEvent, RenumberMediationCase,
    UpdateMediationParty,
};
use yew::prelude::*;

use super::list::term_text;
use super::paper::{Agreement, ClosingReport, RegistrationForm};
use super::party::{Party, PartyEditor};
use super::step::StepForm;
use crate::components::print::PrintButton;
use crate::hooks::use_texts;
use crate::i18n::MediationTexts;
use crate::ipc;
use crate::pages::lending::error_line;

#[derive(Properties, PartialEq)]
pub struct CaseProps {
    pub id: Id,
    pub on_back: Callback<()>,
}

/// What the case file says of one stage, in a line.
fn event_line(m: &MediationTexts, e: &MediationEvent) -> String {
    let mut bits: Vec<String> = Vec::new();
    if !e.time.is_empty() {
        bits.push(format!("{} {}", e.time, e.place));
    }
    if !e.present.is_empty() {
        bits.push(format!("{}{}{}", m.present, m.colon, e.present));
    }
    if let Some(o) = e.outcome {
        bits.push((m.outcome_label)(o).to_owned());
    }
    if let Some(r) = e.route {
        bits.push(format!("{}{}{}", m.route, m.colon, (m.route_label)(r)));
    }
    if !e.text.is_empty() {
        bits.push(e.text.clone());
    }
    if !e.carry_how.is_empty() {
        bits.push(format!("{}{}{}", m.carry_how, m.colon, e.carry_how));
    }
    if let Some(by) = &e.carry_by {
        bits.push(format!("{}{}{by}", m.carry_by, m.colon));
    }
    if let Some(d) = e.days {
        bits.push(format!("+{d}"));
    }
    if !e.mediators.is_empty() {
        let names: Vec<&str> = e.mediators.iter().map(|x| x.name.as_str()).collect();
        bits.push(format!("{}{}{}", m.mediators, m.colon, names.join("、")));
    }
    if !e.court.is_empty() {
        bits.push(e.court.clone());
    }
    if let Some(r) = e.result {
        bits.push((m.result_label)(r).to_owned());
    }
    if !e.risks.is_empty() {
        bits.push(format!("{}{}{}", m.risks, m.colon, e.risks));
    }
    bits.join(if m.colon == "：" { "；" } else { "; " })
}

#[function_component(CaseView)]
pub fn case_view(p: &CaseProps) -> Html {
    let t = use_texts();
    let m = &t.mediation;
    let case = use_state(|| None as Option<MediationCase>);
    let paper = use_state(|| None as Option<&'static str>);
    let error = use_state(|| None as Option<ApiError>);
    // the party being corrected, as typed, and what the store or the form said of it
    let editing = use_state(|| None as Option<(Id, Party)>);
    let edit_error = use_state(|| None as Option<Result<ApiError, &'static str>>);
    {
        let (case, error) = (case.clone(), error.clone());
        let id = p.id;
        use_effect_with(id, move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                match ipc::call(&GetMediationCase { id, today: None }).await {
                    Ok(c) => case.set(Some(c)),
                    Err(e) => error.set(Some(e)),
                }
            });
        });
    }
    let back = p.on_back.reform(|_: MouseEvent| ());
    let Some(c) = (*case).clone() else {
        return match &*error {
            Some(e) => error_line(e, "med-case-error"),
            None => html! { <p class="muted">{m.loading}</p> },
        };
    };
    let show = |which: Option<&'static str>| {
        let paper = paper.clone();
        Callback::from(move |_| paper.set(which))
    };
    if let Some(which) = *paper {
        let sheet = match which {
            "agreement" => html! { <Agreement case={c.clone()} /> },
            "close" => html! { <ClosingReport case={c.clone()} /> },
            _ => html! { <RegistrationForm case={c.clone()} /> },
        };
        return html! {
            <div class="med-paper-view">
                <div class="form-row no-print">
                    <PrintButton id="med-print" class={classes!("btn", "btn-primary")} label={m.print} />
                    <button class="btn" id="med-paper-back" onclick={show(None)}>{m.back}</button>
                </div>
                {sheet}
            </div>
        };
    }
    let renumber = {
        let (case, error) = (case.clone(), error.clone());
        let id = c.id;
        Callback::from(move |_| {
            let (case, error) = (case.clone(), error.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match ipc::call(&RenumberMediationCase { id }).await {
                    Ok(c) => case.set(Some(c)),
                    Err(e) => error.set(Some(e)),
                }
            });
        })
    };
    let saved = {
        let case = case.clone();
        Callback::from(move |c: MediationCase| case.set(Some(c)))
    };
    let edit_form = match &*editing {
        None => html! {},
        Some((id, party)) => {
            let id = *id;
            let on_change = {
                let editing = editing.clone();
                Callback::from(move |p: Party| editing.set(Some((id, p))))
            };
            let save = {
                let (editing, edit_error, case) =
                    (editing.clone(), edit_error.clone(), case.clone());
                let party = party.clone();
                Callback::from(move |_: MouseEvent| {
                    let fields = match party.fields(m) {
                        Ok(f) => f,
                        Err(b) => return edit_error.set(Some(Err(b))),
                    };
                    let (editing, edit_error, case) =
                        (editing.clone(), edit_error.clone(), case.clone());
                    wasm_bindgen_futures::spawn_local(async move {
                        match ipc::call(&UpdateMediationParty { id, fields }).await {
                            Ok(c) => {
                                case.set(Some(c));
                                editing.set(None);
                                edit_error.set(None);
                            }
                            Err(e) => edit_error.set(Some(Ok(e))),
                        }
                    });
                })
            };
            let cancel = {
                let (editing, edit_error) = (editing.clone(), edit_error.clone());
                Callback::from(move |_: MouseEvent| {
                    editing.set(None);
                    edit_error.set(None);
                })
            };
            let name = c
                .parties
                .iter()
                .find(|x| x.id == id)
                .map(|x| x.fields.name.clone())
                .unwrap_or_default();
            html! {
                <div class="panel med-edit no-print" id="med-edit-panel">
                    <h3>{(m.edit_party)(&name)}</h3>
                    <PartyEditor prefix="med-edit-party" party={party.clone()} {on_change} />
                    { match &*edit_error {
                        Some(Ok(e)) => error_line(e, "med-edit-error"),
                        Some(Err(b)) => html! { <p class="field-error" id="med-edit-bad" role="alert">{*b}</p> },
                        None => html! {},
                    } }
                    <div class="form-row">
                        <button class="btn btn-primary" id="med-edit-save" onclick={save}>{m.save}</button>
                        <button class="btn" id="med-edit-cancel" onclick={cancel}>{m.cancel}</button>
                    </div>
                </div>
            }
        }
    };
    let mediators: Vec<&str> = c.mediators.iter().map(|x| x.name.as_str()).collect();
    let closed = c.events.iter().any(|e| e.kind == StepKind::Close);
    html! {
        <div class="panel med-case" id="med-case">
            <div class="form-row no-print">
                <button class="btn" id="med-back" onclick={back}>{m.back}</button>
                <button class="btn" id="med-print-form" onclick={show(Some("form"))}>{m.print_form}</button>
                if c.outcome == Some(Outcome::Written) {
                    <button class="btn" id="med-print-agreement" onclick={show(Some("agreement"))}>{m.print_agreement}</button>
                }
                if closed {
                    <button class="btn" id="med-print-close" onclick={show(Some("close"))}>{m.print_close}</button>
                }
            </div>
            <h2 id="med-case-number">{c.number_text.clone()}
                if c.clash {
                    <>
                        {" "}<span class="chip chip-warn">{m.clash}</span>
                        <button class="btn btn-small" id="med-renumber" onclick={renumber}>{m.renumber}</button>
                    </>
                }
            </h2>
            <p>
                <span class="chip" id="med-case-state">{(m.state_label)(c.state)}</span>{" "}
                {(m.kind_label)(c.kind)}{" · "}{(m.source_label)(c.source)}{" · "}
                {m.registered_on}{" "}{c.registered_on.clone()}{" · "}
                <span id="med-case-term">{(m.term)(&c.term_end)}{" "}{term_text(m, c.days_left, c.escalation)}</span>
            </p>
            if let Some(d) = &c.confirm_by { <p class="muted">{(m.confirm_by)(d)}</p> }
            <p><strong>{m.brief}</strong>{" "}{if c.withheld { m.withheld.to_owned() } else { c.brief.clone() }}</p>
            <p><strong>{m.mediators}</strong>{" "}{mediators.join("、")}</p>
            <table class="table" id="med-parties">
                <thead><tr>
                    <th>{m.side}</th><th>{m.name}</th><th>{m.gender}</th><th>{m.age}</th>
                    <th>{m.phone}</th><th>{m.address}</th><th>{m.unit}</th><th class="no-print"></th>
                </tr></thead>
                <tbody>
                { for c.parties.iter().map(|x| {
                    let f = &x.fields;
                    if x.withheld {
                        return html! { <tr><td>{(m.side_label)(f.side)}</td><td colspan="7">{m.withheld}</td></tr> };
                    }
                    let edit = {
                        let (editing, edit_error, x) = (editing.clone(), edit_error.clone(), x.clone());
                        Callback::from(move |_: MouseEvent| {
                            editing.set(Some((x.id, Party::of(&x))));
                            edit_error.set(None);
                        })
                    };
                    html! { <tr data-id={x.id.to_string()}>
                        <td>{(m.side_label)(f.side)}</td><td class="med-party-name">{f.name.clone()}</td>
                        <td>{f.gender.map(|g| (t.gender_label)(g)).unwrap_or("")}</td>
                        <td>{f.age.map(|a| a.to_string()).unwrap_or_default()}</td>
                        <td>{f.phone.clone()}</td><td>{f.address.clone()}</td><td>{f.unit.clone()}</td>
                        <td class="no-print"><button class="btn btn-small med-party-edit" onclick={edit}>{m.edit}</button></td>
                    </tr> }
                }) }
                </tbody>
            </table>
            {edit_form}
            <h3>{m.history}</h3>
            <ol class="med-events" id="med-events">
            { for c.events.iter().map(|e| html! {
                <li class={format!("med-event med-event-{}", e.kind.code())}>
                    <strong>{e.date.clone()}{" "}{(m.step_label)(e.kind)}</strong>{" "}{event_line(m, e)}
                </li>
            }) }
            </ol>
            if let Some(e) = &*error { {error_line(e, "med-case-error")} }
            if !closed { <StepForm case={c.clone()} on_saved={saved} /> }
        </div>
    }
}
