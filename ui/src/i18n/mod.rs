//! User-facing strings: one catalogue per language, each a value of the same struct, so a string
//! missing from one language does not compile.

mod en;
mod sync;
mod zh;

pub use sync::SyncTexts;

use linli_domain::field::{TaskCategory, TaskEventKind, TaskStatus, VisitKind, VisitOutcome};
use linli_protocol::DueReason;
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

    pub sync: SyncTexts,
    // field work: 今日, 走访, 诉求
    pub today_title: &'static str,
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
    pub task_status: fn(TaskStatus) -> &'static str,
    pub task_category: fn(TaskCategory) -> &'static str,
    pub overdue: &'static str,
    // field work: the visit form, coverage figures, the five-list actions
    pub visit_btn: &'static str,
    pub visit_title: fn(address: &str) -> String,
    pub visit_visitor: &'static str,
    pub visit_kind: &'static str,
    pub visit_kind_label: fn(VisitKind) -> &'static str,
    pub visit_outcome: &'static str,
    pub visit_outcome_label: fn(VisitOutcome) -> &'static str,
    pub visit_findings_placeholder: &'static str,
    pub visit_members: &'static str,
    pub member_moved_out: &'static str,
    pub member_phone: &'static str,
    pub member_note: &'static str,
    pub member_note_placeholder: &'static str,
    pub visit_follow_up: &'static str,
    pub task_title_label: &'static str,
    pub task_category_label: &'static str,
    pub task_due_label: &'static str,
    pub date_placeholder: &'static str,
    pub save_visit: &'static str,
    pub saving: &'static str,
    pub cancel: &'static str,
    pub visit_saved: fn(address: &str, task: Option<&str>) -> String,
    pub go_to_tasks: &'static str,
    pub err_visitor: &'static str,
    pub err_findings_long: &'static str,
    pub err_phone: &'static str,
    pub err_date: &'static str,
    pub err_title: &'static str,
    pub err_title_long: &'static str,
    pub err_due_missing: &'static str,
    pub err_assignee: &'static str,
    pub err_result: &'static str,
    pub err_rating: &'static str,
    pub cov_title: &'static str,
    pub cov_rate: fn(rate: &str) -> String,
    pub cov_visited: fn(n: u32) -> String,
    pub cov_not_visited: fn(n: u32) -> String,
    pub cov_total: fn(n: u32) -> String,
    pub cov_list_visited: &'static str,
    pub cov_list_not_visited: &'static str,
    pub close: &'static str,
    pub rates_title: &'static str,
    pub rate_raised: fn(n: usize) -> String,
    pub rate_resolved: fn(n: usize, rate: &str) -> String,
    pub rate_on_time: fn(n: usize, rate: &str) -> String,
    pub rate_overdue: fn(n: usize) -> String,
    pub rate_list: fn(what: &str, n: usize) -> String,
    pub what_raised: &'static str,
    pub what_resolved: &'static str,
    pub what_on_time: &'static str,
    pub task_open: &'static str,
    pub task_history: &'static str,
    pub task_event_label: fn(TaskEventKind) -> &'static str,
    pub task_by: &'static str,
    pub task_to_person: &'static str,
    pub task_nobody: &'static str,
    pub task_to_team: &'static str,
    pub task_team_placeholder: &'static str,
    pub task_dispatch: &'static str,
    pub task_accept: &'static str,
    pub task_result: &'static str,
    pub task_finish: &'static str,
    pub task_publish: &'static str,
    pub task_rating: &'static str,
    pub task_stars: fn(stars: u8) -> String,
    pub task_comment: &'static str,
    pub task_rate: &'static str,
    pub task_all_done: &'static str,
    pub task_now: fn(title: &str, status: &str) -> String,
    pub col_title: &'static str,
    pub col_category: &'static str,
    pub col_where: &'static str,
    pub col_assignee: &'static str,
    pub col_due: &'static str,
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
}
