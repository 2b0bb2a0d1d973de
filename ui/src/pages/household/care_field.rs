//! The care tags of a member, picked from the fixed list of needs, and the 党员 flag beside them
//! (a political identity, never a care need). Used by "添加成员" and the member editor.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::hooks::use_texts;

#[derive(Properties, PartialEq)]
pub struct Props {
    /// The element id of the tag buttons' box ("member-care-tags", "edit-care-tags").
    pub id: AttrValue,
    pub tags: Vec<String>,
    pub party_member: bool,
    pub on_toggle: Callback<String>,
    pub on_party: Callback<bool>,
}

#[function_component(CareField)]
pub fn care_field(props: &Props) -> Html {
    let t = use_texts();
    let r = &t.resident;
    // the household's community's care tags (设置 → 社区规则) and the member's own
    let offered = crate::pages::settings::care_tags::use_offered_care_tags(&props.tags);
    // A restricted role (steward, coordinator) never receives the sensitive tags: an unticked
    // sensitive chip would claim "not set" when it may be. Such chips are marked, not unticked.
    let withheld = crate::components::masked_value::use_withheld();
    let buttons = offered.iter().map(|tag| {
        let on = props.tags.iter().any(|x| x == tag);
        let hidden = withheld && linli_protocol::privacy::sensitive_tag(tag);
        let toggle = props.on_toggle.clone();
        let tag_s = tag.to_string();
        html! {
            <button type="button"
                class={classes!("chip", "chip-toggle", on.then_some("on"), hidden.then_some("chip-withheld"))}
                data-tag={*tag} aria-pressed={on.to_string()}
                title={hidden.then_some(t.withheld.care_write_only)}
                onclick={Callback::from(move |_| toggle.emit(tag_s.clone()))}>
                if hidden && !on { {t.withheld.care_unknown_mark} }
                {(r.care_tag)(tag)}
            </button>
        }
    });
    let any_hidden = withheld
        && offered
            .iter()
            .any(|tag| linli_protocol::privacy::sensitive_tag(tag));
    let on_party = {
        let cb = props.on_party.clone();
        Callback::from(move |e: Event| {
            cb.emit(e.target_unchecked_into::<HtmlInputElement>().checked())
        })
    };
    html! {
        <div class="field">
            <span class="label">{t.care_tags}</span>
            <div class="chips chip-toggles" id={props.id.clone()}>{ for buttons }</div>
            if any_hidden {
                <p class="hint care-withheld-hint">{t.withheld.care_write_only}</p>
            }
            <label class="check party-flag" title={r.party_hint}>
                <input type="checkbox" class="party-member" checked={props.party_member} onchange={on_party} />
                {" "}{r.party_member}
                <span class="muted">{" · "}{r.party_hint}</span>
            </label>
        </div>
    }
}
