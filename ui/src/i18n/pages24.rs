//! The strings of long lists shown a page at a time (issue 24, h24pages): 今日's households due
//! and the households behind a coverage figure. `Texts::pages` holds them, Chinese first and
//! English complete.

#[derive(Debug)]
pub struct PagesTexts {
    /// Under a list cut short: how many rows are shown of how many.
    pub shown_of: fn(shown: usize, total: usize) -> String,
    /// Shows the next page of rows.
    pub show_more: fn(n: usize) -> String,
    /// Shows every row (before printing a whole walking list).
    pub show_all: &'static str,
}

pub const ZH: PagesTexts = PagesTexts {
    shown_of: |shown, total| format!("已显示 {shown} / {total} 户"),
    show_more: |n| format!("再显示 {n} 户"),
    show_all: "显示全部",
};

pub const EN: PagesTexts = PagesTexts {
    shown_of: |shown, total| format!("Showing {shown} of {total} households"),
    show_more: |n| format!("Show {n} more"),
    show_all: "Show all",
};
