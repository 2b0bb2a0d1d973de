//! Joint activities between communities and co-building units (联建活动): the communities and
//! units taking part, the service point where, how many came. An activity counts for each
//! community taking part; its first community is its home, which scopes its sync.

use linli_domain::circle as rules;
use linli_domain::{DomainError, Id};
use linli_protocol::*;
use rusqlite::{Connection, OptionalExtension};
use serde_json::json;

use super::{id_list, ids_of, place_name, point_row};
use crate::volunteers::{check_community, community_scope, text_field};
use crate::write::RowWrite;
use crate::{Error, Result, Store};

pub(crate) fn activity(conn: &Connection, id: Id) -> Result<CircleActivity> {
    let (f, _home): (ActivityFields, Option<Id>) = conn
        .prepare_cached(
            "SELECT community_id, date, title, communities, units, point_id, participants, note
             FROM circle_activities WHERE id = ?1 AND deleted = 0",
        )?
        .query_row([id.to_string()], |r| {
            Ok((
                ActivityFields {
                    date: r.get("date")?,
                    title: r.get("title")?,
                    communities: ids_of(&r.get::<_, String>("communities")?),
                    units: serde_json::from_str(&r.get::<_, String>("units")?).unwrap_or_default(),
                    point_id: r.get("point_id")?,
                    participants: r.get("participants")?,
                    note: r.get("note")?,
                },
                r.get("community_id")?,
            ))
        })
        .optional()?
        .ok_or(Error::NotFound {
            what: "联建活动",
            id: id.to_string(),
        })?;
    let community_names = f
        .communities
        .iter()
        .map(|c| place_name(conn, *c))
        .collect::<Result<Vec<_>>>()?
        .into_iter()
        // a neighbour's activity may name communities this laptop does not hold
        .filter(|n| !n.is_empty())
        .collect();
    let point_name = match f.point_id {
        Some(p) => point_row(conn, p).map(|p| p.name).unwrap_or_default(),
        None => String::new(),
    };
    Ok(CircleActivity {
        id,
        fields: f,
        community_names,
        point_name,
    })
}

fn checked(conn: &Connection, f: &ActivityFields) -> Result<ActivityFields> {
    let date = linli_domain::date::validate("date", &f.date)?;
    let title = text_field("title", "活动名称", &f.title, 60, false)?;
    let mut communities: Vec<Id> = Vec::new();
    for c in &f.communities {
        if !communities.contains(c) {
            check_community(conn, *c)?;
            communities.push(*c);
        }
    }
    if communities.is_empty() {
        return Err(DomainError::coded(
            "communities",
            linli_domain::msg::CIRCLE_ACT_NO_COMMUNITY,
            vec![],
        )
        .into());
    }
    if let Some(p) = f.point_id {
        point_row(conn, p)?;
    }
    Ok(ActivityFields {
        date,
        title,
        communities,
        units: rules::check_units(&f.units)?,
        point_id: f.point_id,
        participants: rules::check_participants(f.participants)?,
        note: text_field("note", "备注", &f.note, 200, true)?,
    })
}

impl Store {
    pub fn save_circle_activity(&mut self, req: &SaveCircleActivity) -> Result<CircleActivity> {
        let f = checked(&self.conn, &req.fields)?;
        if let Some(id) = req.id {
            activity(&self.conn, id)?;
        }
        let mut w = self.begin()?;
        let id = match req.id {
            Some(id) => id,
            None => w.id(),
        };
        w.write(RowWrite {
            table: "circle_activities",
            row_id: id,
            fields: vec![
                ("community_id", json!(f.communities[0].to_string())),
                ("date", json!(f.date)),
                ("title", json!(f.title)),
                ("communities", json!(id_list(&f.communities))),
                (
                    "units",
                    json!(serde_json::to_string(&f.units).unwrap_or_else(|_| "[]".into())),
                ),
                ("point_id", json!(f.point_id.map(|p| p.to_string()))),
                ("participants", json!(f.participants)),
                ("note", json!(f.note)),
                ("deleted", json!(0)),
            ],
            scope: community_scope(f.communities[0]),
        })?;
        w.commit()?;
        activity(&self.conn, id)
    }

    /// The activities a community took part in, newest first.
    pub fn list_circle_activities(
        &mut self,
        req: &ListCircleActivities,
    ) -> Result<Vec<CircleActivity>> {
        let (from, to) = match req
            .month
            .as_deref()
            .map(str::trim)
            .filter(|m| !m.is_empty())
        {
            Some(m) => {
                let (_, first, last) = super::figures::month_of(Some(m), "")?;
                (first, last)
            }
            None => (String::new(), "9999-12-31".to_owned()),
        };
        let ids: Vec<Id> = self
            .conn
            .prepare_cached(
                "SELECT id FROM circle_activities WHERE deleted = 0 AND date BETWEEN ?2 AND ?3
                 AND (?1 IS NULL OR EXISTS (SELECT 1 FROM json_each(communities) WHERE value = ?1))
                 ORDER BY date DESC, title, id",
            )?
            .query_map(
                rusqlite::params![req.community_id.map(|c| c.to_string()), from, to],
                |r| r.get(0),
            )?
            .collect::<rusqlite::Result<_>>()?;
        ids.into_iter().map(|id| activity(&self.conn, id)).collect()
    }
}
