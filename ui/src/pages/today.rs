//! 今日 Today: the community's households due for a visit, never visited first and then in
//! walking order, with the month's coverage above them.

use linli_domain::Id;
use linli_protocol::{ApiError, Coverage, CoverageReport, HouseholdLine, Today as TodayReq};
use yew::prelude::*;

use super::field::{percent, CommunityPicker};
use crate::hooks::use_texts;
use crate::ipc;

type Loaded = Option<Result<(Vec<HouseholdLine>, CoverageReport), ApiError>>;

#[function_component(Today)]
pub fn today() -> Html {
    let t = use_texts();
    let community = use_state(|| None as Option<Id>);
    let data = use_state(|| None as Loaded);
    {
        let data = data.clone();
        use_effect_with(*community, move |c| {
            if let Some(c) = *c {
                data.set(None);
                wasm_bindgen_futures::spawn_local(async move {
                    let res = async {
                        let due = ipc::call(&TodayReq {
                            person_id: None,
                            place_id: Some(c),
                            today: None,
                        })
                        .await?;
                        let cov = ipc::call(&Coverage {
                            place_id: Some(c),
                            from: None,
                            to: None,
                        })
                        .await?;
                        Ok((due, cov))
                    }
                    .await;
                    data.set(Some(res));
                });
            }
        });
    }
    let pick = {
        let community = community.clone();
        Callback::from(move |c| community.set(c))
    };
    let body = match &*data {
        None => html! { <p class="muted">{t.loading}</p> },
        Some(Err(e)) => html! { <p class="alert alert-error">{&e.message}</p> },
        Some(Ok((due, cov))) => {
            let summary = cov.communities.first().map(|c| {
                html! { <p class="count" id="coverage-line">{(t.coverage_line)(c.visited, c.total, &percent(c.rate))}</p> }
            });
            html! {
                <>
                    {summary}
                    <p class="count">{(t.due_count)(due.len())}</p>
                    if due.is_empty() {
                        <p class="empty">{t.nothing_due}</p>
                    } else {
                        <table class="table" id="due-list">
                            <thead><tr>
                                <th>{t.col_address}</th><th>{t.col_head}</th><th>{t.col_care}</th>
                                <th>{t.col_last_visit}</th><th>{t.col_reason}</th>
                            </tr></thead>
                            <tbody>
                            { for due.iter().map(|h| html! {
                                <tr>
                                    <td>{h.compound.as_deref().unwrap_or("")}{&h.address}</td>
                                    <td>{h.head_name.as_deref().unwrap_or("—")}</td>
                                    <td>{h.care_tags.join("、")}</td>
                                    <td>{h.last_visit.as_deref().unwrap_or(t.never)}</td>
                                    <td>{(t.due_reason)(h.due)}</td>
                                </tr>
                            }) }
                            </tbody>
                        </table>
                    }
                </>
            }
        }
    };
    html! {
        <section class="panel">
            <div class="page-head"><h1>{t.today_title}</h1></div>
            <CommunityPicker value={*community} onchange={pick} />
            {body}
        </section>
    }
}
