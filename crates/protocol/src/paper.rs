//! Paper for door-knocking days (issue 21, items 4 and 5): the visit sheets of a building or a
//! section, one block per household with a QR code that brings the sheet back to the laptop,
//! and the 楼盘表 (a building drawn as floors × rooms). The store reads them; the window draws
//! and prints them, the PDF crate lays them out.

use linli_domain::register::ResidenceStatus;
use linli_domain::{Gender, Id};
use serde::{Deserialize, Serialize};

use crate::Command;

/// What a visit sheet's QR code holds before the household's id: the whole text is
/// `LINLI-HH:<household id>`. A USB scanner types it followed by Enter; the window's scan box
/// opens that household's visit form. The PDF draws the same text.
pub const QR_PREFIX: &str = "LINLI-HH:";

/// The QR text of a household (see [`QR_PREFIX`]).
pub fn household_qr(id: Id) -> String {
    format!("{QR_PREFIX}{id}")
}

/// The household a scanned text names, if it is a visit sheet's QR text (spaces around it and
/// the prefix's case do not matter: scanners differ).
pub fn parse_household_qr(text: &str) -> Option<Id> {
    let t = text.trim();
    let head = t.get(..QR_PREFIX.len())?;
    if !head.eq_ignore_ascii_case(QR_PREFIX) {
        return None;
    }
    t[QR_PREFIX.len()..].trim().parse().ok()
}

/// The visit sheets of a place (a building, a unit, a compound or a whole community) or of a
/// grid (a section, 楼段网格, or a big grid with its sections): `place_id` may name either.
/// Households not moved out, in walking order. Refused (`PAPER_TOO_MANY`) above
/// [`MAX_SHEET_BLOCKS`] households: pick a building or a section.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VisitSheets {
    pub place_id: Id,
}

/// The most blocks one request of visit sheets answers.
pub const MAX_SHEET_BLOCKS: u32 = 2000;

impl Command for VisitSheets {
    const NAME: &'static str = "visit_sheets";
    type Response = VisitSheetsData;
}

/// The visit sheets of a place or a grid.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VisitSheetsData {
    pub place_id: Id,
    /// "南湖苑3栋", "第3网格" — what the sheets' heading names.
    pub place_name: String,
    /// The community it is in, when known ("南湖社区").
    #[serde(default)]
    pub community_name: Option<String>,
    /// The day the sheets were made (YYYY-MM-DD), printed on each page.
    pub made_on: String,
    /// Whether this laptop's role may not read ID numbers, phones and sensitive care tags: the
    /// blocks then hold [`crate::privacy`]'s withheld text in their place (the register's rule).
    #[serde(default)]
    pub withheld: bool,
    pub blocks: Vec<VisitSheetBlock>,
}

/// One household's block on a visit sheet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VisitSheetBlock {
    pub household_id: Id,
    /// "南湖苑3栋2单元301".
    pub address: String,
    pub room: String,
    #[serde(default)]
    pub head_name: Option<String>,
    /// The household's phone masked ("138****5678"), or the withheld text for a restricted
    /// role, or none.
    #[serde(default)]
    pub phone: Option<String>,
    pub residence_status: ResidenceStatus,
    #[serde(default)]
    pub floating: bool,
    /// Members living here now, the head first.
    pub members: Vec<VisitSheetMember>,
    /// The day (YYYY-MM-DD) of the last visit that reached someone, not corrected away.
    #[serde(default)]
    pub last_visit: Option<String>,
    /// `LINLI-HH:<household id>` ([`household_qr`]).
    pub qr: String,
}

/// A member on a visit sheet, masked as the register masks them for this laptop's role.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VisitSheetMember {
    pub name: String,
    pub relation: String,
    #[serde(default)]
    pub gender: Option<Gender>,
    /// YYYY-MM-DD.
    #[serde(default)]
    pub birth_date: Option<String>,
    /// Masked ("4403**********1234") or the withheld text, or none.
    #[serde(default)]
    pub id_number: Option<String>,
    /// Masked or the withheld text, or none.
    #[serde(default)]
    pub phone: Option<String>,
    /// Care tags; a restricted role's list leaves out the sensitive ones.
    #[serde(default)]
    pub care_tags: Vec<String>,
    #[serde(default)]
    pub party_member: bool,
}

/// The 楼盘表 of a building: its units side by side, each drawn as floors × rooms, each room's
/// household with what the chart can colour it by. `from..=to` is the period "visited" counts
/// in (the current month when left out).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BuildingChart {
    pub building_id: Id,
    #[serde(default)]
    pub from: Option<String>,
    #[serde(default)]
    pub to: Option<String>,
}

impl Command for BuildingChart {
    const NAME: &'static str = "building_chart";
    type Response = BuildingChartData;
}

/// Writes the visit sheets of a place or a grid (as [`VisitSheets`] answers them) to `path` as a
/// PDF (which must end in .pdf): the window's 存为PDF, `linli print visit-sheets`'s request.
/// `rows` is the number of households.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SaveVisitSheetsPdf {
    pub place_id: Id,
    pub path: String,
}

impl Command for SaveVisitSheetsPdf {
    const NAME: &'static str = "save_visit_sheets_pdf";
    type Response = crate::ExportedList;
}

/// Writes a building's 楼盘表 (as [`BuildingChart`] answers it, for the same period) to `path` as
/// a landscape PDF (which must end in .pdf). `rows` is the number of households shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SaveBuildingChartPdf {
    pub building_id: Id,
    #[serde(default)]
    pub from: Option<String>,
    #[serde(default)]
    pub to: Option<String>,
    pub path: String,
}

impl Command for SaveBuildingChartPdf {
    const NAME: &'static str = "save_building_chart_pdf";
    type Response = crate::ExportedList;
}

/// A building as floors × rooms.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BuildingChartData {
    pub building_id: Id,
    /// "南湖苑3栋".
    pub building_name: String,
    pub from: String,
    pub to: String,
    /// The floors drawn: the recorded number of floors, or the highest floor a room number
    /// shows when that is higher or none is recorded.
    pub floors: u32,
    /// Whether `floors` is the recorded number (else derived from the room numbers).
    #[serde(default)]
    pub floors_recorded: bool,
    #[serde(default)]
    pub withheld: bool,
    /// Its units in order; a building without units has one with no id and no name.
    pub units: Vec<ChartUnit>,
    /// The rooms whose number shows no floor ("12", "B1"): drawn in a row of their own.
    #[serde(default)]
    pub other_rooms: Vec<ChartRoom>,
}

/// A unit of a building on the chart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChartUnit {
    #[serde(default)]
    pub unit_id: Option<Id>,
    #[serde(default)]
    pub name: Option<String>,
    /// The room positions on each floor ("01", "02" …: a room number's last two digits), the
    /// columns the unit is drawn with.
    pub positions: Vec<String>,
    /// Top floor first: each floor's rooms, one per position (`None`: no household registered
    /// there).
    pub rows: Vec<ChartFloor>,
}

/// One floor of a unit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChartFloor {
    pub floor: u32,
    pub rooms: Vec<Option<ChartRoom>>,
}

/// A household on the chart and what it can be coloured by.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChartRoom {
    pub household_id: Id,
    pub room: String,
    #[serde(default)]
    pub head_name: Option<String>,
    pub members: u32,
    /// A reached visit in `from..=to`.
    pub visited: bool,
    /// Care tags of its members (for a restricted role, without the sensitive ones).
    #[serde(default)]
    pub care_tags: Vec<String>,
    /// Requests (诉求) about it not yet resolved.
    #[serde(default)]
    pub open_requests: u32,
    pub residence_status: ResidenceStatus,
    #[serde(default)]
    pub floating: bool,
    /// Loans of the household overdue today.
    #[serde(default)]
    pub overdue_loans: u32,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_qr_text_reads_back() {
        let id = Id::new();
        let text = household_qr(id);
        assert!(text.starts_with("LINLI-HH:"));
        assert_eq!(parse_household_qr(&text), Some(id));
        assert_eq!(
            parse_household_qr(&format!("  {}\n", text.to_lowercase())),
            Some(id)
        );
        assert_eq!(parse_household_qr("LINLI-HH:"), None);
        assert_eq!(parse_household_qr("南湖苑3栋"), None);
        assert_eq!(parse_household_qr(&id.to_string()), None);
    }
}
