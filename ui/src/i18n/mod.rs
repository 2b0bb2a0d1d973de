//! User-facing strings: one catalogue per language, each a value of the same struct, so a string
//! missing from one language does not compile.

mod en;
mod zh;

use linli_domain::field::{TaskCategory, TaskStatus};
use linli_protocol::{DueReason, ListKind};
use serde::{Deserialize, Serialize};

/// The languages of the UI. Chinese first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    pub fn texts(self) -> &'static Texts {
        match self {
            Lang::Zh => &zh::TEXTS,
            Lang::En => &en::TEXTS,
        }
    }

    /// The other language, for the switch in the top bar.
    pub fn other(self) -> Lang {
        match self {
            Lang::Zh => Lang::En,
            Lang::En => Lang::Zh,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        [Lang::Zh, Lang::En].into_iter().find(|l| l.code() == code)
    }
}

/// Every string the UI shows.
#[derive(Debug)]
pub struct Texts {
    pub app_name: &'static str,
    pub app_tagline: &'static str,
    /// The label of the switch, in the language it switches to.
    pub switch_lang: &'static str,

    pub nav_today: &'static str,
    pub nav_register: &'static str,
    pub nav_visits: &'static str,
    pub nav_tasks: &'static str,
    pub nav_volunteers: &'static str,
    pub nav_reports: &'static str,
    pub nav_sync: &'static str,

    pub not_built_title: &'static str,
    pub not_built_body: &'static str,

    pub loading: &'static str,
    pub retry: &'static str,

    pub register_title: &'static str,
    pub communities: &'static str,
    pub community_name: &'static str,
    pub community_town: &'static str,
    pub community_id: &'static str,
    pub community_name_placeholder: &'static str,
    pub no_town: &'static str,
    pub add_community: &'static str,
    pub adding: &'static str,
    pub filter_placeholder: &'static str,
    pub no_communities: &'static str,
    pub no_match: &'static str,
    pub count: fn(shown: usize, total: usize) -> String,
    pub added: fn(name: &str) -> String,
    pub sort_by_name: &'static str,

    // field work: 今日, 走访, 诉求
    pub today_title: &'static str,
    pub coverage_line: fn(visited: u32, total: u32, rate: &str) -> String,
    pub due_count: fn(n: usize) -> String,
    pub nothing_due: &'static str,
    pub col_address: &'static str,
    pub col_head: &'static str,
    pub col_care: &'static str,
    pub col_last_visit: &'static str,
    pub col_reason: &'static str,
    pub never: &'static str,
    pub due_reason: fn(DueReason) -> &'static str,
    pub review_title: &'static str,
    pub review_empty: &'static str,
    pub col_time: &'static str,
    pub col_visitor: &'static str,
    pub col_findings: &'static str,
    pub col_review: &'static str,
    pub reviewed: &'static str,
    pub to_review: &'static str,
    pub follow_up: &'static str,
    pub tasks_title: &'static str,
    pub rates_line:
        fn(raised: usize, resolved: usize, rate: &str, on_time: &str, overdue: usize) -> String,
    pub task_status: fn(TaskStatus) -> &'static str,
    pub task_category: fn(TaskCategory) -> &'static str,
    pub overdue: &'static str,
    // 志愿 Volunteers page
    pub vol_title: &'static str,
    pub vol_no_community: &'static str,
    pub vol_volunteers: &'static str,
    pub vol_none: &'static str,
    pub vol_selected: fn(selected: usize, total: usize) -> String,
    pub vol_name: &'static str,
    pub vol_teams: &'static str,
    pub vol_work_unit: &'static str,
    pub vol_hours: &'static str,
    pub vol_balance: &'static str,
    pub vol_activity: &'static str,
    pub vol_hours_unit: &'static str,
    pub vol_credit: &'static str,
    pub vol_verify: fn(pending: usize) -> String,
    pub vol_credited: fn(people: usize, hours: &str) -> String,
    pub vol_verified: fn(entries: usize) -> String,
    pub vol_item: &'static str,
    pub vol_item_line: fn(name: &str, cost: i64, stock: Option<i64>) -> String,
    pub vol_redeem: &'static str,
    pub vol_redeemed: fn(item: &str, points: i64, balance: i64) -> String,
    pub vol_pick_one: &'static str,
    pub vol_pick_only_one: &'static str,
    pub vol_statement_of: fn(name: &str) -> String,
    pub vol_balance_line: fn(balance: i64, certain: bool) -> String,
    pub vol_date: &'static str,
    pub vol_what: &'static str,
    pub vol_points: &'static str,
    pub vol_running: &'static str,
    pub vol_needs_review: &'static str,
    // 报表 Reports page: the monthly report, importing a register, exporting a list
    pub rep_title: &'static str,
    pub rep_monthly: &'static str,
    pub rep_month: &'static str,
    pub rep_place: &'static str,
    pub rep_all: &'static str,
    pub rep_path: &'static str,
    pub rep_make_monthly: &'static str,
    pub rep_working: &'static str,
    pub rep_written: fn(path: &str) -> String,
    pub rep_period: fn(from: &str, to: &str, cumulative_from: &str) -> String,
    pub rep_col_item: &'static str,
    pub rep_col_month: &'static str,
    pub rep_col_cumulative: &'static str,
    pub rep_col_source: &'static str,
    pub rep_import: &'static str,
    pub rep_import_file: &'static str,
    pub rep_import_into: &'static str,
    pub rep_import_hint: &'static str,
    pub rep_preview: &'static str,
    pub rep_preview_line: fn(h_new: u32, h_changed: u32, r_new: u32, r_changed: u32) -> String,
    pub rep_refused: fn(n: usize) -> String,
    pub rep_warnings: fn(n: usize) -> String,
    pub rep_col_sheet: &'static str,
    pub rep_col_row: &'static str,
    pub rep_col_reason: &'static str,
    pub rep_confirm: &'static str,
    pub rep_imported: fn(h_new: u32, h_changed: u32, r_new: u32, r_changed: u32) -> String,
    pub rep_export: &'static str,
    pub rep_kind: &'static str,
    pub list_kind: fn(ListKind) -> &'static str,
    pub rep_format: &'static str,
    pub rep_reveal: &'static str,
    pub rep_reveal_warning: &'static str,
    pub rep_from: &'static str,
    pub rep_to: &'static str,
    pub rep_export_button: &'static str,
    pub rep_exported: fn(rows: u32, path: &str) -> String,
    pub rep_need_path: &'static str,
    pub rep_need_place: &'static str,
    pub rep_quick_export: &'static str,
}
