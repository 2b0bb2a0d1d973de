//! The message catalogue, one section: the station desk (issue 15): rules, places, the volunteer desk.

use super::Msg;

catalogue! {
    // the station desk (issue 15): rules, places, the volunteer desk
    ADMIN_ONLY_RULES = "admin_only_rules" {
        zh: "只有社区管理员可以修改社区规则；本机的工作人员是{name}。请由社区管理员操作，或在“设置”中改选本机的工作人员",
        en: "Only a community administrator can change the community's rules; this laptop's staff member is {name}. Ask a community administrator, or choose another staff member in Settings",
    }
    START_TIME_FORMAT = "start_time_format" {
        zh: "开始时间请写成“09:00”这样的时:分",
        en: "Write the start time as hours:minutes, like 09:00",
    }
    CAPACITY_RANGE = "capacity_range" {
        zh: "人数上限应在1到1000之间；不限人数请留空",
        en: "The number of places must be between 1 and 1000; leave it empty for no limit",
    }
    ACTIVITY_FULL = "activity_full" {
        zh: "“{title}”限{cap}人，已报名{signed}人，只能再报{left}人",
        en: "“{title}” takes {cap} people and {signed} have signed up: only {left} more can sign up",
    }
    HOURS_OWN_ENTRY = "hours_own_entry" {
        zh: "{name} {date}的服务时长是您本人登记的，不能由您审核；请另一位协调员审核",
        en: "You credited the hours of {name} on {date} yourself, so you cannot verify them; ask another coordinator",
    }
    HOURS_REJECTED_NO_VERIFY = "hours_rejected_no_verify" {
        zh: "{name} {date}的记录已被退回，不能再审核；如确有服务，请重新登记",
        en: "The entry of {name} on {date} was rejected and cannot be verified; if the service did happen, credit it again",
    }
    HOURS_REJECTED_NO_REVERSE = "hours_rejected_no_reverse" {
        zh: "{name} {date}的记录已被退回，不计积分，无需冲正",
        en: "The entry of {name} on {date} was rejected and earns no points: there is nothing to reverse",
    }
    HOURS_DECIDED_NO_REJECT = "hours_decided_no_reject" {
        zh: "{name} {date}的记录已审核或已冲正，不能退回；如需更正，请冲正",
        en: "The entry of {name} on {date} is already verified or reversed and cannot be rejected; reverse it to correct it",
    }
}
