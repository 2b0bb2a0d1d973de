//! The new request form's state (新建诉求): what came in, how (电话, 来访, 走访, 随手拍, 网格上报),
//! about which household or place, who logged it. Errors show once a field was left or on save.

use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

use linli_domain::field::{TaskCategory, TaskSource};
use linli_domain::{date, Id};
use linli_protocol::{NewTask, RaiseTask};
use yew::Reducible;

use crate::i18n::Texts;

/// What the request is about.
#[derive(Debug, Clone, PartialEq)]
pub enum About {
    /// A household, with its address once chosen.
    Household(Option<(Id, String)>),
    Place(Option<Id>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct RequestDraft {
    pub title: String,
    pub category: TaskCategory,
    pub description: String,
    pub source: TaskSource,
    pub due: String,
    pub about: About,
    pub raised_by: Option<Id>,
    pub touched: BTreeSet<&'static str>,
    pub submitted: bool,
}

impl RequestDraft {
    /// A phoned-in request by `me`, about `household` when the form opens on one.
    pub fn new(me: Option<Id>, household: Option<(Id, String)>) -> RequestDraft {
        RequestDraft {
            title: String::new(),
            category: TaskCategory::HouseholdMatter,
            description: String::new(),
            source: TaskSource::Phone,
            due: String::new(),
            about: About::Household(household),
            raised_by: me,
            touched: BTreeSet::new(),
            submitted: false,
        }
    }
}

pub enum Action {
    Title(String),
    Category(TaskCategory),
    Description(String),
    Source(TaskSource),
    Due(String),
    /// Switches between a household and a place (forgetting the other).
    AboutPlace(bool),
    Household(Id, String),
    Place(Option<Id>),
    RaisedBy(Option<Id>),
    Touch(&'static str),
    Submit,
}

impl Reducible for RequestDraft {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        // leaving a field already touched changes nothing (and draws nothing again)
        if let Action::Touch(field) = &action {
            if self.touched.contains(field) {
                return self;
            }
        }
        let mut d = (*self).clone();
        match action {
            Action::Title(v) => {
                d.title = v;
                d.touched.insert("title");
            }
            Action::Category(c) => d.category = c,
            Action::Description(v) => {
                d.description = v;
                d.touched.insert("description");
            }
            Action::Source(s) => d.source = s,
            Action::Due(v) => {
                d.due = v;
                d.touched.insert("due");
            }
            Action::AboutPlace(place) => {
                let now_place = matches!(d.about, About::Place(_));
                if place != now_place {
                    d.about = if place {
                        About::Place(None)
                    } else {
                        About::Household(None)
                    };
                }
            }
            Action::Household(id, address) => d.about = About::Household(Some((id, address))),
            Action::Place(p) => d.about = About::Place(p),
            Action::RaisedBy(p) => d.raised_by = p,
            Action::Touch(f) => {
                d.touched.insert(f);
            }
            Action::Submit => d.submitted = true,
        }
        Rc::new(d)
    }
}

impl RequestDraft {
    /// What is wrong, by field ("title", "where", "due", "description").
    pub fn errors(&self, t: &Texts) -> BTreeMap<&'static str, &'static str> {
        let mut e = BTreeMap::new();
        let title = self.title.trim().chars().count();
        if title == 0 {
            e.insert("title", t.err_title);
        } else if title > 100 {
            e.insert("title", t.err_title_long);
        }
        if self.description.trim().chars().count() > 2000 {
            e.insert("description", t.err_findings_long);
        }
        let chosen = match &self.about {
            About::Household(h) => h.is_some(),
            About::Place(p) => p.is_some(),
        };
        if !chosen {
            e.insert("where", t.work.err_where);
        }
        if !self.due.trim().is_empty() && date::validate("due", self.due.trim()).is_err() {
            e.insert("due", t.err_date);
        }
        e
    }

    /// The errors to show: those of fields left, or all once saved.
    pub fn shown_errors(&self, t: &Texts) -> BTreeMap<&'static str, &'static str> {
        let mut e = self.errors(t);
        if !self.submitted {
            e.retain(|k, _| self.touched.contains(k));
        }
        e
    }

    pub fn request(&self, t: &Texts) -> Option<RaiseTask> {
        if !self.errors(t).is_empty() {
            return None;
        }
        let (household_id, place_id) = match &self.about {
            About::Household(h) => (h.as_ref().map(|h| h.0), None),
            About::Place(p) => (None, *p),
        };
        Some(RaiseTask {
            task: NewTask {
                title: self.title.trim().to_owned(),
                category: self.category,
                subcategory: None,
                description: self.description.trim().to_owned(),
                due_date: Some(self.due.trim().to_owned()).filter(|d| !d.is_empty()),
            },
            household_id,
            place_id,
            raised_by: self.raised_by,
            visit_id: None,
            at: None,
            source: Some(self.source),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    fn id(n: u128) -> Id {
        Id::from_uuid(linli_domain::id::Uuid::from_u128(n))
    }

    #[test]
    fn a_phoned_in_request_about_a_household() {
        let t = Lang::Zh.texts();
        let d = Rc::new(RequestDraft::new(Some(id(9)), None));
        assert!(d.shown_errors(t).is_empty(), "nothing red before typing");
        let d = d.reduce(Action::Submit);
        assert_eq!(d.shown_errors(t)["title"], "请填写事项标题");
        assert_eq!(d.shown_errors(t)["where"], "请选择一户或一个地点");
        let d = d
            .reduce(Action::Title(" 水管漏水 ".into()))
            .reduce(Action::Household(id(5), "南湖苑1栋1单元502".into()));
        let req = d.request(t).unwrap();
        assert_eq!(req.task.title, "水管漏水");
        assert_eq!(
            (req.household_id, req.place_id, req.raised_by),
            (Some(id(5)), None, Some(id(9)))
        );
        assert_eq!(req.source, Some(TaskSource::Phone));
        assert_eq!(req.task.due_date, None);
    }

    #[test]
    fn a_walk_in_about_a_place_with_a_due_date() {
        let t = Lang::En.texts();
        let d = Rc::new(RequestDraft::new(None, Some((id(5), "x".into()))))
            .reduce(Action::AboutPlace(true))
            .reduce(Action::Title("路灯不亮".into()))
            .reduce(Action::Source(TaskSource::WalkIn))
            .reduce(Action::Category(TaskCategory::PublicMatter))
            .reduce(Action::Due("12/30".into()));
        assert_eq!(d.shown_errors(t).keys().collect::<Vec<_>>(), [&"due"]);
        assert_eq!(d.errors(t)["where"], "Choose a household or a place");
        let d = d
            .reduce(Action::Place(Some(id(7))))
            .reduce(Action::Due("2026-12-30".into()));
        let req = d.request(t).unwrap();
        assert_eq!((req.household_id, req.place_id), (None, Some(id(7))));
        assert_eq!(req.source, Some(TaskSource::WalkIn));
        assert_eq!(req.task.category, TaskCategory::PublicMatter);
        assert_eq!(req.task.due_date.as_deref(), Some("2026-12-30"));
        // back to a household: the place is forgotten
        let d = d.reduce(Action::AboutPlace(false));
        assert_eq!(d.about, About::Household(None));
    }
}
