//! 居民建议: the suggestions of a month (or all), filtered by state, source and a text, sorted;
//! a suggestion taken (source, who — a resident found in the register, whose household is
//! recorded, or a name typed for someone outside it — what, the day, the liaison point); one handled — answered,
//! made a topic, or made a request dispatched to its owner — the answer recorded.

use linli_domain::councils::{SuggestionSource, SuggestionState, TopicCategory};
use linli_domain::Id;
use linli_protocol::*;
use yew::prelude::*;

use super::{area, choice, input, month_range, options, setter, TabProps};
use crate::components::export_button::ExportButton;
use crate::components::print::PrintButton;
use crate::components::resident_find::ResidentFind;
use crate::hooks::use_texts;
use crate::ipc;
use crate::pages::lending::error_line;

#[derive(Debug, Clone, Default, PartialEq)]
struct Filter {
    month: String,
    state: String,
    source: String,
    text: String,
    sort: String,
}

#[derive(Debug, Clone, Default, PartialEq)]
struct Draft {
    source: String,
    /// The household of the resident picked from the register, and how it reads.
    household: Option<(Id, String)>,
    name: String,
    text: String,
    received_on: String,
    point: String,
}

#[derive(Debug, Clone, Default, PartialEq)]
struct Handling {
    action: String,
    answer: String,
    title: String,
    category: String,
    owner: String,
    due: String,
}

#[function_component(Suggestions)]
pub fn suggestions(p: &TabProps) -> Html {
    let t = use_texts();
    let c = &t.councils;
    let filter = use_state(Filter::default);
    let list = use_state(|| None as Option<Vec<Suggestion>>);
    let points = use_state(Vec::<LiaisonPoint>::new);
    let round = use_state(|| 0u32);
    let adding = use_state(|| false);
    let draft = use_state(Draft::default);
    let open = use_state(|| None as Option<Id>);
    let handling = use_state(Handling::default);
    let error = use_state(|| None as Option<ApiError>);
    let bad = use_state(|| None as Option<String>);
    {
        let (list, points, community) = (list.clone(), points.clone(), p.community);
        use_effect_with(((*filter).clone(), community, *round), move |(f, _, _)| {
            let req = ListSuggestions {
                community_id: Some(community),
                month: Some(f.month.clone()),
                state: SuggestionState::from_code(&f.state),
                source: SuggestionSource::from_code(&f.source),
                text: f.text.clone(),
                sort: match f.sort.as_str() {
                    "waiting" => SuggestionSort::Waiting,
                    "source" => SuggestionSort::Source,
                    _ => SuggestionSort::Received,
                },
            };
            wasm_bindgen_futures::spawn_local(async move {
                list.set(Some(ipc::call(&req).await.unwrap_or_default()));
                let all = ListLiaisonPoints {
                    community_id: Some(community),
                    text: String::new(),
                };
                points.set(ipc::call(&all).await.unwrap_or_default());
            });
        });
    }
    let reload = {
        let round = round.clone();
        move || round.set(*round + 1)
    };
    let take = {
        let (draft, error, bad, adding, community) = (
            draft.clone(),
            error.clone(),
            bad.clone(),
            adding.clone(),
            p.community,
        );
        let reload = reload.clone();
        let c = &t.councils;
        let (need_text, need_name) = ((c.required)(c.text), (c.required)(c.suggester));
        Callback::from(move |_: MouseEvent| {
            let d = (*draft).clone();
            if d.name.trim().is_empty() {
                bad.set(Some(need_name.clone()));
                return;
            }
            if d.text.trim().is_empty() {
                bad.set(Some(need_text.clone()));
                return;
            }
            bad.set(None);
            let req = TakeSuggestion {
                community_id: community,
                point_id: d.point.parse().ok(),
                place_id: None,
                source: SuggestionSource::from_code(&d.source).unwrap_or(SuggestionSource::Desk),
                household_id: d.household.as_ref().map(|(h, _)| *h),
                name: d.name.clone(),
                text: d.text.clone(),
                received_on: Some(d.received_on.clone()).filter(|s| !s.is_empty()),
                taken_by: None,
            };
            let (draft, error, adding, reload) =
                (draft.clone(), error.clone(), adding.clone(), reload.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match ipc::call(&req).await {
                    Ok(_) => {
                        error.set(None);
                        draft.set(Draft::default());
                        adding.set(false);
                        reload();
                    }
                    Err(e) => error.set(Some(e)),
                }
            });
        })
    };
    let handle = {
        let (open, handling, error, bad) =
            (open.clone(), handling.clone(), error.clone(), bad.clone());
        let reload = reload.clone();
        let need_title = (c.required)(c.topic);
        let need_answer = (c.required)(c.answer);
        Callback::from(move |_: MouseEvent| {
            let Some(id) = *open else { return };
            let h = (*handling).clone();
            let date = None;
            let action = match h.action.as_str() {
                "topic" | "request" if h.title.trim().is_empty() => {
                    bad.set(Some(need_title.clone()));
                    return;
                }
                "topic" => SuggestionAction::Topic {
                    title: h.title.clone(),
                    category: TopicCategory::from_code(&h.category).unwrap_or(TopicCategory::Other),
                    answer: h.answer.clone(),
                    date,
                },
                "request" => SuggestionAction::Request {
                    title: h.title.clone(),
                    category: linli_domain::field::TaskCategory::PublicMatter,
                    owner_id: h.owner.parse().ok(),
                    due_date: Some(h.due.clone()).filter(|d| !d.is_empty()),
                    answer: h.answer.clone(),
                    date,
                },
                _ if h.answer.trim().is_empty() => {
                    bad.set(Some(need_answer.clone()));
                    return;
                }
                _ => SuggestionAction::Answer {
                    answer: h.answer.clone(),
                    date,
                },
            };
            bad.set(None);
            let req = HandleSuggestion { id, action };
            let (open, handling, error, reload) = (
                open.clone(),
                handling.clone(),
                error.clone(),
                reload.clone(),
            );
            wasm_bindgen_futures::spawn_local(async move {
                match ipc::call(&req).await {
                    Ok(_) => {
                        error.set(None);
                        open.set(None);
                        handling.set(Handling::default());
                        reload();
                    }
                    Err(e) => error.set(Some(e)),
                }
            });
        })
    };
    let f = &*filter;
    let (from, to) = month_range(&f.month);
    let states = options(
        Some(c.all),
        SuggestionState::ALL,
        SuggestionState::code,
        c.suggestion_state,
    );
    let sources = options(
        Some(c.all),
        SuggestionSource::ALL,
        SuggestionSource::code,
        c.source_label,
    );
    let sorts: Vec<(String, String)> = [
        ("received", c.sort_received),
        ("waiting", c.sort_waiting),
        ("source", c.sort_source),
    ]
    .iter()
    .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
    .collect();
    let form = (*adding).then(|| {
        let d = &*draft;
        let point_choices: Vec<(String, String)> = std::iter::once((String::new(), c.no_point.to_owned()))
            .chain(points.iter().map(|p| (p.id.to_string(), p.name.clone())))
            .collect();
        let srcs = options(None, SuggestionSource::ALL, SuggestionSource::code, c.source_label);
        let cancel = {
            let adding = adding.clone();
            Callback::from(move |_: MouseEvent| adding.set(false))
        };
        let pick = {
            let draft = draft.clone();
            Callback::from(move |hit: SearchHit| {
                let mut next = (*draft).clone();
                next.name = hit.name.clone();
                next.household = Some((hit.household_id, format!("{}（{}）", hit.name, hit.address)));
                draft.set(next);
            })
        };
        let unlink = {
            let draft = draft.clone();
            Callback::from(move |_: MouseEvent| {
                let mut next = (*draft).clone();
                next.household = None;
                draft.set(next);
            })
        };
        let who = match &d.household {
            Some((_, label)) => html! {
                <p class="notice" id="cnc-sugg-linked">{(c.sugg_linked)(label)}{" "}
                    <button type="button" class="btn btn-small" id="cnc-sugg-unlink" onclick={unlink}>{c.sugg_unlink}</button>
                </p>
            },
            None => html! {
                <>
                <p class="muted">{c.sugg_outside}</p>
                <ResidentFind id="cnc-sugg-find" on_pick={pick} />
                </>
            },
        };
        html! {
            <div class="panel cnc-form" id="cnc-sugg-form">
                {who}
                <div class="form-row">
                    {choice("cnc-sugg-source", c.source, &d.source, &srcs, setter(&draft, |d, v| d.source = v))}
                    {input("cnc-sugg-name", c.suggester, &d.name, "text", setter(&draft, |d, v| d.name = v))}
                    {input("cnc-sugg-date", c.received_on, &d.received_on, "date", setter(&draft, |d, v| d.received_on = v))}
                    {choice("cnc-sugg-point", c.point, &d.point, &point_choices, setter(&draft, |d, v| d.point = v))}
                </div>
                <div class="form-row">
                    {area("cnc-sugg-text", c.text, &d.text, setter(&draft, |d, v| d.text = v))}
                </div>
                <div class="form-row">
                    <button class="btn btn-primary" id="cnc-sugg-save" onclick={take.clone()}>{c.save}</button>
                    <button class="btn" onclick={cancel}>{c.cancel}</button>
                </div>
            </div>
        }
    });
    let handler = |s: &Suggestion| -> Html {
        let h = &*handling;
        let acts: Vec<(String, String)> = [
            ("answer", c.act_answer),
            ("topic", c.act_topic),
            ("request", c.act_request),
        ]
        .iter()
        .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
        .collect();
        let cats = options(
            None,
            TopicCategory::ALL,
            TopicCategory::code,
            c.category_label,
        );
        let owners: Vec<(String, String)> = std::iter::once((String::new(), c.none.to_owned()))
            .chain(p.people.iter().map(|x| (x.id.to_string(), x.name.clone())))
            .collect();
        html! {
            <tr class="cnc-handle no-print"><td colspan="7">
                <div class="form-row">
                    {choice("cnc-handle-action", c.action, &h.action, &acts, setter(&handling, |h, v| h.action = v))}
                    if h.action == "topic" || h.action == "request" {
                        {input("cnc-handle-title", c.topic, &h.title, "text", setter(&handling, |h, v| h.title = v))}
                    }
                    if h.action == "topic" {
                        {choice("cnc-handle-category", c.category, &h.category, &cats, setter(&handling, |h, v| h.category = v))}
                    }
                    if h.action == "request" {
                        {choice("cnc-handle-owner", c.owner, &h.owner, &owners, setter(&handling, |h, v| h.owner = v))}
                        {input("cnc-handle-due", c.due, &h.due, "date", setter(&handling, |h, v| h.due = v))}
                    }
                </div>
                <div class="form-row">
                    {area("cnc-handle-answer", c.answer_hint, &h.answer, setter(&handling, |h, v| h.answer = v))}
                    <button class="btn btn-primary" id={format!("cnc-handle-save-{}", s.id)} onclick={handle.clone()}>{c.save}</button>
                </div>
            </td></tr>
        }
    };
    let rows = list.as_ref().map(|ls| {
        if ls.is_empty() {
            return html! { <p class="muted" id="cnc-sugg-none">{c.suggestions_none}</p> };
        }
        html! {
            <table class="table" id="cnc-sugg-list">
                <thead><tr>
                    <th>{c.received_on}</th><th>{c.source}</th><th>{c.suggester}</th>
                    <th>{c.text}</th><th>{c.state}</th><th>{c.answer}</th><th class="no-print"></th>
                </tr></thead>
                <tbody>
                { for ls.iter().map(|s| {
                    let who = if s.withheld {
                        c.withheld.to_owned()
                    } else if s.household.is_empty() {
                        s.name.clone()
                    } else {
                        format!("{}（{}）", s.name, s.household)
                    };
                    let toggle = {
                        let (open, handling, id) = (open.clone(), handling.clone(), s.id);
                        Callback::from(move |_: MouseEvent| {
                            handling.set(Handling { action: "answer".into(), ..Handling::default() });
                            open.set(if *open == Some(id) { None } else { Some(id) });
                        })
                    };
                    let waiting = s.state == SuggestionState::Received;
                    html! {
                        <>
                        <tr class={classes!(waiting.then_some("waiting"))}>
                            <td>{s.received_on.clone()}</td>
                            <td>{(c.source_label)(s.source)}</td>
                            <td>{who}</td>
                            <td>{s.text.clone()}</td>
                            <td>{(c.suggestion_state)(s.state)}</td>
                            <td>{s.answer.clone()}{s.answered_on.as_ref().map(|d| format!("（{d}）")).unwrap_or_default()}</td>
                            <td class="no-print">
                                if waiting {
                                    <button class="btn btn-small" id={format!("cnc-handle-{}", s.id)} onclick={toggle}>{c.handle}</button>
                                }
                            </td>
                        </tr>
                        if *open == Some(s.id) { {handler(s)} }
                        </>
                    }
                }) }
                </tbody>
            </table>
        }
    });
    let new = {
        let adding = adding.clone();
        Callback::from(move |_: MouseEvent| adding.set(true))
    };
    html! {
        <div class="panel cnc-suggestions">
            <div class="form-row no-print">
                {input("cnc-sugg-month", c.month, &f.month, "month", setter(&filter, |f, v| f.month = v))}
                {choice("cnc-sugg-filter-state", c.state, &f.state, &states, setter(&filter, |f, v| f.state = v))}
                {choice("cnc-sugg-filter-source", c.source, &f.source, &sources, setter(&filter, |f, v| f.source = v))}
                {input("cnc-sugg-filter-text", c.search, &f.text, "search", setter(&filter, |f, v| f.text = v))}
                {choice("cnc-sugg-sort", c.sort, &f.sort, &sorts, setter(&filter, |f, v| f.sort = v))}
                <button class="btn btn-primary" id="cnc-sugg-new" onclick={new}>{c.new_suggestion}</button>
                <ExportButton kind={ListKind::Suggestions} place_id={Some(p.community)} from={from} to={to} />
                <PrintButton id="cnc-sugg-print" />
            </div>
            {form.unwrap_or_default()}
            if let Some(b) = &*bad { <p class="field-error" id="cnc-bad" role="alert">{b.clone()}</p> }
            if let Some(e) = &*error { {error_line(e, "cnc-error")} }
            { rows.unwrap_or_else(|| html! { <p class="muted">{c.loading}</p> }) }
        </div>
    }
}
