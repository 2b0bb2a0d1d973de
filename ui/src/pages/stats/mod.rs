//! 统计: a scope (everything, a community, a grid) and a period (month, quarter, year, any
//! range), the `dashboard` figures drawn as charts of our own (`crate::chart`), the ranking of
//! communities or grids (晾晒), and every bar, point and number opening the records behind it
//! (`dashboard_records`), with a way back. The other registers' sections (借还, 调解 …) are
//! drawn from what the store sends (`registers`). Last month for everything when the page opens.

mod charts;
mod period;
mod ranking;
mod records;
mod registers;
pub mod targets;

use std::cell::RefCell;
use std::rc::Rc;

use linli_domain::Id;
use linli_protocol::{
    ApiError, Dashboard, DashboardData, DashboardRecords, FigureRecords, Grid, Place,
};
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::hooks::{use_kept_state, use_texts};
use crate::ipc;
use crate::pages::reports::text_input;
use period::Kind;

/// The scope chosen, as the select's value: "" everything, "p:ID" a place, "g:ID" a grid.
fn scope_of(value: &str) -> (Option<Id>, Option<Id>) {
    match value.split_once(':') {
        Some(("p", id)) => (id.parse().ok(), None),
        Some(("g", id)) => (None, id.parse().ok()),
        _ => (None, None),
    }
}

/// The records a click asks for, and what came back.
#[derive(Debug, Clone, PartialEq)]
pub struct Drill {
    pub title: String,
    pub req: DashboardRecords,
    pub records: Option<Result<FigureRecords, ApiError>>,
}

/// What a chart, a number or a ranking cell opens: a chart key, its bucket, the place or grid
/// (the scope's, or a ranking line's) and the list's title.
#[derive(Debug, Clone, PartialEq)]
pub struct Open {
    /// A chart's key, or "register.figure" for another register's.
    pub chart: String,
    pub bucket: Option<String>,
    pub place_id: Option<Id>,
    pub grid_id: Option<Id>,
    pub title: String,
}

/// The figures shown: what was asked and what came back.
#[derive(Debug, Clone, PartialEq)]
struct Shown {
    req: Dashboard,
    data: Result<DashboardData, ApiError>,
}

/// Asks for the figures; an answer to a question asked before the last one is dropped.
fn ask(
    req: Dashboard,
    seq: Rc<RefCell<u32>>,
    shown: UseStateHandle<Option<Shown>>,
    busy: UseStateHandle<bool>,
) {
    let mine = {
        let mut n = seq.borrow_mut();
        *n += 1;
        *n
    };
    busy.set(true);
    wasm_bindgen_futures::spawn_local(async move {
        let data = ipc::call(&req).await;
        if *seq.borrow() == mine {
            shown.set(Some(Shown { req, data }));
            busy.set(false);
        }
    });
}

#[function_component(Stats)]
pub fn stats() -> Html {
    let t = use_texts();
    let s = &t.stats;
    let paper = crate::i18n::paper::texts(crate::hooks::use_app().lang);
    let kind = use_kept_state("stats.kind", || Kind::Month.code().to_owned());
    let which = use_kept_state("stats.which", || {
        period::default_which(Kind::Month, &period::today())
    });
    let from = use_kept_state("stats.from", String::new);
    let to = use_kept_state("stats.to", String::new);
    let scope = use_kept_state("stats.scope", String::new);
    let shown = use_kept_state("stats.shown", || None as Option<Shown>);
    let drill = use_kept_state("stats.drill", || None as Option<Drill>);
    let communities = use_state(Vec::<(Place, Vec<Grid>)>::new);
    // the towns (街道/乡镇) above the communities, a scope of their own (h21paper)
    let towns = use_state(Vec::<Place>::new);
    let busy = use_state(|| false);
    let seq = use_mut_ref(|| 0u32);
    let error = use_state(|| None as Option<&'static str>);
    {
        let towns = towns.clone();
        let (communities, shown, busy, which, seq) = (
            communities.clone(),
            shown.clone(),
            busy.clone(),
            which.clone(),
            seq.clone(),
        );
        use_effect_with((), move |_| {
            // the page opens on last month for everything, unless it already shows something
            if shown.is_none() {
                if let Some((from, to)) = period::bounds(Kind::Month, &which, "", "") {
                    let req = Dashboard {
                        from,
                        to,
                        place_id: None,
                        grid_id: None,
                    };
                    ask(req, seq, shown, busy);
                }
            }
            wasm_bindgen_futures::spawn_local(async move {
                if let Some(out) = crate::pages::reports::communities_with_grids().await {
                    communities.set(out);
                }
                let req = linli_protocol::ListPlaces {
                    kind: Some(linli_domain::PlaceKind::Town),
                    parent_id: None,
                };
                if let Ok(out) = ipc::call(&req).await {
                    towns.set(out);
                }
            });
        });
    }
    let on_kind = {
        let (kind, which) = (kind.clone(), which.clone());
        Callback::from(move |e: Event| {
            let k = Kind::read(&e.target_unchecked_into::<HtmlSelectElement>().value());
            kind.set(k.code().to_owned());
            which.set(period::default_which(k, &period::today()));
        })
    };
    let on_scope = {
        let scope = scope.clone();
        Callback::from(move |e: Event| {
            scope.set(e.target_unchecked_into::<HtmlSelectElement>().value());
        })
    };
    let on_show = {
        let (kind, which, from, to, scope) = (
            kind.clone(),
            which.clone(),
            from.clone(),
            to.clone(),
            scope.clone(),
        );
        let (shown, busy, drill, error, seq) = (
            shown.clone(),
            busy.clone(),
            drill.clone(),
            error.clone(),
            seq.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let k = Kind::read(&kind);
            let Some((f, t2)) = period::bounds(k, &which, &from, &to) else {
                error.set(Some(match k {
                    Kind::Month => s.bad_month,
                    Kind::Quarter => s.bad_quarter,
                    Kind::Year => s.bad_year,
                    Kind::Range => s.bad_range,
                }));
                return;
            };
            error.set(None);
            drill.set(None);
            let (place_id, grid_id) = scope_of(&scope);
            let req = Dashboard {
                from: f,
                to: t2,
                place_id,
                grid_id,
            };
            ask(req, seq.clone(), shown.clone(), busy.clone());
        })
    };
    let on_open = {
        let (drill, shown) = (drill.clone(), shown.clone());
        Callback::from(move |o: Open| {
            let Some(sh) = (*shown).clone() else { return };
            let req = DashboardRecords {
                from: sh.req.from.clone(),
                to: sh.req.to.clone(),
                place_id: o.place_id,
                grid_id: o.grid_id,
                chart: o.chart,
                bucket: o.bucket,
            };
            let opened = Drill {
                title: o.title,
                req: req.clone(),
                records: None,
            };
            drill.set(Some(opened.clone()));
            let drill = drill.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let records = ipc::call(&req).await;
                drill.set(Some(Drill {
                    records: Some(records),
                    ..opened
                }));
            });
        })
    };
    let on_back = {
        let drill = drill.clone();
        Callback::from(move |_: MouseEvent| drill.set(None))
    };

    let body = match (&*shown, &*drill) {
        (_, Some(d)) => html! { <records::Records drill={d.clone()} on_back={on_back} /> },
        (None, None) => html! { <p class="muted">{s.loading}</p> },
        (Some(Shown { data: Err(e), .. }), None) => {
            html! { <p class="alert alert-error">{crate::i18n::say(e)}</p> }
        }
        (Some(Shown { data: Ok(d), req }), None) => {
            let scope_name = if req.place_id.is_none() && req.grid_id.is_none() {
                s.scope_all.to_owned()
            } else {
                d.scope_name.clone()
            };
            html! {
                <>
                    <p class="muted" id="stats-period-line">
                        {(s.period_line)(&scope_name, &d.from, &d.to, &d.prev_from, &d.prev_to)}
                    </p>
                    <p class="hint">{s.open_hint}</p>
                    <charts::Charts data={d.clone()} place_id={req.place_id} grid_id={req.grid_id}
                        on_open={on_open.clone()} />
                    <registers::Registers registers={d.registers.clone()} place_id={req.place_id}
                        grid_id={req.grid_id} on_open={on_open.clone()} />
                    <ranking::RankingTable ranking={d.ranking.clone()} on_open={on_open.clone()} />
                    <targets::StatsTargets month={d.to[..7].to_owned()} place_id={req.place_id}
                        grid_id={req.grid_id} scope={scope_name.clone()} />
                </>
            }
        }
    };
    let k = Kind::read(&kind);
    let chosen = (*scope).clone();
    let option = |value: String, text: String| {
        let selected = value == chosen;
        html! { <option {value} {selected}>{text}</option> }
    };
    let kind_label = |k: Kind| match k {
        Kind::Month => s.kind_month,
        Kind::Quarter => s.kind_quarter,
        Kind::Year => s.kind_year,
        Kind::Range => s.kind_range,
    };
    html! {
        <div class="page stats-page" id="page-stats">
            <h1>{s.title}</h1>
            <form class="form-row" id="stats-form" onsubmit={on_show}>
                <label class="field">
                    <span class="label">{s.scope}</span>
                    <select class="input" id="stats-scope" onchange={on_scope}>
                        { option(String::new(), s.scope_all.to_owned()) }
                        { for towns.iter().map(|town| {
                            option(format!("p:{}", town.id), (paper.town_scope)(&town.name))
                        }) }
                        { for communities.iter().map(|(c, grids)| html! {
                            <>
                            { option(format!("p:{}", c.id), c.name.clone()) }
                            { for grids.iter().filter(|g| g.parent_id.is_none()).map(|g| {
                                option(format!("g:{}", g.id), format!("\u{a0}\u{a0}\u{a0}{}", g.name))
                            }) }
                            </>
                        }) }
                    </select>
                </label>
                <label class="field">
                    <span class="label">{s.period}</span>
                    <select class="input" id="stats-kind" onchange={on_kind}>
                        { for Kind::ALL.into_iter().map(|o| html! {
                            <option value={o.code()} selected={o == k}>{kind_label(o)}</option>
                        }) }
                    </select>
                </label>
                if k == Kind::Range {
                    <label class="field">
                        <span class="label">{s.from}</span>
                        {text_input("stats-from", &from, "date")}
                    </label>
                    <label class="field">
                        <span class="label">{s.to}</span>
                        {text_input("stats-to", &to, "date")}
                    </label>
                } else {
                    <label class="field">
                        <span class="label">{s.which}</span>
                        {text_input("stats-which", &which, "text")}
                    </label>
                }
                <button class="btn btn-primary" id="stats-show" type="submit" disabled={*busy}>
                    { if *busy { s.loading } else { s.show } }
                </button>
                if let Some(e) = *error {
                    <p class="field-error" id="stats-error">{e}</p>
                }
            </form>
            {body}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_scope_is_everything_a_place_or_a_grid() {
        let id: Id = "00000000-0000-0000-0000-000000000007".parse().unwrap();
        assert_eq!(scope_of(""), (None, None));
        assert_eq!(scope_of(&format!("p:{id}")), (Some(id), None));
        assert_eq!(scope_of(&format!("g:{id}")), (None, Some(id)));
    }
}
