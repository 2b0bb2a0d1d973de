//! 工作台's targets (h21tgt): this month's progress of my community — my own line when I work a
//! grid, then each grid worker and each grid as a coloured chip (red/amber/green, the legend
//! beside) — from the same `target_progress` request 统计 shows in full.

use linli_domain::Id;
use linli_protocol::{ApiError, ProgressLine, TargetProgress, TargetReport};
use yew::prelude::*;

use crate::hooks::use_texts;
use crate::i18n::Texts;
use crate::ipc;
use crate::pages::stats::targets::{legend, mark, measure_text, status_class};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub community: Id,
    /// Who works at this laptop: their own line first.
    pub person: Option<Id>,
}

fn chip(t: &Texts, l: &ProgressLine) -> Html {
    let tip = l
        .measures
        .iter()
        .map(|m| {
            let name = match m.key.as_str() {
                "visits" => t.targets.visits,
                "coverage" => t.targets.coverage,
                _ => t.targets.on_time,
            };
            format!("{name} {}", measure_text(t, m))
        })
        .collect::<Vec<_>>()
        .join(" · ");
    html! {
        <span class={classes!("tgt-chip", status_class(l.status))} title={tip}
            data-level={l.level.clone()} data-status={l.status.code()}>{&l.name}</span>
    }
}

#[function_component(HomeTargets)]
pub fn home_targets(props: &Props) -> Html {
    let t = use_texts();
    let got = use_state(|| None as Option<Result<TargetReport, ApiError>>);
    {
        let got = got.clone();
        use_effect_with(props.community, move |c| {
            let req = TargetProgress {
                month: None,
                place_id: Some(*c),
                grid_id: None,
            };
            wasm_bindgen_futures::spawn_local(async move {
                got.set(Some(ipc::call(&req).await));
            });
        });
    }
    let g = &t.targets;
    let body = match &*got {
        None => html! { <p class="muted">{t.loading}</p> },
        Some(Err(e)) => html! { <p class="alert alert-error">{crate::i18n::say(e)}</p> },
        Some(Ok(r)) if r.lines.iter().all(|l| l.source == "none") => {
            html! { <p class="muted" id="home-targets-none">{g.home_none}</p> }
        }
        Some(Ok(r)) => {
            let mine = r
                .lines
                .iter()
                .find(|l| l.person_id.is_some() && l.person_id == props.person);
            let scope = r.lines.iter().find(|l| l.level == "community");
            let chips = |level: &str| {
                r.lines
                    .iter()
                    .filter(|l| l.level == level && l.source != "none")
                    .map(|l| chip(t, l))
                    .collect::<Html>()
            };
            html! {
                <>
                <p class="muted">{(g.month_line)(scope.map_or("", |l| l.name.as_str()), &r.month, r.elapsed * 100.0)}</p>
                { for mine.or(scope).map(|l| html! {
                    <p class="tgt-mine" id="home-targets-mine">
                        <span class="label">{if mine.is_some() { g.home_mine } else { l.name.as_str() }}</span>{" "}
                        {mark(t, l.status)}
                        { for l.measures.iter().map(|m| html! {
                            <span class={classes!("tgt-measure", status_class(m.status))} data-key={m.key.clone()}>
                                {match m.key.as_str() { "visits" => g.visits, "coverage" => g.coverage, _ => g.on_time }}
                                {" "}{measure_text(t, m)}
                            </span>
                        }) }
                    </p>
                }) }
                <div class="tgt-chips" id="home-targets-workers">
                    <span class="label">{g.home_workers}</span>{chips("worker")}
                </div>
                <div class="tgt-chips" id="home-targets-grids">
                    <span class="label">{g.home_grids}</span>{chips("grid")}
                </div>
                {legend(t)}
                </>
            }
        }
    };
    html! {
        <div class="home-targets" id="home-targets">
            <h2>{g.home_title}</h2>
            {body}
        </div>
    }
}
