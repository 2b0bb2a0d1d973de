//! The place tree's state: which places' children are loaded and which are open. A `Reducible`,
//! tested natively; the component only fetches and draws.

use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use linli_domain::Id;
use linli_protocol::PlaceNode;
use yew::Reducible;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct TreeState {
    /// Children by parent (`None` is the top of the tree), once loaded.
    pub children: HashMap<Option<Id>, Vec<PlaceNode>>,
    /// Places shown open.
    pub open: HashSet<Id>,
    /// Parents whose children are being fetched.
    pub loading: HashSet<Option<Id>>,
}

pub enum TreeAction {
    /// Children arrived. A level with one place only (the county, the town) opens by itself.
    Loaded(Option<Id>, Vec<PlaceNode>),
    /// The children of this parent are being fetched.
    Fetching(Option<Id>),
    /// Open or close a place.
    Toggle(Id),
    /// Forget what was loaded (after adding a household, the counts change).
    Reset,
}

impl TreeState {
    fn unloaded(&self, parent: Option<Id>) -> bool {
        !self.children.contains_key(&parent) && !self.loading.contains(&parent)
    }

    /// Open places whose children are not loaded yet (what to fetch after a change).
    pub fn to_fetch(&self) -> Vec<Option<Id>> {
        let mut out: Vec<Option<Id>> = self
            .open
            .iter()
            .map(|id| Some(*id))
            .filter(|p| self.unloaded(*p))
            .collect();
        if self.unloaded(None) {
            out.insert(0, None);
        }
        out
    }
}

impl Reducible for TreeState {
    type Action = TreeAction;

    fn reduce(self: Rc<Self>, action: TreeAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            TreeAction::Loaded(parent, nodes) => {
                next.loading.remove(&parent);
                if let [only] = nodes.as_slice() {
                    if only.children > 0 {
                        next.open.insert(only.place.id);
                    }
                }
                next.children.insert(parent, nodes);
            }
            TreeAction::Fetching(parent) => {
                next.loading.insert(parent);
            }
            TreeAction::Toggle(id) => {
                if !next.open.remove(&id) {
                    next.open.insert(id);
                }
            }
            TreeAction::Reset => {
                next.children.clear();
                next.loading.clear();
            }
        }
        Rc::new(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use linli_domain::PlaceKind;
    use linli_protocol::Place;

    fn node(n: u128, kind: PlaceKind, children: u32) -> PlaceNode {
        PlaceNode {
            place: Place {
                id: Id::from_uuid(linli_domain::id::Uuid::from_u128(n)),
                kind,
                name: format!("{n}"),
                parent_id: None,
                parent_name: None,
                kind_code: None,
            },
            children,
            households: 0,
        }
    }

    #[test]
    fn single_places_open_by_themselves_and_open_places_ask_for_children() {
        let s = Rc::new(TreeState::default());
        assert_eq!(s.to_fetch(), [None]);
        let county = node(1, PlaceKind::County, 1);
        let s = s.reduce(TreeAction::Loaded(None, vec![county.clone()]));
        assert!(s.open.contains(&county.place.id));
        assert_eq!(s.to_fetch(), [Some(county.place.id)]);

        let a = node(2, PlaceKind::Community, 3);
        let b = node(3, PlaceKind::Community, 2);
        let s = s.reduce(TreeAction::Loaded(
            Some(county.place.id),
            vec![a.clone(), b],
        ));
        assert!(
            !s.open.contains(&a.place.id),
            "two siblings: none opens by itself"
        );
        assert!(s.to_fetch().is_empty());

        let s = s.reduce(TreeAction::Toggle(a.place.id));
        assert_eq!(s.to_fetch(), [Some(a.place.id)]);
        let s = s.reduce(TreeAction::Fetching(Some(a.place.id)));
        assert!(s.to_fetch().is_empty(), "fetched once, not on every render");
        let s = s.reduce(TreeAction::Loaded(Some(a.place.id), vec![]));
        assert!(s.to_fetch().is_empty());
        let s = s.reduce(TreeAction::Toggle(a.place.id));
        assert!(s.to_fetch().is_empty(), "closed again: nothing to fetch");
    }

    #[test]
    fn reset_refetches_what_is_open() {
        let county = node(1, PlaceKind::County, 1);
        let s = Rc::new(TreeState::default())
            .reduce(TreeAction::Loaded(None, vec![county.clone()]))
            .reduce(TreeAction::Loaded(Some(county.place.id), vec![]))
            .reduce(TreeAction::Reset);
        assert!(s.open.contains(&county.place.id));
        assert_eq!(s.to_fetch(), [None, Some(county.place.id)]);
    }
}
