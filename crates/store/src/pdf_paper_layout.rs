//! How the paper for door-knocking days is laid out as PDF (`pdf_paper.rs` writes it): the visit
//! sheets, a heading and one block per household with its members, last visit and QR
//! code; and a building's 楼盘表, per unit a landscape table of floors × rooms, each room's cell
//! saying what it is marked with.

use linli_print::{Block, Document, Orientation, Table};
use linli_protocol::{BuildingChartData, ChartRoom, VisitSheetsData};

/// The visit sheets: a heading naming the place, then a block per household.
pub(crate) fn visit_sheets(d: &VisitSheetsData) -> Document {
    let title = format!("{} 入户走访单", d.place_name);
    let mut kv = Vec::new();
    if let Some(c) = &d.community_name {
        kv.push(("社区".to_owned(), c.clone()));
    }
    kv.push(("户数".to_owned(), d.blocks.len().to_string()));
    kv.push(("制表日期".to_owned(), d.made_on.clone()));
    kv.push((
        "回填".to_owned(),
        "走访后在邻里“走访”页扫描本户二维码，即打开本户走访表".to_owned(),
    ));
    let mut blocks = vec![Block::Title(title.clone()), Block::KeyValues(kv)];
    for b in &d.blocks {
        let mut lines = vec![b.address.clone()];
        let mut head = match &b.head_name {
            Some(n) => format!("户主：{n}"),
            None => "户主：（未登记）".to_owned(),
        };
        if let Some(p) = &b.phone {
            head.push_str(&format!("　电话：{p}"));
        }
        head.push_str(&format!("　{}", b.residence_status.label_zh()));
        if b.floating {
            head.push_str("　流动人口");
        }
        lines.push(head);
        let members: Vec<String> = b
            .members
            .iter()
            .map(|m| {
                let mut s = format!("{}（{}", m.name, m.relation);
                if let Some(g) = m.gender {
                    s.push_str(&format!("，{}", g.label_zh()));
                }
                if let Some(b) = &m.birth_date {
                    s.push_str(&format!("，{b}"));
                }
                if let Some(id) = &m.id_number {
                    s.push_str(&format!("，{id}"));
                }
                if m.party_member {
                    s.push_str("，党员");
                }
                if !m.care_tags.is_empty() {
                    s.push_str(&format!("，{}", m.care_tags.join("、")));
                }
                s.push('）');
                s
            })
            .collect();
        lines.push(format!("成员：{}", members.join("；")));
        lines.push(match &b.last_visit {
            Some(v) => format!("上次走访：{v}"),
            None => "上次走访：无".to_owned(),
        });
        lines.push("本次走访：____年__月__日　见到：______　情况：________________".to_owned());
        blocks.push(Block::Qr {
            code: b.qr.clone(),
            lines,
        });
    }
    Document {
        title,
        blocks,
        ..Document::default()
    }
}

/// A room's cell on the 楼盘表: its number, head, members and what it is marked with.
fn room_cell(r: &ChartRoom) -> String {
    let mut s = r.room.clone();
    if let Some(h) = &r.head_name {
        s.push_str(&format!(" {h}"));
    }
    s.push_str(&format!(" {}人", r.members));
    let mut marks = Vec::new();
    marks.push(if r.visited { "已走访" } else { "未走访" }.to_owned());
    if r.open_requests > 0 {
        marks.push(format!("诉求{}", r.open_requests));
    }
    if !r.care_tags.is_empty() {
        marks.push(r.care_tags.join("、"));
    }
    if r.residence_status != linli_domain::register::ResidenceStatus::Consistent {
        marks.push(r.residence_status.label_zh().to_owned());
    }
    if r.floating {
        marks.push("流动".to_owned());
    }
    if r.overdue_loans > 0 {
        marks.push(format!("借用逾期{}", r.overdue_loans));
    }
    format!("{s}\n{}", marks.join(" "))
}

/// The 楼盘表: per unit, a table of floors (top first) × room positions.
pub(crate) fn building_chart(d: &BuildingChartData) -> Document {
    let title = format!("{} 楼盘表", d.building_name);
    let mut blocks = vec![
        Block::Title(title.clone()),
        Block::KeyValues(vec![
            ("统计期".into(), format!("{} 至 {}", d.from, d.to)),
            (
                "楼层".into(),
                format!(
                    "{} 层{}",
                    d.floors,
                    if d.floors_recorded {
                        ""
                    } else {
                        "（按房号推算）"
                    }
                ),
            ),
        ]),
    ];
    for u in &d.units {
        if let Some(n) = &u.name {
            blocks.push(Block::Heading(n.clone()));
        }
        let mut headers = vec!["楼层".to_owned()];
        headers.extend(u.positions.iter().map(|p| format!("{p}室")));
        let mut widths = vec![0.6];
        widths.extend(u.positions.iter().map(|_| 2.0));
        let rows = u
            .rows
            .iter()
            .map(|f| {
                let mut row = vec![format!("{}层", f.floor)];
                row.extend(
                    f.rooms
                        .iter()
                        .map(|r| r.as_ref().map_or_else(|| "—".to_owned(), room_cell)),
                );
                row
            })
            .collect();
        blocks.push(Block::Table(Table {
            headers,
            widths,
            rows,
        }));
    }
    if !d.other_rooms.is_empty() {
        blocks.push(Block::Heading("其他房号".into()));
        blocks.push(Block::Table(Table {
            headers: vec!["房号与住户".into()],
            widths: vec![],
            rows: d.other_rooms.iter().map(|r| vec![room_cell(r)]).collect(),
        }));
    }
    Document {
        title,
        orientation: Orientation::Landscape,
        blocks,
        ..Document::default()
    }
}
