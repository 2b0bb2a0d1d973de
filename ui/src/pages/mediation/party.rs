//! One party in a form, at registration and when a party is corrected: the side, then either a
//! resident of the register — found by the search the other pages use (name, phone or pinyin;
//! the hit shows the name and address, the phone stays masked), whose details the store reads
//! from the register — or an outsider with their own name, gender, age, phone and address; and
//! the unit in both cases.

use linli_domain::mediation::PartySide;
use linli_domain::{Gender, Id};
use linli_protocol::{MediationParty, PartyFields, SearchHit};
use yew::prelude::*;

use super::{choice, input};
use crate::components::resident_find::ResidentFind;
use crate::hooks::use_texts;
use crate::i18n::MediationTexts;

/// A party as typed.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Party {
    pub side: String,
    /// a resident of the register: id, name and address as the search showed them
    pub resident: Option<(Id, String, String)>,
    pub name: String,
    pub gender: String,
    pub age: String,
    pub phone: String,
    pub address: String,
    pub unit: String,
}

impl Party {
    pub fn new(side: PartySide) -> Self {
        Party {
            side: side.code().to_owned(),
            resident: None,
            name: String::new(),
            gender: String::new(),
            age: String::new(),
            phone: String::new(),
            address: String::new(),
            unit: String::new(),
        }
    }

    /// A party as read, to correct it (an outsider's phone as shown, masked: the store keeps the
    /// number it holds when it comes back unchanged).
    pub fn of(p: &MediationParty) -> Self {
        let f = &p.fields;
        Party {
            side: f.side.code().to_owned(),
            resident: f
                .resident_id
                .map(|r| (r, f.name.clone(), f.address.clone())),
            name: f.name.clone(),
            gender: f.gender.map(|g| g.code().to_owned()).unwrap_or_default(),
            age: f.age.map(|a| a.to_string()).unwrap_or_default(),
            phone: f.phone.clone(),
            address: f.address.clone(),
            unit: f.unit.clone(),
        }
    }

    /// What is sent, or the sentence saying what is wrong.
    pub fn fields(&self, m: &MediationTexts) -> Result<PartyFields, &'static str> {
        let side = PartySide::read(&self.side);
        if let Some((id, _, _)) = &self.resident {
            return Ok(PartyFields {
                side,
                resident_id: Some(*id),
                name: String::new(),
                gender: None,
                age: None,
                phone: String::new(),
                address: String::new(),
                unit: self.unit.clone(),
            });
        }
        let age = match self.age.trim() {
            "" => None,
            a => Some(a.parse::<i64>().map_err(|_| m.err_age)?),
        };
        Ok(PartyFields {
            side,
            resident_id: None,
            name: self.name.clone(),
            gender: Gender::from_code(&self.gender),
            age,
            phone: self.phone.clone(),
            address: self.address.clone(),
            unit: self.unit.clone(),
        })
    }
}

#[derive(Properties, PartialEq)]
pub(super) struct PartyProps {
    /// The ids' prefix ("med-party-0", "med-edit").
    pub prefix: AttrValue,
    pub party: Party,
    pub on_change: Callback<Party>,
    #[prop_or_default]
    pub on_remove: Option<Callback<()>>,
}

#[function_component(PartyEditor)]
pub(super) fn party_editor(p: &PartyProps) -> Html {
    let t = use_texts();
    let m = &t.mediation;
    let searching = use_state(|| false);
    let pre = p.prefix.to_string();
    let party = &p.party;
    let set = |f: fn(&mut Party, String)| {
        let (party, on) = (party.clone(), p.on_change.clone());
        Callback::from(move |v: String| {
            let mut next = party.clone();
            f(&mut next, v);
            on.emit(next);
        })
    };
    let sides: Vec<_> = PartySide::ALL
        .iter()
        .map(|k| (k.code(), (m.side_label)(*k)))
        .collect();
    let genders: Vec<(&'static str, &'static str)> = std::iter::once(("", "—"))
        .chain(Gender::ALL.iter().map(|g| (g.code(), (t.gender_label)(*g))))
        .collect();
    let who = match &party.resident {
        Some((_, name, address)) => {
            let unlink = {
                let (party, on) = (party.clone(), p.on_change.clone());
                Callback::from(move |_: MouseEvent| {
                    let mut next = party.clone();
                    next.resident = None;
                    on.emit(next);
                })
            };
            html! {
                <p class="notice med-linked" id={format!("{pre}-linked")}>
                    {(m.linked)(name, address)}{" "}
                    <button type="button" class="btn btn-small" id={format!("{pre}-unlink")} onclick={unlink}>{m.as_outsider}</button>
                </p>
            }
        }
        None => html! { <>
            {input(&format!("{pre}-name"), m.name, &party.name, "text", set(|p, v| p.name = v))}
            {choice(&format!("{pre}-gender"), m.gender, &party.gender, &genders, set(|p, v| p.gender = v))}
            {input(&format!("{pre}-age"), m.age, &party.age, "number", set(|p, v| p.age = v))}
            {input(&format!("{pre}-phone"), m.phone, &party.phone, "tel", set(|p, v| p.phone = v))}
            {input(&format!("{pre}-address"), m.address, &party.address, "text", set(|p, v| p.address = v))}
        </> },
    };
    let toggle = {
        let searching = searching.clone();
        Callback::from(move |_: MouseEvent| searching.set(!*searching))
    };
    let search = if *searching && party.resident.is_none() {
        let (party, on, searching) = (party.clone(), p.on_change.clone(), searching.clone());
        let on_pick = Callback::from(move |hit: SearchHit| {
            let mut next = party.clone();
            next.resident = Some((hit.id, hit.name.clone(), hit.address.clone()));
            on.emit(next);
            searching.set(false);
        });
        html! { <ResidentFind id={pre.clone()} {on_pick} /> }
    } else {
        html! {}
    };
    html! {
        <div class="med-party" id={pre.clone()}>
            <div class="form-row">
                {choice(&format!("{pre}-side"), m.side, &party.side, &sides, set(|p, v| p.side = v))}
                {who}
                {input(&format!("{pre}-unit"), m.unit, &party.unit, "text", set(|p, v| p.unit = v))}
                if party.resident.is_none() {
                    <button type="button" class="btn btn-small" id={format!("{pre}-pick")} onclick={toggle}>{m.pick_resident}</button>
                }
                if let Some(remove) = p.on_remove.clone() {
                    <button type="button" class="btn btn-small" onclick={remove.reform(|_: MouseEvent| ())}>{m.remove}</button>
                }
            </div>
            {search}
        </div>
    }
}
