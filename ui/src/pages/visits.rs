//! 走访 Visits: the community's nightly review (夜研判) of a chosen day — each finding marked
//! reviewed or turned into a task — and below it the weekly consultation agenda (周会商).

use linli_domain::Id;
use yew::prelude::*;

use super::agenda::Agenda;
use super::field::CommunityPicker;
use super::review::ReviewPanel;
use crate::hooks::{use_kept_state, use_texts};

#[function_component(Visits)]
pub fn visits() -> Html {
    let t = use_texts();
    let community = use_kept_state("visits.community", || None as Option<Id>);
    let reviewed = use_state(|| 0u32);
    let pick = {
        let community = community.clone();
        Callback::from(move |c| community.set(c))
    };
    let on_reviewed = {
        let reviewed = reviewed.clone();
        Callback::from(move |()| reviewed.set(*reviewed + 1))
    };
    html! {
        <>
        <crate::pages::paper::ScanBox />
        <section class="panel">
            <div class="page-head">
                <h1>{t.review_title}</h1>
                <CommunityPicker value={*community} onchange={pick} />
            </div>
            if let Some(c) = *community {
                <ReviewPanel key={c.to_string()} community={c} {on_reviewed} />
            }
        </section>
        if let Some(c) = *community {
            <Agenda community={c} reload={*reviewed} />
        }
        </>
    }
}
