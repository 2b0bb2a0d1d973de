//! The records behind a figure, in place of the charts: its title with the days and the count,
//! the list under its headers (in the window's language), and the way back.

use yew::prelude::*;

use super::Drill;
use crate::hooks::use_texts;
use crate::pages::reports::monthly::cell_in;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub drill: Drill,
    pub on_back: Callback<MouseEvent>,
}

#[function_component(Records)]
pub fn records(p: &Props) -> Html {
    let t = use_texts();
    let s = &t.stats;
    let d = &p.drill;
    let lang = crate::hooks::use_app().lang;
    // another register's records bring the English of their words
    let own = |r: &linli_protocol::FigureRecords, c: &str| -> Option<String> {
        (lang == crate::i18n::Lang::En)
            .then(|| r.words_en.iter().find(|(zh, _)| zh == c))
            .flatten()
            .map(|(_, en)| en.clone())
    };
    let body = match &d.records {
        None => html! { <p class="muted">{s.records_loading}</p> },
        Some(Err(e)) => html! { <p class="alert alert-error">{crate::i18n::say(e)}</p> },
        Some(Ok(r)) => html! {
            <>
                <h3 id="stats-records-title">{(s.records_title)(&d.title, &r.from, &r.to, r.rows.len())}</h3>
                if r.rows.is_empty() {
                    <p class="empty">{s.records_none}</p>
                } else {
                    <div class="records-scroll">
                        <table class="table" id="stats-records-table">
                            <thead><tr>{ for r.headers.iter().map(|h| html! { <th>{own(r, h).unwrap_or_else(|| (t.files.header)(h))}</th> }) }</tr></thead>
                            <tbody>
                            { for r.rows.iter().map(|row| html! {
                                <tr>{ for row.iter().map(|c| html! { <td>{own(r, c).unwrap_or_else(|| cell_in(t, c))}</td> }) }</tr>
                            }) }
                            </tbody>
                        </table>
                    </div>
                }
            </>
        },
    };
    html! {
        <div id="stats-records" data-chart={d.req.chart.clone()} data-bucket={d.req.bucket.clone().unwrap_or_default()}>
            <div class="list-exports no-print">
                <button class="btn" id="stats-back" type="button" onclick={p.on_back.clone()}>{"← "}{s.records_back}</button>
                if matches!(&d.records, Some(Ok(r)) if !r.rows.is_empty()) {
                    <crate::components::print::PrintButton id="stats-records-print" />
                }
            </div>
            {body}
        </div>
    }
}
