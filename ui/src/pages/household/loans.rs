//! 驿站借用 on a household's page (issue 19): what the household has on loan from the sharing
//! station, overdue and due-soon loans marked, so the steward at the door sees them, each renewed
//! from here in one click (a refusal says why). Nothing shown when the household has nothing out.

use linli_domain::Id;
use linli_protocol::{ApiError, ListLoans, Loan, RenewLoan};
use yew::prelude::*;

use crate::hooks::use_app;
use crate::ipc;
use crate::pages::lending::overdue::{days_left, today};
use crate::state::{Action, Page};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub household_id: Id,
    pub community: Option<Id>,
    pub version: u32,
}

#[function_component(HouseholdLoans)]
pub fn household_loans(p: &Props) -> Html {
    let app = use_app();
    let l = &app.lang.texts().lending;
    let loans = use_state(Vec::<Loan>::new);
    let said = use_state(|| None as Option<Result<String, ApiError>>);
    let round = use_state(|| 0u32);
    {
        let loans = loans.clone();
        use_effect_with(
            (p.household_id, p.community, p.version, *round),
            move |(h, c, _, _)| {
                let (household, community) = (*h, *c);
                if let Some(community_id) = community {
                    wasm_bindgen_futures::spawn_local(async move {
                        let list = ipc::call(&ListLoans {
                            community_id,
                            household_id: Some(household),
                            building_id: None,
                            include_closed: false,
                            overdue_only: false,
                            conflicts_only: false,
                            person_id: None,
                            grid_id: None,
                        })
                        .await
                        .unwrap_or_default();
                        loans.set(list.into_iter().filter(|x| !x.handout).collect());
                    });
                }
            },
        );
    }
    if loans.is_empty() {
        return html! {};
    }
    let to_desk = Callback::from(move |_| app.dispatch(Action::Navigate(Page::Lending)));
    let renew = |x: &Loan| {
        let (id, code, said, round) = (x.id, x.code.clone(), said.clone(), round.clone());
        Callback::from(move |_| {
            let (code, said, round) = (code.clone(), said.clone(), round.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match ipc::call(&RenewLoan { loan_id: id }).await {
                    Ok(loan) => {
                        said.set(Some(Ok((l.renewed)(&code, &loan.due))));
                        round.set(*round + 1);
                    }
                    Err(e) => said.set(Some(Err(e))),
                }
            });
        })
    };
    let today = today();
    html! {
        <section class="panel household-loans" id="household-loans">
            <div class="panel-head">
                <h2>{l.household_title}</h2>
                <button class="btn btn-small" id="household-to-desk" onclick={to_desk}>{l.to_desk}</button>
            </div>
            { match &*said {
                Some(Ok(m)) => html! { <p class="notice" id="household-renew-msg" role="status">{m.clone()}</p> },
                Some(Err(e)) => crate::pages::lending::error_line(e, "household-renew-error"),
                None => html! {},
            } }
            <table class="table">
                <thead><tr>
                    <th>{l.col_code}</th><th>{l.col_kind}</th><th>{l.col_borrower}</th>
                    <th>{l.col_due}</th><th>{l.col_overdue}</th><th></th>
                </tr></thead>
                <tbody>
                { for loans.iter().map(|x| {
                    let left = days_left(x, &today);
                    let when = if left < 0 {
                        (l.days_over)(-left)
                    } else if left <= 3 {
                        (l.due_in)(left)
                    } else {
                        String::new()
                    };
                    html! {
                        <tr id={format!("household-loan-{}", x.code)} class={classes!((left < 0).then_some("lend-late"))}>
                            <td class="mono">{x.code.clone()}</td>
                            <td>{x.kind_name.clone()}</td>
                            <td>{x.borrower.clone()}</td>
                            <td>{x.due.clone()}</td>
                            <td>{when}</td>
                            <td><button class="btn btn-small" id={format!("household-renew-{}", x.code)}
                                onclick={renew(x)}>{l.renew}</button></td>
                        </tr>
                    }
                }) }
                </tbody>
            </table>
        </section>
    }
}
