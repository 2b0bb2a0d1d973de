//! The desk's forms as plain data, checked field by field before anything is sent, with the
//! message in the UI's language (the store checks again, with the same rules). Tested natively.

use std::collections::BTreeMap;

use linli_domain::volunteers::{validate_category, validate_start_time};
use linli_domain::{date, Phone};

use crate::i18n::Texts;

/// Field → what is wrong with it.
pub type Errs = BTreeMap<&'static str, &'static str>;

/// Hours as typed: more than 0, at most 24.
pub fn parse_hours(text: &str) -> Option<f64> {
    text.trim()
        .parse::<f64>()
        .ok()
        .filter(|h| h.is_finite() && *h > 0.0 && *h <= 24.0)
}

/// A whole number in `lo..=hi`, as typed.
pub fn parse_count(text: &str, lo: i64, hi: i64) -> Option<i64> {
    text.trim()
        .parse::<i64>()
        .ok()
        .filter(|n| (lo..=hi).contains(n))
}

/// Words separated by commas or 顿号.
pub fn words(text: &str) -> Vec<String> {
    text.split(['，', ',', '、', ';', '；'])
        .map(str::trim)
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct VolunteerForm {
    pub name: String,
    pub phone: String,
    pub skills: String,
    pub availability: String,
    /// A resident of the register, by id, with the name and address shown.
    pub resident: Option<(linli_domain::Id, String, String)>,
}

impl VolunteerForm {
    pub fn check(&self, t: &Texts) -> Errs {
        let mut e = Errs::new();
        let name = self.name.trim();
        if (name.is_empty() && self.resident.is_none()) || name.chars().count() > 30 {
            e.insert("name", t.desk.err_name);
        }
        if !self.phone.trim().is_empty() && Phone::parse(self.phone.trim()).is_err() {
            e.insert("phone", t.desk.err_phone);
        }
        e
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct ActivityForm {
    pub title: String,
    pub date: String,
    pub time: String,
    pub place: String,
    pub team: Option<linli_domain::Id>,
    pub category: String,
    pub hours: String,
    pub capacity: String,
}

/// An activity form's figures once it checks: hours, capacity, the time as kept.
#[derive(Debug, Clone, PartialEq)]
pub struct ActivityFigures {
    pub hours: f64,
    pub capacity: Option<i64>,
    pub time: String,
}

impl ActivityForm {
    pub fn check(&self, t: &Texts) -> Result<ActivityFigures, Errs> {
        let d = &t.desk;
        let mut e = Errs::new();
        let title = self.title.trim();
        if title.is_empty() || title.chars().count() > 50 {
            e.insert("title", d.err_title);
        }
        if date::validate("date", &self.date).is_err() {
            e.insert("date", d.err_date);
        }
        let time = validate_start_time(&self.time);
        if time.is_err() {
            e.insert("time", d.err_time);
        }
        if validate_category(&self.category).is_err() {
            e.insert("category", d.err_category);
        }
        let hours = parse_hours(&self.hours);
        if hours.is_none() {
            e.insert("hours", d.err_hours);
        }
        let capacity = match self.capacity.trim() {
            "" => Some(None),
            c => parse_count(c, 1, 1000).map(Some),
        };
        if capacity.is_none() {
            e.insert("capacity", d.err_capacity);
        }
        match (hours, capacity, time) {
            (Some(hours), Some(capacity), Ok(time)) if e.is_empty() => Ok(ActivityFigures {
                hours,
                capacity,
                time,
            }),
            _ => Err(e),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct ItemForm {
    pub name: String,
    pub cost: String,
    pub unit: String,
    pub stock: String,
    pub class_hours: bool,
}

impl ItemForm {
    /// The cost and the stock received with it (0 when left empty).
    pub fn check(&self, t: &Texts) -> Result<(i64, i64), Errs> {
        let d = &t.desk;
        let mut e = Errs::new();
        let name = self.name.trim();
        if name.is_empty() || name.chars().count() > 30 {
            e.insert("name", d.err_item_name);
        }
        let cost = parse_count(&self.cost, 1, 100_000);
        if cost.is_none() {
            e.insert("cost", d.err_cost);
        }
        let stock = match self.stock.trim() {
            "" => Some(0),
            s => parse_count(s, 0, 100_000),
        };
        if stock.is_none() {
            e.insert("stock", d.err_qty);
        }
        match (cost, stock) {
            (Some(c), Some(s)) if e.is_empty() => Ok((c, s)),
            _ => Err(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn forms_say_what_is_wrong_in_the_ui_language() {
        let en = Lang::En.texts();
        let f = ActivityForm {
            title: " ".into(),
            date: "2026-12-12".into(),
            time: "9点".into(),
            category: "护学".into(),
            hours: "0".into(),
            capacity: "0".into(),
            ..Default::default()
        };
        let e = f.check(en).unwrap_err();
        assert_eq!(
            e.keys().copied().collect::<Vec<_>>(),
            ["capacity", "hours", "time", "title"]
        );
        assert_eq!(e["hours"], "Hours must be more than 0 and at most 24");
        let ok = ActivityForm {
            title: "周六义诊".into(),
            time: "9:00".into(),
            hours: "2.5".into(),
            capacity: "".into(),
            ..f
        };
        assert_eq!(
            ok.check(en).unwrap(),
            ActivityFigures {
                hours: 2.5,
                capacity: None,
                time: "09:00".into()
            }
        );
        let zh = Lang::Zh.texts();
        let v = VolunteerForm {
            phone: "123".into(),
            ..Default::default()
        };
        let e = v.check(zh);
        assert_eq!(e["name"], "请填写姓名，或关联一位住户");
        assert_eq!(e["phone"], "手机号应为11位数字");
        let i = ItemForm {
            name: "大米".into(),
            cost: "abc".into(),
            ..Default::default()
        };
        assert_eq!(i.check(zh).unwrap_err()["cost"], zh.desk.err_cost);
        assert_eq!(words("理发、修电器, 陪诊"), ["理发", "修电器", "陪诊"]);
        assert_eq!(parse_hours("24.5"), None);
    }
}
