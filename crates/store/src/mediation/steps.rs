//! Recording a stage of a case file: checked against what the case's facts already say (the order
//! of stages, the term's extension with every party's consent, 司法确认's window) and inserted
//! once as a `mediation_events` fact.

use linli_domain::mediation::{self as rules, ConfirmResult, Outcome, Route, StepKind};
use linli_domain::Id;
use linli_protocol::*;
use rusqlite::Connection;
use serde_json::json;

use super::cases::{case_row, case_view, parties_of, so_far};
use super::{checked_mediators, coded, ids_of, ids_text, named, scope};
use crate::volunteers::text_field;
use crate::write::RowWrite;
use crate::{Result, Store};

/// The columns of a stage beyond its case, kind and date; what a kind does not use stays empty.
#[derive(Default)]
struct Fields {
    time: String,
    place: String,
    present: String,
    text: String,
    outcome: Option<Outcome>,
    route: Option<Route>,
    carry_how: String,
    carry_where: String,
    carry_by: Option<String>,
    days: Option<i64>,
    parties: Vec<Id>,
    mediators: Vec<Id>,
    court: String,
    result: Option<ConfirmResult>,
    risks: String,
}

pub(super) fn events_of(
    conn: &Connection,
    case: Id,
    withheld: bool,
) -> Result<Vec<MediationEvent>> {
    let mut st = conn.prepare_cached(
        "SELECT * FROM mediation_events WHERE case_id = ?1 ORDER BY date, at, id",
    )?;
    let rows = st
        .query_map([case.to_string()], |r| {
            let hide = |s: String| if withheld { String::new() } else { s };
            Ok((
                MediationEvent {
                    id: r.get("id")?,
                    kind: StepKind::read(&r.get::<_, String>("kind")?),
                    date: r.get("date")?,
                    time: r.get("time")?,
                    place: r.get("place")?,
                    present: hide(r.get("present")?),
                    text: hide(r.get("text")?),
                    outcome: r
                        .get::<_, Option<String>>("outcome")?
                        .map(|o| Outcome::read(&o)),
                    route: r
                        .get::<_, Option<String>>("route")?
                        .map(|o| Route::read(&o)),
                    carry_how: hide(r.get("carry_how")?),
                    carry_where: hide(r.get("carry_where")?),
                    carry_by: r.get("carry_by")?,
                    days: r.get("days")?,
                    parties: ids_of(&r.get::<_, String>("parties")?),
                    mediators: Vec::new(),
                    court: r.get("court")?,
                    result: r
                        .get::<_, Option<String>>("result")?
                        .map(|o| ConfirmResult::read(&o)),
                    risks: hide(r.get("risks")?),
                },
                r.get::<_, String>("mediators")?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    rows.into_iter()
        .map(|(mut e, m)| {
            e.mediators = named(conn, &ids_of(&m))?;
            Ok(e)
        })
        .collect()
}

fn required(field: &'static str, label: &str, text: &str, max: usize) -> Result<String> {
    text_field(field, label, text, max, false)
}

fn optional(field: &'static str, label: &str, text: &str, max: usize) -> Result<String> {
    text_field(field, label, text, max, true)
}

impl Store {
    /// Records one stage of a case file, in order, and answers the case as it now stands.
    pub fn record_mediation_step(&mut self, req: &RecordMediationStep) -> Result<MediationCase> {
        let c = case_row(&self.conn, req.case_id)?;
        let now = self.now();
        let today = now.today();
        let events = events_of(&self.conn, c.id, false)?;
        let so_far = so_far(&c, &events);
        let (kind, date) = match &req.step {
            MediationStep::Notice { date, .. } => (StepKind::Notice, date),
            MediationStep::Investigation { date, .. } => (StepKind::Investigation, date),
            MediationStep::Session { date, .. } => (StepKind::Session, date),
            MediationStep::Outcome { date, .. } => (StepKind::Outcome, date),
            MediationStep::CarryingOut { date, .. } => (StepKind::CarryingOut, date),
            MediationStep::FollowUp { date, .. } => (StepKind::FollowUp, date),
            MediationStep::Close { date, .. } => (StepKind::Close, date),
            MediationStep::Extension { date, .. } => (StepKind::Extension, date),
            MediationStep::MediatorChange { date, .. } => (StepKind::MediatorChange, date),
            MediationStep::Confirmation { date, .. } => (StepKind::Confirmation, date),
        };
        let date = crate::field::day_or_today(&now, "date", date)?;
        rules::check_step(&so_far, kind, &date, &today)?;
        let f = self.step_fields(&c, &events, &date, &req.step)?;
        let mut w = self.begin()?;
        let id = w.id();
        let at = w.now().stamp();
        w.insert_fact(RowWrite {
            table: "mediation_events",
            row_id: id,
            fields: vec![
                ("case_id", json!(c.id.to_string())),
                ("community_id", json!(c.community.to_string())),
                ("kind", json!(kind.code())),
                ("date", json!(date)),
                ("time", json!(f.time)),
                ("place", json!(f.place)),
                ("present", json!(f.present)),
                ("text", json!(f.text)),
                ("outcome", json!(f.outcome.map(Outcome::code))),
                ("route", json!(f.route.map(Route::code))),
                ("carry_how", json!(f.carry_how)),
                ("carry_where", json!(f.carry_where)),
                ("carry_by", json!(f.carry_by)),
                ("days", json!(f.days)),
                ("parties", json!(ids_text(&f.parties))),
                ("mediators", json!(ids_text(&f.mediators))),
                ("court", json!(f.court)),
                ("result", json!(f.result.map(ConfirmResult::code))),
                ("risks", json!(f.risks)),
                ("at", json!(at)),
            ],
            scope: scope(c.community),
        })?;
        w.commit()?;
        let withheld = self.mediation_withheld()?;
        case_view(&self.conn, c.id, &today, withheld)
    }

    /// A stage's own fields, checked.
    fn step_fields(
        &self,
        c: &super::cases::CaseRow,
        events: &[MediationEvent],
        date: &str,
        step: &MediationStep,
    ) -> Result<Fields> {
        Ok(match step {
            MediationStep::Notice { note, .. } | MediationStep::Close { note, .. } => Fields {
                text: optional("note", "备注", note, 500)?,
                ..Fields::default()
            },
            MediationStep::Investigation { note, .. } | MediationStep::CarryingOut { note, .. } => {
                Fields {
                    text: required("note", "情况记录", note, 4000)?,
                    ..Fields::default()
                }
            }
            MediationStep::Session {
                time,
                place,
                present,
                record,
                ..
            } => Fields {
                time: rules::check_clock(time)?,
                place: required("place", "调解地点", place, 60)?,
                present: required("present", "参加人员", present, 300)?,
                text: required("record", "调解记录", record, 8000)?,
                ..Fields::default()
            },
            MediationStep::Outcome {
                outcome,
                content,
                carry_how,
                carry_where,
                carry_by,
                route,
                ..
            } => outcome_fields(
                date,
                *outcome,
                content,
                carry_how,
                carry_where,
                carry_by,
                *route,
            )?,
            MediationStep::FollowUp {
                how_carried, risks, ..
            } => Fields {
                text: required("how_carried", "协议履行情况", how_carried, 2000)?,
                risks: optional("risks", "风险隐患", risks, 1000)?,
                ..Fields::default()
            },
            MediationStep::Extension {
                days,
                consenting,
                note,
                ..
            } => {
                let days = rules::check_extension_days(*days)?;
                let parties = parties_of(&self.conn, c.id, false, date)?;
                let missing: Vec<String> = parties
                    .iter()
                    .filter(|p| !consenting.contains(&p.id))
                    .map(|p| p.fields.name.clone())
                    .collect();
                if !missing.is_empty() {
                    return Err(coded(
                        "consenting",
                        linli_domain::msg::MED_EXTENSION_CONSENT,
                        linli_domain::args![names = missing.join("、")],
                    ));
                }
                Fields {
                    days: Some(days),
                    parties: parties.iter().map(|p| p.id).collect(),
                    text: optional("note", "备注", note, 500)?,
                    ..Fields::default()
                }
            }
            MediationStep::MediatorChange {
                asked_by,
                mediators,
                reason,
                ..
            } => {
                let parties = parties_of(&self.conn, c.id, false, date)?;
                if !parties.iter().any(|p| p.id == *asked_by) {
                    return Err(coded(
                        "asked_by",
                        linli_domain::msg::MED_NOT_A_PARTY,
                        vec![],
                    ));
                }
                let new = checked_mediators(&self.conn, c.community, mediators)?;
                let current: Vec<Id> = match events
                    .iter()
                    .rev()
                    .find(|e| e.kind == StepKind::MediatorChange)
                {
                    Some(e) => e.mediators.iter().map(|m| m.id).collect(),
                    None => c.mediators.clone(),
                };
                let mut a = new.clone();
                let mut b = current;
                a.sort();
                b.sort();
                if a == b {
                    return Err(coded(
                        "mediators",
                        linli_domain::msg::MED_SAME_MEDIATORS,
                        vec![],
                    ));
                }
                Fields {
                    parties: vec![*asked_by],
                    mediators: new,
                    text: optional("reason", "更换理由", reason, 500)?,
                    ..Fields::default()
                }
            }
            MediationStep::Confirmation { court, result, .. } => {
                if court.trim().is_empty() {
                    return Err(coded("court", linli_domain::msg::MED_CONFIRM_COURT, vec![]));
                }
                if *result == ConfirmResult::Unknown {
                    return Err(coded("result", linli_domain::msg::UNKNOWN_CHOICE, vec![]));
                }
                Fields {
                    court: optional("court", "人民法院", court, 60)?,
                    result: Some(*result),
                    ..Fields::default()
                }
            }
        })
    }
}

/// An outcome's fields: a written agreement states its content, how and by when it is carried
/// out; an oral one its content; a failed mediation the parties' route.
fn outcome_fields(
    date: &str,
    outcome: Outcome,
    content: &str,
    carry_how: &str,
    carry_where: &str,
    carry_by: &Option<String>,
    route: Option<Route>,
) -> Result<Fields> {
    let carry_by = crate::volunteers::opt_date("carry_by", carry_by.as_deref())?;
    let f = Fields {
        outcome: Some(outcome),
        text: optional("content", "协议内容", content, 8000)?,
        carry_how: optional("carry_how", "履行方式", carry_how, 500)?,
        carry_where: optional("carry_where", "履行地点", carry_where, 100)?,
        carry_by: carry_by.filter(|d| d.as_str() >= date),
        ..Fields::default()
    };
    match outcome {
        Outcome::Written if f.text.is_empty() || f.carry_how.is_empty() || f.carry_by.is_none() => {
            Err(coded(
                "content",
                linli_domain::msg::MED_AGREEMENT_TERMS,
                vec![],
            ))
        }
        Outcome::Oral if f.text.is_empty() => Err(coded(
            "content",
            linli_domain::msg::MED_ORAL_CONTENT,
            vec![],
        )),
        Outcome::Failed => match route {
            Some(r) if r != Route::Unknown => Ok(Fields {
                route: Some(r),
                carry_how: String::new(),
                carry_where: String::new(),
                carry_by: None,
                ..f
            }),
            _ => Err(coded("route", linli_domain::msg::MED_NEEDS_ROUTE, vec![])),
        },
        Outcome::Unknown => Err(coded("outcome", linli_domain::msg::UNKNOWN_CHOICE, vec![])),
        _ => Ok(f),
    }
}
