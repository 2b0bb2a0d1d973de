//! The other registers' part of 统计 (借还, 调解, 议事, 公告, 托管, 巡防, 服务圈): each register
//! lists its records for the scope and period, each record marked with the figures (and chart
//! bars) it counts in; a figure
//! is the number of records that carry its mark, and its drill-down lists exactly those records.
//! So the figures cannot drift from what they open.
//!
//! To add a register: a module here with a `section` function, and one line in [`REGISTERS`].
//! Nothing else changes — the CLI (`linli report dashboard`) and the window draw every section
//! they are given.

mod board;
mod circle;
mod councils;
mod lending;
mod mediation;
mod patrols;
mod programmes;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_civic;
#[cfg(test)]
mod tests_rounds;

use std::collections::BTreeSet;

use linli_domain::{DomainError, Id};
use linli_protocol::{FigureRecords, Ratio, RegisterChart, RegisterFigure, RegisterFigures};

use crate::lending::communities_under;
use crate::monthly::Scope;
use crate::{Result, Store};

/// Chinese and English.
pub(crate) type Words = (&'static str, &'static str);

/// The registers, in the page's order: the key (`chart` "key.figure" opens a figure) and the
/// function that lists the register's records.
pub(crate) const REGISTERS: &[(&str, SectionFn)] = &[
    ("lending", lending::section),
    ("mediation", mediation::section),
    ("councils", councils::section),
    ("board", board::section),
    ("programmes", programmes::section),
    ("patrols", patrols::section),
    ("circle", circle::section),
];

pub(crate) type SectionFn = fn(&Store, &Within) -> Result<Section>;

/// Where and when: the communities of the scope and the period; `end` is the period's last day,
/// or today when that is later (what is open or overdue is counted on `end`).
pub(crate) struct Within {
    pub communities: Vec<Id>,
    pub from: String,
    pub to: String,
    pub end: String,
    pub today: String,
}

impl Within {
    pub fn holds(&self, day: &str) -> bool {
        day >= self.from.as_str() && day <= self.to.as_str()
    }
}

/// What a figure is.
pub(crate) enum Shape {
    /// The records marked with the figure's key.
    Count,
    /// Those marked `num` ÷ those marked `den`; it opens the `num` records.
    Rate {
        num: &'static str,
        den: &'static str,
    },
    /// The sum of the numbers in `column` of the records marked `mark` (hours); it opens them.
    Sum { mark: &'static str, column: usize },
    /// A bar chart: a bar per bucket (key, Chinese, English), the records marked (key, bucket).
    Chart(Vec<(String, String, String)>),
}

/// A figure of a section: its key, names, the list its records are in, and its shape.
pub(crate) struct Def {
    pub key: &'static str,
    pub words: Words,
    pub list: usize,
    pub shape: Shape,
}

/// A record: its cells, and the marks (figure key, bucket; "" for a number) it counts under.
pub(crate) struct Item {
    pub row: Vec<String>,
    pub marks: Vec<(&'static str, String)>,
}

impl Item {
    fn has(&self, key: &str, bucket: &str) -> bool {
        self.marks.iter().any(|(k, b)| *k == key && b == bucket)
    }
}

/// A list of records under its headers.
pub(crate) struct List {
    pub headers: Vec<Words>,
    pub items: Vec<Item>,
}

/// A register's records and figures.
pub(crate) struct Section {
    pub words: Words,
    pub defs: Vec<Def>,
    pub lists: Vec<List>,
    /// The English of the Chinese words the cells may hold (states, outcomes, types).
    pub cells_en: Vec<(String, String)>,
}

impl Section {
    fn count(&self, list: usize, key: &str, bucket: &str) -> usize {
        self.lists[list]
            .items
            .iter()
            .filter(|i| i.has(key, bucket))
            .count()
    }

    /// The figures as the dashboard shows them.
    fn figures(&self, key: &str, note: Words) -> RegisterFigures {
        let mut numbers = Vec::new();
        let mut charts = Vec::new();
        for d in &self.defs {
            let figure = |key: &str, (zh, en): (&str, &str), value: f64, ratio: Option<Ratio>| {
                RegisterFigure {
                    key: key.to_owned(),
                    label: zh.to_owned(),
                    label_en: en.to_owned(),
                    value,
                    ratio,
                }
            };
            match &d.shape {
                Shape::Count => numbers.push(figure(
                    d.key,
                    d.words,
                    self.count(d.list, d.key, "") as f64,
                    None,
                )),
                Shape::Rate { num, den } => {
                    let (n, m) = (self.count(d.list, num, ""), self.count(d.list, den, ""));
                    let rate = if m == 0 { 0.0 } else { n as f64 / m as f64 };
                    let ratio = Ratio {
                        num: n as f64,
                        den: m as f64,
                        rate,
                    };
                    numbers.push(figure(d.key, d.words, rate, Some(ratio)));
                }
                Shape::Sum { mark, column } => {
                    let sum: f64 = self.lists[d.list]
                        .items
                        .iter()
                        .filter(|i| i.has(mark, ""))
                        .filter_map(|i| i.row.get(*column)?.parse::<f64>().ok())
                        .sum();
                    numbers.push(figure(d.key, d.words, sum, None));
                }
                Shape::Chart(buckets) => charts.push(RegisterChart {
                    key: d.key.to_owned(),
                    label: d.words.0.to_owned(),
                    label_en: d.words.1.to_owned(),
                    bars: buckets
                        .iter()
                        .map(|(b, zh, en)| {
                            let n = self.count(d.list, d.key, b) as f64;
                            figure(b, (zh.as_str(), en.as_str()), n, None)
                        })
                        .collect(),
                }),
            }
        }
        RegisterFigures {
            key: key.to_owned(),
            label: self.words.0.to_owned(),
            label_en: self.words.1.to_owned(),
            note: note.0.to_owned(),
            note_en: note.1.to_owned(),
            numbers,
            charts,
        }
    }

    /// The records behind figure `key` (a chart's bar: `bucket`); `None` when there is no such
    /// figure or bar.
    fn records(self, key: &str, bucket: &str) -> Option<(Vec<String>, Vec<Vec<String>>, Words)> {
        let d = self.defs.iter().find(|d| d.key == key)?;
        let (mark, bucket) = match &d.shape {
            Shape::Count => (d.key, ""),
            Shape::Rate { num, .. } => (*num, ""),
            Shape::Sum { mark, .. } => (*mark, ""),
            Shape::Chart(buckets) => {
                buckets.iter().find(|(b, _, _)| b == bucket)?;
                (d.key, bucket)
            }
        };
        let (list, words) = (d.list, d.words);
        let list = self.lists.into_iter().nth(list)?;
        let headers = list
            .headers
            .iter()
            .map(|(zh, _)| (*zh).to_owned())
            .collect();
        let rows = list
            .items
            .into_iter()
            .filter(|i| i.has(mark, bucket))
            .map(|i| i.row)
            .collect();
        Some((headers, rows, words))
    }

    /// The English of the headers and cells.
    fn words_en(&self, list: usize) -> Vec<(String, String)> {
        let mut seen = BTreeSet::new();
        self.lists[list]
            .headers
            .iter()
            .map(|(zh, en)| ((*zh).to_owned(), (*en).to_owned()))
            .chain(self.cells_en.iter().cloned())
            .filter(|(zh, _)| seen.insert(zh.clone()))
            .collect()
    }
}

/// The note a section carries when the scope is narrower than a community: the registers keep
/// their records per community.
const BY_COMMUNITY: Words = ("按所在社区统计", "counted for the whole community");

impl Store {
    fn within(&self, scope: &Scope, place: Option<Id>, from: &str, to: &str) -> Result<Within> {
        let today = self.now().today();
        let communities = match (scope.narrower, scope.community) {
            (true, Some(c)) => vec![c],
            _ => communities_under(&self.conn, place)?,
        };
        Ok(Within {
            communities,
            from: from.to_owned(),
            to: to.to_owned(),
            end: to.min(today.as_str()).to_owned(),
            today,
        })
    }

    /// Every register's figures for the scope and period.
    pub(crate) fn register_figures(
        &self,
        scope: &Scope,
        place: Option<Id>,
        from: &str,
        to: &str,
    ) -> Result<Vec<RegisterFigures>> {
        let within = self.within(scope, place, from, to)?;
        let note = if scope.narrower {
            BY_COMMUNITY
        } else {
            ("", "")
        };
        REGISTERS
            .iter()
            .map(|(key, section)| Ok(section(self, &within)?.figures(key, note)))
            .collect()
    }

    /// The records behind a register's figure: `chart` is "register.figure". `None` when `chart`
    /// names no register.
    pub(crate) fn register_records(
        &self,
        scope: &Scope,
        place: Option<Id>,
        (from, to): (&str, &str),
        chart: &str,
        bucket: &str,
    ) -> Result<Option<FigureRecords>> {
        let Some((register, figure)) = chart.split_once('.') else {
            return Ok(None);
        };
        let Some((_, section)) = REGISTERS.iter().find(|(k, _)| *k == register) else {
            return Ok(None);
        };
        let no_chart = || -> crate::Error {
            DomainError::coded(
                "chart",
                linli_domain::msg::STATS_NO_CHART,
                linli_domain::args![chart = chart, bucket = bucket],
            )
            .into()
        };
        let section = section(self, &self.within(scope, place, from, to)?)?;
        let list = section
            .defs
            .iter()
            .find(|d| d.key == figure)
            .map(|d| d.list)
            .ok_or_else(no_chart)?;
        let words_en = section.words_en(list);
        let (headers, rows, _) = section.records(figure, bucket).ok_or_else(no_chart)?;
        Ok(Some(FigureRecords {
            key: chart.to_owned(),
            from: from.to_owned(),
            to: to.to_owned(),
            headers,
            rows,
            words_en,
        }))
    }
}
