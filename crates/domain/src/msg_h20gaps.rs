//! The message catalogue, one section: what issue 20's gaps added — a meeting's own rule of the
//! vote (法定人数 and 通过标准).

use super::Msg;

catalogue! {
    CNC_NO_QUORUM_OF = "cnc_no_quorum_of" {
        zh: "会议应到{expected}人，实到{present}人，按本次会议的规则（{rule}）至少要{need}人到会，不能表决",
        en: "The meeting expected {expected} and {present} are present: its rule ({rule}) needs at least {need} present to vote",
    }
    CNC_RULE_AFTER_VOTE = "cnc_rule_after_vote" {
        zh: "会议已经表决过议题，表决规则不能再改",
        en: "The meeting has voted on topics already: its rule of the vote can no longer change",
    }
}
