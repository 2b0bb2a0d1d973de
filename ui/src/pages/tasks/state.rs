//! The board's state (诉求): the community, the filters (mine, overdue, category, grid, words of
//! the title), the task open in the panel, the figure whose tasks are listed, the new request
//! form, and what the last action said; as a `Reducible`, so the filters' request is tested
//! natively.

use std::rc::Rc;

use linli_domain::field::TaskCategory;
use linli_domain::Id;
use linli_protocol::TaskBoard;
use yew::Reducible;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filters {
    pub mine: bool,
    pub overdue: bool,
    pub category: Option<TaskCategory>,
    pub grid: Option<Id>,
    pub query: String,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct BoardState {
    pub community: Option<Id>,
    pub filters: Filters,
    /// The task open in the panel.
    pub open: Option<Id>,
    /// A rate figure's tasks: its name and ids.
    pub listed: Option<(&'static str, Vec<Id>)>,
    pub requesting: bool,
    pub said: Option<String>,
    pub reload: u32,
}

pub enum Action {
    Community(Option<Id>),
    Mine(bool),
    Overdue(bool),
    Category(Option<TaskCategory>),
    Grid(Option<Id>),
    Query(String),
    Open(Id),
    ClosePanel,
    List(&'static str, Vec<Id>),
    CloseList,
    NewRequest,
    CloseRequest,
    /// Something changed a task (a step, a photo, a new request): say so and load again.
    Changed(Option<String>),
}

impl Reducible for BoardState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            Action::Community(c) => {
                s = BoardState {
                    community: c,
                    filters: Filters {
                        grid: None,
                        ..s.filters
                    },
                    reload: s.reload,
                    ..BoardState::default()
                };
            }
            Action::Mine(v) => s.filters.mine = v,
            Action::Overdue(v) => s.filters.overdue = v,
            Action::Category(c) => s.filters.category = c,
            Action::Grid(g) => s.filters.grid = g,
            Action::Query(q) => s.filters.query = q,
            Action::Open(id) => {
                s.open = Some(id);
                s.said = None;
                s.requesting = false;
            }
            Action::ClosePanel => s.open = None,
            Action::List(what, ids) => s.listed = Some((what, ids)),
            Action::CloseList => s.listed = None,
            Action::NewRequest => {
                s.requesting = true;
                s.open = None;
                s.said = None;
            }
            Action::CloseRequest => s.requesting = false,
            Action::Changed(said) => {
                if said.is_some() {
                    s.requesting = false;
                }
                s.said = said.or(s.said);
                s.reload += 1;
            }
        }
        Rc::new(s)
    }
}

impl BoardState {
    /// The board's request for the filters; "mine" needs to know who I am.
    pub fn request(&self, me: Option<Id>) -> Option<TaskBoard> {
        Some(TaskBoard {
            place_id: Some(self.community?),
            today: None,
            mine: if self.filters.mine { me } else { None },
            overdue: self.filters.overdue,
            category: self.filters.category,
            grid_id: self.filters.grid,
            query: self.filters.query.trim().to_owned(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(n: u128) -> Id {
        Id::from_uuid(linli_domain::id::Uuid::from_u128(n))
    }

    #[test]
    fn the_filters_make_the_boards_request() {
        let s = Rc::new(BoardState::default());
        assert_eq!(s.request(None), None, "no community yet");
        let s = s
            .reduce(Action::Community(Some(id(1))))
            .reduce(Action::Mine(true))
            .reduce(Action::Overdue(true))
            .reduce(Action::Category(Some(TaskCategory::PublicMatter)))
            .reduce(Action::Grid(Some(id(21))))
            .reduce(Action::Query(" 楼道灯 ".into()));
        let req = s.request(Some(id(9))).unwrap();
        assert_eq!(req.place_id, Some(id(1)));
        assert_eq!(req.mine, Some(id(9)));
        assert!(req.overdue);
        assert_eq!(req.category, Some(TaskCategory::PublicMatter));
        assert_eq!(req.grid_id, Some(id(21)));
        assert_eq!(req.query, "楼道灯");
        // nobody chosen as me: "mine" cannot narrow
        assert_eq!(s.request(None).unwrap().mine, None);
        // another community: its grids differ, the other filters stay
        let s = s.reduce(Action::Community(Some(id(2))));
        assert_eq!(s.filters.grid, None);
        assert!(s.filters.mine && s.filters.overdue);
    }

    #[test]
    fn a_new_request_closes_the_panel_and_saving_it_reloads() {
        let s = Rc::new(BoardState::default())
            .reduce(Action::Community(Some(id(1))))
            .reduce(Action::Open(id(5)))
            .reduce(Action::NewRequest);
        assert_eq!((s.open, s.requesting), (None, true));
        let s = s.reduce(Action::Changed(Some("已登记诉求“修灯”".into())));
        assert_eq!(
            (s.requesting, s.reload, s.said.as_deref()),
            (false, 1, Some("已登记诉求“修灯”"))
        );
        // a photo added: reload, the message stays
        let s = s.reduce(Action::Changed(None));
        assert_eq!((s.reload, s.said.as_deref()), (2, Some("已登记诉求“修灯”")));
    }
}
