//! [`Accounts`] on the SQLite backend.

use linli_domain::Id;
use rusqlite::{params, OptionalExtension};

use super::{
    reveals, Accounts, AuditEntry, DeviceCheck, RevealEntry, RevealFilter, UserInfo, SEEN_EVERY_MS,
};
use crate::{Error, Result, SqliteDb};

fn no_user(name: &str) -> Error {
    Error::NotFound(format!("用户“{name}” (no such user)"))
}

impl Accounts for SqliteDb {
    async fn device_check(
        &self,
        county: String,
        device_id: Id,
        now_ms: i64,
        idle_ms: i64,
    ) -> Result<DeviceCheck> {
        self.call(move |conn| {
            let device = device_id.to_string();
            let found: Option<(i64, i64, Option<i64>)> = conn
                .query_row(
                    "SELECT u.disabled, d.enrolled_ms, d.last_seen_ms
                     FROM devices d JOIN users u ON u.county_id = d.county_id AND u.user_id = d.user_id
                     WHERE d.county_id = ?1 AND d.device_id = ?2",
                    params![county, device],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
                )
                .optional()?;
            let Some((disabled, enrolled_ms, seen_ms)) = found else {
                return Ok(DeviceCheck::Expired);
            };
            if disabled != 0 {
                return Ok(DeviceCheck::Disabled);
            }
            if now_ms - enrolled_ms.max(seen_ms.unwrap_or(0)) > idle_ms {
                return Ok(DeviceCheck::Expired);
            }
            if seen_ms.is_none_or(|seen| now_ms - seen >= SEEN_EVERY_MS) {
                conn.execute(
                    "UPDATE devices SET last_seen_ms = ?3 WHERE county_id = ?1 AND device_id = ?2",
                    params![county, device, now_ms],
                )?;
            }
            Ok(DeviceCheck::Active)
        })
        .await
    }

    async fn mark_seen(&self, county: String, device_id: Id, now_ms: i64) -> Result<()> {
        self.call(move |conn| {
            conn.execute(
                "UPDATE devices SET last_seen_ms = ?3 WHERE county_id = ?1 AND device_id = ?2",
                params![county, device_id.to_string(), now_ms],
            )?;
            Ok(())
        })
        .await
    }

    async fn user_disabled(&self, name: String) -> Result<bool> {
        self.call(move |conn| {
            let d: Option<i64> = conn
                .query_row("SELECT disabled FROM users WHERE name = ?1", [&name], |r| {
                    r.get(0)
                })
                .optional()?;
            Ok(d.is_some_and(|d| d != 0))
        })
        .await
    }

    async fn set_user_disabled(&self, name: String, disabled: bool) -> Result<()> {
        self.call(move |conn| {
            let n = conn.execute(
                "UPDATE users SET disabled = ?2 WHERE name = ?1",
                params![name, i64::from(disabled)],
            )?;
            if n == 0 {
                return Err(no_user(&name));
            }
            Ok(())
        })
        .await
    }

    async fn revoke_user_tokens(&self, name: String) -> Result<u64> {
        self.call(move |conn| {
            let tx = conn.transaction()?;
            let user: Option<(String, String)> = tx
                .query_row(
                    "SELECT county_id, user_id FROM users WHERE name = ?1",
                    [&name],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?;
            let Some((county, user)) = user else {
                return Err(no_user(&name));
            };
            // no token hashes to this (a hash is hex), and it stays unique per device
            let n = tx.execute(
                "UPDATE devices SET token_hash = 'revoked:' || county_id || ':' || device_id
                 WHERE county_id = ?1 AND user_id = ?2 AND token_hash NOT LIKE 'revoked:%'",
                params![county, user],
            )?;
            tx.commit()?;
            Ok(n as u64)
        })
        .await
    }

    async fn append_audit(&self, e: AuditEntry) -> Result<()> {
        self.call(move |conn| {
            conn.execute(
                "INSERT INTO audit (county_id, at_ms, actor, action, target, detail)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![e.county, e.at_ms, e.actor, e.action, e.target, e.detail],
            )?;
            Ok(())
        })
        .await
    }

    async fn audit_log(&self, since_ms: Option<i64>) -> Result<Vec<AuditEntry>> {
        self.call(move |conn| {
            let mut stmt = conn.prepare(
                "SELECT at_ms, actor, action, county_id, target, detail FROM audit
                 WHERE at_ms >= ?1 ORDER BY audit_id",
            )?;
            let rows = stmt.query_map([since_ms.unwrap_or(i64::MIN)], |r| {
                Ok(AuditEntry {
                    at_ms: r.get(0)?,
                    actor: r.get(1)?,
                    action: r.get(2)?,
                    county: r.get(3)?,
                    target: r.get(4)?,
                    detail: r.get(5)?,
                })
            })?;
            Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
        })
        .await
    }

    async fn reveals(&self, filter: RevealFilter) -> Result<Vec<RevealEntry>> {
        self.call(move |conn| {
            let mut stmt = conn.prepare("SELECT county_id, user_id, name FROM users")?;
            let names = stmt
                .query_map([], |r| Ok(((r.get(0)?, r.get(1)?), r.get(2)?)))?
                .collect::<rusqlite::Result<_>>()?;
            let mut stmt = conn.prepare(
                "SELECT county_id, row_id, field, value FROM field_state WHERE tbl = 'reveals'",
            )?;
            let rows = stmt
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            Ok(reveals::entries(rows, &names, &filter))
        })
        .await
    }

    async fn list_users_in(&self, county: String) -> Result<Vec<UserInfo>> {
        self.call(move |conn| {
            let mut stmt = conn.prepare(
                "SELECT user_id, place_id FROM grants WHERE county_id = ?1 ORDER BY place_id",
            )?;
            let mut grants: std::collections::HashMap<String, Vec<Id>> = Default::default();
            for r in stmt.query_map([&county], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
            })? {
                let (user, place) = r?;
                grants.entry(user).or_default().push(place.parse()?);
            }
            let mut stmt = conn.prepare(
                "SELECT user_id, name, role, county_wide, disabled FROM users
                 WHERE county_id = ?1 ORDER BY name",
            )?;
            let rows = stmt.query_map([&county], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, i64>(3)?,
                    r.get::<_, i64>(4)?,
                ))
            })?;
            let mut out = Vec::new();
            for r in rows {
                let (user, name, role, wide, disabled) = r?;
                out.push(UserInfo {
                    name,
                    role: linli_protocol::sync::Role::from_code(&role)
                        .unwrap_or(linli_protocol::sync::Role::GridWorker),
                    grants: grants.remove(&user).unwrap_or_default(),
                    county_wide: wide != 0,
                    disabled: disabled != 0,
                });
            }
            Ok(out)
        })
        .await
    }

    async fn place_tree_in(&self, county: String) -> Result<Vec<(Id, Option<Id>)>> {
        self.call(move |conn| {
            let mut stmt =
                conn.prepare("SELECT place_id, parent_id FROM place_tree WHERE county_id = ?1")?;
            let rows = stmt.query_map([&county], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, Option<String>>(1)?))
            })?;
            let mut out = Vec::new();
            for r in rows {
                let (p, parent) = r?;
                out.push((p.parse()?, parent.map(|s| s.parse()).transpose()?));
            }
            Ok(out)
        })
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn the_audit_log_refuses_to_be_changed() {
        let db = SqliteDb::open_in_memory().unwrap();
        db.append_audit(AuditEntry {
            at_ms: 1,
            actor: "root@vm".into(),
            action: "user.add".into(),
            county: "default".into(),
            target: "w".into(),
            detail: String::new(),
        })
        .await
        .unwrap();
        for sql in ["UPDATE audit SET actor = 'x'", "DELETE FROM audit"] {
            let err = db
                .call(move |conn| Ok(conn.execute(sql, [])?))
                .await
                .unwrap_err();
            assert!(err.to_string().contains("append-only"), "{sql}: {err}");
        }
        assert_eq!(db.audit_log(None).await.unwrap().len(), 1);
    }
}
