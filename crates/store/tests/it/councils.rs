//! Residents' councils and suggestions (issue 20 items 2 and 5) on real SQLite files: a liaison
//! point and its keeper, a topic's stages in order, the quorum and the vote, requests made from
//! the resolution on the 诉求 board, the next meeting's review of them, the month's figures and
//! the monthly report's records; a suggestion answered, made a topic, made a request, handled
//! once; who suggested withheld from a steward's laptop.

use linli_domain::councils::{
    AttendeeRole, SuggestionSource, SuggestionState, TopicCategory, TopicOrigin, TopicState,
};
use linli_domain::field::{TaskCategory, TaskStatus};
use linli_domain::register::Role;
use linli_domain::Id;
use linli_protocol::*;
use linli_store::Store;

use crate::lending::{on, station_at};

pub(crate) struct Office {
    pub s: Store,
    _dir: tempfile::TempDir,
    pub community: Id,
    pub building: Id,
    pub homes: Vec<Id>,
    pub worker: Id,
}

pub(crate) fn office() -> Office {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, community, building, homes) = station_at(&dir.path().join("linli.db"));
    let worker = s
        .add_person(&AddPerson {
            community_id: community,
            name: "陈网格".into(),
            phone: None,
            roles: vec![Role::GridWorker],
        })
        .unwrap()
        .id;
    Office {
        s,
        _dir: dir,
        community,
        building,
        homes,
        worker,
    }
}

pub(crate) fn code<T: std::fmt::Debug>(r: linli_store::Result<T>) -> String {
    let e = r.unwrap_err();
    ApiError::from(e).code.unwrap_or_default()
}

pub(crate) fn attendees(n: usize) -> Vec<Attendee> {
    let mut a = vec![Attendee {
        name: "陈网格".into(),
        role: AttendeeRole::Host,
    }];
    for i in 1..n {
        a.push(Attendee {
            name: format!("代表{i}"),
            role: AttendeeRole::Representative,
        });
    }
    a.push(Attendee {
        name: "街道干部".into(),
        role: AttendeeRole::Observer,
    });
    a
}

pub(crate) fn meeting(o: &mut Office, date: &str, present: usize) -> CouncilMeeting {
    o.s.save_council_meeting(&SaveCouncilMeeting {
        id: None,
        community_id: o.community,
        point_id: None,
        place: "议事厅".into(),
        date: date.into(),
        time: "19:30".into(),
        host: "陈网格".into(),
        expected: 11,
        attendees: attendees(present),
        minutes: String::new(),
        rule: Default::default(),
        deleted: false,
    })
    .unwrap()
}

pub(crate) fn step(
    o: &mut Office,
    topic: Id,
    step: TopicStepInput,
) -> linli_store::Result<CouncilTopic> {
    o.s.record_topic_step(&RecordTopicStep {
        topic_id: topic,
        step,
    })
}

#[test]
fn a_liaison_point_has_one_keeper_and_its_hours() {
    let mut o = office();
    let point = |keeper_person_id, keeper_resident_id, hours: &str| SaveLiaisonPoint {
        id: None,
        community_id: o.community,
        place_id: Some(o.building),
        name: "3栋联络点".into(),
        keeper_person_id,
        keeper_resident_id,
        hours: hours.into(),
        note: String::new(),
        deleted: false,
    };
    let none = point(None, None, "周二 9:00-11:00");
    assert_eq!(code(o.s.save_liaison_point(&none)), "cnc_keeper_one");
    let no_hours = point(Some(o.worker), None, "");
    assert_eq!(code(o.s.save_liaison_point(&no_hours)), "text_empty");
    let ok = point(Some(o.worker), None, "周二 9:00-11:00");
    let p = o.s.save_liaison_point(&ok).unwrap();
    assert_eq!((p.keeper.as_str(), p.place.as_str()), ("陈网格", "3栋"));
    let list = o.s.list_liaison_points(&ListLiaisonPoints {
        community_id: Some(o.community),
        text: "周二".into(),
    });
    assert_eq!(list.unwrap().len(), 1);
    o.s.save_liaison_point(&SaveLiaisonPoint {
        id: Some(p.id),
        deleted: true,
        ..ok
    })
    .unwrap();
    assert!(o
        .s
        .list_liaison_points(&ListLiaisonPoints::default())
        .unwrap()
        .is_empty());
}

#[test]
fn a_topic_runs_in_order_to_a_vote_and_requests_reviewed_at_the_next_meeting() {
    let mut o = office();
    let topic =
        o.s.propose_topic(&ProposeTopic {
            community_id: o.community,
            place_id: Some(o.building),
            title: "楼道电动车充电".into(),
            text: "有人在楼道充电".into(),
            category: TopicCategory::Safety,
            origin: TopicOrigin::Official,
            origin_id: None,
            proposer_person_id: Some(o.worker),
            proposer_household_id: None,
            proposer_name: String::new(),
            proposed_on: None,
        })
        .unwrap();
    assert_eq!(
        (topic.state, topic.month.as_str()),
        (TopicState::Proposed, "2026-03")
    );
    let t = topic.id;
    let m = meeting(&mut o, "2026-03-25", 5);
    // out of order: nothing is written
    let sched = TopicStepInput::Schedule { meeting_id: m.id };
    assert_eq!(code(step(&mut o, t, sched.clone())), "cnc_review_first");
    let publish = TopicStepInput::Publish {
        date: None,
        until: Some("2026-03-09".into()),
        note: String::new(),
    };
    assert_eq!(code(step(&mut o, t, publish.clone())), "cnc_review_first");
    let review = TopicStepInput::Review {
        date: None,
        accepted: true,
        note: String::new(),
    };
    step(&mut o, t, review.clone()).unwrap();
    assert_eq!(code(step(&mut o, t, review)), "cnc_reviewed_twice");
    assert_eq!(code(step(&mut o, t, sched.clone())), "cnc_publish_first");
    step(&mut o, t, publish).unwrap();
    step(
        &mut o,
        t,
        TopicStepInput::Comment {
            date: None,
            text: "建议装充电桩".into(),
        },
    )
    .unwrap();
    let topic = step(&mut o, t, sched).unwrap();
    assert_eq!(
        (
            topic.state,
            topic.month.as_str(),
            topic.meeting_on.as_deref()
        ),
        (TopicState::Scheduled, "2026-03", Some("2026-03-25"))
    );
    let vote = |f, a, b| TopicStepInput::Vote {
        votes_for: f,
        votes_against: a,
        votes_abstain: b,
    };
    // the meeting is ahead: no vote yet
    assert_eq!(code(step(&mut o, t, vote(4, 0, 0))), "cnc_meeting_later");
    on(&mut o.s, "2026-03-26");
    // 5 of 11 expected (the observer does not count): no quorum
    assert_eq!(code(step(&mut o, t, vote(4, 0, 0))), "cnc_no_quorum");
    let fuller = SaveCouncilMeeting {
        id: Some(m.id),
        community_id: o.community,
        point_id: None,
        place: "议事厅".into(),
        date: "2026-03-25".into(),
        time: "19:30".into(),
        host: "陈网格".into(),
        expected: 11,
        attendees: attendees(7),
        minutes: "审议充电议题".into(),
        rule: Default::default(),
        deleted: false,
    };
    let held = o.s.save_council_meeting(&fuller).unwrap();
    assert_eq!((held.present, held.quorate), (7, true));
    assert_eq!(code(step(&mut o, t, vote(5, 2, 1))), "cnc_votes_exceed");
    let topic = step(&mut o, t, vote(4, 2, 1)).unwrap();
    assert_eq!(
        topic.state,
        TopicState::Passed,
        "4 of 7 present is more than half"
    );
    // a meeting that voted keeps its date and people
    let moved = SaveCouncilMeeting {
        date: "2026-03-24".into(),
        ..fuller.clone()
    };
    assert_eq!(code(o.s.save_council_meeting(&moved)), "cnc_meeting_held");
    let request = |owner, due: &str| ResolutionRequest {
        title: "增设集中充电桩".into(),
        category: TaskCategory::PublicMatter,
        description: String::new(),
        owner_id: owner,
        due_date: due.into(),
    };
    let make = |o: &mut Office, rs| {
        o.s.make_topic_requests(&MakeTopicRequests {
            topic_id: t,
            requests: rs,
        })
    };
    let worker = o.worker;
    assert_eq!(
        code(make(&mut o, vec![request(worker, "2026-04-20")])),
        "cnc_resolution_first"
    );
    step(
        &mut o,
        t,
        TopicStepInput::Resolution {
            date: None,
            text: "北门增设充电桩".into(),
        },
    )
    .unwrap();
    assert_eq!(code(make(&mut o, vec![])), "cnc_no_requests");
    assert_eq!(
        code(make(&mut o, vec![request(worker, "2026-03-01")])),
        "cnc_due_past"
    );
    let topic = make(
        &mut o,
        vec![
            request(worker, "2026-04-20"),
            ResolutionRequest {
                title: "楼道禁充宣传".into(),
                ..request(worker, "2026-04-05")
            },
        ],
    )
    .unwrap();
    assert_eq!(topic.state, TopicState::Acting);
    assert_eq!(topic.requests.len(), 2);
    assert!(topic
        .requests
        .iter()
        .all(|r| r.status == TaskStatus::Dispatched && r.owner == "陈网格"));
    // on the 诉求 board, dispatched
    let board = o.s.task_board(&TaskBoard::default()).unwrap();
    let dispatched: Vec<&str> = board
        .iter()
        .filter(|c| c.status == TaskStatus::Dispatched)
        .flat_map(|c| c.tasks.iter().map(|t| t.title.as_str()))
        .collect();
    assert!(dispatched.contains(&"增设集中充电桩"), "{dispatched:?}");
    // one done; the next meeting reviews both with their live status
    let first = topic.requests[0].task_id;
    for s in [
        TaskStep::Accept,
        TaskStep::Finish {
            result: "已装好".into(),
            photos: vec![],
        },
    ] {
        o.s.task_action(&TaskAction {
            task_id: first,
            by: Some(o.worker),
            at: None,
            step: s,
        })
        .unwrap();
    }
    on(&mut o.s, "2026-04-02");
    let next = meeting(&mut o, "2026-04-25", 8);
    assert_eq!(next.review.len(), 2);
    let finished = next.review.iter().find(|r| r.task_id == first).unwrap();
    assert_eq!(finished.status, TaskStatus::Finished);
    // the list by community and month, as the month's theme groups topics
    let march =
        o.s.list_council_topics(&ListCouncilTopics {
            community_id: Some(o.community),
            month: Some("2026-03".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(march.len(), 1);
    let april = ListCouncilTopics {
        month: Some("2026-04".into()),
        ..Default::default()
    };
    assert!(o.s.list_council_topics(&april).unwrap().is_empty());
    // the second request done: the resolution is done, in April's figures
    let second = topic.requests[1].task_id;
    for s in [
        TaskStep::Accept,
        TaskStep::Finish {
            result: "已宣传".into(),
            photos: vec![],
        },
    ] {
        o.s.task_action(&TaskAction {
            task_id: second,
            by: Some(o.worker),
            at: None,
            step: s,
        })
        .unwrap();
    }
    let t_now = o.s.council_topic(&GetCouncilTopic { id: t }).unwrap();
    assert_eq!(t_now.state, TopicState::Done);
    let f =
        o.s.council_report(&CouncilReport {
            month: Some("2026-03".into()),
            place_id: None,
        })
        .unwrap();
    assert_eq!(
        (
            f.topics,
            f.meetings,
            f.voted,
            f.passed,
            f.resolutions,
            f.requests
        ),
        (1, 1, 1, 1, 1, 2)
    );
    assert_eq!(f.resolutions_done, 0, "done in April, not March");
    let april =
        o.s.council_report(&CouncilReport {
            month: Some("2026-04".into()),
            place_id: Some(o.community),
        })
        .unwrap();
    assert_eq!((april.resolutions_done, april.meetings), (1, 0));
    // the monthly report's line opens its records
    let report =
        o.s.monthly_report(&MonthlyReport {
            month: "2026-04".into(),
            place_id: None,
            path: None,
            grid_id: None,
        })
        .unwrap();
    let line = report
        .figures
        .iter()
        .find(|f| f.key == "council_resolutions_done")
        .unwrap();
    assert_eq!(line.month, 1.0);
    let recs =
        o.s.monthly_figure_records(&MonthlyFigureRecords {
            month: "2026-04".into(),
            place_id: None,
            key: "council_resolutions_done".into(),
            cumulative: false,
            grid_id: None,
        })
        .unwrap();
    assert_eq!(recs.rows.len(), 1);
    assert_eq!(recs.rows[0][1], "楼道电动车充电");
}

#[test]
fn a_rejected_topic_goes_no_further() {
    let mut o = office();
    let t =
        o.s.propose_topic(&ProposeTopic {
            community_id: o.community,
            place_id: None,
            title: "换个广场舞音响".into(),
            text: String::new(),
            category: TopicCategory::Other,
            origin: TopicOrigin::Official,
            origin_id: None,
            proposer_person_id: None,
            proposer_household_id: None,
            proposer_name: "王阿姨".into(),
            proposed_on: None,
        })
        .unwrap()
        .id;
    let no_reason = TopicStepInput::Review {
        date: None,
        accepted: false,
        note: String::new(),
    };
    assert_eq!(code(step(&mut o, t, no_reason)), "text_empty");
    let topic = step(
        &mut o,
        t,
        TopicStepInput::Review {
            date: None,
            accepted: false,
            note: "属个人事项，不列入议事".into(),
        },
    )
    .unwrap();
    assert_eq!(topic.state, TopicState::Rejected);
    let publish = TopicStepInput::Publish {
        date: None,
        until: None,
        note: String::new(),
    };
    assert_eq!(code(step(&mut o, t, publish)), "cnc_rejected");
}

pub(crate) fn suggestion(
    o: &mut Office,
    source: SuggestionSource,
    household: Option<Id>,
) -> Suggestion {
    o.s.take_suggestion(&TakeSuggestion {
        community_id: o.community,
        point_id: None,
        place_id: None,
        source,
        household_id: household,
        name: "王秀英".into(),
        text: "小区东侧路灯坏了".into(),
        received_on: None,
        taken_by: Some(o.worker),
    })
    .unwrap()
}

#[test]
fn a_suggestion_is_answered_or_made_a_topic_or_a_request_once() {
    let mut o = office();
    let bad = TakeSuggestion {
        community_id: o.community,
        point_id: None,
        place_id: None,
        source: SuggestionSource::Desk,
        household_id: None,
        name: String::new(),
        text: "路灯".into(),
        received_on: None,
        taken_by: None,
    };
    assert_eq!(code(o.s.take_suggestion(&bad)), "cnc_suggester");
    let later = TakeSuggestion {
        name: "王秀英".into(),
        received_on: Some("2026-03-09".into()),
        ..bad
    };
    assert_eq!(code(o.s.take_suggestion(&later)), "cnc_in_future");
    let homes = o.homes.clone();
    let a = suggestion(&mut o, SuggestionSource::Phone, Some(homes[0]));
    assert_eq!(a.state, SuggestionState::Received);
    assert!(a.household.contains("3栋"), "{}", a.household);
    let answered =
        o.s.handle_suggestion(&HandleSuggestion {
            id: a.id,
            action: SuggestionAction::Answer {
                answer: "已报修，三日内修好".into(),
                date: None,
            },
        })
        .unwrap();
    assert_eq!(answered.state, SuggestionState::Answered);
    let again = HandleSuggestion {
        id: a.id,
        action: SuggestionAction::Answer {
            answer: "再答".into(),
            date: None,
        },
    };
    assert_eq!(code(o.s.handle_suggestion(&again)), "cnc_suggestion_done");

    let b = suggestion(&mut o, SuggestionSource::Steward, Some(homes[1]));
    let made =
        o.s.handle_suggestion(&HandleSuggestion {
            id: b.id,
            action: SuggestionAction::Topic {
                title: "东侧路灯".into(),
                category: TopicCategory::Facilities,
                answer: String::new(),
                date: None,
            },
        })
        .unwrap();
    assert_eq!(made.state, SuggestionState::Topic);
    assert!(
        made.answer.contains("议题"),
        "the answer is recorded: {}",
        made.answer
    );
    let topic =
        o.s.council_topic(&GetCouncilTopic {
            id: made.topic_id.unwrap(),
        })
        .unwrap();
    assert_eq!(
        (topic.origin, topic.origin_id, topic.proposer.as_str()),
        (TopicOrigin::Suggestion, Some(b.id), "王秀英")
    );

    let c = suggestion(&mut o, SuggestionSource::Desk, None);
    let req =
        o.s.handle_suggestion(&HandleSuggestion {
            id: c.id,
            action: SuggestionAction::Request {
                title: "修东侧路灯".into(),
                category: TaskCategory::PublicMatter,
                owner_id: Some(o.worker),
                due_date: Some("2026-03-10".into()),
                answer: String::new(),
                date: None,
            },
        })
        .unwrap();
    assert_eq!(req.state, SuggestionState::Request);
    let task =
        o.s.get_task(&GetTask {
            id: req.task_id.unwrap(),
            today: None,
        })
        .unwrap();
    assert_eq!(task.task.status, TaskStatus::Dispatched);

    let d = suggestion(&mut o, SuggestionSource::Broadcast, None);
    let f =
        o.s.suggestion_report(&SuggestionReport {
            month: Some("2026-03".into()),
            place_id: Some(o.community),
        })
        .unwrap();
    assert_eq!(
        (f.received, f.answered, f.to_topic, f.to_request, f.waiting),
        (4, 3, 1, 1, 1)
    );
    assert!((f.answer_rate - 0.75).abs() < 1e-9);
    let waiting =
        o.s.list_suggestions(&ListSuggestions {
            state: Some(SuggestionState::Received),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(waiting.iter().map(|s| s.id).collect::<Vec<_>>(), [d.id]);

    // a steward's laptop: the suggestion, not who made it
    o.s.save_sync_role(linli_protocol::sync::Role::Steward)
        .unwrap();
    let seen = o.s.list_suggestions(&ListSuggestions::default()).unwrap();
    assert!(seen
        .iter()
        .all(|s| s.withheld && s.name.is_empty() && s.household.is_empty()));
    assert!(seen.iter().any(|s| s.text.contains("路灯")));
}
