//! A case on paper: the registration form (受理登记表) and the written agreement (协议书) with a
//! signature line for every party, the mediators and the committee's seal. Shown on screen, and
//! the only thing printed (the rest of the page is `no-print`).

use linli_domain::mediation::StepKind;
use linli_protocol::{MediationCase, MediationParty};
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
        bits.push(format!("{}：{a}", m.age));
    }
    for (label, v) in [
        (m.phone, &f.phone),
        (m.address, &f.address),
        (m.unit, &f.unit),
    ] {
        if !v.is_empty() {
            bits.push(format!("{label}：{v}"));
        }
    }
    bits.join("，")
}

fn parties(t: &Texts, c: &MediationCase) -> Html {
    let m = &t.mediation;
    html! { <>{ for c.parties.iter().map(|p| html! {
        <p class="med-paper-party"><strong>{(m.side_label)(p.fields.side)}{"："}</strong>{particulars(t, p)}</p>
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
            <p><strong>{m.kind}{"："}</strong>{(m.kind_label)(c.kind)}{"　"}
               <strong>{m.source}{"："}</strong>{(m.source_label)(c.source)}{"　"}
               <strong>{m.registered_on}{"："}</strong>{c.registered_on.clone()}</p>
            <p><strong>{m.paper_dispute}{"："}</strong></p>
            <p class="med-paper-text">{if c.withheld { m.withheld.to_owned() } else { c.brief.clone() }}</p>
            <p><strong>{m.mediators}{"："}</strong>{mediators.join("、")}</p>
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
            (e.text.clone(), carry.join("，"))
        })
        .unwrap_or_default();
    html! {
        <div class="panel med-paper" id="med-paper-agreement">
            <h2 class="center">{m.agreement_title}</h2>
            <p class="right">{c.number_text.clone()}</p>
            { parties(t, c) }
            <p><strong>{m.paper_dispute}{"："}</strong></p>
            <p class="med-paper-text">{c.brief.clone()}</p>
            <p><strong>{m.paper_agreement}{"："}</strong></p>
            <p class="med-paper-text" id="med-paper-content">{content}</p>
            <p><strong>{m.paper_carry}{"："}</strong>{carry}</p>
            <p>{m.paper_effect}</p>
            { party_signs(m, c) }
            { sign(m.sign_mediator.to_owned()) }
            <p class="right">{c.committee.clone()}{" "}{m.committee_seal}</p>
            { sign(m.sign_date.to_owned()) }
            <PrintMark />
        </div>
    }
}
