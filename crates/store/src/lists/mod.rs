//! Exporting a list as .xlsx or .csv with Chinese headers, for the report upward or for other
//! offices: households and residents now living in a place (or everywhere), in walking order.
//! ID numbers and phones are masked unless the caller asks to reveal them. The households and
//! residents lists are written by the column tables the importer reads them by
//! (`linli_sheets::HOUSEHOLD_COLUMNS`, `RESIDENT_COLUMNS`), so a revealed export imports again;
//! a revealed residents list of a place is its whole register (the household's own phone, tags
//! and notes on each of its rows).

mod reveals;
mod rows;

pub(crate) use reveals::write_reveals;

use std::path::Path;

use linli_domain::register::ResidenceStatus;
use linli_protocol::{ExportList, ExportedList, ListKind, SheetFormat};
use linli_sheets::{Cell, HOUSEHOLD_COLUMNS, RESIDENT_COLUMNS};

use crate::register::households::mask_phone;
use crate::register::residents::mask_id;
use crate::{Result, Store};

/// Households and residents under the place `?1` (every one when it is NULL), living there now.
const UNDER: &str = "WITH RECURSIVE sub(id) AS (
         SELECT ?1 WHERE ?1 IS NOT NULL
         UNION ALL SELECT p.id FROM places p JOIN sub ON p.parent_id = sub.id WHERE p.deleted = 0)";
const LIVING: &str = "h.deleted = 0 AND h.moved_out IS NULL
     AND (?1 IS NULL OR h.building_id IN sub OR h.unit_id IN sub)";
const ORDER: &str = "c.name, CAST(b.name AS INTEGER), b.name, CAST(u.name AS INTEGER), u.name,
     CAST(h.room AS INTEGER), h.room";
const PLACES: &str = "LEFT JOIN places b ON b.id = h.building_id
     LEFT JOIN places u ON u.id = h.unit_id LEFT JOIN places c ON c.id = b.parent_id";

/// A residence status in a list: its Chinese word, or the code as written when this laptop does
/// not know it.
fn status_label(code: &str) -> String {
    ResidenceStatus::from_code(code).map_or_else(|| code.to_owned(), |s| s.label_zh().to_owned())
}

impl Store {
    /// Writes a list to `req.path` (see [`ExportList`]).
    pub fn export_list(&mut self, req: &ExportList) -> Result<ExportedList> {
        // fields by role: a steward's or coordinator's list holds no number, masked or clear
        let withheld = self.withheld()?;
        if withheld && req.reveal {
            self.refuse_withheld()?;
        }
        let id = |s: Option<String>, reveal: bool| -> Cell {
            match s {
                _ if withheld => crate::WITHHELD_TEXT.into(),
                Some(s) if reveal => s.into(),
                Some(s) => mask_id(&s).into(),
                None => Cell::Empty,
            }
        };
        let phone = |s: Option<String>, reveal: bool| -> Cell {
            match s {
                _ if withheld => crate::WITHHELD_TEXT.into(),
                Some(s) if reveal => s.into(),
                Some(s) => mask_phone(&s).into(),
                None => Cell::Empty,
            }
        };
        let (from, to) = (req.from.as_deref(), req.to.as_deref());
        // The households and residents lists read back: their headers come from the tables the
        // importer reads them by.
        let (household_headers, resident_headers) = (
            linli_sheets::headers(&HOUSEHOLD_COLUMNS),
            linli_sheets::headers(&RESIDENT_COLUMNS),
        );
        let council_headers: Vec<&str>;
        let (sheet, headers, rows): (&str, &[&str], Vec<Vec<Cell>>) = match req.kind {
            ListKind::Households => (
                "住户名单",
                &household_headers,
                self.household_rows(req.place_id, |r| {
                    let mut row = r.0;
                    row.push(id(r.1, req.reveal));
                    row.push(Cell::Number(r.2 as f64));
                    row.push(phone(r.3, req.reveal));
                    row.extend(r.4);
                    row
                })?,
            ),
            ListKind::Residents => (
                "居民名单",
                &resident_headers,
                self.resident_rows(req.place_id, |r| {
                    let mut row = r.0;
                    row.push(id(r.1, req.reveal));
                    row.push(phone(r.2, req.reveal));
                    row.extend(r.3);
                    row.push(phone(r.4, req.reveal));
                    row.extend(r.5);
                    row
                })?,
            ),
            ListKind::Visits => (
                "走访名单",
                &crate::lists_work::VISIT_HEADERS,
                self.visit_rows(req.place_id, from, to, req.reveal)?
                    .into_iter()
                    .map(|mut row| {
                        // the phone column (see VISIT_HEADERS)
                        if withheld && row.len() > 6 {
                            row[6] = crate::WITHHELD_TEXT.into();
                        }
                        row
                    })
                    .collect(),
            ),
            ListKind::Tasks => (
                "诉求名单",
                &crate::lists_work::TASK_HEADERS,
                self.task_rows(req.place_id, from, to)?,
            ),
            ListKind::Hours => (
                "志愿时长",
                &crate::lists_work::HOUR_HEADERS,
                self.hour_rows(req.place_id, from, to)?,
            ),
            ListKind::Agenda => (
                "周会商议程",
                &crate::lists_work::AGENDA_HEADERS,
                self.agenda_rows(req.place_id, to)?,
            ),
            ListKind::WorkUnits => (
                "党员积分",
                &crate::lists_work::WORK_UNIT_HEADERS,
                self.work_unit_rows(req.place_id)?,
            ),
            kind @ (ListKind::CouncilTopics
            | ListKind::LiaisonPoints
            | ListKind::CouncilMeetings
            | ListKind::Suggestions) => {
                let (sheet, headers, rows) =
                    crate::councils::council_list(self, kind, req.place_id, from, to)?;
                council_headers = headers;
                (sheet, council_headers.as_slice(), rows)
            }
        };
        // A revealed export is a reveal of every number in it: recorded like one on the household
        // page (a synced `reveals` fact per resident and field), in the transaction that is
        // committed only once the file is written.
        let revealed = if req.reveal {
            self.revealed_in_export(req.kind, req.place_id, from, to)?
        } else {
            Vec::new()
        };
        let device = self.device_id();
        let author = self.author;
        let mark = self.export_mark();
        let path = Path::new(&req.path);
        let write_file = || -> Result<()> {
            match req.format {
                SheetFormat::Xlsx => {
                    linli_sheets::write_xlsx_marked(path, sheet, headers, &rows, &mark)?
                }
                SheetFormat::Csv => linli_sheets::write_csv(path, headers, &rows)?,
            }
            Ok(())
        };
        if revealed.is_empty() {
            // nothing to record: the data stays as it was, and with it what the pages keep
            // until it changes (统计's spans; issue 24)
            write_file()?;
        } else {
            let mut w = self.begin()?;
            write_reveals(&mut w, revealed, device, author)?;
            write_file()?;
            w.commit()?;
        }
        Ok(ExportedList {
            path: req.path.clone(),
            rows: rows.len() as u32,
        })
    }
}
