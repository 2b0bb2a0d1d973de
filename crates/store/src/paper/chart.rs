//! The 楼盘表: a building drawn as floors × rooms. The floors come from the building's recorded
//! number of floors and from the room numbers ("1502" is on floor 15, position "02"); a
//! position a floor has no household at is drawn empty (no household registered there).

use std::collections::{BTreeMap, BTreeSet};

use linli_domain::address::floor_of;
use linli_domain::calendar::{day_number, month_bounds, month_of};
use linli_domain::{Id, PlaceKind};
use linli_protocol::{
    BuildingChart, BuildingChartData, ChartFloor, ChartRoom, ChartUnit, GetBuildingDetails,
    Household, ListLoans, ListPlaces,
};

use super::{visible_tags, Target};
use crate::field::visits::EFFECTIVE;
use crate::{Result, Store};

/// A room number's position on its floor: its last two digits ("1502" → "02"), or the whole
/// number when it shows no floor.
pub(crate) fn position_of(room: &str) -> String {
    let room = room.trim();
    if floor_of(room) > 0 {
        let n = room.chars().count();
        room.chars().skip(n.saturating_sub(2)).collect()
    } else {
        room.to_owned()
    }
}

/// A name's leading number for ordering ("10单元" after "2单元").
fn number_key(name: &str) -> (u64, String) {
    let digits: String = name.chars().take_while(char::is_ascii_digit).collect();
    (digits.parse().unwrap_or(u64::MAX), name.to_owned())
}

impl Store {
    /// The 楼盘表 of a building (see [`BuildingChart`]).
    pub fn building_chart(&mut self, req: &BuildingChart) -> Result<BuildingChartData> {
        let building = self.place(req.building_id)?;
        if building.kind != PlaceKind::Building {
            return Err(linli_domain::DomainError::coded(
                "building_id",
                linli_domain::msg::NOT_A_BUILDING,
                linli_domain::args![name = building.name],
            )
            .into());
        }
        let today = self.now().today();
        let (month_from, month_to) =
            month_bounds(month_of(&today)).unwrap_or((today.clone(), today.clone()));
        let from = req.from.clone().unwrap_or(month_from);
        let to = req.to.clone().unwrap_or(month_to);
        if day_number(&from).is_none() || day_number(&to).is_none() || from > to {
            return Err(linli_domain::DomainError::coded(
                "from",
                linli_domain::msg::STATS_BAD_PERIOD,
                linli_domain::args![from = from, to = to],
            )
            .into());
        }
        let withheld = self.withheld()?;
        let recorded = self
            .building_details(&GetBuildingDetails {
                building_id: building.id,
            })?
            .floors;
        let target = Target {
            name: self.place_label(building.id)?,
            community: crate::register::community_of(&self.conn, building.id)?,
            roots: vec![building.id],
        };
        let households = self.target_households(&target)?;
        let overdue = self.overdue_loans_by_household(target.community, building.id)?;

        let mut units: Vec<(Option<Id>, Option<String>)> = self
            .list_places(&ListPlaces {
                kind: Some(PlaceKind::Unit),
                parent_id: Some(building.id),
            })?
            .into_iter()
            .map(|u| (Some(u.id), Some(u.name)))
            .collect();
        units.sort_by_key(|u| number_key(u.1.as_deref().unwrap_or("")));
        if units.is_empty() || households.iter().any(|h| h.unit_id.is_none()) {
            units.insert(0, (None, None));
        }

        let mut rooms_by_unit: BTreeMap<Option<Id>, Vec<(u32, String, ChartRoom)>> =
            BTreeMap::new();
        let mut other_rooms = Vec::new();
        let mut top = 0u32;
        for h in &households {
            let room = self.chart_room(h, &from, &to, &overdue, withheld)?;
            let floor = u32::try_from(floor_of(&h.room)).unwrap_or(0);
            if floor == 0 {
                other_rooms.push(room);
                continue;
            }
            top = top.max(floor);
            rooms_by_unit
                .entry(h.unit_id)
                .or_default()
                .push((floor, position_of(&h.room), room));
        }
        let floors = top.max(recorded.unwrap_or(0));

        let mut out_units = Vec::new();
        for (unit_id, name) in units {
            let rooms = rooms_by_unit.remove(&unit_id).unwrap_or_default();
            let positions: BTreeSet<(u64, String)> =
                rooms.iter().map(|(_, p, _)| number_key(p)).collect();
            let positions: Vec<String> = positions.into_iter().map(|(_, p)| p).collect();
            let mut grid: BTreeMap<u32, Vec<Option<ChartRoom>>> = (1..=floors)
                .map(|f| (f, vec![None; positions.len()]))
                .collect();
            for (floor, pos, room) in rooms {
                let col = positions.iter().position(|p| *p == pos).unwrap_or(0);
                let cells = grid
                    .entry(floor)
                    .or_insert_with(|| vec![None; positions.len()]);
                match &cells[col] {
                    // two households on one room number: the second beside the first
                    Some(_) => other_rooms.push(room),
                    None => cells[col] = Some(room),
                }
            }
            out_units.push(ChartUnit {
                unit_id,
                name,
                positions,
                rows: grid
                    .into_iter()
                    .rev()
                    .map(|(floor, rooms)| ChartFloor { floor, rooms })
                    .collect(),
            });
        }
        // the row for rooms without a unit, when every such room is elsewhere
        if out_units.len() > 1 {
            out_units.retain(|u| u.unit_id.is_some() || !u.positions.is_empty());
        }
        Ok(BuildingChartData {
            building_id: building.id,
            building_name: target.name,
            from,
            to,
            floors,
            floors_recorded: recorded.is_some_and(|r| r >= top),
            withheld,
            units: out_units,
            other_rooms,
        })
    }

    /// How many loans of each household of a building are overdue today.
    fn overdue_loans_by_household(
        &mut self,
        community: Option<Id>,
        building: Id,
    ) -> Result<BTreeMap<Id, u32>> {
        let mut out = BTreeMap::new();
        let Some(community) = community else {
            return Ok(out);
        };
        let loans = self.list_loans(&ListLoans {
            community_id: community,
            household_id: None,
            building_id: Some(building),
            include_closed: false,
            overdue_only: true,
            conflicts_only: false,
            person_id: None,
            grid_id: None,
        })?;
        for l in loans.into_iter().filter(|l| l.overdue_days > 0) {
            *out.entry(l.household_id).or_insert(0) += 1;
        }
        Ok(out)
    }

    fn chart_room(
        &self,
        h: &Household,
        from: &str,
        to: &str,
        overdue: &BTreeMap<Id, u32>,
        withheld: bool,
    ) -> Result<ChartRoom> {
        let hid = h.id.to_string();
        let visited: bool = self
            .conn
            .prepare_cached(&format!(
                "SELECT EXISTS (SELECT 1 FROM visits v WHERE v.household_id = ?1
                 AND v.outcome != 'nobody_home' AND {EFFECTIVE}
                 AND substr(v.at, 1, 10) BETWEEN ?2 AND ?3)"
            ))?
            .query_row([hid.as_str(), from, to], |r| r.get(0))?;
        let mut care_tags: Vec<String> = Vec::new();
        for m in self.members(h.id)? {
            if m.moved_out.is_some() {
                continue;
            }
            for t in visible_tags(m.care_tags, withheld) {
                if !care_tags.contains(&t) {
                    care_tags.push(t);
                }
            }
        }
        let task_ids: Vec<String> = self
            .conn
            .prepare_cached("SELECT id FROM tasks WHERE household_id = ?1 AND deleted = 0")?
            .query_map([hid.as_str()], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let mut open_requests = 0;
        for t in task_ids {
            if !self.task_resolved(&t)? {
                open_requests += 1;
            }
        }
        Ok(ChartRoom {
            household_id: h.id,
            room: h.room.clone(),
            head_name: h.head_name.clone(),
            members: h.members,
            visited,
            care_tags,
            open_requests,
            residence_status: h.residence_status,
            floating: h.floating,
            overdue_loans: overdue.get(&h.id).copied().unwrap_or(0),
        })
    }
}
