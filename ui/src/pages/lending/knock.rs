//! 今日's reason to knock from the sharing station: the loans overdue or due within three days of
//! the households in 今日's scope — the signed-in worker's own buildings and sections by default,
//! else the grid or the community chosen, narrowed to the building chosen — each with its
//! household, so the worker walking the building reminds them at the door. Nothing shown when
//! nothing is due.

use linli_domain::Id;
use linli_protocol::{ListLoans, Loan};
use yew::prelude::*;

use super::overdue::{days_left, today, wants_attention};
use crate::hooks::use_app;
use crate::ipc;
use crate::state::{Action, Page};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub community: Option<Id>,
    /// 今日's scope: me (my buildings and sections) or a grid; neither is the whole community.
    #[prop_or_default]
    pub person: Option<Id>,
    #[prop_or_default]
    pub grid: Option<Id>,
    /// "南湖苑1栋": only this building's loans, as 今日's building filter.
    #[prop_or_default]
    pub building: Option<String>,
}

#[function_component(OverdueToKnock)]
pub fn overdue_to_knock(p: &Props) -> Html {
    let app = use_app();
    let l = &app.lang.texts().lending;
    let loans = use_state(Vec::<Loan>::new);
    {
        let loans = loans.clone();
        use_effect_with((p.community, p.person, p.grid), move |(c, person, grid)| {
            let (community, person_id, grid_id) = (*c, *person, *grid);
            loans.set(Vec::new());
            if let Some(community_id) = community {
                wasm_bindgen_futures::spawn_local(async move {
                    let list = ipc::call(&ListLoans {
                        community_id,
                        household_id: None,
                        building_id: None,
                        include_closed: false,
                        overdue_only: false,
                        conflicts_only: false,
                        person_id,
                        grid_id,
                    })
                    .await
                    .unwrap_or_default();
                    let today = today();
                    // overdue first, the longest first; then what falls due soonest
                    let mut due: Vec<Loan> = list
                        .into_iter()
                        .filter(|x| wants_attention(x, &today))
                        .collect();
                    due.sort_by_key(|x| days_left(x, &today));
                    loans.set(due);
                });
            }
        });
    }
    let shown: Vec<&Loan> = loans
        .iter()
        .filter(|x| p.building.as_ref().is_none_or(|b| *b == x.building))
        .collect();
    if shown.is_empty() {
        return html! {};
    }
    let today = today();
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
            { for shown.iter().map(|x| {
                let left = days_left(x, &today);
                html! {
                    <li id={format!("today-loan-{}", x.code)}>
                        <button class="link" onclick={open(x.household_id)}>{x.household.clone()}</button>
                        {" "}{x.borrower.clone()}{" · "}
                        if left < 0 {
                            <span class="lend-late">{(l.today_reason)(&x.code, &x.kind_name, -left)}</span>
                        } else {
                            <span>{(l.today_due_soon)(&x.code, &x.kind_name, left)}</span>
                        }
                    </li>
                }
            }) }
            </ul>
        </div>
    }
}
