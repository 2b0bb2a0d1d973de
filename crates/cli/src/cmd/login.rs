//! `linli login`: enrol this laptop with a sync server and keep its device token, with how the
//! server is trusted (a county CA, or plain HTTP allowed) beside it. Signing in as another user
//! than the enrolled one hands the laptop over (issue 16): the previous user's unsent changes are
//! pushed under their token, then the laptop's rows, files and cursor are cleared; changes that
//! cannot be sent make it refuse, unless `--discard-unsent`.

use std::path::PathBuf;

use clap::Args;
use linli_store::Store;
use linli_sync::{HttpTransport, Trust};

use crate::Failure;

#[derive(Debug, Args)]
pub struct LoginArgs {
    /// The server, e.g. `https://sync.county.example` (http:// only for this machine, or with --insecure)
    #[arg(long)]
    pub server: String,
    #[arg(long)]
    pub user: String,
    /// The county's CA certificate (PEM), trusted besides the system's roots; remembered
    #[arg(long, value_name = "FILE")]
    pub ca: Option<PathBuf>,
    /// Allow plain http:// to another machine: passwords and records cross the network in clear
    #[arg(long)]
    pub insecure: bool,
    /// Signing in as another user: discard the previous user's changes that cannot be sent
    /// (its token was revoked, the server is unreachable) instead of refusing
    #[arg(long)]
    pub discard_unsent: bool,
}

pub fn run(store: &mut Store, args: LoginArgs) -> Result<(), Failure> {
    let ca_pem = match &args.ca {
        Some(path) => {
            let pem = std::fs::read_to_string(path).map_err(|e| {
                anyhow::anyhow!(
                    "无法读取根证书 {}：{e} (cannot read the CA file)",
                    path.display()
                )
            })?;
            linli_sync::parse_ca(&pem).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
            Some(pem)
        }
        None => None,
    };
    let server = args.server.trim().trim_end_matches('/').to_owned();
    let trust = Trust {
        ca_pem,
        insecure: args.insecure,
    };
    let mut t = HttpTransport::with_trust(&server, &trust).map_err(|e| anyhow::anyhow!("{e}"))?;
    if args.insecure && linli_sync::plain_http_elsewhere(&server) {
        eprintln!("警告：{server} 未加密，密码和居民信息会明文传输 (warning: plain HTTP, nothing is encrypted)");
    }
    let password = match std::env::var("LINLI_PASSWORD") {
        Ok(p) => p,
        Err(_) => rpassword::prompt_password(format!("{} 的密码 (password): ", args.user))?,
    };
    let name = std::env::var("HOSTNAME").unwrap_or_else(|_| "laptop".into());
    let previous = store.handover_from(&args.user)?;
    if let Some(p) = &previous {
        eprintln!(
            "这台电脑登录的是 {}：先上传其未同步的 {} 条修改，再清除本机的社区数据，改为 {} 的数据              (handing the laptop over from {} to {})",
            p.user,
            store.outbox_len()?,
            args.user,
            p.user,
            args.user
        );
    }
    let unsent = if args.discard_unsent {
        linli_sync::Unsent::Discard
    } else {
        linli_sync::Unsent::Keep
    };
    let resp = linli_sync::login_with(store, &mut t, &server, &args.user, &password, &name, unsent)
        .map_err(|e| match e {
            linli_sync::Error::Offline(why) => anyhow::anyhow!("连不上 {server}：{why}"),
            linli_sync::Error::Server {
                status: 429,
                message,
            } => anyhow::anyhow!("{message}"),
            linli_sync::Error::Unsent {
                previous,
                changes,
                files,
                why,
            } => {
                let args = linli_domain::args![previous = previous, count = changes + files];
                anyhow::anyhow!(
                    "{}\n({})\n原因 (why)：{why}\n要放弃它们，加上 --discard-unsent 再登录 (to discard them, sign in again with --discard-unsent)",
                    linli_domain::msg::SYNC_HANDOVER_UNSENT.zh(&args),
                    linli_domain::msg::fill(linli_domain::msg::SYNC_HANDOVER_UNSENT.en, &args, &|_, _| None),
                )
            }
            e => anyhow::anyhow!("{e}"),
        })?;
    store.save_server_trust(trust.ca_pem.as_deref(), trust.insecure)?;
    if let Some(p) = previous {
        println!(
            "已交接：{} 的数据已从本机清除；运行 linli sync 下载 {} 的数据 (handed over: run `linli sync` to download {}'s data)",
            p.user, args.user, args.user
        );
    }
    println!(
        "已登录 {}：用户 {}（{}），授权地点 {} 个；本机设备 {}",
        server,
        args.user,
        resp.role.code(),
        resp.grants.len(),
        store.device_id()
    );
    Ok(())
}
