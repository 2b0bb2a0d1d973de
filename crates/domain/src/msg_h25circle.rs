//! The message catalogue, one section: the 15-minute neighbourhood service circle (服务圈,
//! issue 25 item 3).

use super::Msg;

catalogue! {
    // a service point
    CIRCLE_NO_SERVICE = "circle_no_service" {
        zh: "请至少选择或填写一项服务",
        en: "Choose or write at least one service the point offers",
    }
    CIRCLE_TOO_MANY_SERVICES = "circle_too_many_services" {
        zh: "一个服务点最多列{max}项服务",
        en: "A service point lists at most {max} services",
    }
    CIRCLE_SERVICE_TOO_LONG = "circle_service_too_long" {
        zh: "服务“{service}”太长，最多{max}个字",
        en: "The service “{service}” is too long: at most {max} characters",
    }
    CIRCLE_BAD_HOURS = "circle_bad_hours" {
        zh: "开放时间“{hours}”看不懂：请写成“周一至周五 08:30-17:30”这样，至少一段时间",
        en: "The opening hours “{hours}” do not read: write them like “Mon–Fri 08:30-17:30”, at least one span",
    }
    CIRCLE_HOURS_ORDER = "circle_hours_order" {
        zh: "开放时间中{opens}-{closes}的结束早于开始",
        en: "In the opening hours, {opens}-{closes} closes before it opens",
    }
    CIRCLE_NO_RUNNER = "circle_no_runner" {
        zh: "请填写运营方：本册中的社区，或共建单位的名称",
        en: "Say who runs it: a community of the register, or a co-building unit by name",
    }
    CIRCLE_TOO_MANY_SERVED = "circle_too_many_served" {
        zh: "一个服务点最多服务{max}个社区",
        en: "A service point serves at most {max} communities",
    }
    // a joint activity
    CIRCLE_ACT_NO_COMMUNITY = "circle_act_no_community" {
        zh: "联建活动至少要有一个参加的社区",
        en: "A joint activity needs at least one community taking part",
    }
    CIRCLE_ACT_PARTICIPANTS = "circle_act_participants" {
        zh: "参加人数应为0到{max}人",
        en: "The number taking part is 0 to {max}",
    }
    CIRCLE_ACT_TOO_MANY_UNITS = "circle_act_too_many_units" {
        zh: "一次活动最多列{max}个共建单位",
        en: "An activity lists at most {max} co-building units",
    }
}
