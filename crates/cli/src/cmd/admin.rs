//! `linli admin`: users, grants and devices of the server's database. A user belongs to one county
//! (`--county`, `default` when not given: a single-county server never names one); user names are
//! unique on the whole server, so the commands naming a user find its county themselves.

use std::path::PathBuf;

use clap::{Args, Subcommand};
use linli_domain::Id;
use linli_protocol::sync::Role;
use linli_server::db::DEFAULT_COUNTY;
use linli_server::{auth, ServerDb};

use crate::Failure;

#[derive(Debug, Args)]
pub struct AdminArgs {
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
    /// Set a user's password (from LINLI_PASSWORD or a prompt)
    Passwd { name: String },
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

fn password(prompt: &str) -> Result<String, Failure> {
    if let Ok(p) = std::env::var("LINLI_PASSWORD") {
        return Ok(p);
    }
    let p = rpassword::prompt_password(prompt)?;
    if p.is_empty() {
        return Err(anyhow::anyhow!("密码不能为空 (the password cannot be empty)").into());
    }
    Ok(p)
}

fn server_err(e: linli_server::Error) -> Failure {
    anyhow::anyhow!("{e}").into()
}

pub fn run(db: Option<PathBuf>, args: AdminArgs) -> Result<(), Failure> {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    rt.block_on(async move {
        let db = super::serve::server_db(db).await?;
        match args.what {
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
                    println!("已修改 {name} 的密码");
                }
                UserAction::Grant { name, places } => {
                    db.grant(name.clone(), places).await.map_err(server_err)?;
                    println!("已授权给 {name}");
                }
                UserAction::Revoke { name, places } => {
                    db.revoke_grants(name.clone(), places)
                        .await
                        .map_err(server_err)?;
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
                    db.revoke_device_in(county, device_id)
                        .await
                        .map_err(server_err)?;
                    println!("已停用设备 {device_id}");
                }
            },
        }
        Ok(())
    })
}
