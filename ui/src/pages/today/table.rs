//! A list of households for field work: address (compound first), section, head, care needs, last
//! visit and why it is due; with 登记走访 on each row where visits can be logged from the list.
//! A long list (a whole community's households due run into thousands at 100,000 households) is
//! drawn [`PAGE`] rows at a time, with 再显示 and 显示全部 under it (issue 24): drawing 2,547 rows
//! at once took the window over a second.

use linli_domain::Id;
use linli_protocol::HouseholdLine;
use yew::prelude::*;

use crate::components::show_more::show_more;
use crate::hooks::use_texts;
use crate::pages::field::full_address;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub id: AttrValue,
    pub rows: Vec<HouseholdLine>,
    /// Logs a visit to the household of the row clicked; no buttons when none.
    #[prop_or_default]
    pub visit: Option<Callback<Id>>,
}

/// How many rows a list draws at first, and how many more each 再显示 adds.
pub const PAGE: usize = 200;

#[function_component(HouseholdTable)]
pub fn household_table(props: &Props) -> Html {
    let t = use_texts();
    let sections = props.rows.iter().any(|h| h.section.is_some());
    let limit = use_state(|| PAGE);
    let total = props.rows.len();
    let shown = total.min(*limit);
    let more = show_more(
        &props.id,
        &limit,
        PAGE,
        total,
        t.pages.shown_of,
        t.pages.show_more,
        t.pages.show_all,
    );
    html! {
        <>
        <table class="table household-lines" id={props.id.clone()}>
            <thead><tr>
                <th>{t.col_address}</th>
                if sections { <th>{t.work.col_section}</th> }
                <th>{t.col_head}</th><th>{t.col_care}</th>
                <th>{t.col_last_visit}</th><th>{t.col_reason}</th>
                if props.visit.is_some() { <th class="no-print"></th> }
            </tr></thead>
            <tbody>
            { for props.rows.iter().take(shown).map(|h| {
                let button = props.visit.as_ref().map(|cb| {
                    let (cb, id) = (cb.clone(), h.id);
                    html! {
                        <td class="actions no-print">
                            <button class="btn btn-small visit-btn" data-id={h.id.to_string()}
                                onclick={Callback::from(move |_| cb.emit(id))}>{t.work.log_visit}</button>
                        </td>
                    }
                });
                html! {
                    <tr key={h.id.to_string()} data-id={h.id.to_string()}>
                        <td>{full_address(h.compound.as_deref(), &h.address)}</td>
                        if sections { <td class="muted">{h.section.as_deref().unwrap_or("—")}</td> }
                        <td>{h.head_name.as_deref().unwrap_or("—")}</td>
                        <td>{h.care_tags.iter().map(|c| (t.resident.care_tag)(c)).collect::<Vec<_>>().join(t.resident.sep)}</td>
                        <td>{h.last_visit.as_deref().unwrap_or(t.never)}</td>
                        <td>{(t.due_reason)(h.due)}</td>
                        {button}
                    </tr>
                }
            }) }
            </tbody>
        </table>
        {more}
        </>
    }
}
