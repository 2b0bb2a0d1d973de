//! 今日's state: the community, the scope (my sections by default, a grid or section, or the
//! whole community), a building within it, the household being visited, the coverage list open,
//! and what the last visit said; as a `Reducible`.

use std::rc::Rc;

use linli_domain::Id;
use linli_protocol::{HouseholdLine, Today};
use yew::Reducible;

/// Where the list looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// My grids and buildings (the default once I am known).
    Mine,
    /// A grid (网格) or a section (楼段).
    Grid(Id),
    Community,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TodayState {
    pub community: Option<Id>,
    pub scope: Scope,
    /// "南湖苑1栋": only this building's households (chosen among the list's).
    pub building: Option<String>,
    pub visiting: Option<Id>,
    pub saved: Option<String>,
    /// The coverage figure whose households are listed: visited or not.
    pub behind: Option<bool>,
    pub reload: u32,
}

impl Default for TodayState {
    fn default() -> Self {
        TodayState {
            community: None,
            scope: Scope::Mine,
            building: None,
            visiting: None,
            saved: None,
            behind: None,
            reload: 0,
        }
    }
}

pub enum Action {
    Community(Option<Id>),
    Scope(Scope),
    Building(Option<String>),
    Visit(Id),
    CloseVisit,
    Saved(String),
    Behind(Option<bool>),
}

impl Reducible for TodayState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            Action::Community(c) => {
                s = TodayState {
                    community: c,
                    scope: if s.scope == Scope::Mine {
                        Scope::Mine
                    } else {
                        Scope::Community
                    },
                    reload: s.reload,
                    ..TodayState::default()
                }
            }
            Action::Scope(sc) => {
                s.scope = sc;
                s.building = None;
                s.behind = None;
            }
            Action::Building(b) => s.building = b,
            Action::Visit(h) => {
                s.visiting = Some(h);
                s.saved = None;
            }
            Action::CloseVisit => s.visiting = None,
            Action::Saved(m) => {
                s.visiting = None;
                s.saved = Some(m);
                s.reload += 1;
            }
            Action::Behind(b) => s.behind = b,
        }
        Rc::new(s)
    }
}

/// "南湖苑1栋": the building a line is in, with its compound.
pub fn building_of(h: &HouseholdLine) -> String {
    format!("{}{}", h.compound.as_deref().unwrap_or(""), h.building)
}

impl TodayState {
    /// The list's request: my sections need me (of this community), else the whole community.
    pub fn request(&self, me: Option<Id>) -> Option<Today> {
        let community = self.community?;
        let (person_id, place_id, grid_id) = match (self.scope, me) {
            (Scope::Mine, Some(me)) => (Some(me), None, None),
            (Scope::Grid(g), _) => (None, None, Some(g)),
            _ => (None, Some(community), None),
        };
        Some(Today {
            person_id,
            place_id,
            today: None,
            grid_id,
        })
    }

    /// The lines of the chosen building, or all.
    pub fn shown<'a>(&self, lines: &'a [HouseholdLine]) -> Vec<&'a HouseholdLine> {
        lines
            .iter()
            .filter(|h| self.building.as_ref().is_none_or(|b| *b == building_of(h)))
            .collect()
    }
}

/// The buildings of a list, in its (walking) order, once each.
pub fn buildings(lines: &[HouseholdLine]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for h in lines {
        let b = building_of(h);
        if !out.contains(&b) {
            out.push(b);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use linli_protocol::DueReason;

    fn id(n: u128) -> Id {
        Id::from_uuid(linli_domain::id::Uuid::from_u128(n))
    }

    fn line(n: u128, building: &str, room: &str) -> HouseholdLine {
        HouseholdLine {
            id: id(n),
            address: format!("{building}{room}"),
            head_name: None,
            compound: Some("南湖苑".into()),
            building: building.into(),
            unit: None,
            floor: 1,
            room: room.into(),
            care_tags: vec![],
            last_visit: None,
            days_since: None,
            due: DueReason::NeverVisited,
            section: Some("第1楼段".into()),
        }
    }

    #[test]
    fn my_sections_by_default_then_a_grid_or_the_community() {
        let me = Some(id(9));
        let s = Rc::new(TodayState::default()).reduce(Action::Community(Some(id(1))));
        let r = s.request(me).unwrap();
        assert_eq!((r.person_id, r.place_id, r.grid_id), (me, None, None));
        // nobody known as me: the whole community
        let r = s.request(None).unwrap();
        assert_eq!((r.person_id, r.place_id), (None, Some(id(1))));
        let s = s.reduce(Action::Scope(Scope::Grid(id(21))));
        assert_eq!(s.request(me).unwrap().grid_id, Some(id(21)));
        let s = s.reduce(Action::Scope(Scope::Community));
        assert_eq!(s.request(me).unwrap().place_id, Some(id(1)));
        // another community keeps "whole community", never a grid of the last one
        let s = s
            .reduce(Action::Scope(Scope::Grid(id(21))))
            .reduce(Action::Community(Some(id(2))));
        assert_eq!(s.scope, Scope::Community);
    }

    #[test]
    fn a_building_narrows_the_list_and_a_visit_saved_reloads_it() {
        let lines = vec![
            line(1, "1栋", "101"),
            line(2, "2栋", "101"),
            line(3, "1栋", "201"),
        ];
        assert_eq!(buildings(&lines), ["南湖苑1栋", "南湖苑2栋"]);
        let s = Rc::new(TodayState::default()).reduce(Action::Building(Some("南湖苑1栋".into())));
        assert_eq!(
            s.shown(&lines).iter().map(|h| h.id).collect::<Vec<_>>(),
            [id(1), id(3)]
        );
        let s = s.reduce(Action::Visit(id(3)));
        assert_eq!(s.visiting, Some(id(3)));
        let s = s.reduce(Action::Saved("已登记".into()));
        assert_eq!((s.visiting, s.reload), (None, 1));
        // a new scope shows all its buildings again
        assert_eq!(s.reduce(Action::Scope(Scope::Community)).building, None);
    }
}
