//! Small labels: a household's residence status, floating population and tags; a resident's care
//! tags.

use linli_domain::register::ResidenceStatus;
use linli_protocol::Household;
use yew::prelude::*;

use crate::hooks::use_texts;

#[derive(Properties, PartialEq)]
pub struct TagsProps {
    pub tags: Vec<String>,
    #[prop_or_default]
    pub class: Classes,
}

/// Tags as chips (care tags are the register's own words, shown as typed).
#[function_component(TagChips)]
pub fn tag_chips(props: &TagsProps) -> Html {
    html! {
        { for props.tags.iter().map(|tag| html! {
            <span class={classes!("chip", "chip-tag", props.class.clone())}>{tag}</span>
        }) }
    }
}

#[derive(Properties, PartialEq)]
pub struct CareProps {
    pub tags: Vec<String>,
    #[prop_or_default]
    pub party_member: bool,
}

/// A resident's care tags in the UI's language, then 党员 apart (a flag, not a care need).
#[function_component(CareChips)]
pub fn care_chips(props: &CareProps) -> Html {
    let t = use_texts();
    html! {
        <>
        { for props.tags.iter().map(|tag| html! {
            <span class="chip chip-tag" data-tag={tag.clone()}>{(t.resident.care_tag)(tag)}</span>
        }) }
        if props.party_member {
            <span class="chip chip-party" title={t.resident.party_hint}>{t.resident.party_member}</span>
        }
        </>
    }
}

#[derive(Properties, PartialEq)]
pub struct StatusProps {
    pub household: Household,
}

/// Status (only when not the usual 人户一致), floating, moved out, then tags.
#[function_component(StatusChips)]
pub fn status_chips(props: &StatusProps) -> Html {
    let t = use_texts();
    let h = &props.household;
    html! {
        <span class="chips">
            if let Some(day) = &h.moved_out {
                <span class="chip chip-out">{(t.moved_out_on)(day)}</span>
            }
            if h.residence_status != ResidenceStatus::Consistent {
                <span class="chip chip-status">{
                    match &h.residence_status_code {
                        Some(code) => (t.unknown_code)(code),
                        None => (t.status_label)(h.residence_status).to_owned(),
                    }
                }</span>
            }
            if h.floating {
                <span class="chip chip-status">{t.floating}</span>
            }
            <TagChips tags={h.tags.clone()} />
        </span>
    }
}
