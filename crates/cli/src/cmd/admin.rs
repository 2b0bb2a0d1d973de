//! `linli admin`: users, grants and devices of the server's database. A user belongs to one county
//! (`--county`, `default` when not given: a single-county server never names one); user names are
//! unique on the whole server, so the commands naming a user find its county themselves. Every
//! command that changes something leaves a row in the append-only audit log (`linli admin audit`);
//! `erase` and `purge` (issue 16: a resident's personal fields erased everywhere) write theirs in
//! the erasure's own transaction.

use std::path::PathBuf;

use clap::{Args, Subcommand};
use linli_domain::Id;
use linli_protocol::sync::Role;
use linli_server::db::DEFAULT_COUNTY;
use linli_server::{auth, Accounts, AuditEntry, Erase, RevealFilter, ServerDb};

use crate::Failure;

#[derive(Debug, Args)]
pub struct AdminArgs {
    /// The server's configuration file (`linli serve --config`): its `database` is used unless
    /// --db is given
    #[arg(long, env = "LINLI_SERVER_CONFIG", value_name = "FILE")]
    pub config: Option<PathBuf>,
    #[command(subcommand)]
    pub what: What,
}

#[derive(Debug, Subcommand)]
pub enum What {
    /// Users and their grants
    User {
        #[command(subcommand)]
        action: UserAction,
    },
    /// Enrolled laptops
    Device {
        #[command(subcommand)]
        action: DeviceAction,
    },
    /// Every admin action so far: who, what, on whom, when
    Audit {
        /// Only actions from this day on (YYYY-MM-DD, UTC)
        #[arg(long, value_name = "DATE", value_parser = day_start_ms)]
        since: Option<i64>,
        /// One JSON object per line instead of a table
        #[arg(long)]
        json: bool,
    },
    /// Every reveal of an ID number or phone the laptops pushed: who (the signed-in user the
    /// server authenticated), which resident and number, when the server received it
    Reveals {
        /// Only reveals received from this day on (YYYY-MM-DD, UTC)
        #[arg(long, value_name = "DATE", value_parser = day_start_ms)]
        since: Option<i64>,
        /// Only reveals by this user (name)
        #[arg(long, value_name = "NAME")]
        user: Option<String>,
        /// Only reveals of this resident
        #[arg(long, value_name = "ID")]
        resident: Option<Id>,
        /// One JSON object per line instead of a table
        #[arg(long)]
        json: bool,
    },
    /// Erase a resident's personal fields (name, ID number, phone, birth date, care tags, notes…),
    /// or an outsider party's of a mediation case (name, gender, age, phone, address, unit), from
    /// the server's log and merged state; laptops rewrite their copies when they next sync
    Erase {
        /// The resident to erase (repeat for several)
        #[arg(
            long = "resident",
            value_name = "ID",
            required_unless_present = "parties"
        )]
        residents: Vec<Id>,
        /// A mediation case's outsider party to erase (repeat for several)
        #[arg(long = "party", value_name = "ID")]
        parties: Vec<Id>,
        /// The county the resident is registered in
        #[arg(long, value_name = "ID", default_value = DEFAULT_COUNTY, value_parser = county)]
        county: String,
    },
    /// Updates from this server (docs/updates.md): a signing key pair, the signed manifest of
    /// the updates folder, and checking it as a laptop would; no database is opened
    Release {
        #[command(subcommand)]
        action: super::release::Action,
    },
    /// Erase every resident who moved out before a day (retention), as `erase` does
    Purge {
        /// Residents (or their households) who moved out before this day, YYYY-MM-DD
        #[arg(long, value_name = "DATE", value_parser = a_day)]
        moved_out_before: String,
        /// The county to purge
        #[arg(long, value_name = "ID", default_value = DEFAULT_COUNTY, value_parser = county)]
        county: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum UserAction {
    /// Add a user; the password comes from LINLI_PASSWORD or a prompt
    Add {
        name: String,
        /// admin | grid-worker | steward | coordinator
        #[arg(long)]
        role: String,
        /// Places the user may work in (everything under them)
        #[arg(long = "grant", num_args = 1.., value_name = "PLACE_ID")]
        grants: Vec<Id>,
        /// Sees and writes the whole county, whatever the grants (the county's administrator)
        #[arg(long)]
        county_wide: bool,
        /// The county (tenant) the user works in: 1–32 letters, digits, - or _
        #[arg(long, value_name = "ID", default_value = DEFAULT_COUNTY, value_parser = county)]
        county: String,
    },
    /// Set a user's password (from LINLI_PASSWORD or a prompt); the user's laptops must sign in again
    Passwd { name: String },
    /// Stop a user (a worker who left): every laptop of theirs is refused at its next request
    Disable { name: String },
    /// Let a disabled user sync again
    Enable { name: String },
    /// Grant places to a user
    Grant {
        name: String,
        #[arg(required = true)]
        places: Vec<Id>,
    },
    /// Take places away from a user
    Revoke {
        name: String,
        #[arg(required = true)]
        places: Vec<Id>,
    },
}

#[derive(Debug, Subcommand)]
pub enum DeviceAction {
    /// List enrolled laptops
    List {
        /// The county whose laptops to list
        #[arg(long, value_name = "ID", default_value = DEFAULT_COUNTY, value_parser = county)]
        county: String,
    },
    /// Revoke a laptop: its next sync is refused
    Revoke {
        device_id: Id,
        /// The county the laptop is enrolled in
        #[arg(long, value_name = "ID", default_value = DEFAULT_COUNTY, value_parser = county)]
        county: String,
    },
}

/// A county id as `--county` takes it.
fn county(s: &str) -> Result<String, String> {
    linli_server::db::check_county(s)
        .map(|()| s.to_owned())
        .map_err(|e| e.to_string())
}

/// A day as `--moved-out-before` takes it.
fn a_day(s: &str) -> Result<String, String> {
    linli_server::erase::check_day(s)
        .map(|()| s.to_owned())
        .map_err(|e| e.to_string())
}

/// What an erasure changed, for the administrator who ran it.
fn print_erasure(r: &linli_server::ErasureReport) {
    let parties =
        r.residents.is_empty() && r.rows.iter().any(|row| row.table == "mediation_parties");
    if parties {
        let n = r
            .rows
            .iter()
            .filter(|row| row.table == "mediation_parties")
            .count();
        println!(
            "已删除 {n} 名调解当事人的个人信息，县（区）{} (erased {n} mediation parties)",
            r.county
        );
    } else {
        println!(
            "已删除 {} 位居民的个人信息，县（区）{} (erased {} residents)",
            r.residents.len(),
            r.county,
            r.residents.len()
        );
    }
    for id in &r.residents {
        println!("  居民 resident {id}");
    }
    println!("改写的记录 (rows rewritten): {}", r.rows.len());
    for row in &r.rows {
        println!("  {} {}: {}", row.table, row.row_id, row.fields.join(", "));
    }
    println!("改写的日志条目 (log entries rewritten): {}", r.log_entries);
    println!(
        "发给各电脑的删除通知 (redactions for laptops): {}",
        r.redactions
    );
}

/// A new password from LINLI_PASSWORD or a prompt: at least 8 characters, at most 256 bytes.
fn password(prompt: &str) -> Result<String, Failure> {
    let p = match std::env::var("LINLI_PASSWORD") {
        Ok(p) => p,
        Err(_) => rpassword::prompt_password(prompt)?,
    };
    auth::check_new_password(&p).map_err(server_err)?;
    Ok(p)
}

/// `YYYY-MM-DD` as the milliseconds of its midnight, UTC.
fn day_start_ms(s: &str) -> Result<i64, String> {
    let bad = || format!("日期“{s}”无效，请写成 YYYY-MM-DD (a date is YYYY-MM-DD)");
    let mut parts = s.trim().splitn(3, '-').map(|p| p.parse::<i64>().ok());
    let (Some(Some(y)), Some(Some(m)), Some(Some(d))) = (parts.next(), parts.next(), parts.next())
    else {
        return Err(bad());
    };
    if !linli_domain::date::is_valid(y as u32, m as u32, d as u32) || y < 1970 {
        return Err(bad());
    }
    // days from 1970-01-01 (Howard Hinnant's days_from_civil)
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Ok((era * 146_097 + doe - 719_468) * 86_400_000)
}

/// Who runs this command: the operating-system account and the machine, as the audit log keeps it.
fn actor() -> String {
    let user = std::env::var("SUDO_USER")
        .or_else(|_| std::env::var("USER"))
        .or_else(|_| std::env::var("USERNAME"))
        .unwrap_or_else(|_| "unknown".into());
    let host = std::env::var("HOSTNAME")
        .ok()
        .or_else(|| std::fs::read_to_string("/etc/hostname").ok())
        .map(|h| h.trim().to_owned())
        .filter(|h| !h.is_empty())
        .unwrap_or_else(|| "localhost".into());
    format!("{user}@{host}")
}

/// Appends one row to the audit log. The county of a named user is looked up; a failure to write
/// the row is an error (the action happened, so the message says so).
async fn audit(
    db: &linli_server::AnyDb,
    action: &str,
    county: Option<String>,
    target: &str,
    detail: String,
) -> Result<(), Failure> {
    let county = match county {
        Some(c) => c,
        None => db
            .user_by_name(target.to_owned())
            .await
            .ok()
            .flatten()
            .map_or_else(|| DEFAULT_COUNTY.to_owned(), |u| u.county),
    };
    db.append_audit(AuditEntry {
        at_ms: std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_millis() as i64),
        actor: actor(),
        action: action.to_owned(),
        county,
        target: target.to_owned(),
        detail,
    })
    .await
    .map_err(|e| {
        anyhow::anyhow!(
            "操作已完成，但审计记录写入失败 (done, but the audit row was not written): {e}"
        )
        .into()
    })
}

fn ids(places: &[Id]) -> String {
    places
        .iter()
        .map(Id::to_string)
        .collect::<Vec<_>>()
        .join(" ")
}

fn server_err(e: linli_server::Error) -> Failure {
    anyhow::anyhow!("{e}").into()
}

pub fn run(db: Option<PathBuf>, args: AdminArgs) -> Result<(), Failure> {
    let config = args
        .config
        .as_deref()
        .map(super::serve_config::ServerConfig::load)
        .transpose()?;
    let what = match args.what {
        What::Release { action } => return super::release::run(action, config.as_ref()),
        other => other,
    };
    let db = super::serve_config::database(db, config.as_ref());
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    rt.block_on(async move {
        let db = super::serve::server_db(db).await?;
        match what {
            What::Release { .. } => unreachable!("handled above"),
            What::User { action } => match action {
                UserAction::Add {
                    name,
                    role,
                    grants,
                    county_wide,
                    county,
                } => {
                    let role = Role::from_code(&role).ok_or_else(|| {
                        anyhow::anyhow!(
                            "未知角色“{role}”，可用：admin, grid-worker, steward, coordinator"
                        )
                    })?;
                    let hash = auth::hash_password(&password("新用户的密码 (password): ")?)
                        .map_err(server_err)?;
                    let none = grants.is_empty();
                    let detail = format!(
                        "role={} grants={}{}",
                        role.code(),
                        ids(&grants),
                        if county_wide { " county-wide" } else { "" }
                    );
                    let id = db
                        .add_user_in(county.clone(), name.clone(), role, hash, grants)
                        .await
                        .map_err(server_err)?;
                    if county_wide {
                        db.set_county_wide(name.clone(), true)
                            .await
                            .map_err(server_err)?;
                    } else if none {
                        eprintln!(
                            "注意：{name} 没有授权，也不是全县范围（--county-wide），同步时看不到任何数据 (note: {name} has no grants and is not --county-wide: a sync sees nothing)"
                        );
                    }
                    audit(&db, "user.add", Some(county.clone()), &name, detail).await?;
                    if county == DEFAULT_COUNTY {
                        println!("已添加用户 {name}（{id}）");
                    } else {
                        println!("已添加用户 {name}（{id}），县（区）{county}");
                    }
                }
                UserAction::Passwd { name } => {
                    let hash = auth::hash_password(&password("新密码 (new password): ")?)
                        .map_err(server_err)?;
                    db.set_password(name.clone(), hash)
                        .await
                        .map_err(server_err)?;
                    let n = db
                        .revoke_user_tokens(name.clone())
                        .await
                        .map_err(server_err)?;
                    audit(
                        &db,
                        "user.passwd",
                        None,
                        &name,
                        format!("tokens_revoked={n}"),
                    )
                    .await?;
                    println!("已修改 {name} 的密码；其 {n} 台电脑需用新密码重新登录");
                }
                UserAction::Disable { name } => {
                    db.set_user_disabled(name.clone(), true)
                        .await
                        .map_err(server_err)?;
                    audit(&db, "user.disable", None, &name, String::new()).await?;
                    println!("已停用用户 {name}：其电脑下次同步时将被拒绝");
                }
                UserAction::Enable { name } => {
                    db.set_user_disabled(name.clone(), false)
                        .await
                        .map_err(server_err)?;
                    audit(&db, "user.enable", None, &name, String::new()).await?;
                    println!("已恢复用户 {name}");
                }
                UserAction::Grant { name, places } => {
                    let detail = format!("places={}", ids(&places));
                    db.grant(name.clone(), places).await.map_err(server_err)?;
                    audit(&db, "user.grant", None, &name, detail).await?;
                    println!("已授权给 {name}");
                }
                UserAction::Revoke { name, places } => {
                    let detail = format!("places={}", ids(&places));
                    db.revoke_grants(name.clone(), places)
                        .await
                        .map_err(server_err)?;
                    audit(&db, "user.revoke", None, &name, detail).await?;
                    println!("已收回 {name} 的授权");
                }
            },
            What::Device { action } => match action {
                DeviceAction::List { county } => {
                    for d in db.list_devices_in(county).await.map_err(server_err)? {
                        println!(
                            "{}\t{}\t{}\t{}",
                            d.device_id,
                            d.user,
                            d.name,
                            if d.revoked {
                                "已停用 revoked"
                            } else {
                                "有效 active"
                            }
                        );
                    }
                }
                DeviceAction::Revoke { device_id, county } => {
                    db.revoke_device_in(county.clone(), device_id)
                        .await
                        .map_err(server_err)?;
                    audit(
                        &db,
                        "device.revoke",
                        Some(county),
                        &device_id.to_string(),
                        String::new(),
                    )
                    .await?;
                    println!("已停用设备 {device_id}");
                }
            },
            What::Audit { since, json } => {
                for e in db.audit_log(since).await.map_err(server_err)? {
                    if json {
                        println!(
                            "{}",
                            serde_json::to_string(&e).map_err(|e| anyhow::anyhow!("{e}"))?
                        );
                    } else {
                        println!(
                            "{}\t{}\t{}\t{}\t{}\t{}",
                            utc(e.at_ms),
                            e.actor,
                            e.action,
                            e.county,
                            e.target,
                            e.detail
                        );
                    }
                }
            }
            What::Reveals {
                since,
                user,
                resident,
                json,
            } => {
                let filter = RevealFilter {
                    since_ms: since,
                    user,
                    resident,
                };
                for e in db.reveals(filter).await.map_err(server_err)? {
                    if json {
                        println!(
                            "{}",
                            serde_json::to_string(&e).map_err(|e| anyhow::anyhow!("{e}"))?
                        );
                    } else {
                        let field = match e.field.as_str() {
                            "id_number" => "身份证号",
                            "phone" => "电话",
                            other => other,
                        };
                        let dash = || "-".to_string();
                        println!(
                            "{}\t{}\t{}\t{}\t{}\t{}",
                            e.received_at.unwrap_or_else(dash),
                            e.user.or(e.user_id).unwrap_or_else(dash),
                            e.county,
                            e.resident_id,
                            field,
                            e.device_id.unwrap_or_else(dash)
                        );
                    }
                }
            }
            What::Erase {
                residents,
                parties,
                county,
            } => {
                if !residents.is_empty() {
                    let report = db
                        .erase(
                            county.clone(),
                            linli_server::Which::Residents(residents),
                            actor(),
                        )
                        .await
                        .map_err(server_err)?;
                    print_erasure(&report);
                }
                if !parties.is_empty() {
                    let report = db
                        .erase(
                            county,
                            linli_server::Which::MediationParties(parties),
                            actor(),
                        )
                        .await
                        .map_err(server_err)?;
                    print_erasure(&report);
                }
            }
            What::Purge {
                moved_out_before,
                county,
            } => {
                let report = db
                    .erase(
                        county,
                        linli_server::Which::MovedOutBefore(moved_out_before),
                        actor(),
                    )
                    .await
                    .map_err(server_err)?;
                print_erasure(&report);
            }
        }
        Ok(())
    })
}

/// Milliseconds since 1970 as `YYYY-MM-DD HH:MM:SSZ`.
fn utc(ms: i64) -> String {
    let secs = ms.div_euclid(1000);
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    // civil_from_days (Howard Hinnant)
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02} {:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

#[cfg(test)]
mod tests {
    use super::{day_start_ms, utc};

    #[test]
    fn dates_and_times_of_the_audit_log() {
        assert_eq!(day_start_ms("1970-01-01"), Ok(0));
        assert_eq!(day_start_ms("2026-12-06"), Ok(1_796_515_200_000));
        assert!(day_start_ms("2026-02-30").is_err());
        assert!(day_start_ms("yesterday").is_err());
        assert_eq!(utc(1_796_515_200_000 + 3_723_000), "2026-12-06 01:02:03Z");
        assert_eq!(utc(0), "1970-01-01 00:00:00Z");
    }
}
