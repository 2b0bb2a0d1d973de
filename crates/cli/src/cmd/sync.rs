//! `linli sync`: push this laptop's changes and pull everyone else's, now.

use std::io::Write;

use clap::Args;
use linli_store::Store;
use linli_sync::{Engine, Error, HttpTransport, Progress};

use crate::Failure;

#[derive(Debug, Args)]
pub struct SyncArgs {
    /// Print only the summary line
    #[arg(long)]
    pub quiet: bool,
}

pub fn run(store: &mut Store, args: SyncArgs) -> Result<(), Failure> {
    let Some(enrolment) = store.enrolment()? else {
        return Err(anyhow::anyhow!("{}", Error::NotEnrolled).into());
    };
    let trust = linli_sync::Trust::of(store)?;
    let transport =
        HttpTransport::with_trust(&enrolment.server, &trust).map_err(|e| anyhow::anyhow!("{e}"))?;
    let mut engine = Engine::new(transport);
    let quiet = args.quiet;
    let mut progress = |p: Progress| {
        if quiet {
            return;
        }
        let line = match p {
            Progress::Pushed { sent, total } => format!("上传 {sent}/{total}"),
            Progress::Pulled { received, more } => {
                format!("下载 {received}{}", if more { " …" } else { "" })
            }
        };
        let mut err = std::io::stderr().lock();
        let _ = write!(err, "\r{line:<30}");
        let _ = err.flush();
    };
    match engine.sync(store, &mut progress) {
        Ok(r) => {
            if !quiet {
                eprintln!();
            }
            println!(
                "同步完成：上传 {}（接受 {}，拒绝 {}，待核查 {}），下载 {}（更新 {}）",
                r.pushed, r.accepted, r.refused, r.needs_review, r.pulled, r.applied
            );
            if r.blobs_sent + r.blobs_fetched + r.blobs_pending > 0 {
                println!(
                    "附件：上传 {}，下载 {}，待下次同步 {}",
                    r.blobs_sent, r.blobs_fetched, r.blobs_pending
                );
            }
            if r.refused > 0 {
                println!("有变更被服务器拒绝，请在“同步”页查看原因。");
            }
            let unapplied = store.sync_status()?.unapplied;
            if !unapplied.is_empty() {
                println!(
                    "有 {} 条从服务器收到的变更无法写入本机，已单独保存（其余照常同步）：",
                    unapplied.len()
                );
                for u in unapplied.iter().take(5) {
                    println!("  #{} {}：{}", u.server_seq, u.table, u.reason);
                }
            }
            Ok(())
        }
        Err(Error::Offline(why)) => {
            println!(
                "离线：连不上 {}，数据已保存在本机（待上传 {} 条），联网后再同步即可。({why})",
                enrolment.server,
                store.outbox_len()?
            );
            Ok(())
        }
        Err(e) => Err(anyhow::anyhow!("{e}").into()),
    }
}
