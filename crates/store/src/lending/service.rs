//! The service desk: a copy to maintenance (out of lending, its hold's claim cleared, still
//! returnable) and back, inspected, cleaned, repaired with the next service due, retired, lost
//! and found. Each is a `copy_events` fact; the log is those facts.

use linli_domain::lending::{CopyAction, CopyStatus};
use linli_domain::Id;
use linli_protocol::*;
use serde_json::json;

use super::holds::{hold_event, offer_copy};
use super::scope;
use super::state::{copy_row, copy_state};
use super::stock::copy_view;
use crate::volunteers::{opt_date, text_field};
use crate::write::{RowWrite, Writer};
use crate::{Error, Result, Store};

pub(crate) fn copy_event(
    w: &mut Writer<'_>,
    copy: Id,
    community: Id,
    kind: &str,
    next_due: Option<&str>,
    note: &str,
) -> Result<()> {
    let id = w.id();
    let (today, at) = (w.now().today(), w.now().stamp());
    w.insert_fact(RowWrite {
        table: "copy_events",
        row_id: id,
        fields: vec![
            ("copy_id", json!(copy.to_string())),
            ("community_id", json!(community.to_string())),
            ("kind", json!(kind)),
            ("date", json!(today)),
            ("next_due", json!(next_due)),
            ("note", json!(note)),
            ("at", json!(at)),
        ],
        scope: scope(community),
    })?;
    // a copy leaving lending clears the claim of the hold it was set aside for
    if matches!(kind, "maintenance" | "retire" | "lost") {
        let today = w.now().today();
        if let Some((hold, _)) = copy_state(w.tx(), copy, &today)?.held_for {
            hold_event(w, hold, community, "released", None, None)?;
        }
    }
    Ok(())
}

impl Store {
    pub fn service_copy(&mut self, req: &ServiceCopy) -> Result<LendCopy> {
        let today = self.now().today();
        let c = copy_row(&self.conn, req.copy_id)?;
        let note = text_field("note", "备注", &req.note, 200, true)?;
        let next_due = opt_date("next_due", req.next_due.as_deref())?;
        let st = copy_state(&self.conn, c.id, &today)?;
        use CopyStatus as S;
        let allowed = match req.action {
            CopyAction::Maintenance => {
                matches!(st.status, S::OnShelf | S::HeldForPickup | S::OnLoan)
            }
            CopyAction::BackInService => st.status == S::Maintenance,
            CopyAction::Inspect | CopyAction::Clean | CopyAction::Repair => {
                !matches!(st.status, S::Retired | S::HandedOut)
            }
            CopyAction::Retire | CopyAction::Lost => {
                st.open_loans.is_empty() && !matches!(st.status, S::Retired | S::HandedOut)
            }
            CopyAction::Found => st.status == S::Lost,
            CopyAction::Unknown => false,
        };
        if !allowed {
            return Err(Error::conflict(
                linli_domain::msg::COPY_ACTION_NOW,
                linli_domain::args![
                    code = c.fields.code,
                    status = st.status.code(),
                    action = req.action.code()
                ],
            ));
        }
        let mut w = self.begin()?;
        copy_event(
            &mut w,
            c.id,
            c.community,
            req.action.code(),
            next_due.as_deref(),
            &note,
        )?;
        if matches!(req.action, CopyAction::BackInService | CopyAction::Found) {
            offer_copy(&mut w, c.id)?;
        }
        w.commit()?;
        copy_view(&self.conn, c.id, &today)
    }

    pub fn copy_log(&mut self, req: &CopyLog) -> Result<Vec<ServiceEntry>> {
        copy_row(&self.conn, req.copy_id)?;
        Ok(self
            .conn
            .prepare_cached(
                "SELECT id, kind, date, next_due, note FROM copy_events WHERE copy_id = ?1
                 ORDER BY at, id",
            )?
            .query_map([req.copy_id.to_string()], |r| {
                Ok(ServiceEntry {
                    id: r.get(0)?,
                    copy_id: req.copy_id,
                    action: CopyAction::read(&r.get::<_, String>(1)?),
                    date: r.get(2)?,
                    next_due: r.get(3)?,
                    note: r.get(4)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?)
    }
}
