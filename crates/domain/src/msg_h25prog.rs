//! The message catalogue, one section: programmes for residents' children (托管, issue 25 item 1).

use super::Msg;

catalogue! {
    // a programme
    PROG_BAD_WEEKDAYS = "prog_bad_weekdays" {
        zh: "请选择开放的星期（周一到周日中至少一天）",
        en: "Choose the weekdays it meets (at least one of Monday to Sunday)",
    }
    PROG_BAD_TIME = "prog_bad_time" {
        zh: "时间“{time}”不对，请写成“16:30”这样",
        en: "The time “{time}” does not read: write it as 16:30",
    }
    PROG_CLOSES_BEFORE_OPENS = "prog_closes_before_opens" {
        zh: "结束时间{closes}应晚于开始时间{opens}",
        en: "The closing time {closes} must be after the opening time {opens}",
    }
    PROG_TERM_ORDER = "prog_term_order" {
        zh: "学期结束日{end}早于开始日{start}",
        en: "The term ends ({end}) before it starts ({start})",
    }
    PROG_BAD_CAPACITY = "prog_bad_capacity" {
        zh: "名额应为1到{max}人",
        en: "The capacity is 1 to {max} children",
    }
    PROG_BAD_AGE_RANGE = "prog_bad_age_range" {
        zh: "年龄范围{min}到{max}岁不对：应在0到18岁之间，且下限不大于上限",
        en: "The age range {min} to {max} is not valid: ages 0 to 18, the youngest not above the oldest",
    }
    PROG_PLACE_NOT_HERE = "prog_place_not_here" {
        zh: "活动地点不在本社区",
        en: "The place is not in this community",
    }
    PROG_STAFF_NOT_HERE = "prog_staff_not_here" {
        zh: "{name}不是本社区的志愿者或工作人员",
        en: "{name} is not a volunteer or worker of this community",
    }
    PROG_TOO_MANY_STAFF = "prog_too_many_staff" {
        zh: "一个项目最多{max}名工作人员",
        en: "A programme names at most {max} staff",
    }
    // enrolment
    PROG_NOT_RESIDENT_HERE = "prog_not_resident_here" {
        zh: "{name}不是本社区登记的居民，不能报名",
        en: "{name} is not a resident of this community's register and cannot be enrolled",
    }
    PROG_NO_BIRTH_DATE = "prog_no_birth_date" {
        zh: "{name}没有登记出生日期或身份证号，无法核对年龄；请先在户籍登记中补上",
        en: "{name} has no birth date or ID number in the register, so the age cannot be checked; add it in the register first",
    }
    PROG_AGE_OUT_OF_RANGE = "prog_age_out_of_range" {
        zh: "{name}今年{age}岁，不在本项目的{min}到{max}岁范围内",
        en: "{name} is {age}, outside this programme's ages {min} to {max}",
    }
    PROG_ALREADY_ENROLLED = "prog_already_enrolled" {
        zh: "{name}已在本项目的名单或候补名单中",
        en: "{name} is already on this programme's roster or waiting list",
    }
    PROG_NO_GUARDIAN = "prog_no_guardian" {
        zh: "请至少登记一名监护人及联系电话",
        en: "List at least one guardian with a phone number",
    }
    PROG_TOO_MANY_GUARDIANS = "prog_too_many_guardians" {
        zh: "最多登记{max}名监护人",
        en: "List at most {max} guardians",
    }
    PROG_GUARDIAN_PHONE = "prog_guardian_phone" {
        zh: "请填写监护人{name}的联系电话",
        en: "Give a phone number for the guardian {name}",
    }
    PROG_ENROLMENT_LEFT = "prog_enrolment_left" {
        zh: "{name}已退出本项目",
        en: "{name} has left this programme",
    }
    PROG_TERM_OVER = "prog_term_over" {
        zh: "本项目的学期已于{end}结束",
        en: "This programme's term ended on {end}",
    }
    // the desk
    PROG_NOT_ENROLLED = "prog_not_enrolled" {
        zh: "{name}不在本项目的在册名单上（候补或已退出），不能签到",
        en: "{name} is not on this programme's roster (waiting or left) and cannot sign in",
    }
    PROG_NOT_MEETING = "prog_not_meeting" {
        zh: "本项目{day}不开放",
        en: "This programme does not meet on {day}",
    }
    PROG_ALREADY_IN = "prog_already_in" {
        zh: "{name}今天已经签到过了",
        en: "{name} has already signed in today",
    }
    PROG_ALREADY_OUT = "prog_already_out" {
        zh: "{name}今天已经签退（被接走）了",
        en: "{name} has already been signed out (collected) today",
    }
    PROG_NOT_IN = "prog_not_in" {
        zh: "{name}今天还没有签到，不能签退",
        en: "{name} has not signed in today, so cannot be signed out",
    }
    PROG_NOT_A_GUARDIAN = "prog_not_a_guardian" {
        zh: "请选择名单上的一位监护人；其他人代接请填写姓名和原因",
        en: "Choose one of the listed guardians; for anyone else, give their name and the reason",
    }
    PROG_COLLECTOR_NAME = "prog_collector_name" {
        zh: "请填写接孩子的人的姓名",
        en: "Give the name of the person collecting the child",
    }
    PROG_COLLECTOR_REASON = "prog_collector_reason" {
        zh: "请填写原因（如监护人委托、书面同意自行回家）",
        en: "Give the reason (a guardian asked them to, or written consent to go home alone)",
    }
    PROG_FUTURE_DAY = "prog_future_day" {
        zh: "不能为以后的日期（{day}）签到签退",
        en: "Signing in or out is not possible for a future day ({day})",
    }
    // the time bank
    PROG_NO_SHIFT = "prog_no_shift" {
        zh: "{day}本项目没有排班的志愿者，无可记录的服务时长",
        en: "No volunteer is on this programme's rota on {day}: there are no hours to credit",
    }
    PROG_WITHHELD = "prog_withheld" {
        zh: "儿童信息仅项目工作人员和管理员可见；此设备只能看到人数",
        en: "Children's details are for the programme's staff and administrators only; this laptop sees the numbers",
    }
}
