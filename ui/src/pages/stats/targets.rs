//! Progress against the targets (目标, h21tgt) for the page's scope and month (the period's last
//! month): the legend of the colours (thresholds from `linli_domain::targets`), each community's,
//! grid's and worker's figures against their targets red/amber/green, and the month's digest —
//! who is behind and who improved most since last month. 工作台 uses the same pieces.

use linli_domain::targets::{TargetStatus, AMBER_SHARE};
use linli_domain::Id;
use linli_protocol::{ApiError, DigestLine, Measure, ProgressLine, TargetProgress, TargetReport};
use yew::prelude::*;

use crate::hooks::use_texts;
use crate::i18n::Texts;
use crate::ipc;
use crate::pages::field::percent;

/// The CSS class of a colour.
pub fn status_class(s: TargetStatus) -> &'static str {
    match s {
        TargetStatus::Green => "tgt tgt-green",
        TargetStatus::Amber => "tgt tgt-amber",
        TargetStatus::Red => "tgt tgt-red",
        TargetStatus::None => "tgt tgt-none",
    }
}

/// A coloured mark with its word.
pub fn mark(t: &Texts, s: TargetStatus) -> Html {
    html! { <span class={status_class(s)} data-status={s.code()}>{(t.targets.status)(s)}</span> }
}

/// The legend: what each colour means, with the threshold.
pub fn legend(t: &Texts) -> Html {
    let g = &t.targets;
    let pct = AMBER_SHARE * 100.0;
    html! {
        <ul class="tgt-legend" id="targets-legend">
            <li><span class={status_class(TargetStatus::Green)}></span>{g.legend_green}</li>
            <li><span class={status_class(TargetStatus::Amber)}></span>{(g.legend_amber)(pct)}</li>
            <li><span class={status_class(TargetStatus::Red)}></span>{(g.legend_red)(pct)}</li>
            <li><span class={status_class(TargetStatus::None)}></span>{g.legend_none}</li>
        </ul>
    }
}

/// A figure against its target: "42 / 50", "33.9% / 57%"; "—" for no target.
pub fn measure_text(t: &Texts, m: &Measure) -> String {
    let show = |v: f64| {
        if m.key == "visits" {
            format!("{v}")
        } else {
            percent(v)
        }
    };
    match m.target {
        Some(target) => format!("{} / {}", show(m.actual), show(target)),
        None => format!("{} / {}", show(m.actual), t.targets.no_target),
    }
}

fn score(s: Option<f64>) -> String {
    s.map_or_else(|| "—".into(), |s| format!("{:.0}%", s * 100.0))
}

fn cell(t: &Texts, m: &Measure) -> Html {
    html! {
        <td class={classes!("num", status_class(m.status))} data-key={m.key.clone()}
            data-status={m.status.code()}>{measure_text(t, m)}</td>
    }
}

fn row(t: &Texts, l: &ProgressLine) -> Html {
    let g = &t.targets;
    let source = match &l.from_month {
        Some(m) if l.source != "none" => format!("{} · {m}", (g.source)(&l.source)),
        _ => (g.source)(&l.source).to_owned(),
    };
    html! {
        <tr class="tgt-line" data-level={l.level.clone()} data-status={l.status.code()}>
            <td>{(g.level)(&l.level)}</td>
            <td>{&l.name}</td>
            <td class="muted">{&l.within}</td>
            { for l.measures.iter().map(|m| cell(t, m)) }
            <td>{mark(t, l.status)}</td>
            <td class="num">{score(l.score)}</td>
            <td class="num muted">{score(l.prev_score)}</td>
            <td class="muted">{source}</td>
        </tr>
    }
}

fn digest(t: &Texts, id: &'static str, title: &str, lines: &[DigestLine]) -> Html {
    let g = &t.targets;
    html! {
        <div class="tgt-digest" {id}>
            <h3>{title}</h3>
            if lines.is_empty() {
                <p class="muted">{g.nobody}</p>
            } else {
                <ol>
                { for lines.iter().map(|d| html! {
                    <li data-status={d.status.code()}>
                        {mark(t, d.status)}{" "}
                        <strong>{&d.name}</strong>{" "}
                        <span class="muted">{format!("{} · {}", (g.level)(&d.level), d.within)}</span>{" "}
                        {format!("{} {} · {} {}", g.col_score, score(d.score), g.col_prev, score(d.prev_score))}
                        if let Some(c) = d.change { {" · "}{(g.change)(c * 100.0)} }
                    </li>
                }) }
                </ol>
            }
        </div>
    }
}

/// The progress table and the digest of a report.
pub fn report(t: &Texts, r: &TargetReport, scope: &str) -> Html {
    let g = &t.targets;
    html! {
        <>
        <p class="muted" id="targets-month">{(g.month_line)(scope, &r.month, r.elapsed * 100.0)}</p>
        {legend(t)}
        <div class="table-wrap">
        <table class="table tgt-table" id="targets-table">
            <thead><tr>
                <th></th><th>{g.col_name}</th><th>{g.col_within}</th>
                <th>{g.visits}</th><th>{g.coverage}</th><th>{g.on_time}</th>
                <th>{g.col_overall}</th><th>{g.col_score}</th><th>{g.col_prev}</th><th>{g.col_source}</th>
            </tr></thead>
            <tbody>{ for r.lines.iter().map(|l| row(t, l)) }</tbody>
        </table>
        </div>
        <div class="tgt-digests">
            {digest(t, "targets-behind", g.behind, &r.behind)}
            {digest(t, "targets-improved", g.improved, &r.improved)}
        </div>
        </>
    }
}

#[derive(Properties, PartialEq)]
pub struct Props {
    /// "YYYY-MM".
    pub month: String,
    pub place_id: Option<Id>,
    pub grid_id: Option<Id>,
    /// The scope's name as the page shows it.
    pub scope: String,
}

/// 统计's section: the progress of the page's scope in the period's last month.
#[function_component(StatsTargets)]
pub fn stats_targets(props: &Props) -> Html {
    let t = use_texts();
    let got = use_state(|| None as Option<Result<TargetReport, ApiError>>);
    {
        let got = got.clone();
        let req = TargetProgress {
            month: Some(props.month.clone()),
            place_id: props.place_id,
            grid_id: props.grid_id,
        };
        use_effect_with(req, move |req| {
            let req = req.clone();
            got.set(None);
            wasm_bindgen_futures::spawn_local(async move {
                got.set(Some(ipc::call(&req).await));
            });
        });
    }
    let body = match &*got {
        None => html! { <p class="muted">{t.loading}</p> },
        Some(Err(e)) => html! { <p class="alert alert-error">{crate::i18n::say(e)}</p> },
        Some(Ok(r)) => report(t, r, &props.scope),
    };
    html! {
        <section class="stats-targets" id="stats-targets">
            <h2>{t.targets.progress_title}</h2>
            {body}
        </section>
    }
}
