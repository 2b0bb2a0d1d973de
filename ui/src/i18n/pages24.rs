//! The strings of long lists shown a page at a time (issue 24, h24pages): 今日's households due
//! and the households behind a coverage figure; 诉求's board columns; 周会商's agenda. `Texts::pages` holds them, Chinese first and
//! English complete.

#[derive(Debug)]
pub struct PagesTexts {
    /// Under a list cut short: how many rows are shown of how many.
    pub shown_of: fn(shown: usize, total: usize) -> String,
    /// Shows the next page of rows.
    pub show_more: fn(n: usize) -> String,
    /// Shows every row (before printing a whole walking list).
    pub show_all: &'static str,
    /// Under a column of 诉求's board cut short: how many tasks are shown of how many.
    pub tasks_shown_of: fn(shown: usize, total: usize) -> String,
    /// Shows the next page of a column's tasks.
    pub tasks_show_more: fn(n: usize) -> String,
    /// Under 周会商's agenda cut short: how many of its rows (tasks and findings) are shown.
    pub agenda_shown_of: fn(shown: usize, total: usize) -> String,
    /// Shows the next page of the agenda's rows.
    pub agenda_show_more: fn(n: usize) -> String,
}

pub const ZH: PagesTexts = PagesTexts {
    shown_of: |shown, total| format!("已显示 {shown} / {total} 户"),
    show_more: |n| format!("再显示 {n} 户"),
    show_all: "显示全部",
    tasks_shown_of: |shown, total| format!("已显示 {shown} / {total} 件"),
    tasks_show_more: |n| format!("再显示 {n} 件"),
    agenda_shown_of: |shown, total| format!("已显示 {shown} / {total} 条"),
    agenda_show_more: |n| format!("再显示 {n} 条"),
};

pub const EN: PagesTexts = PagesTexts {
    shown_of: |shown, total| format!("Showing {shown} of {total} households"),
    show_more: |n| format!("Show {n} more"),
    show_all: "Show all",
    tasks_shown_of: |shown, total| format!("Showing {shown} of {total} tasks"),
    tasks_show_more: |n| format!("Show {n} more"),
    agenda_shown_of: |shown, total| format!("Showing {shown} of {total} rows"),
    agenda_show_more: |n| format!("Show {n} more"),
};
