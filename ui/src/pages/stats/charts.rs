//! The dashboard's charts: the three shares as numbers, the month-by-month lines, requests by
//! status, category and overdue level, hours by team and category. Each mark or number sends
//! what it stands for to `on_open`.

use linli_domain::field::{TaskCategory, TaskStatus};
use linli_domain::Id;
use linli_protocol::{DashboardData, Ratio, Slice};
use yew::prelude::*;

use super::Open;
use crate::chart::svg::{Bars, Donut, Lines, Meter, StackedBars};
use crate::hooks::use_texts;
use crate::i18n::Texts;
use crate::pages::field::percent;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub data: DashboardData,
    pub place_id: Option<Id>,
    pub grid_id: Option<Id>,
    pub on_open: Callback<Open>,
}

/// A slice's name in the window's language: statuses and categories by their codes, levels by
/// number, a team's or category's name as the user wrote it ("" is no team).
fn slice_label(t: &Texts, chart: &str, s: &Slice) -> String {
    match chart {
        "stage" => TaskStatus::from_code(&s.key)
            .map(|k| (t.task_status)(k).to_owned())
            .unwrap_or_else(|| s.label.clone()),
        "category" => (t.task_category)(TaskCategory::read(&s.key)).to_owned(),
        "overdue" => (t.stats.level)(s.key.parse().unwrap_or(0)).to_owned(),
        "hours_team" if s.key.is_empty() => t.stats.no_team.to_owned(),
        _ => s.label.clone(),
    }
}

#[function_component(Charts)]
pub fn charts(p: &Props) -> Html {
    let t = use_texts();
    let s = &t.stats;
    let d = &p.data;
    let (place_id, grid_id) = (p.place_id, p.grid_id);
    let open = {
        let on_open = p.on_open.clone();
        move |chart: &'static str, bucket: Option<String>, title: String| {
            on_open.emit(Open {
                chart: chart.to_owned(),
                bucket,
                place_id,
                grid_id,
                title,
            })
        }
    };
    let share = |id: &'static str, chart: &'static str, label: &'static str, r: &Ratio| {
        let open = open.clone();
        let title = label.to_owned();
        let onclick = Callback::from(move |_: MouseEvent| open(chart, None, title.clone()));
        html! {
            <button class="stat-card" type="button" id={id} {onclick}>
                <span class="stat-label">{label}</span>
                <span class="stat-value">{percent(r.rate)}</span>
                <Meter value={r.rate} goal={1.0} label={label} />
                <span class="stat-of">{(s.of)(r.num, r.den)}</span>
            </button>
        }
    };
    let months: Vec<String> = d.trend.iter().map(|m| m.month.clone()).collect();
    let lines = vec![
        (
            s.coverage.to_owned(),
            d.trend.iter().map(|m| m.coverage.rate).collect(),
        ),
        (
            s.resolution.to_owned(),
            d.trend.iter().map(|m| m.resolution.rate).collect(),
        ),
        (
            s.on_time.to_owned(),
            d.trend.iter().map(|m| m.on_time.rate).collect(),
        ),
    ];
    let on_trend = {
        let (open, months) = (open.clone(), months.clone());
        Callback::from(move |(line, i): (usize, usize)| {
            let (chart, name) = match line {
                0 => ("coverage", s.coverage),
                1 => ("resolution", s.resolution),
                _ => ("on_time", s.on_time),
            };
            let m = months[i].clone();
            open(chart, Some(m.clone()), format!("{name} {m}"));
        })
    };
    // requests received month by month: resolved, then still open
    let stacks: Vec<Vec<f64>> = d
        .trend
        .iter()
        .map(|m| vec![m.resolution.num, m.resolution.den - m.resolution.num])
        .collect();
    let on_stack = {
        let (open, months) = (open.clone(), months.clone());
        Callback::from(move |(i, seg): (usize, usize)| {
            let (chart, name) = if seg == 0 {
                ("resolution", s.resolved)
            } else {
                ("unresolved", s.unresolved)
            };
            let m = months[i].clone();
            open(chart, Some(m.clone()), format!("{name} {m}"));
        })
    };
    let slices = |chart: &'static str,
                  title: &'static str,
                  list: &[Slice],
                  id: &'static str,
                  donut: bool| {
        if list.iter().all(|x| x.value == 0.0) {
            return html! {
                <section class="chart-card" id={id}>
                    <h3>{title}</h3>
                    <p class="empty">{s.nothing}</p>
                </section>
            };
        }
        let labels: Vec<String> = list.iter().map(|x| slice_label(t, chart, x)).collect();
        let values: Vec<f64> = list.iter().map(|x| x.value).collect();
        let keys: Vec<String> = list.iter().map(|x| x.key.clone()).collect();
        let on_pick = {
            let (open, labels) = (open.clone(), labels.clone());
            Callback::from(move |i: usize| {
                open(
                    chart,
                    Some(keys[i].clone()),
                    format!("{title} · {}", labels[i]),
                )
            })
        };
        html! {
            <section class="chart-card" id={id}>
                <h3>{title}</h3>
                if donut {
                    <Donut title={title} {labels} {values} {on_pick} />
                } else {
                    <Bars title={title} {labels} {values} {on_pick} />
                }
            </section>
        }
    };
    html! {
        <div class="stats-charts">
            <div class="stat-cards">
                { share("stats-coverage", "coverage", s.coverage, &d.coverage) }
                { share("stats-resolution", "resolution", s.resolution, &d.resolution) }
                { share("stats-on-time", "on_time", s.on_time, &d.on_time) }
            </div>
            <div class="chart-grid">
                <section class="chart-card chart-wide" id="stats-trend">
                    <h3>{s.trend}</h3>
                    <Lines title={s.trend} labels={months.clone()} {lines} percent=true on_pick={on_trend} />
                </section>
                <section class="chart-card" id="stats-received">
                    <h3>{s.received}</h3>
                    <StackedBars title={s.received} labels={months.clone()}
                        series={vec![s.resolved.to_owned(), s.unresolved.to_owned()]} {stacks} on_pick={on_stack} />
                </section>
                { slices("stage", s.stages, &d.stages, "stats-stages", false) }
                { slices("category", s.categories, &d.categories, "stats-categories", true) }
                { slices("overdue", s.overdue, &d.overdue, "stats-overdue", false) }
                { slices("hours_team", s.hours_team, &d.hours_by_team, "stats-hours-team", false) }
                { slices("hours_category", s.hours_category, &d.hours_by_category, "stats-hours-category", true) }
            </div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slices_read_in_english_but_user_names_stay() {
        let en = crate::i18n::Lang::En.texts();
        let slice = |key: &str, label: &str| Slice {
            key: key.into(),
            label: label.into(),
            value: 1.0,
        };
        assert!(slice_label(en, "stage", &slice("accepted", "办理中")).is_ascii());
        assert!(slice_label(en, "category", &slice("micro_wish", "微心愿")).is_ascii());
        assert_eq!(
            slice_label(en, "overdue", &slice("1", "街道")),
            "Street office"
        );
        assert_eq!(
            slice_label(en, "hours_team", &slice("", "未关联队伍")),
            "No team"
        );
        assert_eq!(
            slice_label(en, "hours_category", &slice("护学", "护学")),
            "护学"
        );
    }
}
