//! Exporting a list as .xlsx or .csv with Chinese headers, for the report upward or for other
//! offices: households and residents now living in a place (or everywhere), in walking order.
//! ID numbers and phones are masked unless the caller asks to reveal them. The households and
//! residents lists are written by the column tables the importer reads them by
//! (`linli_sheets::HOUSEHOLD_COLUMNS`, `RESIDENT_COLUMNS`), so a revealed export imports again;
//! a revealed residents list of a place is its whole register (the household's own phone, tags
//! and notes on each of its rows).

use std::path::Path;

use linli_domain::register::ResidenceStatus;
use linli_domain::{Gender, Id};
use linli_protocol::{ExportList, ExportedList, ListKind, SheetFormat};
use linli_sheets::{Cell, HOUSEHOLD_COLUMNS, RESIDENT_COLUMNS};
use rusqlite::params;
use serde_json::json;

use crate::register::households::mask_phone;
use crate::register::residents::mask_id;
use crate::register::{id_text, json_list, scope_at};
use crate::write::{RowWrite, Scope, Writer};
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

/// Records the clear numbers an export shows, as (resident, column, scope): a synced `reveals`
/// fact each, like a reveal on the household page, in the transaction committed once the file is
/// written.
pub(crate) fn write_reveals(
    w: &mut Writer<'_>,
    revealed: Vec<(String, &'static str, Scope)>,
    device: Id,
    author: Option<Id>,
) -> Result<()> {
    let at = w.now().stamp();
    for (resident, column, scope) in revealed {
        let row_id = w.id();
        w.insert_fact(RowWrite {
            table: "reveals",
            row_id,
            fields: vec![
                ("resident_id", json!(resident)),
                ("field", json!(column)),
                ("at", json!(at)),
                ("device_id", json!(device.to_string())),
                ("author", json!(author.map(|a| a.to_string()))),
            ],
            scope,
        })?;
    }
    Ok(())
}

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
        let mut w = self.begin()?;
        write_reveals(&mut w, revealed, device, author)?;
        let path = Path::new(&req.path);
        match req.format {
            SheetFormat::Xlsx => {
                linli_sheets::write_xlsx_marked(path, sheet, headers, &rows, &mark)?
            }
            SheetFormat::Csv => linli_sheets::write_csv(path, headers, &rows)?,
        }
        w.commit()?;
        Ok(ExportedList {
            path: req.path.clone(),
            rows: rows.len() as u32,
        })
    }

    /// The clear numbers a revealed export of `kind` shows, as (resident, column, scope): the
    /// heads' ID numbers and phones of a household list, every resident's of a resident list,
    /// the heads' phones of the visited households of a visit list. Other lists reveal nothing.
    fn revealed_in_export(
        &self,
        kind: ListKind,
        place: Option<Id>,
        from: Option<&str>,
        to: Option<&str>,
    ) -> Result<Vec<(String, &'static str, Scope)>> {
        match kind {
            ListKind::Households | ListKind::Residents => {
                let heads = if matches!(kind, ListKind::Households) {
                    "AND r.relation = '户主'"
                } else {
                    ""
                };
                let sql = format!(
                    "{UNDER} SELECT r.id, r.id_number IS NOT NULL, r.phone IS NOT NULL,
                       h.building_id, h.unit_id
                     FROM residents r JOIN households h ON h.id = r.household_id
                     WHERE {LIVING} AND r.deleted = 0 AND r.moved_out IS NULL {heads}"
                );
                self.reveal_rows(&sql, params![id_text(place)])
            }
            ListKind::Visits => {
                let area = self.area_of_place(place)?;
                self.visit_heads(id_text(area.community), from, to)
            }
            _ => Ok(Vec::new()),
        }
    }

    /// Records a revealed `linli export --format json` (every table, numbers in full): a synced
    /// `reveals` fact for each resident's ID number and phone in it, like a reveal on the
    /// household page. Called once the export is written; answers how many were recorded.
    pub fn record_json_export_reveals(&mut self) -> Result<usize> {
        let revealed = self.reveal_rows(
            "SELECT r.id, r.id_number IS NOT NULL, r.phone IS NOT NULL, h.building_id, h.unit_id
             FROM residents r JOIN households h ON h.id = r.household_id ORDER BY r.id",
            [],
        )?;
        let n = revealed.len();
        let device = self.device_id();
        let author = self.author;
        let mut w = self.begin()?;
        write_reveals(&mut w, revealed, device, author)?;
        w.commit()?;
        Ok(n)
    }

    fn visit_heads(
        &self,
        community: Option<String>,
        from: Option<&str>,
        to: Option<&str>,
    ) -> Result<Vec<(String, &'static str, Scope)>> {
        let sql = "SELECT r.id, 0, r.phone IS NOT NULL, h.building_id, h.unit_id
             FROM households h JOIN residents r ON r.household_id = h.id
             WHERE r.relation = '户主' AND r.deleted = 0 AND r.moved_out IS NULL
               AND (?1 IS NULL OR h.community_id = ?1)
               AND EXISTS (SELECT 1 FROM visits v WHERE v.household_id = h.id
                 AND (?2 IS NULL OR substr(v.at, 1, 10) >= ?2)
                 AND (?3 IS NULL OR substr(v.at, 1, 10) <= ?3))";
        self.reveal_rows(sql, params![community, from, to])
    }

    pub(crate) fn reveal_rows(
        &self,
        sql: &str,
        params: impl rusqlite::Params,
    ) -> Result<Vec<(String, &'static str, Scope)>> {
        let mut stmt = self.conn.prepare(sql)?;
        type Found = (String, bool, bool, Option<String>, Option<String>);
        let found: Vec<Found> = stmt
            .query_map(params, |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut out = Vec::new();
        for (resident, id_number, phone, building, unit) in found {
            let Some(building) = building.as_deref().and_then(|b| b.parse::<Id>().ok()) else {
                continue;
            };
            let unit = unit.as_deref().and_then(|u| u.parse::<Id>().ok());
            let scope = scope_at(&self.conn, building, unit)?;
            if id_number {
                out.push((resident.clone(), "id_number", scope));
            }
            if phone {
                out.push((resident, "phone", scope));
            }
        }
        Ok(out)
    }

    /// Each household as (compound…head name, head ID number, members, phone, status…notes).
    #[allow(clippy::type_complexity)]
    fn household_rows(
        &self,
        place: Option<Id>,
        make: impl Fn((Vec<Cell>, Option<String>, i64, Option<String>, Vec<Cell>)) -> Vec<Cell>,
    ) -> Result<Vec<Vec<Cell>>> {
        let sql = format!(
            "{UNDER}, head AS (
                 SELECT household_id, name, id_number, phone,
                   row_number() OVER (PARTITION BY household_id ORDER BY birth_date, id) AS n
                 FROM residents WHERE relation = '户主' AND deleted = 0 AND moved_out IS NULL)
             SELECT c.name, b.name, u.name, h.room, hd.name, hd.id_number,
               (SELECT count(*) FROM residents r WHERE r.household_id = h.id AND r.deleted = 0
                  AND r.moved_out IS NULL),
               coalesce(h.phone, hd.phone), h.residence_status, h.tags, h.notes
             FROM households h {PLACES}
             LEFT JOIN head hd ON hd.household_id = h.id AND hd.n = 1
             WHERE {LIVING} ORDER BY {ORDER}"
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map(params![id_text(place)], |r| {
            let text = |i: usize| r.get::<_, Option<String>>(i);
            let tags: String = r.get(9)?;
            Ok(make((
                vec![
                    text(0)?.into(),
                    text(1)?.into(),
                    text(2)?.into(),
                    text(3)?.into(),
                    text(4)?.into(),
                ],
                text(5)?,
                r.get(6)?,
                text(7)?,
                vec![
                    status_label(&r.get::<_, String>(8)?).into(),
                    Some(json_list(&tags).join("、"))
                        .filter(|t| !t.is_empty())
                        .into(),
                    text(10)?.filter(|n| !n.is_empty()).into(),
                ],
            )))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Each resident as (name…birth date, ID number, phone, relation…moved in (with 党员 after
    /// the care tags), the household's phone, floating…household notes): the columns of [`RESIDENT_COLUMNS`].
    #[allow(clippy::type_complexity)]
    fn resident_rows(
        &self,
        place: Option<Id>,
        make: impl Fn(
            (
                Vec<Cell>,
                Option<String>,
                Option<String>,
                Vec<Cell>,
                Option<String>,
                Vec<Cell>,
            ),
        ) -> Vec<Cell>,
    ) -> Result<Vec<Vec<Cell>>> {
        let sql = format!(
            "{UNDER}
             SELECT r.name, r.gender, r.birth_date, r.id_number, r.phone, r.relation,
               c.name, b.name, u.name, h.room, h.residence_status, r.care_tags, r.notes,
               r.moved_in, h.phone, h.floating, h.tags, h.notes, r.party_member
             FROM residents r JOIN households h ON h.id = r.household_id {PLACES}
             WHERE {LIVING} AND r.deleted = 0 AND r.moved_out IS NULL
             ORDER BY {ORDER}, r.relation != '户主', r.birth_date, r.name"
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let date = |d: Option<String>| {
            d.as_deref()
                .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        };
        let yes_no = |b: bool| -> Cell { if b { "是" } else { "否" }.into() };
        let tags = |t: String| -> Cell {
            Some(json_list(&t).join("、"))
                .filter(|t| !t.is_empty())
                .into()
        };
        let rows = stmt.query_map(params![id_text(place)], |r| {
            let text = |i: usize| r.get::<_, Option<String>>(i);
            let gender = text(1)?
                .as_deref()
                .and_then(Gender::from_code)
                .map(|g| g.label_zh().to_owned());
            Ok(make((
                vec![text(0)?.into(), gender.into(), date(text(2)?).into()],
                text(3)?,
                text(4)?,
                vec![
                    text(5)?.filter(|s| !s.is_empty()).into(),
                    text(6)?.into(),
                    text(7)?.into(),
                    text(8)?.into(),
                    text(9)?.into(),
                    status_label(&r.get::<_, String>(10)?).into(),
                    tags(r.get(11)?),
                    yes_no(r.get(18)?),
                    text(12)?.filter(|n| !n.is_empty()).into(),
                    date(text(13)?).into(),
                ],
                text(14)?,
                vec![
                    yes_no(r.get(15)?),
                    tags(r.get(16)?),
                    text(17)?.filter(|n| !n.is_empty()).into(),
                ],
            )))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
