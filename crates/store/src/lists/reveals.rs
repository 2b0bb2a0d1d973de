//! What a revealed export records: a synced `reveals` fact for each clear ID number and phone it
//! shows.

use linli_domain::Id;
use linli_protocol::ListKind;
use rusqlite::params;
use serde_json::json;

use crate::register::{id_text, scope_at};
use crate::write::{RowWrite, Scope, Writer};
use crate::{Result, Store};

use super::*;

/// Records the clear numbers an export shows, as (resident, column, scope): a synced `reveals`
/// fact each, like a reveal on the household page, in the transaction committed once the file is
/// written.
pub(crate) fn write_reveals(
    w: &mut Writer<'_>,
    revealed: Vec<(String, &'static str, Scope)>,
    device: Id,
    author: Option<Id>,
) -> Result<()> {
    let at = w.now().stamp();
    for (resident, column, scope) in revealed {
        let row_id = w.id();
        w.insert_fact(RowWrite {
            table: "reveals",
            row_id,
            fields: vec![
                ("resident_id", json!(resident)),
                ("field", json!(column)),
                ("at", json!(at)),
                ("device_id", json!(device.to_string())),
                ("author", json!(author.map(|a| a.to_string()))),
            ],
            scope,
        })?;
    }
    Ok(())
}

impl Store {
    /// The clear numbers a revealed export of `kind` shows, as (resident, column, scope): the
    /// heads' ID numbers and phones of a household list, every resident's of a resident list,
    /// the heads' phones of the visited households of a visit list. Other lists reveal nothing.
    pub(super) fn revealed_in_export(
        &self,
        kind: ListKind,
        place: Option<Id>,
        from: Option<&str>,
        to: Option<&str>,
    ) -> Result<Vec<(String, &'static str, Scope)>> {
        match kind {
            ListKind::Households | ListKind::Residents => {
                let heads = if matches!(kind, ListKind::Households) {
                    "AND r.relation = '户主'"
                } else {
                    ""
                };
                let sql = format!(
                    "{UNDER} SELECT r.id, r.id_number IS NOT NULL AS has_id_number,
                       r.phone IS NOT NULL AS has_phone, h.building_id, h.unit_id
                     FROM residents r JOIN households h ON h.id = r.household_id
                     WHERE {LIVING} AND r.deleted = 0 AND r.moved_out IS NULL {heads}"
                );
                self.reveal_rows(&sql, params![id_text(place)])
            }
            ListKind::Visits => {
                let area = self.area_of_place(place)?;
                self.visit_heads(id_text(area.community), from, to)
            }
            _ => Ok(Vec::new()),
        }
    }

    /// Records a revealed `linli export --format json` (every table, numbers in full): a synced
    /// `reveals` fact for each resident's ID number and phone in it, like a reveal on the
    /// household page. Called once the export is written; answers how many were recorded.
    pub fn record_json_export_reveals(&mut self) -> Result<usize> {
        let revealed = self.reveal_rows(
            "SELECT r.id, r.id_number IS NOT NULL AS has_id_number,
               r.phone IS NOT NULL AS has_phone, h.building_id, h.unit_id
             FROM residents r JOIN households h ON h.id = r.household_id ORDER BY r.id",
            [],
        )?;
        let n = revealed.len();
        let device = self.device_id();
        let author = self.author;
        let mut w = self.begin()?;
        write_reveals(&mut w, revealed, device, author)?;
        w.commit()?;
        Ok(n)
    }

    fn visit_heads(
        &self,
        community: Option<String>,
        from: Option<&str>,
        to: Option<&str>,
    ) -> Result<Vec<(String, &'static str, Scope)>> {
        let sql = "SELECT r.id, 0 AS has_id_number, r.phone IS NOT NULL AS has_phone,
               h.building_id, h.unit_id
             FROM households h JOIN residents r ON r.household_id = h.id
             WHERE r.relation = '户主' AND r.deleted = 0 AND r.moved_out IS NULL
               AND (?1 IS NULL OR h.community_id = ?1)
               AND EXISTS (SELECT 1 FROM visits v WHERE v.household_id = h.id
                 AND (?2 IS NULL OR substr(v.at, 1, 10) >= ?2)
                 AND (?3 IS NULL OR substr(v.at, 1, 10) <= ?3))";
        self.reveal_rows(sql, params![community, from, to])
    }

    /// The fields to record as revealed for each row of `sql`, which names the columns `id` (a
    /// resident), `has_id_number`, `has_phone`, `building_id` and `unit_id`.
    pub(crate) fn reveal_rows(
        &self,
        sql: &str,
        params: impl rusqlite::Params,
    ) -> Result<Vec<(String, &'static str, Scope)>> {
        let mut stmt = self.conn.prepare(sql)?;
        struct Found {
            resident: String,
            id_number: bool,
            phone: bool,
            building: Option<String>,
            unit: Option<String>,
        }
        let found: Vec<Found> = stmt
            .query_map(params, |r| {
                Ok(Found {
                    resident: r.get("id")?,
                    id_number: r.get("has_id_number")?,
                    phone: r.get("has_phone")?,
                    building: r.get("building_id")?,
                    unit: r.get("unit_id")?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut out = Vec::new();
        for Found {
            resident,
            id_number,
            phone,
            building,
            unit,
        } in found
        {
            let Some(building) = building.as_deref().and_then(|b| b.parse::<Id>().ok()) else {
                continue;
            };
            let unit = unit.as_deref().and_then(|u| u.parse::<Id>().ok());
            let scope = scope_at(&self.conn, building, unit)?;
            if id_number {
                out.push((resident.clone(), "id_number", scope));
            }
            if phone {
                out.push((resident, "phone", scope));
            }
        }
        Ok(out)
    }
}
