//! The station's lines in the monthly report (报表): loans made, households that borrowed, loans
//! overdue at the period's end and the overdue rate, copies lost. Each figure is the number of
//! rows [`lending_records`] lists for it, so the drill-down shows exactly what was counted.

use std::collections::BTreeSet;

use linli_domain::lending::ReturnOutcome;
use linli_domain::Id;
use linli_protocol::{FigureUnit, MonthlyFigure};
use rusqlite::Connection;

use super::desk::loan_view;
use super::figures::communities_under;
use super::state::{loans_where, LoanRow};
use crate::Result;

/// The loan lists' header.
pub(crate) const LOAN_HEADERS: [&str; 9] = [
    "编码",
    "物品",
    "住户",
    "借用人",
    "借出日期",
    "应还日期",
    "归还日期",
    "结果",
    "逾期天数",
];

/// The keys of the lending figures, in the report's order.
pub(crate) const KEYS: [&str; 6] = [
    "lend_loans",
    "lend_borrowers",
    "lend_returns",
    "lend_overdue",
    "lend_overdue_rate",
    "lend_lost",
];

fn loan_line(conn: &Connection, l: &LoanRow, today: &str) -> Result<Vec<String>> {
    let v = loan_view(conn, l, today)?;
    let outcome = match (v.handout, v.outcome, l.voided) {
        (true, _, _) => "发放".to_owned(),
        (_, _, true) => "作废".to_owned(),
        (_, Some(o), _) => o.label_zh().to_owned(),
        _ => "在借".to_owned(),
    };
    Ok(vec![
        v.code,
        v.kind_name,
        v.household,
        v.borrower,
        v.lent_on,
        v.due,
        v.closed_on.unwrap_or_default(),
        outcome,
        v.overdue_days.to_string(),
    ])
}

/// The rows behind a lending figure for the communities of the scope (every one when none), the
/// period `from`..=`to` (overdue and open: at `to`, or today when `to` is later). `None` when
/// `key` is not a lending figure.
pub(crate) fn lending_records(
    conn: &Connection,
    community: Option<Id>,
    from: &str,
    to: &str,
    today: &str,
    key: &str,
) -> Result<Option<Vec<Vec<String>>>> {
    if !KEYS.contains(&key) {
        return Ok(None);
    }
    let end = if to < today { to } else { today };
    let within = |d: &str| d >= from && d <= to;
    let open_at_end = |l: &LoanRow| {
        !l.handout
            && !l.voided
            && l.lent_on.as_str() <= end
            && l.closed_on.as_deref().is_none_or(|d| d > end)
    };
    let mut rows = Vec::new();
    let mut seen = BTreeSet::new();
    for c in communities_under(conn, community)? {
        let cs = c.to_string();
        for l in loans_where(conn, "community_id = ?1", &cs)? {
            let keep = match key {
                "lend_loans" => !l.handout && !l.voided && within(&l.lent_on),
                "lend_borrowers" => !l.voided && within(&l.lent_on) && seen.insert(l.household_id),
                "lend_returns" => !l.voided && l.closed_on.as_deref().is_some_and(within),
                "lend_overdue" | "lend_overdue_rate" => open_at_end(&l) && l.due.as_str() < end,
                "lend_lost" => {
                    l.outcome == Some(ReturnOutcome::Lost)
                        && l.closed_on.as_deref().is_some_and(within)
                }
                _ => false,
            };
            if keep {
                rows.push(loan_line(conn, &l, today)?);
            }
        }
        if key == "lend_lost" {
            // copies marked lost on the shelf (not on a loan)
            let marked: Vec<(String, String, String)> = conn
                .prepare_cached(
                    "SELECT c.code, k.name, e.date FROM copy_events e
                     JOIN lend_copies c ON c.id = e.copy_id JOIN lend_kinds k ON k.id = c.kind_id
                     WHERE e.community_id = ?1 AND e.kind = 'lost' AND e.date BETWEEN ?2 AND ?3
                     ORDER BY e.date, e.id",
                )?
                .query_map(rusqlite::params![cs, from, to], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?))
                })?
                .collect::<rusqlite::Result<_>>()?;
            for (code, kind, date) in marked {
                rows.push(vec![
                    code,
                    kind,
                    String::new(),
                    String::new(),
                    String::new(),
                    String::new(),
                    date,
                    "遗失（登记）".to_owned(),
                    String::new(),
                ]);
            }
        }
    }
    Ok(Some(rows))
}

/// Loans open at the period's end (the overdue rate's denominator).
fn open_at(conn: &Connection, community: Option<Id>, to: &str, today: &str) -> Result<usize> {
    let end = if to < today { to } else { today };
    let mut n = 0;
    for c in communities_under(conn, community)? {
        n += loans_where(conn, "community_id = ?1", &c.to_string())?
            .iter()
            .filter(|l| {
                !l.handout
                    && !l.voided
                    && l.lent_on.as_str() <= end
                    && l.closed_on.as_deref().is_none_or(|d| d > end)
            })
            .count();
    }
    Ok(n)
}

/// The lending figures of the monthly report: the month `from`..=`to` and the year to date
/// `cum_from`..=`to`.
pub(crate) fn lending_figures(
    conn: &Connection,
    community: Option<Id>,
    (from, cum_from, to): (&str, &str, &str),
    today: &str,
    narrower: bool,
) -> Result<Vec<MonthlyFigure>> {
    let count = |key: &str, from: &str| -> Result<f64> {
        Ok(lending_records(conn, community, from, to, today, key)?.map_or(0, |r| r.len()) as f64)
    };
    let by_community = if narrower {
        "（驿站按所在社区统计）"
    } else {
        ""
    };
    let mut out = Vec::new();
    let mut fig = |key: &str, label: &str, unit, month: f64, cumulative: f64, source: &str| {
        out.push(MonthlyFigure {
            key: key.to_owned(),
            label: label.to_owned(),
            unit,
            month,
            cumulative,
            source: format!("{source}{by_community}"),
        });
    };
    use FigureUnit::{Count, Rate};
    for (key, label, source) in [
        (
            "lend_loans",
            "驿站借出（件次）",
            "借用记录中借出日期在统计期内的行数（发放、作废不计）",
        ),
        (
            "lend_borrowers",
            "驿站借用住户（户）",
            "借用记录中统计期内借用的不同住户数",
        ),
        (
            "lend_returns",
            "驿站归还（件次）",
            "借用记录中归还日期在统计期内的行数",
        ),
    ] {
        fig(
            key,
            label,
            Count,
            count(key, from)?,
            count(key, cum_from)?,
            source,
        );
    }
    let overdue = count("lend_overdue", from)?;
    fig(
        "lend_overdue",
        "驿站逾期未还（件）",
        Count,
        overdue,
        overdue,
        "借用记录中统计期末仍在借且已过应还日期的行数（两栏相同）",
    );
    let open = open_at(conn, community, to, today)? as f64;
    let rate = if open == 0.0 { 0.0 } else { overdue / open };
    fig(
        "lend_overdue_rate",
        "驿站逾期率",
        Rate,
        rate,
        rate,
        "驿站逾期未还 ÷ 统计期末在借件数",
    );
    fig(
        "lend_lost",
        "驿站遗失（件）",
        Count,
        count("lend_lost", from)?,
        count("lend_lost", cum_from)?,
        "借用记录中结果为“遗失”的行数，加登记遗失的物品",
    );
    Ok(out)
}
