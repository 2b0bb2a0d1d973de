//! A community's points rules: read (the defaults when none are set), described in plain words,
//! checked and written, and what an hours entry earns under them.

use linli_domain::points::capped_points;
use linli_domain::{DomainError, Id};
use linli_protocol::{GetPointsRules, PointsRules, SetPointsRules};
use rusqlite::{params, Connection, OptionalExtension};
use serde_json::json;

use super::DEFAULT_RATE;
use crate::volunteers::{check_community, community_scope};
use crate::write::{RowWrite, Writer};
use crate::{Result, Store};

pub(crate) fn rules_of(conn: &Connection, community: Id) -> Result<PointsRules> {
    let mut rules = conn
        .prepare_cached(
            "SELECT rates, default_rate, entry_cap, month_cap, expiry_months FROM points_rules
             WHERE id = ?1 AND deleted = 0",
        )?
        .query_row([community.to_string()], |r| {
            Ok(PointsRules {
                community_id: community,
                rates: serde_json::from_str(&r.get::<_, String>("rates")?).unwrap_or_default(),
                default_rate: r.get("default_rate")?,
                entry_cap: r.get("entry_cap")?,
                month_cap: r.get("month_cap")?,
                expiry_months: r.get("expiry_months")?,
                description: String::new(),
            })
        })
        .optional()?
        .unwrap_or_else(|| PointsRules {
            community_id: community,
            rates: Default::default(),
            default_rate: DEFAULT_RATE,
            entry_cap: None,
            month_cap: None,
            expiry_months: None,
            description: String::new(),
        });
    rules.description = describe(&rules);
    Ok(rules)
}

/// The rules in plain words.
pub fn describe(r: &PointsRules) -> String {
    let mut s = format!("每服务1小时记{}分", r.default_rate);
    if !r.rates.is_empty() {
        let parts: Vec<String> = r
            .rates
            .iter()
            .map(|(c, p)| format!("{c}每小时{p}分"))
            .collect();
        s.push_str(&format!("，其中{}", parts.join("、")));
    }
    s.push('。');
    if let Some(c) = r.entry_cap {
        s.push_str(&format!("一次服务最多记{c}分。"));
    }
    if let Some(c) = r.month_cap {
        s.push_str(&format!("每人每月最多记{c}分。"));
    }
    match r.expiry_months {
        Some(m) => s.push_str(&format!("积分自服务之日起{m}个月内有效，先得的先用。")),
        None => s.push_str("积分长期有效。"),
    }
    s.push_str("服务时长经协调员审核后才记分。");
    s
}

/// Points an entry earns by the rules, after the per-entry and per-month caps.
pub(crate) fn points_earned(
    conn: &Connection,
    community: Id,
    volunteer: Id,
    category: &str,
    date: &str,
    minutes: i64,
) -> Result<i64> {
    let rules = rules_of(conn, community)?;
    let rate = rules
        .rates
        .get(category)
        .copied()
        .unwrap_or(rules.default_rate);
    let earned_this_month: i64 = match rules.month_cap {
        Some(_) => conn
            .prepare_cached(
                "SELECT coalesce(sum(points), 0) FROM ledger WHERE volunteer_id = ?1
                 AND entry_id IS NOT NULL AND substr(date, 1, 7) = ?2",
            )?
            .query_row(
                params![
                    volunteer.to_string(),
                    linli_domain::calendar::month_of(date)
                ],
                |r| r.get(0),
            )?,
        None => 0,
    };
    Ok(capped_points(
        minutes,
        rate,
        rules.entry_cap,
        rules.month_cap,
        earned_this_month,
    ))
}

fn check_rules(req: &SetPointsRules) -> Result<()> {
    let bad = |field: &'static str, m: linli_domain::msg::Msg| -> Result<()> {
        Err(DomainError::coded(field, m, vec![]).into())
    };
    if !(0..=1000).contains(&req.default_rate) {
        return bad("default_rate", linli_domain::msg::POINTS_RATE_RANGE);
    }
    for (c, p) in &req.rates {
        linli_domain::volunteers::validate_category(c)?;
        if !(0..=1000).contains(p) {
            return bad("rates", linli_domain::msg::POINTS_RATE_RANGE);
        }
    }
    if req.entry_cap.is_some_and(|c| c < 1) || req.month_cap.is_some_and(|c| c < 1) {
        return bad("entry_cap", linli_domain::msg::POINTS_CAP_MIN);
    }
    if req.expiry_months.is_some_and(|m| !(1..=120).contains(&m)) {
        return bad("expiry_months", linli_domain::msg::POINTS_EXPIRY_RANGE);
    }
    Ok(())
}

pub(crate) fn write_rules(w: &mut Writer<'_>, req: &SetPointsRules) -> Result<()> {
    w.write(RowWrite {
        table: "points_rules",
        row_id: req.community_id,
        fields: vec![
            ("community_id", json!(req.community_id.to_string())),
            ("rates", json!(serde_json::to_string(&req.rates)?)),
            ("default_rate", json!(req.default_rate)),
            ("entry_cap", json!(req.entry_cap)),
            ("month_cap", json!(req.month_cap)),
            ("expiry_months", json!(req.expiry_months)),
            ("deleted", json!(false)),
        ],
        scope: community_scope(req.community_id),
    })?;
    Ok(())
}

impl Store {
    pub fn set_points_rules(&mut self, req: &SetPointsRules) -> Result<PointsRules> {
        check_community(&self.conn, req.community_id)?;
        self.may_set_rules()?;
        check_rules(req)?;
        let mut w = self.begin()?;
        write_rules(&mut w, req)?;
        w.commit()?;
        rules_of(&self.conn, req.community_id)
    }

    pub fn get_points_rules(&self, req: &GetPointsRules) -> Result<PointsRules> {
        check_community(&self.conn, req.community_id)?;
        rules_of(&self.conn, req.community_id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_read_as_plain_words() {
        let r = PointsRules {
            community_id: Id::new(),
            rates: [("护学".to_owned(), 15)].into(),
            default_rate: 10,
            entry_cap: Some(40),
            month_cap: None,
            expiry_months: Some(24),
            description: String::new(),
        };
        assert_eq!(
            describe(&r),
            "每服务1小时记10分，其中护学每小时15分。一次服务最多记40分。积分自服务之日起24个月内有效，先得的先用。服务时长经协调员审核后才记分。"
        );
    }
}
