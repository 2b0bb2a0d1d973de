//! The message catalogue, one section: residents' councils, liaison points and suggestions
//! (议事会、居民联络点、居民建议; issue 20 items 2 and 5).

use super::Msg;

catalogue! {
    // liaison points
    CNC_KEEPER_ONE = "cnc_keeper_one" {
        zh: "联络点负责人请选一位工作人员或一位居民（只选一个）",
        en: "A liaison point's keeper is one worker or one resident: choose exactly one",
    }
    CNC_NOT_HERE = "cnc_not_here" {
        zh: "{what}不在本社区",
        en: "The {what} is not in this community",
    }
    // topics and their order
    CNC_BEFORE_PROPOSED = "cnc_before_proposed" {
        zh: "日期{date}早于议题提出日期{proposed}",
        en: "The date {date} is before the topic was proposed ({proposed})",
    }
    CNC_IN_FUTURE = "cnc_in_future" {
        zh: "日期{date}还没到，请登记已经发生的事",
        en: "The date {date} has not come yet: record what has happened",
    }
    CNC_REVIEWED_TWICE = "cnc_reviewed_twice" {
        zh: "这个议题已经审核过了",
        en: "This topic has been reviewed already",
    }
    CNC_REVIEW_FIRST = "cnc_review_first" {
        zh: "议题还没有审核立项，不能{step:cnc_step}",
        en: "The topic has not been reviewed and accepted yet: it cannot be {step:cnc_step}",
    }
    CNC_REJECTED = "cnc_rejected" {
        zh: "议题审核未立项，不能再{step:cnc_step}",
        en: "The topic was not accepted at review: it cannot be {step:cnc_step}",
    }
    CNC_PUBLISHED_TWICE = "cnc_published_twice" {
        zh: "这个议题已经公示过了",
        en: "This topic has been published for comment already",
    }
    CNC_PUBLISH_FIRST = "cnc_publish_first" {
        zh: "请先公示议题、征求居民意见，再提交会议",
        en: "Publish the topic for residents' comments before putting it to a meeting",
    }
    CNC_COMMENT_WINDOW = "cnc_comment_window" {
        zh: "只能在议题公示后、表决前登记居民意见",
        en: "Comments are recorded after the topic is published and before it is voted",
    }
    CNC_VOTED = "cnc_voted" {
        zh: "这个议题已经表决过了",
        en: "This topic has been voted already",
    }
    CNC_SCHEDULE_FIRST = "cnc_schedule_first" {
        zh: "请先把议题提交到一次会议，再表决",
        en: "Put the topic to a meeting before voting it",
    }
    CNC_MEETING_LATER = "cnc_meeting_later" {
        zh: "会议日期{meeting}还没到，会后再登记表决",
        en: "The meeting is on {meeting}: record the vote after it is held",
    }
    CNC_MEETING_BEFORE_PUBLISH = "cnc_meeting_before_publish" {
        zh: "会议日期{meeting}早于议题公示日期{published}",
        en: "The meeting ({meeting}) is before the topic was published ({published})",
    }
    CNC_NOT_PASSED = "cnc_not_passed" {
        zh: "议题没有表决通过，不能公布决议",
        en: "The topic was not passed: no resolution can be published",
    }
    CNC_RESOLVED_TWICE = "cnc_resolved_twice" {
        zh: "这个议题的决议已经公布了",
        en: "This topic's resolution has been published already",
    }
    CNC_RESOLUTION_FIRST = "cnc_resolution_first" {
        zh: "请先公布决议，再把决议转为诉求",
        en: "Publish the resolution before turning it into requests",
    }
    CNC_UNKNOWN_STEP = "cnc_unknown_step" {
        zh: "这一步是新版本邻里的，请先升级",
        en: "This step comes from a newer Linli: update first",
    }
    CNC_COMMENT_UNTIL = "cnc_comment_until" {
        zh: "公示截止日期{until}早于公示日期{date}",
        en: "The comment period's end ({until}) is before the publication ({date})",
    }
    // meetings: quorum and votes
    CNC_EXPECTED = "cnc_expected" {
        zh: "应到人数应在1到{max}之间",
        en: "The members expected must be between 1 and {max}",
    }
    CNC_NO_QUORUM = "cnc_no_quorum" {
        zh: "会议应到{expected}人，实到{present}人，未过半数，不能表决",
        en: "The meeting expected {expected} and {present} came: fewer than half, so it cannot vote",
    }
    CNC_VOTES_EXCEED = "cnc_votes_exceed" {
        zh: "赞成、反对、弃权共{total}票，超过实到人数{present}",
        en: "For, against and abstaining make {total} votes, more than the {present} present",
    }
    CNC_NO_HOST = "cnc_no_host" {
        zh: "请填写会议主持人",
        en: "Name the meeting's host",
    }
    CNC_ATTENDEE_TWICE = "cnc_attendee_twice" {
        zh: "{name}在参会人员中出现了两次",
        en: "{name} is among the attendees twice",
    }
    CNC_MEETING_HELD = "cnc_meeting_held" {
        zh: "会议已经表决过议题，不能再改日期或删除",
        en: "The meeting has voted topics: its date cannot change and it cannot be removed",
    }
    // requests from a resolution
    CNC_NO_REQUESTS = "cnc_no_requests" {
        zh: "请至少填写一条诉求（事项、负责人、完成日期）",
        en: "Give at least one request (what, who is responsible, by when)",
    }
    CNC_DUE_PAST = "cnc_due_past" {
        zh: "完成日期{due}早于今天",
        en: "The due date {due} is before today",
    }
    // suggestions
    CNC_SUGGESTION_DONE = "cnc_suggestion_done" {
        zh: "这条建议已经{state:cnc_suggestion}，不能再处理",
        en: "This suggestion has already been {state:cnc_suggestion}",
    }
    CNC_SUGGESTER = "cnc_suggester" {
        zh: "请选择提建议的住户，或填写建议人姓名",
        en: "Choose the suggester's household or write the suggester's name",
    }
}
