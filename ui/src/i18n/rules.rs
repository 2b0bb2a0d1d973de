//! The strings of 设置's community rules (issue 15 item 3): the station's name, visit intervals,
//! escalation days per request category, points per hour with caps and expiry, and the care tags
//! the community uses; and the 签字/盖章 lines under a printed statement. In both languages;
//! `Texts::rules` holds them.

use linli_protocol::{ApiError, ErrorKind};

#[derive(Debug)]
pub struct RulesTexts {
    pub tab_me: &'static str,
    pub tab_rules: &'static str,
    pub title: &'static str,
    pub intro: &'static str,
    pub save: &'static str,
    pub saved: &'static str,
    pub station_title: &'static str,
    pub station_name: &'static str,
    pub station_hint: &'static str,
    pub station_placeholder: &'static str,
    pub visit_title: &'static str,
    pub care_days: &'static str,
    pub everyone_days: &'static str,
    pub tasks_title: &'static str,
    pub tasks_hint: &'static str,
    pub by_default: &'static str,
    pub points_title: &'static str,
    pub default_rate: &'static str,
    pub rate_of: fn(category: &str) -> String,
    pub rate_blank: &'static str,
    pub entry_cap: &'static str,
    pub month_cap: &'static str,
    pub expiry_months: &'static str,
    pub no_limit: &'static str,
    pub care_title: &'static str,
    pub care_hint: &'static str,
    /// A service category in this language (the store keeps the Chinese word).
    pub service_category: fn(category: &str) -> &str,
    pub err_days: &'static str,
    pub err_rate: &'static str,
    pub err_cap: &'static str,
    pub err_expiry: &'static str,
    pub err_station_long: fn(chars: usize) -> String,
    pub err_care_none: &'static str,
    /// A refusal from the store, in this language.
    pub err_of: fn(e: &ApiError) -> String,
    // the printed statement's foot
    pub sign_station: fn(station: &str) -> String,
    pub sign_volunteer: &'static str,
    pub sign_handler: &'static str,
    pub sign_stamp: &'static str,
    pub sign_date: &'static str,
}

pub const ZH: RulesTexts = RulesTexts {
    tab_me: "本机工作人员",
    tab_rules: "社区规则",
    title: "社区规则",
    intro: "本社区的走访频次、超时上报、积分规则、关爱标签和站点名称。修改会同步到本社区的其他电脑；只有社区管理员可以修改。",
    save: "保存",
    saved: "已保存",
    station_title: "站点名称",
    station_name: "站点名称",
    station_hint: "打印在志愿服务积分对账单的落款处，下方留签字、盖章栏",
    station_placeholder: "如：北门社区新时代文明实践站",
    visit_title: "走访频次",
    care_days: "关爱对象每隔几天走访一次",
    everyone_days: "其他住户每隔几天走访一次",
    tasks_title: "超时上报",
    tasks_hint: "诉求超过办结期限多少天后上报上一级",
    by_default: "（默认）",
    points_title: "积分规则",
    default_rate: "其他类别每小时积分",
    rate_of: |c| format!("{c}每小时积分"),
    rate_blank: "留空按其他类别计",
    entry_cap: "一次服务最多记分",
    month_cap: "每人每月最多记分",
    expiry_months: "积分有效期（月）",
    no_limit: "留空为不限",
    care_title: "关爱标签",
    care_hint: "本社区使用的关爱标签，登记住户时从中选择",
    service_category: |c| c,
    err_days: "请填写1到365之间的天数",
    err_rate: "每小时积分应在0到1000之间",
    err_cap: "积分上限至少为1分；不设上限请留空",
    err_expiry: "有效期应在1到120个月之间；长期有效请留空",
    err_station_long: |c| format!("站点名称最多40个字，现在是{c}个字"),
    err_care_none: "请至少选择一个关爱标签",
    err_of: |e| e.message.clone(),
    sign_station: |s| format!("服务站点：{s}"),
    sign_volunteer: "志愿者签字：",
    sign_handler: "经办人签字：",
    sign_stamp: "（盖章）",
    sign_date: "日期：",
};

pub const EN: RulesTexts = RulesTexts {
    tab_me: "Who works here",
    tab_rules: "Community rules",
    title: "Community rules",
    intro: "This community's visit intervals, escalation, points, care tags and station name. Changes sync to the community's other laptops; only a community administrator may change them.",
    save: "Save",
    saved: "Saved",
    station_title: "Station",
    station_name: "Station name",
    station_hint: "Printed at the foot of volunteer statements, above the signature and stamp lines",
    station_placeholder: "e.g. the community's civic practice station",
    visit_title: "Visit intervals",
    care_days: "Visit residents with care tags every (days)",
    everyone_days: "Visit everyone else every (days)",
    tasks_title: "Escalation",
    tasks_hint: "Days past due before a request escalates one level",
    by_default: " (default)",
    points_title: "Points",
    default_rate: "Points per hour, other categories",
    rate_of: |c| format!("{c}: points per hour"),
    rate_blank: "Blank: as other categories",
    entry_cap: "At most per service",
    month_cap: "At most per person a month",
    expiry_months: "Points expire after (months)",
    no_limit: "Blank: no limit",
    care_title: "Care tags",
    care_hint: "The care tags this community uses; the resident form offers these",
    service_category: |c| match c {
        "助老助残" => "Elderly and disabled care",
        "护学" => "School crossing",
        "跑腿代办" => "Errands",
        "交通劝导" => "Traffic guidance",
        "课业辅导" => "Tutoring",
        "矛盾调解" => "Mediation",
        "政策宣讲" => "Policy outreach",
        "环境整治" => "Clean-up",
        other => other,
    },
    err_days: "Enter a number of days from 1 to 365",
    err_rate: "Points per hour must be between 0 and 1000",
    err_cap: "A cap is at least 1 point; leave it blank for no cap",
    err_expiry: "Expiry must be 1 to 120 months; leave it blank for never",
    err_station_long: |c| format!("A station name has at most 40 characters; this one has {c}"),
    err_care_none: "Choose at least one care tag",
    err_of: |e| match (e.kind, e.field.as_deref()) {
        (ErrorKind::Conflict, _) => {
            "Only a community administrator may change the rules; choose who works at this laptop under Who works here".to_owned()
        }
        (ErrorKind::Invalid, Some("community_id")) | (ErrorKind::NotFound, _) => {
            "Choose a community".to_owned()
        }
        (ErrorKind::Invalid, Some("care_days" | "everyone_days" | "escalate_after_days")) => {
            "Enter a number of days from 1 to 365".to_owned()
        }
        (ErrorKind::Invalid, Some("default_rate" | "rates")) => {
            "Points per hour must be between 0 and 1000".to_owned()
        }
        (ErrorKind::Invalid, Some("entry_cap" | "month_cap")) => {
            "A cap is at least 1 point; leave it blank for no cap".to_owned()
        }
        (ErrorKind::Invalid, Some("expiry_months")) => {
            "Expiry must be 1 to 120 months; leave it blank for never".to_owned()
        }
        (ErrorKind::Invalid, Some("station_name")) => {
            "A station name has at most 40 characters and no control characters".to_owned()
        }
        (ErrorKind::Invalid, Some("care_tags")) => "Choose care tags from the list".to_owned(),
        _ => "The change was refused; nothing was saved".to_owned(),
    },
    sign_station: |s| format!("Station: {s}"),
    sign_volunteer: "Volunteer's signature:",
    sign_handler: "Signed for the station:",
    sign_stamp: "(stamp)",
    sign_date: "Date:",
};
