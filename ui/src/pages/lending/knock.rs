//! 今日's reason to knock from the sharing station (h19desk): the community's loans overdue, each
//! with its household, so the worker walking the building reminds them at the door. Nothing
//! shown when nothing is overdue.

use linli_domain::Id;
use linli_protocol::{ListLoans, Loan};
use yew::prelude::*;

use crate::hooks::use_app;
use crate::ipc;
use crate::state::{Action, Page};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub community: Option<Id>,
}

#[function_component(OverdueToKnock)]
pub fn overdue_to_knock(p: &Props) -> Html {
    let app = use_app();
    let l = &app.lang.texts().lending;
    let loans = use_state(Vec::<Loan>::new);
    {
        let loans = loans.clone();
        use_effect_with(p.community, move |c| {
            let community = *c;
            loans.set(Vec::new());
            if let Some(community_id) = community {
                wasm_bindgen_futures::spawn_local(async move {
                    let list = ipc::call(&ListLoans {
                        community_id,
                        household_id: None,
                        building_id: None,
                        include_closed: false,
                        overdue_only: true,
                        conflicts_only: false,
                    })
                    .await
                    .unwrap_or_default();
                    loans.set(list);
                });
            }
        });
    }
    if loans.is_empty() {
        return html! {};
    }
    let open = |household: Id| {
        let app = app.clone();
        Callback::from(move |_| app.dispatch(Action::OpenHousehold(household)))
    };
    let to_desk = {
        let app = app.clone();
        Callback::from(move |_| app.dispatch(Action::Navigate(Page::Lending)))
    };
    html! {
        <div class="today-loans no-print" id="today-loans">
            <div class="panel-head">
                <h2>{l.today_title}</h2>
                <button class="btn btn-small" id="today-to-desk" onclick={to_desk}>{l.to_desk}</button>
            </div>
            <ul>
            { for loans.iter().map(|x| html! {
                <li id={format!("today-loan-{}", x.code)}>
                    <button class="link" onclick={open(x.household_id)}>{x.household.clone()}</button>
                    {" "}{x.borrower.clone()}{" · "}
                    <span class="lend-late">{(l.today_reason)(&x.code, &x.kind_name, x.overdue_days)}</span>
                </li>
            }) }
            </ul>
        </div>
    }
}
