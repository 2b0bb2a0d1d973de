//! Changing a volunteer or a team after it was added, with the same checks as adding. Entities
//! merge per field, so an edit writes only the fields its form holds.

use linli_domain::register::validate_person_name;
use linli_domain::Phone;
use linli_protocol::{EditTeam, EditVolunteer, Team, Volunteer};
use rusqlite::OptionalExtension;
use serde_json::json;

use super::registry::{team, volunteer};
use super::{community_scope, text_field, volunteer_head, word_list};
use crate::write::RowWrite;
use crate::{Error, Result, Store};

impl Store {
    /// Changes a volunteer's name, phone, skills and availability; no phone keeps the one on
    /// record (the window shows it masked), an empty one clears it.
    pub fn edit_volunteer(&mut self, req: &EditVolunteer) -> Result<Volunteer> {
        let (community, _) = volunteer_head(&self.conn, req.id)?;
        let name = validate_person_name(&req.name)?;
        let phone = match req.phone.as_deref().map(str::trim) {
            None => None,
            Some("") => Some(None),
            Some(p) => Some(Some(Phone::parse(p)?.into_string())),
        };
        let skills = word_list("skills", "特长", &req.skills, 12, 10)?;
        let availability = text_field("availability", "服务时间", &req.availability, 50, true)?;
        let mut fields = vec![
            ("name", json!(name)),
            ("skills", json!(serde_json::to_string(&skills)?)),
            ("availability", json!(availability)),
        ];
        if let Some(phone) = phone {
            fields.push(("phone", json!(phone)));
        }
        let mut w = self.begin()?;
        w.write(RowWrite {
            table: "volunteers",
            row_id: req.id,
            fields,
            scope: community_scope(community),
        })?;
        w.commit()?;
        volunteer(&self.conn, req.id, &self.now())
    }

    /// Renames a team or changes its kind; another team of the community with the name is refused.
    pub fn edit_team(&mut self, req: &EditTeam) -> Result<Team> {
        let t = team(&self.conn, req.id)?;
        let name = text_field("name", "队名", &req.name, 30, false)?;
        let kind = req.kind.known("kind")?;
        let clash: Option<String> = self
            .conn
            .prepare_cached(
                "SELECT id FROM teams WHERE community_id = ?1 AND name = ?2 AND deleted = 0
                 AND id != ?3",
            )?
            .query_row(
                [t.community_id.to_string(), name.clone(), t.id.to_string()],
                |r| r.get(0),
            )
            .optional()?;
        if clash.is_some() {
            return Err(Error::conflict(
                linli_domain::msg::TEAM_NAME_TAKEN,
                linli_domain::args![name = name],
            ));
        }
        let mut w = self.begin()?;
        w.write(RowWrite {
            table: "teams",
            row_id: t.id,
            fields: vec![("kind", json!(kind.code())), ("name", json!(name))],
            scope: community_scope(t.community_id),
        })?;
        w.commit()?;
        team(&self.conn, t.id)
    }
}
