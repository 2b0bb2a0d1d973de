//! Paper for door-knocking days as PDF (issue 21): the visit sheets of a place or a grid — one
//! framed block per household with its address, members (masked as the register masks them for
//! this laptop's role), last visit and a QR code of `LINLI-HH:<household id>` — and a building's
//! 楼盘表 (floors × rooms, landscape). The data is `paper/`'s (`visit_sheets`,
//! `building_chart`), the same the window prints; how it is laid out on the page is
//! `pdf_paper_layout.rs`.

use std::path::Path;

use linli_domain::{args, msg, DomainError, Id};
use linli_protocol::{
    BuildingChart, ExportedList, SaveBuildingChartPdf, SaveVisitSheetsPdf, VisitSheets,
};

use crate::pdf_paper_layout::{building_chart, visit_sheets};
use crate::{Result, Store};

fn pdf_path(path: &Path) -> Result<()> {
    if crate::pdf::is_pdf(&path.display().to_string()) {
        Ok(())
    } else {
        Err(DomainError::coded("path", msg::PDF_NOT_PDF, args![path = path.display()]).into())
    }
}

impl Store {
    /// The visit sheets of a place or a grid written as PDF to `path` (which ends in .pdf);
    /// answers how many households it holds.
    pub fn visit_sheets_pdf(&self, place_id: Id, path: &Path) -> Result<usize> {
        pdf_path(path)?;
        let d = self.visit_sheets(&VisitSheets { place_id })?;
        crate::pdf::write(path, &visit_sheets(&d))?;
        Ok(d.blocks.len())
    }

    /// A building's 楼盘表 for the current month written as PDF to `path` (which ends in .pdf);
    /// answers how many households it shows.
    pub fn building_chart_pdf(&mut self, building_id: Id, path: &Path) -> Result<usize> {
        self.building_chart_pdf_for(
            &BuildingChart {
                building_id,
                from: None,
                to: None,
            },
            path,
        )
    }

    /// The window's 存为PDF of visit sheets (see [`SaveVisitSheetsPdf`]).
    pub fn save_visit_sheets_pdf(&mut self, req: &SaveVisitSheetsPdf) -> Result<ExportedList> {
        let path = Path::new(&req.path);
        let rows = self.visit_sheets_pdf(req.place_id, path)?;
        Ok(ExportedList {
            path: req.path.clone(),
            rows: rows as u32,
        })
    }

    /// The window's 存为PDF of a 楼盘表, for the period it shows (see [`SaveBuildingChartPdf`]).
    pub fn save_building_chart_pdf(&mut self, req: &SaveBuildingChartPdf) -> Result<ExportedList> {
        let chart = BuildingChart {
            building_id: req.building_id,
            from: req.from.clone(),
            to: req.to.clone(),
        };
        let rows = self.building_chart_pdf_for(&chart, Path::new(&req.path))?;
        Ok(ExportedList {
            path: req.path.clone(),
            rows: rows as u32,
        })
    }

    fn building_chart_pdf_for(&mut self, chart: &BuildingChart, path: &Path) -> Result<usize> {
        pdf_path(path)?;
        let d = self.building_chart(chart)?;
        crate::pdf::write(path, &building_chart(&d))?;
        let rooms = d
            .units
            .iter()
            .flat_map(|u| u.rows.iter().flat_map(|f| f.rooms.iter().flatten()))
            .count()
            + d.other_rooms.len();
        Ok(rooms)
    }
}
