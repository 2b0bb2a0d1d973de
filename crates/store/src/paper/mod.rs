//! Paper for door-knocking days (issue 21, items 4 and 5): the visit sheets of a building or a
//! section and the 楼盘表 of a building ([`chart`]). Members are masked as the register masks
//! them: ID numbers and phones masked, and for a restricted role (steward, coordinator) the
//! withheld text in their place and no sensitive care tag (`linli_protocol::privacy`).

mod chart;
#[cfg(test)]
mod tests;

use std::collections::HashSet;

use linli_domain::{Id, PlaceKind};
use linli_protocol::{
    household_qr, privacy, Household, ListHouseholds, Resident, VisitSheetBlock, VisitSheetMember,
    VisitSheets, VisitSheetsData, MAX_SHEET_BLOCKS,
};
use rusqlite::OptionalExtension;

use crate::field::visits::EFFECTIVE;
use crate::{Result, Store, WITHHELD_TEXT};

/// What a visit sheet or the 楼盘表 is about: a place, or a grid's places.
pub(crate) struct Target {
    pub name: String,
    pub community: Option<Id>,
    pub roots: Vec<Id>,
}

impl Store {
    /// "南湖苑3栋2单元" for a unit, "南湖苑3栋" for a building, the name for anything else.
    pub(crate) fn place_label(&self, id: Id) -> Result<String> {
        let mut place = self.place(id)?;
        let mut parts = vec![place.name.clone()];
        while matches!(place.kind, PlaceKind::Unit | PlaceKind::Building) {
            let Some(parent) = place.parent_id else { break };
            place = self.place(parent)?;
            if matches!(place.kind, PlaceKind::Building | PlaceKind::Compound) {
                parts.push(place.name.clone());
            } else {
                break;
            }
        }
        parts.reverse();
        Ok(parts.concat())
    }

    /// The place `id`, or the grid `id` with the places it and its sections cover.
    pub(crate) fn paper_target(&self, id: Id) -> Result<Target> {
        let is_place: bool = self
            .conn
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM places WHERE id = ?1 AND deleted = 0)")?
            .query_row([id.to_string()], |r| r.get(0))?;
        if is_place {
            return Ok(Target {
                name: self.place_label(id)?,
                community: crate::register::community_of(&self.conn, id)?,
                roots: vec![id],
            });
        }
        let grid: Option<(String, String)> = self
            .conn
            .prepare_cached("SELECT name, community_id FROM grids WHERE id = ?1 AND deleted = 0")?
            .query_row([id.to_string()], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        let Some((name, community)) = grid else {
            return Err(linli_domain::DomainError::coded(
                "place_id",
                linli_domain::msg::PAPER_NOT_A_PLACE,
                linli_domain::args![id = id],
            )
            .into());
        };
        let roots = self
            .conn
            .prepare_cached(
                "SELECT gp.place_id FROM grid_places gp JOIN grids g ON g.id = gp.grid_id
                 JOIN places p ON p.id = gp.place_id
                 WHERE gp.deleted = 0 AND g.deleted = 0 AND (g.id = ?1 OR g.parent_id = ?1)
                 ORDER BY CAST(p.name AS INTEGER), p.name",
            )?
            .query_map([id.to_string()], |r| r.get::<_, String>(0))?
            .map(|s| Ok(s?.parse()?))
            .collect::<Result<Vec<Id>>>()?;
        Ok(Target {
            name,
            community: community.parse().ok(),
            roots,
        })
    }

    /// The households (not moved out) under a target's places, in walking order, each once;
    /// refused above [`MAX_SHEET_BLOCKS`].
    pub(crate) fn target_households(&self, t: &Target) -> Result<Vec<Household>> {
        let mut seen = HashSet::new();
        let mut out = Vec::new();
        for root in &t.roots {
            let mut offset = 0;
            loop {
                let page = self.list_households(&ListHouseholds {
                    place_id: Some(*root),
                    include_moved_out: false,
                    offset,
                    limit: 1000,
                })?;
                let n = page.rows.len() as u32;
                out.extend(page.rows.into_iter().filter(|h| seen.insert(h.id)));
                if out.len() as u32 > MAX_SHEET_BLOCKS {
                    let count = self.target_count(t)?;
                    return Err(linli_domain::DomainError::coded(
                        "place_id",
                        linli_domain::msg::PAPER_TOO_MANY,
                        linli_domain::args![place = t.name, count = count, max = MAX_SHEET_BLOCKS],
                    )
                    .into());
                }
                offset += n;
                if n == 0 || offset >= page.total {
                    break;
                }
            }
        }
        Ok(out)
    }

    fn target_count(&self, t: &Target) -> Result<u32> {
        let mut n = 0;
        for root in &t.roots {
            n += self
                .list_households(&ListHouseholds {
                    place_id: Some(*root),
                    limit: 1,
                    ..Default::default()
                })?
                .total;
        }
        Ok(n)
    }

    /// The day of a household's last visit that reached someone and still counts.
    pub(crate) fn last_visit_day(&self, household: Id) -> Result<Option<String>> {
        let sql = format!(
            "SELECT max(substr(v.at, 1, 10)) FROM visits v
             WHERE v.household_id = ?1 AND v.outcome != 'nobody_home' AND {EFFECTIVE}"
        );
        Ok(self
            .conn
            .prepare_cached(&sql)?
            .query_row([household.to_string()], |r| r.get(0))?)
    }

    /// The visit sheets of a place or a grid (see [`VisitSheets`]).
    pub fn visit_sheets(&self, req: &VisitSheets) -> Result<VisitSheetsData> {
        let target = self.paper_target(req.place_id)?;
        let withheld = self.withheld()?;
        let community_name = match target.community {
            Some(c) => Some(self.place(c)?.name),
            None => None,
        };
        let mut blocks = Vec::new();
        for h in self.target_households(&target)? {
            let members = self
                .members(h.id)?
                .into_iter()
                .filter(|m| m.moved_out.is_none())
                .map(|m| sheet_member(m, withheld))
                .collect();
            blocks.push(VisitSheetBlock {
                household_id: h.id,
                last_visit: self.last_visit_day(h.id)?,
                qr: household_qr(h.id),
                phone: masked(h.phone_masked, withheld),
                address: h.address,
                room: h.room,
                head_name: h.head_name,
                residence_status: h.residence_status,
                floating: h.floating,
                members,
            });
        }
        Ok(VisitSheetsData {
            place_id: req.place_id,
            place_name: target.name,
            community_name,
            made_on: self.now().today(),
            withheld,
            blocks,
        })
    }
}

/// A masked value as a restricted role sees it: the withheld text in its place.
fn masked(v: Option<String>, withheld: bool) -> Option<String> {
    match v {
        Some(_) if withheld => Some(WITHHELD_TEXT.to_owned()),
        v => v,
    }
}

/// Care tags as this laptop's role may read them.
pub(crate) fn visible_tags(tags: Vec<String>, withheld: bool) -> Vec<String> {
    tags.into_iter()
        .filter(|t| !(withheld && privacy::sensitive_tag(t)))
        .collect()
}

fn sheet_member(m: Resident, withheld: bool) -> VisitSheetMember {
    VisitSheetMember {
        name: m.name,
        relation: m.relation,
        gender: m.gender,
        birth_date: m.birth_date,
        id_number: masked(m.id_number_masked, withheld),
        phone: masked(m.phone_masked, withheld),
        care_tags: visible_tags(m.care_tags, withheld),
        party_member: m.party_member,
    }
}
