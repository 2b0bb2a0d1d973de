//! `linli export`: `--format json` writes every synced table, canonical; `KIND --format xlsx|csv`
//! writes a list with Chinese headers, ID numbers and phones masked unless `--reveal`; the dated
//! lists (visits, tasks, hours) take `--from`/`--to`; the weekly agenda takes `--to`, its day;
//! `work-units` is the party members' points per work unit (`linli report work-units`) for the
//! community of `--place`; `places` is the places tree, one row per place with its path, that
//! `linli import` builds again on another laptop; `volunteers` and `teams` are the `--place`
//! community's volunteers (with their teams) and teams, which `linli import` reads back.

use std::path::PathBuf;

use clap::{Args, ValueEnum};
use linli_protocol::{
    ExportList, ExportPlaces, ExportVolunteers, ListKind, SheetFormat, VolunteerList,
};
use linli_store::Store;

use crate::Failure;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Every synced table, canonical (rows sorted by id): the same data gives the same bytes
    Json,
    /// A list as an Excel workbook
    Xlsx,
    /// A list as CSV (UTF-8 with BOM, opens in Excel and WPS)
    Csv,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Kind {
    /// 住户: one row per household living here now
    Households,
    /// 居民: one row per resident living here now
    Residents,
    /// 走访: the visits that count (corrections applied, voids left out), newest first
    Visits,
    /// 诉求: the requests (五单) raised in the period, with status, resolved and on time
    Tasks,
    /// 志愿时长: service-hour entries in the period, with whether each counts
    Hours,
    /// 周会商议程: the weekly consultation agenda — open tasks and the last 7 days' unreviewed
    /// findings, by grid — as of --to (today by default)
    Agenda,
    /// 党员积分: party members' points per work unit (as `linli report work-units`)
    WorkUnits,
    /// 地点: the places tree, one row per place with its path from the county down (--place:
    /// that place, the places above it and everything under it); `linli import` reads it back
    Places,
    /// 志愿者: the volunteers of the --place community, with their teams; `linli import` reads
    /// it back
    Volunteers,
    /// 服务队: the volunteer teams of the --place community, with their kinds
    Teams,
    /// 借用记录: every loan of the sharing stations (米邻驿站) under --place, csv only
    Loans,
}

#[derive(Debug, Args)]
pub struct Export {
    /// Which list, for xlsx and csv (json exports every table and takes none)
    #[arg(value_enum)]
    kind: Option<Kind>,
    #[arg(long, value_enum)]
    format: Format,
    /// Write here [json: standard output; xlsx/csv: 住户.xlsx, 居民.csv… in this folder]
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
    /// Write ID numbers and phones in full instead of masked
    #[arg(long)]
    reveal: bool,
    /// Only the households under this place (a community, compound, building or unit id); hours
    /// and work-units: its community
    #[arg(long, value_name = "PLACE_ID")]
    place: Option<String>,
    /// Visits, tasks, hours: first day (YYYY-MM-DD) [default: the earliest record]
    #[arg(long, value_name = "DATE")]
    from: Option<String>,
    /// Visits, tasks, hours: last day, inclusive (YYYY-MM-DD) [default: the latest record; tasks: today]; agenda: its day [default: today]
    #[arg(long, value_name = "DATE")]
    to: Option<String>,
}

fn failure(message: &str) -> Failure {
    Failure {
        code: 1,
        message: message.to_owned(),
    }
}

pub fn run(store: &mut Store, args: Export) -> Result<(), Failure> {
    let format = match args.format {
        Format::Json => {
            if args.kind.is_some()
                || args.place.is_some()
                || args.from.is_some()
                || args.to.is_some()
            {
                return Err(failure(
                    "--format json 导出全部数据表，不接受名单种类、--place、--from 或 --to；要导出名单请用 --format xlsx 或 csv",
                ));
            }
            // ID numbers and phones masked unless --reveal, which is recorded as a reveal of
            // every resident's numbers once the text is written
            let text = if args.reveal {
                store.export_canonical()?
            } else {
                store.export_masked()?
            };
            match args.out {
                Some(path) => std::fs::write(&path, text)?,
                None => {
                    use std::io::Write;
                    std::io::stdout().lock().write_all(text.as_bytes())?;
                }
            }
            if args.reveal {
                store.record_json_export_reveals()?;
            }
            return Ok(());
        }
        Format::Xlsx => SheetFormat::Xlsx,
        Format::Csv => SheetFormat::Csv,
    };
    let Some(kind) = args.kind else {
        return Err(failure(
            "请指定要导出的名单：linli export households|residents|visits|tasks|hours|agenda|work-units|places|volunteers|teams|loans --format xlsx|csv",
        ));
    };
    let ext = if format == SheetFormat::Xlsx {
        "xlsx"
    } else {
        "csv"
    };
    let place_id = args
        .place
        .as_deref()
        .map(super::import::place_id)
        .transpose()?;
    let kind = match kind {
        Kind::Loans => {
            if format != SheetFormat::Csv || args.reveal || args.from.is_some() || args.to.is_some()
            {
                return Err(failure(
                    "借用记录只导出为 CSV（--format csv），不接受 --reveal、--from 或 --to",
                ));
            }
            return super::lending::export(store, place_id, args.out);
        }
        Kind::Places => {
            if args.reveal || args.from.is_some() || args.to.is_some() {
                return Err(failure("地点名单只有地名，不接受 --reveal、--from 或 --to"));
            }
            let path = args
                .out
                .unwrap_or_else(|| PathBuf::from(format!("地点.{ext}")));
            let done = store.export_places(&ExportPlaces {
                format,
                path: path.display().to_string(),
                place_id,
            })?;
            println!(
                "已导出地点名单 {} 行到 {}（在另一台电脑上用 linli import 导入，即可建好同样的地点）",
                done.rows, done.path
            );
            return Ok(());
        }
        Kind::Volunteers | Kind::Teams => {
            let (list, name) = match kind {
                Kind::Teams => (VolunteerList::Teams, "服务队"),
                _ => (VolunteerList::Volunteers, "志愿者"),
            };
            if args.from.is_some() || args.to.is_some() {
                return Err(failure(&format!(
                    "{name}名单是当前在册的情况，不接受 --from 或 --to"
                )));
            }
            let Some(community_id) = place_id else {
                return Err(failure(&format!(
                    "请用 --place 指定要导出{name}名单的社区（编号见 linli communities list）"
                )));
            };
            let path = args
                .out
                .unwrap_or_else(|| PathBuf::from(format!("{name}.{ext}")));
            let done = store.export_volunteers(&ExportVolunteers {
                list,
                format,
                path: path.display().to_string(),
                community_id,
                reveal: args.reveal,
            })?;
            let masked = match (list, args.reveal) {
                (VolunteerList::Teams, _) => "",
                (_, true) => "（电话和身份证号为完整号码，请妥善保管）",
                (_, false) => "（电话和身份证号已打码，这样的名单不能再导入）",
            };
            println!("已导出{name}名单 {} 行到 {}{masked}", done.rows, done.path);
            return Ok(());
        }
        Kind::Households => ListKind::Households,
        Kind::Residents => ListKind::Residents,
        Kind::Visits => ListKind::Visits,
        Kind::Tasks => ListKind::Tasks,
        Kind::Hours => ListKind::Hours,
        Kind::Agenda => ListKind::Agenda,
        Kind::WorkUnits => ListKind::WorkUnits,
    };
    let name = kind.label_zh();
    if kind == ListKind::Agenda && args.from.is_some() {
        return Err(failure(
            "周会商议程列出某一天的待办事项和此前7天未研判的走访，只接受 --to（那一天，默认今天），不接受 --from",
        ));
    }
    if !kind.dated() && kind != ListKind::Agenda && (args.from.is_some() || args.to.is_some()) {
        return Err(failure(&format!(
            "{name}名单是当前在册的情况，不按日期导出；--from/--to 只用于 visits、tasks、hours"
        )));
    }
    let path = args
        .out
        .unwrap_or_else(|| PathBuf::from(format!("{name}.{ext}")));
    let done = store.export_list(&ExportList {
        kind,
        format,
        path: path.display().to_string(),
        reveal: args.reveal,
        place_id,
        from: args.from,
        to: args.to,
    })?;
    let masked = match kind {
        ListKind::Tasks | ListKind::Hours | ListKind::Agenda | ListKind::WorkUnits => "",
        _ if args.reveal => "（身份证号和电话为完整号码，请妥善保管）",
        _ => "（身份证号和电话已打码）",
    };
    println!("已导出{name}名单 {} 行到 {}{masked}", done.rows, done.path);
    Ok(())
}
