//! `linli import FILE --into PLACE_ID`: a household register (.xlsx, .xls, .csv) into a compound,
//! building or community, in one transaction; `--dry-run` reports without writing. A places list
//! (`linli export places`) needs no `--into`: its rows name every place from the county down.

use std::io::Write;
use std::path::PathBuf;

use clap::Args;
use linli_domain::Id;
use linli_protocol::{
    CreatedPlace, ImportCommit, ImportPlaces, ImportPreview, ImportSummary, ImportVolunteers,
    PlacesImported, RowIssue, VolunteersImported,
};
use linli_store::FileKind;
use linli_store::Store;

use crate::Failure;

#[derive(Debug, Args)]
pub struct Import {
    /// The register: .xlsx, .xls or .csv (UTF-8 or GBK)
    file: PathBuf,
    /// The compound, building or community to import into (its id; see `linli communities list`);
    /// not for a places list, which names its places from the top
    #[arg(long, value_name = "PLACE_ID")]
    into: Option<String>,
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
    let path = args.file.display().to_string();
    let kind = linli_store::import::file_kind(&path)?;
    if kind == FileKind::Places {
        return places(store, args, path);
    }
    let Some(into) = args.into.as_deref() else {
        return Err(Failure {
            code: 1,
            message: "请用 --into 指定导入到的社区、小区或楼栋（编号见 linli communities list）；只有地点名单（linli export places）不需要 --into".into(),
        });
    };
    let place_id = place_id(into)?;
    if matches!(kind, FileKind::Volunteers | FileKind::Teams) {
        return volunteers(store, args, path, place_id);
    }
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

/// A places list: every place of it found or created from the top.
fn places(store: &mut Store, args: Import, path: String) -> Result<(), Failure> {
    if args.into.is_some() || args.sheet.is_some() || args.mapping.is_some() {
        return Err(Failure {
            code: 1,
            message: "这是地点名单：每行从县（区）写到单元，直接导入即可，不接受 --into、--sheet 或 --mapping".into(),
        });
    }
    let done = store.import_places(&ImportPlaces {
        path,
        dry_run: args.dry_run,
    })?;
    let mut out = std::io::stdout().lock();
    if args.json {
        serde_json::to_writer_pretty(&mut out, &done).map_err(anyhow::Error::from)?;
        writeln!(out)?;
    } else {
        human_places(&mut out, &done, args.dry_run)?;
    }
    Ok(())
}

/// A volunteers or teams list into a community.
fn volunteers(store: &mut Store, args: Import, path: String, community: Id) -> Result<(), Failure> {
    if args.sheet.is_some() || args.mapping.is_some() {
        return Err(Failure {
            code: 1,
            message: "志愿者名单和服务队名单按表头直接导入，不接受 --sheet 或 --mapping".into(),
        });
    }
    let done = store.import_volunteers(&ImportVolunteers {
        path,
        community_id: community,
        dry_run: args.dry_run,
    })?;
    let mut out = std::io::stdout().lock();
    if args.json {
        serde_json::to_writer_pretty(&mut out, &done).map_err(anyhow::Error::from)?;
        writeln!(out)?;
        return Ok(());
    }
    human_volunteers(&mut out, &done, args.dry_run)?;
    Ok(())
}

fn human_volunteers(
    out: &mut impl Write,
    s: &VolunteersImported,
    dry_run: bool,
) -> std::io::Result<()> {
    let verb = if dry_run {
        "试导入（未写入）"
    } else {
        "已导入"
    };
    writeln!(
        out,
        "{verb}：志愿者新建 {} 人、更新 {} 人；服务队新建 {} 支、更新 {} 支；入队 {} 人次、变更 {} 人次；拒绝 {} 行，提醒 {} 条。",
        s.volunteers.created,
        s.volunteers.updated,
        s.teams.created,
        s.teams.updated,
        s.memberships.created,
        s.memberships.updated,
        s.refused.len(),
        s.warnings.len()
    )?;
    for (title, list) in [("未导入的行", &s.refused), ("请核对", &s.warnings)] {
        if !list.is_empty() {
            writeln!(out, "{title}：")?;
            for i in list {
                writeln!(out, "  {} 第{}行：{}", i.sheet, i.row, i.reason)?;
            }
        }
    }
    Ok(())
}

fn created_list(places: &[CreatedPlace]) -> String {
    places
        .iter()
        .map(|p| match &p.parent {
            Some(up) => format!("{}（{}，属{up}）", p.name, p.kind.label_zh()),
            None => format!("{}（{}）", p.name, p.kind.label_zh()),
        })
        .collect::<Vec<_>>()
        .join("、")
}

fn human_places(out: &mut impl Write, s: &PlacesImported, dry_run: bool) -> std::io::Result<()> {
    let verb = if dry_run {
        "试导入地点（未写入）"
    } else {
        "已导入地点"
    };
    writeln!(
        out,
        "{verb}：新建 {} 处，已有 {} 处；拒绝 {} 行。",
        s.created.len(),
        s.existing,
        s.refused.len()
    )?;
    if !s.created.is_empty() {
        writeln!(out, "新建：{}", created_list(&s.created))?;
    }
    for i in &s.refused {
        writeln!(out, "  {} 第{}行：{}", i.sheet, i.row, i.reason)?;
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
    if !s.created_places.is_empty() {
        let verb = if dry_run { "将新建" } else { "新建" };
        writeln!(out, "{verb}小区和楼栋：{}", created_list(&s.created_places))?;
    }
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
