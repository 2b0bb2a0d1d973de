//! Fields by role on the laptop (issue 16, item 2). The server leaves out of a pull what the
//! signed-in user's role may not read (`linli_protocol::privacy`); the laptop keeps the role it
//! signed in as (`meta.sync_role`, from the enrolment's answer) so that it can say so: the window
//! shows "无权查看" where a withheld field would be (`Me::withheld`), a reveal is refused, and
//! exports write "无权查看" in place of ID numbers and phones.
//!
//! A withheld field is *unknown* here, never erased: a pulled change without it merges field
//! by field (`replica::merge`), so it keeps whatever this laptop holds and its version — a phone
//! a steward wrote at the door stays on the laptop that wrote it (see the tests).

use linli_protocol::privacy;
use linli_protocol::sync::Role;

use crate::journal::{get_meta, set_meta};
use crate::{Result, Store};

/// What the window and exports show where a withheld field would be.
pub const WITHHELD_TEXT: &str = "无权查看";

const ROLE: &str = "sync_role";

impl Store {
    /// Keeps the role this laptop signed in as (`linli login`, the desktop's sign-in).
    pub fn save_sync_role(&mut self, role: Role) -> Result<()> {
        set_meta(&self.conn, ROLE, role.code())
    }

    /// The role this laptop signed in as, if it signed in since roles were kept.
    pub fn sync_role(&self) -> Result<Option<Role>> {
        Ok(get_meta(&self.conn, ROLE)?.and_then(|c| Role::from_code(&c)))
    }

    /// Whether this laptop's user may not read ID numbers, phones and sensitive care tags.
    pub fn withheld(&self) -> Result<bool> {
        Ok(self.sync_role()?.is_some_and(privacy::restricted))
    }

    /// Refuses (`WITHHELD_FOR_ROLE`) what would show a withheld field in clear.
    pub(crate) fn refuse_withheld(&self) -> Result<()> {
        if self.withheld()? {
            return Err(linli_domain::DomainError::coded(
                "role",
                linli_domain::msg::WITHHELD_FOR_ROLE,
                vec![],
            )
            .into());
        }
        Ok(())
    }
}

/// A history entry as a restricted laptop shows it: its ID numbers and phones (which only this
/// laptop's own writes can hold) read 无权查看.
pub(crate) fn withhold_history(e: &mut linli_protocol::HistoryEntry) {
    for (field, v) in e.fields.iter_mut() {
        if !privacy::may_read(Role::Steward, &e.table, field) && !v.is_null() {
            *v = serde_json::Value::String(WITHHELD_TEXT.to_owned());
        }
    }
}

#[cfg(test)]
mod tests {
    use linli_domain::{Hlc, Id};
    use linli_protocol::sync::{Change, PullResponse, PulledChange};
    use serde_json::json;

    use super::*;
    use crate::replica::Schema;
    use crate::SyncWrite;

    fn page(after: i64, changes: Vec<Change>) -> PullResponse {
        PullResponse {
            next: after + changes.len() as i64,
            changes: changes
                .into_iter()
                .enumerate()
                .map(|(i, change)| PulledChange {
                    server_seq: after + i as i64 + 1,
                    needs_review: false,
                    read_only: false,
                    change,
                })
                .collect(),
            more: false,
            server_time: Hlc::new(1, 0),
        }
    }

    fn row(s: &Store, id: Id) -> (Option<String>, Option<String>, String, String) {
        s.conn()
            .query_row(
                "SELECT phone, id_number, name, _v FROM residents WHERE id = ?1",
                [id.to_string()],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .unwrap()
    }

    /// A steward's laptop: a resident arrives without its ID number and phone (the server left
    /// them out); the steward writes a phone told at the door; a later change from the server
    /// (a grid worker renamed the resident and corrected the phone, which is left out again)
    /// keeps the phone the steward wrote and its version: unknown is not erased.
    #[test]
    fn a_change_without_a_withheld_field_keeps_the_laptops_value_and_version() {
        let mut s = Store::open_in_memory().unwrap();
        let schema = Schema::default();
        let (resident, worker) = (Id::new(), Id::new());
        let change = |seq: i64, ms: u64, fields: serde_json::Value| Change {
            change_id: Id::new(),
            device_id: worker,
            device_seq: seq,
            hlc: Hlc::new(ms, 0),
            author: None,
            scope_community: None,
            scope_grid: None,
            scope_place: None,
            table: "residents".into(),
            row_id: resident,
            fields: serde_json::from_value(fields).unwrap(),
        };
        // the first pull: every field but the withheld ones
        let first = change(
            1,
            1_000,
            json!({"household_id": Id::new().to_string(), "name": "张三", "relation": "户主", "care_tags": "[\"独居老人\"]",
                   "notes": "", "deleted": 0, "party_member": 0}),
        );
        s.apply_pulled(&schema, &page(0, vec![first])).unwrap();
        let (phone, id_number, _, v) = row(&s, resident);
        assert_eq!((phone, id_number), (None, None));
        assert!(
            !v.contains("\"*\""),
            "a partial change claimed every column: {v}"
        );

        // the steward writes a phone (write-only): later than the first change
        let mine = s
            .write_row(
                &schema,
                SyncWrite {
                    table: "residents".into(),
                    row_id: resident,
                    fields: [("phone".to_owned(), json!("13911112222"))].into(),
                    scope_community: None,
                    scope_grid: None,
                    scope_place: None,
                },
                5_000,
            )
            .unwrap();
        let (_, _, _, before) = row(&s, resident);

        // a later change from the server, its phone left out
        let later = change(2, 20_000, json!({"name": "张三丰"}));
        let applied = s.apply_pulled(&schema, &page(1, vec![later])).unwrap();
        assert_eq!(applied.changed, 1);
        let (phone, id_number, name, after) = row(&s, resident);
        assert_eq!(name, "张三丰");
        assert_eq!(phone.as_deref(), Some("13911112222"), "the steward's phone");
        assert_eq!(id_number, None);
        let versions = crate::replica::merge::field_versions(&after);
        assert_eq!(
            versions["phone"],
            crate::replica::merge::field_versions(&before)["phone"],
            "the phone's version stays the steward's write"
        );
        assert_eq!(versions["phone"].hlc, mine.hlc);
        // the steward's phone is in its outbox, to be pushed
        assert!(s
            .journal()
            .unwrap()
            .iter()
            .any(|c| c.change_id == mine.change_id && c.fields.contains_key("phone")));
    }

    #[test]
    fn a_restricted_laptop_knows_it_and_refuses_a_reveal() {
        let mut s = Store::open_in_memory().unwrap();
        assert!(!s.withheld().unwrap(), "a laptop never signed in");
        s.save_sync_role(Role::GridWorker).unwrap();
        assert!(!s.withheld().unwrap());
        assert!(s.refuse_withheld().is_ok());
        for role in [Role::Steward, Role::Coordinator] {
            s.save_sync_role(role).unwrap();
            assert_eq!(s.sync_role().unwrap(), Some(role));
            assert!(s.withheld().unwrap());
            let e = s.refuse_withheld().unwrap_err().to_string();
            assert!(e.contains("无权查看"), "{e}");
        }
    }
}
