//! The message catalogue, one section: the community's boards (issue 20 items 3, 4 and the
//! notices of 5): the month's theme, duty boards and notices.

use super::Msg;

catalogue! {
    BOARD_BAD_MONTH = "board_bad_month" {
        zh: "月份“{value}”不对：应写成“2026-03”这样的年-月",
        en: "The month “{value}” is not valid: write it as year-month, like 2026-03",
    }
    BOARD_THEME_TITLE = "board_theme_title" {
        zh: "请填写本月主题的标题（1到30个字）",
        en: "Give the month's theme a title (1 to 30 characters)",
    }
    BOARD_NO_THEME = "board_no_theme" {
        zh: "{month}还没有设定主题：请先设定本月主题，再登记楼栋行动",
        en: "{month} has no theme yet: set the month's theme first, then record the campaign lines",
    }
    BOARD_NOT_BUILDING = "board_not_building" {
        zh: "请选择本社区的一栋楼（或其中的单元）",
        en: "Choose a building of this community (or one of its entrances)",
    }
    BOARD_LINE_TEXT = "board_line_text" {
        zh: "请写明做了什么（1到200个字）",
        en: "Say what was done (1 to 200 characters)",
    }
    BOARD_IN_FUTURE = "board_in_future" {
        zh: "日期{date}还没到，请登记已经做过的事",
        en: "The date {date} has not come yet: record what has been done",
    }
    BOARD_END_BEFORE_START = "board_end_before_start" {
        zh: "结束日期{end}早于开始日期{start}",
        en: "The end date {end} is before the start date {start}",
    }
    BOARD_NOTICE_TOO_LONG = "board_notice_too_long" {
        zh: "一则通知最长发布{max}天，请分开发布",
        en: "A notice runs at most {max} days: post it again for a later period",
    }
    BOARD_NOTICE_TITLE = "board_notice_title" {
        zh: "请填写通知标题（1到40个字）",
        en: "Give the notice a title (1 to 40 characters)",
    }
    BOARD_NOTICE_TEXT = "board_notice_text" {
        zh: "请填写通知正文（1到1000个字）",
        en: "Write the notice's text (1 to 1,000 characters)",
    }
    BOARD_NOT_IN_COMMUNITY = "board_not_in_community" {
        zh: "通知的范围应为本社区、其中的小区或楼栋",
        en: "A notice is for this community, one of its compounds or one of its buildings",
    }
    BOARD_CHORE = "board_chore" {
        zh: "请写明值日做什么（如“楼道清扫”，1到30个字）",
        en: "Name the chore (such as “sweeping the stairwell”, 1 to 30 characters)",
    }
    BOARD_NO_HOUSEHOLDS = "board_no_households" {
        zh: "值日牌上至少要有一户",
        en: "Put at least one household on the duty board",
    }
    BOARD_TOO_MANY = "board_too_many" {
        zh: "一块值日牌最多轮{max}户",
        en: "A duty board rotates through at most {max} households",
    }
    BOARD_HOUSEHOLD_NOT_HERE = "board_household_not_here" {
        zh: "住户{door}不住在这栋楼（单元），不能排进这块值日牌",
        en: "The household {door} does not live in this building (entrance) and cannot be on this board",
    }
    BOARD_ALREADY_ON = "board_already_on" {
        zh: "住户{door}已经在值日牌上",
        en: "The household {door} is already on the duty board",
    }
    BOARD_NOT_ON = "board_not_on" {
        zh: "这户不在值日牌上",
        en: "This household is not on the duty board",
    }
    BOARD_WEEK_OUTSIDE = "board_week_outside" {
        zh: "{week}这一周不在值日牌的轮值期内（从{start}起，到本周为止）",
        en: "The week of {week} is not one the board has run (from {start} to this week)",
    }
    BOARD_NOBODY_ON_DUTY = "board_nobody_on_duty" {
        zh: "{week}这一周没有轮到任何住户",
        en: "No household was on duty in the week of {week}",
    }
}
