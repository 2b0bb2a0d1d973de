//! Activities, and who signed up and attended (facts; the latest attendance mark counts).

use linli_domain::volunteers::{
    hours_to_minutes, minutes_to_hours, validate_capacity, validate_category, validate_start_time,
};
use linli_domain::Id;
use linli_protocol::{Activity, AddActivity, EditActivity, ListActivities, MarkAttendance, SignUp};
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
    pub time: &'a str,
    pub capacity: Option<i64>,
}

/// Writes an activity. The start time and capacity are written when said (or `always`, for an
/// edit that may clear them), so an activity without them is the same change as before 0012.
pub(crate) fn insert_activity(w: &mut Writer<'_>, id: Id, a: &NewActivity<'_>) -> Result<()> {
    write_activity(w, id, a, false)
}

fn write_activity(w: &mut Writer<'_>, id: Id, a: &NewActivity<'_>, always: bool) -> Result<()> {
    let mut fields = vec![
        ("community_id", json!(a.community.to_string())),
        ("team_id", json!(a.team.map(|t| t.to_string()))),
        ("title", json!(a.title)),
        ("category", json!(a.category)),
        ("date", json!(a.date)),
        ("minutes", json!(a.minutes)),
        ("place", json!(a.place)),
        ("deleted", json!(false)),
    ];
    if always || !a.time.is_empty() || a.capacity.is_some() {
        fields.push(("start_time", json!(a.time)));
        fields.push(("capacity", json!(a.capacity)));
    }
    w.write(RowWrite {
        table: "activities",
        row_id: id,
        fields,
        scope: community_scope(a.community),
    })?;
    Ok(())
}

/// An activity form's fields, checked.
struct CheckedActivity {
    title: String,
    category: String,
    date: String,
    time: String,
    minutes: i64,
    place: String,
    capacity: Option<i64>,
}

impl CheckedActivity {
    fn as_row(&self, community: Id, team: Option<Id>) -> NewActivity<'_> {
        NewActivity {
            community,
            team,
            title: &self.title,
            category: &self.category,
            date: &self.date,
            minutes: self.minutes,
            place: &self.place,
            time: &self.time,
            capacity: self.capacity,
        }
    }
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
            "SELECT community_id, team_id, title, category, date, minutes, place, start_time,
                    capacity
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
                time: r.get("start_time")?,
                capacity: r.get("capacity")?,
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
            return Err(linli_domain::DomainError::coded(
                "volunteer_ids",
                linli_domain::msg::VOLUNTEER_OTHER_COMMUNITY,
                linli_domain::args![name = name],
            )
            .into());
        }
    }
    Ok(())
}

impl Store {
    /// The checked fields of an activity form (adding or editing).
    #[allow(clippy::too_many_arguments)]
    fn checked_activity(
        &self,
        community: Id,
        team_id: Option<Id>,
        title: &str,
        category: &str,
        date: &str,
        time: &str,
        hours: f64,
        place: &str,
        capacity: Option<i64>,
    ) -> Result<CheckedActivity> {
        if let Some(t) = team_id {
            let team = super::registry::team(&self.conn, t)?;
            if team.community_id != community {
                return Err(linli_domain::DomainError::coded(
                    "team_id",
                    linli_domain::msg::TEAM_OTHER_COMMUNITY,
                    vec![],
                )
                .into());
            }
        }
        Ok(CheckedActivity {
            title: text_field("title", "活动名称", title, 50, false)?,
            category: validate_category(category)?,
            date: linli_domain::date::validate("date", date)?,
            time: validate_start_time(time)?,
            minutes: hours_to_minutes(hours)?,
            place: text_field("place", "地点", place, 50, true)?,
            capacity: validate_capacity(capacity)?,
        })
    }

    pub fn add_activity(&mut self, req: &AddActivity) -> Result<Activity> {
        check_community(&self.conn, req.community_id)?;
        let c = self.checked_activity(
            req.community_id,
            req.team_id,
            &req.title,
            &req.category,
            &req.date,
            &req.time,
            req.hours,
            &req.place,
            req.capacity,
        )?;
        let id = self.next_id();
        let mut w = self.begin()?;
        insert_activity(&mut w, id, &c.as_row(req.community_id, req.team_id))?;
        w.commit()?;
        activity(&self.conn, id)
    }

    /// Changes an activity, with the same checks as adding; a capacity below the number already
    /// signed up is refused.
    pub fn edit_activity(&mut self, req: &EditActivity) -> Result<Activity> {
        let a = activity(&self.conn, req.id)?;
        let c = self.checked_activity(
            a.community_id,
            req.team_id,
            &req.title,
            &req.category,
            &req.date,
            &req.time,
            req.hours,
            &req.place,
            req.capacity,
        )?;
        if let Some(cap) = c.capacity {
            if (a.signed_up.len() as i64) > cap {
                return Err(linli_domain::DomainError::coded(
                    "capacity",
                    linli_domain::msg::CAPACITY_BELOW_SIGNED,
                    linli_domain::args![signed = a.signed_up.len()],
                )
                .into());
            }
        }
        let mut w = self.begin()?;
        write_activity(&mut w, a.id, &c.as_row(a.community_id, req.team_id), true)?;
        w.commit()?;
        activity(&self.conn, a.id)
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
        if let Some(cap) = a.capacity {
            let mut after = a.signed_up.clone();
            for v in &req.volunteer_ids {
                if !after.contains(v) {
                    after.push(*v);
                }
            }
            if after.len() as i64 > cap {
                return Err(Error::conflict(
                    linli_domain::msg::ACTIVITY_FULL,
                    linli_domain::args![
                        title = a.title,
                        cap = cap,
                        signed = a.signed_up.len(),
                        left = (cap - a.signed_up.len() as i64).max(0)
                    ],
                ));
            }
        }
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
