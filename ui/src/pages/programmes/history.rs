//! A programme's attendance month by month: each day met with the children in, those not
//! collected and the volunteers credited with their hours; each child's days attended. Printed.

use linli_domain::Id;
use linli_protocol::{Attendance, GetAttendance};
use yew::prelude::*;

use super::input;
use crate::components::print::PrintButton;
use crate::hooks::use_texts;
use crate::ipc;

#[derive(Properties, PartialEq)]
pub struct HistoryProps {
    pub id: Id,
}

#[function_component(History)]
pub fn history(p: &HistoryProps) -> Html {
    let t = use_texts();
    let g = &t.programmes;
    let month = use_state(String::new);
    let data = use_state(|| None as Option<Attendance>);
    {
        let data = data.clone();
        let id = p.id;
        use_effect_with((id, (*month).clone()), move |(_, m)| {
            let month = (!m.is_empty()).then(|| m.clone());
            wasm_bindgen_futures::spawn_local(async move {
                data.set(
                    ipc::call(&GetAttendance {
                        programme_id: id,
                        month,
                    })
                    .await
                    .ok(),
                );
            });
        });
    }
    let set_month = {
        let month = month.clone();
        Callback::from(move |v: String| month.set(v))
    };
    let body = match &*data {
        None => html! { <p class="muted">{g.loading}</p> },
        Some(a) if a.days.is_empty() => {
            html! { <p class="muted" id="prog-history-none">{g.history_none}</p> }
        }
        Some(a) => html! {
            <>
                <h2>{(g.history_title)(&a.month)}</h2>
                <table class="table" id="prog-history">
                    <thead><tr>
                        <th>{g.date}</th><th>{g.col_present}</th><th>{g.not_collected}</th>
                        <th>{g.col_credited}</th><th>{g.col_hours}</th>
                    </tr></thead>
                    <tbody>
                    { for a.days.iter().map(|d| html! {
                        <tr>
                            <td>{d.date.clone()}</td><td>{d.present}</td><td>{d.not_collected}</td>
                            <td>{d.credited}</td><td>{format!("{:.1}", d.hours)}</td>
                        </tr>
                    }) }
                    </tbody>
                </table>
                <h3>{g.col_days}</h3>
                <table class="table" id="prog-child-days">
                    <thead><tr><th>{g.col_child}</th><th>{g.col_days}</th></tr></thead>
                    <tbody>
                    { for a.children.iter().map(|c| html! {
                        <tr>
                            <td>{ if a.withheld { g.withheld_name.to_owned() } else { c.name.clone() } }</td>
                            <td>{c.days}</td>
                        </tr>
                    }) }
                    </tbody>
                </table>
            </>
        },
    };
    html! {
        <div class="prog-history">
            <div class="form-row no-print">
                {input("prog-month", g.month, &month, "month", set_month)}
                <PrintButton id="prog-history-print" />
            </div>
            {body}
        </div>
    }
}
