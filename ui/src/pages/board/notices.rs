//! 通知: a community's notices filtered (current, not yet started, expired; a text) and sorted,
//! posted or changed in a form that says what is wrong, withdrawn, and each opened as its A4
//! poster with the WeChat text beside it. The list prints.

use linli_domain::board::{Audience, NoticeState};
use linli_domain::{Id, PlaceKind};
use linli_protocol::*;
use yew::prelude::*;

use super::poster::Poster;
use super::{area, choice, input, options, use_places};
use crate::components::print::PrintButton;
use crate::hooks::use_texts;
use crate::ipc;
use crate::pages::lending::error_line;

#[derive(Properties, PartialEq)]
pub struct NoticesProps {
    pub community: Id,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq)]
enum View {
    List,
    Form(Option<Box<Notice>>),
    Poster(Box<Notice>),
}

#[derive(Debug, Clone, PartialEq, Default)]
struct Filter {
    state: String,
    text: String,
    sort: String,
}

#[derive(Debug, Clone, PartialEq, Default)]
struct Draft {
    place: String,
    title: String,
    text: String,
    start: String,
    end: String,
    audience: String,
}

/// What the form can tell before asking the store: the blanks, and dates the wrong way round.
fn check(b: &crate::i18n::BoardTexts, d: &Draft) -> Option<&'static str> {
    let blank = |s: &str| s.trim().is_empty();
    if blank(&d.place) || blank(&d.title) || blank(&d.text) || blank(&d.start) || blank(&d.end) {
        return Some(b.err_required);
    }
    (d.end.trim() < d.start.trim()).then_some(b.err_dates)
}

#[function_component(Notices)]
pub fn notices(p: &NoticesProps) -> Html {
    let t = use_texts();
    let b = &t.board;
    let view = use_state(|| View::List);
    let filter = use_state(Filter::default);
    let round = use_state(|| 0u32);
    let list = use_state(|| None as Option<Vec<Notice>>);
    let draft = use_state(Draft::default);
    let bad = use_state(|| None as Option<&'static str>);
    let error = use_state(|| None as Option<ApiError>);
    let places = use_places(p.community);
    {
        let list = list.clone();
        let community_id = p.community;
        use_effect_with(
            (community_id, filter.state.clone(), *round),
            move |(_, state, _)| {
                let req = ListNotices {
                    community_id,
                    state: NoticeState::from_code(state),
                    month: None,
                };
                wasm_bindgen_futures::spawn_local(async move {
                    list.set(Some(ipc::call(&req).await.unwrap_or_default()));
                });
            },
        );
    }
    let set = |f: fn(&mut Filter, String)| {
        let filter = filter.clone();
        Callback::from(move |v: String| {
            let mut next = (*filter).clone();
            f(&mut next, v);
            filter.set(next);
        })
    };
    let set_draft = |f: fn(&mut Draft, String)| {
        let draft = draft.clone();
        Callback::from(move |v: String| {
            let mut next = (*draft).clone();
            f(&mut next, v);
            draft.set(next);
        })
    };
    let open_form = |n: Option<Notice>| {
        let (view, draft, bad, error) = (view.clone(), draft.clone(), bad.clone(), error.clone());
        let community = p.community;
        Callback::from(move |_: MouseEvent| {
            let today = crate::clock::today();
            draft.set(match &n {
                Some(n) => Draft {
                    place: n.notice.place_id.to_string(),
                    title: n.notice.title.clone(),
                    text: n.notice.text.clone(),
                    start: n.notice.start_date.clone(),
                    end: n.notice.end_date.clone(),
                    audience: n.notice.audience.code().to_owned(),
                },
                None => Draft {
                    place: community.to_string(),
                    start: today.clone(),
                    end: today,
                    audience: Audience::All.code().to_owned(),
                    ..Draft::default()
                },
            });
            bad.set(None);
            error.set(None);
            view.set(View::Form(n.clone().map(Box::new)));
        })
    };
    let to_list = {
        let (view, round) = (view.clone(), round.clone());
        Callback::from(move |_| {
            round.set(*round + 1);
            view.set(View::List);
        })
    };
    let body = match &*view {
        View::Poster(n) => {
            return html! { <Poster notice={(**n).clone()} on_back={to_list} /> };
        }
        View::Form(editing) => {
            let submit = {
                let (draft, bad, error, view) =
                    (draft.clone(), bad.clone(), error.clone(), view.clone());
                let community_id = p.community;
                let id = editing.as_ref().map(|n| n.id);
                Callback::from(move |_: MouseEvent| {
                    let d = (*draft).clone();
                    if let Some(why) = check(b, &d) {
                        bad.set(Some(why));
                        return;
                    }
                    bad.set(None);
                    let Ok(place_id) = d.place.parse() else {
                        bad.set(Some(b.err_required));
                        return;
                    };
                    let req = PostNotice {
                        id,
                        community_id,
                        notice: NoticeFields {
                            place_id,
                            title: d.title,
                            text: d.text,
                            start_date: d.start.trim().to_owned(),
                            end_date: d.end.trim().to_owned(),
                            audience: Audience::read(&d.audience),
                        },
                    };
                    let (error, view) = (error.clone(), view.clone());
                    wasm_bindgen_futures::spawn_local(async move {
                        match ipc::call(&req).await {
                            Ok(n) => view.set(View::Poster(Box::new(n))),
                            Err(e) => error.set(Some(e)),
                        }
                    });
                })
            };
            let scopes: Vec<(String, String)> =
                std::iter::once((p.community.to_string(), p.name.clone()))
                    .chain(
                        places
                            .iter()
                            .filter(|x| matches!(x.kind, PlaceKind::Compound | PlaceKind::Building))
                            .map(|x| (x.id.to_string(), x.name.clone())),
                    )
                    .collect();
            let audiences = options(None, Audience::ALL, Audience::code, b.audience_label);
            let d = &*draft;
            let cancel = to_list.reform(|_: MouseEvent| ());
            html! {
                <div class="panel" id="board-notice-form">
                    <h2>{if editing.is_some() { b.edit } else { b.new_notice }}</h2>
                    <div class="form-row">
                        {choice("board-notice-place", b.place, &d.place, &scopes, set_draft(|d, v| d.place = v))}
                        {choice("board-notice-audience", b.audience, &d.audience, &audiences, set_draft(|d, v| d.audience = v))}
                    </div>
                    <div class="form-row">
                        {input("board-notice-title", b.notice_title, &d.title, "text", set_draft(|d, v| d.title = v))}
                        {input("board-notice-start", b.start, &d.start, "text", set_draft(|d, v| d.start = v))}
                        {input("board-notice-end", b.end, &d.end, "text", set_draft(|d, v| d.end = v))}
                    </div>
                    <div class="form-row">{area("board-notice-text", b.notice_text, &d.text, set_draft(|d, v| d.text = v))}</div>
                    if let Some(why) = *bad { <p class="field-error" id="board-notice-bad" role="alert">{why}</p> }
                    if let Some(e) = &*error { {error_line(e, "board-notice-error")} }
                    <div class="form-row">
                        <button class="btn btn-primary" id="board-notice-post" onclick={submit}>{b.post}</button>
                        <button class="btn" id="board-notice-cancel" onclick={cancel}>{b.cancel}</button>
                    </div>
                </div>
            }
        }
        View::List => {
            let f = &*filter;
            let needle = f.text.trim().to_lowercase();
            let mut rows: Vec<Notice> = list
                .iter()
                .flatten()
                .filter(|n| {
                    needle.is_empty()
                        || n.notice.title.to_lowercase().contains(&needle)
                        || n.notice.text.to_lowercase().contains(&needle)
                })
                .cloned()
                .collect();
            match f.sort.as_str() {
                "end" => rows.sort_by(|a, b| a.notice.end_date.cmp(&b.notice.end_date)),
                "title" => rows.sort_by(|a, b| a.notice.title.cmp(&b.notice.title)),
                _ => {}
            }
            let states = options(
                Some(b.all),
                NoticeState::ALL,
                NoticeState::code,
                b.state_label,
            );
            let sorts: Vec<(String, String)> = [
                ("", b.sort_start),
                ("end", b.sort_end),
                ("title", b.sort_title),
            ]
            .iter()
            .map(|(c, l)| ((*c).to_owned(), (*l).to_owned()))
            .collect();
            let table = match &*list {
                None => html! { <p class="muted">{b.loading}</p> },
                Some(_) if rows.is_empty() => {
                    html! { <p class="muted" id="board-notices-none">{b.notices_none}</p> }
                }
                Some(_) => html! {
                    <table class="table" id="board-notices">
                        <thead><tr><th>{b.col_title}</th><th>{b.col_place}</th><th>{b.col_dates}</th>
                            <th>{b.col_audience}</th><th>{b.col_state}</th><th class="no-print"></th></tr></thead>
                        <tbody>{ for rows.iter().map(|n| {
                            let poster = {
                                let (view, n) = (view.clone(), n.clone());
                                Callback::from(move |_: MouseEvent| view.set(View::Poster(Box::new(n.clone()))))
                            };
                            let withdraw = {
                                let (round, error, id) = (round.clone(), error.clone(), n.id);
                                Callback::from(move |_: MouseEvent| {
                                    let (round, error) = (round.clone(), error.clone());
                                    wasm_bindgen_futures::spawn_local(async move {
                                        match ipc::call(&WithdrawNotice { id }).await {
                                            Ok(()) => round.set(*round + 1),
                                            Err(e) => error.set(Some(e)),
                                        }
                                    });
                                })
                            };
                            let state_class = match n.state {
                                NoticeState::Current => "chip chip-tag",
                                NoticeState::Expired => "chip chip-out",
                                _ => "chip chip-status",
                            };
                            html! {
                                <tr id={format!("board-notice-{}", n.id)}>
                                    <td><button class="link" onclick={poster.clone()}>{n.notice.title.clone()}</button></td>
                                    <td>{n.place_name.clone()}</td>
                                    <td>{format!("{} — {}", n.notice.start_date, n.notice.end_date)}</td>
                                    <td>{(b.audience_label)(n.notice.audience)}</td>
                                    <td><span class={state_class}>{(b.state_label)(n.state)}</span></td>
                                    <td class="no-print">
                                        <button class="btn btn-small" onclick={poster}>{b.poster}</button>
                                        <button class="btn btn-small" onclick={open_form(Some(n.clone()))}>{b.edit}</button>
                                        <button class="btn btn-small" onclick={withdraw}>{b.withdraw}</button>
                                    </td>
                                </tr>
                            }
                        }) }</tbody>
                    </table>
                },
            };
            html! {
                <div class="panel" id="board-notice-list">
                    <div class="form-row no-print">
                        {choice("board-notice-state", b.col_state, &f.state, &states, set(|f, v| f.state = v))}
                        {input("board-notice-search", b.search, &f.text, "search", set(|f, v| f.text = v))}
                        {choice("board-notice-sort", "", &f.sort, &sorts, set(|f, v| f.sort = v))}
                        <button class="btn btn-primary" id="board-notice-new" onclick={open_form(None)}>{b.new_notice}</button>
                        <PrintButton id="board-notices-print" />
                    </div>
                    if let Some(e) = &*error { {error_line(e, "board-notice-error")} }
                    {table}
                </div>
            }
        }
    };
    body
}
