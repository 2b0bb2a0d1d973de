//! The mediation register (人民调解, issue 20 item 1) on real SQLite files: numbering per year
//! and community, two laptops numbering offline, the parties and mediators checked, the stages in
//! order, the one-month term with its remaining days, escalation and an extension only with every
//! party's consent, the change of mediator, and 司法确认's 30-day window.

use linli_domain::mediation::{
    CaseSource, CaseState, ConfirmResult, DisputeKind, Outcome, PartySide, Route,
};
use linli_domain::volunteers::TeamKind;
use linli_domain::{Gender, Id};
use linli_protocol::*;
use linli_store::Store;

mod more;

use crate::lending::sync::carry;
use crate::lending::{on, station_at};

struct Desk {
    s: Store,
    _dir: tempfile::TempDir,
    community: Id,
    homes: Vec<Id>,
    mediators: Vec<Id>,
}

fn resident(s: &mut Store, household: Id, name: &str) -> Id {
    s.add_resident(&AddResident {
        household_id: household,
        fields: ResidentFields {
            name: name.into(),
            gender: Some(Gender::Female),
            birth_date: Some("1970-05-01".into()),
            relation: "户主".into(),
            ..ResidentFields::default()
        },
    })
    .unwrap()
    .id
}

fn desk() -> Desk {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, community, _, homes) = station_at(&dir.path().join("linli.db"));
    let team = s
        .add_team(&AddTeam {
            community_id: community,
            kind: TeamKind::Mediation,
            name: "北门调解队".into(),
        })
        .unwrap()
        .id;
    let mediators = ["林调解", "陈调解"]
        .iter()
        .map(|name| {
            let v = s
                .add_volunteer(&AddVolunteer {
                    community_id: community,
                    resident_id: None,
                    name: (*name).into(),
                    phone: None,
                    skills: vec![],
                    availability: String::new(),
                })
                .unwrap()
                .id;
            s.set_team_member(&SetTeamMember {
                team_id: team,
                volunteer_id: v,
                leader: false,
                remove: false,
            })
            .unwrap();
            v
        })
        .collect();
    Desk {
        s,
        _dir: dir,
        community,
        homes,
        mediators,
    }
}

fn outsider(side: PartySide, name: &str) -> PartyFields {
    PartyFields {
        side,
        resident_id: None,
        name: name.into(),
        gender: Some(Gender::Male),
        age: Some(45),
        phone: "13812345678".into(),
        address: String::new(),
        unit: "某装修公司".into(),
    }
}

fn register(
    d: &mut Desk,
    on_day: &str,
    parties: Vec<PartyFields>,
) -> linli_store::Result<MediationCase> {
    d.s.register_mediation_case(&RegisterMediationCase {
        community_id: d.community,
        place_id: None,
        kind: DisputeKind::Neighbours,
        source: CaseSource::Application,
        brief: "楼上漏水，楼下天花板受损".into(),
        registered_on: Some(on_day.into()),
        mediators: vec![d.mediators[0]],
        parties,
    })
}

fn neighbours(d: &mut Desk) -> Vec<PartyFields> {
    let a = resident(&mut d.s, d.homes[0], "王秀英");
    let b = resident(&mut d.s, d.homes[1], "赵建国");
    vec![
        PartyFields {
            resident_id: Some(a),
            ..outsider(PartySide::Applicant, "")
        },
        PartyFields {
            resident_id: Some(b),
            ..outsider(PartySide::Respondent, "")
        },
    ]
}

fn step(d: &mut Desk, case: Id, step: MediationStep) -> linli_store::Result<MediationCase> {
    d.s.record_mediation_step(&RecordMediationStep {
        case_id: case,
        step,
    })
}

fn code(e: linli_store::Error) -> &'static str {
    e.code().map(|(c, _)| c).unwrap_or("")
}

fn session(date: &str) -> MediationStep {
    MediationStep::Session {
        date: Some(date.into()),
        time: "09:30".into(),
        place: "社区调解室".into(),
        present: "双方当事人、调解员林调解".into(),
        record: "双方陈述，查看漏水处".into(),
    }
}

fn written(date: &str) -> MediationStep {
    MediationStep::Outcome {
        date: Some(date.into()),
        outcome: Outcome::Written,
        content: "赵建国修好防水层并赔偿王秀英800元".into(),
        carry_how: "现金一次付清".into(),
        carry_where: "社区调解室".into(),
        carry_by: Some("2026-03-20".into()),
        route: None,
    }
}

#[test]
fn numbers_run_per_year_and_community_and_parties_come_from_the_register() {
    let mut d = desk();
    let parties = neighbours(&mut d);
    let c1 = register(&mut d, "2026-03-01", parties.clone()).unwrap();
    assert_eq!(c1.number_text, "（2026）北人调字第1号");
    assert_eq!(c1.committee, "北门社区人民调解委员会");
    assert_eq!(c1.parties[0].fields.name, "王秀英");
    assert_eq!(c1.parties[0].fields.age, Some(55));
    assert_eq!(c1.parties[1].fields.side, PartySide::Respondent);
    assert_eq!(c1.state, CaseState::Registered);
    assert_eq!(c1.mediators[0].name, "林调解");
    let c2 = register(&mut d, "2026-03-02", parties).unwrap();
    assert_eq!(c2.number, 2);
    d.s.set_mediation_settings(&SetMediationSettings {
        community_id: d.community,
        prefix: "北门".into(),
        committee: String::new(),
    })
    .unwrap();
    let c2 =
        d.s.mediation_case(&GetMediationCase {
            id: c2.id,
            today: None,
        })
        .unwrap();
    assert_eq!(c2.number_text, "（2026）北门人调字第2号");
    let list =
        d.s.list_mediation_cases(&ListMediationCases {
            community_id: Some(d.community),
            text: "王秀英".into(),
            ..ListMediationCases::default()
        })
        .unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!(list[0].number, 2, "newest first");
    assert_eq!(list[0].parties, "王秀英 与 赵建国");
}

#[test]
fn bad_cases_are_refused_and_change_nothing() {
    let mut d = desk();
    let only_one = vec![outsider(PartySide::Applicant, "张三")];
    assert_eq!(
        code(register(&mut d, "2026-03-01", only_one).unwrap_err()),
        "med_party_sides"
    );
    let nameless = vec![
        outsider(PartySide::Applicant, "张三"),
        outsider(PartySide::Respondent, " "),
    ];
    assert_eq!(
        code(register(&mut d, "2026-03-01", nameless).unwrap_err()),
        "text_empty"
    );
    let twice = vec![
        outsider(PartySide::Applicant, "张三"),
        outsider(PartySide::Respondent, "张三"),
    ];
    assert_eq!(
        code(register(&mut d, "2026-03-01", twice).unwrap_err()),
        "med_party_twice"
    );
    let ok = vec![
        outsider(PartySide::Applicant, "张三"),
        outsider(PartySide::Respondent, "李四"),
    ];
    assert_eq!(
        code(register(&mut d, "2026-03-05", ok.clone()).unwrap_err()),
        "med_in_future"
    );
    let mut req = RegisterMediationCase {
        community_id: d.community,
        place_id: None,
        kind: DisputeKind::Contract,
        source: CaseSource::Court,
        brief: "装修款".into(),
        registered_on: None,
        mediators: vec![],
        parties: ok,
    };
    assert_eq!(
        code(d.s.register_mediation_case(&req).unwrap_err()),
        "med_no_mediator"
    );
    req.mediators = vec![Id::new()];
    assert!(d.s.register_mediation_case(&req).is_err());
    let all =
        d.s.list_mediation_cases(&ListMediationCases::default())
            .unwrap();
    assert!(all.is_empty());
}

#[test]
fn a_case_runs_in_order_with_its_term_extension_and_confirmation_window() {
    let mut d = desk();
    let parties = neighbours(&mut d);
    let c = register(&mut d, "2026-03-01", parties).unwrap();
    assert_eq!(c.term_end, "2026-03-31");
    assert_eq!(c.days_left, Some(29), "on 03-02");
    let e = step(&mut d, c.id, session("2026-03-02")).unwrap_err();
    assert_eq!(code(e), "med_notice_first");
    let notice = MediationStep::Notice {
        date: Some("2026-03-01".into()),
        note: "书面告知".into(),
    };
    assert_eq!(
        step(&mut d, c.id, notice).unwrap().state,
        CaseState::Mediating
    );
    step(&mut d, c.id, session("2026-03-02")).unwrap();
    // a month later, still no outcome: overdue and escalated
    on(&mut d.s, "2026-04-10");
    let late =
        d.s.mediation_case(&GetMediationCase {
            id: c.id,
            today: None,
        })
        .unwrap();
    assert_eq!(late.days_left, Some(-10));
    assert_eq!(late.escalation, Some(1), "10 days over: 街道");
    // an extension needs both parties' consent
    let (a, b) = (late.parties[0].id, late.parties[1].id);
    let ext = |consenting| MediationStep::Extension {
        date: None,
        days: 20,
        consenting,
        note: String::new(),
    };
    let e = step(&mut d, c.id, ext(vec![a])).unwrap_err();
    assert!(e.to_string().contains("赵建国"), "{e}");
    assert_eq!(code(e), "med_extension_consent");
    let c2 = step(&mut d, c.id, ext(vec![a, b])).unwrap();
    assert_eq!(c2.term_end, "2026-04-20");
    assert_eq!(c2.days_left, Some(10));
    assert_eq!(c2.escalation, None);
    // a written agreement states its terms
    let vague = MediationStep::Outcome {
        date: None,
        outcome: Outcome::Written,
        content: "和解".into(),
        carry_how: String::new(),
        carry_where: String::new(),
        carry_by: None,
        route: None,
    };
    assert_eq!(
        code(step(&mut d, c.id, vague).unwrap_err()),
        "med_agreement_terms"
    );
    let agreed = step(&mut d, c.id, written("2026-03-05")).unwrap();
    assert_eq!(agreed.state, CaseState::Agreed);
    assert_eq!(agreed.days_left, None, "the term stops at the outcome");
    assert_eq!(agreed.confirm_by.as_deref(), Some("2026-04-04"));
    let e = step(&mut d, c.id, written("2026-03-06")).unwrap_err();
    assert_eq!(code(e), "med_outcome_twice");
    // 司法确认 within 30 days of the agreement
    let confirm = |date: &str| MediationStep::Confirmation {
        date: Some(date.into()),
        court: "樟城镇人民法庭".into(),
        result: ConfirmResult::Confirmed,
    };
    let e = step(&mut d, c.id, confirm("2026-04-05")).unwrap_err();
    assert_eq!(code(e), "med_confirm_window");
    step(&mut d, c.id, confirm("2026-04-04")).unwrap();
    // 回访 before 结案
    let close = MediationStep::Close {
        date: None,
        note: String::new(),
    };
    assert_eq!(
        code(step(&mut d, c.id, close.clone()).unwrap_err()),
        "med_follow_up_first"
    );
    let visit = MediationStep::FollowUp {
        date: Some("2026-03-25".into()),
        how_carried: "已修好并付清".into(),
        risks: "无".into(),
    };
    step(&mut d, c.id, visit.clone()).unwrap();
    let closed = step(&mut d, c.id, close).unwrap();
    assert_eq!(closed.state, CaseState::Closed);
    assert_eq!(closed.events.len(), 7);
    assert_eq!(code(step(&mut d, c.id, visit).unwrap_err()), "med_closed");
}

#[test]
fn a_party_may_change_the_mediator_and_a_failed_case_gives_its_route() {
    let mut d = desk();
    let parties = neighbours(&mut d);
    let c = register(&mut d, "2026-03-01", parties).unwrap();
    let change = |asked_by, m| MediationStep::MediatorChange {
        date: None,
        asked_by,
        mediators: vec![m],
        reason: "与调解员相识，申请回避".into(),
    };
    let (m0, m1) = (d.mediators[0], d.mediators[1]);
    let e = step(&mut d, c.id, change(Id::new(), m1)).unwrap_err();
    assert_eq!(code(e), "med_not_a_party");
    let e = step(&mut d, c.id, change(c.parties[1].id, m0)).unwrap_err();
    assert_eq!(code(e), "med_same_mediators");
    let changed = step(&mut d, c.id, change(c.parties[1].id, m1)).unwrap();
    assert_eq!(changed.mediators[0].name, "陈调解");
    let notice = MediationStep::Notice {
        date: None,
        note: String::new(),
    };
    step(&mut d, c.id, notice).unwrap();
    step(&mut d, c.id, session("2026-03-02")).unwrap();
    let failed = |route| MediationStep::Outcome {
        date: None,
        outcome: Outcome::Failed,
        content: "双方分歧过大".into(),
        carry_how: String::new(),
        carry_where: String::new(),
        carry_by: None,
        route,
    };
    assert_eq!(
        code(step(&mut d, c.id, failed(None)).unwrap_err()),
        "med_needs_route"
    );
    let f = step(&mut d, c.id, failed(Some(Route::Lawsuit))).unwrap();
    assert_eq!(f.state, CaseState::Failed);
    let follow = MediationStep::FollowUp {
        date: None,
        how_carried: "x".into(),
        risks: String::new(),
    };
    assert_eq!(
        code(step(&mut d, c.id, follow).unwrap_err()),
        "med_needs_agreement"
    );
    let close = MediationStep::Close {
        date: None,
        note: "告知当事人可向法院起诉".into(),
    };
    assert_eq!(step(&mut d, c.id, close).unwrap().state, CaseState::Closed);
}

#[test]
fn two_laptops_numbering_offline_show_the_clash_until_the_later_case_is_renumbered() {
    let mut d = desk();
    let dir = tempfile::tempdir().unwrap();
    let mut b = Store::open(dir.path().join("b.db")).unwrap();
    on(&mut b, "2026-03-02");
    let parties = neighbours(&mut d);
    // the register, the team and the parties reach b; then both register offline
    carry(&d.s, &mut b);
    let first = register(&mut d, "2026-03-01", parties.clone()).unwrap();
    let later = b
        .register_mediation_case(&RegisterMediationCase {
            community_id: d.community,
            place_id: None,
            kind: DisputeKind::PropertyManagement,
            source: CaseSource::Initiative,
            brief: "物业费".into(),
            registered_on: Some("2026-03-02".into()),
            mediators: vec![d.mediators[1]],
            parties,
        })
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(later.number, 1, "b did not see a's case");
    carry(&b, &mut d.s);
    carry(&d.s, &mut b);
    for s in [&mut d.s, &mut b] {
        let one = s
            .mediation_case(&GetMediationCase {
                id: first.id,
                today: None,
            })
            .unwrap();
        let two = s
            .mediation_case(&GetMediationCase {
                id: later.id,
                today: None,
            })
            .unwrap();
        assert!(!one.clash, "the first registered keeps its number");
        assert!(two.clash);
    }
    let e = b
        .renumber_mediation_case(&RenumberMediationCase { id: first.id })
        .unwrap_err();
    assert_eq!(code(e), "med_not_clashing");
    let fixed = b
        .renumber_mediation_case(&RenumberMediationCase { id: later.id })
        .unwrap();
    assert_eq!(fixed.number_text, "（2026）北人调字第2号");
    assert!(!fixed.clash);
}

#[test]
fn a_laptop_without_the_mediation_grant_shows_no_party_or_record() {
    let mut d = desk();
    let parties = neighbours(&mut d);
    let c = register(&mut d, "2026-03-01", parties).unwrap();
    d.s.save_sync_role(linli_protocol::sync::Role::GridWorker)
        .unwrap();
    let seen =
        d.s.mediation_case(&GetMediationCase {
            id: c.id,
            today: None,
        })
        .unwrap();
    assert!(!seen.withheld);
    assert_eq!(seen.parties[0].fields.name, "王秀英");
    d.s.save_sync_role(linli_protocol::sync::Role::Steward)
        .unwrap();
    let hidden =
        d.s.mediation_case(&GetMediationCase {
            id: c.id,
            today: None,
        })
        .unwrap();
    assert!(hidden.withheld);
    assert!(hidden
        .parties
        .iter()
        .all(|p| p.withheld && p.fields.name.is_empty()));
    assert_eq!(hidden.brief, "");
    assert_eq!(
        hidden.number_text, c.number_text,
        "the case itself is known"
    );
    let list =
        d.s.list_mediation_cases(&ListMediationCases::default())
            .unwrap();
    assert_eq!(list[0].parties, "无权查看 与 无权查看");
}
