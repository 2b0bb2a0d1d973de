//! The community's boards (issue 20 items 3, 4, 5a) on real SQLite files: one theme per community
//! and month (two laptops setting the same month end with one), what a month's theme groups, the
//! stewards' campaign lines; a duty board's rotation week by week, households taken off and put
//! on, its marks (the latest counting); notices' dates, place and states and their WeChat text;
//! the boards' lines in the monthly report, each opening its records.

use linli_domain::board::{Audience, NoticeState, SectionKind, ThemeKind};
use linli_domain::{Id, PlaceKind};
use linli_protocol::*;
use linli_store::Store;

use crate::lending::sync::carry;
use crate::lending::{on, station_at};

struct Desk {
    s: Store,
    _dir: tempfile::TempDir,
    community: Id,
    building: Id,
    homes: Vec<Id>,
}

fn desk() -> Desk {
    let dir = tempfile::tempdir().unwrap();
    let (mut s, community, building, mut homes) = station_at(&dir.path().join("linli.db"));
    for room in ["401", "501"] {
        homes.push(
            s.add_household(&AddHousehold {
                building_id: building,
                unit_id: None,
                room: room.into(),
                fields: HouseholdFields::default(),
            })
            .unwrap()
            .id,
        );
    }
    Desk {
        s,
        _dir: dir,
        community,
        building,
        homes,
    }
}

fn theme(title: &str) -> MonthThemeFields {
    MonthThemeFields {
        kind: ThemeKind::Cleaning,
        title: title.into(),
        text: "清理楼道堆物".into(),
    }
}

fn code(e: linli_store::Error) -> &'static str {
    e.code().map(|(c, _)| c).unwrap_or("")
}

#[test]
fn one_theme_per_month_even_from_two_laptops() {
    let mut d = desk();
    let set = |s: &mut Store, c: Id, title: &str| {
        s.set_month_theme(&SetMonthTheme {
            community_id: c,
            month: "2026-03".into(),
            theme: theme(title),
        })
    };
    set(&mut d.s, d.community, "清洁家园").unwrap();
    let again = set(&mut d.s, d.community, "清洁家园 从我做起").unwrap();
    assert_eq!(again.theme.unwrap().title, "清洁家园 从我做起");
    let year =
        d.s.list_month_themes(&ListMonthThemes {
            community_id: d.community,
            year: Some("2026".into()),
        })
        .unwrap();
    assert_eq!(year.len(), 1, "setting a month again changes its theme");
    // a second laptop, given the register, sets the same month offline
    let dir2 = tempfile::tempdir().unwrap();
    let mut other = Store::open(dir2.path().join("linli.db")).unwrap();
    on(&mut other, "2026-03-02");
    carry(&d.s, &mut other);
    set(&mut other, d.community, "楼道清洁月").unwrap();
    carry(&other, &mut d.s);
    carry(&d.s, &mut other);
    for s in [&mut d.s, &mut other] {
        let year = s
            .list_month_themes(&ListMonthThemes {
                community_id: d.community,
                year: Some("2026".into()),
            })
            .unwrap();
        assert_eq!(year.len(), 1);
        assert_eq!(
            year[0].theme.title, "楼道清洁月",
            "the later setting wins on both"
        );
    }
    // refused: a month that is not one, a theme with no title
    let bad = d.s.set_month_theme(&SetMonthTheme {
        community_id: d.community,
        month: "2026-13".into(),
        theme: theme("x"),
    });
    assert_eq!(code(bad.unwrap_err()), "board_bad_month");
    let bad = set(&mut d.s, d.community, "  ");
    assert_eq!(code(bad.unwrap_err()), "board_theme_title");
}

#[test]
fn a_months_theme_groups_its_activities_notices_and_campaign_lines() {
    let mut d = desk();
    on(&mut d.s, "2026-03-20");
    // a campaign line needs the month's theme
    let line = AddCampaignLine {
        community_id: d.community,
        building_id: d.building,
        date: Some("2026-03-10".into()),
        text: "清理楼道堆物三处".into(),
        by_name: "林秀英".into(),
    };
    assert_eq!(
        code(d.s.add_campaign_line(&line).unwrap_err()),
        "board_no_theme"
    );
    d.s.set_month_theme(&SetMonthTheme {
        community_id: d.community,
        month: "2026-03".into(),
        theme: theme("清洁家园"),
    })
    .unwrap();
    d.s.add_campaign_line(&line).unwrap();
    let future = AddCampaignLine {
        date: Some("2026-03-25".into()),
        ..line.clone()
    };
    assert_eq!(
        code(d.s.add_campaign_line(&future).unwrap_err()),
        "board_in_future"
    );
    for (title, date) in [("楼道大扫除", "2026-03-14"), ("二月的活动", "2026-02-20")] {
        d.s.add_activity(&AddActivity {
            community_id: d.community,
            team_id: None,
            title: title.into(),
            category: "环境".into(),
            date: date.into(),
            hours: 2.0,
            place: "3栋".into(),
            time: String::new(),
            capacity: None,
        })
        .unwrap();
    }
    // a notice running from February into March belongs to March too; one of April does not
    for (title, start, end) in [
        ("停水通知", "2026-02-27", "2026-03-02"),
        ("四月通知", "2026-04-01", "2026-04-03"),
    ] {
        d.s.post_notice(&notice(d.community, title, start, end))
            .unwrap();
    }
    let m =
        d.s.month_theme(&GetMonthTheme {
            community_id: d.community,
            month: "2026-03".into(),
        })
        .unwrap();
    assert_eq!(m.theme.as_ref().unwrap().title, "清洁家园");
    let titles = |k: SectionKind| -> Vec<String> {
        m.sections
            .iter()
            .find(|s| s.kind == k)
            .unwrap()
            .items
            .iter()
            .map(|i| i.title.clone())
            .collect()
    };
    assert_eq!(titles(SectionKind::Activities), ["楼道大扫除"]);
    assert_eq!(titles(SectionKind::Notices), ["停水通知"]);
    assert_eq!(titles(SectionKind::Campaign), ["清理楼道堆物三处"]);
    let campaign = |m: &MonthTheme| {
        m.sections
            .iter()
            .find(|s| s.kind == SectionKind::Campaign)
            .unwrap()
            .items
            .clone()
    };
    let item = &campaign(&m)[0];
    assert!(item.detail.contains("3栋") && item.detail.contains("林秀英"));
    // a line taken back leaves the month
    let m =
        d.s.remove_campaign_line(&RemoveCampaignLine { id: item.id })
            .unwrap();
    assert!(campaign(&m).is_empty());
}

fn notice(c: Id, title: &str, start: &str, end: &str) -> PostNotice {
    PostNotice {
        id: None,
        community_id: c,
        notice: NoticeFields {
            place_id: c,
            title: title.into(),
            text: "因管道维修停水，请提前储水。".into(),
            start_date: start.into(),
            end_date: end.into(),
            audience: Audience::All,
        },
    }
}

#[test]
fn a_notices_dates_and_place_are_checked_and_its_wechat_text_is_ready() {
    let mut d = desk();
    on(&mut d.s, "2026-03-05");
    let town =
        d.s.list_places(&ListPlaces {
            kind: Some(PlaceKind::Town),
            parent_id: None,
        })
        .unwrap()[0]
            .id;
    let elsewhere =
        d.s.add_place(&AddPlace {
            kind: PlaceKind::Community,
            name: "南门社区".into(),
            parent_id: Some(town),
        })
        .unwrap()
        .id;
    let before = d.s.journal().unwrap().len();
    let bad =
        d.s.post_notice(&notice(d.community, "停水", "2026-03-06", "2026-03-05"));
    assert_eq!(code(bad.unwrap_err()), "board_end_before_start");
    let bad =
        d.s.post_notice(&notice(d.community, "停水", "2026-03-06", "2027-03-08"));
    assert_eq!(code(bad.unwrap_err()), "board_notice_too_long");
    let bad =
        d.s.post_notice(&notice(d.community, "停水", "2026-02-30", "2026-03-06"));
    assert!(bad.is_err());
    let bad =
        d.s.post_notice(&notice(d.community, " ", "2026-03-06", "2026-03-06"));
    assert_eq!(code(bad.unwrap_err()), "board_notice_title");
    // a notice for another community
    let mut wrong = notice(d.community, "停水", "2026-03-06", "2026-03-06");
    wrong.notice.place_id = elsewhere;
    assert_eq!(
        code(d.s.post_notice(&wrong).unwrap_err()),
        "board_not_in_community"
    );
    assert_eq!(
        d.s.journal().unwrap().len(),
        before,
        "bad input changes nothing"
    );

    let mut for_building = notice(d.community, "停水通知", "2026-03-06", "2026-03-07");
    for_building.notice.place_id = d.building;
    let n = d.s.post_notice(&for_building).unwrap();
    assert_eq!(n.place_name, "3栋");
    assert_eq!(n.state, NoticeState::Upcoming);
    assert_eq!(
        n.wechat_text,
        "【通知】停水通知\n时间：2026年3月6日至2026年3月7日\n\n因管道维修停水，请提前储水。\n\n北门社区居委会"
    );
    d.s.post_notice(&notice(d.community, "旧通知", "2026-02-01", "2026-02-10"))
        .unwrap();
    on(&mut d.s, "2026-03-06");
    let list = |s: &mut Store, state| {
        s.list_notices(&ListNotices {
            community_id: d.community,
            state,
            month: None,
        })
        .unwrap()
        .into_iter()
        .map(|n| n.notice.title)
        .collect::<Vec<_>>()
    };
    assert_eq!(list(&mut d.s, None), ["停水通知", "旧通知"], "newest first");
    assert_eq!(list(&mut d.s, Some(NoticeState::Current)), ["停水通知"]);
    assert_eq!(list(&mut d.s, Some(NoticeState::Expired)), ["旧通知"]);
    // changed, then withdrawn
    let mut changed = for_building.clone();
    changed.id = Some(n.id);
    changed.notice.end_date = "2026-03-08".into();
    assert_eq!(
        d.s.post_notice(&changed).unwrap().notice.end_date,
        "2026-03-08"
    );
    d.s.withdraw_notice(&WithdrawNotice { id: n.id }).unwrap();
    assert_eq!(list(&mut d.s, None), ["旧通知"]);
}

fn board(d: &mut Desk, households: Vec<Id>) -> DutyBoard {
    d.s.add_duty_board(&AddDutyBoard {
        community_id: d.community,
        place_id: d.building,
        label: "3栋楼道".into(),
        chore: "楼道清扫".into(),
        start_week: Some("2026-03-04".into()),
        households,
    })
    .unwrap()
}

fn doors(b: &DutyBoard) -> Vec<String> {
    b.weeks
        .iter()
        .map(|w| {
            w.household
                .as_ref()
                .map(|h| h.door.clone())
                .unwrap_or_default()
        })
        .collect()
}

#[test]
fn a_duty_board_rotates_weekly_and_keeps_its_marks() {
    let mut d = desk();
    on(&mut d.s, "2026-03-04");
    let homes = d.homes.clone();
    let b = board(&mut d, homes[..3].to_vec());
    assert_eq!(b.start_week, "2026-03-02", "a board starts on a Monday");
    assert_eq!(b.on_duty.as_ref().unwrap().door, "101");
    assert_eq!(b.next.as_ref().unwrap().door, "201");
    assert_eq!(doors(&b)[..5], ["101", "201", "301", "101", "201"]);
    // a week later the duty has passed on
    on(&mut d.s, "2026-03-10");
    let b =
        d.s.duty_board(&GetDutyBoard {
            id: b.id,
            weeks_back: None,
            weeks_ahead: None,
        })
        .unwrap();
    assert_eq!(b.this_week, "2026-03-09");
    assert_eq!(b.on_duty.as_ref().unwrap().door, "201");

    // marks: last week done, this week not done then done after all; next week not yet
    let mark = |s: &mut Store, week: &str, done: bool| {
        s.mark_duty_week(&MarkDutyWeek {
            board_id: b.id,
            week: Some(week.into()),
            done,
            note: String::new(),
        })
    };
    mark(&mut d.s, "2026-03-03", true).unwrap();
    mark(&mut d.s, "2026-03-10", false).unwrap();
    let after = mark(&mut d.s, "2026-03-12", true).unwrap();
    assert_eq!(
        (after.done, after.not_done),
        (2, 0),
        "the latest mark of a week counts"
    );
    assert_eq!(
        code(mark(&mut d.s, "2026-03-16", true).unwrap_err()),
        "board_week_outside"
    );
    assert_eq!(
        code(mark(&mut d.s, "2026-02-23", true).unwrap_err()),
        "board_week_outside"
    );

    // 201 moves off from the next week: 301 carries on, then 401 (put on at the end), then 101
    let change = |s: &mut Store, h: Id, on: bool, week: &str| {
        s.change_duty_rota(&ChangeDutyRota {
            board_id: b.id,
            household_id: h,
            on,
            from_week: Some(week.into()),
        })
    };
    change(&mut d.s, homes[1], false, "2026-03-16").unwrap();
    let b2 = change(&mut d.s, homes[3], true, "2026-03-16").unwrap();
    assert_eq!(
        doors(&b2)[..7],
        ["101", "201", "301", "401", "101", "301", "401"]
    );
    assert_eq!(
        b2.rota.iter().map(|h| h.door.as_str()).collect::<Vec<_>>(),
        ["101", "301", "401"]
    );
    assert_eq!(
        code(change(&mut d.s, homes[3], true, "2026-03-16").unwrap_err()),
        "board_already_on"
    );
    assert_eq!(
        code(change(&mut d.s, homes[1], false, "2026-03-23").unwrap_err()),
        "board_not_on"
    );
    // the marked weeks keep whom they marked
    assert_eq!(b2.weeks[0].done, Some(true));
    assert_eq!(b2.weeks[1].done, Some(true));

    // a household of another building cannot be put on
    let compound =
        d.s.list_places(&ListPlaces {
            kind: Some(PlaceKind::Compound),
            parent_id: None,
        })
        .unwrap()[0]
            .id;
    let other =
        d.s.add_place(&AddPlace {
            kind: PlaceKind::Building,
            name: "5栋".into(),
            parent_id: Some(compound),
        })
        .unwrap()
        .id;
    let away =
        d.s.add_household(&AddHousehold {
            building_id: other,
            unit_id: None,
            room: "101".into(),
            fields: HouseholdFields::default(),
        })
        .unwrap()
        .id;
    assert_eq!(
        code(change(&mut d.s, away, true, "2026-03-16").unwrap_err()),
        "board_household_not_here"
    );
    let boards =
        d.s.list_duty_boards(&ListDutyBoards {
            community_id: d.community,
        })
        .unwrap();
    assert_eq!(boards.len(), 1);
    assert_eq!(boards[0].on_duty.as_ref().unwrap().door, "201");
    assert_eq!(boards[0].done, Some(true));
}

#[test]
fn the_monthly_report_counts_notices_duty_weeks_and_themes() {
    let mut d = desk();
    on(&mut d.s, "2026-03-04");
    let homes = d.homes.clone();
    let b = board(&mut d, homes[..2].to_vec());
    d.s.set_month_theme(&SetMonthTheme {
        community_id: d.community,
        month: "2026-03".into(),
        theme: theme("清洁家园"),
    })
    .unwrap();
    d.s.post_notice(&notice(d.community, "停水通知", "2026-03-04", "2026-03-05"))
        .unwrap();
    d.s.post_notice(&notice(d.community, "旧通知", "2026-02-04", "2026-02-05"))
        .unwrap();
    on(&mut d.s, "2026-03-25");
    for (week, done) in [
        ("2026-03-02", true),
        ("2026-03-09", false),
        ("2026-03-16", true),
    ] {
        d.s.mark_duty_week(&MarkDutyWeek {
            board_id: b.id,
            week: Some(week.into()),
            done,
            note: String::new(),
        })
        .unwrap();
    }
    let report =
        d.s.monthly_report(&MonthlyReport {
            month: "2026-03".into(),
            place_id: Some(d.community),
            path: None,
            grid_id: None,
        })
        .unwrap();
    let fig = |k: &str| {
        let f = report.figures.iter().find(|f| f.key == k).unwrap();
        (f.month, f.cumulative)
    };
    assert_eq!(fig("board_themes"), (1.0, 1.0));
    assert_eq!(fig("board_notices"), (1.0, 2.0));
    assert_eq!(fig("board_duty_done"), (2.0, 2.0));
    assert_eq!(fig("board_duty_not_done"), (1.0, 1.0));
    let recs =
        d.s.monthly_figure_records(&MonthlyFigureRecords {
            month: "2026-03".into(),
            place_id: Some(d.community),
            key: "board_duty_not_done".into(),
            cumulative: false,
            grid_id: None,
        })
        .unwrap();
    assert_eq!(recs.rows.len(), 1);
    assert_eq!(recs.rows[0][3], "2026-03-09");
    assert_eq!(recs.rows[0][4], "201");
}
