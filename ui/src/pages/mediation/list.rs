//! The case list: by state, type, overdue or a text; sorted by number, days left or registration.

use linli_domain::mediation::{CaseState, DisputeKind};
use linli_domain::Id;
use linli_protocol::{CaseSort, ListMediationCases, MediationCaseLine};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::{choice, input};
use crate::components::print::PrintButton;
use crate::hooks::use_texts;
use crate::ipc;

#[derive(Properties, PartialEq)]
pub struct ListProps {
    pub community: Id,
    pub on_open: Callback<Id>,
    pub on_new: Callback<()>,
}

#[derive(Debug, Clone, Default, PartialEq)]
struct Filter {
    state: String,
    kind: String,
    overdue: bool,
    text: String,
    sort: String,
}

/// "剩5天" / "超期3天，已上报街道", or the day the case ended its term.
pub(super) fn term_text(
    m: &crate::i18n::MediationTexts,
    days: Option<i64>,
    escalation: Option<u32>,
) -> String {
    match (days, escalation) {
        (Some(d), Some(l)) if l > 0 => format!(
            "{}{}{}",
            (m.days_left)(d),
            if m.colon == "：" { "，" } else { ", " },
            (m.escalated)(m.levels[(l as usize).min(2)])
        ),
        (Some(d), _) => (m.days_left)(d),
        (None, _) => "—".to_owned(),
    }
}

#[function_component(CaseList)]
pub fn case_list(p: &ListProps) -> Html {
    let t = use_texts();
    let m = &t.mediation;
    let filter = use_state(Filter::default);
    let lines = use_state(|| None as Option<Vec<MediationCaseLine>>);
    {
        let lines = lines.clone();
        let community = p.community;
        use_effect_with(((*filter).clone(), community), move |(f, _)| {
            let req = ListMediationCases {
                community_id: Some(community),
                state: CaseState::from_code(&f.state),
                kind: DisputeKind::from_code(&f.kind),
                overdue: f.overdue,
                text: f.text.clone(),
                year: None,
                sort: match f.sort.as_str() {
                    "days_left" => CaseSort::DaysLeft,
                    "registered" => CaseSort::Registered,
                    _ => CaseSort::Number,
                },
                today: None,
            };
            wasm_bindgen_futures::spawn_local(async move {
                lines.set(Some(ipc::call(&req).await.unwrap_or_default()));
            });
        });
    }
    let set = |f: fn(&mut Filter, String)| {
        let filter = filter.clone();
        Callback::from(move |v: String| {
            let mut next = (*filter).clone();
            f(&mut next, v);
            filter.set(next);
        })
    };
    let states: Vec<(&'static str, &'static str)> = std::iter::once(("", m.all_states))
        .chain(
            CaseState::ALL
                .iter()
                .map(|s| (s.code(), (m.state_label)(*s))),
        )
        .collect();
    let kinds: Vec<(&'static str, &'static str)> = std::iter::once(("", m.all_kinds))
        .chain(
            DisputeKind::ALL
                .iter()
                .map(|k| (k.code(), (m.kind_label)(*k))),
        )
        .collect();
    let sorts = [
        ("number", m.sort_number),
        ("days_left", m.sort_days),
        ("registered", m.sort_registered),
    ];
    let on_overdue = {
        let filter = filter.clone();
        Callback::from(move |e: Event| {
            let mut next = (*filter).clone();
            next.overdue = e.target_unchecked_into::<HtmlInputElement>().checked();
            filter.set(next);
        })
    };
    let new = p.on_new.reform(|_: MouseEvent| ());
    let rows = lines.as_ref().map(|ls| {
        if ls.is_empty() {
            return html! { <p class="muted" id="med-none">{m.none}</p> };
        }
        html! {
            <table class="table" id="med-list">
                <thead><tr>
                    <th>{m.col_number}</th><th>{m.col_parties}</th><th>{m.col_kind}</th>
                    <th>{m.col_state}</th><th>{m.col_registered}</th><th>{m.col_term}</th>
                    <th>{m.col_mediators}</th>
                </tr></thead>
                <tbody>
                { for ls.iter().map(|l| {
                    let open = { let id = l.id; p.on_open.reform(move |_: MouseEvent| id) };
                    let parties = l.parties.replace("无权查看", m.withheld).replace(" 与 ", " / ");
                    html! {
                        <tr class={classes!(l.days_left.is_some_and(|d| d < 0).then_some("overdue"))}>
                            <td>
                                <button class="link" id={format!("med-open-{}", l.id)} onclick={open}>{l.number_text.clone()}</button>
                                if l.clash { <>{" "}<span class="chip chip-warn">{m.clash}</span></> }
                            </td>
                            <td>{parties}</td>
                            <td>{(m.kind_label)(l.kind)}</td>
                            <td>{(m.state_label)(l.state)}</td>
                            <td>{l.registered_on.clone()}</td>
                            <td>{term_text(m, l.days_left, l.escalation)}</td>
                            <td>{l.mediators.clone()}</td>
                        </tr>
                    }
                }) }
                </tbody>
            </table>
        }
    });
    let f = &*filter;
    html! {
        <div class="panel med-list">
            <div class="form-row no-print">
                {choice("med-filter-state", m.col_state, &f.state, &states, set(|f, v| f.state = v))}
                {choice("med-filter-kind", m.col_kind, &f.kind, &kinds, set(|f, v| f.kind = v))}
                {input("med-filter-text", m.search, &f.text, "search", set(|f, v| f.text = v))}
                {choice("med-sort", "", &f.sort, &sorts, set(|f, v| f.sort = v))}
                <label class="check">
                    <input type="checkbox" id="med-filter-overdue" checked={f.overdue} onchange={on_overdue} />
                    <span>{m.overdue_only}</span>
                </label>
                <button class="btn btn-primary" id="med-new" onclick={new}>{m.new_case}</button>
                <PrintButton id="med-list-print" />
            </div>
            { rows.unwrap_or_else(|| html! { <p class="muted">{m.loading}</p> }) }
        </div>
    }
}
