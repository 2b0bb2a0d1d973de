//! A case on paper: the registration form (受理登记表), the written agreement (协议书) with a
//! signature line for every party, the mediators and the committee's seal, and the closing report
//! (结案报告: the course of the mediation, its outcome, carrying out and 回访, 司法确认, the
//! closing). Shown on screen and printed through `PrintButton` on numbered A4 sheets (the rest of
//! the page is `no-print`).

use linli_domain::mediation::StepKind;
use linli_protocol::{MediationCase, MediationEvent, MediationParty};
use yew::prelude::*;

use crate::components::print_mark::PrintMark;
use crate::hooks::use_texts;
use crate::i18n::{MediationTexts, Texts};

#[derive(Properties, PartialEq)]
pub struct PaperProps {
    pub case: MediationCase,
}

/// A party's particulars in one line: "王秀英，女，55岁，电话…，住址…，单位…".
fn particulars(t: &Texts, p: &MediationParty) -> String {
    let m = &t.mediation;
    if p.withheld {
        return m.withheld.to_owned();
    }
    let f = &p.fields;
    let mut bits = vec![f.name.clone()];
    if let Some(g) = f.gender {
        bits.push((t.gender_label)(g).to_owned());
    }
    if let Some(a) = f.age {
        bits.push(format!("{}{}{a}", m.age, m.colon));
    }
    for (label, v) in [
        (m.phone, &f.phone),
        (m.address, &f.address),
        (m.unit, &f.unit),
    ] {
        if !v.is_empty() {
            bits.push(format!("{label}{}{v}", m.colon));
        }
    }
    bits.join(if m.colon == "：" { "，" } else { ", " })
}

fn parties(t: &Texts, c: &MediationCase) -> Html {
    let m = &t.mediation;
    html! { <>{ for c.parties.iter().map(|p| html! {
        <p class="med-paper-party"><strong>{(m.side_label)(p.fields.side)}{m.colon}</strong>{particulars(t, p)}</p>
    }) }</> }
}

fn sign(label: String) -> Html {
    html! { <p class="print-sign">{label}<span class="sign-line"></span></p> }
}

fn party_signs(m: &MediationTexts, c: &MediationCase) -> Html {
    c.parties
        .iter()
        .map(|p| sign((m.sign_party)((m.side_label)(p.fields.side))))
        .collect()
}

#[function_component(RegistrationForm)]
pub fn registration_form(p: &PaperProps) -> Html {
    let t = use_texts();
    let m = &t.mediation;
    let c = &p.case;
    let mediators: Vec<&str> = c.mediators.iter().map(|x| x.name.as_str()).collect();
    html! {
        <div class="panel med-paper" id="med-paper-form">
            <h2 class="center">{c.committee.clone()}</h2>
            <h2 class="center">{m.form_title}</h2>
            <p class="right">{c.number_text.clone()}</p>
            { parties(t, c) }
            <p><strong>{m.kind}{m.colon}</strong>{(m.kind_label)(c.kind)}{"　"}
               <strong>{m.source}{m.colon}</strong>{(m.source_label)(c.source)}{"　"}
               <strong>{m.registered_on}{m.colon}</strong>{c.registered_on.clone()}</p>
            <p><strong>{m.paper_dispute}{m.colon}</strong></p>
            <p class="med-paper-text">{if c.withheld { m.withheld.to_owned() } else { c.brief.clone() }}</p>
            <p><strong>{m.mediators}{m.colon}</strong>{mediators.join("、")}</p>
            { party_signs(m, c) }
            { sign(m.sign_registrar.to_owned()) }
            { sign(m.sign_date.to_owned()) }
            <PrintMark />
        </div>
    }
}

#[function_component(Agreement)]
pub fn agreement(p: &PaperProps) -> Html {
    let t = use_texts();
    let m = &t.mediation;
    let c = &p.case;
    let outcome = c.events.iter().find(|e| e.kind == StepKind::Outcome);
    let (content, carry) = outcome
        .map(|e| {
            let mut carry = vec![e.carry_how.clone()];
            if !e.carry_where.is_empty() {
                carry.push(e.carry_where.clone());
            }
            if let Some(by) = &e.carry_by {
                carry.push(by.clone());
            }
            (
                e.text.clone(),
                carry.join(if m.colon == "：" { "，" } else { ", " }),
            )
        })
        .unwrap_or_default();
    html! {
        <div class="panel med-paper" id="med-paper-agreement">
            <h2 class="center">{m.agreement_title}</h2>
            <p class="right">{c.number_text.clone()}</p>
            { parties(t, c) }
            <p><strong>{m.paper_dispute}{m.colon}</strong></p>
            <p class="med-paper-text">{if c.withheld { m.withheld.to_owned() } else { c.brief.clone() }}</p>
            <p><strong>{m.paper_agreement}{m.colon}</strong></p>
            <p class="med-paper-text" id="med-paper-content">{content}</p>
            <p><strong>{m.paper_carry}{m.colon}</strong>{carry}</p>
            <p>{m.paper_effect}</p>
            { party_signs(m, c) }
            { sign(m.sign_mediator.to_owned()) }
            <p class="right">{c.committee.clone()}{" "}{m.committee_seal}</p>
            { sign(m.sign_date.to_owned()) }
            <PrintMark />
        </div>
    }
}

/// One stage of the case file on paper: its date and what it says.
fn dated(m: &MediationTexts, e: &MediationEvent, what: String) -> Html {
    html! {
        <p class="med-paper-line"><strong>{e.date.clone()}{" "}{(m.step_label)(e.kind)}{m.colon}</strong>{what}</p>
    }
}

/// 结案报告: the case from registration to its closing, for the committee's file.
#[function_component(ClosingReport)]
pub fn closing_report(p: &PaperProps) -> Html {
    let t = use_texts();
    let m = &t.mediation;
    let c = &p.case;
    let sep = if m.colon == "：" { "；" } else { "; " };
    let of = |k: StepKind| c.events.iter().filter(move |e| e.kind == k);
    let course: Vec<Html> = c
        .events
        .iter()
        .filter(|e| {
            matches!(
                e.kind,
                StepKind::Notice
                    | StepKind::Investigation
                    | StepKind::Session
                    | StepKind::Extension
                    | StepKind::MediatorChange
            )
        })
        .map(|e| {
            let mut bits = Vec::new();
            if !e.time.is_empty() || !e.place.is_empty() {
                bits.push(format!("{} {}", e.time, e.place).trim().to_owned());
            }
            if !e.present.is_empty() {
                bits.push(format!("{}{}{}", m.present, m.colon, e.present));
            }
            if let Some(d) = e.days {
                bits.push(format!("{}{}{d}", m.days, m.colon));
            }
            if !e.mediators.is_empty() {
                let names: Vec<&str> = e.mediators.iter().map(|x| x.name.as_str()).collect();
                bits.push(format!("{}{}{}", m.mediators, m.colon, names.join("、")));
            }
            if !e.text.is_empty() {
                bits.push(e.text.clone());
            }
            dated(m, e, bits.join(sep))
        })
        .collect();
    let result = match of(StepKind::Outcome).next() {
        Some(e) => {
            let mut bits = vec![e
                .outcome
                .map(|o| (m.outcome_label)(o).to_owned())
                .unwrap_or_default()];
            if let Some(r) = e.route {
                bits.push((m.paper_failed)((m.route_label)(r)));
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
            dated(m, e, bits.join(sep))
        }
        None => html! { <p>{m.paper_none}</p> },
    };
    let carried: Vec<Html> = of(StepKind::CarryingOut)
        .map(|e| dated(m, e, e.text.clone()))
        .chain(of(StepKind::FollowUp).map(|e| {
            let mut what = e.text.clone();
            if !e.risks.is_empty() {
                what = format!("{what}{sep}{}{}{}", m.risks, m.colon, e.risks);
            }
            dated(m, e, what)
        }))
        .collect();
    let confirmations: Vec<Html> = of(StepKind::Confirmation)
        .map(|e| {
            let result = e.result.map(|r| (m.result_label)(r)).unwrap_or("");
            dated(m, e, format!("{}{sep}{result}", e.court))
        })
        .collect();
    let close = of(StepKind::Close).next();
    let mediators: Vec<&str> = c.mediators.iter().map(|x| x.name.as_str()).collect();
    let none = || html! { <p>{m.paper_none}</p> };
    html! {
        <div class="panel med-paper" id="med-paper-close">
            <h2 class="center">{c.committee.clone()}</h2>
            <h2 class="center">{m.close_title}</h2>
            <p class="right">{c.number_text.clone()}</p>
            { parties(t, c) }
            <p><strong>{m.kind}{m.colon}</strong>{(m.kind_label)(c.kind)}{"　"}
               <strong>{m.source}{m.colon}</strong>{(m.source_label)(c.source)}{"　"}
               <strong>{m.registered_on}{m.colon}</strong>{c.registered_on.clone()}</p>
            <p><strong>{m.mediators}{m.colon}</strong>{mediators.join("、")}</p>
            <p><strong>{m.paper_dispute}{m.colon}</strong></p>
            <p class="med-paper-text">{if c.withheld { m.withheld.to_owned() } else { c.brief.clone() }}</p>
            <h3>{m.paper_course}</h3>
            if course.is_empty() { {none()} } else { { for course } }
            <h3>{m.paper_result}</h3>
            {result}
            <h3>{m.paper_follow_up}</h3>
            if carried.is_empty() { {none()} } else { { for carried } }
            if !confirmations.is_empty() {
                <h3>{m.paper_confirmation}</h3>
                { for confirmations }
            }
            <p id="med-paper-closed"><strong>{m.paper_closed_on}{m.colon}</strong>
                {close.map(|e| e.date.clone()).unwrap_or_default()}</p>
            <p><strong>{m.paper_close_note}{m.colon}</strong>
                {close.map(|e| e.text.clone()).filter(|s| !s.is_empty()).unwrap_or_else(|| m.paper_none.to_owned())}</p>
            { sign(m.sign_mediator.to_owned()) }
            { sign(m.sign_chair.to_owned()) }
            <p class="right">{c.committee.clone()}{" "}{m.committee_seal}</p>
            { sign(m.sign_date.to_owned()) }
            <PrintMark />
        </div>
    }
}
