//! 走访 Visits: tonight's review queue (夜研判) — the day's visits with findings, unreviewed first.

use linli_domain::Id;
use linli_protocol::{ApiError, ReviewQueue, Visit};
use yew::prelude::*;

use super::field::CommunityPicker;
use crate::hooks::use_texts;
use crate::ipc;

#[function_component(Visits)]
pub fn visits() -> Html {
    let t = use_texts();
    let community = use_state(|| None as Option<Id>);
    let data = use_state(|| None as Option<Result<Vec<Visit>, ApiError>>);
    {
        let data = data.clone();
        use_effect_with(*community, move |c| {
            if let Some(c) = *c {
                data.set(None);
                wasm_bindgen_futures::spawn_local(async move {
                    let res = ipc::call(&ReviewQueue {
                        place_id: Some(c),
                        day: None,
                    })
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
        Some(Ok(list)) if list.is_empty() => html! { <p class="empty">{t.review_empty}</p> },
        Some(Ok(list)) => html! {
            <table class="table" id="review-queue">
                <thead><tr>
                    <th>{t.col_time}</th><th>{t.col_address}</th><th>{t.col_visitor}</th>
                    <th>{t.col_findings}</th><th>{t.col_review}</th>
                </tr></thead>
                <tbody>
                { for list.iter().map(|v| html! {
                    <tr>
                        <td class="mono">{&v.at}</td>
                        <td>{&v.address}</td>
                        <td>{v.visitor_name.as_deref().unwrap_or("—")}</td>
                        <td>{&v.findings}</td>
                        <td>{ if v.reviewed { t.reviewed } else if v.needs_follow_up { t.follow_up } else { t.to_review } }</td>
                    </tr>
                }) }
                </tbody>
            </table>
        },
    };
    html! {
        <section class="panel">
            <div class="page-head"><h1>{t.review_title}</h1></div>
            <CommunityPicker value={*community} onchange={pick} />
            <crate::components::export_button::ExportButton kind={linli_protocol::ListKind::Visits}
                place_id={*community} from={crate::clock::today()} to={crate::clock::today()} />
            {body}
        </section>
    }
}
