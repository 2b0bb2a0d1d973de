//! One duty board: on duty this week and next, the weeks (eight back, eleven ahead) with their
//! marks — done / not done for this week and those before — the households on the rota (one
//! taken off or put on from next week), and the board as it hangs in the stairwell: A4, large
//! type, the weeks ahead with each household's door and the head's surname, and the marks.

use linli_domain::board::weeks_after;
use linli_domain::Id;
use linli_protocol::*;
use yew::prelude::*;

use super::choice;
use super::duty::who;
use crate::components::print::PrintButton;
use crate::hooks::use_texts;
use crate::ipc;
use crate::pages::lending::error_line;

#[derive(Properties, PartialEq)]
pub struct BoardProps {
    pub id: Id,
    pub on_back: Callback<()>,
}

/// Weeks before this one the printed board shows (the rest are ahead).
const PRINTED_BACK: usize = 3;

#[function_component(DutyBoardView)]
pub fn duty_board_view(p: &BoardProps) -> Html {
    let t = use_texts();
    let b = &t.board;
    let board = use_state(|| None as Option<DutyBoard>);
    let homes = use_state(Vec::<Household>::new);
    let adding = use_state(String::new);
    let error = use_state(|| None as Option<ApiError>);
    {
        let (board, homes) = (board.clone(), homes.clone());
        use_effect_with(p.id, move |&id| {
            wasm_bindgen_futures::spawn_local(async move {
                let got = ipc::call(&GetDutyBoard {
                    id,
                    weeks_back: None,
                    weeks_ahead: None,
                })
                .await
                .ok();
                if let Some(g) = &got {
                    homes.set(
                        ipc::call(&ListHouseholds {
                            place_id: Some(g.place_id),
                            limit: 300,
                            ..ListHouseholds::default()
                        })
                        .await
                        .map(|p| p.rows)
                        .unwrap_or_default(),
                    );
                }
                board.set(got);
            });
        });
    }
    let Some(d) = (*board).clone() else {
        return html! { <p class="muted">{b.loading}</p> };
    };
    // a request that answers the board as it now stands
    fn send<C>(
        req: C,
        board: UseStateHandle<Option<DutyBoard>>,
        error: UseStateHandle<Option<ApiError>>,
    ) where
        C: linli_protocol::Command<Response = DutyBoard> + 'static,
    {
        wasm_bindgen_futures::spawn_local(async move {
            match ipc::call(&req).await {
                Ok(n) => {
                    error.set(None);
                    board.set(Some(n));
                }
                Err(e) => error.set(Some(e)),
            }
        });
    }
    let mark = |week: String, done: bool| {
        let (board, error) = (board.clone(), error.clone());
        let board_id = d.id;
        Callback::from(move |_: MouseEvent| {
            send(
                MarkDutyWeek {
                    board_id,
                    week: Some(week.clone()),
                    done,
                    note: String::new(),
                },
                board.clone(),
                error.clone(),
            )
        })
    };
    let rota_change = |household_id: Id, on: bool| {
        let (board, error) = (board.clone(), error.clone());
        let board_id = d.id;
        Callback::from(move |_: MouseEvent| {
            send(
                ChangeDutyRota {
                    board_id,
                    household_id,
                    on,
                    from_week: None,
                },
                board.clone(),
                error.clone(),
            )
        })
    };
    let mark_text = |done: Option<bool>| match done {
        Some(true) => b.mark_done,
        Some(false) => b.mark_not_done,
        None => "",
    };
    let weeks = d.weeks.iter().map(|w| {
        let end = linli_domain::calendar::add_days(&w.week, 6).unwrap_or_default();
        let now = w.week == d.this_week;
        let can_mark = w.week <= d.this_week && w.household.is_some();
        html! {
            <tr class={classes!(now.then_some("selected"))} id={format!("board-week-{}", w.week)}>
                <td>{(b.week_range)(&w.week, &end)}if now { {format!("（{}）", b.this_week)} }</td>
                <td>{w.household.as_ref().map(|h| h.door.clone()).unwrap_or_else(|| b.nobody.to_owned())}</td>
                <td>{w.household.as_ref().map(|h| h.head.clone()).unwrap_or_default()}</td>
                <td class="nb-mark">{mark_text(w.done)}</td>
                <td class="no-print">
                    if can_mark {
                        <button class="btn btn-small" id={format!("board-mark-done-{}", w.week)} onclick={mark(w.week.clone(), true)}>{b.mark_done}</button>
                        <button class="btn btn-small" id={format!("board-mark-not-{}", w.week)} onclick={mark(w.week.clone(), false)}>{b.mark_not_done}</button>
                    }
                </td>
            </tr>
        }
    });
    let rota = d.rota.iter().enumerate().map(|(i, h)| {
        html! {
            <li>
                {format!("{}. {} {}", i + 1, h.door, h.head)}
                if let Some(phone) = &h.phone { <span class="muted">{format!(" {phone}")}</span> }
                {" "}
                <button class="btn btn-small" id={format!("board-rota-off-{i}")} onclick={rota_change(h.household_id, false)}>{b.take_off}</button>
            </li>
        }
    });
    let off: Vec<(String, String)> = std::iter::once((String::new(), b.choose.to_owned()))
        .chain(
            homes
                .iter()
                .filter(|h| !d.rota.iter().any(|r| r.household_id == h.id))
                .map(|h| {
                    (
                        h.id.to_string(),
                        format!("{} {}", h.room, h.head_name.clone().unwrap_or_default()),
                    )
                }),
        )
        .collect();
    let add = {
        let (board, error, adding) = (board.clone(), error.clone(), adding.clone());
        let board_id = d.id;
        Callback::from(move |_: MouseEvent| {
            if let Ok(household_id) = adding.parse() {
                adding.set(String::new());
                send(
                    ChangeDutyRota {
                        board_id,
                        household_id,
                        on: true,
                        from_week: None,
                    },
                    board.clone(),
                    error.clone(),
                );
            }
        })
    };
    // the stairwell's board: from a few weeks back to the weeks ahead
    let first_printed = weeks_after(&d.this_week, -(PRINTED_BACK as i64));
    let printed = d.weeks.iter().filter(|w| w.week >= first_printed).map(|w| {
        let end = linli_domain::calendar::add_days(&w.week, 6).unwrap_or_default();
        let mark = match w.done {
            Some(true) => "✓",
            Some(false) => "✗",
            None => "",
        };
        html! {
            <tr class={classes!((w.week == d.this_week).then_some("nb-now"))}>
                <td>{(b.week_range)(&w.week, &end)}</td>
                <td>{w.household.as_ref().map(|h| h.door.clone()).unwrap_or_default()}</td>
                <td>{w.household.as_ref().map(|h| h.head_masked.clone()).unwrap_or_default()}</td>
                <td class="nb-mark">{mark}</td>
            </tr>
        }
    });
    let back = p.on_back.reform(|_: MouseEvent| ());
    let set_adding = {
        let adding = adding.clone();
        Callback::from(move |v: String| adding.set(v))
    };
    html! {
        <div class="nb-duty">
            <div class="panel no-print" id="board-duty-view">
                <div class="form-row">
                    <button class="btn" id="board-duty-back" onclick={back}>{b.back}</button>
                    <h2>{format!("{} · {} · {}", d.place_name, d.label, d.chore)}</h2>
                    <PrintButton id="board-duty-print" label={AttrValue::Static(b.print_board)} paged={false} />
                </div>
                <p id="board-on-duty"><strong>{b.on_duty}{"："}</strong>{who(&d.on_duty, b.nobody)}
                   {"　"}<strong>{b.next_duty}{"："}</strong>{who(&d.next, b.nobody)}
                   {"　"}<strong>{b.col_counts}{"："}</strong>{(b.counts)(d.done, d.not_done)}</p>
                if let Some(e) = &*error { {error_line(e, "board-duty-error")} }
                <h3>{b.weeks_title}</h3>
                <table class="table" id="board-weeks">
                    <thead><tr><th>{b.col_week}</th><th>{b.col_household}</th><th>{b.col_head}</th>
                        <th>{b.col_mark}</th><th></th></tr></thead>
                    <tbody>{ for weeks }</tbody>
                </table>
                <h3>{b.rota_title}</h3>
                <ol class="nb-rota" id="board-rota">{ for rota }</ol>
                <div class="form-row">
                    {choice("board-rota-add", b.add_household, &adding, &off, set_adding)}
                    <button class="btn" id="board-rota-add-go" onclick={add}>{b.add_household}</button>
                    <span class="muted">{b.from_next_week}</span>
                </div>
            </div>
            <article class="nb-duty-print print-only" id="board-duty-paper">
                <h1>{b.board_print_title}</h1>
                <h2>{format!("{} {}", d.place_name, d.label)}</h2>
                <p class="nb-duty-chore">{format!("{}：{}", b.board_chore, d.chore)}</p>
                <table class="nb-duty-table">
                    <thead><tr><th>{b.col_week}</th><th>{b.col_household}</th><th>{b.col_head}</th><th>{b.col_mark}</th></tr></thead>
                    <tbody>{ for printed }</tbody>
                </table>
                <p class="nb-duty-hint">{b.board_print_hint}</p>
            </article>
        </div>
    }
}
