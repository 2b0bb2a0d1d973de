//! The admin API (管理, issue 22): an administrator's laptop lists and changes the users and
//! devices within the administrator's grants. Only an admin token is allowed (403 otherwise);
//! a county-wide administrator manages the whole county, any other only the users whose every
//! grant lies under one of theirs, and grants only places under theirs. Every check is made
//! before anything changes, so a refused request changes nothing; every change leaves a row in
//! the append-only audit log, as `linli admin` does.

use std::collections::HashSet;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use linli_domain::{args, msg, Id};
use linli_protocol::admin::{
    AdminAct, AdminAction, AdminAuditEntry, AdminDevice, AdminOverview, AdminOverviewQuery,
    AdminUser,
};
use linli_protocol::sync::Role;

use super::{authenticate, body_of, check_version, decode, encode};
use crate::accounts::{AuditEntry, UserInfo};
use crate::db::{DeviceAuth, ServerDb};
use crate::error::ApiError;
use crate::scope::{Sight, Tree};
use crate::{auth, AppState, Error};

/// The longest user name the 管理 page accepts, in characters.
pub const MAX_NAME_CHARS: usize = 64;
/// How many audit rows the overview carries, newest first.
const AUDIT_SHOWN: usize = 200;

fn forbidden(m: msg::Msg, args: msg::Args) -> ApiError {
    ApiError::said(StatusCode::FORBIDDEN, "forbidden", m, args)
}

/// `POST /v1/admin/overview`: the users, devices and audit the administrator manages.
pub(super) async fn overview<D: ServerDb>(
    State(state): State<Arc<AppState<D>>>,
    headers: HeaderMap,
    body: Result<Bytes, axum::extract::rejection::BytesRejection>,
) -> Result<Response, ApiError> {
    check_version(&headers)?;
    let auth = authenticate(&state, &headers).await?;
    let _: AdminOverviewQuery = decode(&headers, &body_of(body)?)?;
    let admin = Admin::of(&state, auth).await?;
    Ok(encode(&admin.overview(&state).await?))
}

/// `POST /v1/admin/act`: one action, then the overview after it.
pub(super) async fn act<D: ServerDb>(
    State(state): State<Arc<AppState<D>>>,
    headers: HeaderMap,
    body: Result<Bytes, axum::extract::rejection::BytesRejection>,
) -> Result<Response, ApiError> {
    check_version(&headers)?;
    let auth = authenticate(&state, &headers).await?;
    let req: AdminAct = decode(&headers, &body_of(body)?)?;
    let admin = Admin::of(&state, auth).await?;
    admin.act(&state, req.action).await?;
    // read again: the overview after the change
    let admin = Admin::of(&state, admin.auth).await?;
    Ok(encode(&admin.overview(&state).await?))
}

/// An authenticated administrator with what they may see of their county.
struct Admin {
    auth: DeviceAuth,
    tree: Tree,
    sight: Sight,
    users: Vec<UserInfo>,
}

impl Admin {
    async fn of<D: ServerDb>(state: &AppState<D>, auth: DeviceAuth) -> Result<Admin, ApiError> {
        if auth.role != Role::Admin {
            return Err(forbidden(msg::ADMIN_NOT_ADMIN, vec![]));
        }
        let tree = Tree::new(state.db.place_tree_in(auth.county.clone()).await?);
        let sight = Sight::new(&tree, auth.county_wide, &auth.grants);
        let users = state.db.list_users_in(auth.county.clone()).await?;
        Ok(Admin {
            auth,
            tree,
            sight,
            users,
        })
    }

    /// Whether the administrator manages `u`: the whole county if county-wide, else a user who
    /// is not county-wide and whose every grant (at least one) lies under the administrator's.
    fn manages(&self, u: &UserInfo) -> bool {
        self.sight.all
            || (!u.county_wide
                && !u.grants.is_empty()
                && u.grants.iter().all(|g| self.sight.below.contains(g)))
    }

    fn managed(&self) -> impl Iterator<Item = &UserInfo> {
        self.users.iter().filter(|u| self.manages(u))
    }

    /// The managed user of this name, or 403 (an unknown user reads the same: no probing).
    fn user(&self, name: &str) -> Result<&UserInfo, ApiError> {
        self.managed()
            .find(|u| u.name == name)
            .ok_or_else(|| forbidden(msg::ADMIN_USER_OUT_OF_GRANTS, args![name = name]))
    }

    /// Places to grant: at least one, each known to the server and under the administrator's.
    fn check_places(&self, places: &[Id]) -> Result<(), ApiError> {
        if places.is_empty() {
            return Err(ApiError::bad(msg::ADMIN_NO_GRANTS, vec![]));
        }
        for p in places {
            if !self.tree.parent.contains_key(p) {
                return Err(ApiError::bad(msg::ADMIN_PLACE_UNKNOWN, vec![]));
            }
            if !(self.sight.all || self.sight.below.contains(p)) {
                return Err(forbidden(msg::ADMIN_PLACE_OUT_OF_GRANTS, vec![]));
            }
        }
        Ok(())
    }

    async fn overview<D: ServerDb>(&self, state: &AppState<D>) -> Result<AdminOverview, ApiError> {
        let users: Vec<AdminUser> = self
            .managed()
            .map(|u| AdminUser {
                name: u.name.clone(),
                role: u.role,
                grants: u.grants.clone(),
                county_wide: u.county_wide,
                disabled: u.disabled,
            })
            .collect();
        let names: HashSet<&str> = users.iter().map(|u| u.name.as_str()).collect();
        let devices: Vec<AdminDevice> = state
            .db
            .list_devices_in(self.auth.county.clone())
            .await?
            .into_iter()
            .filter(|d| names.contains(d.user.as_str()))
            .map(|d| AdminDevice {
                device_id: d.device_id,
                user: d.user,
                name: d.name,
                enrolled_ms: d.enrolled_ms,
                last_seen_ms: d.last_seen_ms,
                revoked: d.revoked,
            })
            .collect();
        let device_ids: HashSet<String> = devices.iter().map(|d| d.device_id.to_string()).collect();
        let mut audit: Vec<AdminAuditEntry> = state
            .db
            .audit_log(None)
            .await?
            .into_iter()
            .filter(|e| e.county == self.auth.county)
            .filter(|e| {
                self.sight.all
                    || names.contains(e.target.as_str())
                    || device_ids.contains(&e.target)
            })
            .map(|e| AdminAuditEntry {
                at_ms: e.at_ms,
                actor: e.actor,
                action: e.action,
                target: e.target,
                detail: e.detail,
            })
            .collect();
        audit.reverse();
        audit.truncate(AUDIT_SHOWN);
        Ok(AdminOverview {
            me: self.auth.user.clone(),
            county_wide: self.auth.county_wide,
            grants: self.auth.grants.clone(),
            users,
            devices,
            audit,
        })
    }

    async fn act<D: ServerDb>(
        &self,
        state: &AppState<D>,
        action: AdminAction,
    ) -> Result<(), ApiError> {
        let db = &state.db;
        let (what, target, detail) = match action {
            AdminAction::AddUser {
                name,
                role,
                password,
                grants,
            } => {
                let name = check_name(&name)?;
                check_password(&password)?;
                self.check_places(&grants)?;
                if db.user_by_name(name.clone()).await?.is_some() {
                    return Err(taken(&name));
                }
                let hash = hash(password).await?;
                let detail = format!("role={} grants={}", role.code(), joined(&grants));
                db.add_user_in(self.auth.county.clone(), name.clone(), role, hash, grants)
                    .await
                    .map_err(|e| match e {
                        Error::Conflict(_) => taken(&name),
                        e => e.into(),
                    })?;
                ("user.add", name, detail)
            }
            AdminAction::ResetPassword { name, password } => {
                let u = self.user(&name)?;
                check_password(&password)?;
                let hash = hash(password).await?;
                db.set_password(u.name.clone(), hash).await?;
                let n = db.revoke_user_tokens(u.name.clone()).await?;
                ("user.passwd", name, format!("tokens_revoked={n}"))
            }
            AdminAction::SetDisabled { name, disabled } => {
                self.user(&name)?;
                if disabled && name == self.auth.user {
                    return Err(ApiError::bad(msg::ADMIN_NOT_YOURSELF, vec![]));
                }
                db.set_user_disabled(name.clone(), disabled).await?;
                let what = if disabled {
                    "user.disable"
                } else {
                    "user.enable"
                };
                (what, name, String::new())
            }
            AdminAction::Grant { name, places } => {
                self.user(&name)?;
                self.check_places(&places)?;
                let detail = joined(&places);
                db.grant(name.clone(), places).await?;
                ("user.grant", name, detail)
            }
            AdminAction::RevokeGrants { name, places } => {
                let u = self.user(&name)?;
                if places.is_empty() {
                    return Err(ApiError::bad(msg::ADMIN_NO_GRANTS, vec![]));
                }
                if !u.county_wide && u.grants.iter().all(|g| places.contains(g)) {
                    return Err(ApiError::bad(msg::ADMIN_LAST_GRANT, vec![]));
                }
                let detail = joined(&places);
                db.revoke_grants(name.clone(), places).await?;
                ("user.revoke", name, detail)
            }
            AdminAction::RevokeDevice { device_id } => {
                let names: HashSet<&str> = self.managed().map(|u| u.name.as_str()).collect();
                let device = db
                    .list_devices_in(self.auth.county.clone())
                    .await?
                    .into_iter()
                    .find(|d| d.device_id == device_id && names.contains(d.user.as_str()))
                    .ok_or_else(|| forbidden(msg::ADMIN_DEVICE_OUT_OF_GRANTS, vec![]))?;
                db.revoke_device_in(self.auth.county.clone(), device_id)
                    .await?;
                (
                    "device.revoke",
                    device_id.to_string(),
                    format!("user={}", device.user),
                )
            }
        };
        let short: String = self.auth.device_id.to_string().chars().take(8).collect();
        db.append_audit(AuditEntry {
            at_ms: crate::now_ms() as i64,
            actor: format!("{}@app:{short}", self.auth.user),
            action: what.to_owned(),
            county: self.auth.county.clone(),
            target,
            detail,
        })
        .await?;
        tracing::info!(admin = %self.auth.user, action = what, "admin action");
        Ok(())
    }
}

fn taken(name: &str) -> ApiError {
    ApiError::said(
        StatusCode::CONFLICT,
        "conflict",
        msg::ADMIN_NAME_TAKEN,
        args![name = name],
    )
}

/// A new user's name: trimmed, not empty, at most [`MAX_NAME_CHARS`], no space or control
/// character inside.
fn check_name(name: &str) -> Result<String, ApiError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(ApiError::bad(msg::ADMIN_NAME_EMPTY, vec![]));
    }
    if name.chars().count() > MAX_NAME_CHARS
        || name.chars().any(|c| c.is_whitespace() || c.is_control())
    {
        return Err(ApiError::bad(
            msg::ADMIN_NAME_BAD,
            args![max = MAX_NAME_CHARS],
        ));
    }
    Ok(name.to_owned())
}

fn check_password(password: &str) -> Result<(), ApiError> {
    if password.chars().count() < auth::MIN_PASSWORD_CHARS {
        return Err(ApiError::bad(
            msg::ADMIN_PASSWORD_SHORT,
            args![min = auth::MIN_PASSWORD_CHARS],
        ));
    }
    if password.len() > auth::MAX_PASSWORD_BYTES {
        return Err(ApiError::bad(
            msg::SERVER_PASSWORD_TOO_LONG,
            args![max = auth::MAX_PASSWORD_BYTES],
        ));
    }
    Ok(())
}

/// An argon2 hash, made on the blocking pool.
async fn hash(password: String) -> Result<String, ApiError> {
    tokio::task::spawn_blocking(move || auth::hash_password(&password))
        .await
        .map_err(|e| Error::Join(e.to_string()))?
        .map_err(ApiError::from)
}

fn joined(places: &[Id]) -> String {
    places
        .iter()
        .map(Id::to_string)
        .collect::<Vec<_>>()
        .join(",")
}
