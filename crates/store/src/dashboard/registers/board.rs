//! 公告 in 统计: the notices published in the period (starting in it; by their scope — the
//! whole community or a building — and by whom they are for), the duty boards' weeks marked done
//! and not done (a week's latest mark counts) with the rate done, and the months' themes. Counted
//! as the monthly report's board lines count (`crate::board::board_records`), over any period.

use std::collections::{BTreeMap, BTreeSet};

use linli_domain::board::{Audience, ThemeKind};
use linli_domain::calendar;

use super::{Def, Item, List, Section, Shape, Within, Words};
use crate::{Result, Store};

const NOTICES: usize = 0;
const DUTY: usize = 1;
const THEMES: usize = 2;

const NOTICE_HEADERS: [Words; 6] = [
    ("社区", "Community"),
    ("标题", "Title"),
    ("范围", "Where"),
    ("对象", "For"),
    ("开始日期", "From"),
    ("结束日期", "Until"),
];

const DUTY_HEADERS: [Words; 6] = [
    ("社区", "Community"),
    ("值日牌", "Duty board"),
    ("值日内容", "Chore"),
    ("周（周一）", "Week (Monday)"),
    ("已完成", "Done"),
    ("备注", "Note"),
];

const THEME_HEADERS: [Words; 4] = [
    ("社区", "Community"),
    ("月份", "Month"),
    ("主题类别", "Theme kind"),
    ("主题", "Theme"),
];

/// A notice for the whole community, or one building's (or entrance's).
const WHOLE: (&str, &str, &str) = ("community", "全社区", "the whole community");
const BUILDING: (&str, &str, &str) = ("building", "楼栋（单元）", "a building");

type Bucket = (String, String, String);

fn bucket((k, zh, en): (&str, &str, &str)) -> Bucket {
    (k.to_owned(), zh.to_owned(), en.to_owned())
}

fn defs(scopes: Vec<Bucket>, audiences: Vec<Bucket>) -> Vec<Def> {
    let def = |key, words, list, shape| Def {
        key,
        words,
        list,
        shape,
    };
    vec![
        def(
            "notices",
            ("发布通知公告（则）", "Notices published"),
            NOTICES,
            Shape::Count,
        ),
        def(
            "duty_weeks",
            ("值日（周次）", "Duty weeks marked"),
            DUTY,
            Shape::Count,
        ),
        def(
            "duty_done",
            ("值日完成（周次）", "Duty weeks done"),
            DUTY,
            Shape::Count,
        ),
        def(
            "duty_not_done",
            ("值日未完成（周次）", "Duty weeks not done"),
            DUTY,
            Shape::Count,
        ),
        def(
            "duty_rate",
            ("值日完成率", "Duty done, rate"),
            DUTY,
            Shape::Rate {
                num: "duty_done",
                den: "duty_weeks",
            },
        ),
        def(
            "themes",
            ("一月一主题（个）", "Monthly themes"),
            THEMES,
            Shape::Count,
        ),
        def(
            "by_scope",
            ("通知·按范围", "Notices, by where"),
            NOTICES,
            Shape::Chart(scopes),
        ),
        def(
            "by_audience",
            ("通知·按对象", "Notices, by whom for"),
            NOTICES,
            Shape::Chart(audiences),
        ),
    ]
}

fn communities(store: &Store, w: &Within) -> Result<Vec<(String, String)>> {
    let mut out = Vec::new();
    for c in &w.communities {
        let name: String = store
            .conn
            .prepare_cached("SELECT name FROM places WHERE id = ?1")?
            .query_row([c.to_string()], |r| r.get(0))
            .unwrap_or_default();
        out.push((c.to_string(), name));
    }
    Ok(out)
}

type NoticeLine = (String, String, Option<String>, String, String, String);
type MarkLine = (String, String, bool, String, String, String);

pub(super) fn section(store: &Store, w: &Within) -> Result<Section> {
    let (mut notices, mut duty, mut themes) = (Vec::new(), Vec::new(), Vec::new());
    let (mut scopes, mut audiences) = (BTreeSet::new(), BTreeSet::new());
    for (c, cname) in communities(store, w)? {
        let found: Vec<NoticeLine> = store
            .conn
            .prepare_cached(
                "SELECT n.title, n.audience, p.name, n.start_date, n.end_date, coalesce(pp.name, '')
                 FROM notices n LEFT JOIN places p ON p.id = n.place_id
                 LEFT JOIN places pp ON pp.id = p.parent_id AND p.kind = 'unit'
                 WHERE n.community_id = ?1 AND n.deleted = 0
                 AND n.start_date BETWEEN ?2 AND ?3 ORDER BY n.start_date, n.id",
            )?
            .query_map(rusqlite::params![c, w.from, w.to], |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                ))
            })?
            .collect::<rusqlite::Result<_>>()?;
        for (title, audience, place, start, end, parent) in found {
            let audience = Audience::read(&audience);
            let (scope, where_) = match place {
                Some(p) => (BUILDING, format!("{parent}{p}")),
                None => (WHOLE, WHOLE.1.to_owned()),
            };
            scopes.insert(scope.0);
            audiences.insert(audience.code());
            notices.push(Item {
                row: vec![
                    cname.clone(),
                    title,
                    where_,
                    audience.label_zh().to_owned(),
                    start,
                    end,
                ],
                marks: vec![
                    ("notices", String::new()),
                    ("by_scope", scope.0.to_owned()),
                    ("by_audience", audience.code().to_owned()),
                ],
            });
        }
        // the latest mark of each board's week
        let marks: Vec<MarkLine> = store
            .conn
            .prepare_cached(
                "SELECT m.board_id, m.week, m.done, m.note, b.label, b.chore
                 FROM duty_marks m JOIN duty_boards b ON b.id = m.board_id AND b.deleted = 0
                 WHERE m.community_id = ?1 AND m.week BETWEEN ?2 AND ?3 ORDER BY m.id",
            )?
            .query_map(rusqlite::params![c, w.from, w.to], |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get::<_, i64>(2)? != 0,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                ))
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut latest = BTreeMap::new();
        for (board, week, done, note, label, chore) in marks {
            latest.insert((week.clone(), board), (week, done, note, label, chore));
        }
        for (week, done, note, label, chore) in latest.into_values() {
            let mut marks = vec![("duty_weeks", String::new())];
            marks.push(if done {
                ("duty_done", String::new())
            } else {
                ("duty_not_done", String::new())
            });
            duty.push(Item {
                row: vec![
                    cname.clone(),
                    label,
                    chore,
                    week,
                    (if done { "是" } else { "否" }).to_owned(),
                    note,
                ],
                marks,
            });
        }
        let found: Vec<(String, String, String)> = store
            .conn
            .prepare_cached(
                "SELECT month, kind, title FROM month_themes WHERE community_id = ?1
                 AND deleted = 0 AND month BETWEEN ?2 AND ?3 ORDER BY month",
            )?
            .query_map(
                rusqlite::params![c, calendar::month_of(&w.from), calendar::month_of(&w.to)],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )?
            .collect::<rusqlite::Result<_>>()?;
        for (month, kind, title) in found {
            themes.push(Item {
                row: vec![
                    cname.clone(),
                    month,
                    ThemeKind::read(&kind).label_zh().to_owned(),
                    title,
                ],
                marks: vec![("themes", String::new())],
            });
        }
    }
    let scopes = [WHOLE, BUILDING]
        .into_iter()
        .filter(|s| scopes.contains(s.0))
        .map(bucket)
        .collect();
    let audiences = Audience::present(|c| audiences.contains(c));
    let word = |zh: &str, en: &str| (zh.to_owned(), en.to_owned());
    let mut cells_en = vec![word(WHOLE.1, WHOLE.2), word("是", "yes"), word("否", "no")];
    cells_en.extend(Audience::labels().map(|(zh, en)| word(zh, en)));
    cells_en.extend(ThemeKind::labels().map(|(zh, en)| word(zh, en)));
    Ok(Section {
        words: ("公告值日", "Notices and duty"),
        defs: defs(scopes, audiences),
        lists: vec![
            List {
                headers: NOTICE_HEADERS.to_vec(),
                items: notices,
            },
            List {
                headers: DUTY_HEADERS.to_vec(),
                items: duty,
            },
            List {
                headers: THEME_HEADERS.to_vec(),
                items: themes,
            },
        ],
        cells_en,
    })
}
