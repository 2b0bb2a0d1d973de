//! The other registers' sections of 统计 (借还, 调解 …), drawn from what the store sends: a
//! heading per register, its numbers as cards (a rate with its meter and "n of m"), its charts
//! as bars. Each card and bar opens its records ("register.figure", the bar's key as bucket).
//! Names come in both languages with the figures, so a register added in the store shows here
//! without a change.

use linli_domain::Id;
use linli_protocol::{RegisterFigure, RegisterFigures};
use yew::prelude::*;

use super::Open;
use crate::chart::svg::{Bars, Meter};
use crate::hooks::{use_app, use_texts};
use crate::i18n::Lang;
use crate::pages::field::percent;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub registers: Vec<RegisterFigures>,
    pub place_id: Option<Id>,
    pub grid_id: Option<Id>,
    pub on_open: Callback<Open>,
}

/// A name in the window's language.
pub fn name_in(lang: Lang, zh: &str, en: &str) -> String {
    match lang {
        Lang::En if !en.is_empty() => en.to_owned(),
        _ => zh.to_owned(),
    }
}

/// A count as shown: whole numbers without decimals.
fn count(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{v:.0}")
    } else {
        format!("{v:.1}")
    }
}

#[function_component(Registers)]
pub fn registers(p: &Props) -> Html {
    let t = use_texts();
    let s = &t.stats;
    let lang = use_app().lang;
    let (place_id, grid_id) = (p.place_id, p.grid_id);
    let open = {
        let on_open = p.on_open.clone();
        move |chart: String, bucket: Option<String>, title: String| {
            on_open.emit(Open {
                chart,
                bucket,
                place_id,
                grid_id,
                title,
            })
        }
    };
    let section = |r: &RegisterFigures| {
        let head = name_in(lang, &r.label, &r.label_en);
        let note = name_in(lang, &r.note, &r.note_en);
        let card = |n: &RegisterFigure| {
            let label = name_in(lang, &n.label, &n.label_en);
            let chart = format!("{}.{}", r.key, n.key);
            let id = format!("stats-reg-{}-{}", r.key, n.key);
            let onclick = {
                let open = open.clone();
                let title = format!("{head} · {label}");
                Callback::from(move |_: MouseEvent| open(chart.clone(), None, title.clone()))
            };
            html! {
                <button class="stat-card" type="button" {id} {onclick}>
                    <span class="stat-label">{label.clone()}</span>
                    if let Some(ratio) = &n.ratio {
                        <span class="stat-value">{percent(ratio.rate)}</span>
                        <Meter value={ratio.rate} goal={1.0} label={label.clone()} />
                        <span class="stat-of">{(s.of)(ratio.num, ratio.den)}</span>
                    } else {
                        <span class="stat-value">{count(n.value)}</span>
                    }
                </button>
            }
        };
        let chart = |c: &linli_protocol::RegisterChart| {
            let title = name_in(lang, &c.label, &c.label_en);
            let id = format!("stats-reg-{}-{}", r.key, c.key);
            if c.bars.iter().all(|b| b.value == 0.0) {
                return html! {
                    <section class="chart-card" {id}>
                        <h3>{title}</h3>
                        <p class="empty">{s.nothing}</p>
                    </section>
                };
            }
            let labels: Vec<String> = c
                .bars
                .iter()
                .map(|b| name_in(lang, &b.label, &b.label_en))
                .collect();
            let values: Vec<f64> = c.bars.iter().map(|b| b.value).collect();
            let keys: Vec<String> = c.bars.iter().map(|b| b.key.clone()).collect();
            let on_pick = {
                let (open, labels, title) = (open.clone(), labels.clone(), title.clone());
                let chart = format!("{}.{}", r.key, c.key);
                let head = head.clone();
                Callback::from(move |i: usize| {
                    open(
                        chart.clone(),
                        Some(keys[i].clone()),
                        format!("{head} · {title} · {}", labels[i]),
                    )
                })
            };
            html! {
                <section class="chart-card" {id}>
                    <h3>{title.clone()}</h3>
                    <Bars title={title} {labels} {values} {on_pick} />
                </section>
            }
        };
        html! {
            <section class="register-figures" id={format!("stats-reg-{}", r.key)}>
                <h2>{head.clone()}
                    if !note.is_empty() {
                        <span class="muted register-note">{
                            if lang == Lang::En { format!(" ({note})") } else { format!("（{note}）") }
                        }</span>
                    }
                </h2>
                <div class="stat-cards register-cards">
                    { for r.numbers.iter().map(card) }
                </div>
                <div class="chart-grid">
                    { for r.charts.iter().map(chart) }
                </div>
            </section>
        }
    };
    html! {
        <div class="stats-registers" id="stats-registers">
            { for p.registers.iter().map(section) }
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_the_window_and_fall_back_to_chinese() {
        assert_eq!(name_in(Lang::En, "借还", "Lending"), "Lending");
        assert_eq!(name_in(Lang::Zh, "借还", "Lending"), "借还");
        assert_eq!(name_in(Lang::En, "轮椅", ""), "轮椅");
        assert_eq!(count(3.0), "3");
        assert_eq!(count(2.5), "2.5");
    }
}
