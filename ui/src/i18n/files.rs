//! The strings of files the desktop way (h15reports): the file picker beside every path (选择…,
//! then 打开文件 / 打开所在文件夹 after a save), and the 报表 page's scope and the records behind
//! a figure of the monthly report; in both languages. `Texts::files` holds them.

#[derive(Debug)]
pub struct FileTexts {
    // the file picker
    pub choose_save: &'static str,
    pub choose_open: &'static str,
    pub open_file: &'static str,
    pub show_folder: &'static str,
    pub opened_file: &'static str,
    pub opened_folder: &'static str,
    pub dialog_save_title: &'static str,
    pub dialog_open_title: &'static str,
    pub filter_sheets: &'static str,
    pub filter_mapping: &'static str,
    pub save_cancelled: &'static str,
    // the monthly report's scope
    pub scope_all: &'static str,
    pub scope_community: fn(name: &str, parent: Option<&str>) -> String,
    // the records behind a figure
    pub open_records: &'static str,
    pub records_title: fn(label: &str, cumulative: bool, from: &str, to: &str, n: usize) -> String,
    pub records_back: &'static str,
    pub records_none: &'static str,
    pub records_loading: &'static str,
    /// A list header in the window's language (the lists' own headers are Chinese).
    pub header: fn(&str) -> String,
    /// A cell of a list: "是"/"否" in the window's language, anything else as it is.
    pub cell: fn(&str) -> String,
    /// A figure's line in the window's language, by its key.
    pub figure_label: fn(key: &str, zh: &str) -> String,
    /// Where a figure can be checked, in the window's language, by its key.
    pub figure_source: fn(key: &str, zh: &str) -> String,
    // PDFs (issue 21): the monthly report and a volunteer's statement saved as PDF
    pub save_pdf: &'static str,
    pub filter_pdf: &'static str,
    pub pdf_saved: fn(path: &str) -> String,
}

pub const ZH: FileTexts = FileTexts {
    choose_save: "选择保存位置…",
    choose_open: "选择文件…",
    open_file: "打开文件",
    show_folder: "打开所在文件夹",
    opened_file: "已用默认程序打开",
    opened_folder: "已打开所在文件夹",
    dialog_save_title: "保存到",
    dialog_open_title: "选择文件",
    filter_sheets: "表格（.xlsx、.xls、.csv）",
    filter_mapping: "映射文件（.json）",
    save_cancelled: "已取消，未保存",
    scope_all: "全部",
    scope_community: |name, parent| match parent {
        Some(p) => format!("{name}（{p}）"),
        None => name.to_owned(),
    },
    open_records: "点开数字，列出其记录",
    records_title: |label, cumulative, from, to, n| {
        let span = if cumulative { "本年累计" } else { "本月" };
        format!("{label} · {span}（{from} 至 {to}）· 共 {n} 条")
    },
    records_back: "返回月报",
    records_none: "这一项没有记录。",
    records_loading: "正在列出记录…",
    header: |h| h.to_owned(),
    cell: |c| c.to_owned(),
    figure_label: |_, zh| zh.to_owned(),
    figure_source: |_, zh| zh.to_owned(),
    save_pdf: "存为PDF",
    filter_pdf: "PDF 文件（.pdf）",
    pdf_saved: |p| format!("已存为PDF：{p}"),
};

pub const EN: FileTexts = FileTexts {
    choose_save: "Choose where to save…",
    choose_open: "Choose a file…",
    open_file: "Open file",
    show_folder: "Show in folder",
    opened_file: "Opened with the default program",
    opened_folder: "Opened the folder",
    dialog_save_title: "Save to",
    dialog_open_title: "Choose a file",
    filter_sheets: "Spreadsheets (.xlsx, .xls, .csv)",
    filter_mapping: "Mapping files (.json)",
    save_cancelled: "Cancelled; nothing was saved",
    scope_all: "All",
    scope_community: |name, parent| match parent {
        Some(p) => format!("{name} ({p})"),
        None => name.to_owned(),
    },
    open_records: "Click a figure to list its records",
    records_title: |label, cumulative, from, to, n| {
        let span = if cumulative {
            "year to date"
        } else {
            "this month"
        };
        format!("{label} · {span} ({from} to {to}) · {n} records")
    },
    records_back: "Back to the report",
    records_none: "Nothing is counted here.",
    records_loading: "Listing the records…",
    header: |h| {
        header_en(h)
            .or_else(|| super::mediation::header_en(h))
            .or_else(|| super::circle::header_en(h))
            .or_else(|| super::patrols::header_en(h))
            .map_or_else(|| h.to_owned(), str::to_owned)
    },
    cell: |c| match c {
        "是" => "Yes".to_owned(),
        "否" => "No".to_owned(),
        _ => super::mediation::cell_en(c)
            .or_else(|| super::patrols::cell_en(c))
            .unwrap_or_else(|| c.to_owned()),
    },
    figure_label: |key, zh| {
        figure_en(key)
            .map(str::to_owned)
            .or_else(|| super::mediation::figure_en(key))
            .or_else(|| super::circle::figure_en(key))
            .unwrap_or_else(|| zh.to_owned())
    },
    figure_source: |key, zh| {
        source_en(key)
            .or_else(|| super::mediation::source_en(key))
            .or_else(|| super::circle::source_en(key))
            .map_or_else(|| zh.to_owned(), str::to_owned)
    },
    save_pdf: "Save as PDF",
    filter_pdf: "PDF files (.pdf)",
    pdf_saved: |p| format!("Saved as PDF: {p}"),
};

/// The English of the lists' headers (the store's export lists and the households list).
fn header_en(h: &str) -> Option<&'static str> {
    Some(match h {
        "小区" => "Compound",
        "楼栋" => "Building",
        "单元" => "Unit",
        "门牌号" => "Room",
        "户主姓名" => "Head of household",
        "最近走访" => "Last visit",
        "走访时间" => "Visited at",
        "联系电话" => "Phone",
        "走访人" => "Visitor",
        "走访类型" => "Kind",
        "走访结果" => "Outcome",
        "计入覆盖" => "Counts for coverage",
        "发现情况" => "Findings",
        "需跟进" => "Follow-up",
        "点单时间" => "Raised at",
        "类别" => "Category",
        "标题" => "Title",
        "地点" => "Where",
        "状态" => "Status",
        "承办人" => "Assignee",
        "服务队" => "Team",
        "办理期限" => "Due",
        "办结时间" => "Finished at",
        "已办结" => "Resolved",
        "按时办结" => "On time",
        "逾期" => "Overdue",
        "评分" => "Rating",
        "上报级别" => "Escalation",
        "日期" => "Date",
        "志愿者" => "Volunteer",
        "服务类别" => "Service",
        "时长（小时）" => "Hours",
        "计入时长" => "Counts",
        "积分" => "Points",
        "备注" => "Note",
        // the boards' records (h20board)
        "社区" => "Community",
        "月份" => "Month",
        "主题类别" => "Kind of theme",
        "主题" => "Theme",
        "范围" => "Posted to",
        "开始日期" => "Start",
        "结束日期" => "End",
        "值日牌" => "Duty board",
        "值日内容" => "Chore",
        "周（周一）" => "Week (Monday)",
        "值日住户" => "Household on duty",
        "已完成" => "Done",
        "项目" => "Programme",
        "儿童" => "Child",
        "报名日期" => "Enrolled on",
        "退出日期" => "Left on",
        "签到" => "Signed in",
        "签退" => "Signed out",
        "接送人" => "Collected by",
        _ => return None,
    })
}

/// The English of the monthly report's lines, by key.
fn figure_en(key: &str) -> Option<&'static str> {
    Some(match key {
        "households" => "Registered households",
        "grid_households" => "Households under grid management",
        "visits" => "Visits",
        "visited_households" => "Households visited",
        "coverage_rate" => "Visit coverage",
        "tasks_raised" => "Requests received",
        "tasks_resolved" => "Resolved",
        "tasks_on_time" => "Resolved on time",
        "resolution_rate" => "Resolution rate",
        "on_time_rate" => "On-time rate",
        "micro_wishes_fulfilled" => "Micro-wishes fulfilled",
        "volunteer_hours" => "Volunteer hours",
        "volunteers" => "Volunteers taking part",
        "lend_loans" => "Sharing station: loans",
        "lend_borrowers" => "Sharing station: households borrowing",
        "lend_returns" => "Sharing station: returns",
        "lend_overdue" => "Sharing station: overdue, not returned",
        "lend_overdue_rate" => "Sharing station: overdue rate",
        "lend_lost" => "Sharing station: items lost",
        "board_themes" => "Monthly themes set",
        "board_notices" => "Notices posted",
        "board_duty_done" => "Duty weeks done",
        "board_duty_not_done" => "Duty weeks not done",
        "prog_children" => "Children's programmes: children enrolled",
        "prog_attendance" => "Children's programmes: attendance days",
        "prog_hours" => "Children's programmes: volunteer hours",
        "patrol_done" => "Security patrols done",
        "patrol_missed" => "Patrol rota slots missed",
        "patrol_findings" => "Patrol findings",
        "patrol_requests" => "Patrol findings made requests",
        _ => return None,
    })
}

/// The English of where each line of the monthly report can be checked, by key.
fn source_en(key: &str) -> Option<&'static str> {
    Some(match key {
        "households" => "Rows of the households list (the register now; both columns alike)",
        "grid_households" => {
            "Households whose building or unit lies in a grid (both columns alike)"
        }
        "visits" => "Rows of the visits list for the period",
        "visited_households" => "Registered households with a visit that counts for coverage",
        "coverage_rate" => "Households visited ÷ registered households",
        "tasks_raised" => "Rows of the requests list for the period",
        "tasks_resolved" => "Requests list rows marked resolved",
        "tasks_on_time" => "Requests list rows marked resolved on time",
        "resolution_rate" => "Resolved ÷ requests received",
        "on_time_rate" => "Resolved on time ÷ resolved",
        "micro_wishes_fulfilled" => "Resolved requests of the micro-wish category",
        "volunteer_hours" => "Sum of the hours list's entries that count",
        "volunteers" => "Different volunteers with hours that count",
        "lend_loans" => "Loans lent in the period (hand-outs and voided loans not counted)",
        "lend_borrowers" => "Different households that borrowed in the period",
        "lend_returns" => "Loans returned in the period",
        "lend_overdue" => {
            "Loans still out and past their due date at the period's end (both columns alike)"
        }
        "lend_overdue_rate" => "Overdue, not returned ÷ loans out at the period's end",
        "lend_lost" => "Loans returned as lost, and copies recorded lost",
        "board_themes" => {
            "The themes the communities set for the months (this month's column: this month's)"
        }
        "board_notices" => {
            "Notices whose start date falls in the period (withdrawn ones not counted)"
        }
        "board_duty_done" => {
            "Duty-board weeks in the period marked done (a week's last mark counts)"
        }
        "board_duty_not_done" => {
            "Duty-board weeks in the period marked not done (a week's last mark counts)"
        }
        "prog_children" => {
            "Enrolments on a programme's roster during the period (waiting not counted)"
        }
        "prog_attendance" => "Sign-ins at the programmes' desks in the period",
        "prog_hours" => {
            "Sum of the rota's shifts credited to the time bank (reversed or rejected not counted)"
        }
        "patrol_done" => "Patrol logs dated in the period",
        "patrol_missed" => "Rota slots in the period that are over with no patrol log",
        "patrol_findings" => "Findings the period's patrol logs record",
        "patrol_requests" => "The period's patrol findings made requests",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_header_and_figure_has_its_english() {
        for h in [
            "小区",
            "楼栋",
            "单元",
            "门牌号",
            "户主姓名",
            "最近走访",
            "走访时间",
            "联系电话",
            "走访人",
            "走访类型",
            "走访结果",
            "计入覆盖",
            "发现情况",
            "需跟进",
            "点单时间",
            "类别",
            "标题",
            "地点",
            "状态",
            "承办人",
            "服务队",
            "办理期限",
            "办结时间",
            "已办结",
            "按时办结",
            "逾期",
            "评分",
            "上报级别",
            "日期",
            "志愿者",
            "服务类别",
            "时长（小时）",
            "计入时长",
            "积分",
            "备注",
            "项目",
            "儿童",
            "报名日期",
            "退出日期",
            "签到",
            "签退",
            "接送人",
            "启用日期",
            "时间",
            "巡防队",
            "路线/地点",
            "队员",
            "问题类别",
            "问题/诉求",
        ] {
            assert!((EN.header)(h).is_ascii(), "{h}");
            assert_eq!((ZH.header)(h), h);
        }
        assert_eq!((EN.cell)("是"), "Yes");
        assert_eq!((EN.figure_label)("visits", "走访（户次）"), "Visits");
        assert_eq!((ZH.figure_label)("visits", "走访（户次）"), "走访（户次）");
        for key in [
            "med_received",
            "med_settled",
            "med_failed",
            "med_settlement_rate",
            "med_carried_out",
            "med_kind_neighbours",
            "med_source_police",
            "lend_loans",
            "lend_borrowers",
            "lend_returns",
            "lend_overdue",
            "lend_overdue_rate",
            "lend_lost",
            "board_themes",
            "board_notices",
            "board_duty_done",
            "board_duty_not_done",
            "prog_children",
            "prog_attendance",
            "prog_hours",
            "circle_points",
            "circle_kind_clinic",
            "circle_activities",
        ] {
            assert!((EN.figure_label)(key, "驿站").is_ascii(), "{key}");
            // a source may hold "÷", never Chinese
            let source = (EN.figure_source)(key, "驿站");
            assert!(
                !source
                    .chars()
                    .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{key}: {source}"
            );
        }
    }
}
