//! The strings of the nightly review (夜研判) actions, the weekly consultation agenda (周会商) and
//! task escalation, in both languages; `Texts::field` holds them.

use linli_domain::field::ESCALATION_LEVELS;

/// Every string of the review queue's actions, the agenda and the escalation badge.
#[derive(Debug)]
pub struct FieldTexts {
    pub day: &'static str,
    pub reviewer: &'static str,
    pub no_reviewer: &'static str,
    pub day_empty: &'static str,
    pub to_review_title: fn(n: usize) -> String,
    pub reviewed_title: fn(n: usize) -> String,
    pub all_reviewed: &'static str,
    pub mark: &'static str,
    pub to_task: &'static str,
    pub marked: fn(address: &str) -> String,
    pub task_raised: fn(address: &str, title: &str) -> String,
    pub task_form_title: fn(address: &str) -> String,
    pub description: &'static str,
    pub raise: &'static str,
    pub had_follow_up: &'static str,
    pub agenda_title: &'static str,
    pub agenda_intro: &'static str,
    pub agenda_empty: &'static str,
    pub agenda_tasks: fn(n: usize) -> String,
    pub agenda_visits: fn(n: usize) -> String,
    pub escalated: fn(level: u32) -> String,
    /// The agenda's group of what lies in no building section.
    pub agenda_other: &'static str,
    /// The system's note on an escalation: overdue, reported up to `level`.
    pub overdue_escalated: fn(level: u32) -> String,
}

fn level_zh(level: u32) -> &'static str {
    ESCALATION_LEVELS
        .get(level as usize)
        .copied()
        .unwrap_or("县")
}

fn level_en(level: u32) -> &'static str {
    ["community", "town", "county"]
        .get(level as usize)
        .copied()
        .unwrap_or("county")
}

pub const ZH: FieldTexts = FieldTexts {
    day: "研判日期",
    reviewer: "研判人",
    no_reviewer: "这个社区还没有工作人员，请先在登记册中添加，才能记录研判。",
    day_empty: "这一天的走访没有需要研判的情况。",
    to_review_title: |n| format!("待研判 {n} 条"),
    reviewed_title: |n| format!("已研判 {n} 条"),
    all_reviewed: "这一天的走访发现都已研判。",
    mark: "标记已研判",
    to_task: "转为诉求",
    marked: |a| format!("已将{a}的走访标记为已研判"),
    task_raised: |a, t| format!("已研判{a}的走访，并开了诉求“{t}”"),
    task_form_title: |a| format!("转为诉求：{a}"),
    description: "事项描述",
    raise: "开诉求并标记已研判",
    had_follow_up: "走访时已开诉求",
    agenda_title: "周会商",
    agenda_intro: "各网格未办结的诉求，和近7天还没研判的走访发现。",
    agenda_empty: "没有待会商的事项。",
    agenda_other: "其他",
    overdue_escalated: |l| format!("超时未办结，上报{}", level_zh(l)),
    agenda_tasks: |n| format!("待办诉求 {n} 件"),
    agenda_visits: |n| format!("待研判走访 {n} 条"),
    escalated: |l| format!("已上报{}", level_zh(l)),
};

pub const EN: FieldTexts = FieldTexts {
    day: "Day",
    reviewer: "Reviewed by",
    no_reviewer: "This community has no staff yet: add them in the Register to record reviews.",
    day_empty: "Nothing from this day's visits needs review.",
    to_review_title: |n| format!("{n} to review"),
    reviewed_title: |n| format!("{n} reviewed"),
    all_reviewed: "Every finding of this day has been reviewed.",
    mark: "Mark reviewed",
    to_task: "Turn into a task",
    marked: |a| format!("The visit to {a} is marked reviewed"),
    task_raised: |a, t| format!("The visit to {a} is reviewed and the task “{t}” opened"),
    task_form_title: |a| format!("Turn into a task: {a}"),
    description: "Description",
    raise: "Open the task and mark reviewed",
    had_follow_up: "task opened at the visit",
    agenda_title: "Weekly consultation",
    agenda_intro: "Open tasks by grid, and the last 7 days' findings not yet reviewed.",
    agenda_empty: "Nothing for the consultation.",
    agenda_other: "Other",
    overdue_escalated: |l| format!("overdue, reported to the {}", level_en(l)),
    agenda_tasks: |n| format!("{n} open tasks"),
    agenda_visits: |n| format!("{n} findings to review"),
    escalated: |l| format!("escalated to the {}", level_en(l)),
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escalation_levels_read_in_both_languages() {
        assert_eq!((ZH.escalated)(1), "已上报街道");
        assert_eq!((ZH.escalated)(2), "已上报县");
        assert_eq!((EN.escalated)(1), "escalated to the town");
    }
}
