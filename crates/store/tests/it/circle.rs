//! The 15-minute neighbourhood service circle (服务圈, issue 25 item 3) on real SQLite files: a
//! point checked (bad input refused, saying why, and nothing written), a neighbour's shared point
//! found by the service asked for, joint activities counted for each community taking part, the
//! month's figures and their drill-down, and the contact phone masked for a restricted role; a
//! point's opening and closing dates (checked; a closed point left off the list; a month counts
//! the points open at its end).

use linli_domain::circle::PointKind;
use linli_domain::{Id, PlaceKind};
use linli_protocol::*;
use linli_store::Store;

use crate::common::add;
use crate::lending::on;

struct Town {
    s: Store,
    _dir: tempfile::TempDir,
    north: Id,
    south: Id,
    east: Id,
}

fn town() -> Town {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(dir.path().join("linli.db")).unwrap();
    on(&mut s, "2026-03-02");
    let town = add(&mut s, PlaceKind::Town, "樟城镇", None);
    let north = add(&mut s, PlaceKind::Community, "北门社区", Some(town));
    let south = add(&mut s, PlaceKind::Community, "南门社区", Some(town));
    let east = add(&mut s, PlaceKind::Community, "东门社区", Some(town));
    Town {
        s,
        _dir: dir,
        north,
        south,
        east,
    }
}

fn fields(community: Id, kind: PointKind, name: &str, services: &[&str]) -> PointFields {
    PointFields {
        community_id: community,
        kind,
        name: name.into(),
        address: "南门路5号".into(),
        hours: "周一至周六 08:00-17:00".into(),
        contact_name: "陈医生".into(),
        contact_phone: "13912345678".into(),
        run_by_community_id: Some(community),
        run_by_unit: String::new(),
        services: services.iter().map(|s| (*s).to_owned()).collect(),
        services_text: String::new(),
        serves: vec![],
        note: String::new(),
        opened_on: String::new(),
        closed_on: String::new(),
    }
}

fn save(s: &mut Store, f: PointFields) -> Result<ServicePoint, linli_store::Error> {
    s.save_circle_point(&SaveCirclePoint {
        id: None,
        fields: f,
    })
}

fn code(e: linli_store::Error) -> String {
    linli_protocol::ApiError::from(e).code.unwrap_or_default()
}

#[test]
fn a_bad_point_is_refused_saying_why_and_nothing_is_written() {
    let mut t = town();
    let before = t.s.journal().unwrap().len();
    let good = fields(
        t.south,
        PointKind::Clinic,
        "南门社区卫生服务站",
        &["量血压"],
    );
    let mut f = good.clone();
    f.name = "  ".into();
    assert_eq!(code(save(&mut t.s, f).unwrap_err()), "text_empty");
    let mut f = good.clone();
    f.services = vec![];
    assert_eq!(code(save(&mut t.s, f).unwrap_err()), "circle_no_service");
    let mut f = good.clone();
    f.hours = "上午".into();
    assert_eq!(code(save(&mut t.s, f).unwrap_err()), "circle_bad_hours");
    let mut f = good.clone();
    f.hours = "17:00-08:00".into();
    assert_eq!(code(save(&mut t.s, f).unwrap_err()), "circle_hours_order");
    let mut f = good.clone();
    f.run_by_community_id = None;
    assert_eq!(code(save(&mut t.s, f).unwrap_err()), "circle_no_runner");
    let mut f = good.clone();
    f.kind = PointKind::Unknown;
    assert!(save(&mut t.s, f).is_err());
    let mut f = good.clone();
    f.contact_phone = "12345".into();
    assert!(save(&mut t.s, f).is_err());
    let mut f = good;
    f.serves = vec![Id::new()];
    assert!(save(&mut t.s, f).is_err());
    assert_eq!(
        t.s.journal().unwrap().len(),
        before,
        "bad input changes nothing"
    );
    assert!(t
        .s
        .list_circle_points(&ListCirclePoints::default())
        .unwrap()
        .is_empty());
    // a bad activity too
    let e =
        t.s.save_circle_activity(&SaveCircleActivity {
            id: None,
            fields: ActivityFields {
                date: "2026-03-01".into(),
                title: "义诊".into(),
                communities: vec![],
                units: vec![],
                point_id: None,
                participants: 10,
                note: String::new(),
            },
        })
        .unwrap_err();
    assert_eq!(code(e), "circle_act_no_community");
    assert_eq!(t.s.journal().unwrap().len(), before);
}

#[test]
fn a_search_by_service_finds_a_neighbours_shared_point() {
    let mut t = town();
    let mut clinic = fields(
        t.south,
        PointKind::Clinic,
        "南门社区卫生服务站",
        &["量血压", "健康咨询"],
    );
    clinic.serves = vec![t.north, t.south];
    clinic.run_by_community_id = None;
    clinic.run_by_unit = "县人民医院".into();
    let clinic = save(&mut t.s, clinic).unwrap();
    assert!(clinic.shared);
    assert_eq!(clinic.serves_names, ["南门社区", "北门社区"]);
    assert_eq!(clinic.run_by, "县人民医院");
    let mut barber = fields(t.east, PointKind::Other, "东门爱心理发室", &["理发"]);
    barber.services_text = "助浴、修脚".into();
    let barber = save(&mut t.s, barber).unwrap();
    assert_eq!(barber.fields.services, ["理发", "助浴", "修脚"]);
    save(
        &mut t.s,
        fields(t.north, PointKind::Canteen, "北门长者食堂", &["助餐"]),
    )
    .unwrap();

    let find = |s: &mut Store, community: Id, service: &str| -> Vec<String> {
        s.list_circle_points(&ListCirclePoints {
            community_id: Some(community),
            service: service.into(),
            ..Default::default()
        })
        .unwrap()
        .into_iter()
        .map(|p| p.fields.name)
        .collect()
    };
    // 北门 finds 南门's clinic, which serves it, by part of the service word
    assert_eq!(find(&mut t.s, t.north, "血压"), ["南门社区卫生服务站"]);
    assert_eq!(
        find(&mut t.s, t.north, "blood pressure"),
        ["南门社区卫生服务站"]
    );
    // but not 东门's barber, which does not serve it
    assert!(find(&mut t.s, t.north, "理发").is_empty());
    assert_eq!(find(&mut t.s, t.east, "理发"), ["东门爱心理发室"]);
    // 北门's own points first, then its neighbours'
    let all =
        t.s.list_circle_points(&ListCirclePoints {
            community_id: Some(t.north),
            sort: PointSort::Home,
            ..Default::default()
        })
        .unwrap();
    let names: Vec<_> = all.iter().map(|p| p.fields.name.as_str()).collect();
    assert_eq!(names, ["北门长者食堂", "南门社区卫生服务站"]);
    // filtered by kind
    let canteens =
        t.s.list_circle_points(&ListCirclePoints {
            kind: Some(PointKind::Canteen),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(canteens.len(), 1);
    // removed, it is found no more
    t.s.remove_circle_point(&RemoveCirclePoint { id: clinic.id })
        .unwrap();
    assert!(find(&mut t.s, t.north, "血压").is_empty());
}

#[test]
fn joint_activities_count_for_each_community_taking_part() {
    let mut t = town();
    let mut room = fields(
        t.south,
        PointKind::UnitRoom,
        "县供电公司职工之家",
        &["家电维修"],
    );
    room.run_by_community_id = None;
    room.run_by_unit = "县供电公司".into();
    room.serves = vec![t.north];
    let room = save(&mut t.s, room).unwrap();
    let act = |s: &mut Store, date: &str, cs: Vec<Id>, n: i64| {
        s.save_circle_activity(&SaveCircleActivity {
            id: None,
            fields: ActivityFields {
                date: date.into(),
                title: "家电义修".into(),
                communities: cs,
                units: vec!["县供电公司".into(), " 县供电公司 ".into()],
                point_id: Some(room.id),
                participants: n,
                note: String::new(),
            },
        })
        .unwrap()
    };
    let a = act(&mut t.s, "2026-03-01", vec![t.north, t.south], 60);
    assert_eq!(a.fields.units, ["县供电公司"]);
    assert_eq!(a.point_name, "县供电公司职工之家");
    act(&mut t.s, "2026-03-02", vec![t.south], 20);
    act(&mut t.s, "2026-02-20", vec![t.north, t.east], 30);

    let f =
        t.s.circle_report(&CircleReport {
            month: Some("2026-03".into()),
            place_id: None,
        })
        .unwrap();
    assert_eq!((f.points, f.shared_points), (1, 1));
    assert_eq!((f.activities, f.participants), (2, 80));
    let of = |id: Id| {
        f.by_community
            .iter()
            .find(|c| c.community_id == id)
            .unwrap()
    };
    assert_eq!((of(t.north).activities, of(t.north).participants), (1, 60));
    assert_eq!((of(t.south).activities, of(t.south).participants), (2, 80));
    assert_eq!(of(t.east).activities, 0);
    // the shared point serves 北门 as well as 南门
    assert_eq!(
        (of(t.north).points, of(t.south).points, of(t.east).points),
        (1, 1, 0)
    );

    // one community's scope: 北门 counts the activity it took part in
    let f =
        t.s.circle_report(&CircleReport {
            month: Some("2026-02".into()),
            place_id: Some(t.north),
        })
        .unwrap();
    assert_eq!((f.activities, f.participants), (1, 30));
    assert_eq!(
        t.s.list_circle_activities(&ListCircleActivities {
            community_id: Some(t.east),
            month: None,
        })
        .unwrap()
        .len(),
        1
    );

    // the monthly report's lines, each opening its rows
    let m =
        t.s.monthly_report(&MonthlyReport {
            month: "2026-03".into(),
            place_id: None,
            path: None,
            grid_id: None,
        })
        .unwrap();
    let line = |k: &str| m.figures.iter().find(|f| f.key == k).unwrap().month;
    assert_eq!(line("circle_points"), 1.0);
    assert_eq!(line("circle_kind_unit_room"), 1.0);
    assert_eq!(line("circle_activities"), 2.0);
    let r =
        t.s.monthly_figure_records(&MonthlyFigureRecords {
            month: "2026-03".into(),
            place_id: None,
            key: "circle_activities".into(),
            cumulative: false,
            grid_id: None,
        })
        .unwrap();
    assert_eq!(r.rows.len(), 2);
    assert_eq!(r.headers[0], "日期");
}

#[test]
fn a_restricted_role_sees_the_contact_phone_masked() {
    let mut t = town();
    let p = save(
        &mut t.s,
        fields(
            t.north,
            PointKind::PartyCentre,
            "北门党群服务中心",
            &["代办服务"],
        ),
    )
    .unwrap();
    assert_eq!(p.fields.contact_phone, "13912345678");
    t.s.save_sync_role(linli_protocol::sync::Role::Steward)
        .unwrap();
    let seen =
        t.s.list_circle_points(&ListCirclePoints::default())
            .unwrap();
    assert_eq!(seen[0].fields.contact_phone, "139****5678");
    // saving it back masked keeps the number
    let mut f = seen[0].fields.clone();
    f.hours = "周一至周五 09:00-17:00".into();
    t.s.save_circle_point(&SaveCirclePoint {
        id: Some(p.id),
        fields: f,
    })
    .unwrap();
    t.s.save_sync_role(linli_protocol::sync::Role::Admin)
        .unwrap();
    let seen =
        t.s.list_circle_points(&ListCirclePoints::default())
            .unwrap();
    assert_eq!(seen[0].fields.contact_phone, "13912345678");
    assert_eq!(seen[0].fields.hours, "周一至周五 09:00-17:00");
}

#[test]
fn a_point_counts_from_its_opening_until_its_closing_day() {
    let mut t = town();
    let before = t.s.journal().unwrap().len();
    let good = fields(t.north, PointKind::Canteen, "北门长者食堂", &["助餐"]);
    for ((opened, closed), want) in [
        (("2026-02-10", "2026-02-09"), "circle_closed_before_opened"),
        (("", "2026-02-09"), "circle_closed_not_opened"),
        (("2026-02-30", ""), "bad_date"),
    ] {
        let mut f = good.clone();
        f.opened_on = opened.into();
        f.closed_on = closed.into();
        assert_eq!(code(save(&mut t.s, f).unwrap_err()), want);
    }
    assert_eq!(
        t.s.journal().unwrap().len(),
        before,
        "bad dates change nothing"
    );
    // an old point with no dates; one opened in January that closed on 1 March; one opened in
    // February, shared with 南门
    let old = save(&mut t.s, good.clone()).unwrap();
    let mut f = fields(t.north, PointKind::Clinic, "北门诊所", &["量血压"]);
    f.opened_on = "2026-1-10".into();
    f.closed_on = "2026-03-01".into();
    let closed = save(&mut t.s, f).unwrap();
    assert_eq!(closed.fields.opened_on, "2026-01-10");
    assert!(closed.closed, "closed as of today (2 March)");
    let mut f = fields(t.north, PointKind::Sharing, "北门米邻驿站", &["工具借用"]);
    f.opened_on = "2026-02-15".into();
    f.serves = vec![t.south];
    let new = save(&mut t.s, f).unwrap();
    assert!(!old.closed && !new.closed);
    let list = |s: &mut Store, include_closed| -> Vec<String> {
        s.list_circle_points(&ListCirclePoints {
            community_id: Some(t.north),
            sort: PointSort::Name,
            include_closed,
            ..Default::default()
        })
        .unwrap()
        .into_iter()
        .map(|p| p.fields.name)
        .collect()
    };
    assert_eq!(
        list(&mut t.s, false),
        ["北门米邻驿站", "北门长者食堂"],
        "a closed point is left off by default"
    );
    assert_eq!(list(&mut t.s, true).len(), 3);
    // each month counts the points open at its end (this month: today)
    for (month, points, shared) in [
        ("2025-12", 1, 0),
        ("2026-01", 2, 0),
        ("2026-02", 3, 1),
        ("2026-03", 2, 1),
    ] {
        let f =
            t.s.circle_report(&CircleReport {
                month: Some(month.into()),
                place_id: None,
            })
            .unwrap();
        assert_eq!((f.points, f.shared_points), (points, shared), "{month}");
        let south = f
            .by_community
            .iter()
            .find(|c| c.community_id == t.south)
            .unwrap();
        assert_eq!(
            south.points, shared,
            "{month}: 南门 is served by the shared one"
        );
        let m =
            t.s.monthly_report(&MonthlyReport {
                month: month.into(),
                place_id: None,
                path: None,
                grid_id: None,
            })
            .unwrap();
        let line = |k: &str| m.figures.iter().find(|f| f.key == k).map(|f| f.month);
        assert_eq!(line("circle_points"), Some(f64::from(points)), "{month}");
        let r =
            t.s.monthly_figure_records(&MonthlyFigureRecords {
                month: month.into(),
                place_id: None,
                key: "circle_points".into(),
                cumulative: false,
                grid_id: None,
            })
            .unwrap();
        assert_eq!(
            r.rows.len() as u32,
            points,
            "{month}: the line opens its points"
        );
    }
    assert_eq!(
        t.s.monthly_report(&MonthlyReport {
            month: "2026-02".into(),
            place_id: None,
            path: None,
            grid_id: None,
        })
        .unwrap()
        .figures
        .iter()
        .find(|f| f.key == "circle_kind_clinic")
        .map(|f| f.month),
        Some(1.0),
        "the clinic still open at February's end"
    );
}
