//! The strings of a household's timeline (时间线): its visits, task events, register changes and
//! loans from the sharing station in one list; `Texts::timeline` holds them.

/// Every string of the timeline panel.
#[derive(Debug)]
pub struct TimelineTexts {
    pub title: &'static str,
    /// How many lines the timeline holds in all.
    pub count: fn(n: usize) -> String,
    /// The filter's group, for screen readers.
    pub filter_label: &'static str,
    pub filter_all: &'static str,
    pub filter_visits: &'static str,
    pub filter_tasks: &'static str,
    pub filter_register: &'static str,
    pub filter_loans: &'static str,
    /// The small label of each line's kind.
    pub kind_visit: &'static str,
    pub kind_task: &'static str,
    pub kind_register: &'static str,
    pub kind_loan: &'static str,
    pub empty: &'static str,
    pub empty_filtered: &'static str,
    pub show_more: fn(left: usize) -> String,
    pub open_task: &'static str,
    /// A line's title and detail in this language (the store writes them in Chinese).
    pub line: fn(&linli_protocol::TimelineEntry) -> (String, String),
}

pub const ZH: TimelineTexts = TimelineTexts {
    title: "时间线",
    count: |n| format!("共 {n} 条"),
    filter_label: "按类别筛选",
    filter_all: "全部",
    filter_visits: "走访",
    filter_tasks: "诉求",
    filter_register: "登记",
    filter_loans: "借用",
    kind_visit: "走访",
    kind_task: "诉求",
    kind_register: "登记变更",
    kind_loan: "驿站借用",
    empty: "这一户还没有走访、诉求、登记变更或借用。",
    empty_filtered: "这一类还没有记录。",
    show_more: |n| format!("显示更多（还有 {n} 条）"),
    open_task: "点击打开这件诉求",
    line: super::timeline_en::line_zh,
};

pub const EN: TimelineTexts = TimelineTexts {
    title: "Timeline",
    count: |n| {
        if n == 1 {
            "1 entry".to_owned()
        } else {
            format!("{n} entries")
        }
    },
    filter_label: "Filter by kind",
    filter_all: "All",
    filter_visits: "Visits",
    filter_tasks: "Tasks",
    filter_register: "Register",
    filter_loans: "Loans",
    kind_visit: "Visit",
    kind_task: "Task",
    kind_register: "Register change",
    kind_loan: "Station loan",
    empty: "No visits, tasks, register changes or loans for this household yet.",
    empty_filtered: "Nothing of this kind yet.",
    show_more: |n| format!("Show more ({n} left)"),
    open_task: "Click to open this task",
    line: super::timeline_en::line_en,
};
