//! 议事会议: the meetings of a month (or all), a meeting arranged or changed (date, time, place,
//! host, the members expected, the attendees with their roles, the minutes), and one meeting as
//! its record: people and quorum, the topics put to it with their votes, and the review of the
//! last resolutions' requests with their live status. The record prints.

use linli_domain::councils::{AttendeeRole, PassRule, QuorumRule, TopicStep, VoteRule};
use linli_domain::Id;
use linli_protocol::*;
use yew::prelude::*;

use super::{area, choice, input, month_range, options, TabProps};
use crate::components::export_button::ExportButton;
use crate::components::print::PrintButton;
use crate::hooks::use_texts;
use crate::ipc;
use crate::pages::lending::error_line;

#[derive(Debug, Clone, Default, PartialEq)]
struct Draft {
    id: Option<Id>,
    date: String,
    time: String,
    place: String,
    host: String,
    expected: String,
    attendees: Vec<(String, String)>,
    name: String,
    role: String,
    minutes: String,
    /// The rule of the vote's two codes (empty: the default).
    quorum: String,
    pass: String,
}

impl Draft {
    fn of(m: &CouncilMeeting) -> Draft {
        Draft {
            id: Some(m.id),
            date: m.date.clone(),
            time: m.time.clone(),
            place: m.place.clone(),
            host: m.host.clone(),
            expected: m.expected.to_string(),
            attendees: m
                .attendees
                .iter()
                .map(|a| (a.name.clone(), a.role.code().to_owned()))
                .collect(),
            minutes: m.minutes.clone(),
            quorum: m.rule.quorum.code().to_owned(),
            pass: m.rule.pass.code().to_owned(),
            ..Draft::default()
        }
    }
}

#[function_component(Meetings)]
pub fn meetings(p: &TabProps) -> Html {
    let t = use_texts();
    let c = &t.councils;
    let month = use_state(String::new);
    let list = use_state(|| None as Option<Vec<CouncilMeetingLine>>);
    let round = use_state(|| 0u32);
    let open = use_state(|| None as Option<CouncilMeeting>);
    let draft = use_state(|| None as Option<Draft>);
    let error = use_state(|| None as Option<ApiError>);
    let bad = use_state(|| None as Option<String>);
    {
        let (list, community) = (list.clone(), p.community);
        use_effect_with(((*month).clone(), community, *round), move |(m, _, _)| {
            let req = ListCouncilMeetings {
                community_id: Some(community),
                month: Some(m.clone()),
            };
            wasm_bindgen_futures::spawn_local(async move {
                list.set(Some(ipc::call(&req).await.unwrap_or_default()));
            });
        });
    }
    let show = {
        let open = open.clone();
        Callback::from(move |id: Id| {
            let open = open.clone();
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(m) = ipc::call(&GetCouncilMeeting { id }).await {
                    open.set(Some(m));
                }
            });
        })
    };
    let save = {
        let (draft, error, bad, open, round, community) = (
            draft.clone(),
            error.clone(),
            bad.clone(),
            open.clone(),
            round.clone(),
            p.community,
        );
        let msgs = (
            (c.required)(c.date),
            (c.required)(c.host),
            (c.whole_number)(c.expected),
        );
        Callback::from(move |_: MouseEvent| {
            let Some(d) = (*draft).clone() else { return };
            if d.date.is_empty() {
                return bad.set(Some(msgs.0.clone()));
            }
            if d.host.trim().is_empty() {
                return bad.set(Some(msgs.1.clone()));
            }
            let Ok(expected) = d.expected.trim().parse::<u32>() else {
                return bad.set(Some(msgs.2.clone()));
            };
            bad.set(None);
            let req = SaveCouncilMeeting {
                id: d.id,
                community_id: community,
                point_id: None,
                place: d.place.clone(),
                date: d.date.clone(),
                time: d.time.clone(),
                host: d.host.clone(),
                expected,
                attendees: d
                    .attendees
                    .iter()
                    .map(|(name, role)| Attendee {
                        name: name.clone(),
                        role: AttendeeRole::read(role),
                    })
                    .collect(),
                minutes: d.minutes.clone(),
                rule: VoteRule {
                    quorum: QuorumRule::from_code(&d.quorum).unwrap_or_default(),
                    pass: PassRule::from_code(&d.pass).unwrap_or_default(),
                },
                deleted: false,
            };
            let (draft, error, open, round) =
                (draft.clone(), error.clone(), open.clone(), round.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match ipc::call(&req).await {
                    Ok(m) => {
                        error.set(None);
                        draft.set(None);
                        open.set(Some(m));
                        round.set(*round + 1);
                    }
                    Err(e) => error.set(Some(e)),
                }
            });
        })
    };
    let errors = html! { <>
        if let Some(b) = &*bad { <p class="field-error" id="cnc-bad" role="alert">{b.clone()}</p> }
        if let Some(e) = &*error { {error_line(e, "cnc-error")} }
    </> };
    // the form: a new meeting or a change
    if let Some(d) = &*draft {
        let set = |f: fn(&mut Draft, String)| {
            let draft = draft.clone();
            Callback::from(move |v: String| {
                if let Some(mut next) = (*draft).clone() {
                    f(&mut next, v);
                    draft.set(Some(next));
                }
            })
        };
        let roles = options(None, AttendeeRole::ALL, AttendeeRole::code, c.role_label);
        let quorums = options(None, QuorumRule::ALL, QuorumRule::code, c.quorum_label);
        let passes = options(None, PassRule::ALL, PassRule::code, c.pass_label);
        let quorum_code = QuorumRule::from_code(&d.quorum).unwrap_or_default().code();
        let pass_code = PassRule::from_code(&d.pass).unwrap_or_default().code();
        let add = {
            let draft = draft.clone();
            Callback::from(move |_: MouseEvent| {
                if let Some(mut next) = (*draft).clone() {
                    let name = next.name.trim().to_owned();
                    if !name.is_empty() {
                        let role = if next.role.is_empty() {
                            "representative".to_owned()
                        } else {
                            next.role.clone()
                        };
                        next.attendees.push((name, role));
                        next.name.clear();
                        draft.set(Some(next));
                    }
                }
            })
        };
        let people = d.attendees.iter().enumerate().map(|(i, (name, role))| {
            let remove = {
                let draft = draft.clone();
                Callback::from(move |_: MouseEvent| {
                    if let Some(mut next) = (*draft).clone() {
                        next.attendees.remove(i);
                        draft.set(Some(next));
                    }
                })
            };
            html! {
                <li>{format!("{name}（{}）", (c.role_label)(AttendeeRole::read(role)))}{" "}
                    <button class="link" onclick={remove}>{c.remove}</button></li>
            }
        });
        let cancel = {
            let draft = draft.clone();
            Callback::from(move |_: MouseEvent| draft.set(None))
        };
        let present = d
            .attendees
            .iter()
            .filter(|(_, r)| AttendeeRole::read(r).counts())
            .count();
        return html! {
            <div class="panel cnc-form" id="cnc-meeting-form">
                <div class="form-row">
                    {input("cnc-meeting-date", c.date, &d.date, "date", set(|d, v| d.date = v))}
                    {input("cnc-meeting-time", c.time, &d.time, "time", set(|d, v| d.time = v))}
                    {input("cnc-meeting-place", c.place, &d.place, "text", set(|d, v| d.place = v))}
                    {input("cnc-meeting-host", c.host, &d.host, "text", set(|d, v| d.host = v))}
                    {input("cnc-meeting-expected", c.expected, &d.expected, "number", set(|d, v| d.expected = v))}
                </div>
                <div class="form-row" id="cnc-meeting-rule-form">
                    {choice("cnc-meeting-quorum-rule", c.quorum_rule, quorum_code, &quorums, set(|d, v| d.quorum = v))}
                    {choice("cnc-meeting-pass-rule", c.pass_rule, pass_code, &passes, set(|d, v| d.pass = v))}
                </div>
                <h3>{format!("{}（{} {}）", c.attendees, c.present, present)}</h3>
                <ul id="cnc-meeting-attendees">{ for people }</ul>
                <div class="form-row">
                    {input("cnc-attendee-name", c.attendee_name, &d.name, "text", set(|d, v| d.name = v))}
                    {choice("cnc-attendee-role", c.role, &d.role, &roles, set(|d, v| d.role = v))}
                    <button class="btn" id="cnc-attendee-add" onclick={add}>{c.add_attendee}</button>
                </div>
                <div class="form-row">
                    {area("cnc-meeting-minutes", c.minutes, &d.minutes, set(|d, v| d.minutes = v))}
                </div>
                <div class="form-row">
                    <button class="btn btn-primary" id="cnc-meeting-save" onclick={save}>{c.save}</button>
                    <button class="btn" onclick={cancel}>{c.cancel}</button>
                </div>
                {errors}
            </div>
        };
    }
    // one meeting, as its record
    if let Some(m) = &*open {
        let back = {
            let open = open.clone();
            Callback::from(move |_: MouseEvent| open.set(None))
        };
        let edit = {
            let (draft, d) = (draft.clone(), Draft::of(m));
            Callback::from(move |_: MouseEvent| draft.set(Some(d.clone())))
        };
        let agenda = m.topics.iter().map(|x| {
            let vote = x
                .events
                .iter()
                .find(|e| e.kind == TopicStep::Vote)
                .map(|e| {
                    format!(
                        "{}，{}",
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
                    )
                });
            html! { <tr><td>{x.title.clone()}</td><td>{(c.category_label)(x.category)}</td>
            <td>{(c.state_label)(x.state)}</td><td>{vote.unwrap_or_default()}</td></tr> }
        });
        let review = m.review.iter().map(|r| html! {
            <tr class={classes!(r.overdue.then_some("overdue"))}>
                <td>{r.topic.clone()}</td><td>{r.title.clone()}</td><td>{r.owner.clone()}</td>
                <td>{r.due_date.clone().unwrap_or_default()}</td>
                <td>{(t.task_status)(r.status)}{if r.overdue { format!("（{}）", c.overdue) } else { String::new() }}</td>
            </tr>
        });
        let quorum = if m.quorate { c.quorate } else { c.not_quorate };
        return html! {
            <div class="panel cnc-meeting" id="cnc-meeting">
                <div class="form-row no-print">
                    <button class="btn" id="cnc-meeting-back" onclick={back}>{c.back}</button>
                    <button class="btn" id="cnc-meeting-edit" onclick={edit}>{c.edit}</button>
                    <PrintButton id="cnc-meeting-print" />
                </div>
                <h2>{c.meeting_record}</h2>
                <p id="cnc-meeting-head">{format!("{}：{} {} · {}：{} · {}：{}", c.date, m.date, m.time, c.place, m.place, c.host, m.host)}</p>
                <p id="cnc-meeting-quorum">{format!("{} {} · {} {} · {}", c.expected, m.expected, c.present, m.present, quorum)}</p>
                <p id="cnc-meeting-rule">{(c.vote_rule)((c.quorum_label)(m.rule.quorum), (c.pass_label)(m.rule.pass))}</p>
                <p>{format!("{}：", c.attendees)}{m.attendees.iter().map(|a| format!("{}（{}）", a.name, (c.role_label)(a.role))).collect::<Vec<_>>().join("、")}</p>
                <h3>{c.review}</h3>
                if m.review.is_empty() { <p class="muted">{c.review_none}</p> } else {
                    <table class="table" id="cnc-meeting-review">
                        <thead><tr><th>{c.topic}</th><th>{c.request_title}</th><th>{c.owner}</th><th>{c.due}</th><th>{c.status}</th></tr></thead>
                        <tbody>{ for review }</tbody>
                    </table>
                }
                <h3>{c.agenda}</h3>
                if m.topics.is_empty() { <p class="muted">{c.agenda_none}</p> } else {
                    <table class="table" id="cnc-meeting-agenda">
                        <thead><tr><th>{c.topic}</th><th>{c.category}</th><th>{c.state}</th><th>{c.votes_for}</th></tr></thead>
                        <tbody>{ for agenda }</tbody>
                    </table>
                }
                if !m.minutes.is_empty() { <><h3>{c.minutes}</h3><p>{m.minutes.clone()}</p></> }
                {errors}
            </div>
        };
    }
    let (from, to) = month_range(&month);
    let rows = list.as_ref().map(|ls| {
        if ls.is_empty() {
            return html! { <p class="muted" id="cnc-meetings-none">{c.meetings_none}</p> };
        }
        html! {
            <table class="table" id="cnc-meeting-list">
                <thead><tr>
                    <th>{c.date}</th><th>{c.time}</th><th>{c.place}</th><th>{c.host}</th>
                    <th>{c.expected}</th><th>{c.present}</th><th>{c.quorum}</th><th>{c.voted}</th><th>{c.passed}</th>
                </tr></thead>
                <tbody>
                { for ls.iter().map(|m| {
                    let go = show.reform({ let id = m.id; move |_: MouseEvent| id });
                    html! {
                        <tr>
                            <td><button class="link" id={format!("cnc-meeting-open-{}", m.id)} onclick={go}>{m.date.clone()}</button></td>
                            <td>{m.time.clone()}</td><td>{m.place.clone()}</td><td>{m.host.clone()}</td>
                            <td>{m.expected.to_string()}</td><td>{m.present.to_string()}</td>
                            <td>{if m.quorate { c.quorate } else { c.not_quorate }}</td>
                            <td>{m.topics.to_string()}</td><td>{m.passed.to_string()}</td>
                        </tr>
                    }
                }) }
                </tbody>
            </table>
        }
    });
    let new = {
        let draft = draft.clone();
        Callback::from(move |_: MouseEvent| {
            // a new meeting is today's unless changed: the record is usually written on the day
            draft.set(Some(Draft {
                date: crate::clock::today(),
                expected: "15".into(),
                time: "19:30".into(),
                ..Draft::default()
            }))
        })
    };
    html! {
        <div class="panel cnc-meetings">
            <div class="form-row no-print">
                {input("cnc-meeting-month", c.month, &month, "month", {
                    let month = month.clone();
                    Callback::from(move |v: String| month.set(v))
                })}
                <button class="btn btn-primary" id="cnc-meeting-new" onclick={new}>{c.new_meeting}</button>
                <ExportButton kind={ListKind::CouncilMeetings} place_id={Some(p.community)} from={from} to={to} />
                <PrintButton id="cnc-meeting-list-print" />
            </div>
            {errors}
            { rows.unwrap_or_else(|| html! { <p class="muted">{c.loading}</p> }) }
        </div>
    }
}
