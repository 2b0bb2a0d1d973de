//! 借还: 米邻驿站, the sharing station's lending desk (issue 19; docs/lending.md). A station (the
//! community) and six tabs: 借出 (a borrower, a code box a USB scanner types into, the basket
//! with each copy's parts checklist, the loan slip to print), 归还 (the same code box, outcome,
//! condition and missing parts), 续借/逾期 (overdue and due-soon loans with one-click renew,
//! printable per building), 预约 (place, fulfil, cancel), 物品 (kinds and copies, the service
//! desk, QR labels, a kind's photo and a copy's) and 规则 (the station's limits). Above the tabs,
//! any copy on two open loans (two laptops lent it offline) until a person voids one. Every
//! refusal is the catalogue's sentence.

mod borrower;
mod code_box;
mod conflicts;
mod copies;
mod give_back;
mod holds;
mod items;
pub mod knock;
mod lend;
pub mod overdue;
mod payer;
mod photos;
mod qr;
mod rules;
mod slip;

use linli_domain::Id;
use linli_protocol::{ApiError, LendKind, ListLendKinds};
use yew::prelude::*;

use crate::components::community_select::{use_communities, CommunitySelect};
use crate::hooks::{use_kept_state, use_texts};
use crate::ipc;

pub use borrower::{Borrower, BorrowerPicker};
pub use rules::Rules as StationRules;

/// The tabs of the page, by their id.
const TABS: [&str; 6] = ["lend", "return", "overdue", "holds", "items", "rules"];

/// What every tab is given: the station and its kinds (reloaded when a tab changes them).
#[derive(Debug, Clone, PartialEq, Properties)]
pub struct StationProps {
    pub community: Id,
    pub kinds: std::rc::Rc<Vec<LendKind>>,
    /// Asks the page to read the kinds again (after a kind, a copy or a loan changed).
    pub reload: Callback<()>,
}

/// A refusal in the window's language.
pub fn error_line(e: &ApiError, id: &str) -> Html {
    html! { <p class="field-error" id={id.to_owned()} role="alert">{crate::i18n::say(e)}</p> }
}

#[function_component(Lending)]
pub fn lending() -> Html {
    let t = use_texts();
    let l = &t.lending;
    let tab = use_kept_state("lending.tab", || "lend".to_owned());
    let (stations, station) = use_communities("lending.station");
    let kinds = use_state(|| std::rc::Rc::new(Vec::<LendKind>::new()));
    let generation = use_state(|| 0u32);
    {
        let kinds = kinds.clone();
        use_effect_with((*station, *generation), move |(station, _)| {
            if let Some(community_id) = *station {
                wasm_bindgen_futures::spawn_local(async move {
                    if let Ok(list) = ipc::call(&ListLendKinds { community_id }).await {
                        kinds.set(std::rc::Rc::new(list));
                    }
                });
            }
        });
    }
    let reload = {
        let generation = generation.clone();
        Callback::from(move |_| generation.set(*generation + 1))
    };
    let on_station = {
        let station = station.clone();
        Callback::from(move |c: Option<Id>| station.set(c))
    };
    let label = |id: &str| match id {
        "lend" => l.tab_lend,
        "return" => l.tab_return,
        "overdue" => l.tab_overdue,
        "holds" => l.tab_holds,
        "items" => l.tab_items,
        _ => l.tab_rules,
    };
    let tabs = TABS.iter().map(|&id| {
        let onclick = {
            let tab = tab.clone();
            Callback::from(move |_| tab.set(id.to_owned()))
        };
        let active = *tab == id;
        html! {
            <button id={format!("lend-tab-{id}")} class={classes!("tab", active.then_some("active"))}
                aria-selected={active.to_string()} role="tab" {onclick}>{label(id)}</button>
        }
    });
    let body = match (&*stations, *station) {
        (None, _) => html! { <p class="muted">{l.loading}</p> },
        (Some(_), None) => html! { <p class="muted" id="lend-no-station">{l.no_station}</p> },
        (Some(_), Some(community)) => {
            let kinds = (*kinds).clone();
            let reload = reload.clone();
            match tab.as_str() {
                "return" => html! { <give_back::GiveBack {community} {kinds} {reload} /> },
                "overdue" => html! { <overdue::Overdue {community} {kinds} {reload} /> },
                "holds" => html! { <holds::Holds {community} {kinds} {reload} /> },
                "items" => html! { <items::Items {community} {kinds} {reload} /> },
                "rules" => html! { <rules::Rules {community} /> },
                _ => html! { <lend::Lend {community} {kinds} {reload} /> },
            }
        }
    };
    html! {
        <section class="page lending">
            <header class="page-head no-print">
                <h1>{l.title}</h1>
                <CommunitySelect id="lend-station" label={l.station} list={(*stations).clone()}
                    chosen={*station} on_change={on_station} />
            </header>
            if let Some(community) = *station {
                <conflicts::Conflicts {community} round={*generation} reload={reload.clone()} />
            }
            <div class="settings-tabs lend-tabs no-print" role="tablist">{ for tabs }</div>
            {body}
        </section>
    }
}
