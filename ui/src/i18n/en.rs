use linli_domain::field::{TaskCategory, TaskStatus};
use linli_protocol::{DueReason, ListKind};

use super::Texts;

pub const TEXTS: Texts = Texts {
    app_name: "Linli",
    app_tagline: "Neighbourhood grid workbook",
    switch_lang: "中文",

    nav_today: "Today",
    nav_register: "Register",
    nav_visits: "Visits",
    nav_tasks: "Tasks",
    nav_volunteers: "Volunteers",
    nav_reports: "Reports",
    nav_sync: "Sync",

    not_built_title: "Not built yet",
    not_built_body: "This page is still being built and will come in a later version. The Register page manages communities now.",

    loading: "Loading…",
    retry: "Retry",

    register_title: "Grid register",
    communities: "Communities",
    community_name: "Community name",
    community_town: "Town / street",
    community_id: "ID",
    community_name_placeholder: "e.g. 北门社区",
    no_town: "(no town)",
    add_community: "Add community",
    adding: "Adding…",
    filter_placeholder: "Filter communities by name",
    no_communities: "No communities yet. Type a name below to add the first one.",
    no_match: "No community matches the filter.",
    count: |shown, total| {
        if shown == total {
            format!("{total} communities")
        } else {
            format!("{shown} of {total} communities")
        }
    },
    added: |name| format!("Added “{name}”"),
    sort_by_name: "Sort by name",

    today_title: "Today's visits",
    coverage_line: |visited, total, rate| {
        format!("Visited in the last 30 days: {visited} of {total} households ({rate})")
    },
    due_count: |n| format!("{n} households due today"),
    nothing_due: "No household is due for a visit today.",
    col_address: "Address",
    col_head: "Head",
    col_care: "Care",
    col_last_visit: "Last visit",
    col_reason: "Why",
    never: "never",
    due_reason: |r| match r {
        DueReason::NeverVisited => "never visited",
        DueReason::Care => "care visit due",
        DueReason::Routine => "routine visit due",
        DueReason::NotDue => "not due",
    },
    review_title: "Nightly review",
    review_empty: "Nothing from today's visits needs review.",
    col_time: "Time",
    col_visitor: "Visitor",
    col_findings: "Findings",
    col_review: "Review",
    reviewed: "reviewed",
    to_review: "to review",
    follow_up: "task opened",
    tasks_title: "Requests (five lists)",
    rates_line: |raised, resolved, rate, on_time, overdue| {
        format!("Last 30 days: {raised} raised, {resolved} resolved ({rate}, on time {on_time}), {overdue} overdue")
    },
    task_status: |s| match s {
        TaskStatus::Raised => "to dispatch",
        TaskStatus::Dispatched => "to accept",
        TaskStatus::Accepted => "in progress",
        TaskStatus::Finished => "finished",
        TaskStatus::Published => "published",
        TaskStatus::Rated => "rated",
    },
    task_category: |c| match c {
        TaskCategory::PublicMatter => "public matter",
        TaskCategory::CivicMatter => "civic matter",
        TaskCategory::HouseholdMatter => "household matter",
        TaskCategory::Snapshot => "snapshot",
        TaskCategory::MicroWish => "micro-wish",
    },
    overdue: "overdue",
    vol_title: "Volunteers and the time bank",
    vol_no_community: "No communities yet. Add one on the Register page first.",
    vol_volunteers: "Volunteers",
    vol_none: "No volunteers are registered in this community yet.",
    vol_selected: |selected, total| format!("{selected} of {total} selected"),
    vol_name: "Name",
    vol_teams: "Teams",
    vol_work_unit: "Work unit",
    vol_hours: "Verified hours",
    vol_balance: "Points",
    vol_activity: "Activity",
    vol_hours_unit: "h",
    vol_credit: "Credit hours to the selected volunteers",
    vol_verify: |n| format!("Verify pending entries ({n})"),
    vol_credited: |people, hours| format!("Credited {hours} hours to {people} volunteers; waiting for verification."),
    vol_verified: |n| format!("Verified {n} entries; points credited by the rules."),
    vol_item: "Item",
    vol_item_line: |name, cost, stock| match stock {
        Some(s) => format!("{name} · {cost} points · {s} in stock"),
        None => format!("{name} · {cost} points"),
    },
    vol_redeem: "Redeem for the selected volunteer",
    vol_redeemed: |item, points, balance| format!("Redeemed “{item}” for {points} points; {balance} left."),
    vol_pick_one: "Select one volunteer first",
    vol_pick_only_one: "A redemption is for one volunteer: select only one",
    vol_statement_of: |name| format!("Statement of {name}"),
    vol_balance_line: |balance, certain| {
        if certain {
            format!("Balance {balance} points")
        } else {
            format!("Balance {balance} points (not certain)")
        }
    },
    vol_date: "Date",
    vol_what: "What",
    vol_points: "Points",
    vol_running: "Balance",
    vol_needs_review: " ⚠ overdrawn, to review",
    rep_title: "Reports",
    rep_monthly: "Monthly report",
    rep_month: "Month",
    rep_place: "Covering",
    rep_all: "Everything",
    rep_path: "Save to",
    rep_make_monthly: "Make the monthly report",
    rep_working: "Working…",
    rep_written: |path| format!("Saved to {path}"),
    rep_period: |from, to, cum| format!("This month {from} to {to}; year to date {cum} to {to}"),
    rep_col_item: "Item",
    rep_col_month: "This month",
    rep_col_cumulative: "Year to date",
    rep_col_source: "Check against this list",
    rep_import: "Import a register",
    rep_import_file: "Register file (full path of an .xlsx, .xls or .csv)",
    rep_import_into: "Import into",
    rep_import_hint: "Preview first: a preview writes nothing; the import happens only when you confirm.",
    rep_preview: "Preview",
    rep_preview_line: |hn, hc, rn, rc| {
        format!("Households: {hn} new, {hc} updated; residents: {rn} new, {rc} updated")
    },
    rep_refused: |n| format!("{n} rows refused (not imported)"),
    rep_warnings: |n| format!("{n} rows with warnings (imported; please check)"),
    rep_col_sheet: "Sheet",
    rep_col_row: "Row",
    rep_col_reason: "Reason",
    rep_confirm: "Confirm import",
    rep_imported: |hn, hc, rn, rc| {
        format!("Imported. Households: {hn} new, {hc} updated; residents: {rn} new, {rc} updated")
    },
    rep_export: "Export a list",
    rep_kind: "List",
    list_kind: |k| match k {
        ListKind::Households => "Households",
        ListKind::Residents => "Residents",
        ListKind::Visits => "Visits",
        ListKind::Tasks => "Requests",
        ListKind::Hours => "Volunteer hours",
    },
    rep_format: "Format",
    rep_reveal: "Show full ID numbers",
    rep_reveal_warning: "The file will hold full ID numbers and phones: keep it safe and delete it after use.",
    rep_from: "From",
    rep_to: "To",
    rep_export_button: "Export",
    rep_exported: |rows, path| format!("Exported {rows} rows to {path}"),
    rep_need_path: "Please give a file path",
    rep_need_place: "Please choose where to import into",
    rep_quick_export: "One-click export (Excel, IDs masked, default folder):",
};
