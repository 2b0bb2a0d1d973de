//! The places tree as a list and back: `export_places` writes one row per place with its path
//! from the top across the level columns of [`linli_sheets::PLACE_COLUMNS`]; `import_places`
//! finds each place of a row's path by level and name under its parent, creating the ones this
//! laptop lacks, in one transaction.

use std::collections::HashMap;
use std::path::Path;

use linli_domain::code::unknown_label_zh;
use linli_domain::place::validate_name;
use linli_domain::{args, msg, Id, PlaceKind};
use linli_protocol::{
    CreatedPlace, ExportPlaces, ExportedList, ImportPlaces, PlacesImported, SheetFormat,
};
use linli_sheets::Said;
use linli_sheets::{Cell, PLACE_COLUMNS};
use rusqlite::{params, OptionalExtension};

use super::locate::add_place;
use crate::{Result, Store};

/// One place as the tree holds it.
struct Node {
    kind: PlaceKind,
    /// The level's code as stored: for `Unknown`, the one a newer Linli wrote.
    code: String,
    name: String,
    parent: Option<Id>,
}

/// The column an export adds when the tree holds levels a newer Linli wrote (the import reads
/// only the level columns, so it passes over this one).
const UNKNOWN_LEVELS: &str = "未知层级（新版本）";

/// Children in walking order: by the number a name starts with, then by name.
fn walking_key(name: &str) -> (u64, String) {
    let digits: String = name.chars().take_while(char::is_ascii_digit).collect();
    (digits.parse().unwrap_or(u64::MAX), name.to_owned())
}

impl Store {
    /// Writes the places tree (see [`ExportPlaces`]).
    pub fn export_places(&mut self, req: &ExportPlaces) -> Result<ExportedList> {
        let mut nodes: HashMap<Id, Node> = HashMap::new();
        {
            let mut stmt = self
                .conn
                .prepare("SELECT id, kind, name, parent_id FROM places WHERE deleted = 0")?;
            let rows = stmt.query_map([], |r| {
                Ok((
                    r.get::<_, Id>("id")?,
                    r.get::<_, String>("kind")?,
                    r.get::<_, String>("name")?,
                    r.get::<_, Option<Id>>("parent_id")?,
                ))
            })?;
            for row in rows {
                let (id, code, name, parent) = row?;
                // a level a newer Linli wrote stays in the tree: the places under it keep their
                // path, and its own row says what it is in the last column
                let kind = PlaceKind::read(&code);
                nodes.insert(
                    id,
                    Node {
                        kind,
                        code,
                        name,
                        parent,
                    },
                );
            }
        }
        if let Some(p) = req.place_id {
            self.place(p)?; // a missing place is an error, not an empty list
        }
        let mut children: HashMap<Option<Id>, Vec<Id>> = HashMap::new();
        for (id, n) in &nodes {
            // a place whose parent is gone stands at the top
            let parent = n.parent.filter(|p| nodes.contains_key(p));
            children.entry(parent).or_default().push(*id);
        }
        for list in children.values_mut() {
            list.sort_by_key(|id| walking_key(&nodes[id].name));
        }
        // The chosen place's ancestors, itself, and everything under it.
        let above: Vec<Id> = match req.place_id {
            None => Vec::new(),
            Some(p) => {
                let mut chain = vec![p];
                while let Some(up) = chain
                    .last()
                    .and_then(|c| nodes.get(c))
                    .and_then(|n| n.parent)
                {
                    if !nodes.contains_key(&up) || chain.contains(&up) {
                        break;
                    }
                    chain.push(up);
                }
                chain.reverse();
                chain
            }
        };
        let mut order: Vec<Id> = above.clone();
        let mut stack: Vec<Id> = match req.place_id {
            Some(p) => {
                order.pop();
                vec![p]
            }
            None => children.get(&None).cloned().unwrap_or_default(),
        };
        stack.reverse();
        while let Some(id) = stack.pop() {
            if !nodes.contains_key(&id) {
                continue;
            }
            order.push(id);
            if let Some(kids) = children.get(&Some(id)) {
                stack.extend(kids.iter().rev());
            }
        }
        // only a tree holding a level this Linli does not know gets the column that names it
        let unknown_levels = order.iter().any(|id| nodes[id].kind == PlaceKind::Unknown);
        let rows: Vec<Vec<Cell>> = order
            .iter()
            .map(|id| {
                let mut path: Vec<&Node> = vec![&nodes[id]];
                while let Some(up) = path.last().and_then(|n| n.parent) {
                    match nodes.get(&up) {
                        Some(n) if path.len() < 16 => path.push(n),
                        _ => break,
                    }
                }
                let mut row: Vec<Cell> = PLACE_COLUMNS
                    .iter()
                    .map(|(_, kind)| {
                        path.iter()
                            .find(|n| n.kind == *kind)
                            .map_or(Cell::Empty, |n| n.name.clone().into())
                    })
                    .collect();
                if unknown_levels {
                    let unknown: Vec<String> = path
                        .iter()
                        .rev()
                        .filter(|n| n.kind == PlaceKind::Unknown)
                        .map(|n| format!("{}：{}", unknown_label_zh(&n.code), n.name))
                        .collect();
                    row.push(match unknown.is_empty() {
                        true => Cell::Empty,
                        false => unknown.join("；").into(),
                    });
                }
                row
            })
            .collect();
        let mut headers: Vec<&str> = PLACE_COLUMNS.iter().map(|(h, _)| *h).collect();
        if unknown_levels {
            headers.push(UNKNOWN_LEVELS);
        }
        let path = Path::new(&req.path);
        match req.format {
            SheetFormat::Xlsx => {
                linli_sheets::write_xlsx_marked(path, "地点", &headers, &rows, &self.export_mark())?
            }
            SheetFormat::Csv => linli_sheets::write_csv(path, &headers, &rows)?,
        }
        Ok(ExportedList {
            path: req.path.clone(),
            rows: rows.len() as u32,
        })
    }

    /// Reads a places list and builds its tree here (see [`ImportPlaces`]).
    pub fn import_places(&mut self, req: &ImportPlaces) -> Result<PlacesImported> {
        let report = linli_sheets::read_places(Path::new(&req.path))?;
        let mut done = PlacesImported::default();
        let mut w = self.begin()?;
        for row in &report.places {
            let mut parent: Option<(Id, PlaceKind, String, Option<Id>)> = None;
            let mut created_here = false;
            let mut refused = None;
            for (kind, written) in &row.path {
                if let Err(e) = kind.check_parent(parent.as_ref().map(|p| p.1)) {
                    refused = Some(Said::around(
                        msg::IMPORT_PLACE_ROW,
                        args![name = written],
                        e.into(),
                    ));
                    break;
                }
                let name = match validate_name(written) {
                    Ok(n) => n,
                    Err(e) => {
                        refused = Some(Said::around(
                            msg::IMPORT_PLACE_ROW,
                            args![name = written],
                            e.into(),
                        ));
                        break;
                    }
                };
                let parent_id = parent.as_ref().map(|p| p.0);
                let found: Option<String> = w
                    .tx()
                    .prepare_cached(
                        "SELECT id FROM places WHERE deleted = 0 AND kind = ?1 AND name = ?2
                         AND parent_id IS ?3 LIMIT 1",
                    )?
                    .query_row(
                        params![kind.code(), name, parent_id.map(|p| p.to_string())],
                        |r| r.get(0),
                    )
                    .optional()?;
                let community = parent.as_ref().and_then(|p| p.3);
                let id = match found {
                    Some(id) => {
                        created_here = false;
                        id.parse()?
                    }
                    None => {
                        let id = match parent_id {
                            Some(up) => add_place(&mut w, *kind, &name, up, community)?,
                            None => add_root(&mut w, *kind, &name)?,
                        };
                        done.created.push(CreatedPlace {
                            kind: *kind,
                            name: name.clone(),
                            parent: parent.as_ref().map(|p| p.2.clone()),
                        });
                        created_here = true;
                        id
                    }
                };
                let community = if *kind == PlaceKind::Community {
                    Some(id)
                } else {
                    community
                };
                parent = Some((id, *kind, name, community));
            }
            match refused {
                Some(reason) => done.refused.push(super::row_issue(row.issue(reason))),
                None if !created_here => done.existing += 1,
                None => {}
            }
        }
        if !req.dry_run {
            w.commit()?;
        }
        Ok(done)
    }
}

/// A place at the top of the tree (a county, or a town or community with none above it).
fn add_root(w: &mut crate::write::Writer<'_>, kind: PlaceKind, name: &str) -> Result<Id> {
    use crate::write::{RowWrite, Scope};
    use serde_json::json;
    let id = w.id();
    w.write(RowWrite {
        table: "places",
        row_id: id,
        fields: vec![
            ("kind", json!(kind.code())),
            ("name", json!(name)),
            ("parent_id", json!(null)),
            ("deleted", json!(false)),
        ],
        scope: Scope {
            community: (kind == PlaceKind::Community).then_some(id),
            grid: None,
            place: Some(id),
        },
    })?;
    Ok(id)
}
