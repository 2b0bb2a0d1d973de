//! The snapshot's samples of the community's boards (issue 20 items 3, 4, 5a): the month's
//! theme, notices and duty boards.

use super::*;

pub(super) fn board_samples() -> Value {
    use linli_domain::board::{Audience, NoticeState, SectionKind, ThemeKind};
    let theme = MonthThemeFields {
        kind: ThemeKind::Cleaning,
        title: "清洁家园".into(),
        text: "清理楼道堆物".into(),
    };
    let notice = NoticeFields {
        place_id: id(3),
        title: "停水通知".into(),
        text: "因管道维修停水".into(),
        start_date: "2026-03-05".into(),
        end_date: "2026-03-06".into(),
        audience: Audience::Elderly,
    };
    let home = DutyHousehold {
        household_id: id(10),
        door: "2单元502".into(),
        head: "王建国".into(),
        head_masked: "王＊＊".into(),
        phone: Some("139****5678".into()),
        from_week: "2026-03-02".into(),
        until_week: None,
    };
    json!({
        "requests": [
            Request::set_month_theme(SetMonthTheme { community_id: id(2), month: "2026-03".into(), theme: theme.clone() }),
            Request::month_theme(GetMonthTheme { community_id: id(2), month: "2026-03".into() }),
            Request::list_month_themes(ListMonthThemes { community_id: id(2), year: Some("2026".into()) }),
            Request::add_campaign_line(AddCampaignLine { community_id: id(2), building_id: id(3), date: None, text: "清理楼道堆物三处".into(), by_name: "林秀英".into() }),
            Request::remove_campaign_line(RemoveCampaignLine { id: id(70) }),
            Request::post_notice(PostNotice { id: None, community_id: id(2), notice: notice.clone() }),
            Request::withdraw_notice(WithdrawNotice { id: id(71) }),
            Request::list_notices(ListNotices { community_id: id(2), state: Some(NoticeState::Current), month: None }),
            Request::add_duty_board(AddDutyBoard { community_id: id(2), place_id: id(3), label: "".into(), chore: "楼道清扫".into(), start_week: None, households: vec![id(10), id(11)] }),
            Request::change_duty_rota(ChangeDutyRota { board_id: id(72), household_id: id(11), on: false, from_week: None }),
            Request::mark_duty_week(MarkDutyWeek { board_id: id(72), week: None, done: true, note: "".into() }),
            Request::duty_board(GetDutyBoard { id: id(72), weeks_back: None, weeks_ahead: Some(4) }),
            Request::list_duty_boards(ListDutyBoards { community_id: id(2) }),
            Request::list_board_places(ListBoardPlaces { community_id: id(2) }),
        ],
        "month_theme": MonthTheme {
            community_id: id(2),
            month: "2026-03".into(),
            theme: Some(theme),
            sections: vec![ThemeSection {
                kind: SectionKind::Campaign,
                items: vec![ThemeItem { id: id(70), date: "2026-03-10".into(), title: "清理楼道堆物三处".into(), detail: "3栋 · 林秀英".into() }],
            }],
        },
        "notice": Notice {
            id: id(71),
            community_id: id(2),
            notice,
            place_name: "3栋".into(),
            community_name: "北门社区".into(),
            state: NoticeState::Upcoming,
            wechat_text: "【通知】停水通知\n时间：2026年3月5日至2026年3月6日\n对象：老年居民\n\n因管道维修停水\n\n北门社区居委会".into(),
        },
        "duty_board": DutyBoard {
            id: id(72),
            community_id: id(2),
            place_id: id(3),
            place_name: "3栋".into(),
            label: "3栋".into(),
            chore: "楼道清扫".into(),
            start_week: "2026-03-02".into(),
            rota: vec![home.clone()],
            weeks: vec![DutyWeek { week: "2026-03-02".into(), household: Some(home.clone()), done: Some(true), note: "".into() }],
            this_week: "2026-03-02".into(),
            on_duty: Some(home),
            next: None,
            done: 1,
            not_done: 0,
        },
    })
}
