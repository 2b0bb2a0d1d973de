//! A household's loans on its timeline (issue 19 item 6): each loan lent (or handed out), renewed,
//! returned (with its outcome, condition and missing parts), voided, and — while it is still out
//! past its due date — overdue, as lines of the household's timeline beside its visits and tasks.
//! Titles and details are Chinese words the window puts into English (`ui/src/i18n/timeline_en.rs`).

use linli_domain::calendar::add_days;
use linli_domain::lending::ReturnOutcome;
use linli_domain::{Id, Now};
use linli_protocol::{TimelineEntry, TimelineKind};
use rusqlite::Connection;

use super::state::loans_where;
use crate::field::shown_time;
use crate::Result;

/// "轮椅 LY-WC-01": a loan's kind and copy code, as its lines name it.
fn what(conn: &Connection, loan: Id) -> Result<String> {
    Ok(conn
        .prepare_cached(
            "SELECT k.name, c.code FROM loans l JOIN lend_kinds k ON k.id = l.kind_id
             JOIN lend_copies c ON c.id = l.copy_id WHERE l.id = ?1",
        )?
        .query_row([loan.to_string()], |r| {
            Ok(format!(
                "{} {}",
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?
            ))
        })
        .unwrap_or_default())
}

/// Parts of a detail that say something, joined by "；".
fn joined(parts: &[String]) -> String {
    parts
        .iter()
        .filter(|p| !p.trim().is_empty())
        .cloned()
        .collect::<Vec<_>>()
        .join("；")
}

/// The title of a return by its outcome: "归还", "归还（损坏）", "归还（遗失）".
fn return_title(outcome: Option<&str>) -> &'static str {
    match outcome.map(ReturnOutcome::read) {
        Some(ReturnOutcome::Damaged) => "归还（损坏）",
        Some(ReturnOutcome::Lost) => "归还（遗失）",
        _ => "归还",
    }
}

/// The household's loan lines, in no particular order (the timeline sorts).
pub(crate) fn loan_lines(
    conn: &Connection,
    household: Id,
    now: &Now,
) -> Result<Vec<TimelineEntry>> {
    let today = now.today();
    let mut out = Vec::new();
    for l in loans_where(conn, "household_id = ?1", &household.to_string())? {
        let name = what(conn, l.id)?;
        // the loan as lent: its time, note and first due date (renewals are lines of their own)
        let (at, note, lent_due): (String, String, String) = conn
            .prepare_cached("SELECT at, note, due FROM loans WHERE id = ?1")?
            .query_row([l.id.to_string()], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })?;
        let borrower = super::resident_name(conn, l.resident_id)?;
        let (title, due) = if l.handout {
            ("发放", String::new())
        } else {
            ("借出", format!("应还：{lent_due}"))
        };
        out.push(TimelineEntry {
            at: shown_time(&at, now),
            kind: TimelineKind::Loan,
            title: format!("{title}：{name}"),
            detail: joined(&[borrower, due, note]),
            row_id: l.id,
        });
        let mut events = conn.prepare_cached(
            "SELECT kind, at, due, outcome, condition, missing_parts, note FROM loan_events
             WHERE loan_id = ?1 ORDER BY at, id",
        )?;
        let rows = events.query_map([l.id.to_string()], |r| {
            Ok((
                r.get::<_, String>("kind")?,
                r.get::<_, String>("at")?,
                r.get::<_, Option<String>>("due")?,
                r.get::<_, Option<String>>("outcome")?,
                r.get::<_, String>("condition")?,
                r.get::<_, String>("missing_parts")?,
                r.get::<_, String>("note")?,
            ))
        })?;
        for row in rows {
            let (kind, at, due, outcome, condition, missing, note) = row?;
            let (title, detail) = match kind.as_str() {
                "renew" => (
                    "续借",
                    joined(&[format!("应还：{}", due.unwrap_or_default())]),
                ),
                "return" => {
                    let missing: Vec<String> = serde_json::from_str(&missing).unwrap_or_default();
                    let condition = (!condition.is_empty()).then(|| format!("成色：{condition}"));
                    let missing =
                        (!missing.is_empty()).then(|| format!("缺少配件：{}", missing.join("、")));
                    (
                        return_title(outcome.as_deref()),
                        joined(&[
                            condition.unwrap_or_default(),
                            missing.unwrap_or_default(),
                            note,
                        ]),
                    )
                }
                "void" => ("作废借用", note),
                _ => continue,
            };
            out.push(TimelineEntry {
                at: shown_time(&at, now),
                kind: TimelineKind::Loan,
                title: format!("{title}：{name}"),
                detail,
                row_id: l.id,
            });
        }
        let days = l.overdue_days(&today);
        if days > 0 {
            // overdue from the day after it was due, until it comes back
            let from = add_days(&l.due, 1).unwrap_or(today.clone());
            out.push(TimelineEntry {
                at: format!("{from} 00:00"),
                kind: TimelineKind::Loan,
                title: format!("逾期未还：{name}"),
                detail: joined(&[format!("应还：{}", l.due), format!("逾期{days}天")]),
                row_id: l.id,
            });
        }
    }
    Ok(out)
}
