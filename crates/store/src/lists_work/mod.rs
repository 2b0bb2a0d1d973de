//! The dated lists for export: visits, requests (五单) and service hours in a period, with
//! Chinese headers. Each is the set of facts behind a figure of the monthly report: the visits
//! that count (as coverage counts them), the tasks raised in the period (as `task_rates` takes
//! them, with its resolved and on-time verdicts), the hour entries with whether they count (as
//! `hours_report` sums them). Phones are masked unless the caller reveals them. And the weekly
//! consultation agenda (周会商) as `weekly_agenda` draws it up, one row per item.

mod hours;
mod tasks;
mod visits;

use linli_domain::code::unknown_label_zh;
use linli_domain::{Code, Coded};
use linli_sheets::Cell;

pub(crate) const VISIT_HEADERS: [&str; 13] = [
    "走访时间",
    "小区",
    "楼栋",
    "单元",
    "门牌号",
    "户主姓名",
    "联系电话",
    "走访人",
    "走访类型",
    "走访结果",
    "计入覆盖",
    "发现情况",
    "需跟进",
];

pub(crate) const TASK_HEADERS: [&str; 14] = [
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
];

pub(crate) const AGENDA_HEADERS: [&str; 12] = [
    "社区",
    "网格",
    "事项类型",
    "时间",
    "地点",
    "内容",
    "类别",
    "状态",
    "承办人",
    "办理期限",
    "逾期",
    "处理层级",
];

pub(crate) const HOUR_HEADERS: [&str; 8] = [
    "日期",
    "志愿者",
    "服务类别",
    "时长（小时）",
    "状态",
    "计入时长",
    "积分",
    "备注",
];

pub(crate) const WORK_UNIT_HEADERS: [&str; 5] = [
    "报到单位",
    "党员人数",
    "服务时长（小时）",
    "获得积分",
    "现有积分",
];

pub(crate) const STATEMENT_HEADERS: [&str; 5] = ["日期", "摘要", "积分", "余额", "核查"];

fn yes_no(b: bool) -> Cell {
    Cell::Text(if b { "是" } else { "否" }.into())
}

/// The Chinese word for a code in a list: a code a newer Linli wrote shows as unknown with the
/// code itself, so the sheet keeps it.
fn label_zh<T: Coded>(code: &Code<T>, label: fn(T) -> &'static str) -> String {
    match code {
        Code::Known(v) => label(*v).to_owned(),
        Code::Unknown(c) => unknown_label_zh(c),
    }
}

fn non_empty(s: Option<String>) -> Cell {
    s.filter(|s| !s.trim().is_empty()).into()
}

/// The earliest day any list can hold, for an open-ended `from`.
const EARLIEST: &str = "1900-01-01";
