//! A community's rules in one place for the 设置 page: the station's name and the care tags it
//! uses (the synced `community_settings` entity, one row per community), read together with the
//! visit intervals, the escalation days per request category and the points rules. Only an
//! administrator changes rules ([`Store::may_set_rules`]), like drawing grids.

use linli_domain::field::TaskCategory;
use linli_domain::register::{care_tags_and_party, Role, KNOWN_CARE_TAGS};
use linli_domain::{DomainError, Id};
use linli_protocol::{
    CommunityRules, GetCommunityRules, GetMe, GetPointsRules, GetVisitRules, SetCommunitySettings,
    Station, StationOf, TaskRuleDays,
};
use rusqlite::OptionalExtension;
use serde_json::json;

use crate::volunteers::{check_community, community_scope};
use crate::write::RowWrite;
use crate::{Error, Result, Store};

/// The longest station name: it is printed on one line of a statement.
pub const MAX_STATION_NAME: usize = 40;

fn station_name_checked(name: &str) -> Result<String> {
    let name = name.trim();
    let chars = name.chars().count();
    if chars > MAX_STATION_NAME {
        return Err(DomainError::coded(
            "station_name",
            linli_domain::msg::STATION_NAME_TOO_LONG,
            linli_domain::args![max = MAX_STATION_NAME, len = chars],
        )
        .into());
    }
    if name.chars().any(char::is_control) {
        return Err(DomainError::coded(
            "station_name",
            linli_domain::msg::STATION_NAME_CONTROL,
            vec![],
        )
        .into());
    }
    Ok(name.to_owned())
}

/// The care tags as the community keeps them: known ones only, in the domain's order, at least one.
fn care_tags_checked(tags: &[String]) -> Result<Vec<String>> {
    let (tags, party) = care_tags_and_party(tags)?;
    if party {
        return Err(
            DomainError::coded("care_tags", linli_domain::msg::PARTY_NOT_CARE_TAG, vec![]).into(),
        );
    }
    if tags.is_empty() {
        return Err(
            DomainError::coded("care_tags", linli_domain::msg::CARE_TAGS_MISSING, vec![]).into(),
        );
    }
    Ok(KNOWN_CARE_TAGS
        .iter()
        .filter(|k| tags.iter().any(|t| t == *k))
        .map(|k| (*k).to_owned())
        .collect())
}

impl Store {
    /// Refuses to change a community's rules unless this laptop's worker is an administrator (or
    /// nobody is chosen yet).
    pub(crate) fn may_set_rules(&self) -> Result<()> {
        let me = self.get_me(&GetMe {})?;
        match me.person {
            Some(p) if !p.roles.contains(&Role::Admin) => Err(Error::conflict(
                linli_domain::msg::ADMIN_ONLY_RULES,
                linli_domain::args![name = p.name],
            )),
            _ => Ok(()),
        }
    }

    /// The station's name and care tags of a community, as stored (None when never set).
    fn community_settings(&self, community: Id) -> Result<(String, Option<Vec<String>>)> {
        let row: Option<(String, String)> = self
            .conn
            .prepare_cached(
                "SELECT station_name, care_tags FROM community_settings
                 WHERE id = ?1 AND deleted = 0",
            )?
            .query_row([community.to_string()], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        Ok(match row {
            None => (String::new(), None),
            Some((name, tags)) => (
                name,
                (!tags.is_empty())
                    .then(|| serde_json::from_str::<Vec<String>>(&tags).ok())
                    .flatten(),
            ),
        })
    }

    pub fn get_community_rules(&self, req: &GetCommunityRules) -> Result<CommunityRules> {
        check_community(&self.conn, req.community_id)?;
        let (station_name, tags) = self.community_settings(req.community_id)?;
        let care_tags =
            tags.unwrap_or_else(|| KNOWN_CARE_TAGS.iter().map(|t| (*t).to_owned()).collect());
        let mut tasks = Vec::new();
        for &category in TaskCategory::ALL {
            let set: Option<u32> = self
                .conn
                .prepare_cached(
                    "SELECT escalate_after_days FROM task_rules WHERE id = ?1 AND deleted = 0",
                )?
                .query_row(
                    [crate::field::tasks::rule_id(req.community_id, category).to_string()],
                    |r| r.get(0),
                )
                .optional()?;
            tasks.push(TaskRuleDays {
                category,
                escalate_after_days: set.unwrap_or_else(|| category.default_escalate_after_days()),
                set: set.is_some(),
            });
        }
        Ok(CommunityRules {
            community_id: req.community_id,
            station_name,
            care_tags,
            visit: self.get_visit_rules(&GetVisitRules {
                community_id: req.community_id,
            })?,
            tasks,
            points: self.get_points_rules(&GetPointsRules {
                community_id: req.community_id,
            })?,
        })
    }

    /// Sets the station's name and/or the care tags; only the fields given are written (and
    /// merge per field with another laptop's change to the other one).
    pub fn set_community_settings(&mut self, req: &SetCommunitySettings) -> Result<CommunityRules> {
        check_community(&self.conn, req.community_id)?;
        self.may_set_rules()?;
        let name = req
            .station_name
            .as_deref()
            .map(station_name_checked)
            .transpose()?;
        let tags = req
            .care_tags
            .as_deref()
            .map(care_tags_checked)
            .transpose()?;
        let mut fields = vec![
            ("community_id", json!(req.community_id.to_string())),
            ("deleted", json!(false)),
        ];
        if let Some(n) = name {
            fields.push(("station_name", json!(n)));
        }
        if let Some(t) = tags {
            fields.push(("care_tags", json!(serde_json::to_string(&t)?)));
        }
        let mut w = self.begin()?;
        w.write(RowWrite {
            table: "community_settings",
            row_id: req.community_id,
            fields,
            scope: community_scope(req.community_id),
        })?;
        w.commit()?;
        self.get_community_rules(&GetCommunityRules {
            community_id: req.community_id,
        })
    }

    /// The station a volunteer's statement is printed for: the volunteer's community and its
    /// station's name.
    pub fn station_of(&self, req: &StationOf) -> Result<Station> {
        let community: Option<String> = self
            .conn
            .prepare_cached("SELECT community_id FROM volunteers WHERE id = ?1 AND deleted = 0")?
            .query_row([req.volunteer_id.to_string()], |r| r.get(0))
            .optional()?
            .ok_or(Error::NotFound {
                what: "志愿者",
                id: req.volunteer_id.to_string(),
            })?;
        let community: Option<Id> = community.as_deref().map(str::parse).transpose()?;
        Ok(match community {
            Some(c) => Station {
                community_id: Some(c),
                community_name: self.place(c).map(|p| p.name).unwrap_or_default(),
                station_name: self.community_settings(c)?.0,
            },
            None => Station {
                community_id: None,
                community_name: String::new(),
                station_name: String::new(),
            },
        })
    }
}
