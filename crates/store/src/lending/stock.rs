//! Kinds of item, their copies and each community's lending rules: validated, written through
//! the journal, read back with their derived figures.

use linli_domain::lending::{self as words, CopyStatus, DepositUnit};
use linli_domain::{DomainError, Id};
use linli_protocol::*;
use rusqlite::{Connection, OptionalExtension};
use serde_json::json;

use super::scope;
use super::state::{copies_by_code, copy_row, copy_state, kind_row, waiting_holds};
use crate::volunteers::{check_community, text_field};
use crate::write::{RowWrite, Writer};
use crate::{Error, Result, Store};

fn checked_kind(f: &LendKindFields) -> Result<LendKindFields> {
    let parts = crate::volunteers::word_list("parts", "配件", &f.parts, 30, usize::MAX)?;
    if parts.len() > words::MAX_PARTS {
        return Err(DomainError::coded(
            "parts",
            linli_domain::msg::LEND_TOO_MANY_PARTS,
            linli_domain::args![max = words::MAX_PARTS],
        )
        .into());
    }
    let unit = match f.deposit_unit {
        DepositUnit::Unknown => DepositUnit::None,
        u => u,
    };
    let deposit = if unit == DepositUnit::None {
        0
    } else {
        words::in_range("deposit", f.deposit, 1, words::MAX_DEPOSIT)?
    };
    Ok(LendKindFields {
        name: text_field("name", "物品名称", &f.name, 40, false)?,
        category: text_field("category", "类别", &f.category, 20, true)?,
        loan_days: words::in_range("loan_days", f.loan_days, 1, words::MAX_LOAN_DAYS)?,
        max_renewals: words::in_range("max_renewals", f.max_renewals, 0, words::MAX_RENEWALS)?,
        buffer_days: words::in_range("buffer_days", f.buffer_days, 0, words::MAX_BUFFER_DAYS)?,
        deposit_unit: unit,
        deposit,
        needs_approval: f.needs_approval,
        consumable: f.consumable,
        care_notes: text_field("care_notes", "保养说明", &f.care_notes, 500, true)?,
        parts,
    })
}

fn write_kind(w: &mut Writer<'_>, id: Id, community: Id, f: &LendKindFields) -> Result<()> {
    w.write(RowWrite {
        table: "lend_kinds",
        row_id: id,
        fields: vec![
            ("community_id", json!(community.to_string())),
            ("name", json!(f.name)),
            ("category", json!(f.category)),
            ("loan_days", json!(f.loan_days)),
            ("max_renewals", json!(f.max_renewals)),
            ("buffer_days", json!(f.buffer_days)),
            ("deposit_unit", json!(f.deposit_unit.code())),
            ("deposit", json!(f.deposit)),
            ("needs_approval", json!(f.needs_approval)),
            ("consumable", json!(f.consumable)),
            ("care_notes", json!(f.care_notes)),
            ("parts", json!(serde_json::to_string(&f.parts)?)),
            ("deleted", json!(0)),
        ],
        scope: scope(community),
    })?;
    Ok(())
}

/// A kind with its figures on `today`.
pub(crate) fn kind_view(conn: &Connection, id: Id, today: &str) -> Result<LendKind> {
    let k = kind_row(conn, id)?;
    let copies: Vec<Id> = conn
        .prepare_cached("SELECT id FROM lend_copies WHERE kind_id = ?1 AND deleted = 0")?
        .query_map([id.to_string()], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let (mut live, mut on_shelf) = (0, 0);
    for c in copies {
        match copy_state(conn, c, today)?.status {
            CopyStatus::OnShelf => {
                live += 1;
                on_shelf += 1;
            }
            CopyStatus::Retired | CopyStatus::Lost | CopyStatus::HandedOut => {}
            _ => live += 1,
        }
    }
    Ok(LendKind {
        id,
        community_id: k.community,
        fields: k.fields,
        copies: live,
        on_shelf,
        holds_waiting: waiting_holds(conn, id, today)?.len() as u32,
    })
}

/// A copy with its derived status on `today`.
pub(crate) fn copy_view(conn: &Connection, id: Id, today: &str) -> Result<LendCopy> {
    let c = copy_row(conn, id)?;
    let kind_name: String = conn
        .prepare_cached("SELECT name FROM lend_kinds WHERE id = ?1")?
        .query_row([c.kind_id.to_string()], |r| r.get(0))
        .optional()?
        .unwrap_or_default();
    let s = copy_state(conn, id, today)?;
    Ok(LendCopy {
        id,
        community_id: c.community,
        kind_id: c.kind_id,
        kind_name,
        fields: c.fields,
        status: s.status,
        open_loans: s.open_loans,
        held_until: s.held_for.map(|(_, until)| until),
        available_from: s.available_from,
        next_service: s.next_service,
    })
}

/// The one copy of a community bearing `code` (as scanned), or why not.
pub(crate) fn copy_by_code(conn: &Connection, community: Id, code: &str) -> Result<Id> {
    let code = words::normalize_code(code)?;
    match copies_by_code(conn, community, &code)?.as_slice() {
        [] => Err(Error::conflict(
            linli_domain::msg::LEND_NO_SUCH_CODE,
            linli_domain::args![code = code],
        )),
        [one] => Ok(*one),
        many => Err(Error::conflict(
            linli_domain::msg::LEND_CODE_TWICE,
            linli_domain::args![code = code, n = many.len()],
        )),
    }
}

fn checked_copy(
    conn: &Connection,
    community: Id,
    this: Option<Id>,
    f: &LendCopyFields,
) -> Result<LendCopyFields> {
    let code = words::normalize_code(&f.code)?;
    if let Some(other) = copies_by_code(conn, community, &code)?
        .into_iter()
        .find(|c| Some(*c) != this)
    {
        let kind: String = conn.query_row(
            "SELECT k.name FROM lend_copies c JOIN lend_kinds k ON k.id = c.kind_id WHERE c.id = ?1",
            [other.to_string()],
            |r| r.get(0),
        )?;
        return Err(Error::conflict(
            linli_domain::msg::LEND_CODE_TAKEN,
            linli_domain::args![code = code, kind = kind],
        ));
    }
    if let Some(v) = f.value {
        words::in_range("value", v, 0, 10_000_000)?;
    }
    Ok(LendCopyFields {
        code,
        serial: text_field("serial", "序列号", &f.serial, 60, true)?,
        condition: text_field("condition", "成色", &f.condition, 60, true)?,
        location: text_field("location", "存放位置", &f.location, 60, true)?,
        value: f.value,
        donor_resident_id: f.donor_resident_id,
        donor_unit: text_field("donor_unit", "捐赠单位", &f.donor_unit, 60, true)?,
    })
}

fn write_copy(
    w: &mut Writer<'_>,
    id: Id,
    community: Id,
    kind: Id,
    f: &LendCopyFields,
) -> Result<()> {
    w.write(RowWrite {
        table: "lend_copies",
        row_id: id,
        fields: vec![
            ("community_id", json!(community.to_string())),
            ("kind_id", json!(kind.to_string())),
            ("code", json!(f.code)),
            ("serial", json!(f.serial)),
            ("condition", json!(f.condition)),
            ("location", json!(f.location)),
            ("value", json!(f.value)),
            (
                "donor_resident_id",
                json!(f.donor_resident_id.map(|d| d.to_string())),
            ),
            ("donor_unit", json!(f.donor_unit)),
            ("deleted", json!(0)),
        ],
        scope: scope(community),
    })?;
    Ok(())
}

/// Sets a copy's condition as a return recorded it.
pub(crate) fn set_condition(w: &mut Writer<'_>, copy: Id, community: Id, c: &str) -> Result<()> {
    w.write(RowWrite {
        table: "lend_copies",
        row_id: copy,
        fields: vec![("condition", json!(c))],
        scope: scope(community),
    })?;
    Ok(())
}

pub(crate) const DEFAULT_RULES: (i64, i64, i64, i64) = (5, 14, 7, 3);

pub(crate) fn rules_of(conn: &Connection, community: Id) -> Result<LendRules> {
    let row: Option<(i64, i64, i64, i64)> = conn
        .prepare_cached(
            "SELECT max_loans, block_overdue_days, renew_overdue_days, pickup_days
             FROM lend_rules WHERE id = ?1 AND deleted = 0",
        )?
        .query_row([community.to_string()], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })
        .optional()?;
    let (max_loans, block_overdue_days, renew_overdue_days, pickup_days) =
        row.unwrap_or(DEFAULT_RULES);
    Ok(LendRules {
        community_id: community,
        max_loans,
        block_overdue_days,
        renew_overdue_days,
        pickup_days,
    })
}

impl Store {
    pub fn add_lend_kind(&mut self, req: &AddLendKind) -> Result<LendKind> {
        check_community(&self.conn, req.community_id)?;
        let f = checked_kind(&req.fields)?;
        let mut w = self.begin()?;
        let id = w.id();
        write_kind(&mut w, id, req.community_id, &f)?;
        w.commit()?;
        kind_view(&self.conn, id, &self.now().today())
    }

    pub fn edit_lend_kind(&mut self, req: &EditLendKind) -> Result<LendKind> {
        let k = kind_row(&self.conn, req.id)?;
        let f = checked_kind(&req.fields)?;
        let mut w = self.begin()?;
        write_kind(&mut w, req.id, k.community, &f)?;
        w.commit()?;
        kind_view(&self.conn, req.id, &self.now().today())
    }

    pub fn list_lend_kinds(&mut self, req: &ListLendKinds) -> Result<Vec<LendKind>> {
        let today = self.now().today();
        let ids: Vec<Id> = self
            .conn
            .prepare_cached(
                "SELECT id FROM lend_kinds WHERE community_id = ?1 AND deleted = 0
                 ORDER BY category, name, id",
            )?
            .query_map([req.community_id.to_string()], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        ids.into_iter()
            .map(|id| kind_view(&self.conn, id, &today))
            .collect()
    }

    pub fn add_lend_copy(&mut self, req: &AddLendCopy) -> Result<LendCopy> {
        let k = kind_row(&self.conn, req.kind_id)?;
        let f = checked_copy(&self.conn, k.community, None, &req.fields)?;
        let donor = super::donor::donor_volunteer(
            &self.conn,
            req.donor_points,
            req.donor_volunteer_id,
            f.donor_resident_id,
        )?;
        let mut w = self.begin()?;
        let id = w.id();
        write_copy(&mut w, id, k.community, k.id, &f)?;
        if let Some(v) = donor {
            let what = format!("{} {}", k.fields.name, f.code);
            super::donor::credit_donor(&mut w, v, req.donor_points, &what)?;
        }
        w.commit()?;
        copy_view(&self.conn, id, &self.now().today())
    }

    pub fn edit_lend_copy(&mut self, req: &EditLendCopy) -> Result<LendCopy> {
        let c = copy_row(&self.conn, req.id)?;
        let f = checked_copy(&self.conn, c.community, Some(c.id), &req.fields)?;
        let mut w = self.begin()?;
        write_copy(&mut w, c.id, c.community, c.kind_id, &f)?;
        w.commit()?;
        copy_view(&self.conn, req.id, &self.now().today())
    }

    /// The copies of a community; retired, lost and handed-out ones only when asked, so that
    /// search at the desk never offers them.
    pub fn list_lend_copies(&mut self, req: &ListLendCopies) -> Result<Vec<LendCopy>> {
        let today = self.now().today();
        let ids: Vec<Id> = self
            .conn
            .prepare_cached(
                "SELECT id FROM lend_copies WHERE community_id = ?1 AND deleted = 0
                 AND (?2 IS NULL OR kind_id = ?2) ORDER BY code, id",
            )?
            .query_map(
                rusqlite::params![
                    req.community_id.to_string(),
                    req.kind_id.map(|k| k.to_string())
                ],
                |r| r.get(0),
            )?
            .collect::<rusqlite::Result<_>>()?;
        let mut out = Vec::new();
        for id in ids {
            let c = copy_view(&self.conn, id, &today)?;
            let gone = matches!(
                c.status,
                CopyStatus::Retired | CopyStatus::Lost | CopyStatus::HandedOut
            );
            if req.include_gone || !gone {
                out.push(c);
            }
        }
        Ok(out)
    }

    pub fn find_lend_copy(&mut self, req: &FindLendCopy) -> Result<LendCopy> {
        let id = copy_by_code(&self.conn, req.community_id, &req.code)?;
        copy_view(&self.conn, id, &self.now().today())
    }

    pub fn get_lend_rules(&mut self, req: &GetLendRules) -> Result<LendRules> {
        check_community(&self.conn, req.community_id)?;
        rules_of(&self.conn, req.community_id)
    }

    /// Only an administrator changes the station's rules, as every community rule
    /// (`Store::may_set_rules`).
    pub fn set_lend_rules(&mut self, req: &SetLendRules) -> Result<LendRules> {
        let r = &req.rules;
        check_community(&self.conn, r.community_id)?;
        self.may_set_rules()?;
        let fields = vec![
            ("community_id", json!(r.community_id.to_string())),
            (
                "max_loans",
                json!(words::in_range("max_loans", r.max_loans, 1, 100)?),
            ),
            (
                "block_overdue_days",
                json!(words::in_range(
                    "block_overdue_days",
                    r.block_overdue_days,
                    0,
                    365
                )?),
            ),
            (
                "renew_overdue_days",
                json!(words::in_range(
                    "renew_overdue_days",
                    r.renew_overdue_days,
                    0,
                    365
                )?),
            ),
            (
                "pickup_days",
                json!(words::in_range("pickup_days", r.pickup_days, 1, 30)?),
            ),
            ("deleted", json!(0)),
        ];
        let mut w = self.begin()?;
        w.write(RowWrite {
            table: "lend_rules",
            row_id: r.community_id,
            fields,
            scope: scope(r.community_id),
        })?;
        w.commit()?;
        rules_of(&self.conn, r.community_id)
    }
}
