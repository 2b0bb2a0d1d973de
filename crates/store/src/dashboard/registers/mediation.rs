//! 调解 in 统计: the cases of the scope's committees — received (by type and by source),
//! settled, not settled, the settlement rate, agreements being carried out, and the cases still
//! open and past their term on the period's last day. Counted as `linli report mediation` counts
//! a month (`crate::mediation` figures), over any period. No party's name is listed.

use std::collections::BTreeMap;

use linli_domain::mediation::{self as rules, CaseSource, DisputeKind, Outcome, StepKind};

use super::{Def, Item, List, Section, Shape, Within, Words};
use crate::mediation::settings_of;
use crate::{Result, Store};

const HEADERS: [Words; 8] = [
    ("案号", "Case number"),
    ("纠纷类型", "Type"),
    ("纠纷来源", "Source"),
    ("受理日期", "Registered on"),
    ("期限届满", "Term ends"),
    ("调解结果", "Outcome"),
    ("结果日期", "Outcome on"),
    ("履行", "Carried out"),
];

/// A case's facts as the figures read them.
struct Fact {
    kind: StepKind,
    date: String,
    outcome: Option<Outcome>,
    days: Option<i64>,
}

fn defs(kinds: Vec<(String, String, String)>, sources: Vec<(String, String, String)>) -> Vec<Def> {
    let def = |key, words, shape| Def {
        key,
        words,
        list: 0,
        shape,
    };
    vec![
        def("received", ("受理（件）", "Cases received"), Shape::Count),
        def("settled", ("调解成功（件）", "Settled"), Shape::Count),
        def("failed", ("调解不成（件）", "Not settled"), Shape::Count),
        def(
            "settlement_rate",
            ("调解成功率", "Settlement rate"),
            Shape::Rate {
                num: "settled",
                den: "decided",
            },
        ),
        def(
            "carried_out",
            ("协议履行（件）", "Agreements carried out"),
            Shape::Count,
        ),
        def("open", ("期末在办（件）", "Open at the end"), Shape::Count),
        def(
            "overdue",
            ("期末超期（件）", "Past term at the end"),
            Shape::Count,
        ),
        def(
            "by_kind",
            ("受理·按纠纷类型", "Received, by type"),
            Shape::Chart(kinds),
        ),
        def(
            "by_source",
            ("受理·按来源", "Received, by source"),
            Shape::Chart(sources),
        ),
    ]
}

fn facts(store: &Store, case: &str, end: &str) -> Result<Vec<Fact>> {
    Ok(store
        .conn
        .prepare_cached(
            "SELECT kind, date, outcome, days FROM mediation_events
             WHERE case_id = ?1 AND date <= ?2 ORDER BY date, at, id",
        )?
        .query_map([case, end], |r| {
            Ok(Fact {
                kind: StepKind::read(&r.get::<_, String>(0)?),
                date: r.get(1)?,
                outcome: r.get::<_, Option<String>>(2)?.map(|o| Outcome::read(&o)),
                days: r.get(3)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?)
}

pub(super) fn section(store: &Store, w: &Within) -> Result<Section> {
    let mut items = Vec::new();
    let (mut kinds, mut sources) = (BTreeMap::new(), BTreeMap::new());
    for community in &w.communities {
        let prefix = settings_of(&store.conn, *community)?.prefix;
        type CaseLine = (String, i64, i64, String, String, String);
        let cases: Vec<CaseLine> = store
            .conn
            .prepare_cached(
                "SELECT id, year, number, kind, source, registered_on FROM mediation_cases
                 WHERE community_id = ?1 AND deleted = 0 AND registered_on <= ?2
                 ORDER BY registered_on, year, number, id",
            )?
            .query_map(rusqlite::params![community.to_string(), w.end], |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                ))
            })?
            .collect::<rusqlite::Result<_>>()?;
        for (id, year, number, kind, source, registered_on) in cases {
            let (kind, source) = (DisputeKind::read(&kind), CaseSource::read(&source));
            let facts = facts(store, &id, &w.end)?;
            let mut marks = Vec::new();
            if w.holds(&registered_on) {
                marks.push(("received", String::new()));
                marks.push(("by_kind", kind.code().to_owned()));
                marks.push(("by_source", source.code().to_owned()));
                kinds.insert(kind.code(), kind);
                sources.insert(source.code(), source);
            }
            let has = |k: StepKind| facts.iter().any(|f| f.kind == k);
            let outcome = facts
                .iter()
                .find(|f| f.kind == StepKind::Outcome)
                .and_then(|f| f.outcome.map(|o| (o, f.date.clone())));
            let extensions: Vec<i64> = facts
                .iter()
                .filter(|f| f.kind == StepKind::Extension)
                .filter_map(|f| f.days)
                .collect();
            let term = rules::term_end(&registered_on, &extensions);
            let carried = has(StepKind::CarryingOut) || has(StepKind::FollowUp);
            match &outcome {
                Some((o, day)) if w.holds(day) => {
                    marks.push(("decided", String::new()));
                    if o.agreed() {
                        marks.push(("settled", String::new()));
                        if carried {
                            marks.push(("carried_out", String::new()));
                        }
                    } else {
                        marks.push(("failed", String::new()));
                    }
                }
                Some(_) => {}
                None => {
                    marks.push(("open", String::new()));
                    if term.as_str() < w.end.as_str() {
                        marks.push(("overdue", String::new()));
                    }
                }
            }
            if marks.is_empty() {
                continue;
            }
            let (result, on) = match &outcome {
                Some((o, day)) => (o.label_zh().to_owned(), day.clone()),
                None => ("在办".to_owned(), String::new()),
            };
            let done = match &outcome {
                Some((o, _)) if o.agreed() => (if carried { "是" } else { "否" }).to_owned(),
                _ => String::new(),
            };
            items.push(Item {
                row: vec![
                    rules::case_number(year, &prefix, number),
                    kind.label_zh().to_owned(),
                    source.label_zh().to_owned(),
                    registered_on,
                    term,
                    result,
                    on,
                    done,
                ],
                marks,
            });
        }
    }
    let kinds = DisputeKind::present(|c| kinds.contains_key(c));
    let sources = CaseSource::present(|c| sources.contains_key(c));
    let mut cells_en: Vec<(String, String)> = vec![
        ("在办".into(), "open".into()),
        ("是".into(), "yes".into()),
        ("否".into(), "no".into()),
    ];
    let word = |zh: &str, en: &str| (zh.to_owned(), en.to_owned());
    cells_en.extend(DisputeKind::labels().map(|(zh, en)| word(zh, en)));
    cells_en.extend(CaseSource::labels().map(|(zh, en)| word(zh, en)));
    cells_en.extend(Outcome::labels().map(|(zh, en)| word(zh, en)));
    Ok(Section {
        words: ("人民调解", "Mediation"),
        defs: defs(kinds, sources),
        lists: vec![List {
            headers: HEADERS.to_vec(),
            items,
        }],
        cells_en,
    })
}
