//! The 15-minute neighbourhood service circle (15分钟近邻服务圈, issue 25 item 3; docs/circle.md).
//!
//! A service point and a joint activity are entities scoped to their home community. A point
//! serves its home community and the neighbours it lists (`serves`), so a community's circle is
//! its own points and its neighbours' shared ones (the server hands a neighbour's laptop the
//! points and activities shared with its community, read-only); the search by service is
//! `linli_domain::circle::offers`. A point's contact phone is shown whole only to roles that
//! read phones, masked to the others (`privacy::restricted`).
//!
//! Split along the work: this file (a point, the list), `activities` (joint activities),
//! `figures` (the month's figures, `circle_report` and the monthly report's lines), `export`.

mod activities;
mod export;
mod figures;

pub(crate) use figures::{
    activities_of, circle_figures, circle_records, headers_of as circle_headers, points_of,
};

use linli_domain::circle::{self as rules, PointKind};
use linli_domain::phone::Phone;
use linli_domain::{DomainError, Id};
use linli_protocol::*;
use rusqlite::{Connection, OptionalExtension};
use serde_json::json;

use crate::volunteers::{check_community, community_scope, text_field};
use crate::write::RowWrite;
use crate::{Error, Result, Store};

pub(crate) fn place_name(conn: &Connection, id: Id) -> Result<String> {
    Ok(conn
        .prepare_cached("SELECT name FROM places WHERE id = ?1")?
        .query_row([id.to_string()], |r| r.get(0))
        .optional()?
        .unwrap_or_default())
}

fn ids_of(text: &str) -> Vec<Id> {
    serde_json::from_str(text).unwrap_or_default()
}

/// A point's own row, its phone as stored.
pub(crate) fn point_row(conn: &Connection, id: Id) -> Result<PointFields> {
    conn.prepare_cached(
        "SELECT community_id, kind, name, address, hours, contact_name, contact_phone,
                run_by_community_id, run_by_unit, services, serves, note, opened_on, closed_on
         FROM circle_points WHERE id = ?1 AND deleted = 0",
    )?
    .query_row([id.to_string()], |r| {
        Ok(PointFields {
            community_id: r.get("community_id")?,
            kind: PointKind::read(&r.get::<_, String>("kind")?),
            name: r.get("name")?,
            address: r.get("address")?,
            hours: r.get("hours")?,
            contact_name: r.get("contact_name")?,
            contact_phone: r.get("contact_phone")?,
            run_by_community_id: r.get("run_by_community_id")?,
            run_by_unit: r.get("run_by_unit")?,
            services: serde_json::from_str(&r.get::<_, String>("services")?).unwrap_or_default(),
            services_text: String::new(),
            serves: ids_of(&r.get::<_, String>("serves")?),
            note: r.get("note")?,
            opened_on: r.get("opened_on")?,
            closed_on: r.get("closed_on")?,
        })
    })
    .optional()?
    .ok_or(Error::NotFound {
        what: "服务点",
        id: id.to_string(),
    })
}

/// A point as read back; its phone masked unless `full`; closed or not as of `today`.
pub(crate) fn point(conn: &Connection, id: Id, full: bool, today: &str) -> Result<ServicePoint> {
    let mut f = point_row(conn, id)?;
    if !full && !f.contact_phone.is_empty() {
        f.contact_phone = crate::register::households::mask_phone(&f.contact_phone);
    }
    let run_by = match f.run_by_community_id {
        Some(c) => place_name(conn, c)?,
        None => f.run_by_unit.clone(),
    };
    // a neighbour's point, received because it serves this laptop's community, may name
    // communities this laptop does not hold: they are left out (the page says 邻近社区)
    let community_name = place_name(conn, f.community_id)?;
    let mut serves_names = Vec::new();
    for c in std::iter::once(&f.community_id).chain(&f.serves) {
        let name = place_name(conn, *c)?;
        if !name.is_empty() {
            serves_names.push(name);
        }
    }
    Ok(ServicePoint {
        id,
        community_name,
        run_by,
        shared: !f.serves.is_empty(),
        closed: !f.closed_on.is_empty() && f.closed_on.as_str() <= today,
        serves_names,
        fields: f,
    })
}

fn coded(field: &'static str, m: linli_domain::msg::Msg, args: linli_domain::msg::Args) -> Error {
    DomainError::coded(field, m, args).into()
}

/// A point's fields checked and tidied: the communities are the register's, the hours read,
/// at least one service, someone runs it.
fn checked(conn: &Connection, f: &PointFields) -> Result<PointFields> {
    check_community(conn, f.community_id)?;
    if f.kind == PointKind::Unknown {
        return Err(coded("kind", linli_domain::msg::UNKNOWN_CHOICE, vec![]));
    }
    let name = text_field("name", "服务点名称", &f.name, 40, false)?;
    let address = text_field("address", "地址", &f.address, 100, true)?;
    let hours = rules::check_hours(&f.hours)?;
    let contact_name = text_field("contact_name", "联系人", &f.contact_name, 20, true)?;
    let contact_phone = match f.contact_phone.trim() {
        "" => String::new(),
        t => Phone::parse(t)?.into_string(),
    };
    let services = rules::check_services(&f.services, &f.services_text)?;
    let (run_by_community_id, run_by_unit) = match f.run_by_community_id {
        Some(c) => {
            check_community(conn, c)?;
            (Some(c), String::new())
        }
        None => {
            let unit = text_field("run_by_unit", "共建单位", &f.run_by_unit, 40, true)?;
            if unit.is_empty() {
                return Err(coded(
                    "run_by_unit",
                    linli_domain::msg::CIRCLE_NO_RUNNER,
                    vec![],
                ));
            }
            (None, unit)
        }
    };
    let mut serves: Vec<Id> = Vec::new();
    for c in &f.serves {
        if *c != f.community_id && !serves.contains(c) {
            check_community(conn, *c)?;
            serves.push(*c);
        }
    }
    if serves.len() > rules::MAX_SERVED {
        return Err(coded(
            "serves",
            linli_domain::msg::CIRCLE_TOO_MANY_SERVED,
            linli_domain::args![max = rules::MAX_SERVED],
        ));
    }
    let note = text_field("note", "备注", &f.note, 200, true)?;
    let (opened_on, closed_on) = rules::check_dates(&f.opened_on, &f.closed_on)?;
    Ok(PointFields {
        community_id: f.community_id,
        kind: f.kind,
        name,
        address,
        hours,
        contact_name,
        contact_phone,
        run_by_community_id,
        run_by_unit,
        services,
        services_text: String::new(),
        serves,
        note,
        opened_on,
        closed_on,
    })
}

fn id_list(ids: &[Id]) -> String {
    serde_json::to_string(&ids.iter().map(Id::to_string).collect::<Vec<_>>())
        .unwrap_or_else(|_| "[]".into())
}

impl Store {
    /// Whether this laptop's role reads phones whole.
    pub(crate) fn reads_phones(&self) -> Result<bool> {
        Ok(!matches!(self.sync_role()?, Some(r) if linli_protocol::privacy::restricted(r)))
    }

    pub fn save_circle_point(&mut self, req: &SaveCirclePoint) -> Result<ServicePoint> {
        let mut asked = req.fields.clone();
        if let Some(id) = req.id {
            let old = point_row(&self.conn, id)?;
            // a masked phone sent back unchanged keeps the stored one
            if asked.contact_phone.contains('*') {
                asked.contact_phone = old.contact_phone;
            }
        }
        let f = checked(&self.conn, &asked)?;
        let mut w = self.begin()?;
        let id = match req.id {
            Some(id) => id,
            None => w.id(),
        };
        w.write(RowWrite {
            table: "circle_points",
            row_id: id,
            fields: vec![
                ("community_id", json!(f.community_id.to_string())),
                ("kind", json!(f.kind.code())),
                ("name", json!(f.name)),
                ("address", json!(f.address)),
                ("hours", json!(f.hours)),
                ("contact_name", json!(f.contact_name)),
                ("contact_phone", json!(f.contact_phone)),
                (
                    "run_by_community_id",
                    json!(f.run_by_community_id.map(|c| c.to_string())),
                ),
                ("run_by_unit", json!(f.run_by_unit)),
                (
                    "services",
                    json!(serde_json::to_string(&f.services).unwrap_or_else(|_| "[]".into())),
                ),
                ("serves", json!(id_list(&f.serves))),
                ("note", json!(f.note)),
                ("opened_on", json!(f.opened_on)),
                ("closed_on", json!(f.closed_on)),
                ("deleted", json!(0)),
            ],
            scope: community_scope(f.community_id),
        })?;
        w.commit()?;
        let full = self.reads_phones()?;
        point(&self.conn, id, full, &self.now().today())
    }

    pub fn remove_circle_point(&mut self, req: &RemoveCirclePoint) -> Result<()> {
        let f = point_row(&self.conn, req.id)?;
        let mut w = self.begin()?;
        w.write(RowWrite {
            table: "circle_points",
            row_id: req.id,
            fields: vec![("deleted", json!(1))],
            scope: community_scope(f.community_id),
        })?;
        w.commit()?;
        Ok(())
    }

    /// The points serving a community (its own and its neighbours' shared ones), filtered.
    pub fn list_circle_points(&mut self, req: &ListCirclePoints) -> Result<Vec<ServicePoint>> {
        let full = self.reads_phones()?;
        let today = self.now().today();
        let ids: Vec<Id> = self
            .conn
            .prepare_cached(
                "SELECT id FROM circle_points WHERE deleted = 0
                 AND (?1 IS NULL OR community_id = ?1
                      OR EXISTS (SELECT 1 FROM json_each(serves) WHERE value = ?1))",
            )?
            .query_map([req.community_id.map(|c| c.to_string())], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let text = req.text.trim().to_lowercase();
        let mut out = Vec::new();
        for id in ids {
            let p = point(&self.conn, id, full, &today)?;
            if (p.closed && !req.include_closed)
                || req.kind.is_some_and(|k| k != p.fields.kind)
                || !rules::offers(&p.fields.services, &req.service)
                || (!text.is_empty()
                    && ![&p.fields.name, &p.fields.address]
                        .iter()
                        .any(|s| s.to_lowercase().contains(&text)))
            {
                continue;
            }
            out.push(p);
        }
        let kind_pos = |k: PointKind| PointKind::ALL.iter().position(|x| *x == k).unwrap_or(99);
        match req.sort {
            PointSort::Kind => out.sort_by(|a, b| {
                (kind_pos(a.fields.kind), &a.fields.name)
                    .cmp(&(kind_pos(b.fields.kind), &b.fields.name))
            }),
            PointSort::Name => out.sort_by(|a, b| a.fields.name.cmp(&b.fields.name)),
            PointSort::Home => {
                let home = |p: &ServicePoint| Some(p.fields.community_id) != req.community_id;
                out.sort_by(|a, b| {
                    (home(a), kind_pos(a.fields.kind), &a.fields.name).cmp(&(
                        home(b),
                        kind_pos(b.fields.kind),
                        &b.fields.name,
                    ))
                })
            }
        }
        Ok(out)
    }
}
