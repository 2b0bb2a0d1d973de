//! Liaison points (居民联络点): saving one in a community, with its place and its keeper (a
//! worker or a resident), and listing them; a point is read whole (its place and keeper named)
//! by `point_view`, which the suggestions, meetings and the export use too.

use linli_domain::Id;
use linli_protocol::*;
use rusqlite::{Connection, OptionalExtension};
use serde_json::json;

use super::{check_place_in, coded, communities, person_name, place_name, resident_name, scope};
use crate::volunteers::{check_community, text_field};
use crate::write::RowWrite;
use crate::{Error, Result, Store};

pub(super) fn point_view(conn: &Connection, id: Id) -> Result<LiaisonPoint> {
    let row = conn
        .prepare_cached(
            "SELECT community_id, place_id, name, keeper_person_id, keeper_resident_id, hours, note
             FROM liaison_points WHERE id = ?1 AND deleted = 0",
        )?
        .query_row([id.to_string()], |r| {
            Ok((
                r.get::<_, Id>("community_id")?,
                r.get::<_, Option<Id>>("place_id")?,
                r.get::<_, String>("name")?,
                r.get::<_, Option<Id>>("keeper_person_id")?,
                r.get::<_, Option<Id>>("keeper_resident_id")?,
                r.get::<_, String>("hours")?,
                r.get::<_, String>("note")?,
            ))
        })
        .optional()?
        .ok_or(Error::NotFound {
            what: "联络点",
            id: id.to_string(),
        })?;
    let (community_id, place_id, name, person, resident, hours, note) = row;
    let keeper = match person {
        Some(_) => person_name(conn, person)?,
        None => resident_name(conn, resident)?,
    };
    Ok(LiaisonPoint {
        id,
        community_id,
        place_id,
        place: place_name(conn, place_id)?,
        name,
        keeper_person_id: person,
        keeper_resident_id: resident,
        keeper,
        hours,
        note,
    })
}

impl Store {
    pub fn save_liaison_point(&mut self, req: &SaveLiaisonPoint) -> Result<LiaisonPoint> {
        let community = req.community_id;
        check_community(&self.conn, community)?;
        if let Some(id) = req.id {
            let p = point_view(&self.conn, id)?;
            if p.community_id != community {
                return Err(coded(
                    "id",
                    linli_domain::msg::CNC_NOT_HERE,
                    linli_domain::args![what = "联络点"],
                ));
            }
            if req.deleted {
                let mut w = self.begin()?;
                w.write(RowWrite {
                    table: "liaison_points",
                    row_id: id,
                    fields: vec![("deleted", json!(1))],
                    scope: scope(community),
                })?;
                w.commit()?;
                return Ok(p);
            }
        }
        check_place_in(self, community, req.place_id, "联络点所在地点")?;
        let name = text_field("name", "联络点名称", &req.name, 40, false)?;
        let hours = text_field("hours", "开放时间", &req.hours, 60, false)?;
        let note = text_field("note", "备注", &req.note, 200, true)?;
        match (req.keeper_person_id, req.keeper_resident_id) {
            (Some(p), None) => {
                self.person(p)?;
            }
            (None, Some(r)) => {
                let c: Option<Option<Id>> = self
                    .conn
                    .prepare_cached(
                        "SELECT community_id FROM residents WHERE id = ?1 AND deleted = 0",
                    )?
                    .query_row([r.to_string()], |x| x.get(0))
                    .optional()?;
                match c {
                    Some(Some(c)) if c == community => {}
                    Some(_) => {
                        return Err(coded(
                            "keeper_resident_id",
                            linli_domain::msg::CNC_NOT_HERE,
                            linli_domain::args![what = "负责人"],
                        ))
                    }
                    None => {
                        return Err(Error::NotFound {
                            what: "居民",
                            id: r.to_string(),
                        })
                    }
                }
            }
            _ => {
                return Err(coded(
                    "keeper_person_id",
                    linli_domain::msg::CNC_KEEPER_ONE,
                    vec![],
                ))
            }
        }
        let id = req.id.unwrap_or_else(|| self.next_id());
        let mut w = self.begin()?;
        w.write(RowWrite {
            table: "liaison_points",
            row_id: id,
            fields: vec![
                ("community_id", json!(community.to_string())),
                ("place_id", json!(req.place_id.map(|p| p.to_string()))),
                ("name", json!(name)),
                (
                    "keeper_person_id",
                    json!(req.keeper_person_id.map(|p| p.to_string())),
                ),
                (
                    "keeper_resident_id",
                    json!(req.keeper_resident_id.map(|p| p.to_string())),
                ),
                ("hours", json!(hours)),
                ("note", json!(note)),
                ("deleted", json!(0)),
            ],
            scope: scope(community),
        })?;
        w.commit()?;
        point_view(&self.conn, id)
    }

    pub fn list_liaison_points(&mut self, req: &ListLiaisonPoints) -> Result<Vec<LiaisonPoint>> {
        let text = req.text.trim();
        let mut out = Vec::new();
        for c in communities(&self.conn, req.community_id)? {
            let ids: Vec<Id> = self
                .conn
                .prepare_cached(
                    "SELECT id FROM liaison_points WHERE community_id = ?1 AND deleted = 0
                     ORDER BY name, id",
                )?
                .query_map([c.to_string()], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            for id in ids {
                let p = point_view(&self.conn, id)?;
                if text.is_empty()
                    || [&p.name, &p.place, &p.keeper, &p.hours]
                        .iter()
                        .any(|s| s.contains(text))
                {
                    out.push(p);
                }
            }
        }
        Ok(out)
    }
}
