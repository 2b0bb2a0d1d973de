//! The message catalogue, one section: the mediation register (人民调解, issue 20 item 1).

use super::Msg;

catalogue! {
    // the committee's numbering
    MED_BAD_PREFIX = "med_bad_prefix" {
        zh: "案号简称“{prefix}”不对：应为1到6个字，不含数字、括号、“第”或“号”，如“东”",
        en: "The case-number prefix “{prefix}” is not valid: write 1 to 6 characters of the community's short name, without digits or brackets",
    }
    MED_NOT_CLASHING = "med_not_clashing" {
        zh: "案号{number}只有这一件案件在用，不需要改号",
        en: "The case number {number} is used by this case alone: there is nothing to renumber",
    }
    // registering a case
    MED_PARTY_SIDES = "med_party_sides" {
        zh: "请至少登记一名申请人和一名被申请人",
        en: "Register at least one applicant and one respondent",
    }
    MED_TOO_MANY_PARTIES = "med_too_many_parties" {
        zh: "一件案件最多登记{max}名当事人",
        en: "A case names at most {max} parties",
    }
    MED_PARTY_AGE = "med_party_age" {
        zh: "当事人年龄应在0到120岁之间",
        en: "A party's age must be between 0 and 120",
    }
    MED_PARTY_TWICE = "med_party_twice" {
        zh: "{name}在当事人中出现了两次",
        en: "{name} is among the parties twice",
    }
    MED_RESIDENT_NOT_HERE = "med_resident_not_here" {
        zh: "当事人{name}不是本社区登记的居民；请按外来人员登记（姓名、性别、年龄、电话、住址或单位）",
        en: "The party {name} is not a resident of this community's register; register them as an outsider (name, gender, age, phone, address or unit)",
    }
    MED_PARTY_WITHHELD = "med_party_withheld" {
        zh: "本机的角色无权查看调解当事人，不能修改当事人信息",
        en: "This laptop's role may not see mediation parties, so it cannot change them",
    }
    MED_PARTY_LAST_OF_SIDE = "med_party_last_of_side" {
        zh: "{name}是本案唯一的{side}；请先登记另一名{side}",
        en: "{name} is the case's only {side}; register another first",
    }
    MED_PLACE_NOT_HERE = "med_place_not_here" {
        zh: "纠纷发生地不在本社区",
        en: "The place of the dispute is not in this community",
    }
    MED_NO_MEDIATOR = "med_no_mediator" {
        zh: "请从调解队中选择至少一名调解员",
        en: "Choose at least one mediator from the mediation team",
    }
    MED_TOO_MANY_MEDIATORS = "med_too_many_mediators" {
        zh: "一件案件最多{max}名调解员",
        en: "A case has at most {max} mediators",
    }
    MED_NOT_MEDIATOR = "med_not_mediator" {
        zh: "{name}不是本社区矛盾调解队的队员，不能担任调解员",
        en: "{name} is not a member of this community's mediation team and cannot mediate",
    }
    // the stages and their order
    MED_BEFORE_REGISTERED = "med_before_registered" {
        zh: "日期{date}早于受理日期{registered}",
        en: "The date {date} is before the case was registered ({registered})",
    }
    MED_IN_FUTURE = "med_in_future" {
        zh: "日期{date}还没到，请登记已经发生的事",
        en: "The date {date} has not come yet: record what has happened",
    }
    MED_CLOSED = "med_closed" {
        zh: "案件已结案，不能再登记“{step:med_step}”",
        en: "The case is closed: no more “{step:med_step}” can be recorded",
    }
    MED_NOTICE_FIRST = "med_notice_first" {
        zh: "请先登记已向当事人告知权利义务，再记录调解",
        en: "Record that the parties were told their rights and duties before a session",
    }
    MED_SESSION_FIRST = "med_session_first" {
        zh: "还没有调解记录：请先记录至少一次调解，再登记结果",
        en: "No session is recorded yet: record at least one session before the outcome",
    }
    MED_OUTCOME_TWICE = "med_outcome_twice" {
        zh: "这件案件已登记调解结果",
        en: "This case's outcome is already recorded",
    }
    MED_AFTER_OUTCOME = "med_after_outcome" {
        zh: "已有调解结果，不能再“{step:med_step}”",
        en: "The outcome is recorded: “{step:med_step}” is no longer possible",
    }
    MED_NEEDS_AGREEMENT = "med_needs_agreement" {
        zh: "只有达成协议的案件才能登记“{step:med_step}”",
        en: "“{step:med_step}” can be recorded only for a case that reached an agreement",
    }
    MED_CLOSE_EARLY = "med_close_early" {
        zh: "还没有调解结果，不能结案",
        en: "The case has no outcome yet and cannot be closed",
    }
    MED_FOLLOW_UP_FIRST = "med_follow_up_first" {
        zh: "达成协议的案件结案前要先回访，登记协议履行情况",
        en: "A settled case is closed only after a follow-up visit that records how the agreement is carried out",
    }
    MED_UNKNOWN_STEP = "med_unknown_step" {
        zh: "不认识这一环节（由新版本登记），不能登记",
        en: "This stage is unknown (written by a newer version) and cannot be recorded",
    }
    MED_BAD_TIME = "med_bad_time" {
        zh: "时间“{value}”不对，应为“时:分”，如 09:30",
        en: "The time “{value}” is not valid: write hours and minutes, like 09:30",
    }
    MED_AGREEMENT_TERMS = "med_agreement_terms" {
        zh: "书面协议要写明协议内容、履行方式和履行期限",
        en: "A written agreement states its content, how it is carried out and by when",
    }
    MED_ORAL_CONTENT = "med_oral_content" {
        zh: "口头协议要登记协议内容",
        en: "An oral agreement is registered with its content",
    }
    MED_NEEDS_ROUTE = "med_needs_route" {
        zh: "调解不成时要告知当事人的途径：诉讼、仲裁或行政处理",
        en: "When mediation fails, give the parties' route: a lawsuit, arbitration or administrative handling",
    }
    MED_EXTENSION_DAYS = "med_extension_days" {
        zh: "每次延长1到{max}天",
        en: "An extension adds 1 to {max} days",
    }
    MED_EXTENSION_CONSENT = "med_extension_consent" {
        zh: "延长调解期限须经双方当事人同意；还没有同意的：{names}",
        en: "The term is extended only with every party's consent; not yet agreed: {names}",
    }
    MED_NOT_A_PARTY = "med_not_a_party" {
        zh: "提出更换调解员的应是本案当事人",
        en: "A change of mediator is asked for by a party of this case",
    }
    MED_SAME_MEDIATORS = "med_same_mediators" {
        zh: "新的调解员与现在的相同",
        en: "The new mediators are the ones the case already has",
    }
    MED_CONFIRM_NEEDS_WRITTEN = "med_confirm_needs_written" {
        zh: "只有书面调解协议才能申请司法确认",
        en: "Only a written agreement can be sent for judicial confirmation",
    }
    MED_CONFIRM_WINDOW = "med_confirm_window" {
        zh: "司法确认应在协议生效（{agreed}）起30日内申请，最晚{last}",
        en: "Judicial confirmation is applied for within 30 days of the agreement ({agreed}), by {last} at the latest",
    }
    MED_CONFIRM_COURT = "med_confirm_court" {
        zh: "请填写受理司法确认的人民法院",
        en: "Name the court that takes the judicial confirmation",
    }
}
