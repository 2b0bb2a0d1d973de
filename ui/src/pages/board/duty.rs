//! 值日牌: a community's duty boards — who is on duty this week and next, this week's mark and
//! the weeks done and not done — sorted and printed; a new board for a building or an entrance
//! (its chore, first week and the households ticked in their order of duty); one board opened.

use linli_domain::{Id, PlaceKind};
use linli_protocol::*;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::duty_board::DutyBoardView;
use super::{choice, input, use_places};
use crate::components::print::PrintButton;
use crate::hooks::use_texts;
use crate::ipc;
use crate::pages::lending::error_line;

#[derive(Properties, PartialEq)]
pub struct DutyProps {
    pub community: Id,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum View {
    List,
    New,
    Board(Id),
}

#[derive(Debug, Clone, PartialEq, Default)]
struct Draft {
    place: String,
    label: String,
    chore: String,
    start: String,
    households: Vec<Id>,
}

/// "502 王建国" of a household on a board.
pub(super) fn who(h: &Option<DutyHousehold>, nobody: &str) -> String {
    match h {
        Some(h) if h.head.is_empty() => h.door.clone(),
        Some(h) => format!("{} {}", h.door, h.head),
        None => nobody.to_owned(),
    }
}

#[function_component(DutyBoards)]
pub fn duty_boards(p: &DutyProps) -> Html {
    let t = use_texts();
    let b = &t.board;
    let view = use_state(|| View::List);
    let round = use_state(|| 0u32);
    let sort = use_state(String::new);
    let list = use_state(|| None as Option<Vec<DutyBoardLine>>);
    let draft = use_state(Draft::default);
    let homes = use_state(Vec::<Household>::new);
    let bad = use_state(|| None as Option<&'static str>);
    let error = use_state(|| None as Option<ApiError>);
    let places = use_places(p.community);
    {
        let list = list.clone();
        let community_id = p.community;
        use_effect_with((community_id, *round), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                list.set(Some(
                    ipc::call(&ListDutyBoards { community_id })
                        .await
                        .unwrap_or_default(),
                ));
            });
        });
    }
    {
        let homes = homes.clone();
        use_effect_with(draft.place.clone(), move |place| {
            let place_id = place.parse::<Id>().ok();
            wasm_bindgen_futures::spawn_local(async move {
                let list = match place_id {
                    Some(id) => ipc::call(&ListHouseholds {
                        place_id: Some(id),
                        limit: 300,
                        ..ListHouseholds::default()
                    })
                    .await
                    .map(|p| p.rows)
                    .unwrap_or_default(),
                    None => Vec::new(),
                };
                homes.set(list);
            });
        });
    }
    let go = |v: View| {
        let (view, round) = (view.clone(), round.clone());
        Callback::from(move |_| {
            round.set(*round + 1);
            view.set(v);
        })
    };
    match *view {
        View::Board(id) => {
            return html! { <DutyBoardView {id} on_back={go(View::List)} /> };
        }
        View::New => {
            let set = |f: fn(&mut Draft, String)| {
                let draft = draft.clone();
                Callback::from(move |v: String| {
                    let mut next = (*draft).clone();
                    f(&mut next, v);
                    draft.set(next);
                })
            };
            let place_options: Vec<(String, String)> =
                std::iter::once((String::new(), b.choose.to_owned()))
                    .chain(
                        places
                            .iter()
                            .filter(|x| matches!(x.kind, PlaceKind::Building | PlaceKind::Unit))
                            .map(|x| (x.id.to_string(), x.name.clone())),
                    )
                    .collect();
            let ticks = homes.iter().enumerate().map(|(i, h)| {
                let id = h.id;
                let onchange = {
                    let draft = draft.clone();
                    Callback::from(move |e: Event| {
                        let on = e.target_unchecked_into::<HtmlInputElement>().checked();
                        let mut next = (*draft).clone();
                        next.households.retain(|x| *x != id);
                        if on {
                            next.households.push(id);
                        }
                        draft.set(next);
                    })
                };
                let order = draft.households.iter().position(|x| *x == id);
                html! {
                    <label class="field check">
                        <input type="checkbox" id={format!("board-duty-home-{i}")} checked={order.is_some()} {onchange} />
                        <span>{format!("{} {}", h.room, h.head_name.clone().unwrap_or_default())}
                            if let Some(k) = order { <strong>{format!(" ({})", k + 1)}</strong> }</span>
                    </label>
                }
            });
            let submit = {
                let (draft, bad, error, view) =
                    (draft.clone(), bad.clone(), error.clone(), view.clone());
                let community_id = p.community;
                Callback::from(move |_: MouseEvent| {
                    let d = (*draft).clone();
                    let Ok(place_id) = d.place.parse() else {
                        bad.set(Some(b.err_board_place));
                        return;
                    };
                    if d.chore.trim().is_empty() {
                        bad.set(Some(b.err_chore));
                        return;
                    }
                    if d.households.is_empty() {
                        bad.set(Some(b.err_board_households));
                        return;
                    }
                    bad.set(None);
                    let req = AddDutyBoard {
                        community_id,
                        place_id,
                        label: d.label,
                        chore: d.chore,
                        start_week: Some(d.start).filter(|s| !s.trim().is_empty()),
                        households: d.households,
                    };
                    let (error, view) = (error.clone(), view.clone());
                    wasm_bindgen_futures::spawn_local(async move {
                        match ipc::call(&req).await {
                            Ok(board) => view.set(View::Board(board.id)),
                            Err(e) => error.set(Some(e)),
                        }
                    });
                })
            };
            let d = &*draft;
            return html! {
                <div class="panel" id="board-duty-form">
                    <h2>{b.new_board}</h2>
                    <div class="form-row">
                        {choice("board-duty-place", b.board_place, &d.place, &place_options, set(|d, v| { d.place = v; d.households.clear(); }))}
                        {input("board-duty-label", b.board_label, &d.label, "text", set(|d, v| d.label = v))}
                        {input("board-duty-chore", b.board_chore, &d.chore, "text", set(|d, v| d.chore = v))}
                        {input("board-duty-start", b.board_start, &d.start, "text", set(|d, v| d.start = v))}
                    </div>
                    <h3>{b.board_households}</h3>
                    <div class="form-row" id="board-duty-homes">
                        if homes.is_empty() && !d.place.is_empty() { <p class="muted">{b.no_households_here}</p> }
                        { for ticks }
                    </div>
                    if let Some(why) = *bad { <p class="field-error" id="board-duty-bad" role="alert">{why}</p> }
                    if let Some(e) = &*error { {error_line(e, "board-duty-error")} }
                    <div class="form-row">
                        <button class="btn btn-primary" id="board-duty-create" onclick={submit}>{b.create}</button>
                        <button class="btn" id="board-duty-cancel" onclick={go(View::List).reform(|_: MouseEvent| ())}>{b.cancel}</button>
                    </div>
                </div>
            };
        }
        View::List => {}
    }
    let mut rows: Vec<DutyBoardLine> = list.iter().flatten().cloned().collect();
    match sort.as_str() {
        "chore" => rows.sort_by(|a, b| a.chore.cmp(&b.chore)),
        "not_done" => rows.sort_by_key(|r| std::cmp::Reverse(r.not_done_weeks)),
        _ => {}
    }
    let sorts: Vec<(String, String)> = [
        ("", b.col_board_place),
        ("chore", b.col_chore),
        ("not_done", b.mark_not_done),
    ]
    .iter()
    .map(|(c, l)| ((*c).to_owned(), (*l).to_owned()))
    .collect();
    let on_sort = {
        let sort = sort.clone();
        Callback::from(move |v: String| sort.set(v))
    };
    let mark = |d: Option<bool>| match d {
        Some(true) => html! { <span class="chip chip-tag">{b.mark_done}</span> },
        Some(false) => html! { <span class="chip chip-status">{b.mark_not_done}</span> },
        None => html! { <span class="muted">{b.not_marked}</span> },
    };
    let table = match &*list {
        None => html! { <p class="muted">{b.loading}</p> },
        Some(l) if l.is_empty() => {
            html! { <p class="muted" id="board-duty-none">{b.boards_none}</p> }
        }
        Some(_) => html! {
            <table class="table" id="board-duty-list">
                <thead><tr><th>{b.col_board_place}</th><th>{b.col_label}</th><th>{b.col_chore}</th>
                    <th>{b.col_households}</th><th>{b.col_this_week}</th><th>{b.col_next_week}</th>
                    <th>{b.col_mark}</th><th>{b.col_counts}</th></tr></thead>
                <tbody>{ for rows.iter().map(|l| {
                    let open = go(View::Board(l.id)).reform(|_: MouseEvent| ());
                    html! {
                        <tr>
                            <td><button class="link" id={format!("board-duty-open-{}", l.id)} onclick={open}>{l.place_name.clone()}</button></td>
                            <td>{l.label.clone()}</td><td>{l.chore.clone()}</td><td>{l.households}</td>
                            <td>{who(&l.on_duty, b.nobody)}</td><td>{who(&l.next, b.nobody)}</td>
                            <td>{mark(l.done)}</td><td>{(b.counts)(l.done_weeks, l.not_done_weeks)}</td>
                        </tr>
                    }
                }) }</tbody>
            </table>
        },
    };
    let new = {
        let (view, draft, bad, error) = (view.clone(), draft.clone(), bad.clone(), error.clone());
        Callback::from(move |_: MouseEvent| {
            draft.set(Draft::default());
            bad.set(None);
            error.set(None);
            view.set(View::New);
        })
    };
    html! {
        <div class="panel" id="board-duty">
            <div class="form-row no-print">
                {choice("board-duty-sort", "", &sort, &sorts, on_sort)}
                <button class="btn btn-primary" id="board-duty-new" onclick={new}>{b.new_board}</button>
                <PrintButton id="board-duty-list-print" />
            </div>
            {table}
        </div>
    }
}
