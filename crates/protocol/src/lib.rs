//! linli-protocol: every request the UI (or a script through `linli exec`) can make of the backend,
//! each with its response type, and the error shape that comes back. serde and linli-domain only,
//! so it builds for wasm32. It owns no behaviour: the store executes these, the desktop and the
//! CLI only carry them.
//!
//! Wire types are frozen once released: add fields with `#[serde(default)]`; the snapshot test in
//! `tests/snapshot.rs` catches accidental changes.

pub mod admin;
mod backup;
mod board;
mod circle;
mod councils;
mod dashboard;
mod desktop_sync;
pub mod erasure;
mod error;
mod field;
mod files;
mod lending;
mod me;
mod mediation;
mod paper;
mod patrols;
mod places;
pub mod privacy;
mod programmes;
mod register;
mod reveals;
mod rules;
pub mod schema;
mod sheets;
mod suggestions;
pub mod sync;
mod targets;
mod updates;
mod volunteers;

pub use admin::{AdminAct, AdminOverviewQuery};
pub use backup::*;
pub use board::*;
pub use circle::*;
pub use councils::*;
pub use dashboard::*;
pub use desktop_sync::*;
pub use error::{ApiError, ErrorKind};
pub use field::*;
pub use files::*;
pub use lending::*;
pub use me::*;
pub use mediation::*;
pub use paper::*;
pub use patrols::*;
pub use places::{
    AddBuilding, AddPlace, BuildingDetails, GetBuildingDetails, ListPlaces, Place, RenamePlace,
    SetBuildingFloors,
};
pub use programmes::*;
pub use register::*;
pub use reveals::*;
pub use rules::*;
pub use sheets::*;
pub use suggestions::*;
pub use targets::*;
pub use updates::*;
pub use volunteers::*;

use serde::{de::DeserializeOwned, Serialize};

/// Bumped when a request or response changes in a way an older peer cannot read.
pub const PROTOCOL_VERSION: u32 = 1;

/// A request the backend answers with `Response`. `NAME` is the Tauri command and the `cmd` tag
/// in `linli exec`; nothing outside this crate spells it.
pub trait Command: Serialize + DeserializeOwned {
    const NAME: &'static str;
    type Response: Serialize + DeserializeOwned;
}

/// Calls `$m!` with the list of every command as `name => Type` pairs. The desktop shell uses it to
/// register one Tauri command per request and `linli exec` to dispatch; adding a command here is
/// the one place a new request is declared.
#[macro_export]
macro_rules! with_commands {
    ($m:ident) => {
        $m! {
            list_places => $crate::ListPlaces,
            add_place => $crate::AddPlace,
            place_children => $crate::PlaceChildren,
            move_place => $crate::MovePlace,
            list_households => $crate::ListHouseholds,
            get_household => $crate::GetHousehold,
            add_household => $crate::AddHousehold,
            edit_household => $crate::EditHousehold,
            move_household => $crate::MoveHousehold,
            move_out_household => $crate::MoveOutHousehold,
            add_resident => $crate::AddResident,
            edit_resident => $crate::EditResident,
            move_out_resident => $crate::MoveOutResident,
            reveal => $crate::Reveal,
            search => $crate::Search,
            list_grids => $crate::ListGrids,
            add_grid => $crate::AddGrid,
            map_grid => $crate::MapGrid,
            unmap_grid => $crate::UnmapGrid,
            list_people => $crate::ListPeople,
            add_person => $crate::AddPerson,
            assign => $crate::Assign,
            unassign => $crate::Unassign,
            import_preview => $crate::ImportPreview,
            import_commit => $crate::ImportCommit,
            save_import_mapping => $crate::SaveImportMapping,
            export_list => $crate::ExportList,
            import_places => $crate::ImportPlaces,
            export_places => $crate::ExportPlaces,
            export_volunteers => $crate::ExportVolunteers,
            import_volunteers => $crate::ImportVolunteers,
            monthly_report => $crate::MonthlyReport,
            monthly_figure_records => $crate::MonthlyFigureRecords,
            dashboard => $crate::Dashboard,
            dashboard_records => $crate::DashboardRecords,
            suggest_path => $crate::SuggestPath,
            log_visit => $crate::LogVisit,
            save_visit => $crate::SaveVisit,
            correct_visit => $crate::CorrectVisit,
            set_visit_rules => $crate::SetVisitRules,
            get_visit_rules => $crate::GetVisitRules,
            today => $crate::Today,
            not_visited => $crate::NotVisited,
            coverage => $crate::Coverage,
            coverage_households => $crate::CoverageHouseholds,
            review_queue => $crate::ReviewQueue,
            review_visit => $crate::ReviewVisit,
            weekly_agenda => $crate::WeeklyAgenda,
            raise_task => $crate::RaiseTask,
            task_action => $crate::TaskAction,
            get_task => $crate::GetTask,
            task_board => $crate::TaskBoard,
            task_rates => $crate::TaskRates,
            set_task_rule => $crate::SetTaskRule,
            escalate_overdue => $crate::EscalateOverdue,
            add_attachment => $crate::AddAttachment,
            list_attachments => $crate::ListAttachments,
            get_attachment_file => $crate::GetAttachmentFile,
            household_timeline => $crate::HouseholdTimeline,
            add_volunteer => $crate::AddVolunteer,
            list_volunteers => $crate::ListVolunteers,
            add_team => $crate::AddTeam,
            list_teams => $crate::ListTeams,
            set_team_member => $crate::SetTeamMember,
            register_party_member => $crate::RegisterPartyMember,
            add_activity => $crate::AddActivity,
            list_activities => $crate::ListActivities,
            sign_up => $crate::SignUp,
            mark_attendance => $crate::MarkAttendance,
            credit_hours => $crate::CreditHours,
            verify_hours => $crate::VerifyHours,
            reverse_hours => $crate::ReverseHours,
            list_hours => $crate::ListHours,
            set_points_rules => $crate::SetPointsRules,
            get_points_rules => $crate::GetPointsRules,
            points_balance => $crate::PointsBalance,
            ledger_statement => $crate::LedgerStatement,
            add_catalogue_item => $crate::AddCatalogueItem,
            restock => $crate::Restock,
            list_catalogue => $crate::ListCatalogue,
            redeem => $crate::Redeem,
            adjust_points => $crate::AdjustPoints,
            reverse_ledger => $crate::ReverseLedger,
            resolve_review => $crate::ResolveReview,
            list_reviews => $crate::ListReviews,
            hours_report => $crate::HoursReportQuery,
            work_unit_points => $crate::WorkUnitPointsQuery,
            export_statement => $crate::ExportStatement,
            get_me => $crate::GetMe,
            set_me => $crate::SetMe,
            home => $crate::Home,
            edit_volunteer => $crate::EditVolunteer,
            edit_team => $crate::EditTeam,
            edit_activity => $crate::EditActivity,
            edit_catalogue_item => $crate::EditCatalogueItem,
            reject_hours => $crate::RejectHours,
            explain_points => $crate::ExplainPoints,
            rename_place => $crate::RenamePlace,
            add_building => $crate::AddBuilding,
            get_community_rules => $crate::GetCommunityRules,
            set_community_settings => $crate::SetCommunitySettings,
            station_of => $crate::StationOf,
            household_reveals => $crate::HouseholdReveals,
            building_details => $crate::GetBuildingDetails,
            set_building_floors => $crate::SetBuildingFloors,
            get_backup_plan => $crate::GetBackupPlan,
            set_backup_plan => $crate::SetBackupPlan,
            backup_now => $crate::BackupNow,
            backup_if_due => $crate::BackupIfDue,
            add_lend_kind => $crate::AddLendKind,
            edit_lend_kind => $crate::EditLendKind,
            list_lend_kinds => $crate::ListLendKinds,
            add_lend_copy => $crate::AddLendCopy,
            edit_lend_copy => $crate::EditLendCopy,
            list_lend_copies => $crate::ListLendCopies,
            find_lend_copy => $crate::FindLendCopy,
            get_lend_rules => $crate::GetLendRules,
            set_lend_rules => $crate::SetLendRules,
            lend => $crate::Lend,
            return_loans => $crate::ReturnLoans,
            renew_loan => $crate::RenewLoan,
            void_loan => $crate::VoidLoan,
            list_loans => $crate::ListLoans,
            place_hold => $crate::PlaceHold,
            cancel_hold => $crate::CancelHold,
            list_holds => $crate::ListHolds,
            list_deposits => $crate::ListDeposits,
            settle_deposit => $crate::SettleDeposit,
            service_copy => $crate::ServiceCopy,
            copy_log => $crate::CopyLog,
            lending_report => $crate::LendingReport,
            set_target => $crate::SetTarget,
            list_targets => $crate::ListTargets,
            target_progress => $crate::TargetProgress,
            visit_sheets => $crate::VisitSheets,
            building_chart => $crate::BuildingChart,
            save_visit_sheets_pdf => $crate::SaveVisitSheetsPdf,
            save_building_chart_pdf => $crate::SaveBuildingChartPdf,
            get_mediation_settings => $crate::GetMediationSettings,
            set_mediation_settings => $crate::SetMediationSettings,
            list_mediators => $crate::ListMediators,
            register_mediation_case => $crate::RegisterMediationCase,
            update_mediation_party => $crate::UpdateMediationParty,
            record_mediation_step => $crate::RecordMediationStep,
            mediation_case => $crate::GetMediationCase,
            renumber_mediation_case => $crate::RenumberMediationCase,
            list_mediation_cases => $crate::ListMediationCases,
            mediation_report => $crate::MediationReport,
            save_liaison_point => $crate::SaveLiaisonPoint,
            list_liaison_points => $crate::ListLiaisonPoints,
            propose_topic => $crate::ProposeTopic,
            record_topic_step => $crate::RecordTopicStep,
            make_topic_requests => $crate::MakeTopicRequests,
            council_topic => $crate::GetCouncilTopic,
            list_council_topics => $crate::ListCouncilTopics,
            save_council_meeting => $crate::SaveCouncilMeeting,
            council_meeting => $crate::GetCouncilMeeting,
            list_council_meetings => $crate::ListCouncilMeetings,
            take_suggestion => $crate::TakeSuggestion,
            handle_suggestion => $crate::HandleSuggestion,
            list_suggestions => $crate::ListSuggestions,
            council_report => $crate::CouncilReport,
            suggestion_report => $crate::SuggestionReport,
            set_month_theme => $crate::SetMonthTheme,
            month_theme => $crate::GetMonthTheme,
            list_month_themes => $crate::ListMonthThemes,
            add_campaign_line => $crate::AddCampaignLine,
            remove_campaign_line => $crate::RemoveCampaignLine,
            post_notice => $crate::PostNotice,
            withdraw_notice => $crate::WithdrawNotice,
            list_notices => $crate::ListNotices,
            add_duty_board => $crate::AddDutyBoard,
            change_duty_rota => $crate::ChangeDutyRota,
            mark_duty_week => $crate::MarkDutyWeek,
            duty_board => $crate::GetDutyBoard,
            list_duty_boards => $crate::ListDutyBoards,
            list_board_places => $crate::ListBoardPlaces,
            add_programme => $crate::AddProgramme,
            edit_programme => $crate::EditProgramme,
            list_programmes => $crate::ListProgrammes,
            programme => $crate::GetProgramme,
            enrol_child => $crate::EnrolChild,
            withdraw_child => $crate::WithdrawChild,
            sign_sheet => $crate::GetSignSheet,
            sign_child_in => $crate::SignIn,
            sign_child_out => $crate::SignOut,
            programme_attendance => $crate::GetAttendance,
            credit_programme_shift => $crate::CreditProgrammeShift,
            programmes_report => $crate::ProgrammesReport,
            export_programme => $crate::ExportProgramme,
            save_patrol_team => $crate::SavePatrolTeam,
            list_patrol_teams => $crate::ListPatrolTeams,
            save_patrol_member => $crate::SavePatrolMember,
            remove_patrol_member => $crate::RemovePatrolMember,
            generate_patrol_rota => $crate::GeneratePatrolRota,
            edit_patrol_slot => $crate::EditPatrolSlot,
            list_patrol_slots => $crate::ListPatrolSlots,
            log_patrol => $crate::LogPatrol,
            list_patrol_logs => $crate::ListPatrolLogs,
            patrol_log => $crate::GetPatrolLog,
            patrol_finding_to_request => $crate::PatrolFindingToRequest,
            patrols_report => $crate::PatrolsReport,
            export_patrol_logs => $crate::ExportPatrolLogs,
            save_circle_point => $crate::SaveCirclePoint,
            remove_circle_point => $crate::RemoveCirclePoint,
            list_circle_points => $crate::ListCirclePoints,
            save_circle_activity => $crate::SaveCircleActivity,
            list_circle_activities => $crate::ListCircleActivities,
            circle_report => $crate::CircleReport,
            export_circle => $crate::ExportCircle,
        }
    };
}

macro_rules! define_request {
    ($($name:ident => $ty:path),* $(,)?) => {
        /// Any one request, as `linli exec` reads it: `{"cmd": "add_place", "args": {…}}`.
        #[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
        #[serde(tag = "cmd", content = "args", rename_all = "snake_case")]
        #[allow(non_camel_case_types)]
        pub enum Request {
            $($name($ty),)*
        }

        impl Request {
            /// The command name, the same as `<T as Command>::NAME`.
            pub fn name(&self) -> &'static str {
                match self {
                    $(Request::$name(_) => <$ty as Command>::NAME,)*
                }
            }
        }

        /// Every command name, in declaration order.
        pub const COMMAND_NAMES: &[&str] = &[$(<$ty as Command>::NAME),*];
    };
}

with_commands!(define_request);

/// One line of `linli exec` output: exactly one of `ok` or `error`.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reply {
    Ok(serde_json::Value),
    Error(ApiError),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_tags_match_command_names() {
        let req: Request =
            serde_json::from_str(r#"{"cmd":"list_places","args":{"kind":"community"}}"#).unwrap();
        assert_eq!(req.name(), ListPlaces::NAME);
        for name in COMMAND_NAMES {
            assert!(name.chars().all(|c| c.is_ascii_lowercase() || c == '_'));
        }
    }
}
