//! Correcting a party after registration (issue 20 item 1): the same checks as at 受理登记, the
//! case keeps a party on each side, no party twice; only the fields that change are written, so
//! another laptop's edit of another field survives the merge.

use linli_domain::phone::Phone;
use linli_domain::{Gender, Id};
use linli_protocol::*;
use rusqlite::OptionalExtension;
use serde_json::{json, Value};

use super::cases::{case_view, checked_party, party_view};
use super::{coded, scope};
use crate::write::RowWrite;
use crate::{Error, Result, Store};

impl Store {
    pub fn update_mediation_party(&mut self, req: &UpdateMediationParty) -> Result<MediationCase> {
        if self.mediation_withheld()? {
            return Err(coded("id", linli_domain::msg::MED_PARTY_WITHHELD, vec![]));
        }
        let found: Option<(Id, Id)> = self
            .conn
            .prepare_cached(
                "SELECT case_id, community_id FROM mediation_parties WHERE id = ?1 AND deleted = 0",
            )?
            .query_row([req.id.to_string()], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        let Some((case, community)) = found else {
            return Err(Error::NotFound {
                what: "调解当事人",
                id: req.id.to_string(),
            });
        };
        let today = self.now().today();
        // the window shows phones masked: one sent back as shown keeps the number held
        let held: String = self
            .conn
            .prepare_cached("SELECT phone FROM mediation_parties WHERE id = ?1")?
            .query_row([req.id.to_string()], |r| r.get(0))?;
        let mut asked = req.fields.clone();
        if Phone::parse(&held).is_ok_and(|p| p.mask() == asked.phone.trim()) {
            asked.phone = held;
        }
        let new = checked_party(&self.conn, community, &asked)?;
        let before = case_view(&self.conn, case, &today, false)?;
        let others: Vec<&MediationParty> =
            before.parties.iter().filter(|p| p.id != req.id).collect();
        let Some(old) = before.parties.iter().find(|p| p.id == req.id) else {
            return Err(Error::NotFound {
                what: "调解当事人",
                id: req.id.to_string(),
            });
        };
        if new.side != old.fields.side && !others.iter().any(|p| p.fields.side == old.fields.side) {
            return Err(coded(
                "side",
                linli_domain::msg::MED_PARTY_LAST_OF_SIDE,
                linli_domain::args![name = old.fields.name, side = old.fields.side.label_zh()],
            ));
        }
        let shown = party_view(&self.conn, req.id, new.clone(), false, &today)?;
        let twice = others
            .iter()
            .any(|q| match (new.resident_id, q.fields.resident_id) {
                (Some(a), Some(b)) => a == b,
                (None, None) => {
                    q.fields.name == shown.fields.name && q.fields.phone == shown.fields.phone
                }
                _ => false,
            });
        if twice {
            return Err(coded(
                "parties",
                linli_domain::msg::MED_PARTY_TWICE,
                linli_domain::args![name = shown.fields.name],
            ));
        }
        // the stored row (phones unmasked) against the new values: write what changes
        let stored: Vec<(&'static str, Value)> = self
            .conn
            .prepare_cached(
                "SELECT side, resident_id, name, gender, age, phone, address, unit
                 FROM mediation_parties WHERE id = ?1",
            )?
            .query_row([req.id.to_string()], |r| {
                Ok(vec![
                    ("side", json!(r.get::<_, String>(0)?)),
                    ("resident_id", json!(r.get::<_, Option<String>>(1)?)),
                    ("name", json!(r.get::<_, String>(2)?)),
                    ("gender", json!(r.get::<_, Option<String>>(3)?)),
                    ("age", json!(r.get::<_, Option<i64>>(4)?)),
                    ("phone", json!(r.get::<_, String>(5)?)),
                    ("address", json!(r.get::<_, String>(6)?)),
                    ("unit", json!(r.get::<_, String>(7)?)),
                ])
            })?;
        let wanted: [(&'static str, Value); 8] = [
            ("side", json!(new.side.code())),
            ("resident_id", json!(new.resident_id.map(|r| r.to_string()))),
            ("name", json!(new.name)),
            ("gender", json!(new.gender.map(Gender::code))),
            ("age", json!(new.age)),
            ("phone", json!(new.phone)),
            ("address", json!(new.address)),
            ("unit", json!(new.unit)),
        ];
        let fields: Vec<(&'static str, Value)> = wanted
            .into_iter()
            .filter(|(f, v)| stored.iter().any(|(g, w)| g == f && w != v))
            .collect();
        if !fields.is_empty() {
            let mut w = self.begin()?;
            w.write(RowWrite {
                table: "mediation_parties",
                row_id: req.id,
                fields,
                scope: scope(community),
            })?;
            w.commit()?;
        }
        case_view(&self.conn, case, &today, false)
    }
}
