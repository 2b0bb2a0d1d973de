//! 续借/逾期: the station's open loans overdue or due within three days, per building, each with
//! one-click renew (a refusal says why, in the catalogue's words), and the list printed for the
//! building's worker to take round.

use linli_domain::Id;
use linli_protocol::{ApiError, ListLoans, Loan, RenewLoan};
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::{error_line, StationProps};
use crate::components::print::PrintButton;
use crate::components::print_mark::PrintMark;
use crate::hooks::{use_kept_state, use_texts};
use crate::ipc;

/// Days until due (negative when overdue), from the loan's own overdue count and today.
pub fn days_left(loan: &Loan, today: &str) -> i64 {
    if loan.overdue_days > 0 {
        return -loan.overdue_days;
    }
    let day = |d: &str| -> Option<i64> {
        let (y, m, dd) = (
            d.get(..4)?.parse().ok()?,
            d.get(5..7)?.parse().ok()?,
            d.get(8..10)?.parse().ok()?,
        );
        Some(linli_domain::calendar::days_from_civil(y, m, dd))
    };
    match (day(&loan.due), day(today)) {
        (Some(a), Some(b)) => a - b,
        _ => 0,
    }
}

/// Overdue, or due within three days (a hand-out never).
pub fn wants_attention(loan: &Loan, today: &str) -> bool {
    !loan.handout && loan.closed_on.is_none() && days_left(loan, today) <= 3
}

pub fn today() -> String {
    crate::clock::today()
}

#[function_component(Overdue)]
pub fn overdue(p: &StationProps) -> Html {
    let t = use_texts();
    let l = &t.lending;
    let loans = use_state(|| None as Option<Result<Vec<Loan>, ApiError>>);
    let building = use_kept_state("lending.building", String::new);
    let said = use_state(|| None as Option<(Id, Result<String, ApiError>)>);
    let generation = use_state(|| 0u32);
    let community = p.community;
    {
        let loans = loans.clone();
        use_effect_with((community, *generation), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                let list = ipc::call(&ListLoans {
                    community_id: community,
                    household_id: None,
                    building_id: None,
                    include_closed: false,
                    overdue_only: false,
                    conflicts_only: false,
                    person_id: None,
                    grid_id: None,
                })
                .await;
                loans.set(Some(list));
            });
        });
    }
    let today = today();
    let list: Vec<Loan> = match &*loans {
        Some(Ok(all)) => {
            let mut v: Vec<Loan> = all
                .iter()
                .filter(|x| wants_attention(x, &today))
                .cloned()
                .collect();
            // per building with its compound ("南湖苑1栋": two 1栋 of two compounds apart)
            v.sort_by(|a, b| {
                (
                    &a.building,
                    a.building_id,
                    days_left(a, &today),
                    &a.household,
                )
                    .cmp(&(
                        &b.building,
                        b.building_id,
                        days_left(b, &today),
                        &b.household,
                    ))
            });
            v
        }
        _ => Vec::new(),
    };
    let name_of = |x: &Loan| {
        if x.building.is_empty() {
            l.no_building.to_owned()
        } else {
            x.building.clone()
        }
    };
    let mut in_list: Vec<(Option<Id>, String)> =
        list.iter().map(|x| (x.building_id, name_of(x))).collect();
    in_list.dedup();
    let chosen: Option<Option<Id>> = if building.is_empty() {
        None
    } else {
        Some(building.parse().ok())
    };
    let shown: Vec<&Loan> = list
        .iter()
        .filter(|x| chosen.is_none_or(|c| c == x.building_id))
        .collect();
    let on_building = {
        let building = building.clone();
        Callback::from(move |e: Event| {
            building.set(e.target_unchecked_into::<HtmlSelectElement>().value())
        })
    };
    let renew = |loan: &Loan| {
        let (id, code) = (loan.id, loan.code.clone());
        let (said, generation, reload) = (said.clone(), generation.clone(), p.reload.clone());
        Callback::from(move |_| {
            let (said, generation, reload, code) = (
                said.clone(),
                generation.clone(),
                reload.clone(),
                code.clone(),
            );
            wasm_bindgen_futures::spawn_local(async move {
                match ipc::call(&RenewLoan { loan_id: id }).await {
                    Ok(loan) => {
                        said.set(Some((id, Ok((l.renewed)(&code, &loan.due)))));
                        generation.set(*generation + 1);
                        reload.emit(());
                    }
                    Err(e) => said.set(Some((id, Err(e)))),
                }
            });
        })
    };
    let mut last_building = None;
    let mut rows = Vec::new();
    for (i, x) in shown.iter().enumerate() {
        if i == 0 || last_building != Some(x.building_id) {
            last_building = Some(x.building_id);
            rows.push(html! {
                <tr class="lend-group"><th colspan="7">{name_of(x)}</th></tr>
            });
        }
        let left = days_left(x, &today);
        let when = if left < 0 {
            (l.days_over)(-left)
        } else {
            (l.due_in)(left)
        };
        // a refusal stays on its row; a renewal is said above the list (the row may leave it)
        let message = match &*said {
            Some((id, Err(e))) if *id == x.id => error_line(e, &format!("renew-error-{}", x.code)),
            _ => html! {},
        };
        rows.push(html! {
            <tr id={format!("due-{}", x.code)} class={classes!((left < 0).then_some("lend-late"))}>
                <td class="mono">{x.code.clone()}</td>
                <td>{x.kind_name.clone()}
                    if x.conflict { <p class="field-error">{l.conflict}</p> }
                </td>
                <td>{x.household.clone()}</td>
                <td>{x.borrower.clone()}</td>
                <td>{x.due.clone()}</td>
                <td>{when}</td>
                <td class="no-print">
                    <button class="btn btn-small" id={format!("renew-{}", x.code)} onclick={renew(x)}>{l.renew}</button>
                    {message}
                </td>
            </tr>
        });
    }
    html! {
        <div class="panel lend-overdue" id="lend-overdue">
            <div class="panel-head">
                <h2>{l.overdue_title}</h2>
                <div class="row-actions no-print">
                    <select class="input" id="overdue-building" onchange={on_building}>
                        <option value="" selected={building.is_empty()}>{l.all_buildings}</option>
                        { for in_list.iter().map(|(id, name)| {
                            let v = id.map(|i| i.to_string()).unwrap_or_else(|| "none".to_owned());
                            html! { <option value={v.clone()} selected={*building == v}>{name.clone()}</option> }
                        }) }
                    </select>
                    <PrintButton id="overdue-print" class={classes!("btn")} label={l.print_list} />
                </div>
            </div>
            if let Some((_, Ok(m))) = &*said {
                <p class="notice no-print" id="renew-msg" role="status">{m.clone()}</p>
            }
            { match &*loans {
                None => html! { <p class="muted">{l.loading}</p> },
                Some(Err(e)) => error_line(e, "overdue-error"),
                Some(Ok(_)) if shown.is_empty() => html! { <p class="empty" id="overdue-empty">{l.nothing_due}</p> },
                Some(Ok(_)) => html! {
                    <table class="table" id="overdue-list">
                        <thead><tr>
                            <th>{l.col_code}</th><th>{l.col_kind}</th><th>{l.col_household}</th>
                            <th>{l.col_borrower}</th><th>{l.col_due}</th><th>{l.col_overdue}</th>
                            <th class="no-print">{l.col_actions}</th>
                        </tr></thead>
                        <tbody>{ for rows }</tbody>
                    </table>
                },
            } }
            <PrintMark />
        </div>
    }
}
