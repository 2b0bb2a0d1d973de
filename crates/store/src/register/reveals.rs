//! 查看记录 on a household's page (issue 16 item 3): the synced `reveals` facts of its residents,
//! with the server's stamp (who it authenticated, when it received them) where the laptop pulled
//! one, else the laptop's own claim.

use linli_domain::now::{local_minute_of, parse_stamp};
use linli_protocol::{HouseholdReveals, RevealField, RevealSeen};
use rusqlite::params;

use crate::{Result, Store};

/// One reveal row, by its named columns.
struct Seen {
    resident: linli_domain::Id,
    name: String,
    field: String,
    /// The server's stamp: who it authenticated, and when it received the fact.
    seen_name: Option<String>,
    seen_at: Option<String>,
    /// The laptop's own claim of when.
    at: String,
}

impl Store {
    /// Who saw which number of the household's residents, and when, newest first.
    pub fn household_reveals(&self, req: &HouseholdReveals) -> Result<Vec<RevealSeen>> {
        self.household(req.household_id)?;
        let offset = self.now().offset_minutes();
        let mut stmt = self.conn.prepare(
            "SELECT v.resident_id, r.name, v.field, v.seen_name, v.seen_at, v.at
             FROM reveals v JOIN residents r ON r.id = v.resident_id
             WHERE r.household_id = ?1",
        )?;
        let rows: Vec<Seen> = stmt
            .query_map(params![req.household_id.to_string()], |r| {
                Ok(Seen {
                    resident: r.get("resident_id")?,
                    name: r.get("name")?,
                    field: r.get("field")?,
                    seen_name: r.get("seen_name")?,
                    seen_at: r.get("seen_at")?,
                    at: r.get("at")?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut out: Vec<(i64, RevealSeen)> = Vec::with_capacity(rows.len());
        for Seen {
            resident,
            name,
            field,
            seen_name,
            seen_at,
            at,
        } in rows
        {
            let field = match field.as_str() {
                "id_number" => RevealField::IdNumber,
                "phone" => RevealField::Phone,
                _ => continue,
            };
            let stamped = seen_at.is_some();
            let when = seen_at.unwrap_or(at);
            let ms = parse_stamp(&when, offset).map_or(0, |s| s.utc_ms());
            out.push((
                ms,
                RevealSeen {
                    resident_id: resident,
                    resident_name: name,
                    field,
                    by: if stamped { seen_name } else { None },
                    at: local_minute_of(&when, offset),
                    stamped,
                },
            ));
        }
        out.sort_by_key(|r| std::cmp::Reverse(r.0));
        Ok(out.into_iter().map(|(_, r)| r).collect())
    }
}
