//! The ranking (晾晒): one line per community or grid, its rank now and last period, its score,
//! and per column the figure and its change, each column headed by its formula. A figure opens
//! the records of that line's place.

use linli_protocol::{RankRow, Ranking};
use yew::prelude::*;

use super::Open;
use crate::hooks::use_texts;
use crate::pages::field::percent;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub ranking: Ranking,
    pub on_open: Callback<Open>,
}

fn is_rate(key: &str) -> bool {
    matches!(key, "coverage" | "resolution" | "on_time")
}

/// A figure: a rate as a percentage, else one decimal; "—" where it does not apply.
pub fn value(key: &str, v: Option<f64>) -> String {
    match v {
        None => "—".into(),
        Some(v) if is_rate(key) => percent(v),
        Some(v) => format!("{v:.1}"),
    }
}

/// The change from the period before: percentage points for a rate, with its sign, and whether
/// it is for the better (green) or the worse (red), by the column's direction.
pub fn change(
    key: &str,
    higher_is_better: bool,
    now: Option<f64>,
    before: Option<f64>,
) -> (String, &'static str) {
    let (Some(a), Some(b)) = (now, before) else {
        return ("—".into(), "");
    };
    let d = if is_rate(key) { (a - b) * 100.0 } else { a - b };
    let class = if d.abs() < 0.05 {
        ""
    } else if (d > 0.0) == higher_is_better {
        "change-better"
    } else {
        "change-worse"
    };
    (format!("{d:+.1}"), class)
}

/// The records a column opens: its numerator's.
fn chart_of(key: &str) -> &'static str {
    match key {
        "coverage" => "coverage",
        "resolution" => "resolution",
        "on_time" => "on_time",
        "overdue_per_100" => "overdue",
        _ => "hours",
    }
}

#[function_component(RankingTable)]
pub fn ranking_table(p: &Props) -> Html {
    let t = use_texts();
    let s = &t.stats;
    let r = &p.ranking;
    let grids = r.level == "grid";
    if r.rows.is_empty() {
        return html! {
            <section class="chart-card" id="stats-ranking-none">
                <h3>{(s.ranking)(grids)}</h3>
                <p class="muted">{s.no_ranking}</p>
            </section>
        };
    }
    // a column no line has a figure for (a grid's volunteer hours) is left out
    let shown: Vec<usize> = (0..r.columns.len())
        .filter(|i| {
            r.rows
                .iter()
                .any(|l| l.values.get(*i).copied().flatten().is_some())
        })
        .collect();
    let row = |line: &RankRow| {
        let cells = shown.iter().map(|&i| (i, &r.columns[i])).map(|(i, c)| {
            let now = line.values.get(i).copied().flatten();
            let before = line.prev_values.get(i).copied().flatten();
            let (delta, class) = change(&c.key, c.higher_is_better, now, before);
            let open = {
                let on_open = p.on_open.clone();
                let title = format!("{} · {}", line.name, (s.column)(&c.key));
                let (place_id, grid_id) = (line.place_id, line.grid_id);
                let chart = chart_of(&c.key);
                Callback::from(move |_: MouseEvent| {
                    on_open.emit(Open {
                        chart: chart.to_owned(),
                        bucket: None,
                        place_id,
                        grid_id,
                        title: title.clone(),
                    })
                })
            };
            html! {
                <>
                <td>
                    if now.is_some() {
                        <button class="figure-open" type="button" data-col={c.key.clone()} onclick={open}>
                            {value(&c.key, now)}
                        </button>
                    } else {
                        {"—"}
                    }
                </td>
                <td class={classes!("rank-change", class)}>{delta}</td>
                </>
            }
        });
        html! {
            <tr data-name={line.name.clone()}>
                <td class="rank">{rank_text(line.rank)}</td>
                <td class="muted">{rank_text(line.prev_rank)}</td>
                <td>{line.name.clone()}</td>
                <td class="rank-score">{format!("{:.1}", line.score)}</td>
                { for cells }
            </tr>
        }
    };
    html! {
        <section class="chart-card chart-wide" id="stats-ranking-card">
            <h3>{(s.ranking)(grids)}</h3>
            <crate::components::print::PrintButton id="ranking-print" />
            <p class="hint">{s.ranking_note}</p>
            <div class="records-scroll">
            <table class="table rank-table" id="stats-ranking">
                <thead>
                    <tr>
                        <th rowspan="2">{s.col_rank}</th>
                        <th rowspan="2">{s.col_prev}</th>
                        <th rowspan="2">{(s.col_name)(grids)}</th>
                        <th rowspan="2">{s.col_score}</th>
                        { for shown.iter().map(|&i| &r.columns[i]).map(|c| html! {
                            <th colspan="2" data-col={c.key.clone()}>
                                {(s.column)(&c.key)}
                                <div class="rank-formula">
                                    {(s.formula)(&c.key)}{" · "}{ if c.higher_is_better { s.higher } else { s.lower } }
                                </div>
                            </th>
                        }) }
                    </tr>
                    <tr>
                        { for shown.iter().map(|_| html! {
                            <><th class="muted">{s.this_period}</th><th class="muted">{s.change}</th></>
                        }) }
                    </tr>
                </thead>
                <tbody>{ for r.rows.iter().map(row) }</tbody>
            </table>
            </div>
        </section>
    }
}

/// A rank as shown: "—" for a line with nothing to rank in the period (rank 0).
fn rank_text(rank: u32) -> String {
    if rank == 0 {
        "—".to_owned()
    } else {
        rank.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_and_changes_read_in_their_units() {
        assert_eq!(value("coverage", Some(0.768)), percent(0.768));
        assert_eq!(value("overdue_per_100", Some(6.54)), "6.5");
        assert_eq!(value("hours_per_100", None), "—");
        let up = change("coverage", true, Some(0.5), Some(0.25));
        assert_eq!(up, ("+25.0".into(), "change-better"));
        let fewer_overdue = change("overdue_per_100", false, Some(2.0), Some(3.0));
        assert_eq!(fewer_overdue, ("-1.0".into(), "change-better"));
        let more_overdue = change("overdue_per_100", false, Some(4.0), Some(3.0));
        assert_eq!(more_overdue.1, "change-worse");
        assert_eq!(change("resolution", true, Some(0.5), None).0, "—");
    }
}
