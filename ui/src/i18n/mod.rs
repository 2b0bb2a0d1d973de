//! User-facing strings: one catalogue per language, each a value of the same struct, so a string
//! missing from one language does not compile.

mod admin;
mod attach;
mod backup;
mod desk;
mod en;
mod errors;
mod field;
mod figures;
mod files;
mod first_start;
mod handover;
mod places;
mod privacy;
mod resident;
mod reveals;
mod rules;
mod stats;
mod sync;
mod targets;
mod timeline;
mod timeline_en;
mod withheld;
mod work;
mod zh;
// long lists a page at a time (h24pages)
mod pages24;
// paper for door-knocking days: the 楼盘表, visit sheets, printing (h21paper)
pub mod paper;
// 米邻驿站's 借还 page (h19desk)
mod lending;
// 议事, residents' councils and suggestions (h20council)
mod councils;
// 调解, the mediation register (h20med)
mod mediation;
// 公告: the month's theme, notices and duty boards (h20board)
mod board;
// 托管, programmes for residents' children (h25prog)
mod circle;
mod programmes;
// 巡防, security patrols (h25patrol)
mod patrols;
// the update notice (h22upd)
mod updates;

pub use admin::AdminTexts;
pub use attach::AttachTexts;
pub use backup::BackupTexts;
pub use board::BoardTexts;
pub use circle::CircleTexts;
pub use councils::CouncilTexts;
pub use desk::DeskTexts;
pub use errors::{say, say_coded, say_row, set_lang, ErrorTexts};
pub use field::FieldTexts;
pub use figures::FigureTexts;
pub use files::FileTexts;
pub use first_start::FirstStartTexts;
pub use handover::HandoverTexts;
pub use lending::LendingTexts;
pub use mediation::MediationTexts;
pub use pages24::PagesTexts;
pub use patrols::PatrolsTexts;
pub use places::PlacesTexts;
pub use privacy::PrivacyTexts;
pub use programmes::ProgrammesTexts;
pub use resident::ResidentTexts;
pub use reveals::RevealTexts;
pub use rules::RulesTexts;
pub use stats::StatsTexts;
pub use sync::SyncTexts;
pub use targets::TargetTexts;
pub use timeline::TimelineTexts;
pub use updates::UpdateTexts;
pub use withheld::WithheldTexts;
pub use work::WorkTexts;

use linli_domain::field::{TaskCategory, TaskEventKind, TaskStatus, VisitKind, VisitOutcome};
use linli_domain::register::ResidenceStatus;
use linli_domain::{Gender, PlaceKind};
use linli_protocol::{DueReason, ImportField, ListKind};
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

    // the Register: tree, households, household page, search
    pub pick_a_place: &'static str,
    pub place_tree: &'static str,
    pub expand: &'static str,
    pub collapse: &'static str,
    pub household: &'static str,
    pub households_of: fn(place: &str) -> String,
    pub households_short: fn(n: u32) -> String,
    pub household_range: fn(first: u32, last: u32, total: u32) -> String,
    pub prev_page: &'static str,
    pub next_page: &'static str,
    pub no_households: &'static str,
    pub no_household_match: &'static str,
    pub household_filter: &'static str,
    pub show_moved_out: &'static str,
    pub address: &'static str,
    pub head: &'static str,
    pub members: &'static str,
    pub phone: &'static str,
    pub status_and_tags: &'static str,
    pub add_household: &'static str,
    pub add_household_at: fn(place: &str) -> String,
    pub unit: &'static str,
    pub no_unit: &'static str,
    pub room: &'static str,
    pub room_placeholder: &'static str,
    pub residence_status: &'static str,
    pub floating: &'static str,
    pub saving: &'static str,
    pub status_label: fn(ResidenceStatus) -> &'static str,
    /// A code a newer Linli wrote that this one does not know, shown with the code itself.
    pub unknown_code: fn(&str) -> String,
    pub kind_label: fn(PlaceKind) -> &'static str,
    pub gender_label: fn(Gender) -> &'static str,
    pub back_to_list: &'static str,
    pub head_and_members: fn(head: Option<&str>, members: u32) -> String,
    pub members_title: &'static str,
    pub no_members: &'static str,
    pub name: &'static str,
    pub gender_birth: &'static str,
    pub id_number: &'static str,
    pub care_tags: &'static str,
    pub moved_out_on: fn(date: &str) -> String,
    pub move_out: &'static str,
    pub move_out_member: fn(name: &str) -> String,
    pub move_out_date: &'static str,
    pub confirm_move_out: &'static str,
    pub cancel: &'static str,
    pub reveal: &'static str,
    pub hide: &'static str,
    pub reveal_hint: &'static str,
    pub facts: &'static str,
    pub household_phone: &'static str,
    pub phone_keep_hint: &'static str,
    pub tags: &'static str,
    pub tags_placeholder: &'static str,
    pub notes: &'static str,
    pub save: &'static str,
    pub saved: &'static str,
    pub move_out_household: &'static str,
    pub history: &'static str,
    pub no_history: &'static str,
    pub the_household: &'static str,
    pub a_member: &'static str,
    pub empty_value: &'static str,
    pub yes: &'static str,
    pub no: &'static str,
    pub add_member: &'static str,
    pub relation: &'static str,
    pub id_number_placeholder: &'static str,
    pub gender: &'static str,
    pub not_given: &'static str,
    pub birth_date: &'static str,
    pub phone_placeholder: &'static str,
    pub moved_in: &'static str,
    pub save_anyway: &'static str,
    pub save_member: &'static str,
    pub member_added: fn(name: &str) -> String,
    pub search_placeholder: &'static str,
    pub search_label: &'static str,
    pub search_nothing: &'static str,
    pub hit_resident: &'static str,
    pub hit_household: &'static str,
    pub field_label: fn(field: &str) -> Option<&'static str>,
    pub history_created: &'static str,
    pub history_changed: &'static str,
    pub sync: SyncTexts,
    pub attach: AttachTexts,
    pub field: FieldTexts,
    pub timeline: TimelineTexts,
    // editing a resident, care tags, the 党员 flag
    pub resident: ResidentTexts,
    pub work: WorkTexts,
    // the volunteer desk (h15desk)
    pub desk: DeskTexts,
    pub places: PlacesTexts,
    pub rules: RulesTexts,
    pub files: FileTexts,
    pub privacy: PrivacyTexts,
    // 查看记录 on an administrator's household page (h16server)
    pub reveals: RevealTexts,
    // a statement line's and a work unit's points explained (h15gaps)
    pub figures: FigureTexts,
    // handing the laptop over to another user (h16handover)
    pub handover: HandoverTexts,
    pub withheld: WithheldTexts,
    // the 统计 page (h21stats)
    pub stats: StatsTexts,
    // long lists a page at a time (h24pages)
    pub pages: PagesTexts,
    // 设置 → 备份 (h22ops)
    pub backup: BackupTexts,
    // targets: 设置 → 目标, progress on 工作台 and 统计 (h21tgt)
    pub targets: TargetTexts,
    // 米邻驿站's 借还 page (h19desk)
    pub lending: LendingTexts,
    // 管理 (h22admin)
    pub admin: AdminTexts,
    // 调解, the mediation register (h20med)
    pub mediation: MediationTexts,
    // 议事, residents' councils and suggestions (h20council)
    pub councils: CouncilTexts,
    // 公告: the month's theme, notices and duty boards (h20board)
    pub board: BoardTexts,
    // 托管, programmes for residents' children (h25prog)
    pub programmes: ProgrammesTexts,
    // 巡防, security patrols (h25patrol)
    pub patrols: PatrolsTexts,
    // 服务圈, the 15-minute neighbourhood service circle (h25circle)
    pub circle: CircleTexts,
    // the first-start page and the demo's banner (h22first)
    pub first: FirstStartTexts,
    // the update notice (h22upd)
    pub updates: UpdateTexts,
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
    pub col_time: &'static str,
    pub col_visitor: &'static str,
    pub col_findings: &'static str,
    pub col_review: &'static str,
    pub reviewed: &'static str,
    pub tasks_title: &'static str,
    pub task_status: fn(TaskStatus) -> &'static str,
    pub task_category: fn(TaskCategory) -> &'static str,
    pub overdue: &'static str,
    // field work: the visit form, coverage figures, the five-list actions
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
    /// An activity in the credit form's choice: date, title, category (already in the
    /// language), hours as shown.
    pub vol_activity_option: fn(&str, &str, &str, &str) -> String,
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
    pub vol_print_statement: &'static str,
    pub vol_print: &'static str,
    pub vol_back: &'static str,
    pub vol_statement_title: &'static str,
    pub vol_statement_who: fn(name: &str, community: &str) -> String,
    pub vol_statement_period: fn(from: &str, to: &str) -> String,
    pub vol_printed_on: fn(date: &str) -> String,
    pub vol_export_statement: &'static str,
    pub vol_work_units: &'static str,
    pub vol_wu_members: &'static str,
    pub vol_wu_earned: &'static str,
    pub vol_wu_balance: &'static str,
    pub vol_wu_none: &'static str,
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
    /// The compounds and buildings an import creates: "will create" before, "created" after.
    pub rep_created_places: fn(done: bool, items: &[String]) -> String,
    /// One place of that line: its name, its level and the place it stands in.
    pub rep_created_item: fn(name: &str, kind: &str, parent: Option<&str>) -> String,
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
    pub rep_mapping: &'static str,
    pub rep_mapping_hint: &'static str,
    pub rep_col_column: &'static str,
    pub rep_col_header: &'static str,
    pub rep_col_field: &'static str,
    pub rep_unused: &'static str,
    pub rep_mapping_file: &'static str,
    pub rep_mapping_load: &'static str,
    pub rep_mapping_save_to: &'static str,
    pub rep_mapping_save: &'static str,
    pub rep_mapping_saved: fn(path: &str) -> String,
    pub rep_need_mapping_file: &'static str,
    pub import_field: fn(ImportField) -> &'static str,
    pub rep_need_place: &'static str,
    pub rep_quick_export: &'static str,
    /// Errors in this language (issue 15).
    pub errors: ErrorTexts,
}
