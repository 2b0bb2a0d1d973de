//! A programme's roster and waiting list as a marked .xlsx: each child with their age, where
//! they stand, since when, their place in line, their guardians (phones masked) and the days
//! attended. Without the grant the children are withheld and only the counts remain.

use linli_protocol::*;
use linli_sheets::Cell;

use crate::Result;
use crate::Store;

const HEADERS: [&str; 9] = [
    "项目",
    "儿童",
    "年龄",
    "住址",
    "状态",
    "报名日期",
    "候补顺序",
    "监护人",
    "出勤天数",
];

impl Store {
    pub fn export_programme(&mut self, req: &ExportProgramme) -> Result<ExportedList> {
        let d = self.programme(&GetProgramme {
            id: req.programme_id,
        })?;
        let name = d.programme.fields.name.clone();
        let mut rows: Vec<Vec<Cell>> = Vec::new();
        for e in d.roster.iter().chain(&d.waiting).chain(&d.left) {
            let who = if e.withheld {
                "（无权查看）".to_owned()
            } else {
                e.name.clone()
            };
            let guardians = e
                .guardians
                .iter()
                .map(|g| {
                    if g.relation.is_empty() {
                        format!("{} {}", g.name, g.phone)
                    } else {
                        format!("{}（{}）{}", g.name, g.relation, g.phone)
                    }
                })
                .collect::<Vec<_>>()
                .join("；");
            rows.push(vec![
                Cell::Text(name.clone()),
                Cell::Text(who),
                e.age.map_or(Cell::Empty, |a| Cell::Number(a as f64)),
                Cell::Text(e.address.clone()),
                Cell::Text(e.state.label_zh().to_owned()),
                Cell::Text(e.since.clone()),
                e.position
                    .map_or(Cell::Empty, |p| Cell::Number(f64::from(p))),
                Cell::Text(guardians),
                Cell::Number(f64::from(e.days)),
            ]);
        }
        let mark = self.export_mark();
        linli_sheets::write_xlsx_marked(
            std::path::Path::new(&req.path),
            "托管名单",
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
