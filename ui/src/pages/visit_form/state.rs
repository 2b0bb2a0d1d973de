//! The visit form's state: what the worker has typed, as a `Reducible` with one `Action` enum,
//! so the form's rules (the time not in the future, a phone that is a phone, a follow-up with a
//! title) are tested natively. A field's error shows once something was typed into it, it was
//! left, or the form was submitted; never before.

use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

use linli_domain::field::{validate_time, TaskCategory, VisitKind, VisitOutcome};
use linli_domain::{date, Id, Phone};
use linli_protocol::{LogVisit, MemberUpdate, NewPhoto, NewTask, SaveVisit};
use yew::Reducible;

use crate::i18n::Texts;

/// The categories a follow-up can take (a snapshot report 随手拍 comes from residents, not visits).
pub const FOLLOW_UP_CATEGORIES: [TaskCategory; 4] = [
    TaskCategory::HouseholdMatter,
    TaskCategory::CivicMatter,
    TaskCategory::PublicMatter,
    TaskCategory::MicroWish,
];

/// What the worker wrote about one member; empty fields change nothing.
#[derive(Debug, Clone, PartialEq)]
pub struct MemberDraft {
    pub id: Id,
    pub name: String,
    pub moved_out: String,
    pub phone: String,
    pub note: String,
}

/// A photo picked for the visit, sent once the visit is saved.
#[derive(Debug, Clone, PartialEq)]
pub struct PickedPhoto {
    pub name: String,
    pub mime: Option<String>,
    pub bytes: Rc<Vec<u8>>,
}

/// The member fields the form edits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MemberField {
    Phone,
    MovedOut,
    Note,
}

/// The form as typed so far.
#[derive(Debug, Clone, PartialEq)]
pub struct VisitDraft {
    pub visitor: Option<Id>,
    /// When the visit was: a day and a time of day, now unless changed.
    pub day: String,
    pub time: String,
    /// The laptop's time when the form opened, "YYYY-MM-DD HH:MM": a visit cannot be later.
    pub now: String,
    pub kind: VisitKind,
    pub outcome: VisitOutcome,
    pub findings: String,
    pub members: Vec<MemberDraft>,
    pub follow_up: bool,
    pub title: String,
    pub category: TaskCategory,
    pub due: String,
    pub photos: Vec<PickedPhoto>,
    /// The fields the worker has left (their errors show from then on).
    pub touched: BTreeSet<String>,
    /// Save was pressed: every error shows.
    pub submitted: bool,
}

impl Default for VisitDraft {
    fn default() -> Self {
        VisitDraft {
            visitor: None,
            day: String::new(),
            time: String::new(),
            now: String::new(),
            kind: VisitKind::Routine,
            outcome: VisitOutcome::Met,
            findings: String::new(),
            members: Vec::new(),
            follow_up: false,
            title: String::new(),
            category: TaskCategory::HouseholdMatter,
            due: String::new(),
            photos: Vec::new(),
            touched: BTreeSet::new(),
            submitted: false,
        }
    }
}

pub enum Action {
    /// The household's members and the defaults arrived: the visitor (me), now, a due date.
    Loaded {
        visitor: Option<Id>,
        members: Vec<MemberDraft>,
        now: String,
        due: String,
    },
    Visitor(Option<Id>),
    Day(String),
    Time(String),
    Kind(VisitKind),
    Outcome(VisitOutcome),
    Findings(String),
    Member(usize, MemberField, String),
    FollowUp(bool),
    Title(String),
    Category(TaskCategory),
    Due(String),
    AddPhoto(PickedPhoto),
    RemovePhoto(usize),
    /// The worker left a field.
    Touch(String),
    Submit,
}

impl Reducible for VisitDraft {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        // leaving a field already touched changes nothing: no new state, no redraw (a redraw
        // would put the draft's value back into a field emptied behind the form's back)
        if let Action::Touch(field) = &action {
            if self.touched.contains(field) {
                return self;
            }
        }
        let mut d = (*self).clone();
        match action {
            Action::Loaded {
                visitor,
                members,
                now,
                due,
            } => {
                let (day, time) = now.split_once(' ').unwrap_or((&now, ""));
                d = VisitDraft {
                    visitor,
                    day: day.to_owned(),
                    time: time.to_owned(),
                    members,
                    due,
                    now,
                    ..VisitDraft::default()
                };
            }
            Action::Visitor(v) => d.visitor = v,
            Action::Day(v) => {
                d.day = v;
                d.touched.insert("day".into());
            }
            Action::Time(v) => {
                d.time = v;
                d.touched.insert("time".into());
            }
            Action::Kind(k) => d.kind = k,
            Action::Outcome(o) => d.outcome = o,
            Action::Findings(v) => {
                d.findings = v;
                d.touched.insert("findings".into());
            }
            Action::Member(i, field, v) => {
                if let Some(m) = d.members.get_mut(i) {
                    let key = match field {
                        MemberField::Phone => {
                            m.phone = v;
                            format!("phone-{i}")
                        }
                        MemberField::MovedOut => {
                            m.moved_out = v;
                            format!("moved-out-{i}")
                        }
                        MemberField::Note => {
                            m.note = v;
                            format!("note-{i}")
                        }
                    };
                    d.touched.insert(key);
                }
            }
            Action::FollowUp(on) => d.follow_up = on,
            Action::Title(v) => {
                d.title = v;
                d.touched.insert("title".into());
            }
            Action::Category(c) => d.category = c,
            Action::Due(v) => {
                d.due = v;
                d.touched.insert("due".into());
            }
            Action::AddPhoto(p) => d.photos.push(p),
            Action::RemovePhoto(i) => {
                if i < d.photos.len() {
                    d.photos.remove(i);
                }
            }
            Action::Touch(field) => {
                d.touched.insert(field);
            }
            Action::Submit => d.submitted = true,
        }
        Rc::new(d)
    }
}

fn bad_date(text: &str) -> bool {
    !text.trim().is_empty() && date::validate("date", text).is_err()
}

/// "19:30" (or "9:30").
fn good_clock(text: &str) -> bool {
    let Some((h, m)) = text.trim().split_once(':') else {
        return false;
    };
    let digits =
        |s: &str, n: usize| (1..=n).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit());
    digits(h, 2)
        && m.len() == 2
        && digits(m, 2)
        && h.parse::<u32>().is_ok_and(|h| h < 24)
        && m.parse::<u32>().is_ok_and(|m| m < 60)
}

impl VisitDraft {
    /// When the visit was, "YYYY-MM-DD HH:MM", if the day and time read.
    pub fn at(&self) -> Option<String> {
        if date::validate("day", self.day.trim()).is_err() || !good_clock(&self.time) {
            return None;
        }
        validate_time("at", &format!("{} {}", self.day.trim(), self.time.trim())).ok()
    }

    /// What is wrong, by field id ("visitor", "day", "time", "findings", "title", "due",
    /// "phone-0", …).
    pub fn errors(&self, t: &Texts) -> BTreeMap<String, &'static str> {
        let mut e = BTreeMap::new();
        if self.visitor.is_none() {
            e.insert("visitor".into(), t.err_visitor);
        }
        if date::validate("day", self.day.trim()).is_err() {
            e.insert("day".into(), t.err_date);
        }
        if !good_clock(&self.time) {
            e.insert("time".into(), t.work.err_time);
        }
        if let Some(at) = self.at() {
            if !self.now.is_empty() && at > self.now {
                // on the day when the day is still to come, else on the time
                let field = if at[..10] > self.now[..10.min(self.now.len())] {
                    "day"
                } else {
                    "time"
                };
                e.insert(field.into(), t.work.err_visit_future);
            }
        }
        if self.findings.trim().chars().count() > 2000 {
            e.insert("findings".into(), t.err_findings_long);
        }
        for (i, m) in self.members.iter().enumerate() {
            if !m.phone.trim().is_empty() && Phone::parse(&m.phone).is_err() {
                e.insert(format!("phone-{i}"), t.err_phone);
            }
            if bad_date(&m.moved_out) {
                e.insert(format!("moved-out-{i}"), t.err_date);
            }
        }
        if self.follow_up {
            let title = self.title.trim().chars().count();
            if title == 0 {
                e.insert("title".into(), t.err_title);
            } else if title > 100 {
                e.insert("title".into(), t.err_title_long);
            }
            if bad_date(&self.due) {
                e.insert("due".into(), t.err_date);
            }
        }
        e
    }

    /// The errors to show now: those of touched fields, or all of them once submitted.
    pub fn shown_errors(&self, t: &Texts) -> BTreeMap<String, &'static str> {
        let mut e = self.errors(t);
        if !self.submitted {
            e.retain(|k, _| self.touched.contains(k));
        }
        e
    }

    /// The request, when the form has nothing wrong: the visit with the photos picked, saved
    /// together.
    pub fn request(&self, t: &Texts, household: Id) -> Option<SaveVisit> {
        if !self.errors(t).is_empty() {
            return None;
        }
        let some = |s: &str| Some(s.trim().to_owned()).filter(|s| !s.is_empty());
        let member_updates = self
            .members
            .iter()
            .filter_map(|m| {
                let u = MemberUpdate {
                    resident_id: m.id,
                    moved_out: some(&m.moved_out),
                    phone: some(&m.phone),
                    care_tags: None,
                    note: some(&m.note),
                };
                (u.moved_out.is_some() || u.phone.is_some() || u.note.is_some()).then_some(u)
            })
            .collect();
        let visit = LogVisit {
            household_id: household,
            visitor_id: self.visitor?,
            at: self.at(),
            kind: self.kind,
            outcome: self.outcome,
            findings: self.findings.trim().to_owned(),
            member_updates,
            follow_up: self.follow_up.then(|| NewTask {
                title: self.title.trim().to_owned(),
                category: self.category,
                subcategory: None,
                description: self.findings.trim().to_owned(),
                due_date: some(&self.due),
            }),
        };
        let photos = self
            .photos
            .iter()
            .map(|p| NewPhoto {
                name: p.name.clone(),
                mime: p.mime.clone(),
                bytes: (*p.bytes).clone(),
            })
            .collect();
        Some(SaveVisit { visit, photos })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    fn id(n: u128) -> Id {
        Id::from_uuid(linli_domain::id::Uuid::from_u128(n))
    }

    fn draft() -> Rc<VisitDraft> {
        Rc::new(VisitDraft::default()).reduce(Action::Loaded {
            visitor: Some(id(9)),
            members: vec![MemberDraft {
                id: id(1),
                name: "林秀英".into(),
                moved_out: String::new(),
                phone: String::new(),
                note: String::new(),
            }],
            now: "2026-12-06 09:15".into(),
            due: "2026-12-13".into(),
        })
    }

    #[test]
    fn a_plain_visit_is_now_and_changes_no_member() {
        let t = Lang::Zh.texts();
        let d = draft();
        assert_eq!((d.day.as_str(), d.time.as_str()), ("2026-12-06", "09:15"));
        let req = d.request(t, id(5)).unwrap().visit;
        assert_eq!(req.household_id, id(5));
        assert_eq!(req.visitor_id, id(9));
        assert_eq!(req.at.as_deref(), Some("2026-12-06 09:15"));
        assert!(req.member_updates.is_empty());
        assert!(req.follow_up.is_none());
    }

    #[test]
    fn last_nights_visit_is_logged_this_morning_but_not_tomorrows() {
        let t = Lang::Zh.texts();
        let d = draft()
            .reduce(Action::Day("2026-12-05".into()))
            .reduce(Action::Time("19:40".into()));
        assert_eq!(
            d.request(t, id(5)).unwrap().visit.at.as_deref(),
            Some("2026-12-05 19:40")
        );
        let later = d
            .clone()
            .reduce(Action::Day("2026-12-06".into()))
            .reduce(Action::Time("21:00".into()));
        assert_eq!(later.errors(t)["time"], "走访时间不能晚于现在");
        assert!(later.request(t, id(5)).is_none());
        let tomorrow = d.clone().reduce(Action::Day("2026-12-07".into()));
        assert_eq!(tomorrow.shown_errors(t)["day"], "走访时间不能晚于现在");
        let bad = d.clone().reduce(Action::Time("7点半".into()));
        assert_eq!(bad.errors(t)["time"], "时间应写成“19:30”这样的格式");
        assert_eq!(
            d.reduce(Action::Day("12月5日".into()))
                .errors(Lang::En.texts())["day"],
            Lang::En.texts().err_date
        );
    }

    #[test]
    fn errors_show_once_a_field_was_typed_in_or_left_or_on_save() {
        let t = Lang::Zh.texts();
        let d = draft().reduce(Action::FollowUp(true));
        assert_eq!(d.errors(t)["title"], "请填写事项标题");
        assert!(
            d.shown_errors(t).is_empty(),
            "nothing red before anything was typed"
        );
        let d = d.reduce(Action::Member(0, MemberField::Phone, "1380013".into()));
        assert_eq!(d.shown_errors(t).keys().collect::<Vec<_>>(), ["phone-0"]);
        let d = d.reduce(Action::Touch("due".into()));
        assert!(
            !d.shown_errors(t).contains_key("due"),
            "an empty due date is fine"
        );
        let d = d.reduce(Action::Submit);
        assert_eq!(d.shown_errors(t)["title"], "请填写事项标题");
        assert_eq!(d.shown_errors(t)["phone-0"], "手机号应为11位数字，以1开头");
    }

    #[test]
    fn member_changes_the_follow_up_and_photos_go_with_the_visit() {
        let t = Lang::Zh.texts();
        let d = draft()
            .reduce(Action::Findings(" 楼道灯坏了 ".into()))
            .reduce(Action::Member(0, MemberField::Phone, "13800138000".into()))
            .reduce(Action::Member(0, MemberField::Note, "住院".into()))
            .reduce(Action::FollowUp(true))
            .reduce(Action::Title("修楼道灯".into()))
            .reduce(Action::Due("2026-12-01".into()))
            .reduce(Action::AddPhoto(PickedPhoto {
                name: "灯.jpg".into(),
                mime: Some("image/jpeg".into()),
                bytes: Rc::new(vec![1, 2, 3]),
            }))
            .reduce(Action::AddPhoto(PickedPhoto {
                name: "门.jpg".into(),
                mime: None,
                bytes: Rc::new(vec![4]),
            }))
            .reduce(Action::RemovePhoto(0));
        let SaveVisit { visit: req, photos } = d.request(t, id(5)).unwrap();
        assert_eq!(
            photos
                .iter()
                .map(|p| (p.name.as_str(), p.bytes.as_slice()))
                .collect::<Vec<_>>(),
            [("门.jpg", &[4u8][..])],
            "the photos picked go with the visit"
        );
        assert_eq!(req.findings, "楼道灯坏了");
        assert_eq!(req.member_updates.len(), 1);
        assert_eq!(req.member_updates[0].phone.as_deref(), Some("13800138000"));
        assert_eq!(req.member_updates[0].note.as_deref(), Some("住院"));
        let task = req.follow_up.unwrap();
        assert_eq!(task.title, "修楼道灯");
        assert_eq!(task.description, "楼道灯坏了");
        assert_eq!(task.due_date.as_deref(), Some("2026-12-01"));
        assert_eq!(
            d.photos.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(),
            ["门.jpg"]
        );
        let d = d.reduce(Action::Visitor(None));
        assert_eq!(d.errors(t)["visitor"], "请选择走访人");
    }
}
