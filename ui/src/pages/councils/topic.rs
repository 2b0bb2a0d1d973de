//! One topic: what it is, its record (every stage as recorded), the requests made from its
//! resolution with their live status on the 诉求 board, and the form of the stages it may take
//! next (review; publication; a comment; the meeting it is put to; the vote; the resolution; a
//! request with its owner and due date).

use linli_domain::councils::{TopicState, TopicStep};
use linli_domain::Id;
use linli_protocol::*;
use yew::prelude::*;

use super::{area, choice, input, setter};
use crate::components::print::PrintButton;
use crate::hooks::use_texts;
use crate::ipc;
use crate::pages::lending::error_line;

#[derive(Properties, PartialEq)]
pub struct TopicProps {
    pub id: Id,
    pub people: std::rc::Rc<Vec<Person>>,
    pub on_back: Callback<()>,
}

#[derive(Debug, Clone, Default, PartialEq)]
struct Draft {
    step: String,
    accepted: String,
    note: String,
    until: String,
    meeting: String,
    votes_for: String,
    votes_against: String,
    votes_abstain: String,
    title: String,
    owner: String,
    due: String,
}

/// The stages a topic in `state` may take next, as the form offers them.
fn next_steps(state: TopicState) -> &'static [&'static str] {
    match state {
        TopicState::Proposed => &["review"],
        TopicState::Accepted => &["publish"],
        TopicState::Publishing => &["schedule", "comment"],
        TopicState::Scheduled => &["vote", "schedule", "comment"],
        TopicState::Passed => &["resolution"],
        TopicState::Resolved | TopicState::Acting | TopicState::Done => &["request"],
        _ => &[],
    }
}

fn step_word(code: &str) -> TopicStep {
    TopicStep::from_code(code).unwrap_or(TopicStep::Unknown)
}

#[function_component(TopicView)]
pub fn topic_view(p: &TopicProps) -> Html {
    let t = use_texts();
    let c = &t.councils;
    let topic = use_state(|| None as Option<CouncilTopic>);
    let meetings = use_state(Vec::<CouncilMeetingLine>::new);
    let draft = use_state(Draft::default);
    let error = use_state(|| None as Option<ApiError>);
    let bad = use_state(|| None as Option<String>);
    {
        let (topic, meetings, draft, id) = (topic.clone(), meetings.clone(), draft.clone(), p.id);
        use_effect_with(id, move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(x) = ipc::call(&GetCouncilTopic { id }).await {
                    let list = ListCouncilMeetings {
                        community_id: Some(x.community_id),
                        month: None,
                    };
                    meetings.set(ipc::call(&list).await.unwrap_or_default());
                    draft.set(Draft {
                        step: next_steps(x.state)
                            .first()
                            .copied()
                            .unwrap_or("")
                            .to_owned(),
                        accepted: "yes".into(),
                        ..Draft::default()
                    });
                    topic.set(Some(x));
                }
            });
        });
    }
    let Some(x) = (*topic).clone() else {
        return html! { <p class="muted">{c.loading}</p> };
    };
    let d = &*draft;
    let save = {
        let (topic, draft, error, bad, id) = (
            topic.clone(),
            draft.clone(),
            error.clone(),
            bad.clone(),
            x.id,
        );
        let whole = |w: &str| (c.whole_number)(w);
        let msgs = (
            whole(c.votes_for),
            (c.required)(c.choose_meeting),
            (c.required)(c.request_title),
            (c.required)(c.owner),
            (c.required)(c.due),
        );
        Callback::from(move |_: MouseEvent| {
            let d = (*draft).clone();
            let n = |s: &str| s.trim().parse::<u32>();
            let fail = |m: &String| bad.set(Some(m.clone()));
            let call = match d.step.as_str() {
                "request" => {
                    if d.title.trim().is_empty() {
                        return fail(&msgs.2);
                    }
                    let Ok(owner) = d.owner.parse::<Id>() else {
                        return fail(&msgs.3);
                    };
                    if d.due.is_empty() {
                        return fail(&msgs.4);
                    }
                    Err(MakeTopicRequests {
                        topic_id: id,
                        requests: vec![ResolutionRequest {
                            title: d.title.clone(),
                            category: linli_domain::field::TaskCategory::PublicMatter,
                            description: String::new(),
                            owner_id: owner,
                            due_date: d.due.clone(),
                        }],
                    })
                }
                step => {
                    let s = match step {
                        "review" => TopicStepInput::Review {
                            date: None,
                            accepted: d.accepted != "no",
                            note: d.note.clone(),
                        },
                        "publish" => TopicStepInput::Publish {
                            date: None,
                            until: Some(d.until.clone()).filter(|u| !u.is_empty()),
                            note: d.note.clone(),
                        },
                        "comment" => TopicStepInput::Comment {
                            date: None,
                            text: d.note.clone(),
                        },
                        "schedule" => match d.meeting.parse::<Id>() {
                            Ok(meeting_id) => TopicStepInput::Schedule { meeting_id },
                            Err(_) => return fail(&msgs.1),
                        },
                        "vote" => match (n(&d.votes_for), n(&d.votes_against), n(&d.votes_abstain))
                        {
                            (Ok(f), Ok(a), Ok(b)) => TopicStepInput::Vote {
                                votes_for: f,
                                votes_against: a,
                                votes_abstain: b,
                            },
                            _ => return fail(&msgs.0),
                        },
                        _ => TopicStepInput::Resolution {
                            date: None,
                            text: d.note.clone(),
                        },
                    };
                    Ok(RecordTopicStep {
                        topic_id: id,
                        step: s,
                    })
                }
            };
            bad.set(None);
            let (topic, draft, error) = (topic.clone(), draft.clone(), error.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let r = match call {
                    Ok(req) => ipc::call(&req).await,
                    Err(req) => ipc::call(&req).await,
                };
                match r {
                    Ok(x) => {
                        error.set(None);
                        draft.set(Draft {
                            step: next_steps(x.state)
                                .first()
                                .copied()
                                .unwrap_or("")
                                .to_owned(),
                            accepted: "yes".into(),
                            ..Draft::default()
                        });
                        topic.set(Some(x));
                    }
                    Err(e) => error.set(Some(e)),
                }
            });
        })
    };
    let steps: Vec<(String, String)> = next_steps(x.state)
        .iter()
        .map(|s| ((*s).to_owned(), (c.step_label)(step_word(s)).to_owned()))
        .collect();
    let fields = match d.step.as_str() {
        "review" => {
            let yes_no = vec![
                ("yes".to_owned(), c.accepted.to_owned()),
                ("no".to_owned(), c.not_accepted.to_owned()),
            ];
            html! { <>
                {choice("cnc-step-accepted", c.state, &d.accepted, &yes_no, setter(&draft, |d, v| d.accepted = v))}
                {area("cnc-step-note", c.note, &d.note, setter(&draft, |d, v| d.note = v))}
            </> }
        }
        "publish" => html! { <>
            {input("cnc-step-until", c.comment_until, &d.until, "date", setter(&draft, |d, v| d.until = v))}
            {area("cnc-step-note", c.note, &d.note, setter(&draft, |d, v| d.note = v))}
        </> },
        "comment" => area(
            "cnc-step-note",
            c.comment,
            &d.note,
            setter(&draft, |d, v| d.note = v),
        ),
        "schedule" if meetings.is_empty() => html! { <p class="muted">{c.no_meetings}</p> },
        "schedule" => {
            let ms: Vec<(String, String)> =
                std::iter::once((String::new(), c.choose_meeting.to_owned()))
                    .chain(meetings.iter().map(|m| {
                        (
                            m.id.to_string(),
                            format!("{} {} {}", m.date, m.time, m.place),
                        )
                    }))
                    .collect();
            choice(
                "cnc-step-meeting",
                c.meeting,
                &d.meeting,
                &ms,
                setter(&draft, |d, v| d.meeting = v),
            )
        }
        "vote" => html! { <>
            {input("cnc-step-for", c.votes_for, &d.votes_for, "number", setter(&draft, |d, v| d.votes_for = v))}
            {input("cnc-step-against", c.votes_against, &d.votes_against, "number", setter(&draft, |d, v| d.votes_against = v))}
            {input("cnc-step-abstain", c.votes_abstain, &d.votes_abstain, "number", setter(&draft, |d, v| d.votes_abstain = v))}
        </> },
        "resolution" => area(
            "cnc-step-note",
            c.resolution,
            &d.note,
            setter(&draft, |d, v| d.note = v),
        ),
        "request" => {
            let owners: Vec<(String, String)> = std::iter::once((String::new(), c.none.to_owned()))
                .chain(p.people.iter().map(|x| (x.id.to_string(), x.name.clone())))
                .collect();
            html! { <>
                {input("cnc-req-title", c.request_title, &d.title, "text", setter(&draft, |d, v| d.title = v))}
                {choice("cnc-req-owner", c.owner, &d.owner, &owners, setter(&draft, |d, v| d.owner = v))}
                {input("cnc-req-due", c.due, &d.due, "date", setter(&draft, |d, v| d.due = v))}
            </> }
        }
        _ => html! {},
    };
    let history = x.events.iter().map(|e| {
        let what = match e.kind {
            TopicStep::Vote => format!(
                "{}（{}）",
                (c.votes)(
                    e.votes_for.unwrap_or(0),
                    e.votes_against.unwrap_or(0),
                    e.votes_abstain.unwrap_or(0)
                ),
                if e.passed == Some(true) {
                    c.passed
                } else {
                    c.not_passed
                }
            ),
            TopicStep::Review => format!(
                "{} {}",
                if e.accepted == Some(true) {
                    c.accepted
                } else {
                    c.not_accepted
                },
                e.text
            ),
            TopicStep::Publish => format!(
                "{} {}",
                e.until
                    .as_ref()
                    .map(|u| format!("{}：{u}", c.comment_until))
                    .unwrap_or_default(),
                e.text
            ),
            _ => e.text.clone(),
        };
        html! { <tr><td>{e.date.clone()}</td><td>{(c.step_label)(e.kind)}</td><td>{what}</td></tr> }
    });
    let requests = (!x.requests.is_empty()).then(|| html! {
        <>
        <h3>{c.requests}<span class="muted">{format!("（{}）", c.see_board)}</span></h3>
        <table class="table" id="cnc-topic-requests">
            <thead><tr><th>{c.request_title}</th><th>{c.owner}</th><th>{c.due}</th><th>{c.status}</th></tr></thead>
            <tbody>{ for x.requests.iter().map(|r| html! {
                <tr class={classes!(r.overdue.then_some("overdue"))}>
                    <td>{r.title.clone()}</td><td>{r.owner.clone()}</td>
                    <td>{r.due_date.clone().unwrap_or_default()}</td>
                    <td>{(t.task_status)(r.status)}{if r.overdue { format!("（{}）", c.overdue) } else { String::new() }}</td>
                </tr>
            }) }</tbody>
        </table>
        </>
    });
    let back = p.on_back.reform(|_: MouseEvent| ());
    let who = if x.withheld {
        c.withheld.to_owned()
    } else {
        x.proposer.clone()
    };
    html! {
        <div class="panel cnc-topic" id="cnc-topic">
            <div class="form-row no-print">
                <button class="btn" id="cnc-topic-back" onclick={back}>{c.back}</button>
                <PrintButton id="cnc-topic-print-one" />
            </div>
            <h2 id="cnc-topic-title">{x.title.clone()}</h2>
            <p>
                <span class="chip" id="cnc-topic-state">{(c.state_label)(x.state)}</span>{" "}
                {format!("{}：{} · {}：{} · {}：{} · {}：{}", c.category, (c.category_label)(x.category),
                    c.origin, (c.origin_label)(x.origin), c.proposer, who, c.topic_month, x.month)}
            </p>
            if !x.text.is_empty() { <p>{x.text.clone()}</p> }
            if !x.resolution.is_empty() { <p><strong>{format!("{}：", c.resolution)}</strong>{x.resolution.clone()}</p> }
            {requests.unwrap_or_default()}
            <h3>{c.history}</h3>
            <table class="table" id="cnc-topic-history">
                <thead><tr><th>{c.date}</th><th>{c.next_step}</th><th>{c.note}</th></tr></thead>
                <tbody>{ for history }</tbody>
            </table>
            if !steps.is_empty() {
                <div class="panel no-print" id="cnc-step-form">
                    <h3>{c.next_step}</h3>
                    <div class="form-row">
                        {choice("cnc-step", c.next_step, &d.step, &steps, setter(&draft, |d, v| d.step = v))}
                        {fields}
                    </div>
                    <button class="btn btn-primary" id="cnc-step-save" onclick={save}>{c.record}</button>
                    if let Some(b) = &*bad { <p class="field-error" id="cnc-bad" role="alert">{b.clone()}</p> }
                    if let Some(e) = &*error { {error_line(e, "cnc-error")} }
                </div>
            }
        </div>
    }
}
