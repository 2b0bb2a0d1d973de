//! The form recording the next stage of a case: the stage chosen, then the fields it takes.

use linli_domain::mediation::{ConfirmResult, Outcome, Route, StepKind};
use linli_protocol::{
    ApiError, ListMediators, MediationCase, MediationStep, Mediator, RecordMediationStep,
};
use yew::prelude::*;

use super::{area, choice, input};
use crate::hooks::use_texts;
use crate::ipc;
use crate::pages::lending::error_line;

#[derive(Properties, PartialEq)]
pub struct StepProps {
    pub case: MediationCase,
    pub on_saved: Callback<MediationCase>,
}

#[derive(Debug, Clone, Default, PartialEq)]
struct Draft {
    kind: String,
    date: String,
    time: String,
    place: String,
    present: String,
    text: String,
    outcome: String,
    carry_how: String,
    carry_where: String,
    carry_by: String,
    route: String,
    risks: String,
    days: String,
    asked_by: String,
    mediator: String,
    court: String,
    result: String,
}

/// The stage a case most likely needs next.
fn next_kind(c: &MediationCase) -> StepKind {
    let has = |k| c.events.iter().any(|e| e.kind == k);
    match c.outcome {
        None if !has(StepKind::Notice) => StepKind::Notice,
        None => StepKind::Session,
        Some(o) if o.agreed() && !has(StepKind::FollowUp) => StepKind::FollowUp,
        Some(_) => StepKind::Close,
    }
}

fn request(c: &MediationCase, d: &Draft) -> Result<MediationStep, &'static str> {
    let date = Some(d.date.clone()).filter(|s| !s.trim().is_empty());
    let text = d.text.clone();
    Ok(match StepKind::read(&d.kind) {
        StepKind::Investigation => MediationStep::Investigation { date, note: text },
        StepKind::Session => MediationStep::Session {
            date,
            time: d.time.clone(),
            place: d.place.clone(),
            present: d.present.clone(),
            record: text,
        },
        StepKind::Outcome => MediationStep::Outcome {
            date,
            outcome: Outcome::read(&d.outcome),
            content: text,
            carry_how: d.carry_how.clone(),
            carry_where: d.carry_where.clone(),
            carry_by: Some(d.carry_by.clone()).filter(|s| !s.trim().is_empty()),
            route: Route::from_code(&d.route),
        },
        StepKind::CarryingOut => MediationStep::CarryingOut { date, note: text },
        StepKind::FollowUp => MediationStep::FollowUp {
            date,
            how_carried: text,
            risks: d.risks.clone(),
        },
        StepKind::Close => MediationStep::Close { date, note: text },
        StepKind::Extension => MediationStep::Extension {
            date,
            days: d.days.trim().parse().map_err(|_| "days")?,
            consenting: c.parties.iter().map(|p| p.id).collect(),
            note: text,
        },
        StepKind::MediatorChange => MediationStep::MediatorChange {
            date,
            asked_by: d.asked_by.parse().map_err(|_| "asked_by")?,
            mediators: d.mediator.parse().into_iter().collect(),
            reason: text,
        },
        StepKind::Confirmation => MediationStep::Confirmation {
            date,
            court: d.court.clone(),
            result: ConfirmResult::read(&d.result),
        },
        _ => MediationStep::Notice { date, note: text },
    })
}

#[function_component(StepForm)]
pub fn step_form(p: &StepProps) -> Html {
    let t = use_texts();
    let m = &t.mediation;
    let c = &p.case;
    let first_kind = next_kind(c).code().to_owned();
    let draft = use_state(move || Draft {
        kind: first_kind,
        outcome: Outcome::Written.code().to_owned(),
        result: ConfirmResult::Pending.code().to_owned(),
        ..Draft::default()
    });
    let error = use_state(|| None as Option<ApiError>);
    let bad = use_state(|| None as Option<&'static str>);
    let team = use_state(Vec::<Mediator>::new);
    {
        let team = team.clone();
        let community_id = c.community_id;
        use_effect_with(community_id, move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                team.set(
                    ipc::call(&ListMediators { community_id })
                        .await
                        .unwrap_or_default(),
                );
            });
        });
    }
    let set = |f: fn(&mut Draft, String)| {
        let draft = draft.clone();
        Callback::from(move |v: String| {
            let mut next = (*draft).clone();
            f(&mut next, v);
            draft.set(next);
        })
    };
    let d = &*draft;
    let kind = StepKind::read(&d.kind);
    let kinds: Vec<_> = StepKind::ALL
        .iter()
        .map(|k| (k.code(), (m.step_label)(*k)))
        .collect();
    let outcomes: Vec<_> = Outcome::ALL
        .iter()
        .map(|k| (k.code(), (m.outcome_label)(*k)))
        .collect();
    let routes: Vec<(&'static str, &'static str)> = std::iter::once(("", "—"))
        .chain(Route::ALL.iter().map(|k| (k.code(), (m.route_label)(*k))))
        .collect();
    let results: Vec<_> = ConfirmResult::ALL
        .iter()
        .map(|k| (k.code(), (m.result_label)(*k)))
        .collect();
    let party_names: Vec<(String, String)> = c
        .parties
        .iter()
        .map(|p| (p.id.to_string(), p.fields.name.clone()))
        .collect();
    let fields = match kind {
        StepKind::Session => html! { <>
            {input("med-step-time", m.time, &d.time, "text", set(|d, v| d.time = v))}
            {input("med-step-place", m.place, &d.place, "text", set(|d, v| d.place = v))}
            {input("med-step-present", m.present, &d.present, "text", set(|d, v| d.present = v))}
            {area("med-step-text", m.text, &d.text, set(|d, v| d.text = v))}
        </> },
        StepKind::Outcome => html! { <>
            {choice("med-step-outcome", m.outcome, &d.outcome, &outcomes, set(|d, v| d.outcome = v))}
            {area("med-step-text", m.content, &d.text, set(|d, v| d.text = v))}
            {input("med-step-carry-how", m.carry_how, &d.carry_how, "text", set(|d, v| d.carry_how = v))}
            {input("med-step-carry-where", m.carry_where, &d.carry_where, "text", set(|d, v| d.carry_where = v))}
            {input("med-step-carry-by", m.carry_by, &d.carry_by, "text", set(|d, v| d.carry_by = v))}
            {choice("med-step-route", m.route, &d.route, &routes, set(|d, v| d.route = v))}
        </> },
        StepKind::FollowUp => html! { <>
            {area("med-step-text", m.how_carried, &d.text, set(|d, v| d.text = v))}
            {input("med-step-risks", m.risks, &d.risks, "text", set(|d, v| d.risks = v))}
        </> },
        StepKind::Extension => html! { <>
            {input("med-step-days", m.days, &d.days, "number", set(|d, v| d.days = v))}
            <p class="muted">{format!("{}{}{}", m.consent, m.colon, party_names.iter().map(|(_, n)| n.as_str()).collect::<Vec<_>>().join("、"))}</p>
            {area("med-step-text", m.text, &d.text, set(|d, v| d.text = v))}
        </> },
        StepKind::MediatorChange => {
            let select = |id: &str,
                          label: &str,
                          opts: Vec<(String, String)>,
                          on: Callback<String>| {
                let onchange = Callback::from(move |e: Event| {
                    on.emit(
                        e.target_unchecked_into::<web_sys::HtmlSelectElement>()
                            .value(),
                    )
                });
                html! {
                    <label class="field">
                        <span class="label">{label.to_owned()}</span>
                        <select class="input" id={id.to_owned()} {onchange}>
                            <option value="">{"—"}</option>
                            { for opts.into_iter().map(|(v, n)| html! { <option value={v}>{n}</option> }) }
                        </select>
                    </label>
                }
            };
            let team_names: Vec<(String, String)> = team
                .iter()
                .map(|x| (x.id.to_string(), x.name.clone()))
                .collect();
            html! { <>
                {select("med-step-asked-by", m.asked_by, party_names.clone(), set(|d, v| d.asked_by = v))}
                {select("med-step-mediator", m.mediators, team_names, set(|d, v| d.mediator = v))}
                {area("med-step-text", m.text, &d.text, set(|d, v| d.text = v))}
            </> }
        }
        StepKind::Unknown => html! {},
        StepKind::Confirmation => html! { <>
            {input("med-step-court", m.court, &d.court, "text", set(|d, v| d.court = v))}
            {choice("med-step-result", m.result, &d.result, &results, set(|d, v| d.result = v))}
        </> },
        _ => area("med-step-text", m.text, &d.text, set(|d, v| d.text = v)),
    };
    let submit = {
        let (draft, error, bad, saved, case) = (
            draft.clone(),
            error.clone(),
            bad.clone(),
            p.on_saved.clone(),
            c.clone(),
        );
        Callback::from(move |_| {
            let step = match request(&case, &draft) {
                Ok(s) => s,
                Err(which) => {
                    bad.set(Some(if which == "days" {
                        m.err_days
                    } else {
                        m.err_asked_by
                    }));
                    return;
                }
            };
            bad.set(None);
            let req = RecordMediationStep {
                case_id: case.id,
                step,
            };
            let (error, saved, draft) = (error.clone(), saved.clone(), draft.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match ipc::call(&req).await {
                    Ok(c) => {
                        error.set(None);
                        draft.set(Draft {
                            kind: next_kind(&c).code().to_owned(),
                            outcome: Outcome::Written.code().to_owned(),
                            result: ConfirmResult::Pending.code().to_owned(),
                            ..Draft::default()
                        });
                        saved.emit(c);
                    }
                    Err(e) => error.set(Some(e)),
                }
            });
        })
    };
    html! {
        <div class="panel med-step no-print" id="med-step">
            <h3>{m.record}</h3>
            <div class="form-row">
                {choice("med-step-kind", m.step, &d.kind, &kinds, set(|d, v| d.kind = v))}
                {input("med-step-date", m.date, &d.date, "text", set(|d, v| d.date = v))}
            </div>
            <div class="form-row">{fields}</div>
            if let Some(b) = *bad { <p class="field-error" role="alert">{b}</p> }
            if let Some(e) = &*error { {error_line(e, "med-step-error")} }
            <button class="btn btn-primary" id="med-step-save" onclick={submit}>{m.save_step}</button>
        </div>
    }
}
