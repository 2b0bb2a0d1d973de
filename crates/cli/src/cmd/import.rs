//! `linli import FILE --into PLACE_ID`: a household register (.xlsx, .xls, .csv) into a compound,
//! building or community, in one transaction; `--dry-run` reports without writing.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;
use linli_domain::Id;
use linli_protocol::{ImportCommit, ImportPreview, ImportSummary, RowIssue};
use linli_store::Store;

use crate::Failure;

#[derive(Debug, Args)]
pub struct Import {
    /// The register: .xlsx, .xls or .csv (UTF-8 or GBK)
    file: PathBuf,
    /// The compound, building or community to import into (its id; see `linli communities list`)
    #[arg(long, value_name = "PLACE_ID")]
    into: String,
    /// Read only this sheet
    #[arg(long, value_name = "NAME")]
    sheet: Option<String>,
    /// A saved header mapping (JSON) applied before the automatic one
    #[arg(long, value_name = "FILE")]
    mapping: Option<PathBuf>,
    /// Report what would be created and updated, write nothing
    #[arg(long)]
    dry_run: bool,
    /// Print the report as one JSON object
    #[arg(long)]
    json: bool,
}

pub(crate) fn place_id(text: &str) -> Result<Id, Failure> {
    text.trim().parse().map_err(|_| Failure {
        code: 1,
        message: format!("“{text}”不是有效的地点编号，请用 linli exec 的 list_places 或 place_children 查到编号后再试"),
    })
}

pub fn run(store: &mut Store, args: Import) -> Result<(), Failure> {
    let place_id = place_id(&args.into)?;
    let path = args.file.display().to_string();
    let mapping = args.mapping.map(|m| m.display().to_string());
    let summary = if args.dry_run {
        store.import_preview(&ImportPreview {
            path,
            place_id,
            sheet: args.sheet,
            mapping,
            headers: None,
        })?
    } else {
        store.import_commit(&ImportCommit {
            path,
            place_id,
            sheet: args.sheet,
            mapping,
            headers: None,
        })?
    };
    let mut out = std::io::stdout().lock();
    if args.json {
        serde_json::to_writer_pretty(&mut out, &summary).map_err(anyhow::Error::from)?;
        writeln!(out)?;
    } else {
        human(&mut out, &summary, args.dry_run)?;
    }
    Ok(())
}

fn human(out: &mut impl Write, s: &ImportSummary, dry_run: bool) -> std::io::Result<()> {
    let verb = if dry_run {
        "试导入（未写入）"
    } else {
        "已导入"
    };
    writeln!(
        out,
        "{verb}：住户新建 {} 户、更新 {} 户；居民新建 {} 人、更新 {} 人；拒绝 {} 行，提醒 {} 条。",
        s.households.created,
        s.households.updated,
        s.residents.created,
        s.residents.updated,
        s.refused.len(),
        s.warnings.len()
    )?;
    let list = |out: &mut dyn Write, title: &str, issues: &[RowIssue]| -> std::io::Result<()> {
        if !issues.is_empty() {
            writeln!(out, "{title}：")?;
            for i in issues {
                writeln!(out, "  {} 第{}行：{}", i.sheet, i.row, i.reason)?;
            }
        }
        Ok(())
    };
    list(out, "未导入的行", &s.refused)?;
    list(out, "请核对", &s.warnings)?;
    if dry_run {
        writeln!(
            out,
            "以上为试导入，数据库没有任何改动；去掉 --dry-run 即可导入。"
        )?;
    }
    Ok(())
}
