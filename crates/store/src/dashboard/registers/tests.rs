//! The other registers in 统计: every number, rate and bar of every section opens exactly the
//! records it counts (the demo's stations; a built community's mediation cases), a month's
//! figures are those `linli report lending` and `linli report mediation` count independently,
//! and a figure that does not exist is refused.

use linli_domain::calendar::days_from_civil;
use linli_domain::mediation::{CaseSource, DisputeKind, Outcome, PartySide, Route};
use linli_domain::volunteers::TeamKind;
use linli_domain::{Id, Now, PlaceKind};
use linli_protocol::*;

use super::REGISTERS;
use crate::Store;

pub(super) fn records(
    store: &Store,
    req: &Dashboard,
    chart: &str,
    bucket: Option<&str>,
) -> FigureRecords {
    let r = store
        .dashboard_records(&DashboardRecords {
            from: req.from.clone(),
            to: req.to.clone(),
            place_id: req.place_id,
            grid_id: req.grid_id,
            chart: chart.into(),
            bucket: bucket.map(str::to_owned),
        })
        .unwrap_or_else(|e| panic!("{chart} {bucket:?}: {e}"));
    assert!(r.rows.iter().all(|row| row.len() == r.headers.len()));
    assert!(
        r.headers
            .iter()
            .all(|h| r.words_en.iter().any(|(zh, _)| zh == h)),
        "{chart}: every header has its English"
    );
    r
}

/// The figures that add a column of their rows up: (key, the column's header holds).
const SUMS: [(&str, &str); 3] = [
    ("hours", "小时"),
    ("person_times", "队员人数"),
    ("participants", "人数"),
];

/// Checks every figure against its records; gives the sections.
pub(super) fn check(store: &Store, req: &Dashboard) -> Vec<RegisterFigures> {
    let d = store.dashboard(req).unwrap();
    assert_eq!(
        d.registers
            .iter()
            .map(|r| r.key.as_str())
            .collect::<Vec<_>>(),
        REGISTERS.iter().map(|(k, _)| *k).collect::<Vec<_>>()
    );
    for section in &d.registers {
        for n in &section.numbers {
            let chart = format!("{}.{}", section.key, n.key);
            let rows = records(store, req, &chart, None).rows.len() as f64;
            match n.ratio {
                None if SUMS.iter().any(|(k, _)| *k == n.key) => {
                    let r = records(store, req, &chart, None);
                    let head = SUMS.iter().find(|(k, _)| *k == n.key).unwrap().1;
                    let col = r.headers.iter().position(|h| h.contains(head)).unwrap();
                    let sum: f64 = r
                        .rows
                        .iter()
                        .map(|row| row[col].parse::<f64>().unwrap())
                        .sum();
                    assert!(
                        (sum - n.value).abs() < 1e-9,
                        "{chart}: the sum of its rows' {head}"
                    );
                }
                None => assert_eq!(rows, n.value, "{chart} {req:?}"),
                Some(r) => {
                    assert_eq!(rows, r.num, "{chart}: a rate opens its numerator");
                    let want = if r.den == 0.0 { 0.0 } else { r.num / r.den };
                    assert!((r.rate - want).abs() < 1e-9 && r.rate == n.value);
                }
            }
        }
        for c in &section.charts {
            let chart = format!("{}.{}", section.key, c.key);
            for bar in &c.bars {
                let rows = records(store, req, &chart, Some(&bar.key)).rows.len() as f64;
                assert_eq!(rows, bar.value, "{chart} {}", bar.key);
            }
        }
    }
    d.registers
}

pub(super) fn number(sections: &[RegisterFigures], register: &str, key: &str) -> f64 {
    sections
        .iter()
        .find(|s| s.key == register)
        .and_then(|s| s.numbers.iter().find(|n| n.key == key))
        .unwrap_or_else(|| panic!("{register}.{key}"))
        .value
}

/// One bar of a register's chart (0 when the chart has no such bar).
pub(super) fn bar(sections: &[RegisterFigures], register: &str, chart: &str, key: &str) -> f64 {
    sections
        .iter()
        .find(|s| s.key == register)
        .and_then(|s| s.charts.iter().find(|c| c.key == chart))
        .and_then(|c| c.bars.iter().find(|b| b.key == key))
        .map_or(0.0, |b| b.value)
}

pub(super) fn bars(sections: &[RegisterFigures], register: &str, key: &str) -> f64 {
    sections
        .iter()
        .find(|s| s.key == register)
        .and_then(|s| s.charts.iter().find(|c| c.key == key))
        .unwrap()
        .bars
        .iter()
        .map(|b| b.value)
        .sum()
}

#[test]
fn the_demo_stations_figures_open_the_loans_they_count() {
    let mut store = Store::open_in_memory().unwrap();
    crate::demo::generate(&mut store, Default::default()).unwrap();
    let today = store.now().today();
    let last = linli_domain::calendar::months_before(&today, 1);
    let (mfrom, mto) = crate::monthly::month_bounds(&last[..7]).unwrap();
    let (y, q) = linli_domain::period::quarter_of(&mfrom).unwrap();
    let (qfrom, qto) = linli_domain::period::quarter_bounds(y, q).unwrap();
    let community: Id = store
        .conn
        .query_row(
            "SELECT id FROM places WHERE kind = 'community' AND deleted = 0 ORDER BY name LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let grid: Id = store
        .conn
        .query_row(
            "SELECT id FROM grids WHERE parent_id IS NULL AND deleted = 0 AND community_id = ?1 LIMIT 1",
            [community.to_string()],
            |r| r.get(0),
        )
        .unwrap();
    let mut lent = 0.0;
    for (from, to) in [(&mfrom, &mto), (&qfrom, &qto)] {
        for (place_id, grid_id) in [(None, None), (Some(community), None), (None, Some(grid))] {
            let req = Dashboard {
                from: from.clone(),
                to: to.clone(),
                place_id,
                grid_id,
            };
            let s = check(&store, &req);
            lent += number(&s, "lending", "loans");
            // one bar a kind, though every community's station has its own of that name
            let kinds = &s[0].charts[0].bars;
            let names: std::collections::BTreeSet<_> = kinds.iter().map(|b| &b.label).collect();
            assert_eq!(names.len(), kinds.len(), "{kinds:?}");
            assert_eq!(
                number(&s, "lending", "loans"),
                bars(&s, "lending", "by_kind")
            );
            assert!(number(&s, "lending", "overdue") <= number(&s, "lending", "out"));
            let whole = s[0].note.is_empty();
            assert_eq!(whole, grid_id.is_none(), "a grid's are its community's");
        }
    }
    assert!(lent > 0.0, "the demo lends");
    // last month's are the station report's, counted by other code
    let req = Dashboard {
        from: mfrom.clone(),
        to: mto.clone(),
        place_id: Some(community),
        grid_id: None,
    };
    let s = check(&store, &req);
    let f = store
        .lending_report(&LendingReport {
            month: Some(last[..7].to_owned()),
            place_id: Some(community),
        })
        .unwrap();
    assert!(f.loans > 0 && f.overdue > 0, "{f:?}");
    assert_eq!(number(&s, "lending", "loans"), f64::from(f.loans));
    assert_eq!(number(&s, "lending", "handouts"), f64::from(f.handouts));
    assert_eq!(number(&s, "lending", "out"), f64::from(f.open));
    assert_eq!(number(&s, "lending", "overdue"), f64::from(f.overdue));
    assert_eq!(number(&s, "lending", "holds"), f64::from(f.holds_placed));
}

fn on(s: &mut Store, day: &str) {
    let (y, m, d) = (&day[..4], &day[5..7], &day[8..]);
    let n = days_from_civil(y.parse().unwrap(), m.parse().unwrap(), d.parse().unwrap());
    s.pin_now(Now::at((n * 86_400_000 + 4 * 3_600_000) as u64, 480));
}

fn place(s: &mut Store, kind: PlaceKind, name: &str, parent: Option<Id>) -> Id {
    s.add_place(&AddPlace {
        kind,
        name: name.into(),
        parent_id: parent,
    })
    .unwrap()
    .id
}

fn party(side: PartySide, name: &str) -> PartyFields {
    PartyFields {
        side,
        resident_id: None,
        name: name.into(),
        gender: None,
        age: Some(40),
        phone: String::new(),
        address: String::new(),
        unit: String::new(),
    }
}

/// A case registered on `day` of `kind` and `source`, then run to `outcome` on `decided` (with
/// 履行 when `carried`), or left open.
fn case(
    s: &mut Store,
    community: Id,
    mediator: Id,
    (day, kind, source): (&str, DisputeKind, CaseSource),
    outcome: Option<(&str, Outcome, bool)>,
) {
    let c = s
        .register_mediation_case(&RegisterMediationCase {
            community_id: community,
            place_id: None,
            kind,
            source,
            brief: "纠纷".into(),
            registered_on: Some(day.into()),
            mediators: vec![mediator],
            parties: vec![
                party(PartySide::Applicant, "甲"),
                party(PartySide::Respondent, "乙"),
            ],
        })
        .unwrap();
    let Some((decided, o, carried)) = outcome else {
        return;
    };
    let mut step = |step| {
        s.record_mediation_step(&RecordMediationStep {
            case_id: c.id,
            step,
        })
        .unwrap()
    };
    step(MediationStep::Notice {
        date: Some(day.into()),
        note: String::new(),
    });
    step(MediationStep::Session {
        date: Some(decided.into()),
        time: "09:30".into(),
        place: "调解室".into(),
        present: "双方".into(),
        record: "陈述".into(),
    });
    step(MediationStep::Outcome {
        date: Some(decided.into()),
        outcome: o,
        content: if o.agreed() {
            "赔偿500元".into()
        } else {
            String::new()
        },
        carry_how: if o.agreed() {
            "现金".into()
        } else {
            String::new()
        },
        carry_where: if o.agreed() {
            "调解室".into()
        } else {
            String::new()
        },
        carry_by: o.agreed().then(|| decided.to_owned()),
        route: (!o.agreed()).then_some(Route::Lawsuit),
    });
    if carried {
        step(MediationStep::CarryingOut {
            date: Some(decided.into()),
            note: "已付清".into(),
        });
    }
}

#[test]
fn a_communitys_mediation_figures_open_the_cases_they_count() {
    let mut s = Store::open_in_memory().unwrap();
    on(&mut s, "2026-03-02");
    let town = place(&mut s, PlaceKind::Town, "樟城镇", None);
    let north = place(&mut s, PlaceKind::Community, "北门社区", Some(town));
    let east = place(&mut s, PlaceKind::Community, "东门社区", Some(town));
    let mediator = |s: &mut Store, community: Id| {
        let team = s
            .add_team(&AddTeam {
                community_id: community,
                kind: TeamKind::Mediation,
                name: "调解队".into(),
            })
            .unwrap()
            .id;
        let v = s
            .add_volunteer(&AddVolunteer {
                community_id: community,
                resident_id: None,
                name: "林调解".into(),
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
    };
    let (mn, me) = (mediator(&mut s, north), mediator(&mut s, east));
    on(&mut s, "2026-06-30");
    use CaseSource::{Application, Police};
    use DisputeKind::{MarriageFamily, Neighbours};
    let q2 = ("2026-04-01", "2026-06-30");
    // north: received in Q2 — two settled (one carried out), one failed, one open past its term,
    // one open within it; one received in Q1 and settled in Q2; one of Q1 settled in Q1
    case(
        &mut s,
        north,
        mn,
        ("2026-04-02", Neighbours, Application),
        Some(("2026-04-10", Outcome::Written, true)),
    );
    case(
        &mut s,
        north,
        mn,
        ("2026-04-03", Neighbours, Police),
        Some(("2026-04-20", Outcome::Oral, false)),
    );
    case(
        &mut s,
        north,
        mn,
        ("2026-05-06", MarriageFamily, Application),
        Some(("2026-05-20", Outcome::Failed, false)),
    );
    case(
        &mut s,
        north,
        mn,
        ("2026-05-07", Neighbours, Application),
        None,
    );
    case(
        &mut s,
        north,
        mn,
        ("2026-06-20", MarriageFamily, Police),
        None,
    );
    case(
        &mut s,
        north,
        mn,
        ("2026-03-20", Neighbours, Application),
        Some(("2026-04-05", Outcome::Written, false)),
    );
    case(
        &mut s,
        north,
        mn,
        ("2026-03-01", Neighbours, Application),
        Some(("2026-03-10", Outcome::Written, true)),
    );
    // east: one received and open
    case(
        &mut s,
        east,
        me,
        ("2026-05-01", Neighbours, Application),
        None,
    );

    let ask = |place_id| Dashboard {
        from: q2.0.into(),
        to: q2.1.into(),
        place_id: Some(place_id),
        grid_id: None,
    };
    let n = check(&s, &ask(north));
    assert_eq!(number(&n, "mediation", "received"), 5.0);
    assert_eq!(number(&n, "mediation", "settled"), 3.0);
    assert_eq!(number(&n, "mediation", "failed"), 1.0);
    assert_eq!(number(&n, "mediation", "settlement_rate"), 0.75);
    assert_eq!(number(&n, "mediation", "carried_out"), 1.0);
    assert_eq!(number(&n, "mediation", "open"), 2.0);
    assert_eq!(
        number(&n, "mediation", "overdue"),
        1.0,
        "05-07's term ended 06-06"
    );
    assert_eq!(bars(&n, "mediation", "by_kind"), 5.0);
    assert_eq!(bars(&n, "mediation", "by_source"), 5.0);
    let police = records(&s, &ask(north), "mediation.by_source", Some("police"));
    assert_eq!(police.rows.len(), 2);
    assert!(police.rows.iter().all(|r| r[2] == "公安移交"));
    assert!(police
        .words_en
        .contains(&("公安移交".into(), "handed over by the police".into())));
    // the town's are the sum of its communities'
    let t = check(&s, &ask(town));
    assert_eq!(number(&t, "mediation", "received"), 6.0);
    assert_eq!(number(&t, "mediation", "open"), 3.0);
    // a month's are `linli report mediation`'s
    let m = check(
        &s,
        &Dashboard {
            from: "2026-04-01".into(),
            to: "2026-04-30".into(),
            place_id: Some(north),
            grid_id: None,
        },
    );
    let f = s
        .mediation_report(&MediationReport {
            month: Some("2026-04".into()),
            place_id: Some(north),
        })
        .unwrap();
    for (key, want) in [
        ("received", f.received),
        ("settled", f.settled),
        ("failed", f.failed),
        ("carried_out", f.carried_out),
        ("open", f.open),
        ("overdue", f.overdue),
    ] {
        assert_eq!(number(&m, "mediation", key), f64::from(want), "{key}");
    }
    // what is not a figure is refused
    for (chart, bucket) in [
        ("mediation.nope", None),
        ("mediation.by_kind", Some("labour")),
        ("lending.by_kind", Some("x")),
    ] {
        let e = s
            .dashboard_records(&DashboardRecords {
                from: q2.0.into(),
                to: q2.1.into(),
                place_id: Some(north),
                grid_id: None,
                chart: chart.into(),
                bucket: bucket.map(str::to_owned),
            })
            .unwrap_err();
        assert_eq!(e.code().map(|(c, _)| c), Some("stats_no_chart"), "{chart}");
    }
}
