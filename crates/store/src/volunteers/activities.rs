//! Activities, and who signed up and attended (facts; the latest attendance mark counts).

use linli_domain::volunteers::{hours_to_minutes, minutes_to_hours, validate_category};
use linli_domain::Id;
use linli_protocol::{Activity, AddActivity, ListActivities, MarkAttendance, SignUp};
use rusqlite::{Connection, OptionalExtension};
use serde_json::json;

use super::{check_community, community_scope, opt_date, parse_ids, text_field, volunteer_head};
use crate::write::{RowWrite, Writer};
use crate::{Error, Result, Store};

/// An activity as written.
pub(crate) struct NewActivity<'a> {
    pub community: Id,
    pub team: Option<Id>,
    pub title: &'a str,
    pub category: &'a str,
    pub date: &'a str,
    pub minutes: i64,
    pub place: &'a str,
}

pub(crate) fn insert_activity(w: &mut Writer<'_>, id: Id, a: &NewActivity<'_>) -> Result<()> {
    w.write(RowWrite {
        table: "activities",
        row_id: id,
        fields: vec![
            ("community_id", json!(a.community.to_string())),
            ("team_id", json!(a.team.map(|t| t.to_string()))),
            ("title", json!(a.title)),
            ("category", json!(a.category)),
            ("date", json!(a.date)),
            ("minutes", json!(a.minutes)),
            ("place", json!(a.place)),
            ("deleted", json!(false)),
        ],
        scope: community_scope(a.community),
    })?;
    Ok(())
}

/// Signs a volunteer up unless they already are.
pub(crate) fn insert_signup(
    w: &mut Writer<'_>,
    community: Id,
    activity: Id,
    volunteer: Id,
) -> Result<()> {
    let already: Option<i64> = w
        .tx()
        .prepare_cached(
            "SELECT 1 FROM activity_signups WHERE activity_id = ?1 AND volunteer_id = ?2",
        )?
        .query_row([activity.to_string(), volunteer.to_string()], |r| r.get(0))
        .optional()?;
    if already.is_some() {
        return Ok(());
    }
    let id = w.id();
    w.insert_fact(RowWrite {
        table: "activity_signups",
        row_id: id,
        fields: vec![
            ("activity_id", json!(activity.to_string())),
            ("volunteer_id", json!(volunteer.to_string())),
            ("at", json!(w.now().stamp())),
        ],
        scope: community_scope(community),
    })?;
    Ok(())
}

pub(crate) fn insert_attendance(
    w: &mut Writer<'_>,
    community: Id,
    activity: Id,
    volunteer: Id,
    present: bool,
) -> Result<()> {
    let id = w.id();
    w.insert_fact(RowWrite {
        table: "attendance",
        row_id: id,
        fields: vec![
            ("activity_id", json!(activity.to_string())),
            ("volunteer_id", json!(volunteer.to_string())),
            ("present", json!(present)),
            ("at", json!(w.now().stamp())),
        ],
        scope: community_scope(community),
    })?;
    Ok(())
}

fn ids_of(conn: &Connection, sql: &str, activity: Id) -> Result<Vec<Id>> {
    let rows = conn
        .prepare_cached(sql)?
        .query_map([activity.to_string()], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    parse_ids(&rows)
}

pub(crate) fn activity(conn: &Connection, id: Id) -> Result<Activity> {
    let mut activity = conn
        .prepare_cached(
            "SELECT community_id, team_id, title, category, date, minutes, place
             FROM activities WHERE id = ?1 AND deleted = 0",
        )?
        .query_row([id.to_string()], |r| {
            Ok(Activity {
                id,
                community_id: r.get("community_id")?,
                team_id: r.get("team_id")?,
                title: r.get("title")?,
                category: r.get("category")?,
                date: r.get("date")?,
                hours: minutes_to_hours(r.get("minutes")?),
                place: r.get("place")?,
                signed_up: Vec::new(),
                attended: Vec::new(),
            })
        })
        .optional()?
        .ok_or(Error::NotFound {
            what: "活动",
            id: id.to_string(),
        })?;
    let signed_up = ids_of(
        conn,
        "SELECT s.volunteer_id FROM activity_signups s JOIN volunteers v ON v.id = s.volunteer_id
         WHERE s.activity_id = ?1 GROUP BY s.volunteer_id ORDER BY v.name, v.id",
        id,
    )?;
    // the latest mark of each volunteer, by time then id
    let attended = ids_of(
        conn,
        "SELECT a.volunteer_id FROM attendance a JOIN volunteers v ON v.id = a.volunteer_id
         WHERE a.activity_id = ?1 AND a.present = 1 AND NOT EXISTS (
             SELECT 1 FROM attendance b WHERE b.activity_id = a.activity_id
             AND b.volunteer_id = a.volunteer_id AND (b.at, b.id) > (a.at, a.id))
         GROUP BY a.volunteer_id ORDER BY v.name, v.id",
        id,
    )?;
    activity.signed_up = signed_up;
    activity.attended = attended;
    Ok(activity)
}

/// The activity's community, checking that each volunteer belongs to it.
fn check_people(conn: &Connection, activity: &Activity, volunteers: &[Id]) -> Result<()> {
    if volunteers.is_empty() {
        return Err(linli_domain::DomainError::coded(
            "volunteer_ids",
            linli_domain::msg::VOLUNTEERS_MISSING,
            vec![],
        )
        .into());
    }
    for v in volunteers {
        let (community, name) = volunteer_head(conn, *v)?;
        if community != activity.community_id {
            return Err(linli_domain::DomainError::invalid(
                "volunteer_ids",
                format!("{name}不是本社区的志愿者"),
            )
            .into());
        }
    }
    Ok(())
}

impl Store {
    pub fn add_activity(&mut self, req: &AddActivity) -> Result<Activity> {
        check_community(&self.conn, req.community_id)?;
        if let Some(t) = req.team_id {
            let team = super::registry::team(&self.conn, t)?;
            if team.community_id != req.community_id {
                return Err(linli_domain::DomainError::coded(
                    "team_id",
                    linli_domain::msg::TEAM_OTHER_COMMUNITY,
                    vec![],
                )
                .into());
            }
        }
        let title = text_field("title", "活动名称", &req.title, 50, false)?;
        let category = validate_category(&req.category)?;
        let date = linli_domain::date::validate("date", &req.date)?;
        let minutes = hours_to_minutes(req.hours)?;
        let place = text_field("place", "地点", &req.place, 50, true)?;
        let id = self.next_id();
        let mut w = self.begin()?;
        insert_activity(
            &mut w,
            id,
            &NewActivity {
                community: req.community_id,
                team: req.team_id,
                title: &title,
                category: &category,
                date: &date,
                minutes,
                place: &place,
            },
        )?;
        w.commit()?;
        activity(&self.conn, id)
    }

    pub fn list_activities(&self, req: &ListActivities) -> Result<Vec<Activity>> {
        let from = opt_date("from", req.from.as_deref())?;
        let to = opt_date("to", req.to.as_deref())?;
        let ids = self
            .conn
            .prepare_cached(
                "SELECT id FROM activities WHERE community_id = ?1 AND deleted = 0
                 AND (?2 IS NULL OR date >= ?2) AND (?3 IS NULL OR date <= ?3)
                 ORDER BY date DESC, title, id",
            )?
            .query_map(
                rusqlite::params![req.community_id.to_string(), from, to],
                |r| r.get::<_, String>(0),
            )?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        ids.iter()
            .map(|id| activity(&self.conn, id.parse()?))
            .collect()
    }

    pub fn sign_up(&mut self, req: &SignUp) -> Result<Activity> {
        let a = activity(&self.conn, req.activity_id)?;
        check_people(&self.conn, &a, &req.volunteer_ids)?;
        let mut w = self.begin()?;
        for v in &req.volunteer_ids {
            insert_signup(&mut w, a.community_id, a.id, *v)?;
        }
        w.commit()?;
        activity(&self.conn, a.id)
    }

    pub fn mark_attendance(&mut self, req: &MarkAttendance) -> Result<Activity> {
        let a = activity(&self.conn, req.activity_id)?;
        check_people(&self.conn, &a, &req.volunteer_ids)?;
        let mut w = self.begin()?;
        for v in &req.volunteer_ids {
            insert_attendance(&mut w, a.community_id, a.id, *v, req.present)?;
        }
        w.commit()?;
        activity(&self.conn, a.id)
    }
}
