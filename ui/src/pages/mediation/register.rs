//! 受理登记: type, source, the dispute in brief, the day, the mediators of the community's
//! mediation team, and the parties (an applicant and a respondent to start with), each a resident
//! chosen from the register or an outsider with their own details (`party::PartyEditor`).

use linli_domain::mediation::{CaseSource, DisputeKind, PartySide};
use linli_domain::Id;
use linli_protocol::{ApiError, ListMediators, Mediator, RegisterMediationCase};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::party::{Party, PartyEditor};
use super::{area, choice, input};
use crate::hooks::use_texts;
use crate::ipc;
use crate::pages::lending::error_line;

#[derive(Properties, PartialEq)]
pub struct RegisterProps {
    pub community: Id,
    pub on_done: Callback<Id>,
    pub on_cancel: Callback<()>,
}

#[derive(Debug, Clone, PartialEq)]
struct Draft {
    kind: String,
    source: String,
    brief: String,
    date: String,
    mediators: Vec<Id>,
    parties: Vec<Party>,
}

#[function_component(RegisterCase)]
pub fn register_case(p: &RegisterProps) -> Html {
    let t = use_texts();
    let m = &t.mediation;
    let draft = use_state(|| Draft {
        kind: DisputeKind::Neighbours.code().to_owned(),
        source: CaseSource::Application.code().to_owned(),
        brief: String::new(),
        date: String::new(),
        mediators: Vec::new(),
        parties: vec![
            Party::new(PartySide::Applicant),
            Party::new(PartySide::Respondent),
        ],
    });
    let team = use_state(|| None as Option<Vec<Mediator>>);
    let error = use_state(|| None as Option<ApiError>);
    let bad = use_state(|| None as Option<String>);
    {
        let team = team.clone();
        let community_id = p.community;
        use_effect_with(community_id, move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                team.set(Some(
                    ipc::call(&ListMediators { community_id })
                        .await
                        .unwrap_or_default(),
                ));
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
    let set_party = |i: usize| {
        let draft = draft.clone();
        Callback::from(move |v: Party| {
            let mut next = (*draft).clone();
            if let Some(p) = next.parties.get_mut(i) {
                *p = v;
            }
            draft.set(next);
        })
    };
    let kinds: Vec<_> = DisputeKind::ALL
        .iter()
        .map(|k| (k.code(), (m.kind_label)(*k)))
        .collect();
    let sources: Vec<_> = CaseSource::ALL
        .iter()
        .map(|k| (k.code(), (m.source_label)(*k)))
        .collect();
    let mediators = match &*team {
        None => html! { <p class="muted">{m.loading}</p> },
        Some(list) if list.is_empty() => {
            html! { <p class="muted" id="med-no-team">{m.no_mediators}</p> }
        }
        Some(list) => html! {
            <div class="form-row" id="med-mediators">
            { for list.iter().map(|x| {
                let id = x.id;
                let onchange = {
                    let draft = draft.clone();
                    Callback::from(move |e: Event| {
                        let on = e.target_unchecked_into::<HtmlInputElement>().checked();
                        let mut next = (*draft).clone();
                        next.mediators.retain(|m| *m != id);
                        if on { next.mediators.push(id); }
                        draft.set(next);
                    })
                };
                html! {
                    <label class="check">
                        <input type="checkbox" id={format!("med-mediator-{id}")} checked={draft.mediators.contains(&id)} {onchange} />
                        <span>{x.name.clone()}</span>
                    </label>
                }
            }) }
            </div>
        },
    };
    let parties = draft.parties.iter().enumerate().map(|(i, party)| {
        let remove = {
            let draft = draft.clone();
            Callback::from(move |()| {
                let mut next = (*draft).clone();
                next.parties.remove(i);
                draft.set(next);
            })
        };
        html! {
            <PartyEditor prefix={format!("med-party-{i}")} party={party.clone()}
                on_change={set_party(i)} on_remove={Some(remove)} />
        }
    });
    let add_party = {
        let draft = draft.clone();
        Callback::from(move |_| {
            let mut next = (*draft).clone();
            next.parties.push(Party::new(PartySide::Respondent));
            draft.set(next);
        })
    };
    let submit = {
        let (draft, error, bad, done) =
            (draft.clone(), error.clone(), bad.clone(), p.on_done.clone());
        let community_id = p.community;
        Callback::from(move |_| {
            let d = (*draft).clone();
            let mut parties = Vec::new();
            for x in &d.parties {
                match x.fields(m) {
                    Ok(f) => parties.push(f),
                    Err(b) => {
                        bad.set(Some(b.to_owned()));
                        return;
                    }
                }
            }
            bad.set(None);
            let req = RegisterMediationCase {
                community_id,
                place_id: None,
                kind: DisputeKind::read(&d.kind),
                source: CaseSource::read(&d.source),
                brief: d.brief.clone(),
                registered_on: Some(d.date.clone()).filter(|s| !s.trim().is_empty()),
                mediators: d.mediators.clone(),
                parties,
            };
            let (error, done) = (error.clone(), done.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match ipc::call(&req).await {
                    Ok(c) => done.emit(c.id),
                    Err(e) => error.set(Some(e)),
                }
            });
        })
    };
    let cancel = p.on_cancel.reform(|_: MouseEvent| ());
    let d = &*draft;
    html! {
        <div class="panel med-register" id="med-register">
            <h2>{m.new_case}</h2>
            <div class="form-row">
                {choice("med-kind", m.kind, &d.kind, &kinds, set(|d, v| d.kind = v))}
                {choice("med-source", m.source, &d.source, &sources, set(|d, v| d.source = v))}
                {input("med-date", m.registered_on, &d.date, "text", set(|d, v| d.date = v))}
            </div>
            <div class="form-row">{area("med-brief", m.brief, &d.brief, set(|d, v| d.brief = v))}</div>
            <h3>{m.mediators}</h3>
            {mediators}
            <h3>{m.parties}</h3>
            { for parties }
            <div class="form-row">
                <button class="btn" id="med-add-party" onclick={add_party}>{m.add_party}</button>
            </div>
            if let Some(b) = &*bad { <p class="field-error" id="med-bad" role="alert">{b.clone()}</p> }
            if let Some(e) = &*error { {error_line(e, "med-error")} }
            <div class="form-row">
                <button class="btn btn-primary" id="med-register-submit" onclick={submit}>{m.register}</button>
                <button class="btn" id="med-register-cancel" onclick={cancel}>{m.back}</button>
            </div>
        </div>
    }
}
