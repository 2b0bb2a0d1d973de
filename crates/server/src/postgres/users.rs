//! Accounts and devices on the PostgreSQL backend: who a token belongs to, enrolling laptops,
//! adding users and their grants, listing and revoking devices.

use deadpool_postgres::GenericClient;
use linli_domain::Id;
use linli_protocol::sync::Role;
use uuid::Uuid;

use super::{id, uid, PgDb, USER_NAME_LOCK};
use crate::db::{
    check_county, DeviceAuth, DeviceInfo, UserRecord, DEVICE_ID_TAKEN, DEVICE_OF_ANOTHER_USER,
};
use crate::{Error, Result};

fn role_of(code: &str) -> Role {
    Role::from_code(code).unwrap_or(Role::GridWorker)
}

async fn grants_of(c: &impl GenericClient, county: &str, user: Uuid) -> Result<Vec<Id>> {
    let stmt = c
        .prepare_cached(
            "SELECT place_id FROM grants WHERE county_id = $1 AND user_id = $2 ORDER BY place_id",
        )
        .await?;
    let rows = c.query(&stmt, &[&county, &user]).await?;
    Ok(rows.iter().map(|r| id(r.get(0))).collect())
}

/// A user's county and id by its name, which is unique on the server.
async fn user_id_by_name(c: &impl GenericClient, name: &str) -> Result<(String, Uuid)> {
    c.query_opt(
        "SELECT county_id, user_id FROM users WHERE name = $1",
        &[&name],
    )
    .await?
    .map(|r| (r.get(0), r.get(1)))
    .ok_or_else(|| Error::NotFound(format!("用户“{name}” (no such user)")))
}

pub(super) async fn authenticate(
    db: &PgDb,
    county: String,
    token_hash: String,
) -> Result<Option<DeviceAuth>> {
    let client = db.pool.get().await?;
    // one round trip: the device, its user and the user's grants
    let stmt = client
        .prepare_cached(
            "SELECT d.device_id, d.user_id, d.revoked, u.name, u.role, u.county_wide,
                    ARRAY(SELECT g.place_id FROM grants g
                          WHERE g.county_id = d.county_id AND g.user_id = d.user_id
                          ORDER BY g.place_id)
             FROM devices d JOIN users u ON u.county_id = d.county_id AND u.user_id = d.user_id
             WHERE d.county_id = $1 AND d.token_hash = $2",
        )
        .await?;
    let Some(r) = client.query_opt(&stmt, &[&county, &token_hash]).await? else {
        return Ok(None);
    };
    Ok(Some(DeviceAuth {
        device_id: id(r.get(0)),
        user_id: id(r.get(1)),
        revoked: r.get(2),
        user: r.get(3),
        role: role_of(r.get(4)),
        grants: r.get::<_, Vec<Uuid>>(6).into_iter().map(id).collect(),
        county_wide: r.get(5),
        county,
    }))
}

pub(super) async fn user_by_name(db: &PgDb, name: String) -> Result<Option<UserRecord>> {
    let client = db.pool.get().await?;
    let Some(r) = client
        .query_opt(
            "SELECT county_id, user_id, role, password_hash, county_wide FROM users WHERE name = $1",
            &[&name],
        )
        .await?
    else {
        return Ok(None);
    };
    let county: String = r.get(0);
    let user: Uuid = r.get(1);
    Ok(Some(UserRecord {
        grants: grants_of(&client, &county, user).await?,
        county,
        user_id: id(user),
        name,
        role: role_of(r.get(2)),
        password_hash: r.get(3),
        county_wide: r.get(4),
    }))
}

pub(super) async fn enrol_device(
    db: &PgDb,
    user: UserRecord,
    device_id: Id,
    name: String,
    token_hash: String,
    now_ms: i64,
) -> Result<i64> {
    let mut client = db.pool.get().await?;
    let tx = client.transaction().await?;
    let owner = tx
        .query_opt(
            "SELECT revoked, user_id FROM devices WHERE county_id = $1 AND device_id = $2 FOR UPDATE",
            &[&user.county, &uid(&device_id)],
        )
        .await?;
    if owner
        .as_ref()
        .is_some_and(|r| r.get::<_, Uuid>(1) != uid(&user.user_id))
    {
        return Err(Error::Conflict(DEVICE_OF_ANOTHER_USER.into()));
    }
    match owner.map(|r| r.get::<_, bool>(0)) {
        Some(true) => {
            return Err(Error::Conflict(
                "这台设备已被管理员停用，不能再登录 (this device was revoked by the administrator)"
                    .into(),
            ))
        }
        Some(false) => {
            tx.execute(
                "UPDATE devices SET user_id = $3, name = $4, token_hash = $5
                 WHERE county_id = $1 AND device_id = $2",
                &[
                    &user.county,
                    &uid(&device_id),
                    &uid(&user.user_id),
                    &name,
                    &token_hash,
                ],
            )
            .await?;
        }
        None => {
            tx.execute(
                "INSERT INTO devices (county_id, device_id, user_id, name, token_hash, enrolled_ms, revoked)
                 VALUES ($1, $2, $3, $4, $5, $6, false)",
                &[&user.county, &uid(&device_id), &uid(&user.user_id), &name, &token_hash, &now_ms],
            )
            .await?;
        }
    }
    let last: i64 = tx
        .query_one(
            "SELECT coalesce(max(device_seq), 0) FROM changes WHERE county_id = $1 AND device_id = $2",
            &[&user.county, &uid(&device_id)],
        )
        .await?
        .get(0);
    tx.commit().await?;
    Ok(last)
}

pub(super) async fn add_device(
    db: &PgDb,
    user: UserRecord,
    device_id: Id,
    name: String,
    token_hash: String,
    now_ms: i64,
) -> Result<()> {
    let client = db.pool.get().await?;
    let n = client
        .execute(
            "INSERT INTO devices (county_id, device_id, user_id, name, token_hash, enrolled_ms, revoked)
             VALUES ($1, $2, $3, $4, $5, $6, false) ON CONFLICT (county_id, device_id) DO NOTHING",
            &[&user.county, &uid(&device_id), &uid(&user.user_id), &name, &token_hash, &now_ms],
        )
        .await?;
    if n == 0 {
        return Err(Error::Conflict(DEVICE_ID_TAKEN.into()));
    }
    Ok(())
}

pub(super) async fn add_user_in(
    db: &PgDb,
    county: String,
    name: String,
    role: Role,
    password_hash: String,
    grants: Vec<Id>,
) -> Result<Id> {
    check_county(&county)?;
    let mut client = db.pool.get().await?;
    let tx = client.transaction().await?;
    // names are unique on the whole server: one user is added at a time
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&USER_NAME_LOCK])
        .await?;
    let taken = tx
        .query_opt("SELECT county_id FROM users WHERE name = $1", &[&name])
        .await?;
    if let Some(r) = taken {
        let other: String = r.get(0);
        return Err(Error::Conflict(if other == county {
            format!("用户“{name}”已存在 (user exists)")
        } else {
            format!("用户“{name}”已存在于县（区）{other} (the name is taken in county {other}; user names are unique on the server)")
        }));
    }
    let user = Id::new();
    tx.execute(
        "INSERT INTO users (county_id, user_id, name, role, password_hash) VALUES ($1, $2, $3, $4, $5)",
        &[&county, &uid(&user), &name, &role.code(), &password_hash],
    )
    .await?;
    let places: Vec<Uuid> = grants.iter().map(uid).collect();
    tx.execute(
        "INSERT INTO grants (county_id, user_id, place_id) SELECT $1, $2, * FROM unnest($3::uuid[])
         ON CONFLICT DO NOTHING",
        &[&county, &uid(&user), &places],
    )
    .await?;
    tx.commit().await?;
    Ok(user)
}

pub(super) async fn set_password(db: &PgDb, name: String, hash: String) -> Result<()> {
    let client = db.pool.get().await?;
    let (county, user) = user_id_by_name(&client, &name).await?;
    client
        .execute(
            "UPDATE users SET password_hash = $3 WHERE county_id = $1 AND user_id = $2",
            &[&county, &user, &hash],
        )
        .await?;
    Ok(())
}

pub(super) async fn set_county_wide(db: &PgDb, name: String, on: bool) -> Result<()> {
    let client = db.pool.get().await?;
    let (county, user) = user_id_by_name(&client, &name).await?;
    client
        .execute(
            "UPDATE users SET county_wide = $3 WHERE county_id = $1 AND user_id = $2",
            &[&county, &user, &on],
        )
        .await?;
    Ok(())
}

pub(super) async fn grant(db: &PgDb, name: String, places: Vec<Id>) -> Result<()> {
    let client = db.pool.get().await?;
    let (county, user) = user_id_by_name(&client, &name).await?;
    let places: Vec<Uuid> = places.iter().map(uid).collect();
    client
        .execute(
            "INSERT INTO grants (county_id, user_id, place_id) SELECT $1, $2, * FROM unnest($3::uuid[])
             ON CONFLICT DO NOTHING",
            &[&county, &user, &places],
        )
        .await?;
    Ok(())
}

pub(super) async fn revoke_grants(db: &PgDb, name: String, places: Vec<Id>) -> Result<()> {
    let client = db.pool.get().await?;
    let (county, user) = user_id_by_name(&client, &name).await?;
    let places: Vec<Uuid> = places.iter().map(uid).collect();
    client
        .execute(
            "DELETE FROM grants WHERE county_id = $1 AND user_id = $2 AND place_id = ANY($3)",
            &[&county, &user, &places],
        )
        .await?;
    Ok(())
}

pub(super) async fn list_devices_in(db: &PgDb, county: String) -> Result<Vec<DeviceInfo>> {
    let client = db.pool.get().await?;
    let rows = client
        .query(
            "SELECT d.device_id, u.name, d.name, d.enrolled_ms, d.last_seen_ms, d.revoked
             FROM devices d JOIN users u ON u.county_id = d.county_id AND u.user_id = d.user_id
             WHERE d.county_id = $1 ORDER BY u.name, d.enrolled_ms",
            &[&county],
        )
        .await?;
    Ok(rows
        .iter()
        .map(|r| DeviceInfo {
            device_id: id(r.get(0)),
            user: r.get(1),
            name: r.get(2),
            enrolled_ms: r.get(3),
            last_seen_ms: r.get(4),
            revoked: r.get(5),
        })
        .collect())
}

pub(super) async fn revoke_device_in(db: &PgDb, county: String, device_id: Id) -> Result<()> {
    let client = db.pool.get().await?;
    let n = client
        .execute(
            "UPDATE devices SET revoked = true WHERE county_id = $1 AND device_id = $2",
            &[&county, &uid(&device_id)],
        )
        .await?;
    if n == 0 {
        return Err(Error::NotFound(format!(
            "设备 {device_id} (no such device)"
        )));
    }
    Ok(())
}
