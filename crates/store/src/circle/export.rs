//! A community's service circle as a marked .xlsx: every point serving it, by kind, with its
//! address, hours, services, who runs it and its contact (the phone masked where this laptop's
//! role does not read phones), when it opened and (if asked for the closed ones too) closed.

use linli_protocol::*;
use linli_sheets::Cell;

use crate::{Result, Store};

const HEADERS: [&str; 11] = [
    "类型",
    "服务点",
    "所在社区",
    "地址",
    "开放时间",
    "服务项目",
    "运营方",
    "联系人",
    "服务社区",
    "启用日期",
    "停用日期",
];

impl Store {
    pub fn export_circle(&mut self, req: &ExportCircle) -> Result<ExportedList> {
        let points = self.list_circle_points(&ListCirclePoints {
            community_id: req.community_id,
            sort: PointSort::Home,
            include_closed: req.include_closed,
            ..Default::default()
        })?;
        let rows: Vec<Vec<Cell>> = points
            .iter()
            .map(|p| {
                let f = &p.fields;
                let contact = format!("{} {}", f.contact_name, f.contact_phone);
                vec![
                    Cell::Text(f.kind.label_zh().to_owned()),
                    Cell::Text(f.name.clone()),
                    Cell::Text(p.community_name.clone()),
                    Cell::Text(f.address.clone()),
                    Cell::Text(f.hours.clone()),
                    Cell::Text(f.services.join("、")),
                    Cell::Text(p.run_by.clone()),
                    Cell::Text(contact.trim().to_owned()),
                    Cell::Text(p.serves_names.join("、")),
                    Cell::Text(f.opened_on.clone()),
                    Cell::Text(f.closed_on.clone()),
                ]
            })
            .collect();
        let mark = self.export_mark();
        linli_sheets::write_xlsx_marked(
            std::path::Path::new(&req.path),
            "服务圈",
            &HEADERS,
            &rows,
            &mark,
        )?;
        Ok(ExportedList {
            path: req.path.clone(),
            rows: rows.len() as u32,
        })
    }
}
