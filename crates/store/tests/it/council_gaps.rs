//! Issue 20's gaps, on real SQLite files: the month's theme groups the month's council topics
//! (proposed, or put to a meeting, in the month); a meeting's own rule of the vote (quorum and
//! what passes), kept once it has voted; a suggestion linked to a household of the register.

use linli_domain::board::{SectionKind, ThemeKind};
use linli_domain::councils::{
    PassRule, QuorumRule, SuggestionSource, TopicCategory, TopicOrigin, TopicState, VoteRule,
};
use linli_domain::{Id, PlaceKind};
use linli_protocol::*;

use crate::common::add;
use crate::councils::{attendees, code, office, step, suggestion, Office};
use crate::lending::on;

fn propose(o: &mut Office, title: &str, on_day: Option<&str>) -> Id {
    o.s.propose_topic(&ProposeTopic {
        community_id: o.community,
        place_id: Some(o.building),
        title: title.into(),
        text: "居民反映".into(),
        category: TopicCategory::Environment,
        origin: TopicOrigin::Official,
        origin_id: None,
        proposer_person_id: Some(o.worker),
        proposer_household_id: None,
        proposer_name: String::new(),
        proposed_on: on_day.map(str::to_owned),
    })
    .unwrap()
    .id
}

/// Reviewed, published and put to `meeting`.
fn to_meeting(o: &mut Office, t: Id, meeting: Id) {
    let review = TopicStepInput::Review {
        date: None,
        accepted: true,
        note: String::new(),
    };
    step(o, t, review).unwrap();
    let publish = TopicStepInput::Publish {
        date: None,
        until: None,
        note: String::new(),
    };
    step(o, t, publish).unwrap();
    step(
        o,
        t,
        TopicStepInput::Schedule {
            meeting_id: meeting,
        },
    )
    .unwrap();
}

fn save_meeting(o: &Office, id: Option<Id>, present: usize, rule: VoteRule) -> SaveCouncilMeeting {
    SaveCouncilMeeting {
        id,
        community_id: o.community,
        point_id: None,
        place: "议事厅".into(),
        date: "2026-03-25".into(),
        time: "19:30".into(),
        host: "陈网格".into(),
        expected: 11,
        attendees: attendees(present),
        minutes: String::new(),
        rule,
        deleted: false,
    }
}

#[test]
fn the_months_theme_groups_the_topics_proposed_or_met_in_it() {
    let mut o = office();
    let meeting =
        o.s.save_council_meeting(&save_meeting(&o, None, 7, VoteRule::default()))
            .unwrap();
    let march = propose(&mut o, "三月提出的议题", None);
    let february_met = propose(&mut o, "二月提出三月上会", Some("2026-02-10"));
    to_meeting(&mut o, february_met, meeting.id);
    let february = propose(&mut o, "二月提出的议题", Some("2026-02-11"));
    o.s.set_month_theme(&SetMonthTheme {
        community_id: o.community,
        month: "2026-03".into(),
        theme: MonthThemeFields {
            kind: ThemeKind::Cleaning,
            title: "清洁家园".into(),
            text: String::new(),
        },
    })
    .unwrap();
    let items = |o: &mut Office, month: &str| -> Vec<(Id, String)> {
        let m =
            o.s.month_theme(&GetMonthTheme {
                community_id: o.community,
                month: month.into(),
            })
            .unwrap();
        let s = m.sections.iter().find(|s| s.kind == SectionKind::Topics);
        s.unwrap()
            .items
            .iter()
            .map(|i| (i.id, format!("{} {}", i.date, i.detail)))
            .collect()
    };
    let m = items(&mut o, "2026-03");
    assert_eq!(
        m.iter().map(|(id, _)| *id).collect::<Vec<_>>(),
        [march, february_met],
        "by day: proposed on the 2nd, met on the 25th"
    );
    assert!(m[1].1.starts_with("2026-03-25"), "{}", m[1].1);
    assert!(
        m[1].1.contains("待上会") && m[1].1.contains("3栋"),
        "{}",
        m[1].1
    );
    let f = items(&mut o, "2026-02");
    assert_eq!(
        f.iter().map(|(id, _)| *id).collect::<Vec<_>>(),
        [february_met, february]
    );
    let year =
        o.s.list_month_themes(&ListMonthThemes {
            community_id: o.community,
            year: Some("2026".into()),
        })
        .unwrap();
    assert_eq!((year.len(), year[0].topics), (1, 2));
}

#[test]
fn a_meeting_votes_by_its_own_rule_kept_once_it_has_voted() {
    let mut o = office();
    let strict = VoteRule {
        quorum: QuorumRule::TwoThirds,
        pass: PassRule::TwoThirds,
    };
    let bad = VoteRule {
        quorum: QuorumRule::Unknown,
        pass: PassRule::PresentMajority,
    };
    assert_eq!(
        code(o.s.save_council_meeting(&save_meeting(&o, None, 7, bad))),
        "unknown_choice"
    );
    let m =
        o.s.save_council_meeting(&save_meeting(&o, None, 7, strict))
            .unwrap();
    // 7 of 11 is more than half but not two thirds
    assert_eq!((m.rule, m.present, m.quorate), (strict, 7, false));
    let t = propose(&mut o, "楼道堆物清理", None);
    let u = propose(&mut o, "增设晾衣架", None);
    to_meeting(&mut o, t, m.id);
    to_meeting(&mut o, u, m.id);
    on(&mut o.s, "2026-03-26");
    let vote = |f, a, b| TopicStepInput::Vote {
        votes_for: f,
        votes_against: a,
        votes_abstain: b,
    };
    assert_eq!(code(step(&mut o, t, vote(6, 0, 0))), "cnc_no_quorum_of");
    let held =
        o.s.save_council_meeting(&save_meeting(&o, Some(m.id), 8, strict))
            .unwrap();
    assert!(held.quorate);
    // 5 of 8 is more than half (it would pass by the default rule) but not two thirds
    let t = step(&mut o, t, vote(5, 2, 1)).unwrap();
    assert_eq!(t.state, TopicState::Failed);
    let u = step(&mut o, u, vote(6, 1, 1)).unwrap();
    assert_eq!(u.state, TopicState::Passed);
    let lines =
        o.s.list_council_meetings(&ListCouncilMeetings::default())
            .unwrap();
    assert_eq!(
        (lines[0].rule, lines[0].topics, lines[0].passed),
        (strict, 2, 1)
    );
    // the rule the votes were counted by stays
    let looser = save_meeting(&o, Some(m.id), 8, VoteRule::default());
    assert_eq!(
        code(o.s.save_council_meeting(&looser)),
        "cnc_rule_after_vote"
    );
    let view =
        o.s.council_meeting(&GetCouncilMeeting { id: m.id })
            .unwrap();
    assert_eq!(view.rule, strict);
    assert_eq!(
        view.rule.label_zh(),
        "三分之二以上到会，实到人数三分之二以上赞成"
    );
}

#[test]
fn a_suggestion_keeps_the_household_it_came_from() {
    let mut o = office();
    let home = o.homes[1];
    let s = suggestion(&mut o, SuggestionSource::Phone, Some(home));
    let listed = o.s.list_suggestions(&ListSuggestions::default()).unwrap();
    let found = listed.iter().find(|x| x.id == s.id).unwrap();
    assert_eq!(found.household_id, Some(home));
    assert!(found.household.contains("3栋"), "{}", found.household);
    let by_name = suggestion(&mut o, SuggestionSource::Desk, None);
    assert_eq!(by_name.household_id, None);
    assert_eq!(by_name.name, "王秀英");
    // a household of another community is refused, and nothing is written
    let other = add(&mut o.s, PlaceKind::Community, "南门社区", None);
    let compound = add(&mut o.s, PlaceKind::Compound, "南苑", Some(other));
    let building = add(&mut o.s, PlaceKind::Building, "9栋", Some(compound));
    let far =
        o.s.add_household(&AddHousehold {
            building_id: building,
            unit_id: None,
            room: "101".into(),
            fields: HouseholdFields::default(),
        })
        .unwrap()
        .id;
    let wrong = TakeSuggestion {
        community_id: o.community,
        point_id: None,
        place_id: None,
        source: SuggestionSource::Steward,
        household_id: Some(far),
        name: String::new(),
        text: "路灯".into(),
        received_on: None,
        taken_by: None,
    };
    assert_eq!(code(o.s.take_suggestion(&wrong)), "cnc_not_here");
    let after = o.s.list_suggestions(&ListSuggestions::default()).unwrap();
    assert_eq!(after.len(), 2);
}
