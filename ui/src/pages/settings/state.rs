//! The "who I am" chooser's state: the community looked in and the person picked there.

use std::rc::Rc;

use linli_domain::Id;
use yew::Reducible;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Chooser {
    pub community: Option<Id>,
    pub person: Option<Id>,
}

pub enum Action {
    /// Another community: the person picked in the last one no longer applies.
    Community(Option<Id>),
    Person(Option<Id>),
    /// The community's people arrived: keep the pick if it is among them, else take `first`.
    People {
        ids: Vec<Id>,
        first: Option<Id>,
    },
}

impl Reducible for Chooser {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::Community(c) => {
                if c != self.community {
                    next.person = None;
                }
                next.community = c;
            }
            Action::Person(p) => next.person = p,
            Action::People { ids, first } => {
                if !next.person.is_some_and(|p| ids.contains(&p)) {
                    next.person = first;
                }
            }
        }
        Rc::new(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(n: u128) -> Id {
        Id::from_uuid(linli_domain::id::Uuid::from_u128(n))
    }

    #[test]
    fn a_pick_belongs_to_its_community() {
        let s = Rc::new(Chooser::default())
            .reduce(Action::Community(Some(id(1))))
            .reduce(Action::People {
                ids: vec![id(10), id(11)],
                first: Some(id(10)),
            });
        assert_eq!(s.person, Some(id(10)));
        let s = s.reduce(Action::Person(Some(id(11))));
        // the same people again (a reload) keep the pick
        let s = s.reduce(Action::People {
            ids: vec![id(10), id(11)],
            first: Some(id(10)),
        });
        assert_eq!(s.person, Some(id(11)));
        let s = s.reduce(Action::Community(Some(id(2))));
        assert_eq!(s.person, None);
        let s = s.reduce(Action::People {
            ids: vec![],
            first: None,
        });
        assert_eq!((s.community, s.person), (Some(id(2)), None));
    }
}
