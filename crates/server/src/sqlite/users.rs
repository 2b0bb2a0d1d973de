//! Accounts and devices on the SQLite backend: who a token belongs to, enrolling laptops,
//! adding users and their grants, listing and revoking devices.

use linli_domain::Id;
use linli_protocol::sync::Role;
use rusqlite::{params, Connection, OptionalExtension};

use crate::db::{DeviceAuth, DeviceInfo, UserRecord, DEVICE_ID_TAKEN, DEVICE_OF_ANOTHER_USER};
use crate::{Error, Result};

fn role_of(code: &str) -> Role {
    Role::from_code(code).unwrap_or(Role::GridWorker)
}

fn grants_of(conn: &Connection, county: &str, user: &str) -> Result<Vec<Id>> {
    let mut stmt = conn.prepare_cached(
        "SELECT place_id FROM grants WHERE county_id = ?1 AND user_id = ?2 ORDER BY place_id",
    )?;
    let rows = stmt.query_map(params![county, user], |r| r.get::<_, String>(0))?;
    let mut out = Vec::new();
    for r in rows {
        out.push(r?.parse()?);
    }
    Ok(out)
}

/// A user's county and id by its name, which is unique on the server.
fn user_id_by_name(conn: &Connection, name: &str) -> Result<(String, String)> {
    conn.query_row(
        "SELECT county_id, user_id FROM users WHERE name = ?1",
        [name],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .optional()?
    .ok_or_else(|| Error::NotFound(format!("用户“{name}” (no such user)")))
}

pub(super) fn authenticate(
    conn: &mut Connection,
    county: String,
    token_hash: String,
) -> Result<Option<DeviceAuth>> {
    let found: Option<(String, String, i64, String, String, i64)> = conn
        .query_row(
            "SELECT d.device_id, d.user_id, d.revoked, u.name, u.role, u.county_wide
             FROM devices d JOIN users u ON u.county_id = d.county_id AND u.user_id = d.user_id
             WHERE d.county_id = ?1 AND d.token_hash = ?2",
            [&county, &token_hash],
            |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                ))
            },
        )
        .optional()?;
    let Some((device, user, revoked, name, role, wide)) = found else {
        return Ok(None);
    };
    let grants = grants_of(conn, &county, &user)?;
    Ok(Some(DeviceAuth {
        county,
        device_id: device.parse()?,
        user_id: user.parse()?,
        user: name,
        role: role_of(&role),
        grants,
        county_wide: wide != 0,
        revoked: revoked != 0,
    }))
}

pub(super) fn user_by_name(conn: &mut Connection, name: String) -> Result<Option<UserRecord>> {
    let found: Option<(String, String, String, String, i64)> = conn
        .query_row(
            "SELECT county_id, user_id, role, password_hash, county_wide FROM users WHERE name = ?1",
            [&name],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )
        .optional()?;
    let Some((county, user, role, hash, wide)) = found else {
        return Ok(None);
    };
    Ok(Some(UserRecord {
        grants: grants_of(conn, &county, &user)?,
        county,
        user_id: user.parse()?,
        name,
        role: role_of(&role),
        password_hash: hash,
        county_wide: wide != 0,
    }))
}

pub(super) fn enrol_device(
    conn: &mut Connection,
    user: UserRecord,
    device_id: Id,
    name: String,
    token_hash: String,
    now_ms: i64,
) -> Result<i64> {
    let tx = conn.transaction()?;
    let owner: Option<(String, i64)> = tx
        .query_row(
            "SELECT user_id, revoked FROM devices WHERE county_id = ?1 AND device_id = ?2",
            params![user.county, device_id.to_string()],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    match owner {
        Some((owner, _)) if owner != user.user_id.to_string() => {
            return Err(Error::Conflict(DEVICE_OF_ANOTHER_USER.into()))
        }
        Some((_, revoked)) if revoked != 0 => {
            return Err(Error::Conflict(
                "这台设备已被管理员停用，不能再登录 (this device was revoked by the administrator)"
                    .into(),
            ))
        }
        Some(_) => {
            tx.execute(
                "UPDATE devices SET user_id = ?3, name = ?4, token_hash = ?5
                 WHERE county_id = ?1 AND device_id = ?2",
                params![
                    user.county,
                    device_id.to_string(),
                    user.user_id.to_string(),
                    name,
                    token_hash
                ],
            )?;
        }
        None => {
            tx.execute(
                "INSERT INTO devices (county_id, device_id, user_id, name, token_hash, enrolled_ms, revoked)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, 0)",
                params![user.county, device_id.to_string(), user.user_id.to_string(), name, token_hash, now_ms],
            )?;
        }
    }
    let last: i64 = tx.query_row(
        "SELECT coalesce(max(device_seq), 0) FROM changes WHERE county_id = ?1 AND device_id = ?2",
        params![user.county, device_id.to_string()],
        |r| r.get(0),
    )?;
    tx.commit()?;
    Ok(last)
}

pub(super) fn add_device(
    conn: &mut Connection,
    user: UserRecord,
    device_id: Id,
    name: String,
    token_hash: String,
    now_ms: i64,
) -> Result<()> {
    let n = conn.execute(
        "INSERT INTO devices (county_id, device_id, user_id, name, token_hash, enrolled_ms, revoked)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, 0) ON CONFLICT (county_id, device_id) DO NOTHING",
        params![user.county, device_id.to_string(), user.user_id.to_string(), name, token_hash, now_ms],
    )?;
    if n == 0 {
        return Err(Error::Conflict(DEVICE_ID_TAKEN.into()));
    }
    Ok(())
}

pub(super) fn add_user_in(
    conn: &mut Connection,
    county: String,
    name: String,
    role: Role,
    password_hash: String,
    grants: Vec<Id>,
) -> Result<Id> {
    let tx = conn.transaction()?;
    // names are unique on the whole server (one writer: no race)
    let taken: Option<String> = tx
        .query_row(
            "SELECT county_id FROM users WHERE name = ?1",
            [&name],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(other) = taken {
        return Err(Error::Conflict(if other == county {
            format!("用户“{name}”已存在 (user exists)")
        } else {
            format!("用户“{name}”已存在于县（区）{other} (the name is taken in county {other}; user names are unique on the server)")
        }));
    }
    let id = Id::new();
    tx.execute(
        "INSERT INTO users (county_id, user_id, name, role, password_hash) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![county, id.to_string(), name, role.code(), password_hash],
    )?;
    for g in grants {
        tx.execute(
            "INSERT INTO grants (county_id, user_id, place_id) VALUES (?1, ?2, ?3)
             ON CONFLICT DO NOTHING",
            params![county, id.to_string(), g.to_string()],
        )?;
    }
    tx.commit()?;
    Ok(id)
}

pub(super) fn set_password(conn: &mut Connection, name: String, hash: String) -> Result<()> {
    let (county, user) = user_id_by_name(conn, &name)?;
    conn.execute(
        "UPDATE users SET password_hash = ?3 WHERE county_id = ?1 AND user_id = ?2",
        params![county, user, hash],
    )?;
    Ok(())
}

pub(super) fn set_county_wide(conn: &mut Connection, name: String, on: bool) -> Result<()> {
    let (county, user) = user_id_by_name(conn, &name)?;
    conn.execute(
        "UPDATE users SET county_wide = ?3 WHERE county_id = ?1 AND user_id = ?2",
        params![county, user, i64::from(on)],
    )?;
    Ok(())
}

pub(super) fn grant(conn: &mut Connection, name: String, places: Vec<Id>) -> Result<()> {
    let tx = conn.transaction()?;
    let (county, user) = user_id_by_name(&tx, &name)?;
    for g in places {
        tx.execute(
            "INSERT INTO grants (county_id, user_id, place_id) VALUES (?1, ?2, ?3)
             ON CONFLICT DO NOTHING",
            params![county, user, g.to_string()],
        )?;
    }
    tx.commit()?;
    Ok(())
}

pub(super) fn revoke_grants(conn: &mut Connection, name: String, places: Vec<Id>) -> Result<()> {
    let tx = conn.transaction()?;
    let (county, user) = user_id_by_name(&tx, &name)?;
    for g in places {
        tx.execute(
            "DELETE FROM grants WHERE county_id = ?1 AND user_id = ?2 AND place_id = ?3",
            params![county, user, g.to_string()],
        )?;
    }
    tx.commit()?;
    Ok(())
}

pub(super) fn list_devices_in(conn: &mut Connection, county: String) -> Result<Vec<DeviceInfo>> {
    let mut stmt = conn.prepare(
        "SELECT d.device_id, u.name, d.name, d.enrolled_ms, d.last_seen_ms, d.revoked
         FROM devices d JOIN users u ON u.county_id = d.county_id AND u.user_id = d.user_id
         WHERE d.county_id = ?1 ORDER BY u.name, d.enrolled_ms",
    )?;
    let rows = stmt.query_map([&county], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, i64>(3)?,
            r.get::<_, Option<i64>>(4)?,
            r.get::<_, i64>(5)?,
        ))
    })?;
    let mut out = Vec::new();
    for r in rows {
        let (id, user, name, enrolled_ms, last_seen_ms, revoked) = r?;
        out.push(DeviceInfo {
            device_id: id.parse()?,
            user,
            name,
            enrolled_ms,
            last_seen_ms,
            revoked: revoked != 0,
        });
    }
    Ok(out)
}

pub(super) fn revoke_device_in(conn: &mut Connection, county: String, device_id: Id) -> Result<()> {
    let n = conn.execute(
        "UPDATE devices SET revoked = 1 WHERE county_id = ?1 AND device_id = ?2",
        params![county, device_id.to_string()],
    )?;
    if n == 0 {
        return Err(Error::NotFound(format!(
            "设备 {device_id} (no such device)"
        )));
    }
    Ok(())
}
