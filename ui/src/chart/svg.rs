//! The chart components: bars, stacked bars, lines, a donut and a progress bar, drawn as SVG on
//! the maths of [`super::scale`] and [`super::geometry`]. Every mark is a button (`chart-mark`,
//! `data-index`, a tooltip `<title>`): clicking it calls `on_pick` with what was clicked, so the
//! page can open the records behind it.

use yew::prelude::*;

use super::geometry::{self as g, round2, Frame};
use super::scale::Scale;

const W: f64 = 480.0;
const H: f64 = 200.0;
const FRAME: Frame = Frame {
    left: 44.0,
    top: 12.0,
    width: W - 56.0,
    height: H - 42.0,
};
/// The size of a slot's label (`.chart text` in the stylesheet), in the chart's units.
const SLOT_FONT: f64 = 11.0;
/// The palette, by series: the stylesheet's `--chart-N` colours.
pub fn colour(i: usize) -> String {
    format!("var(--chart-{})", i % 6)
}

/// A value as a chart shows it.
pub fn show(v: f64, percent: bool) -> String {
    if percent {
        format!("{:.1}%", v * 100.0)
    } else if v.fract() == 0.0 {
        format!("{v:.0}")
    } else {
        format!("{v:.1}")
    }
}

/// The gridlines, tick labels and slot labels every axis chart shares.
fn axes(scale: &Scale, labels: &[String], percent: bool) -> Html {
    let f = FRAME;
    let grid = scale.ticks().into_iter().map(|t| {
        let y = round2(f.y(scale, t));
        html! { <g class="chart-tick">
            <line x1={f.left.to_string()} x2={(f.left + f.width).to_string()}
                y1={y.to_string()} y2={y.to_string()} />
            <text x={(f.left - 6.0).to_string()} y={(y + 4.0).to_string()} text-anchor="end">
                { scale.label(t, percent) }</text>
        </g> }
    });
    let n = labels.len();
    let every = n.div_ceil(12).max(1);
    let names = labels
        .iter()
        .enumerate()
        .filter(|(i, _)| i % every == 0)
        .map(|(i, l)| {
            // a long name is cut to its slot, whole in its tooltip
            let room = f.width / n.max(1) as f64 * every as f64 - 4.0;
            let (shown, cut) = g::fit_label(l, room, SLOT_FONT);
            html! { <text class="chart-slot" x={round2(f.slot_centre(i, n)).to_string()}
            y={(f.bottom() + 16.0).to_string()} text-anchor="middle">
                if cut { <title>{ l.clone() }</title> }
                { shown }</text> }
        });
    html! { <>{ for grid }{ for names }</> }
}

fn svg(id: &Option<AttrValue>, title: &AttrValue, body: Html) -> Html {
    html! {
        <svg class="chart" id={id.clone()} viewBox={format!("0 0 {W} {H}")} role="img"
            aria-label={title.clone()} preserveAspectRatio="xMidYMid meet">
            { body }
        </svg>
    }
}

#[derive(Properties, PartialEq)]
pub struct BarsProps {
    pub title: AttrValue,
    pub labels: Vec<String>,
    pub values: Vec<f64>,
    #[prop_or_default]
    pub percent: bool,
    #[prop_or_default]
    pub id: Option<AttrValue>,
    pub on_pick: Callback<usize>,
}

/// One bar per label, its value above it.
#[function_component(Bars)]
pub fn bars(p: &BarsProps) -> Html {
    let scale = if p.percent {
        Scale::rate()
    } else {
        Scale::from_zero(p.values.iter().copied(), 4)
    };
    let rects = g::bars(&p.values, &scale, &FRAME, 0.6);
    let marks = rects.iter().zip(&p.values).enumerate().map(|(i, (r, v))| {
        let pick = p.on_pick.reform(move |_: MouseEvent| i);
        let label = p.labels.get(i).cloned().unwrap_or_default();
        html! { <g class="chart-mark" data-index={i.to_string()} onclick={pick}>
            <title>{ format!("{label}：{}", show(*v, p.percent)) }</title>
            <rect x={round2(r.x).to_string()} y={round2(r.y).to_string()}
                width={round2(r.w).to_string()} height={round2(r.h.max(0.5)).to_string()}
                fill={colour(0)} />
            <text class="chart-value" x={round2(r.x + r.w / 2.0).to_string()}
                y={round2(r.y - 3.0).to_string()} text-anchor="middle">{ show(*v, p.percent) }</text>
        </g> }
    });
    svg(
        &p.id,
        &p.title,
        html! { <>{ axes(&scale, &p.labels, p.percent) }{ for marks }</> },
    )
}

#[derive(Properties, PartialEq)]
pub struct StackedProps {
    pub title: AttrValue,
    /// One label per bar.
    pub labels: Vec<String>,
    /// One name per segment (the legend).
    pub series: Vec<String>,
    /// `stacks[bar][segment]`.
    pub stacks: Vec<Vec<f64>>,
    #[prop_or_default]
    pub id: Option<AttrValue>,
    /// (bar, segment)
    pub on_pick: Callback<(usize, usize)>,
}

/// Bars made of segments, one colour per series, with a legend.
#[function_component(StackedBars)]
pub fn stacked_bars(p: &StackedProps) -> Html {
    let scale = Scale::from_zero(p.stacks.iter().map(|s| s.iter().sum::<f64>()), 4);
    let rects = g::stacked(&p.stacks, &scale, &FRAME, 0.6);
    let marks = rects.iter().enumerate().flat_map(|(i, segs)| {
        segs.iter()
            .enumerate()
            .filter(|(_, r)| r.h > 0.0)
            .map(move |(j, r)| (i, j, *r))
    });
    let marks = marks.map(|(i, j, r)| {
        let pick = p.on_pick.reform(move |_: MouseEvent| (i, j));
        let v = p.stacks[i][j];
        let name = p.series.get(j).cloned().unwrap_or_default();
        let label = p.labels.get(i).cloned().unwrap_or_default();
        html! { <g class="chart-mark" data-index={format!("{i}-{j}")} onclick={pick}>
            <title>{ format!("{label} · {name}：{}", show(v, false)) }</title>
            <rect x={round2(r.x).to_string()} y={round2(r.y).to_string()}
                width={round2(r.w).to_string()} height={round2(r.h).to_string()} fill={colour(j)} />
        </g> }
    });
    html! { <div class="chart-box">
        { svg(&p.id, &p.title, html! { <>{ axes(&scale, &p.labels, false) }{ for marks }</> }) }
        { legend(&p.series) }
    </div> }
}

fn legend(names: &[String]) -> Html {
    html! { <ul class="chart-legend">
        { for names.iter().enumerate().map(|(i, n)| html! {
            <li><span class="chart-swatch" style={format!("background:{}", colour(i))}></span>{ n.clone() }</li>
        }) }
    </ul> }
}

#[derive(Properties, PartialEq)]
pub struct LineProps {
    pub title: AttrValue,
    pub labels: Vec<String>,
    /// (name, one value per label)
    pub lines: Vec<(String, Vec<f64>)>,
    #[prop_or_default]
    pub percent: bool,
    #[prop_or_default]
    pub id: Option<AttrValue>,
    /// (line, point)
    pub on_pick: Callback<(usize, usize)>,
}

/// Lines over time, a dot on each point.
#[function_component(Lines)]
pub fn lines(p: &LineProps) -> Html {
    let scale = if p.percent {
        Scale::rate()
    } else {
        Scale::from_zero(p.lines.iter().flat_map(|(_, v)| v.iter().copied()), 4)
    };
    let drawn = p.lines.iter().enumerate().map(|(k, (name, values))| {
        let pts = g::line(values, &scale, &FRAME);
        let dots = pts.iter().zip(values).enumerate().map(|(i, ((x, y), v))| {
            let pick = p.on_pick.reform(move |_: MouseEvent| (k, i));
            let label = p.labels.get(i).cloned().unwrap_or_default();
            html! { <g class="chart-mark" data-index={format!("{k}-{i}")} onclick={pick}>
                <title>{ format!("{name} {label}：{}", show(*v, p.percent)) }</title>
                <circle cx={round2(*x).to_string()} cy={round2(*y).to_string()} r="4" fill={colour(k)} />
            </g> }
        });
        html! { <g class="chart-line">
            <polyline points={g::points_attr(&pts)} fill="none" stroke={colour(k)} stroke-width="2" />
            { for dots }
        </g> }
    });
    let names: Vec<String> = p.lines.iter().map(|(n, _)| n.clone()).collect();
    html! { <div class="chart-box">
        { svg(&p.id, &p.title, html! { <>{ axes(&scale, &p.labels, p.percent) }{ for drawn }</> }) }
        { legend(&names) }
    </div> }
}

#[derive(Properties, PartialEq)]
pub struct DonutProps {
    pub title: AttrValue,
    pub labels: Vec<String>,
    pub values: Vec<f64>,
    #[prop_or_default]
    pub id: Option<AttrValue>,
    pub on_pick: Callback<usize>,
}

/// Shares of a whole as a ring, the total in the middle, a legend with each value.
#[function_component(Donut)]
pub fn donut(p: &DonutProps) -> Html {
    let paths = g::donut(&p.values, 80.0, 80.0, 70.0, 44.0);
    let total: f64 = p.values.iter().sum();
    let slices = paths
        .into_iter()
        .enumerate()
        .filter(|(_, d)| !d.is_empty())
        .map(|(i, d)| {
            let pick = p.on_pick.reform(move |_: MouseEvent| i);
            let label = p.labels.get(i).cloned().unwrap_or_default();
            html! { <g class="chart-mark" data-index={i.to_string()} onclick={pick}>
                <title>{ format!("{label}：{}", show(p.values[i], false)) }</title>
                <path d={d} fill={colour(i)} fill-rule="evenodd" />
            </g> }
        });
    let rows = p
        .labels
        .iter()
        .zip(&p.values)
        .enumerate()
        .map(|(i, (l, v))| {
            let pick = p.on_pick.reform(move |_: MouseEvent| i);
            html! { <li class="chart-mark" data-index={i.to_string()} onclick={pick}>
                <span class="chart-swatch" style={format!("background:{}", colour(i))}></span>
                { l.clone() }<b>{ show(*v, false) }</b>
            </li> }
        });
    html! { <div class="chart-box chart-donut">
        <svg class="chart" id={p.id.clone()} viewBox="0 0 160 160" role="img" aria-label={p.title.clone()}>
            { for slices }
            <text class="chart-total" x="80" y="86" text-anchor="middle">{ show(total, false) }</text>
        </svg>
        <ul class="chart-legend">{ for rows }</ul>
    </div> }
}

#[derive(Properties, PartialEq)]
pub struct MeterProps {
    pub value: f64,
    pub goal: f64,
    #[prop_or_default]
    pub label: AttrValue,
}

/// A thin progress bar of `value` against `goal` (clamped to the bar).
#[function_component(Meter)]
pub fn meter(p: &MeterProps) -> Html {
    let w = g::progress(p.value, p.goal, 100.0);
    html! { <svg class="chart-meter" viewBox="0 0 100 8" preserveAspectRatio="none"
        role="img" aria-label={p.label.clone()}>
        <rect class="chart-meter-track" x="0" y="0" width="100" height="8" rx="3" />
        <rect class="chart-meter-fill" x="0" y="0" width={round2(w).to_string()} height="8" rx="3" />
    </svg> }
}
