//! 本月主题: a month's theme (set or changed), what it groups — the month's volunteer activities,
//! its notices, its council topics and the stewards' campaign lines, one table per section — a steward's line
//! recorded, and the year's themes month by month (a month opens from there). Prints as the
//! month's sheet.

use linli_domain::board::{SectionKind, ThemeKind};
use linli_domain::{Id, PlaceKind};
use linli_protocol::*;
use yew::prelude::*;

use super::{area, choice, input, options, use_places};
use crate::components::print::PrintButton;
use crate::hooks::{use_kept_state, use_texts};
use crate::ipc;
use crate::pages::lending::error_line;

#[derive(Properties, PartialEq)]
pub struct ThemeProps {
    pub community: Id,
    pub name: String,
}

/// The month `n` months after "YYYY-MM".
fn shift(month: &str, n: i32) -> String {
    let (y, m) = month.split_once('-').unwrap_or(("2026", "01"));
    let (y, m): (i32, i32) = (y.parse().unwrap_or(2026), m.parse().unwrap_or(1));
    let k = y * 12 + (m - 1) + n;
    format!("{:04}-{:02}", k.div_euclid(12), k.rem_euclid(12) + 1)
}

#[derive(Debug, Clone, PartialEq, Default)]
struct Draft {
    kind: String,
    title: String,
    text: String,
}

#[derive(Debug, Clone, PartialEq, Default)]
struct Line {
    building: String,
    date: String,
    text: String,
    by: String,
}

#[function_component(MonthThemeTab)]
pub fn month_theme_tab(p: &ThemeProps) -> Html {
    let t = use_texts();
    let b = &t.board;
    let month = use_kept_state("board.month", || crate::clock::today()[..7].to_owned());
    let round = use_state(|| 0u32);
    let view = use_state(|| None as Option<MonthTheme>);
    let year = use_state(Vec::<MonthThemeLine>::new);
    let editing = use_state(|| false);
    let draft = use_state(Draft::default);
    let line = use_state(Line::default);
    let error = use_state(|| None as Option<ApiError>);
    let places = use_places(p.community);
    {
        let (view, year) = (view.clone(), year.clone());
        let community_id = p.community;
        use_effect_with(
            (community_id, (*month).clone(), *round),
            move |(_, month, _)| {
                let month = month.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    view.set(
                        ipc::call(&GetMonthTheme {
                            community_id,
                            month: month.clone(),
                        })
                        .await
                        .ok(),
                    );
                    year.set(
                        ipc::call(&ListMonthThemes {
                            community_id,
                            year: Some(month[..4].to_owned()),
                        })
                        .await
                        .unwrap_or_default(),
                    );
                });
            },
        );
    }
    let go = |n: i32| {
        let (month, editing) = (month.clone(), editing.clone());
        Callback::from(move |_: MouseEvent| {
            editing.set(false);
            month.set(shift(&month, n));
        })
    };
    let set = |f: fn(&mut Draft, String)| {
        let draft = draft.clone();
        Callback::from(move |v: String| {
            let mut next = (*draft).clone();
            f(&mut next, v);
            draft.set(next);
        })
    };
    let set_line = |f: fn(&mut Line, String)| {
        let line = line.clone();
        Callback::from(move |v: String| {
            let mut next = (*line).clone();
            f(&mut next, v);
            line.set(next);
        })
    };
    let start_edit = {
        let (editing, draft, view, error) =
            (editing.clone(), draft.clone(), view.clone(), error.clone());
        Callback::from(move |_: MouseEvent| {
            let th = view.as_ref().and_then(|v| v.theme.clone());
            draft.set(Draft {
                kind: th
                    .as_ref()
                    .map_or(ThemeKind::Cleaning, |x| x.kind)
                    .code()
                    .to_owned(),
                title: th.as_ref().map(|x| x.title.clone()).unwrap_or_default(),
                text: th.map(|x| x.text).unwrap_or_default(),
            });
            error.set(None);
            editing.set(true);
        })
    };
    let save = {
        let (draft, editing, error, round, month) = (
            draft.clone(),
            editing.clone(),
            error.clone(),
            round.clone(),
            month.clone(),
        );
        let community_id = p.community;
        Callback::from(move |_: MouseEvent| {
            let d = (*draft).clone();
            let req = SetMonthTheme {
                community_id,
                month: (*month).clone(),
                theme: MonthThemeFields {
                    kind: ThemeKind::read(&d.kind),
                    title: d.title,
                    text: d.text,
                },
            };
            let (editing, error, round) = (editing.clone(), error.clone(), round.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match ipc::call(&req).await {
                    Ok(_) => {
                        error.set(None);
                        editing.set(false);
                        round.set(*round + 1);
                    }
                    Err(e) => error.set(Some(e)),
                }
            });
        })
    };
    let add_line = {
        let (line, error, round) = (line.clone(), error.clone(), round.clone());
        let community_id = p.community;
        Callback::from(move |_: MouseEvent| {
            let l = (*line).clone();
            let Ok(building_id) = l.building.parse() else {
                error.set(Some(ApiError::coded(
                    ErrorKind::Invalid,
                    linli_domain::msg::BOARD_NOT_BUILDING,
                    vec![],
                )));
                return;
            };
            let req = AddCampaignLine {
                community_id,
                building_id,
                date: Some(l.date.clone()).filter(|d| !d.trim().is_empty()),
                text: l.text.clone(),
                by_name: l.by.clone(),
            };
            let (line, error, round) = (line.clone(), error.clone(), round.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match ipc::call(&req).await {
                    Ok(_) => {
                        error.set(None);
                        line.set(Line::default());
                        round.set(*round + 1);
                    }
                    Err(e) => error.set(Some(e)),
                }
            });
        })
    };
    let remove_line = |id: Id| {
        let (error, round) = (error.clone(), round.clone());
        Callback::from(move |_: MouseEvent| {
            let (error, round) = (error.clone(), round.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match ipc::call(&RemoveCampaignLine { id }).await {
                    Ok(_) => round.set(*round + 1),
                    Err(e) => error.set(Some(e)),
                }
            });
        })
    };
    let kinds = options(None, ThemeKind::ALL, ThemeKind::code, b.theme_kind_label);
    let buildings: Vec<(String, String)> = std::iter::once((String::new(), b.choose.to_owned()))
        .chain(
            places
                .iter()
                .filter(|x| matches!(x.kind, PlaceKind::Building | PlaceKind::Unit))
                .map(|x| (x.id.to_string(), x.name.clone())),
        )
        .collect();
    let theme = view.as_ref().and_then(|v| v.theme.clone());
    let head = if *editing {
        let d = &*draft;
        html! {
            <div class="panel no-print" id="board-theme-form">
                <div class="form-row">
                    {choice("board-theme-kind", b.theme_kind, &d.kind, &kinds, set(|d, v| d.kind = v))}
                    {input("board-theme-title", b.theme_title, &d.title, "text", set(|d, v| d.title = v))}
                </div>
                <div class="form-row">{area("board-theme-text", b.theme_text, &d.text, set(|d, v| d.text = v))}</div>
                <div class="form-row">
                    <button class="btn btn-primary" id="board-theme-save" onclick={save}>{b.save}</button>
                    <button class="btn" id="board-theme-cancel" onclick={
                        let editing = editing.clone();
                        Callback::from(move |_: MouseEvent| editing.set(false))
                    }>{b.cancel}</button>
                </div>
            </div>
        }
    } else {
        match &theme {
            Some(th) => html! {
                <div class="panel nb-theme" id="board-theme">
                    <p class="muted">{(b.theme_kind_label)(th.kind)}</p>
                    <h2 id="board-theme-title-shown">{th.title.clone()}</h2>
                    if !th.text.is_empty() { <p>{th.text.clone()}</p> }
                    <button class="btn btn-small no-print" id="board-theme-edit" onclick={start_edit}>{b.edit_theme}</button>
                </div>
            },
            None => html! {
                <div class="panel nb-theme" id="board-theme">
                    <p class="muted" id="board-theme-none">{b.theme_none}</p>
                    <button class="btn btn-primary no-print" id="board-theme-edit" onclick={start_edit}>{b.set_theme}</button>
                </div>
            },
        }
    };
    let sections = view.as_ref().map(|v| {
        html! { <>{ for v.sections.iter().map(|s| {
            let campaign = s.kind == SectionKind::Campaign;
            html! {
                <div class="panel nb-section" id={format!("board-section-{}", s.kind.code())}>
                    <h3>{(b.counted)((b.section_label)(s.kind), s.items.len())}</h3>
                    if s.items.is_empty() {
                        <p class="muted">{b.section_none}</p>
                    } else {
                        <table class="table">
                            <thead><tr><th>{b.col_date}</th><th>{b.col_item}</th><th>{b.col_detail}</th>
                                if campaign { <th class="no-print"></th> }</tr></thead>
                            <tbody>{ for s.items.iter().map(|i| html! {
                                <tr>
                                    <td>{i.date.clone()}</td><td>{i.title.clone()}</td><td>{i.detail.clone()}</td>
                                    if campaign { <td class="no-print">
                                        <button class="btn btn-small" onclick={remove_line(i.id)}>{b.remove}</button>
                                    </td> }
                                </tr>
                            }) }</tbody>
                        </table>
                    }
                </div>
            }
        }) }</> }
    });
    let l = &*line;
    let line_form = theme.is_some().then(|| html! {
        <div class="panel no-print" id="board-line-form">
            <h3>{b.add_line}</h3>
            <div class="form-row">
                {choice("board-line-building", b.line_building, &l.building, &buildings, set_line(|l, v| l.building = v))}
                {input("board-line-date", b.col_date, &l.date, "text", set_line(|l, v| l.date = v))}
                {input("board-line-text", b.line_text, &l.text, "text", set_line(|l, v| l.text = v))}
                {input("board-line-by", b.line_by, &l.by, "text", set_line(|l, v| l.by = v))}
                <button class="btn" id="board-line-add" onclick={add_line}>{b.add_line}</button>
            </div>
        </div>
    });
    let months = year.iter().map(|y| {
        let open = {
            let (month, editing) = (month.clone(), editing.clone());
            let m = y.month.clone();
            Callback::from(move |_: MouseEvent| {
                editing.set(false);
                month.set(m.clone());
            })
        };
        html! {
            <tr class={classes!((y.month == *month).then_some("selected"))}>
                <td><button class="link" id={format!("board-year-{}", y.month)} onclick={open}>{y.month.clone()}</button></td>
                <td>{(b.theme_kind_label)(y.theme.kind)}</td><td>{y.theme.title.clone()}</td>
                <td>{y.activities}</td><td>{y.notices}</td><td>{y.topics}</td><td>{y.campaign_lines}</td>
            </tr>
        }
    });
    html! {
        <div class="nb-month">
            <div class="form-row no-print">
                <button class="btn btn-small" id="board-month-prev" onclick={go(-1)}>{"‹"}</button>
                <strong id="board-month">{(*month).clone()}</strong>
                <button class="btn btn-small" id="board-month-next" onclick={go(1)}>{"›"}</button>
                <PrintButton id="board-theme-print" />
            </div>
            <h2 class="print-only">{(b.print_theme_title)(&p.name, &month)}</h2>
            {head}
            if let Some(e) = &*error { {error_line(e, "board-theme-error")} }
            { sections.unwrap_or_else(|| html! { <p class="muted">{b.loading}</p> }) }
            { line_form.unwrap_or_default() }
            <div class="panel no-print" id="board-year">
                <h3>{(b.year_title)(&month[..4])}</h3>
                if year.is_empty() {
                    <p class="muted">{b.year_none}</p>
                } else {
                    <table class="table">
                        <thead><tr><th>{b.col_month}</th><th>{b.col_kind}</th><th>{b.theme_title}</th>
                            <th>{b.col_activities}</th><th>{b.col_notices}</th><th>{b.col_topics}</th><th>{b.col_lines}</th></tr></thead>
                        <tbody>{ for months }</tbody>
                    </table>
                }
            </div>
        </div>
    }
}
