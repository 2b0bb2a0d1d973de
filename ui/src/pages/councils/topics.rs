//! 议题: the topics of a month (the meeting's, else the proposal's: as the month's theme groups
//! them), filtered by state, category and a text, sorted; a topic proposed; one opened.

use linli_domain::councils::{TopicCategory, TopicOrigin, TopicState};
use linli_domain::Id;
use linli_protocol::*;
use yew::prelude::*;

use super::{area, choice, input, month_range, options, setter, TabProps};
use crate::components::export_button::ExportButton;
use crate::components::print::PrintButton;
use crate::hooks::use_texts;
use crate::ipc;
use crate::pages::lending::error_line;

#[derive(Debug, Clone, Default, PartialEq)]
struct Filter {
    month: String,
    state: String,
    category: String,
    text: String,
    sort: String,
}

#[derive(Debug, Clone, Default, PartialEq)]
struct Draft {
    title: String,
    text: String,
    category: String,
    origin: String,
    proposer: String,
}

#[function_component(Topics)]
pub fn topics(p: &TabProps) -> Html {
    let t = use_texts();
    let c = &t.councils;
    let filter = use_state(Filter::default);
    let list = use_state(|| None as Option<Vec<CouncilTopic>>);
    let round = use_state(|| 0u32);
    let open = use_state(|| None as Option<Id>);
    let adding = use_state(|| false);
    let draft = use_state(Draft::default);
    let error = use_state(|| None as Option<ApiError>);
    let bad = use_state(|| None as Option<String>);
    {
        let (list, community) = (list.clone(), p.community);
        use_effect_with(((*filter).clone(), community, *round), move |(f, _, _)| {
            let req = ListCouncilTopics {
                community_id: Some(community),
                month: Some(f.month.clone()),
                state: TopicState::from_code(&f.state),
                category: TopicCategory::from_code(&f.category),
                text: f.text.clone(),
                sort: match f.sort.as_str() {
                    "state" => TopicSort::State,
                    "category" => TopicSort::Category,
                    _ => TopicSort::Proposed,
                },
            };
            wasm_bindgen_futures::spawn_local(async move {
                list.set(Some(ipc::call(&req).await.unwrap_or_default()));
            });
        });
    }
    if let Some(id) = *open {
        let back = {
            let (open, round) = (open.clone(), round.clone());
            Callback::from(move |_| {
                open.set(None);
                round.set(*round + 1);
            })
        };
        return html! { <super::topic::TopicView {id} people={p.people.clone()} on_back={back} /> };
    }
    let propose = {
        let (draft, error, bad, adding, open, community) = (
            draft.clone(),
            error.clone(),
            bad.clone(),
            adding.clone(),
            open.clone(),
            p.community,
        );
        let need = (c.required)(c.topic);
        Callback::from(move |_: MouseEvent| {
            let d = (*draft).clone();
            if d.title.trim().is_empty() {
                bad.set(Some(need.clone()));
                return;
            }
            bad.set(None);
            let req = ProposeTopic {
                community_id: community,
                place_id: None,
                title: d.title.clone(),
                text: d.text.clone(),
                category: TopicCategory::from_code(&d.category)
                    .unwrap_or(TopicCategory::Environment),
                origin: TopicOrigin::from_code(&d.origin).unwrap_or(TopicOrigin::Suggestion),
                origin_id: None,
                proposer_person_id: None,
                proposer_household_id: None,
                proposer_name: d.proposer.clone(),
                proposed_on: None,
            };
            let (draft, error, adding, open) =
                (draft.clone(), error.clone(), adding.clone(), open.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match ipc::call(&req).await {
                    Ok(topic) => {
                        error.set(None);
                        draft.set(Draft::default());
                        adding.set(false);
                        open.set(Some(topic.id));
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
        TopicState::ALL,
        TopicState::code,
        c.state_label,
    );
    let cats = options(
        Some(c.all),
        TopicCategory::ALL,
        TopicCategory::code,
        c.category_label,
    );
    let sorts: Vec<(String, String)> = [
        ("proposed", c.sort_proposed),
        ("state", c.sort_state),
        ("category", c.sort_category),
    ]
    .iter()
    .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
    .collect();
    let form = (*adding).then(|| {
        let d = &*draft;
        let cats = options(None, TopicCategory::ALL, TopicCategory::code, c.category_label);
        let origins = options(None, TopicOrigin::ALL, TopicOrigin::code, c.origin_label);
        let cancel = {
            let adding = adding.clone();
            Callback::from(move |_: MouseEvent| adding.set(false))
        };
        html! {
            <div class="panel cnc-form" id="cnc-topic-form">
                <div class="form-row">
                    {input("cnc-topic-title", c.topic, &d.title, "text", setter(&draft, |d, v| d.title = v))}
                    {choice("cnc-topic-category", c.category, &d.category, &cats, setter(&draft, |d, v| d.category = v))}
                    {choice("cnc-topic-origin", c.origin, &d.origin, &origins, setter(&draft, |d, v| d.origin = v))}
                    {input("cnc-topic-proposer", c.proposer, &d.proposer, "text", setter(&draft, |d, v| d.proposer = v))}
                </div>
                <div class="form-row">
                    {area("cnc-topic-text", c.topic_text, &d.text, setter(&draft, |d, v| d.text = v))}
                </div>
                <div class="form-row">
                    <button class="btn btn-primary" id="cnc-topic-save" onclick={propose}>{c.save}</button>
                    <button class="btn" onclick={cancel}>{c.cancel}</button>
                </div>
            </div>
        }
    });
    let rows = list.as_ref().map(|ls| {
        if ls.is_empty() {
            return html! { <p class="muted" id="cnc-topics-none">{c.topics_none}</p> };
        }
        html! {
            <table class="table" id="cnc-topic-list">
                <thead><tr>
                    <th>{c.topic}</th><th>{c.category}</th><th>{c.origin}</th><th>{c.proposer}</th>
                    <th>{c.proposed_on}</th><th>{c.topic_month}</th><th>{c.state}</th><th>{c.requests}</th>
                </tr></thead>
                <tbody>
                { for ls.iter().map(|x| {
                    let go = { let (open, id) = (open.clone(), x.id); Callback::from(move |_: MouseEvent| open.set(Some(id))) };
                    let done = x.requests.iter().filter(|r| r.status.resolved()).count();
                    let who = if x.withheld { c.withheld.to_owned() } else { x.proposer.clone() };
                    html! {
                        <tr>
                            <td><button class="link" id={format!("cnc-topic-open-{}", x.id)} onclick={go}>{x.title.clone()}</button></td>
                            <td>{(c.category_label)(x.category)}</td>
                            <td>{(c.origin_label)(x.origin)}</td>
                            <td>{who}</td>
                            <td>{x.proposed_on.clone()}</td>
                            <td>{x.month.clone()}</td>
                            <td>{(c.state_label)(x.state)}</td>
                            <td>{if x.requests.is_empty() { c.none.to_owned() } else { (c.requests_done)(done, x.requests.len()) }}</td>
                        </tr>
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
        <div class="panel cnc-topics">
            <div class="form-row no-print">
                {input("cnc-topic-month", c.month, &f.month, "month", setter(&filter, |f, v| f.month = v))}
                {choice("cnc-topic-filter-state", c.state, &f.state, &states, setter(&filter, |f, v| f.state = v))}
                {choice("cnc-topic-filter-category", c.category, &f.category, &cats, setter(&filter, |f, v| f.category = v))}
                {input("cnc-topic-filter-text", c.search, &f.text, "search", setter(&filter, |f, v| f.text = v))}
                {choice("cnc-topic-sort", c.sort, &f.sort, &sorts, setter(&filter, |f, v| f.sort = v))}
                <button class="btn btn-primary" id="cnc-topic-new" onclick={new}>{c.new_topic}</button>
                <ExportButton kind={ListKind::CouncilTopics} place_id={Some(p.community)} from={from} to={to} />
                <PrintButton id="cnc-topic-print" />
            </div>
            {form.unwrap_or_default()}
            if let Some(b) = &*bad { <p class="field-error" id="cnc-bad" role="alert">{b.clone()}</p> }
            if let Some(e) = &*error { {error_line(e, "cnc-error")} }
            { rows.unwrap_or_else(|| html! { <p class="muted">{c.loading}</p> }) }
        </div>
    }
}
