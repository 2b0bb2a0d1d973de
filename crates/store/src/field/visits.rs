//! Visits (facts): logging one with its member updates and follow-up task in one transaction,
//! correcting one, the visit rules of a community, and the nightly review.

use linli_domain::field::{VisitKind, VisitOutcome};
use linli_domain::register::normalize_tags;
use linli_domain::{date, DomainError, Id, Phone};
use linli_protocol::{
    CorrectVisit, GetVisitRules, LogVisit, MemberUpdate, NewPhoto, ReviewQueue, ReviewVisit,
    SaveVisit, SetVisitRules, Visit, VisitLogged, VisitRules,
};
use rusqlite::{params, OptionalExtension, Row};
use serde_json::{json, Value};

use super::tasks::{write_new_task, TaskPlace};
use super::{day_or_today, past_time_or_now, shown_time};
use crate::register::households::mask_phone;
use crate::register::{full_address_text, id_text, scope_at};
use crate::write::{RowWrite, Scope, Writer};
use crate::{Error, Result, Store};

pub(crate) const DEFAULT_CARE_DAYS: u32 = 7;
pub(crate) const DEFAULT_EVERYONE_DAYS: u32 = 90;

/// A visit that still counts: neither corrected by a later one nor a voiding correction.
pub(crate) const EFFECTIVE: &str =
    "v.void = 0 AND NOT EXISTS (SELECT 1 FROM visits c WHERE c.corrects = v.id)";

const SELECT: &str = "SELECT v.id, v.household_id, b.name AS building, u.name AS unit, h.room,
        v.visitor_id, pe.name AS visitor_name, v.at, v.kind, v.outcome, v.findings,
        v.needs_follow_up, v.member_updates, v.corrects, v.void,
        (SELECT c.id FROM visits c WHERE c.corrects = v.id ORDER BY c.at DESC, c.id DESC LIMIT 1)
            AS corrected_by,
        EXISTS (SELECT 1 FROM visit_reviews r WHERE r.visit_id = v.id) AS reviewed,
        (SELECT k.name FROM places k WHERE k.id = b.parent_id AND k.kind = 'compound') AS compound
     FROM visits v
     LEFT JOIN households h ON h.id = v.household_id
     LEFT JOIN places b ON b.id = h.building_id
     LEFT JOIN places u ON u.id = h.unit_id
     LEFT JOIN people pe ON pe.id = v.visitor_id";

/// A visit row, by its columns' names. A kind or outcome a newer Linli wrote reads as `Unknown`
/// (the row keeps its code).
fn from_row(r: &Row<'_>) -> rusqlite::Result<Result<Visit>> {
    let room: Option<String> = r.get("room")?;
    let compound: Option<String> = r.get("compound")?;
    let building: Option<String> = r.get("building")?;
    let unit: Option<String> = r.get("unit")?;
    let updates: String = r.get("member_updates")?;
    Ok(Ok(Visit {
        id: r.get("id")?,
        household_id: r.get("household_id")?,
        address: full_address_text(
            compound.as_deref(),
            building.as_deref(),
            unit.as_deref(),
            room.as_deref().unwrap_or(""),
        ),
        visitor_id: r.get("visitor_id")?,
        visitor_name: r.get("visitor_name")?,
        at: r.get("at")?,
        kind: VisitKind::read(&r.get::<_, String>("kind")?),
        outcome: VisitOutcome::read(&r.get::<_, String>("outcome")?),
        findings: r.get("findings")?,
        needs_follow_up: r.get("needs_follow_up")?,
        member_updates: serde_json::from_str(&updates).unwrap_or(Value::Null),
        corrects: r.get("corrects")?,
        void: r.get("void")?,
        corrected_by: r.get("corrected_by")?,
        reviewed: r.get("reviewed")?,
    }))
}

fn check_findings(text: &str) -> Result<String> {
    let t = text.trim().to_owned();
    if t.chars().count() > 2000 {
        return Err(DomainError::coded(
            "findings",
            linli_domain::msg::VISIT_FINDINGS_TOO_LONG,
            vec![],
        )
        .into());
    }
    Ok(t)
}

/// A member update checked against the household, as the fields to write to `residents` and
/// the line recorded on the visit.
fn member_fields(
    store: &Store,
    household: Id,
    day: &str,
    u: &MemberUpdate,
) -> Result<(Vec<(&'static str, Value)>, Value)> {
    let r = store.resident(u.resident_id)?;
    if r.household_id != household {
        return Err(DomainError::coded(
            "member_updates",
            linli_domain::msg::NOT_A_MEMBER,
            linli_domain::args![name = r.name],
        )
        .into());
    }
    let mut fields: Vec<(&'static str, Value)> = Vec::new();
    let mut record = serde_json::Map::new();
    record.insert("resident_id".into(), json!(u.resident_id.to_string()));
    record.insert("name".into(), json!(r.name));
    if let Some(d) = u.moved_out.as_deref().filter(|d| !d.trim().is_empty()) {
        let d = date::validate("moved_out", d)?;
        fields.push(("moved_out", json!(d)));
        record.insert("moved_out".into(), json!(d));
    }
    if let Some(p) = u.phone.as_deref().filter(|p| !p.trim().is_empty()) {
        let p = Phone::parse(p)?.into_string();
        record.insert("phone".into(), json!(mask_phone(&p)));
        fields.push(("phone", json!(p)));
    }
    if let Some(tags) = &u.care_tags {
        let tags = normalize_tags(tags)?;
        record.insert("care_tags".into(), json!(tags));
        fields.push(("care_tags", json!(serde_json::to_string(&tags)?)));
    }
    if let Some(note) = u.note.as_deref().map(str::trim).filter(|n| !n.is_empty()) {
        let line = format!("{day} 走访：{note}");
        let notes = if r.notes.is_empty() {
            line
        } else {
            format!("{}\n{line}", r.notes)
        };
        if notes.chars().count() > 500 {
            return Err(
                DomainError::coded("note", linli_domain::msg::NOTES_TOO_LONG, vec![]).into(),
            );
        }
        record.insert("note".into(), json!(note));
        fields.push(("notes", json!(notes)));
    }
    Ok((fields, Value::Object(record)))
}

impl Store {
    pub fn visit(&self, id: Id) -> Result<Visit> {
        let mut v = self
            .conn
            .prepare_cached(&format!("{SELECT} WHERE v.id = ?1"))?
            .query_row([id.to_string()], from_row)
            .optional()?
            .ok_or(Error::NotFound {
                what: "走访记录",
                id: id.to_string(),
            })??;
        v.at = shown_time(&v.at, &self.now());
        Ok(v)
    }

    /// Visits matching a SQL condition on `v` (and `h`), oldest first.
    pub(crate) fn visits_where(
        &self,
        cond: &str,
        args: &[&dyn rusqlite::ToSql],
    ) -> Result<Vec<Visit>> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!("{SELECT} WHERE {cond} ORDER BY v.at, v.id"))?;
        let now = self.now();
        let rows = stmt.query_map(args, from_row)?;
        rows.map(|r| {
            let mut v = r??;
            v.at = shown_time(&v.at, &now);
            Ok(v)
        })
        .collect()
    }

    pub(crate) fn household_scope_of(&self, household: Id) -> Result<Scope> {
        let h = self.household(household)?;
        let building = h.building_id.ok_or(Error::NotFound {
            what: "楼栋",
            id: household.to_string(),
        })?;
        scope_at(&self.conn, building, h.unit_id)
    }

    /// Logs a visit; its member updates go to the register and its follow-up opens a task, all
    /// in one transaction.
    pub fn log_visit(&mut self, req: &LogVisit) -> Result<VisitLogged> {
        self.log_visit_with(req, &[])
    }

    /// The visit form's 保存: the visit and the photos picked in the form, in one transaction.
    pub fn save_visit(&mut self, req: &SaveVisit) -> Result<VisitLogged> {
        self.log_visit_with(&req.visit, &req.photos)
    }

    fn log_visit_with(&mut self, req: &LogVisit, photos: &[NewPhoto]) -> Result<VisitLogged> {
        let (kind, outcome) = (req.kind.known("kind")?, req.outcome.known("outcome")?);
        let h = self.household(req.household_id)?;
        if h.moved_out.is_some() {
            return Err(Error::conflict(
                linli_domain::msg::MOVED_OUT_NO_VISIT,
                linli_domain::args![address = h.address],
            ));
        }
        self.person(req.visitor_id)?;
        let at = past_time_or_now(&self.now(), &req.at)?;
        let findings = check_findings(&req.findings)?;
        let scope = self.household_scope_of(req.household_id)?;
        let mut updates = Vec::new();
        let mut records = Vec::new();
        for u in &req.member_updates {
            let (fields, record) = member_fields(self, req.household_id, &at[..10], u)?;
            if !fields.is_empty() {
                updates.push((u.resident_id, fields));
                records.push(record);
            }
        }
        let follow = req
            .follow_up
            .as_ref()
            .map(super::tasks::check_new_task)
            .transpose()?;
        let staged = photos
            .iter()
            .map(|p| self.stage_photo(p))
            .collect::<Result<Vec<_>>>()?;
        let visit_id = self.next_id();
        let task_id = follow.as_ref().map(|_| self.next_id());
        let mut w = self.begin()?;
        w.insert_fact(RowWrite {
            table: "visits",
            row_id: visit_id,
            fields: vec![
                ("household_id", json!(req.household_id.to_string())),
                ("community_id", json!(id_text(scope.community))),
                ("visitor_id", json!(req.visitor_id.to_string())),
                ("at", json!(at)),
                ("kind", json!(kind.code())),
                ("outcome", json!(outcome.code())),
                ("findings", json!(findings)),
                ("member_updates", json!(serde_json::to_string(&records)?)),
                ("needs_follow_up", json!(follow.is_some())),
                ("corrects", Value::Null),
                ("void", json!(false)),
            ],
            scope,
        })?;
        for (resident, fields) in updates {
            w.write(RowWrite {
                table: "residents",
                row_id: resident,
                fields,
                scope,
            })?;
        }
        if let (Some(t), Some(task_id)) = (&follow, task_id) {
            let event = w.id();
            write_new_task(
                &mut w,
                (task_id, event),
                t,
                TaskPlace::Household(req.household_id),
                Some(req.visitor_id),
                Some(visit_id),
                &at,
                scope,
                Some(linli_domain::field::TaskSource::Visit),
            )?;
        }
        for p in &staged {
            super::attachments::write_staged(&mut w, ("visits", visit_id), p, scope)?;
        }
        w.commit()?;
        Ok(VisitLogged {
            visit: self.visit(visit_id)?,
            task: task_id.map(|t| self.task(t, None)).transpose()?,
            photos: self.attachments_of("visits", visit_id)?,
        })
    }

    /// Corrects a visit with a new visit fact pointing at it.
    pub fn correct_visit(&mut self, req: &CorrectVisit) -> Result<Visit> {
        let (kind, outcome) = (req.kind.known("kind")?, req.outcome.known("outcome")?);
        let old = self.visit(req.visit_id)?;
        if let Some(by) = old.corrected_by {
            return Err(Error::conflict(
                linli_domain::msg::VISIT_CORRECTED,
                linli_domain::args![by = by],
            ));
        }
        let at = match &req.at {
            Some(_) => past_time_or_now(&self.now(), &req.at)?,
            None => super::stamp_of(&self.now(), &old.at),
        };
        let findings = check_findings(&req.findings)?;
        let scope = self.household_scope_of(old.household_id)?;
        let id = self.next_id();
        let mut w = self.begin()?;
        w.insert_fact(RowWrite {
            table: "visits",
            row_id: id,
            fields: vec![
                ("household_id", json!(old.household_id.to_string())),
                ("community_id", json!(id_text(scope.community))),
                ("visitor_id", json!(id_text(old.visitor_id))),
                ("at", json!(at)),
                ("kind", json!(kind.code())),
                ("outcome", json!(outcome.code())),
                ("findings", json!(findings)),
                ("member_updates", json!("[]")),
                ("needs_follow_up", json!(old.needs_follow_up)),
                ("corrects", json!(old.id.to_string())),
                ("void", json!(req.void)),
            ],
            scope,
        })?;
        w.commit()?;
        self.visit(id)
    }

    pub fn get_visit_rules(&self, req: &GetVisitRules) -> Result<VisitRules> {
        let found: Option<(u32, u32)> = self
            .conn
            .prepare_cached(
                "SELECT care_days, everyone_days FROM visit_rules WHERE id = ?1 AND deleted = 0",
            )?
            .query_row([req.community_id.to_string()], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()?;
        let (care_days, everyone_days) =
            found.unwrap_or((DEFAULT_CARE_DAYS, DEFAULT_EVERYONE_DAYS));
        Ok(VisitRules {
            community_id: req.community_id,
            care_days,
            everyone_days,
        })
    }

    pub fn set_visit_rules(&mut self, req: &SetVisitRules) -> Result<VisitRules> {
        let c = self.place(req.community_id)?;
        self.may_set_rules()?;
        if c.kind != linli_domain::PlaceKind::Community {
            return Err(DomainError::coded(
                "community_id",
                linli_domain::msg::VISIT_RULE_NEEDS_COMMUNITY,
                vec![],
            )
            .into());
        }
        for (field, days) in [
            ("care_days", req.care_days),
            ("everyone_days", req.everyone_days),
        ] {
            if !(1..=365).contains(&days) {
                return Err(DomainError::coded(
                    field,
                    linli_domain::msg::VISIT_INTERVAL_RANGE,
                    vec![],
                )
                .into());
            }
        }
        let mut w = self.begin()?;
        write_visit_rules(&mut w, req)?;
        w.commit()?;
        self.get_visit_rules(&GetVisitRules {
            community_id: req.community_id,
        })
    }

    /// The day's visits with findings or a follow-up, unreviewed first.
    pub fn review_queue(&self, req: &ReviewQueue) -> Result<Vec<Visit>> {
        let day = day_or_today(&self.now(), "day", &req.day)?;
        let area = self.area_of_place(req.place_id)?;
        let mut visits = self.visits_where(
            &format!(
                "substr(v.at, 1, 10) = ?1 AND (v.findings != '' OR v.needs_follow_up = 1)
                 AND (?2 IS NULL OR v.community_id = ?2) AND {EFFECTIVE}"
            ),
            params![day, id_text(area.community)],
        )?;
        if area.places.is_some() {
            let mut kept = Vec::new();
            for v in visits {
                let h = self.household(v.household_id)?;
                if area.holds(h.building_id, h.unit_id) {
                    kept.push(v);
                }
            }
            visits = kept;
        }
        visits.sort_by_key(|v| v.reviewed);
        Ok(visits)
    }

    /// Marks a visit reviewed, and raises a task from it when asked, in one transaction.
    pub fn review_visit(&mut self, req: &ReviewVisit) -> Result<VisitLogged> {
        let v = self.visit(req.visit_id)?;
        self.person(req.reviewer_id)?;
        let task = req
            .task
            .as_ref()
            .map(super::tasks::check_new_task)
            .transpose()?;
        let scope = self.household_scope_of(v.household_id)?;
        let at = self.now().stamp();
        let review_id = self.next_id();
        let task_id = task.as_ref().map(|_| self.next_id());
        let mut w = self.begin()?;
        if let (Some(t), Some(task_id)) = (&task, task_id) {
            let event = w.id();
            write_new_task(
                &mut w,
                (task_id, event),
                t,
                TaskPlace::Household(v.household_id),
                Some(req.reviewer_id),
                Some(v.id),
                &at,
                scope,
                Some(linli_domain::field::TaskSource::Visit),
            )?;
        }
        w.insert_fact(RowWrite {
            table: "visit_reviews",
            row_id: review_id,
            fields: vec![
                ("visit_id", json!(v.id.to_string())),
                ("reviewer_id", json!(req.reviewer_id.to_string())),
                ("at", json!(at)),
                ("note", json!(req.note.trim())),
                ("task_id", json!(id_text(task_id))),
            ],
            scope,
        })?;
        w.commit()?;
        Ok(VisitLogged {
            visit: self.visit(v.id)?,
            task: task_id.map(|t| self.task(t, None)).transpose()?,
            photos: Vec::new(),
        })
    }
}

/// Writes a community's visit rules (the row id is the community's).
pub(crate) fn write_visit_rules(w: &mut Writer<'_>, req: &SetVisitRules) -> Result<()> {
    w.write(RowWrite {
        table: "visit_rules",
        row_id: req.community_id,
        fields: vec![
            ("community_id", json!(req.community_id.to_string())),
            ("care_days", json!(req.care_days)),
            ("everyone_days", json!(req.everyone_days)),
            ("deleted", json!(false)),
        ],
        scope: Scope {
            community: Some(req.community_id),
            grid: None,
            place: Some(req.community_id),
        },
    })?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use linli_domain::field::{VisitKind, VisitOutcome};
    use linli_domain::Id;
    use linli_protocol::CorrectVisit;

    use crate::Store;

    /// A visit kind a newer laptop wrote is shown as unknown, kept in the row, and never written
    /// back as another kind.
    #[test]
    fn a_code_from_a_newer_laptop_is_kept_and_shown_as_unknown() {
        let s = Store::open_in_memory().unwrap();
        let id = Id::new();
        s.conn()
            .execute(
                "INSERT INTO visits (id, household_id, at, kind, outcome)
                 VALUES (?1, ?2, '2026-11-20T09:30:00+08:00', 'phone_call', 'left_a_note')",
                [id.to_string(), Id::new().to_string()],
            )
            .unwrap();
        let v = s.visit(id).unwrap();
        assert_eq!(v.kind, VisitKind::Unknown);
        assert_eq!(v.outcome, VisitOutcome::Unknown);
        assert_eq!(v.kind.label_zh(), "未知（新版本）");
        assert_eq!(v.at, "2026-11-20 09:30");
        let mut s = s;
        let err = s
            .correct_visit(&CorrectVisit {
                visit_id: id,
                at: None,
                kind: v.kind,
                outcome: VisitOutcome::Met,
                findings: String::new(),
                void: false,
            })
            .unwrap_err();
        assert!(err.to_string().contains("新版本"), "{err}");
        let kept: String = s
            .conn()
            .query_row(
                "SELECT kind FROM visits WHERE id = ?1",
                [id.to_string()],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(kept, "phone_call");
    }
}

#[cfg(test)]
#[path = "visits_photos_tests.rs"]
mod save_visit_tests;
