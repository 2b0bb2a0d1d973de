//! What the mediation register gained after its first cut: correcting a party after registration,
//! the register's lines in the monthly report (each opening the cases it counts), and the term's
//! escalation through its levels.

use linli_domain::mediation::{Outcome, PartySide};
use linli_protocol::*;

use super::{code, desk, neighbours, outsider, register, session, step, written};
use crate::lending::on;

fn notice(d: &mut super::Desk, case: linli_domain::Id, date: &str) {
    step(
        d,
        case,
        MediationStep::Notice {
            date: Some(date.into()),
            note: String::new(),
        },
    )
    .unwrap();
}

#[test]
fn a_party_is_corrected_after_registration_checked_as_at_registration() {
    let mut d = desk();
    let mut parties = neighbours(&mut d);
    parties.push(outsider(PartySide::Respondent, "装修队老李"));
    let c = register(&mut d, "2026-03-01", parties).unwrap();
    let lee = c
        .parties
        .iter()
        .find(|p| p.fields.name == "装修队老李")
        .unwrap();
    let (lee, wang) = (lee.clone(), c.parties[0].clone());
    let update = |fields: PartyFields| UpdateMediationParty { id: lee.id, fields };
    let fixed =
        d.s.update_mediation_party(&update(PartyFields {
            name: "李德胜".into(),
            phone: "13912345678".into(),
            address: "城关镇东街5号".into(),
            unit: "德胜装修队".into(),
            ..outsider(PartySide::Respondent, "")
        }))
        .unwrap();
    let now = fixed.parties.iter().find(|p| p.id == lee.id).unwrap();
    assert_eq!(now.fields.name, "李德胜");
    assert_eq!(now.fields.phone, "139****5678", "phones read back masked");
    assert_eq!(now.fields.address, "城关镇东街5号");
    assert_eq!(now.fields.unit, "德胜装修队");
    assert_eq!(fixed.parties.len(), 3);
    // sent back as the window shows it (the phone masked), the number held stays
    let again =
        d.s.update_mediation_party(&UpdateMediationParty {
            id: lee.id,
            fields: PartyFields {
                address: "城关镇东街7号".into(),
                ..now.fields.clone()
            },
        })
        .unwrap();
    let now = again.parties.iter().find(|p| p.id == lee.id).unwrap();
    assert_eq!(now.fields.address, "城关镇东街7号");
    assert_eq!(now.fields.phone, "139****5678");
    // the list finds the new name
    let found =
        d.s.list_mediation_cases(&ListMediationCases {
            text: "李德胜".into(),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(found.len(), 1);

    // refused, and nothing changes: a bad phone, no name, an age out of range, the only
    // applicant moved to the other side, a party twice
    let before =
        d.s.mediation_case(&GetMediationCase {
            id: c.id,
            today: None,
        })
        .unwrap();
    let bad_phone = d.s.update_mediation_party(&update(PartyFields {
        phone: "12345".into(),
        ..outsider(PartySide::Respondent, "李德胜")
    }));
    assert!(bad_phone.is_err());
    let no_name =
        d.s.update_mediation_party(&update(outsider(PartySide::Respondent, " ")));
    assert!(no_name.is_err());
    let old = d.s.update_mediation_party(&update(PartyFields {
        age: Some(130),
        ..outsider(PartySide::Respondent, "李德胜")
    }));
    assert_eq!(code(old.unwrap_err()), "med_party_age");
    let lonely = d.s.update_mediation_party(&UpdateMediationParty {
        id: wang.id,
        fields: PartyFields {
            side: PartySide::Respondent,
            ..wang.fields.clone()
        },
    });
    let e = lonely.unwrap_err();
    assert!(e.to_string().contains("王秀英"), "{e}");
    assert_eq!(code(e), "med_party_last_of_side");
    let twin = d.s.update_mediation_party(&update(PartyFields {
        resident_id: wang.fields.resident_id,
        ..outsider(PartySide::Respondent, "")
    }));
    assert_eq!(code(twin.unwrap_err()), "med_party_twice");
    let after =
        d.s.mediation_case(&GetMediationCase {
            id: c.id,
            today: None,
        })
        .unwrap();
    assert_eq!(before, after, "a refused correction changes nothing");

    // an outsider becomes the resident of the register they turn out to be
    let home = d.homes[2];
    let r = super::resident(&mut d.s, home, "李德胜");
    let linked =
        d.s.update_mediation_party(&update(PartyFields {
            resident_id: Some(r),
            ..outsider(PartySide::Respondent, "")
        }))
        .unwrap();
    let now = linked.parties.iter().find(|p| p.id == lee.id).unwrap();
    assert_eq!(now.fields.resident_id, Some(r));
    assert_eq!(now.fields.age, Some(55), "read from the register");

    // a laptop without the grant cannot correct what it cannot see
    d.s.save_sync_role(linli_protocol::sync::Role::Steward)
        .unwrap();
    let e =
        d.s.update_mediation_party(&update(outsider(PartySide::Respondent, "李四")))
            .unwrap_err();
    assert_eq!(code(e), "med_party_withheld");
}

#[test]
fn an_open_case_escalates_a_level_a_week_past_its_month() {
    let mut d = desk();
    let parties = neighbours(&mut d);
    let c = register(&mut d, "2026-03-01", parties).unwrap();
    let at = |d: &mut super::Desk, day: &str| {
        d.s.mediation_case(&GetMediationCase {
            id: c.id,
            today: Some(day.into()),
        })
        .unwrap()
    };
    // the one-month term: the 30th day is the last
    assert_eq!(at(&mut d, "2026-03-31").days_left, Some(0));
    assert_eq!(at(&mut d, "2026-03-31").escalation, None);
    assert_eq!(at(&mut d, "2026-04-01").escalation, Some(0), "社区 at once");
    assert_eq!(at(&mut d, "2026-04-06").escalation, Some(0));
    assert_eq!(
        at(&mut d, "2026-04-07").escalation,
        Some(1),
        "街道 after 7 days"
    );
    assert_eq!(at(&mut d, "2026-04-13").escalation, Some(1));
    assert_eq!(at(&mut d, "2026-04-14").escalation, Some(2), "县 after 14");
    assert_eq!(
        at(&mut d, "2026-06-01").escalation,
        Some(2),
        "no level above"
    );
    // an extension is 1 to 30 days
    on(&mut d.s, "2026-03-20");
    let all: Vec<_> = c.parties.iter().map(|p| p.id).collect();
    let ext = |days| MediationStep::Extension {
        date: None,
        days,
        consenting: all.clone(),
        note: String::new(),
    };
    assert!(step(&mut d, c.id, ext(31)).is_err());
    assert!(step(&mut d, c.id, ext(0)).is_err());
    assert_eq!(step(&mut d, c.id, ext(30)).unwrap().term_end, "2026-04-30");
}

#[test]
fn the_monthly_report_counts_cases_and_each_figure_opens_them() {
    let mut d = desk();
    // March: three cases registered; two settle (one carried out), one fails; April: one more
    on(&mut d.s, "2026-03-31");
    let mut ids = Vec::new();
    for day in ["2026-03-02", "2026-03-05", "2026-03-09"] {
        let parties = vec![
            outsider(PartySide::Applicant, &format!("甲{day}")),
            outsider(PartySide::Respondent, &format!("乙{day}")),
        ];
        ids.push(register(&mut d, day, parties).unwrap().id);
    }
    for id in &ids {
        notice(&mut d, *id, "2026-03-10");
        step(&mut d, *id, session("2026-03-11")).unwrap();
    }
    step(&mut d, ids[0], written("2026-03-12")).unwrap();
    step(
        &mut d,
        ids[0],
        MediationStep::FollowUp {
            date: Some("2026-03-20".into()),
            how_carried: "已付清".into(),
            risks: String::new(),
        },
    )
    .unwrap();
    step(
        &mut d,
        ids[1],
        MediationStep::Outcome {
            date: Some("2026-03-13".into()),
            outcome: Outcome::Oral,
            content: "互相谅解".into(),
            carry_how: String::new(),
            carry_where: String::new(),
            carry_by: None,
            route: None,
        },
    )
    .unwrap();
    step(
        &mut d,
        ids[2],
        MediationStep::Outcome {
            date: Some("2026-03-14".into()),
            outcome: Outcome::Failed,
            content: String::new(),
            carry_how: String::new(),
            carry_where: String::new(),
            carry_by: None,
            route: Some(linli_domain::mediation::Route::Lawsuit),
        },
    )
    .unwrap();
    on(&mut d.s, "2026-04-03");
    register(
        &mut d,
        "2026-04-02",
        vec![
            outsider(PartySide::Applicant, "丙"),
            outsider(PartySide::Respondent, "丁"),
        ],
    )
    .unwrap();
    let report = |d: &mut super::Desk, month: &str| {
        d.s.monthly_report(&MonthlyReport {
            month: month.into(),
            place_id: Some(d.community),
            path: None,
            grid_id: None,
        })
        .unwrap()
    };
    let march = report(&mut d, "2026-03");
    let fig = |r: &MonthlyReportData, key: &str| {
        r.figures
            .iter()
            .find(|f| f.key == key)
            .unwrap_or_else(|| panic!("no {key}"))
            .clone()
    };
    assert_eq!(fig(&march, "med_received").month, 3.0);
    assert_eq!(fig(&march, "med_settled").month, 2.0);
    assert_eq!(fig(&march, "med_failed").month, 1.0);
    assert!((fig(&march, "med_settlement_rate").month - 2.0 / 3.0).abs() < 1e-9);
    assert_eq!(fig(&march, "med_carried_out").month, 1.0);
    assert_eq!(fig(&march, "med_kind_neighbours").month, 3.0);
    assert_eq!(fig(&march, "med_source_application").month, 3.0);
    assert!(
        !march.figures.iter().any(|f| f.key == "med_kind_labour"),
        "a type without a case this year is left out"
    );
    assert!(fig(&march, "med_received").source.contains("受理日期"));
    let april = report(&mut d, "2026-04");
    assert_eq!(fig(&april, "med_received").month, 1.0);
    assert_eq!(fig(&april, "med_received").cumulative, 4.0);
    assert_eq!(fig(&april, "med_settled").month, 0.0);
    assert_eq!(fig(&april, "med_settled").cumulative, 2.0);
    // each figure opens as many cases as it counts
    for (r, month) in [(&march, "2026-03"), (&april, "2026-04")] {
        for f in r.figures.iter().filter(|f| f.key.starts_with("med_")) {
            for cumulative in [false, true] {
                let recs =
                    d.s.monthly_figure_records(&MonthlyFigureRecords {
                        month: month.into(),
                        place_id: Some(d.community),
                        key: f.key.clone(),
                        cumulative,
                        grid_id: None,
                    })
                    .unwrap();
                assert_eq!(recs.headers[0], "案号");
                let n = recs.rows.len() as f64;
                match f.unit {
                    FigureUnit::Rate => {
                        let v = if cumulative { f.cumulative } else { f.month };
                        assert_eq!(v == 0.0, n == 0.0, "{}", f.key);
                    }
                    _ => assert_eq!(
                        n,
                        if cumulative { f.cumulative } else { f.month },
                        "{} {cumulative}",
                        f.key
                    ),
                }
            }
        }
    }
    let settled =
        d.s.monthly_figure_records(&MonthlyFigureRecords {
            month: "2026-03".into(),
            place_id: Some(d.community),
            key: "med_carried_out".into(),
            cumulative: false,
            grid_id: None,
        })
        .unwrap();
    assert_eq!(settled.rows[0][0], "（2026）北人调字第1号");
    assert_eq!(settled.rows[0][4], "甲2026-03-02 与 乙2026-03-02");
    assert_eq!(settled.rows[0][7], "是");
}
