//! The requests the window's pages read with, carried out on a connection of their own beside
//! the writer's (issue 24): a page's reads no longer wait behind the escalation timer, a backup
//! or an export, and two requests of a page run side by side on two cores (the reader and, when
//! it is free, the writer's connection).
//!
//! A request named here that writes after all (a list that tidies as it reads) is refused by
//! the reader (`PRAGMA query_only`) before anything changes, and carried out again by the
//! writer ([`crate::Backend::run`]): being named here costs a wrong guess time, never data.

/// Requests that only read the store. Exports, reports written to files, photos decrypted to
/// files and anything that marks, expires or records as it reads are left out: they go to the
/// writer as before.
const READS: &[&str] = &[
    // the register
    "list_places",
    "place_children",
    "list_households",
    "get_household",
    "search",
    "household_timeline",
    "household_reveals",
    "building_details",
    "station_of",
    "get_community_rules",
    // grids and people
    "list_grids",
    "list_people",
    "get_me",
    // 工作台, 今日, 走访, 诉求
    "home",
    "today",
    "not_visited",
    "coverage",
    "coverage_households",
    "review_queue",
    "weekly_agenda",
    "get_visit_rules",
    "get_task",
    "task_board",
    "task_rates",
    "list_attachments",
    // 统计 and targets
    "dashboard",
    "dashboard_records",
    "monthly_figure_records",
    "list_targets",
    "target_progress",
    // 志愿
    "list_volunteers",
    "list_teams",
    "list_activities",
    "list_hours",
    "get_points_rules",
    "points_balance",
    "ledger_statement",
    "list_catalogue",
    "list_reviews",
    "hours_report",
    "work_unit_points",
    "explain_points",
    // 借用 (list_holds expires holds as it reads: the writer's)
    "list_lend_kinds",
    "list_lend_copies",
    "find_lend_copy",
    "get_lend_rules",
    "list_loans",
    "list_deposits",
    "copy_log",
    "lending_report",
    // 调解, 议事
    "get_mediation_settings",
    "list_mediators",
    "mediation_case",
    "list_mediation_cases",
    "mediation_report",
    "list_liaison_points",
    "council_topic",
    "list_council_topics",
    "council_meeting",
    "list_council_meetings",
    "list_suggestions",
    "council_report",
    "suggestion_report",
    // 公告
    "month_theme",
    "list_month_themes",
    "list_notices",
    "duty_board",
    "list_duty_boards",
    "list_board_places",
    // 项目, 巡逻, 邻里圈
    "list_programmes",
    "programme",
    "sign_sheet",
    "programme_attendance",
    "programmes_report",
    "list_patrol_teams",
    "list_patrol_slots",
    "list_patrol_logs",
    "patrol_log",
    "patrols_report",
    "list_circle_points",
    "list_circle_activities",
    "circle_report",
    // printing's data (the PDF is saved by another request)
    "visit_sheets",
    "building_chart",
];

/// Whether the request named `name` goes to the reader.
pub fn only_reads(name: &str) -> bool {
    READS.contains(&name)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every name is a request of linli-protocol (a renamed request would silently go to the
    /// writer), and none is there twice.
    #[test]
    fn every_read_named_is_a_request() {
        macro_rules! names {
            ($($name:ident => $ty:path),* $(,)?) => {
                &[$(stringify!($name)),*]
            };
        }
        let all: &[&str] = linli_protocol::with_commands!(names);
        for n in READS {
            assert!(all.contains(n), "{n} is not a request");
        }
        let mut seen = std::collections::HashSet::new();
        assert!(READS.iter().all(|n| seen.insert(n)), "a name twice");
        assert!(only_reads("home") && !only_reads("save_visit"));
    }
}
