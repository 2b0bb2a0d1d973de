//! 工作台's state: the community an administrator looks at, which figure's list is open, and the
//! form open on the page (a visit to a due household, a new request, a task), as a `Reducible`.

use std::rc::Rc;

use linli_domain::Id;
use yew::Reducible;

/// The lists behind the figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum List {
    Due,
    Open,
    Overdue,
    Unreviewed,
    Activities,
}

/// What is open on the page besides the figures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// The visit form for a due household.
    Visit(Id),
    NewRequest,
    /// A task's panel.
    Task(Id),
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct HomeState {
    /// The community an administrator or coordinator picked (their day is the community's).
    pub community: Option<Id>,
    pub list: Option<List>,
    pub form: Option<Form>,
    /// What the last save said, shown near the figures.
    pub notice: Option<String>,
    /// Bumped after a save: the figures load again.
    pub reload: u32,
}

pub enum Action {
    Community(Option<Id>),
    /// A figure was clicked: its list opens, or closes when it was open.
    Toggle(List),
    Open(Form),
    CloseForm,
    /// A form saved: it closes, its message shows and the figures reload.
    Saved(String),
}

impl Reducible for HomeState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            Action::Community(c) => {
                s.community = c;
                s.form = None;
                s.notice = None;
            }
            Action::Toggle(l) => s.list = (s.list != Some(l)).then_some(l),
            Action::Open(f) => {
                s.form = Some(f);
                s.notice = None;
            }
            Action::CloseForm => s.form = None,
            Action::Saved(m) => {
                s.form = None;
                s.notice = Some(m);
                s.reload += 1;
            }
        }
        Rc::new(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(n: u128) -> Id {
        Id::from_uuid(linli_domain::id::Uuid::from_u128(n))
    }

    #[test]
    fn a_figure_opens_its_list_and_a_second_click_closes_it() {
        let s = Rc::new(HomeState::default()).reduce(Action::Toggle(List::Due));
        assert_eq!(s.list, Some(List::Due));
        let s = s.reduce(Action::Toggle(List::Overdue));
        assert_eq!(s.list, Some(List::Overdue));
        assert_eq!(s.reduce(Action::Toggle(List::Overdue)).list, None);
    }

    #[test]
    fn a_save_closes_the_form_says_so_and_reloads() {
        let s = Rc::new(HomeState::default())
            .reduce(Action::Toggle(List::Due))
            .reduce(Action::Open(Form::Visit(id(3))));
        assert_eq!(s.form, Some(Form::Visit(id(3))));
        let s = s.reduce(Action::Saved("已登记".into()));
        assert_eq!(
            (s.form, s.notice.as_deref(), s.reload, s.list),
            (None, Some("已登记"), 1, Some(List::Due))
        );
        let s = s.reduce(Action::Community(Some(id(9))));
        assert_eq!((s.community, s.notice.clone()), (Some(id(9)), None));
    }
}
