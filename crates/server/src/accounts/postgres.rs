//! [`Accounts`] on the PostgreSQL backend.

use linli_domain::Id;

use super::{
    reveals, Accounts, AuditEntry, DeviceCheck, RevealEntry, RevealFilter, UserInfo, SEEN_EVERY_MS,
};
use crate::{Error, PgDb, Result};

fn no_user(name: &str) -> Error {
    Error::NotFound(format!("用户“{name}” (no such user)"))
}

impl Accounts for PgDb {
    async fn device_check(
        &self,
        county: String,
        device_id: Id,
        now_ms: i64,
        idle_ms: i64,
    ) -> Result<DeviceCheck> {
        let client = self.pool.get().await?;
        let device = *device_id.as_uuid();
        let stmt = client
            .prepare_cached(
                "SELECT u.disabled, d.enrolled_ms, d.last_seen_ms
                 FROM devices d JOIN users u ON u.county_id = d.county_id AND u.user_id = d.user_id
                 WHERE d.county_id = $1 AND d.device_id = $2",
            )
            .await?;
        let Some(r) = client.query_opt(&stmt, &[&county, &device]).await? else {
            return Ok(DeviceCheck::Expired);
        };
        let (disabled, enrolled_ms, seen_ms): (bool, i64, Option<i64>) =
            (r.get(0), r.get(1), r.get(2));
        if disabled {
            return Ok(DeviceCheck::Disabled);
        }
        if now_ms - enrolled_ms.max(seen_ms.unwrap_or(0)) > idle_ms {
            return Ok(DeviceCheck::Expired);
        }
        if seen_ms.is_none_or(|seen| now_ms - seen >= SEEN_EVERY_MS) {
            let stmt = client
                .prepare_cached(
                    "UPDATE devices SET last_seen_ms = $3 WHERE county_id = $1 AND device_id = $2",
                )
                .await?;
            client.execute(&stmt, &[&county, &device, &now_ms]).await?;
        }
        Ok(DeviceCheck::Active)
    }

    async fn mark_seen(&self, county: String, device_id: Id, now_ms: i64) -> Result<()> {
        let client = self.pool.get().await?;
        client
            .execute(
                "UPDATE devices SET last_seen_ms = $3 WHERE county_id = $1 AND device_id = $2",
                &[&county, device_id.as_uuid(), &now_ms],
            )
            .await?;
        Ok(())
    }

    async fn user_disabled(&self, name: String) -> Result<bool> {
        let client = self.pool.get().await?;
        let r = client
            .query_opt("SELECT disabled FROM users WHERE name = $1", &[&name])
            .await?;
        Ok(r.is_some_and(|r| r.get::<_, bool>(0)))
    }

    async fn set_user_disabled(&self, name: String, disabled: bool) -> Result<()> {
        let client = self.pool.get().await?;
        let n = client
            .execute(
                "UPDATE users SET disabled = $2 WHERE name = $1",
                &[&name, &disabled],
            )
            .await?;
        if n == 0 {
            return Err(no_user(&name));
        }
        Ok(())
    }

    async fn revoke_user_tokens(&self, name: String) -> Result<u64> {
        let mut client = self.pool.get().await?;
        let tx = client.transaction().await?;
        let Some(r) = tx
            .query_opt(
                "SELECT county_id, user_id FROM users WHERE name = $1",
                &[&name],
            )
            .await?
        else {
            return Err(no_user(&name));
        };
        let (county, user): (String, uuid::Uuid) = (r.get(0), r.get(1));
        // no token hashes to this (a hash is hex), and it stays unique per device
        let n = tx
            .execute(
                "UPDATE devices SET token_hash = 'revoked:' || device_id::text
                 WHERE county_id = $1 AND user_id = $2 AND token_hash NOT LIKE 'revoked:%'",
                &[&county, &user],
            )
            .await?;
        tx.commit().await?;
        Ok(n)
    }

    async fn append_audit(&self, e: AuditEntry) -> Result<()> {
        let client = self.pool.get().await?;
        client
            .execute(
                "INSERT INTO audit (county_id, at_ms, actor, action, target, detail)
                 VALUES ($1, $2, $3, $4, $5, $6)",
                &[
                    &e.county, &e.at_ms, &e.actor, &e.action, &e.target, &e.detail,
                ],
            )
            .await?;
        Ok(())
    }

    async fn audit_log(&self, since_ms: Option<i64>) -> Result<Vec<AuditEntry>> {
        let client = self.pool.get().await?;
        let rows = client
            .query(
                "SELECT at_ms, actor, action, county_id, target, detail FROM audit
                 WHERE at_ms >= $1 ORDER BY audit_id",
                &[&since_ms.unwrap_or(i64::MIN)],
            )
            .await?;
        Ok(rows
            .iter()
            .map(|r| AuditEntry {
                at_ms: r.get(0),
                actor: r.get(1),
                action: r.get(2),
                county: r.get(3),
                target: r.get(4),
                detail: r.get(5),
            })
            .collect())
    }

    async fn reveals(&self, filter: RevealFilter) -> Result<Vec<RevealEntry>> {
        let client = self.pool.get().await?;
        let names = client
            .query("SELECT county_id, user_id::text, name FROM users", &[])
            .await?
            .iter()
            .map(|r| ((r.get(0), r.get(1)), r.get(2)))
            .collect();
        let rows = client
            .query(
                "SELECT county_id, row_id::text, field, value FROM field_state
                 WHERE tbl = 'reveals'",
                &[],
            )
            .await?
            .iter()
            .map(|r| (r.get(0), r.get(1), r.get(2), r.get(3)))
            .collect();
        Ok(reveals::entries(rows, &names, &filter))
    }

    async fn list_users_in(&self, county: String) -> Result<Vec<UserInfo>> {
        let client = self.pool.get().await?;
        let rows = client
            .query(
                "SELECT user_id, place_id FROM grants WHERE county_id = $1 ORDER BY place_id",
                &[&county],
            )
            .await?;
        let mut grants: std::collections::HashMap<uuid::Uuid, Vec<Id>> = Default::default();
        for r in &rows {
            grants
                .entry(r.get(0))
                .or_default()
                .push(Id::from_uuid(r.get(1)));
        }
        let rows = client
            .query(
                "SELECT user_id, name, role, county_wide, disabled FROM users
                 WHERE county_id = $1 ORDER BY name",
                &[&county],
            )
            .await?;
        Ok(rows
            .iter()
            .map(|r| UserInfo {
                name: r.get(1),
                role: linli_protocol::sync::Role::from_code(r.get::<_, &str>(2))
                    .unwrap_or(linli_protocol::sync::Role::GridWorker),
                grants: grants
                    .remove(&r.get::<_, uuid::Uuid>(0))
                    .unwrap_or_default(),
                county_wide: r.get(3),
                disabled: r.get(4),
            })
            .collect())
    }

    async fn place_tree_in(&self, county: String) -> Result<Vec<(Id, Option<Id>)>> {
        let client = self.pool.get().await?;
        let rows = client
            .query(
                "SELECT place_id, parent_id FROM place_tree WHERE county_id = $1",
                &[&county],
            )
            .await?;
        Ok(rows
            .iter()
            .map(|r| {
                (
                    Id::from_uuid(r.get(0)),
                    r.get::<_, Option<uuid::Uuid>>(1).map(Id::from_uuid),
                )
            })
            .collect())
    }
}
