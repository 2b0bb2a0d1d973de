//! The store's reports as PDF (issue 21), laid out and written by linli-print in the system's
//! Chinese font: the monthly report and a volunteer's points statement. A request whose `path`
//! ends in `.pdf` gets a PDF; any other path keeps its spreadsheet.

use std::path::Path;

use linli_domain::{args, msg, DomainError};
use linli_print::{Block, Document, Table};
use linli_protocol::{CoverageReport, FigureUnit, MonthlyReportData, Statement};

use crate::Result;

/// Whether `path` names a PDF (its extension, in any case).
pub(crate) fn is_pdf(path: &str) -> bool {
    Path::new(path)
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("pdf"))
}

/// A print error as a coded refusal from the catalogue.
fn refusal(e: linli_print::Error) -> crate::Error {
    use linli_print::Error as P;
    let d = match e {
        P::FontMissing { tried } => DomainError::coded(
            "font",
            msg::PDF_FONT_MISSING,
            args![tried = tried.join("、")],
        ),
        P::FontUnreadable { path, reason } => DomainError::coded(
            "font",
            msg::PDF_FONT_UNREADABLE,
            args![path = path, reason = reason],
        ),
        P::Qr(reason) | P::Pdf(reason) => {
            DomainError::coded("path", msg::PDF_FAILED, args![reason = reason])
        }
    };
    d.into()
}

/// Lays out `doc` and writes it to `path`; the font is found first, so a missing font leaves no
/// file behind. Answers the file's size in bytes.
pub(crate) fn write(path: &Path, doc: &Document) -> Result<u64> {
    let font = linli_print::find_font().map_err(refusal)?;
    let bytes = linli_print::render(doc, &font).map_err(refusal)?;
    std::fs::write(path, &bytes).map_err(|e| {
        crate::Error::from(DomainError::coded(
            "path",
            msg::PDF_WRITE,
            args![path = path.display(), reason = e],
        ))
    })?;
    Ok(bytes.len() as u64)
}

/// A figure's value as the report shows it: a rate in per cent, hours without trailing zeros.
pub(crate) fn show(unit: FigureUnit, v: f64) -> String {
    match unit {
        FigureUnit::Rate => format!("{:.1}%", v * 100.0),
        FigureUnit::Hours => {
            let s = format!("{v:.2}");
            s.trim_end_matches('0').trim_end_matches('.').to_owned()
        }
        FigureUnit::Count => format!("{v}"),
    }
}

/// The monthly report: title, place and dates, every figure (whatever figures the report
/// holds) with this month, the year to date and its 口径, the footnote, then the month's coverage
/// per community, grid and building.
pub(crate) fn monthly(d: &MonthlyReportData, cov: &CoverageReport, written: &str) -> Document {
    let (y, m) = d.month.split_once('-').unwrap_or((&d.month, ""));
    let m = m.trim_start_matches('0');
    let figures = Table {
        headers: crate::monthly::FIGURE_HEADERS
            .iter()
            .map(|h| (*h).to_owned())
            .collect(),
        widths: vec![0.6, 3.0, 1.3, 1.5, 5.0],
        rows: d
            .figures
            .iter()
            .enumerate()
            .map(|(i, f)| {
                vec![
                    (i + 1).to_string(),
                    f.label.clone(),
                    show(f.unit, f.month),
                    show(f.unit, f.cumulative),
                    f.source.clone(),
                ]
            })
            .collect(),
    };
    let coverage = Table {
        headers: crate::monthly::GRID_HEADERS
            .iter()
            .map(|h| (*h).to_owned())
            .collect(),
        widths: vec![1.0, 4.0, 1.6, 1.6, 1.4],
        rows: [
            ("社区", &cov.communities),
            ("网格", &cov.grids),
            ("楼栋", &cov.buildings),
        ]
        .into_iter()
        .flat_map(|(level, rows)| {
            rows.iter().map(move |r| {
                vec![
                    level.to_owned(),
                    r.name.clone(),
                    r.visited.to_string(),
                    r.total.to_string(),
                    show(FigureUnit::Rate, r.rate),
                ]
            })
        })
        .collect(),
    };
    Document {
        title: format!("{} {y}年{m}月 网格工作月报", d.place_name),
        blocks: vec![
            Block::Title(format!("{} {y}年{m}月 网格工作月报", d.place_name)),
            Block::KeyValues(vec![
                ("范围".into(), d.place_name.clone()),
                ("本月".into(), format!("{} 至 {}", d.from, d.to)),
                (
                    "本年累计".into(),
                    format!("{} 至 {}", d.cumulative_from, d.to),
                ),
                ("生成日期".into(), written.to_owned()),
            ]),
            Block::Table(figures),
            Block::Paragraph(crate::monthly::FOOTNOTE.to_owned()),
            Block::Heading(format!("{} {y}年{m}月 走访覆盖", d.place_name)),
            Block::Table(coverage),
        ],
        ..Document::default()
    }
}

/// A volunteer's points statement: the title lines, then every ledger line with the balance
/// after it.
pub(crate) fn statement(st: &Statement, title: &[String]) -> Document {
    let mut blocks = vec![Block::Title(title.first().cloned().unwrap_or_default())];
    blocks.extend(title.iter().skip(1).map(|l| Block::Paragraph(l.clone())));
    blocks.push(Block::Table(Table {
        headers: crate::lists_work::STATEMENT_HEADERS
            .iter()
            .map(|h| (*h).to_owned())
            .collect(),
        widths: vec![1.6, 5.0, 1.0, 1.0, 2.0],
        rows: st
            .lines
            .iter()
            .map(|l| {
                vec![
                    l.date.clone(),
                    l.description.clone(),
                    l.points.to_string(),
                    l.running.to_string(),
                    match (&l.resolution, l.needs_review) {
                        (Some(r), _) => r.clone(),
                        (None, true) => "超支待核查".into(),
                        (None, false) => String::new(),
                    },
                ]
            })
            .collect(),
    }));
    Document {
        title: format!("志愿服务积分对账单 {}", st.volunteer_name),
        blocks,
        ..Document::default()
    }
}
