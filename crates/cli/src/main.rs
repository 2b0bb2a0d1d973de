//! `linli`: the command-line face of Linli. Every subcommand opens the same database file the
//! desktop uses and calls the same store functions with the same linli-protocol requests.

mod cmd;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// 邻里 Linli — 社区网格工作台（命令行）
#[derive(Debug, Parser)]
#[command(name = "linli", version, about, propagate_version = true)]
struct Cli {
    /// The database file [default: the user's data directory, linli/linli.db]
    #[arg(long, global = true, env = "LINLI_DB", value_name = "FILE")]
    db: Option<PathBuf>,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Communities (社区) in the register
    Communities {
        #[command(subcommand)]
        action: cmd::communities::Action,
    },
    /// Read linli-protocol requests as JSON lines on stdin, answer each as one JSON line
    Exec,
    /// Fill a new, empty database with a demo town
    Demo(cmd::demo::Demo),
    /// Search residents and households as the app's search box does
    Search(cmd::search::SearchArgs),
    /// Import a household register (.xlsx, .xls, .csv) into a compound, building or community
    Import(cmd::import::Import),
    /// Export data: --format json (every synced table, canonical), or a list
    /// (households, residents) as --format xlsx|csv
    Export(cmd::export::Export),
    /// Run the central sync server (--db FILE is the server's own database)
    Serve(cmd::serve::ServeArgs),
    /// Manage the server's users, grants and devices (--db FILE is the server's database)
    Admin(cmd::admin::AdminArgs),
    /// Enrol this laptop with a sync server
    Login(cmd::login::LoginArgs),
    /// Sync this laptop with its server now
    Sync(cmd::sync::SyncArgs),
    /// Figures for the report upward: coverage (走访覆盖率), tasks (五单 resolution and on-time
    /// rates), hours (volunteer service hours), work-units (party members' points per work unit)
    Report(cmd::report::ReportArgs),
    /// A volunteer's points statement with running balance
    Ledger(cmd::ledger::LedgerArgs),
    /// Back up this laptop's database and attachment files into one encrypted file
    Backup(cmd::backup::BackupArgs),
    /// Restore a backup as this laptop's database (the file there is kept aside)
    Restore(cmd::backup::RestoreArgs),
    /// Paper as PDF: visit sheets (入户走访单) with QR codes, a building's 楼盘表
    Print(cmd::print::PrintArgs),
}

/// A failure and the exit code it gives: 2 for a database file that cannot be used, 1 otherwise.
#[derive(Debug)]
pub struct Failure {
    pub code: u8,
    pub message: String,
}

impl From<linli_store::Error> for Failure {
    fn from(e: linli_store::Error) -> Self {
        let code = match e {
            linli_store::Error::Open { .. }
            | linli_store::Error::NotLinli { .. }
            | linli_store::Error::TooNew { .. }
            | linli_store::Error::PinNeeded { .. }
            | linli_store::Error::WrongPin { .. }
            | linli_store::Error::KeyFile { .. } => 2,
            _ => 1,
        };
        Failure {
            code,
            message: e.to_string(),
        }
    }
}

impl From<anyhow::Error> for Failure {
    fn from(e: anyhow::Error) -> Self {
        Failure {
            code: 1,
            message: format!("{e:#}"),
        }
    }
}

impl From<std::io::Error> for Failure {
    fn from(e: std::io::Error) -> Self {
        anyhow::Error::from(e).into()
    }
}

/// Opens the database with this laptop's key: the OS keystore, else the PIN from `LINLI_PIN` or,
/// on a terminal, typed (twice when it is being set).
fn open(db: Option<PathBuf>) -> Result<linli_store::Store, Failure> {
    use std::io::IsTerminal as _;
    let path = db.unwrap_or_else(linli_store::default_db_path);
    match linli_store::Store::open(&path) {
        Err(linli_store::Error::PinNeeded { first, .. }) if std::io::stdin().is_terminal() => {
            let pin = if first {
                eprintln!(
                    "这台电脑没有可用的系统钥匙串：请设置一个至少 {} 位的 PIN 保护数据库（忘记 PIN 将无法打开数据库）。",
                    linli_store::MIN_PIN_CHARS
                );
                let pin = rpassword::prompt_password("设置 PIN (set a PIN): ")?;
                let again = rpassword::prompt_password("再输入一次 (again): ")?;
                if pin != again {
                    return Err(Failure {
                        code: 2,
                        message: "两次输入的 PIN 不一致，数据库没有创建。".into(),
                    });
                }
                pin
            } else {
                rpassword::prompt_password("PIN: ")?
            };
            Ok(linli_store::Store::open_with(
                &path,
                &linli_store::KeySource::with_pin(pin),
            )?)
        }
        other => Ok(other?),
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = (|| -> Result<(), Failure> {
        let command = match cli.command {
            Command::Serve(args) => return cmd::serve::run(cli.db, args),
            Command::Admin(args) => return cmd::admin::run(cli.db, args),
            Command::Restore(args) => return cmd::backup::run_restore(cli.db, args),
            other => other,
        };
        let mut store = open(cli.db)?;
        match command {
            Command::Communities { action } => cmd::communities::run(&mut store, action),
            Command::Exec => cmd::exec::run(store),
            Command::Demo(args) => cmd::demo::run(&mut store, args),
            Command::Search(args) => cmd::search::run(&mut store, args),
            Command::Import(args) => cmd::import::run(&mut store, args),
            Command::Export(args) => cmd::export::run(&mut store, args),
            Command::Login(args) => cmd::login::run(&mut store, args),
            Command::Sync(args) => cmd::sync::run(&mut store, args),
            Command::Report(args) => cmd::report::run(&mut store, args),
            Command::Ledger(args) => cmd::ledger::run(&mut store, args),
            Command::Backup(args) => cmd::backup::run(&mut store, args),
            Command::Print(args) => cmd::print::run(&mut store, args),
            Command::Serve(_) | Command::Admin(_) | Command::Restore(_) => {
                unreachable!("handled above")
            }
        }
    })();
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(f) => {
            eprintln!("linli: {}", f.message);
            ExitCode::from(f.code)
        }
    }
}
