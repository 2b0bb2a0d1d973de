//! `linli login`: enrol this laptop with a sync server and keep its device token.

use clap::Args;
use linli_store::Store;
use linli_sync::HttpTransport;

use crate::Failure;

#[derive(Debug, Args)]
pub struct LoginArgs {
    /// The server, e.g. http://127.0.0.1:8470
    #[arg(long)]
    pub server: String,
    #[arg(long)]
    pub user: String,
}

pub fn run(store: &mut Store, args: LoginArgs) -> Result<(), Failure> {
    let password = match std::env::var("LINLI_PASSWORD") {
        Ok(p) => p,
        Err(_) => rpassword::prompt_password(format!("{} 的密码 (password): ", args.user))?,
    };
    let name = std::env::var("HOSTNAME").unwrap_or_else(|_| "laptop".into());
    let mut t = HttpTransport::new(&args.server);
    let resp = linli_sync::login(store, &mut t, &args.server, &args.user, &password, &name)
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    println!(
        "已登录 {}：用户 {}（{}），授权地点 {} 个；本机设备 {}",
        args.server,
        args.user,
        resp.role.code(),
        resp.grants.len(),
        store.device_id()
    );
    Ok(())
}
