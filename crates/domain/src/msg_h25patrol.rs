//! The message catalogue, one section: security patrols (小区治安巡防, issue 25 item 2).

use super::Msg;

catalogue! {
    // teams and members
    PATROL_MEMBER_NAME_MISSING = "patrol_member_name_missing" {
        zh: "请填写队员姓名，或从居民登记中选择",
        en: "Give the member's name, or choose a resident from the register",
    }
    PATROL_RESIDENT_NOT_HERE = "patrol_resident_not_here" {
        zh: "该居民不在本社区登记",
        en: "That resident is not registered in this community",
    }
    PATROL_MEMBER_TWICE = "patrol_member_twice" {
        zh: "{name}已在本巡防队中",
        en: "{name} is already a member of this team",
    }
    PATROL_TOO_MANY = "patrol_too_many" {
        zh: "人数最多{max}人",
        en: "At most {max} members",
    }
    PATROL_MEMBER_NOT_IN_TEAM = "patrol_member_not_in_team" {
        zh: "所选人员不是本巡防队队员",
        en: "Someone chosen is not a member of this team",
    }
    // the rota
    PATROL_EMPTY_WINDOW = "patrol_empty_window" {
        zh: "结束时间不能与开始时间（{starts}）相同",
        en: "The end cannot be the same as the start ({starts})",
    }
    PATROL_ROTA_ORDER = "patrol_rota_order" {
        zh: "结束日期{to}早于开始日期{from}",
        en: "The range ends ({to}) before it starts ({from})",
    }
    PATROL_ROTA_TOO_LONG = "patrol_rota_too_long" {
        zh: "一次最多排{max}天，请分段排班",
        en: "A rota covers at most {max} days at once: make it in parts",
    }
    PATROL_ROTA_NO_DAYS = "patrol_rota_no_days" {
        zh: "所选日期范围内没有所选的星期",
        en: "None of the chosen weekdays falls in that date range",
    }
    PATROL_SLOT_LOGGED = "patrol_slot_logged" {
        zh: "该班次已有巡防记录",
        en: "That rota slot already has a patrol log",
    }
    PATROL_SLOT_OTHER_TEAM = "patrol_slot_other_team" {
        zh: "该班次不属于所选巡防队",
        en: "That rota slot belongs to another team",
    }
    // logs and findings
    PATROL_FUTURE_LOG = "patrol_future_log" {
        zh: "不能为以后的日期（{day}）填写巡防记录",
        en: "A patrol cannot be logged for a future day ({day})",
    }
    PATROL_NO_MEMBERS = "patrol_no_members" {
        zh: "请选择参加巡防的队员（至少一人）",
        en: "Choose who went on the patrol (at least one member)",
    }
    PATROL_FINDING_EMPTY = "patrol_finding_empty" {
        zh: "请填写发现的问题",
        en: "Describe what was found",
    }
    PATROL_FINDING_LONG = "patrol_finding_long" {
        zh: "问题描述最多{max}字",
        en: "A finding's description is at most {max} characters",
    }
    PATROL_TOO_MANY_FINDINGS = "patrol_too_many_findings" {
        zh: "一次巡防最多记录{max}个问题",
        en: "One patrol records at most {max} findings",
    }
    PATROL_ALREADY_REQUEST = "patrol_already_request" {
        zh: "该问题已转为诉求",
        en: "That finding is already a request",
    }
    PATROL_FINDING_HAS_REQUEST = "patrol_finding_has_request" {
        zh: "已转为诉求的问题不能删除",
        en: "A finding made into a request cannot be removed",
    }
}
