//! A household's timeline lines in English. The store writes each line's title and detail in
//! Chinese from the domain's words (visit kinds and outcomes, task events, register fields and
//! their values, a loan's steps); this reads those words back and puts the English ones of the catalogues in
//! their place. What the worker typed (findings, a task's title, names, notes) stays as written.

use linli_domain::field::{TaskEventKind, VisitKind, VisitOutcome};
use linli_domain::register::ResidenceStatus;
use linli_domain::Gender;
use linli_protocol::{TimelineEntry, TimelineKind};

use super::{resident, Lang};

/// The labels of register fields, as the store's timeline writes them, in English.
const FIELDS: &[(&str, &str)] = &[
    ("电话", "Phone"),
    ("迁出", "Moved out"),
    ("迁入", "Moved in"),
    ("关爱标签", "Care tags"),
    ("党员", "Party member"),
    ("备注", "Notes"),
    ("姓名", "Name"),
    ("与户主关系", "Relation"),
    ("身份证号", "ID number"),
    ("地址", "Address"),
    ("标签", "Tags"),
    ("人户状态", "Residence"),
    ("性别", "Gender"),
    ("出生日期", "Birth date"),
    ("流动人口", "Floating"),
];

fn field_en(zh: &str) -> String {
    FIELDS
        .iter()
        .find(|(z, _)| *z == zh)
        .map(|(_, e)| (*e).to_owned())
        .unwrap_or_else(|| zh.to_owned())
}

fn who_en(who: &str) -> &str {
    if who == "本户" {
        "the household"
    } else {
        who
    }
}

/// "日常走访（见到本人）" → "Routine visit (met)".
fn visit_en(zh: &str) -> Option<String> {
    let t = Lang::En.texts();
    for k in VisitKind::ALL {
        for o in VisitOutcome::ALL {
            if zh == format!("{}（{}）", k.label_zh(), o.label_zh()) {
                return Some(format!(
                    "{} ({})",
                    (t.visit_kind_label)(*k),
                    (t.visit_outcome_label)(*o)
                ));
            }
        }
    }
    None
}

/// The store's words for a loan's line (`lending/timeline.rs`) and theirs in English.
const LOAN_TITLES: &[(&str, &str)] = &[
    ("借出", "Lent"),
    ("发放", "Handed out"),
    ("续借", "Renewed"),
    ("归还（损坏）", "Returned damaged"),
    ("归还（遗失）", "Returned lost"),
    ("归还", "Returned"),
    ("作废借用", "Loan voided"),
    ("逾期未还", "Overdue"),
];

/// The labels of a loan line's details.
const LOAN_LABELS: &[(&str, &str)] = &[
    ("应还", "Due"),
    ("成色", "Condition"),
    ("缺少配件", "Missing parts"),
];

/// "应还：2026-03-09；逾期3天" → "Due: 2026-03-09; 3 days overdue"; names and notes as written.
fn loan_detail_en(zh: &str) -> String {
    zh.split('；')
        .map(|part| {
            if let Some(n) = part
                .strip_prefix("逾期")
                .and_then(|r| r.strip_suffix('天'))
                .filter(|n| n.parse::<u32>().is_ok())
            {
                return format!("{n} days overdue");
            }
            match part.split_once('：') {
                Some((label, v)) => match LOAN_LABELS.iter().find(|(z, _)| *z == label) {
                    Some((_, en)) => format!("{en}: {}", v.replace('、', ", ")),
                    None => part.to_owned(),
                },
                None => part.to_owned(),
            }
        })
        .collect::<Vec<_>>()
        .join("; ")
}

fn title_en(kind: TimelineKind, zh: &str) -> String {
    let t = Lang::En.texts();
    match kind {
        TimelineKind::Loan => {
            for (z, en) in LOAN_TITLES {
                if let Some(what) = zh.strip_prefix(&format!("{z}：")) {
                    return format!("{en}: {what}");
                }
            }
            zh.to_owned()
        }
        TimelineKind::Visit => {
            if zh == "更正：此前的走访作废" {
                return "Correction: the earlier visit is void".to_owned();
            }
            if let Some(rest) = zh.strip_prefix("更正走访：") {
                return format!("Corrected visit: {}", visit_en(rest).unwrap_or(rest.into()));
            }
            if let Some(rest) = zh.strip_suffix("（已更正）") {
                if let Some(v) = visit_en(rest) {
                    return format!("{v} (corrected)");
                }
            }
            visit_en(zh).unwrap_or_else(|| zh.to_owned())
        }
        TimelineKind::TaskEvent => {
            for k in TaskEventKind::ALL {
                if let Some(title) = zh.strip_prefix(&format!("{}：", k.label_zh())) {
                    return format!("{}: {title}", (t.task_event_label)(*k));
                }
            }
            zh.to_owned()
        }
        TimelineKind::Register => {
            if let Some((who, what)) = zh.split_once('：') {
                if what == "删除登记" {
                    return format!("{}: registration removed", who_en(who));
                }
                if let Some(fields) = what.strip_prefix("修改") {
                    let fields: Vec<String> = fields.split('、').map(field_en).collect();
                    return format!("{}: changed {}", who_en(who), fields.join(", "));
                }
            }
            if let Some(who) = zh.strip_prefix("登记") {
                return format!("Registered {}", who_en(who));
            }
            zh.to_owned()
        }
    }
}

/// A register value in English: yes/no, a gender, a residence status, care tags.
fn value_en(field: &str, zh: &str) -> String {
    let t = Lang::En.texts();
    match (field, zh) {
        (_, "是") => "yes".to_owned(),
        (_, "否") => "no".to_owned(),
        ("性别", v) => Gender::ALL
            .into_iter()
            .find(|g| g.label_zh() == v)
            .map(|g| (t.gender_label)(g).to_owned())
            .unwrap_or_else(|| v.to_owned()),
        ("人户状态", v) => ResidenceStatus::ALL
            .into_iter()
            .find(|s| s.label_zh() == v)
            .map(|s| (t.status_label)(s).to_owned())
            .unwrap_or_else(|| v.to_owned()),
        ("关爱标签" | "标签", v) => v
            .split('、')
            .map(|c| (resident::EN.care_tag)(c))
            .collect::<Vec<_>>()
            .join(", "),
        ("与户主关系", v) => (resident::EN.relation)(v).to_owned(),
        (_, v) => v.to_owned(),
    }
}

fn detail_en(kind: TimelineKind, zh: &str) -> String {
    match kind {
        TimelineKind::Loan => loan_detail_en(zh),
        // "visitor：findings"
        TimelineKind::Visit => zh.replacen('：', ": ", 1),
        // "who　extra", a rating "4星 comment"
        TimelineKind::TaskEvent => zh
            .split('　')
            .map(|part| {
                let stars = part
                    .split_once('星')
                    .filter(|(n, _)| n.parse::<u8>().is_ok());
                match stars {
                    Some((n, rest)) => format!("{n}★{rest}"),
                    None => part.replacen('：', ": ", 1),
                }
            })
            .collect::<Vec<_>>()
            .join(" · "),
        // "label：value；label：value"
        TimelineKind::Register => zh
            .split('；')
            .map(|pair| match pair.split_once('：') {
                Some((f, v)) => format!("{}: {}", field_en(f), value_en(f, v)),
                None => pair.to_owned(),
            })
            .collect::<Vec<_>>()
            .join("; "),
    }
}

/// The line's title and detail in Chinese, as the store wrote them.
pub fn line_zh(e: &TimelineEntry) -> (String, String) {
    (e.title.clone(), e.detail.clone())
}

/// A title starts with a capital ("Raised: …", "Routine visit (met)").
fn capitalized(s: String) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) if f.is_ascii_lowercase() => f.to_ascii_uppercase().to_string() + c.as_str(),
        _ => s,
    }
}

/// The line's title and detail in English.
pub fn line_en(e: &TimelineEntry) -> (String, String) {
    (
        capitalized(title_en(e.kind, &e.title)),
        detail_en(e.kind, &e.detail),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use linli_domain::Id;

    fn entry(kind: TimelineKind, title: &str, detail: &str) -> TimelineEntry {
        TimelineEntry {
            at: "2026-12-05 19:40".into(),
            kind,
            title: title.into(),
            detail: detail.into(),
            row_id: Id::from_uuid(linli_domain::id::Uuid::from_u128(1)),
        }
    }

    #[test]
    fn the_stores_chinese_words_become_english_and_typed_text_stays() {
        let v = VisitKind::Routine;
        let o = VisitOutcome::Met;
        let t = Lang::En.texts();
        let (title, detail) = line_en(&entry(
            TimelineKind::Visit,
            &format!("{}（{}）（已更正）", v.label_zh(), o.label_zh()),
            "余娜：老人血压偏高",
        ));
        assert_eq!(
            title.to_lowercase(),
            format!(
                "{} ({}) (corrected)",
                (t.visit_kind_label)(v),
                (t.visit_outcome_label)(o)
            )
            .to_lowercase()
        );
        assert!(title.starts_with(char::is_uppercase), "{title}");
        assert_eq!(detail, "余娜: 老人血压偏高");
        let (title, detail) = line_en(&entry(
            TimelineKind::TaskEvent,
            "评单：楼顶水箱溢水",
            "余娜　4星 很满意",
        ));
        assert_eq!(
            title.to_lowercase(),
            format!(
                "{}: 楼顶水箱溢水",
                (t.task_event_label)(TaskEventKind::Rated)
            )
            .to_lowercase()
        );
        assert!(title.starts_with(char::is_uppercase), "{title}");
        assert_eq!(detail, "余娜 · 4★ 很满意");
        let (title, detail) = line_en(&entry(
            TimelineKind::Register,
            "王芳：修改电话、关爱标签、与户主关系",
            "电话：139****5678；关爱标签：独居老人、低保；与户主关系：配偶；党员：是",
        ));
        assert_eq!(title, "王芳: changed Phone, Care tags, Relation");
        assert_eq!(
            detail,
            "Phone: 139****5678; Care tags: Elderly, living alone, Minimum living allowance; Relation: Spouse; Party member: yes"
        );
        assert_eq!(
            line_en(&entry(TimelineKind::Register, "登记本户", "")).0,
            "Registered the household"
        );
        let (title, detail) = line_en(&entry(
            TimelineKind::Loan,
            "归还（损坏）：轮椅 LY-WC-01",
            "成色：扶手松动；缺少配件：脚踏、坐垫",
        ));
        assert_eq!(title, "Returned damaged: 轮椅 LY-WC-01");
        assert_eq!(detail, "Condition: 扶手松动; Missing parts: 脚踏, 坐垫");
        let (title, detail) = line_en(&entry(
            TimelineKind::Loan,
            "逾期未还：拐杖 ST-01",
            "应还：2026-03-09；逾期3天",
        ));
        assert_eq!(title, "Overdue: 拐杖 ST-01");
        assert_eq!(detail, "Due: 2026-03-09; 3 days overdue");
        for (z, _) in LOAN_TITLES {
            let (title, _) = line_en(&entry(TimelineKind::Loan, &format!("{z}：x"), ""));
            assert!(!title.contains(z), "{title}");
        }
        // no Chinese word of the store is left in a title
        for k in TaskEventKind::ALL {
            let (title, _) = line_en(&entry(
                TimelineKind::TaskEvent,
                &format!("{}：x", k.label_zh()),
                "",
            ));
            assert!(!title.contains(k.label_zh()), "{title}");
        }
    }
}
