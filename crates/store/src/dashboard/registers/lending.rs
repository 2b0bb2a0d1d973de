//! 借还 in 统计: the loans of the scope's stations (loans made, by kind; returned; out and
//! overdue on the period's last day; items handed out; copies lost) and the holds placed.

use std::collections::BTreeMap;

use linli_domain::calendar::days_between;
use linli_domain::lending::ReturnOutcome;

use super::{Def, Item, List, Section, Shape, Within, Words};
use crate::lending::{household_head, loan_view, loans_where, resident_name, LoanRow};
use crate::{Result, Store};

const LOANS: usize = 0;
const HOLDS: usize = 1;

const LOAN_HEADERS: [Words; 9] = [
    ("编码", "Code"),
    ("物品", "Item"),
    ("住户", "Household"),
    ("借用人", "Borrower"),
    ("借出日期", "Lent on"),
    ("应还日期", "Due"),
    ("归还日期", "Returned on"),
    ("结果", "Result"),
    ("逾期天数", "Days overdue"),
];

const HOLD_HEADERS: [Words; 4] = [
    ("物品", "Item"),
    ("住户", "Household"),
    ("预约人", "Held for"),
    ("预约日期", "Placed on"),
];

fn defs(kinds: Vec<(String, String, String)>) -> Vec<Def> {
    let def = |key, words, list, shape| Def {
        key,
        words,
        list,
        shape,
    };
    vec![
        def("loans", ("借出（件次）", "Loans made"), LOANS, Shape::Count),
        def(
            "returned",
            ("归还（件次）", "Returned"),
            LOANS,
            Shape::Count,
        ),
        def(
            "out",
            ("期末在借（件）", "Out at the end"),
            LOANS,
            Shape::Count,
        ),
        def(
            "overdue",
            ("期末逾期（件）", "Overdue at the end"),
            LOANS,
            Shape::Count,
        ),
        def(
            "overdue_rate",
            ("逾期率", "Overdue rate"),
            LOANS,
            Shape::Rate {
                num: "overdue",
                den: "out",
            },
        ),
        def(
            "handouts",
            ("发放（件）", "Handed out"),
            LOANS,
            Shape::Count,
        ),
        def("lost", ("遗失（件）", "Lost"), LOANS, Shape::Count),
        def("holds", ("新增预约", "Holds placed"), HOLDS, Shape::Count),
        def(
            "by_kind",
            ("借出·按物品", "Loans made, by item"),
            LOANS,
            Shape::Chart(kinds),
        ),
    ]
}

/// A loan's marks: what it counts under in the period.
fn marks(l: &LoanRow, w: &Within) -> Vec<(&'static str, String)> {
    let mut m = Vec::new();
    if l.voided {
        return m;
    }
    let end = w.end.as_str();
    if w.holds(&l.lent_on) {
        if l.handout {
            m.push(("handouts", String::new()));
        } else {
            m.push(("loans", String::new()));
            m.push(("by_kind", String::new()));
        }
    }
    if !l.handout {
        if l.closed_on.as_deref().is_some_and(|d| w.holds(d)) {
            m.push(("returned", String::new()));
            if l.outcome == Some(ReturnOutcome::Lost) {
                m.push(("lost", String::new()));
            }
        }
        let out = l.lent_on.as_str() <= end && l.closed_on.as_deref().is_none_or(|d| d > end);
        if out {
            m.push(("out", String::new()));
            if l.due.as_str() < end {
                m.push(("overdue", String::new()));
            }
        }
    }
    m
}

pub(super) fn section(store: &Store, w: &Within) -> Result<Section> {
    let conn = &store.conn;
    let mut loans = Vec::new();
    let mut kinds: BTreeMap<String, String> = BTreeMap::new();
    for c in &w.communities {
        for l in loans_where(conn, "community_id = ?1", &c.to_string())? {
            let marks = marks(&l, w);
            if marks.is_empty() {
                continue;
            }
            let v = loan_view(conn, &l, &w.today)?;
            // a kind is its name: each community's station has its own 轮椅, one bar for all
            let marks: Vec<_> = marks
                .into_iter()
                .map(|(k, b)| match k {
                    "by_kind" => {
                        kinds.insert(v.kind_name.clone(), v.kind_name.clone());
                        (k, v.kind_name.clone())
                    }
                    _ => (k, b),
                })
                .collect();
            // out on the period's last day: its days past due then, not today
            let open_at_end = marks.iter().any(|(k, _)| *k == "out");
            let overdue = if open_at_end && l.due.as_str() < w.end.as_str() {
                days_between(&l.due, &w.end).unwrap_or(0)
            } else {
                0
            };
            let result = match (l.handout, v.outcome) {
                (true, _) => "发放".to_owned(),
                (_, Some(o)) if !open_at_end => o.label_zh().to_owned(),
                _ => "在借".to_owned(),
            };
            let returned = if open_at_end {
                String::new()
            } else {
                v.closed_on.unwrap_or_default()
            };
            loans.push(Item {
                row: vec![
                    v.code,
                    v.kind_name,
                    v.household,
                    v.borrower,
                    v.lent_on,
                    v.due,
                    returned,
                    result,
                    if overdue > 0 {
                        overdue.to_string()
                    } else {
                        String::new()
                    },
                ],
                marks,
            });
        }
    }
    let mut holds = Vec::new();
    for c in &w.communities {
        let rows: Vec<(String, String, Option<String>, String)> = conn
            .prepare_cached(
                "SELECT h.household_id, k.name, h.resident_id, h.placed_on FROM lend_holds h
                 LEFT JOIN lend_kinds k ON k.id = h.kind_id
                 WHERE h.community_id = ?1 AND h.placed_on BETWEEN ?2 AND ?3
                 ORDER BY h.placed_on, h.at, h.id",
            )?
            .query_map(rusqlite::params![c.to_string(), w.from, w.to], |r| {
                Ok((
                    r.get(0)?,
                    r.get::<_, Option<String>>(1)?.unwrap_or_default(),
                    r.get(2)?,
                    r.get(3)?,
                ))
            })?
            .collect::<rusqlite::Result<_>>()?;
        for (household, kind, resident, placed_on) in rows {
            let address = household
                .parse()
                .ok()
                .and_then(|h| household_head(conn, h).ok())
                .map(|h| h.address)
                .unwrap_or_default();
            let who = resident_name(conn, resident.and_then(|r| r.parse().ok()))?;
            holds.push(Item {
                row: vec![kind, address, who, placed_on],
                marks: vec![("holds", String::new())],
            });
        }
    }
    let mut buckets: Vec<(String, String, String)> = kinds
        .into_iter()
        .map(|(id, name)| (id, name.clone(), name))
        .collect();
    buckets.sort_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(&b.0)));
    let mut cells_en = vec![
        ("在借".to_owned(), "out".to_owned()),
        ("发放".to_owned(), "handed out".to_owned()),
    ];
    cells_en.extend(
        ReturnOutcome::ALL
            .iter()
            .map(|o| (o.label_zh().to_owned(), o.label_en().to_owned())),
    );
    Ok(Section {
        words: ("借还", "Lending"),
        defs: defs(buckets),
        lists: vec![
            List {
                headers: LOAN_HEADERS.to_vec(),
                items: loans,
            },
            List {
                headers: HOLD_HEADERS.to_vec(),
                items: holds,
            },
        ],
        cells_en,
    })
}
