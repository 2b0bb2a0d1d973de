//! Mediation's lines in the monthly report (月报, issue 20 item 6): cases received, agreements
//! reached, the settlement rate, agreements carried out, and the period's cases by type and by
//! source. Each figure is the number of rows [`mediation_records`] lists for it, so the
//! drill-down shows exactly the cases counted. Kept per community, as the register is.

use linli_domain::mediation::{self as rules, CaseSource, DisputeKind, StepKind};
use linli_domain::Id;
use linli_protocol::{FigureUnit, MediationCase, MonthlyFigure};
use rusqlite::Connection;

use super::cases::case_view;
use crate::lending::communities_under;
use crate::Result;

/// The case lists' header.
pub(crate) const CASE_HEADERS: [&str; 8] = [
    "案号",
    "纠纷类型",
    "来源",
    "受理日期",
    "当事人",
    "调解结果",
    "结果日期",
    "履行或回访",
];

/// The fixed keys (the type and source lines are `med_kind_<code>`, `med_source_<code>`).
const KEYS: [&str; 5] = [
    "med_received",
    "med_settled",
    "med_failed",
    "med_settlement_rate",
    "med_carried_out",
];

/// Whether `key` is one of mediation's figures.
pub(crate) fn is_key(key: &str) -> bool {
    KEYS.contains(&key) || kind_of(key).is_some() || source_of(key).is_some()
}

fn kind_of(key: &str) -> Option<DisputeKind> {
    let code = key.strip_prefix("med_kind_")?;
    DisputeKind::ALL.iter().copied().find(|k| k.code() == code)
}

fn source_of(key: &str) -> Option<CaseSource> {
    let code = key.strip_prefix("med_source_")?;
    CaseSource::ALL.iter().copied().find(|k| k.code() == code)
}

/// The cases of the communities under `community` (every one when none) as read on `end`, each
/// with only the stages recorded by `end`.
fn cases(conn: &Connection, community: Option<Id>, end: &str) -> Result<Vec<MediationCase>> {
    let mut out = Vec::new();
    for c in communities_under(conn, community)? {
        let ids: Vec<Id> = conn
            .prepare_cached(
                "SELECT id FROM mediation_cases WHERE community_id = ?1 AND deleted = 0
                 AND registered_on <= ?2 ORDER BY year, number, id",
            )?
            .query_map(rusqlite::params![c.to_string(), end], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for id in ids {
            let mut case = case_view(conn, id, end, false)?;
            case.events.retain(|e| e.date.as_str() <= end);
            out.push(case);
        }
    }
    Ok(out)
}

fn agreement(c: &MediationCase) -> Option<(rules::Outcome, &str)> {
    c.events
        .iter()
        .find(|e| e.kind == StepKind::Outcome)
        .and_then(|e| e.outcome.map(|o| (o, e.date.as_str())))
}

fn carried(c: &MediationCase) -> bool {
    c.events
        .iter()
        .any(|e| matches!(e.kind, StepKind::CarryingOut | StepKind::FollowUp))
}

fn case_line(c: &MediationCase, withheld: bool) -> Vec<String> {
    let names = |side| {
        c.parties
            .iter()
            .filter(|p| p.fields.side == side)
            .map(|p| {
                if withheld || p.withheld {
                    "无权查看".to_owned()
                } else {
                    p.fields.name.clone()
                }
            })
            .collect::<Vec<_>>()
            .join("、")
    };
    use rules::PartySide;
    let outcome = agreement(c);
    vec![
        c.number_text.clone(),
        c.kind.label_zh().to_owned(),
        c.source.label_zh().to_owned(),
        c.registered_on.clone(),
        format!(
            "{} 与 {}",
            names(PartySide::Applicant),
            names(PartySide::Respondent)
        ),
        outcome
            .map(|(o, _)| o.label_zh().to_owned())
            .unwrap_or_default(),
        outcome.map(|(_, d)| d.to_owned()).unwrap_or_default(),
        if carried(c) { "是" } else { "否" }.to_owned(),
    ]
}

/// The cases behind a mediation figure for the period `from`..=`to` (stages as recorded by `to`,
/// or today when `to` is later). `None` when `key` is not mediation's.
pub(crate) fn mediation_records(
    conn: &Connection,
    community: Option<Id>,
    (from, to): (&str, &str),
    today: &str,
    key: &str,
    withheld: bool,
) -> Result<Option<Vec<Vec<String>>>> {
    if !is_key(key) {
        return Ok(None);
    }
    let end = if to < today { to } else { today };
    Ok(Some(rows_of(
        &cases(conn, community, end)?,
        (from, to),
        key,
        withheld,
    )))
}

/// The rows of `cases` (read at the period's end) behind the figure `key`.
fn rows_of(
    cases: &[MediationCase],
    (from, to): (&str, &str),
    key: &str,
    withheld: bool,
) -> Vec<Vec<String>> {
    let within = |d: &str| d >= from && d <= to;
    cases
        .iter()
        .filter(|c| {
            let received = within(&c.registered_on);
            let decided = agreement(c).filter(|(_, d)| within(d));
            match key {
                "med_received" => received,
                "med_settled" | "med_settlement_rate" => decided.is_some_and(|(o, _)| o.agreed()),
                "med_failed" => decided.is_some_and(|(o, _)| !o.agreed()),
                "med_carried_out" => decided.is_some_and(|(o, _)| o.agreed()) && carried(c),
                k => received && (kind_of(k) == Some(c.kind) || source_of(k) == Some(c.source)),
            }
        })
        .map(|c| case_line(c, withheld))
        .collect()
}

/// Mediation's figures of the monthly report: the month `from`..=`to` and the year to date
/// `cum_from`..=`to`. A type or source line is shown when the year to date has a case of it.
pub(crate) fn mediation_figures(
    conn: &Connection,
    community: Option<Id>,
    (from, cum_from, to): (&str, &str, &str),
    today: &str,
    narrower: bool,
) -> Result<Vec<MonthlyFigure>> {
    let end = if to < today { to } else { today };
    let all = cases(conn, community, end)?;
    let count = |key: &str, from: &str| -> Result<f64> {
        Ok(rows_of(&all, (from, to), key, false).len() as f64)
    };
    let by_community = if narrower {
        "（调解按所在社区统计）"
    } else {
        ""
    };
    let mut out = Vec::new();
    let mut fig = |key: String, label: String, unit, month: f64, cumulative: f64, source: &str| {
        out.push(MonthlyFigure {
            key,
            label,
            unit,
            month,
            cumulative,
            source: format!("{source}{by_community}"),
        });
    };
    use FigureUnit::{Count, Rate};
    let rate = |from: &str| -> Result<f64> {
        let (s, f) = (count("med_settled", from)?, count("med_failed", from)?);
        Ok(if s + f == 0.0 { 0.0 } else { s / (s + f) })
    };
    for (key, label, source) in [
        (
            "med_received",
            "受理矛盾纠纷（件）",
            "调解案件中受理日期在统计期内的件数",
        ),
        (
            "med_settled",
            "调解成功（件）",
            "调解案件中统计期内达成书面或口头协议的件数",
        ),
        (
            "med_failed",
            "调解不成（件）",
            "调解案件中统计期内登记调解不成的件数",
        ),
    ] {
        fig(
            key.to_owned(),
            label.to_owned(),
            Count,
            count(key, from)?,
            count(key, cum_from)?,
            source,
        );
    }
    fig(
        "med_settlement_rate".to_owned(),
        "调解成功率".to_owned(),
        Rate,
        rate(from)?,
        rate(cum_from)?,
        "调解成功 ÷（调解成功 + 调解不成）",
    );
    fig(
        "med_carried_out".to_owned(),
        "协议已履行（件）".to_owned(),
        Count,
        count("med_carried_out", from)?,
        count("med_carried_out", cum_from)?,
        "统计期内达成的协议中，期末前已登记履行或回访的件数",
    );
    for k in DisputeKind::ALL {
        let key = format!("med_kind_{}", k.code());
        let year = count(&key, cum_from)?;
        if year > 0.0 {
            fig(
                key.clone(),
                format!("　其中{}纠纷（件）", k.label_zh()),
                Count,
                count(&key, from)?,
                year,
                "受理矛盾纠纷中该类型的件数",
            );
        }
    }
    for s in CaseSource::ALL {
        let key = format!("med_source_{}", s.code());
        let year = count(&key, cum_from)?;
        if year > 0.0 {
            fig(
                key.clone(),
                format!("　来源：{}（件）", s.label_zh()),
                Count,
                count(&key, from)?,
                year,
                "受理矛盾纠纷中该来源的件数",
            );
        }
    }
    Ok(out)
}
