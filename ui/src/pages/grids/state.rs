//! 网格划分's state: the community, the grid chosen for mapping places and assigning people, and
//! what the last change said; as a `Reducible`. `people_of` sorts a community's staff onto its
//! grids by role (workers, stewards), for the list.

use std::rc::Rc;

use linli_domain::register::Role;
use linli_domain::Id;
use linli_protocol::Person;
use yew::Reducible;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct GridsState {
    pub community: Option<Id>,
    pub chosen: Option<Id>,
    pub said: Option<String>,
    pub reload: u32,
}

pub enum Action {
    Community(Option<Id>),
    Choose(Option<Id>),
    /// A change was saved: say so, load again.
    Saved(String),
}

impl Reducible for GridsState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            Action::Community(c) => {
                s.community = c;
                s.chosen = None;
                s.said = None;
            }
            Action::Choose(g) => {
                s.chosen = g;
                s.said = None;
            }
            Action::Saved(m) => {
                s.said = Some(m);
                s.reload += 1;
            }
        }
        Rc::new(s)
    }
}

/// Whether a role works a grid as a worker (网格员) rather than a steward (楼栋长, 楼道长).
pub fn is_worker(role: Role) -> bool {
    matches!(role, Role::GridWorker | Role::PartTimeGridWorker)
}

/// The names of the people assigned to `grid`: (workers, stewards and others).
pub fn people_of(people: &[Person], grid: Id) -> (Vec<String>, Vec<String>) {
    let mut workers = Vec::new();
    let mut others = Vec::new();
    for p in people {
        for a in p.assignments.iter().filter(|a| a.grid_id == Some(grid)) {
            let list = if is_worker(a.role) {
                &mut workers
            } else {
                &mut others
            };
            if !list.contains(&p.name) {
                list.push(p.name.clone());
            }
        }
    }
    (workers, others)
}

#[cfg(test)]
mod tests {
    use super::*;
    use linli_protocol::Assignment;

    fn id(n: u128) -> Id {
        Id::from_uuid(linli_domain::id::Uuid::from_u128(n))
    }

    fn person(n: u128, name: &str, role: Role, grid: Id) -> Person {
        Person {
            id: id(n),
            community_id: id(1),
            name: name.into(),
            phone_masked: None,
            roles: vec![role],
            assignments: vec![Assignment {
                id: id(n + 100),
                role,
                grid_id: Some(grid),
                place_id: None,
                target_name: String::new(),
            }],
        }
    }

    #[test]
    fn people_are_sorted_onto_their_grids_by_role() {
        let people = vec![
            person(1, "陈网格", Role::GridWorker, id(21)),
            person(2, "林楼长", Role::BuildingSteward, id(21)),
            person(3, "王网格", Role::PartTimeGridWorker, id(22)),
        ];
        assert_eq!(
            people_of(&people, id(21)),
            (vec!["陈网格".to_owned()], vec!["林楼长".to_owned()])
        );
        assert_eq!(people_of(&people, id(22)).0, ["王网格"]);
        assert_eq!(people_of(&people, id(9)), (vec![], vec![]));
    }

    #[test]
    fn another_community_forgets_the_chosen_grid() {
        let s = Rc::new(GridsState::default())
            .reduce(Action::Community(Some(id(1))))
            .reduce(Action::Choose(Some(id(21))))
            .reduce(Action::Saved("已划入".into()));
        assert_eq!((s.chosen, s.reload), (Some(id(21)), 1));
        let s = s.reduce(Action::Community(Some(id(2))));
        assert_eq!((s.chosen, s.said.clone()), (None, None));
    }
}
