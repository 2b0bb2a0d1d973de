//! The rows of the households and residents lists, mapped by named columns.

use linli_domain::{Gender, Id};
use linli_sheets::Cell;
use rusqlite::params;

use crate::register::{id_text, json_list};
use crate::{Result, Store};

use super::*;

impl Store {
    /// Each household as (compound…head name, head ID number, members, phone, status…notes).
    #[allow(clippy::type_complexity)]
    pub(super) fn household_rows(
        &self,
        place: Option<Id>,
        make: impl Fn((Vec<Cell>, Option<String>, i64, Option<String>, Vec<Cell>)) -> Vec<Cell>,
    ) -> Result<Vec<Vec<Cell>>> {
        let sql = format!(
            "{UNDER}, head AS (
                 SELECT household_id, name, id_number, phone,
                   row_number() OVER (PARTITION BY household_id ORDER BY birth_date, id) AS n
                 FROM residents WHERE relation = '户主' AND deleted = 0 AND moved_out IS NULL)
             SELECT c.name AS community, b.name AS building, u.name AS unit, h.room,
               hd.name AS head, hd.id_number,
               (SELECT count(*) FROM residents r WHERE r.household_id = h.id AND r.deleted = 0
                  AND r.moved_out IS NULL) AS members,
               coalesce(h.phone, hd.phone) AS phone, h.residence_status, h.tags, h.notes
             FROM households h {PLACES}
             LEFT JOIN head hd ON hd.household_id = h.id AND hd.n = 1
             WHERE {LIVING} ORDER BY {ORDER}"
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map(params![id_text(place)], |r| {
            let text = |c: &str| r.get::<_, Option<String>>(c);
            let tags: String = r.get("tags")?;
            Ok(make((
                vec![
                    text("community")?.into(),
                    text("building")?.into(),
                    text("unit")?.into(),
                    text("room")?.into(),
                    text("head")?.into(),
                ],
                text("id_number")?,
                r.get("members")?,
                text("phone")?,
                vec![
                    status_label(&r.get::<_, String>("residence_status")?).into(),
                    Some(json_list(&tags).join("、"))
                        .filter(|t| !t.is_empty())
                        .into(),
                    text("notes")?.filter(|n| !n.is_empty()).into(),
                ],
            )))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Each resident as (name…birth date, ID number, phone, relation…moved in (with 党员 after
    /// the care tags), the household's phone, floating…household notes): the columns of [`RESIDENT_COLUMNS`].
    #[allow(clippy::type_complexity)]
    pub(super) fn resident_rows(
        &self,
        place: Option<Id>,
        make: impl Fn(
            (
                Vec<Cell>,
                Option<String>,
                Option<String>,
                Vec<Cell>,
                Option<String>,
                Vec<Cell>,
            ),
        ) -> Vec<Cell>,
    ) -> Result<Vec<Vec<Cell>>> {
        let sql = format!(
            "{UNDER}
             SELECT r.name, r.gender, r.birth_date, r.id_number, r.phone, r.relation,
               c.name AS community, b.name AS building, u.name AS unit, h.room,
               h.residence_status, r.care_tags, r.notes, r.moved_in, h.phone AS household_phone,
               h.floating, h.tags AS household_tags, h.notes AS household_notes, r.party_member
             FROM residents r JOIN households h ON h.id = r.household_id {PLACES}
             WHERE {LIVING} AND r.deleted = 0 AND r.moved_out IS NULL
             ORDER BY {ORDER}, r.relation != '户主', r.birth_date, r.name"
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let date = |d: Option<String>| {
            d.as_deref()
                .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        };
        let yes_no = |b: bool| -> Cell { if b { "是" } else { "否" }.into() };
        let tags = |t: String| -> Cell {
            Some(json_list(&t).join("、"))
                .filter(|t| !t.is_empty())
                .into()
        };
        let rows = stmt.query_map(params![id_text(place)], |r| {
            let text = |c: &str| r.get::<_, Option<String>>(c);
            // a gender code this laptop does not know stays as written, like a status
            let gender = text("gender")?
                .map(|g| Gender::from_code(&g).map_or(g, |k| k.label_zh().to_owned()));
            Ok(make((
                vec![
                    text("name")?.into(),
                    gender.into(),
                    date(text("birth_date")?).into(),
                ],
                text("id_number")?,
                text("phone")?,
                vec![
                    text("relation")?.filter(|s| !s.is_empty()).into(),
                    text("community")?.into(),
                    text("building")?.into(),
                    text("unit")?.into(),
                    text("room")?.into(),
                    status_label(&r.get::<_, String>("residence_status")?).into(),
                    tags(r.get("care_tags")?),
                    yes_no(r.get("party_member")?),
                    text("notes")?.filter(|n| !n.is_empty()).into(),
                    date(text("moved_in")?).into(),
                ],
                text("household_phone")?,
                vec![
                    yes_no(r.get("floating")?),
                    tags(r.get("household_tags")?),
                    text("household_notes")?.filter(|n| !n.is_empty()).into(),
                ],
            )))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
