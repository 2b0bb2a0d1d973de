//! The community rules form's text fields and their checks, apart from the page so that they are
//! tested natively: the same bounds as the store (days 1–365, points 0–1000, caps ≥ 1, expiry
//! 1–120 months, a station name of at most 40 characters, at least one care tag).

use std::collections::BTreeMap;

use linli_domain::field::TaskCategory;
use linli_domain::volunteers::SERVICE_CATEGORIES;
use linli_protocol::{CommunityRules, SetPointsRules, SetVisitRules};

use crate::i18n::Texts;

/// What the fields hold, as typed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RulesForm {
    pub station: String,
    pub care_days: String,
    pub everyone_days: String,
    pub tasks: Vec<(TaskCategory, String)>,
    pub default_rate: String,
    /// Every offered service category and any other the rules name, with its rate ("" for none).
    pub rates: Vec<(String, String)>,
    pub entry_cap: String,
    pub month_cap: String,
    pub expiry: String,
    pub care_tags: Vec<String>,
}

fn opt(v: Option<i64>) -> String {
    v.map(|n| n.to_string()).unwrap_or_default()
}

impl RulesForm {
    pub fn from_rules(r: &CommunityRules) -> Self {
        let mut rates: Vec<(String, String)> = SERVICE_CATEGORIES
            .iter()
            .map(|c| ((*c).to_owned(), opt(r.points.rates.get(*c).copied())))
            .collect();
        for (c, p) in &r.points.rates {
            if !SERVICE_CATEGORIES.contains(&c.as_str()) {
                rates.push((c.clone(), p.to_string()));
            }
        }
        RulesForm {
            station: r.station_name.clone(),
            care_days: r.visit.care_days.to_string(),
            everyone_days: r.visit.everyone_days.to_string(),
            tasks: r
                .tasks
                .iter()
                .map(|t| (t.category, t.escalate_after_days.to_string()))
                .collect(),
            default_rate: r.points.default_rate.to_string(),
            rates,
            entry_cap: opt(r.points.entry_cap),
            month_cap: opt(r.points.month_cap),
            expiry: opt(r.points.expiry_months),
            care_tags: r.care_tags.clone(),
        }
    }
}

/// A whole number in `min..=max`.
pub fn number_in(text: &str, min: i64, max: i64) -> Option<i64> {
    text.trim()
        .parse::<i64>()
        .ok()
        .filter(|n| (min..=max).contains(n))
}

/// A blank (None) or a whole number in `min..=max`; Err when neither.
pub fn blank_or(text: &str, min: i64, max: i64) -> Result<Option<i64>, ()> {
    if text.trim().is_empty() {
        Ok(None)
    } else {
        number_in(text, min, max).map(Some).ok_or(())
    }
}

pub fn station_problem(t: &Texts, name: &str) -> Option<String> {
    let chars = name.trim().chars().count();
    (chars > 40).then(|| (t.rules.err_station_long)(chars))
}

pub fn visit_request(
    t: &Texts,
    f: &RulesForm,
    community_id: linli_domain::Id,
) -> Result<SetVisitRules, String> {
    let day = |s: &str| number_in(s, 1, 365).map(|n| n as u32);
    match (day(&f.care_days), day(&f.everyone_days)) {
        (Some(care_days), Some(everyone_days)) => Ok(SetVisitRules {
            community_id,
            care_days,
            everyone_days,
        }),
        _ => Err(t.rules.err_days.to_owned()),
    }
}

/// The escalation days to save, each category's field checked.
pub fn task_days(t: &Texts, f: &RulesForm) -> Result<Vec<(TaskCategory, u32)>, String> {
    f.tasks
        .iter()
        .map(|(c, s)| {
            number_in(s, 1, 365)
                .map(|n| (*c, n as u32))
                .ok_or_else(|| t.rules.err_days.to_owned())
        })
        .collect()
}

pub fn points_request(
    t: &Texts,
    f: &RulesForm,
    community_id: linli_domain::Id,
) -> Result<SetPointsRules, String> {
    let default_rate = number_in(&f.default_rate, 0, 1000).ok_or(t.rules.err_rate)?;
    let mut rates = BTreeMap::new();
    for (c, s) in &f.rates {
        if let Some(p) = blank_or(s, 0, 1000).map_err(|_| t.rules.err_rate)? {
            rates.insert(c.clone(), p);
        }
    }
    let cap = |s: &str| blank_or(s, 1, i64::MAX).map_err(|_| t.rules.err_cap.to_owned());
    Ok(SetPointsRules {
        community_id,
        rates,
        default_rate,
        entry_cap: cap(&f.entry_cap)?,
        month_cap: cap(&f.month_cap)?,
        expiry_months: blank_or(&f.expiry, 1, 120).map_err(|_| t.rules.err_expiry.to_owned())?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use linli_domain::Id;

    #[test]
    fn fields_are_checked_with_the_stores_bounds() {
        let (zh, en) = (Lang::Zh.texts(), Lang::En.texts());
        let c = Id::from_uuid(Default::default());
        let mut f = RulesForm {
            care_days: "14".into(),
            everyone_days: "0".into(),
            default_rate: "12".into(),
            rates: vec![
                ("护学".into(), "15".into()),
                ("跑腿代办".into(), " ".into()),
            ],
            entry_cap: "40".into(),
            tasks: vec![(TaskCategory::CivicMatter, "5".into())],
            ..Default::default()
        };
        assert_eq!(
            visit_request(zh, &f, c).unwrap_err(),
            "请填写1到365之间的天数"
        );
        f.everyone_days = "60".into();
        let v = visit_request(en, &f, c).unwrap();
        assert_eq!((v.care_days, v.everyone_days), (14, 60));
        let p = points_request(en, &f, c).unwrap();
        assert_eq!(p.rates.len(), 1, "a blank rate is the default's");
        assert_eq!(
            (p.default_rate, p.entry_cap, p.month_cap),
            (12, Some(40), None)
        );
        f.entry_cap = "0".into();
        assert_eq!(
            points_request(en, &f, c).unwrap_err(),
            "A cap is at least 1 point; leave it blank for no cap"
        );
        f.entry_cap = String::new();
        f.expiry = "121".into();
        assert!(points_request(zh, &f, c)
            .unwrap_err()
            .contains("1到120个月"));
        assert_eq!(task_days(en, &f).unwrap(), [(TaskCategory::CivicMatter, 5)]);
        f.tasks[0].1 = "三".into();
        assert!(task_days(en, &f).is_err());
        assert!(station_problem(en, &"站".repeat(41))
            .unwrap()
            .contains("41"));
        assert_eq!(station_problem(zh, "北门站"), None);
    }
}
