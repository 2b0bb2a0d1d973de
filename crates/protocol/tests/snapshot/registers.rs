//! The snapshot's samples of the registers beside the household register: the volunteer time
//! bank, the place tree and a community's rules, erasure's redactions, the lending register,
//! targets and the councils.

use super::*;

pub(super) fn volunteer_samples() -> Value {
    use linli_domain::volunteers::{ItemKind, LedgerKind, TeamKind};
    let balance = Balance {
        volunteer_id: id(40),
        balance: 35,
        pending_here: -20,
        expired: 0,
        certain: false,
        note: "上次同步在3小时前：35分含本机尚未同步的-20分；其他站点此后的兑换可能未计入，余额不能确定。".into(),
        open_reviews: 0,
    };
    let line = StatementLine {
        id: id(50),
        date: "2026-03-02".into(),
        kind: LedgerKind::Earn,
        points: 20,
        running: 20,
        description: "服务积分：护学".into(),
        reverses: None,
        needs_review: false,
        resolution: None,
        entry_id: Some(id(43)),
    };
    let item = CatalogueItem {
        id: id(60),
        community_id: id(2),
        kind: ItemKind::Goods,
        name: "大米5斤".into(),
        cost: 50,
        unit: "袋".into(),
        stock: Some(12),
    };
    json!({
        "requests": [
            Request::add_volunteer(AddVolunteer { community_id: id(2), resident_id: Some(id(11)), name: "".into(), phone: None, skills: vec!["理发".into()], availability: "周末上午".into() }),
            Request::add_team(AddTeam { community_id: id(2), kind: TeamKind::SchoolCrossing, name: "护学岗志愿队".into() }),
            Request::set_team_member(SetTeamMember { team_id: id(41), volunteer_id: id(40), leader: true, remove: false }),
            Request::register_party_member(RegisterPartyMember { volunteer_id: id(40), work_unit: "县医院".into(), pledges: vec!["每月服务4小时".into()], registered_on: None }),
            Request::add_activity(AddActivity { community_id: id(2), team_id: Some(id(41)), title: "上学护学".into(), category: "护学".into(), date: "2026-03-02".into(), hours: 2.0, place: "城关小学".into(), time: "07:10".into(), capacity: Some(8) }),
            Request::sign_up(SignUp { activity_id: id(42), volunteer_ids: vec![id(40)] }),
            Request::mark_attendance(MarkAttendance { activity_id: id(42), volunteer_ids: vec![id(40)], present: true }),
            Request::credit_hours(CreditHours { activity_id: Some(id(42)), volunteer_ids: vec![id(40)], hours: None, category: None, date: None, note: "".into(), each: vec![PersonHours { volunteer_id: id(40), hours: 2.5 }] }),
            Request::verify_hours(VerifyHours { entry_ids: vec![id(43)], verified_by: Some(id(30)) }),
            Request::reverse_hours(ReverseHours { entry_id: id(43), reason: "重复登记".into() }),
            Request::set_points_rules(SetPointsRules { community_id: id(2), rates: [("护学".to_owned(), 15)].into(), default_rate: 10, entry_cap: Some(40), month_cap: None, expiry_months: Some(24) }),
            Request::redeem(Redeem { volunteer_id: id(40), item_id: id(60), quantity: 1 }),
            Request::resolve_review(ResolveReview { ledger_id: id(51), resolution: ReviewResolution::Accept, note: "".into() }),
            Request::edit_volunteer(EditVolunteer { id: id(40), name: "林秀英".into(), phone: Some("13800001111".into()), skills: vec!["理发".into()], availability: "周末".into() }),
            Request::edit_team(EditTeam { id: id(41), kind: TeamKind::Traffic, name: "文明劝导队".into() }),
            Request::edit_activity(EditActivity { id: id(42), team_id: None, title: "上学护学".into(), category: "护学".into(), date: "2026-03-02".into(), time: "".into(), hours: 1.5, place: "".into(), capacity: None }),
            Request::edit_catalogue_item(EditCatalogueItem { id: id(60), name: "大米10斤".into(), cost: 90, unit: "袋".into() }),
            Request::reject_hours(RejectHours { entry_ids: vec![id(43)], reason: "未到场".into() }),
            Request::explain_points(ExplainPoints { entry_id: id(43) }),
            Request::hours_report(HoursReportQuery { community_id: Some(id(2)), from: Some("2026-01-01".into()), to: None }),
        ],
        "statement": Statement { volunteer_id: id(40), volunteer_name: "林秀英".into(), community_name: "北门社区".into(), lines: vec![line], balance: balance.clone(), hours: 2.0 },
        "redemption": Redemption { ledger_id: id(51), points: 50, item, balance },
        "entry": HourEntry { id: id(43), volunteer_id: id(40), volunteer_name: "林秀英".into(), activity_id: Some(id(42)), hours: 2.0, category: "护学".into(), date: "2026-03-02".into(), note: "".into(), reverses: None, status: EntryStatus::Verified, points: Some(30), credited_by: Some(id(30)), credited_by_name: Some("王建国".into()), rejected_reason: None },
        "reason": [PointsReason::Full, PointsReason::BelowMinimum, PointsReason::MonthCap],
        "hours_row": HoursRow { id: Some(id(40)), name: "林秀英".into(), hours: 2.5, entries: 2, volunteers: 1 },
    })
}

/// Editing the place tree and a community's rules (issue 15 items 2 and 3).
pub(super) fn places_and_rules_samples() -> Value {
    let visit = VisitRules {
        community_id: id(2),
        care_days: 14,
        everyone_days: 60,
    };
    let points = PointsRules {
        community_id: id(2),
        rates: [("护学".to_owned(), 15)].into(),
        default_rate: 12,
        entry_cap: Some(40),
        month_cap: None,
        expiry_months: Some(24),
        description: "…".into(),
    };
    json!({
        "requests": [
            Request::rename_place(RenamePlace { id: id(3), name: "3号楼".into() }),
            Request::add_building(AddBuilding { compound_id: id(4), name: "7栋".into(), units: 3, floors: Some(18) }),
            Request::building_details(GetBuildingDetails { building_id: id(5) }),
            Request::set_building_floors(SetBuildingFloors { building_id: id(5), floors: Some(6) }),
            Request::get_community_rules(GetCommunityRules { community_id: id(2) }),
            Request::set_community_settings(SetCommunitySettings { community_id: id(2), station_name: Some("北门社区新时代文明实践站".into()), care_tags: Some(vec!["独居老人".into(), "残疾".into()]) }),
            Request::station_of(StationOf { volunteer_id: id(40) }),
        ],
        "rules": CommunityRules { community_id: id(2), station_name: "北门社区新时代文明实践站".into(), care_tags: vec!["独居老人".into()], visit, tasks: vec![TaskRuleDays { category: linli_domain::field::TaskCategory::CivicMatter, escalate_after_days: 5, set: true }], points },
        "station": Station { community_id: Some(id(2)), community_name: "北门社区".into(), station_name: "北门社区新时代文明实践站".into() },
        "building": BuildingDetails { building_id: id(5), floors: Some(6) },
    })
}

/// Issue 16 item 5: a redaction the server logs after `linli admin erase`, as a laptop pulls it
/// (a change of the pseudo-table `redactions` by the server's own device id).
pub(super) fn erasure_samples() -> Value {
    use linli_protocol::erasure::*;
    use linli_protocol::sync::*;
    let redaction = Redaction {
        table: "residents".into(),
        row_id: id(70),
        set: [
            ("name".to_owned(), json!(ERASED_NAME)),
            ("id_number".to_owned(), Value::Null),
            ("phone".to_owned(), Value::Null),
            ("care_tags".to_owned(), json!("[]")),
        ]
        .into_iter()
        .collect(),
    };
    let pulled = PulledChange {
        server_seq: 812,
        needs_review: false,
        read_only: false,
        change: Change {
            change_id: id(71),
            device_id: SERVER_DEVICE,
            device_seq: 812,
            hlc: linli_domain::Hlc::new(1_772_000_000_000, 0),
            author: None,
            scope_community: None,
            scope_grid: None,
            scope_place: Some(id(5)),
            table: REDACTIONS.into(),
            row_id: id(72),
            fields: redaction.to_fields(),
        },
    };
    let fields = |list: &[(&str, Tomb)]| -> Vec<(String, Value)> {
        list.iter()
            .map(|(f, t)| ((*f).to_owned(), t.value()))
            .collect()
    };
    json!({
        "pulled_redaction": pulled,
        "resident_fields": fields(RESIDENT_FIELDS),
        "volunteer_fields": fields(VOLUNTEER_FIELDS),
        "party_member_fields": fields(PARTY_MEMBER_FIELDS),
        "member_update_keys": fields(MEMBER_UPDATE_KEYS),
    })
}

/// 米邻驿站, the lending register (issue 19).
pub(super) fn lending_samples() -> Value {
    use linli_domain::lending::*;
    let fields = LendKindFields {
        name: "轮椅".into(),
        category: "助行".into(),
        loan_days: 30,
        max_renewals: 1,
        buffer_days: 1,
        deposit_unit: DepositUnit::Points,
        deposit: 50,
        needs_approval: false,
        consumable: false,
        care_notes: "归还时检查刹车".into(),
        parts: vec!["脚踏".into()],
    };
    json!({
        "requests": [
            Request::add_lend_kind(AddLendKind { community_id: id(2), fields: fields.clone() }),
            Request::add_lend_copy(AddLendCopy { kind_id: id(30), donor_points: 0, donor_volunteer_id: None, fields: LendCopyFields { code: "WC-01".into(), value: Some(800), ..Default::default() } }),
            Request::lend(Lend { community_id: id(2), household_id: id(10), resident_id: None, codes: vec!["WC-01".into()], due: None, approved_by: String::new(), deposit_volunteer_id: Some(id(40)), note: String::new() }),
            Request::return_loans(ReturnLoans { community_id: id(2), items: vec![ReturnItem { code: "WC-01".into(), loan_id: None, outcome: ReturnOutcome::Damaged, condition: "刹车松".into(), missing_parts: vec!["脚踏".into()], note: String::new(), deposit: Some(DepositKind::Refund), photos: vec![] }] }),
            Request::renew_loan(RenewLoan { loan_id: id(50) }),
            Request::place_hold(PlaceHold { kind_id: id(30), household_id: id(10), resident_id: None }),
            Request::service_copy(ServiceCopy { copy_id: id(31), action: CopyAction::Maintenance, note: String::new(), next_due: Some("2026-09-01".into()) }),
            Request::set_lend_rules(SetLendRules { rules: LendRules { community_id: id(2), max_loans: 5, block_overdue_days: 14, renew_overdue_days: 7, pickup_days: 3 } }),
            Request::lending_report(LendingReport { month: Some("2026-03".into()), place_id: None }),
        ],
        "copy_statuses": CopyStatus::ALL,
        "hold_states": HoldState::ALL,
    })
}

pub(super) fn targets_samples() -> Value {
    use linli_domain::targets::TargetStatus;
    let ratio = Ratio {
        num: 9.0,
        den: 10.0,
        rate: 0.9,
    };
    let line = ProgressLine {
        level: "grid".into(),
        place_id: None,
        grid_id: Some(id(60)),
        person_id: None,
        name: "第1网格".into(),
        within: "北门社区".into(),
        source: "community".into(),
        from_month: Some("2026-03".into()),
        measures: vec![
            Measure {
                key: "visits".into(),
                actual: 42.0,
                ratio: None,
                target: Some(50.0),
                due: Some(25.0),
                status: TargetStatus::Amber,
            },
            Measure {
                key: "coverage".into(),
                actual: 0.9,
                ratio: Some(ratio),
                target: Some(0.9),
                due: Some(0.45),
                status: TargetStatus::Green,
            },
            Measure {
                key: "on_time".into(),
                actual: 0.0,
                ratio: Some(Ratio {
                    num: 0.0,
                    den: 0.0,
                    rate: 0.0,
                }),
                target: None,
                due: None,
                status: TargetStatus::None,
            },
        ],
        status: TargetStatus::Amber,
        score: Some(0.92),
        prev_score: Some(0.8),
    };
    json!({
        "requests": [
            Request::set_target(SetTarget { place_id: Some(id(2)), grid_id: None, from_month: "2026-03".into(), visits: Some(300), coverage_pct: Some(90), on_time_pct: None }),
            Request::list_targets(ListTargets { place_id: Some(id(2)), grid_id: None }),
            Request::target_progress(TargetProgress { month: Some("2026-03".into()), place_id: Some(id(2)), grid_id: None }),
        ],
        "version": TargetVersion { id: id(61), place_id: Some(id(2)), grid_id: None, name: "北门社区".into(), community_id: Some(id(2)), from_month: "2026-03".into(), visits: Some(300), coverage_pct: Some(90), on_time_pct: None, at: "2026-03-01T01:00:00.000Z".into(), replaced: false },
        "report": TargetReport {
            scope_name: "北门社区".into(),
            month: "2026-03".into(),
            from: "2026-03-01".into(),
            to: "2026-03-31".into(),
            elapsed: 0.5,
            amber_share: 0.8,
            behind: vec![DigestLine { level: "grid".into(), name: "第1网格".into(), within: "北门社区".into(), status: TargetStatus::Red, score: Some(0.5), prev_score: None, change: None }],
            improved: vec![],
            lines: vec![line],
        },
        "statuses": [TargetStatus::Red, TargetStatus::Amber, TargetStatus::Green, TargetStatus::None],
    })
}

/// 议事 (issue 20 items 2 and 5): a topic proposed, a vote, requests made from a resolution, a
/// meeting with its attendees, a suggestion taken and made a request.
pub(super) fn council_samples() -> Value {
    use linli_domain::councils::{
        AttendeeRole, SuggestionSource, SuggestionState, TopicCategory, TopicOrigin, TopicState,
    };
    json!({
        "requests": [
            Request::propose_topic(ProposeTopic {
                community_id: id(2),
                place_id: None,
                title: "楼道充电".into(),
                text: String::new(),
                category: TopicCategory::Safety,
                origin: TopicOrigin::Suggestion,
                origin_id: Some(id(70)),
                proposer_person_id: None,
                proposer_household_id: Some(id(71)),
                proposer_name: "王秀英".into(),
                proposed_on: None,
            }),
            Request::record_topic_step(RecordTopicStep {
                topic_id: id(72),
                step: TopicStepInput::Vote { votes_for: 5, votes_against: 1, votes_abstain: 0 },
            }),
            Request::make_topic_requests(MakeTopicRequests {
                topic_id: id(72),
                requests: vec![ResolutionRequest {
                    title: "增设充电桩".into(),
                    category: linli_domain::field::TaskCategory::PublicMatter,
                    description: String::new(),
                    owner_id: id(73),
                    due_date: "2026-04-20".into(),
                }],
            }),
            Request::save_council_meeting(SaveCouncilMeeting {
                id: None,
                community_id: id(2),
                point_id: None,
                place: "议事厅".into(),
                date: "2026-03-25".into(),
                time: "19:30".into(),
                host: "陈网格".into(),
                expected: 9,
                attendees: vec![Attendee { name: "陈网格".into(), role: AttendeeRole::Host }],
                minutes: String::new(),
                rule: linli_domain::councils::VoteRule {
                    quorum: linli_domain::councils::QuorumRule::TwoThirds,
                    pass: linli_domain::councils::PassRule::CastMajority,
                },
                deleted: false,
            }),
            Request::take_suggestion(TakeSuggestion {
                community_id: id(2),
                point_id: None,
                place_id: None,
                source: SuggestionSource::Phone,
                household_id: None,
                name: "王秀英".into(),
                text: "路灯坏了".into(),
                received_on: Some("2026-03-02".into()),
                taken_by: None,
            }),
            Request::handle_suggestion(HandleSuggestion {
                id: id(74),
                action: SuggestionAction::Request {
                    title: "修路灯".into(),
                    category: linli_domain::field::TaskCategory::PublicMatter,
                    owner_id: Some(id(73)),
                    due_date: Some("2026-03-10".into()),
                    answer: String::new(),
                    date: None,
                },
            }),
        ],
        "topic_states": TopicState::ALL,
        "suggestion_states": SuggestionState::ALL,
    })
}
