//! The message catalogue, one section: targets (目标, issue 21).

use super::Msg;

catalogue! {
    // targets per community or grid and month (issue 21, docs/targets.md)
    TARGET_BAD_MONTH = "target_bad_month" {
        zh: "目标的起始月份“{value}”无效，应为“2026-03”这样的格式",
        en: "The target's first month “{value}” is not valid; write it like “2026-03”",
    }
    TARGET_BAD_COVERAGE = "target_bad_coverage" {
        zh: "走访覆盖率目标{value}%不对：应在0至100之间",
        en: "The coverage target {value}% is not valid: it must lie between 0 and 100",
    }
    TARGET_BAD_ON_TIME = "target_bad_on_time" {
        zh: "按时办结率目标{value}%不对：应在0至100之间",
        en: "The on-time target {value}% is not valid: it must lie between 0 and 100",
    }
    TARGET_BAD_VISITS = "target_bad_visits" {
        zh: "走访目标{value}户次不对：应为0至{max}之间的整数",
        en: "The visits target of {value} is not valid: it must be a whole number from 0 to {max}",
    }
    TARGET_NO_PLACE = "target_no_place" {
        zh: "请选择一个社区或一个网格来设定目标",
        en: "Choose one community or one grid to set the target for",
    }
    TARGET_NOT_COMMUNITY = "target_not_community" {
        zh: "“{name}”不是社区：目标按社区或网格设定",
        en: "“{name}” is not a community: targets are set per community or per grid",
    }
    TARGET_UNKNOWN_PLACE = "target_unknown_place" {
        zh: "找不到要设定目标的社区或网格（{id}）",
        en: "The community or grid to set a target for ({id}) is not in the register",
    }
    TARGET_ADMIN_ONLY = "target_admin_only" {
        zh: "只有社区管理员可以设定目标；本机的工作人员是{name}。请由社区管理员操作，或在“设置”中改选本机的工作人员",
        en: "Only a community administrator can set targets; this laptop's staff member is {name}. Ask a community administrator, or choose another staff member in Settings",
    }
}
