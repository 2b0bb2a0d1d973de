//! 托管 in 统计: the children's programmes of the scope — children enrolled at some time in the
//! period (by kind of programme), new enrolments, children waiting on the period's last day,
//! attendance days, days a child was not signed out, and the rota's shifts with the volunteer
//! hours credited to the time bank (reversed or rejected entries do not count). Counted as
//! `linli report programmes` and the monthly report's lines count.
//!
//! Children are the most sensitive of all: where this laptop's role lacks the programme grant,
//! a child's name and who collected them read （无权查看） in every row; the rows and figures
//! stay, as the register's own lists keep the counts.

use std::collections::BTreeSet;

use linli_domain::programmes::{EnrolState, ProgrammeKind};

use super::{Def, Item, List, Section, Shape, Within, Words};
use crate::{Result, Store};

const CHILDREN: usize = 0;
const DAYS: usize = 1;
const SHIFTS: usize = 2;

/// What a withheld name reads.
pub(crate) const WITHHELD: &str = "（无权查看）";

const CHILD_HEADERS: [Words; 6] = [
    ("社区", "Community"),
    ("项目", "Programme"),
    ("儿童", "Child"),
    ("状态", "State"),
    ("报名日期", "Since"),
    ("退出日期", "Left on"),
];

const DAY_HEADERS: [Words; 7] = [
    ("社区", "Community"),
    ("日期", "Date"),
    ("项目", "Programme"),
    ("儿童", "Child"),
    ("签到", "Signed in"),
    ("签退", "Signed out"),
    ("接送人", "Collected by"),
];

/// The hours at column [`HOURS_COLUMN`].
const SHIFT_HEADERS: [Words; 6] = [
    ("社区", "Community"),
    ("日期", "Date"),
    ("项目", "Programme"),
    ("志愿者", "Volunteer"),
    ("时长（小时）", "Hours"),
    ("类别", "Category"),
];
const HOURS_COLUMN: usize = 4;

fn defs(kinds: Vec<(String, String, String)>) -> Vec<Def> {
    let def = |key, words, list, shape| Def {
        key,
        words,
        list,
        shape,
    };
    vec![
        def(
            "enrolled",
            ("在册儿童（人次）", "Children enrolled"),
            CHILDREN,
            Shape::Count,
        ),
        def(
            "new",
            ("新报名（人次）", "New enrolments"),
            CHILDREN,
            Shape::Count,
        ),
        def(
            "waiting",
            ("期末候补（人）", "Waiting at the end"),
            CHILDREN,
            Shape::Count,
        ),
        def(
            "attendance",
            ("出勤（人天）", "Attendance days"),
            DAYS,
            Shape::Count,
        ),
        def(
            "not_collected",
            ("未签退（人天）", "Days not signed out"),
            DAYS,
            Shape::Count,
        ),
        def(
            "shifts",
            ("志愿值班（班次）", "Volunteer shifts"),
            SHIFTS,
            Shape::Count,
        ),
        def(
            "hours",
            ("志愿服务时长（小时）", "Volunteer hours credited"),
            SHIFTS,
            Shape::Sum {
                mark: "shifts",
                column: HOURS_COLUMN,
            },
        ),
        def(
            "by_kind",
            ("在册·按项目类别", "Enrolled, by kind of programme"),
            CHILDREN,
            Shape::Chart(kinds),
        ),
    ]
}

type ChildLine = (String, String, String, String, String, String);
type DayLine = (
    String,
    String,
    String,
    String,
    Option<String>,
    Option<String>,
);

pub(super) fn section(store: &Store, w: &Within) -> Result<Section> {
    let withheld = store
        .sync_role()?
        .is_some_and(|r| !linli_protocol::privacy::has_programme_grant(r));
    let child = |name: String| if withheld { WITHHELD.to_owned() } else { name };
    let (mut children, mut days, mut shifts) = (Vec::new(), Vec::new(), Vec::new());
    let mut kinds = BTreeSet::new();
    for c in &w.communities {
        let cs = c.to_string();
        let cname: String = store
            .conn
            .prepare_cached("SELECT name FROM places WHERE id = ?1")?
            .query_row([&cs], |r| r.get(0))
            .unwrap_or_default();
        let found: Vec<ChildLine> = store
            .conn
            .prepare_cached(
                "SELECT p.name, p.kind, coalesce(r.name, ''), e.state, e.since, e.left_on
                 FROM programme_enrolments e JOIN programmes p ON p.id = e.programme_id
                 LEFT JOIN residents r ON r.id = e.resident_id
                 WHERE e.community_id = ?1 AND e.deleted = 0 AND p.deleted = 0 AND e.since <= ?2
                 ORDER BY p.name, e.since, e.id",
            )?
            .query_map(rusqlite::params![cs, w.end], |r| {
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
        for (programme, kind, name, state, since, left) in found {
            let (state, kind) = (EnrolState::read(&state), ProgrammeKind::read(&kind));
            let mut marks = Vec::new();
            if matches!(state, EnrolState::Enrolled | EnrolState::Left) {
                // enrolled at some time in the period
                if left.is_empty() || left.as_str() >= w.from.as_str() {
                    marks.push(("enrolled", String::new()));
                    marks.push(("by_kind", kind.code().to_owned()));
                    kinds.insert(kind.code());
                }
                if w.holds(&since) {
                    marks.push(("new", String::new()));
                }
            } else if state == EnrolState::Waiting {
                marks.push(("waiting", String::new()));
            }
            if marks.is_empty() {
                continue;
            }
            children.push(Item {
                row: vec![
                    cname.clone(),
                    programme,
                    child(name),
                    state.label_zh().to_owned(),
                    since,
                    left,
                ],
                marks,
            });
        }
        let found: Vec<DayLine> = store
            .conn
            .prepare_cached(
                "SELECT i.date, p.name, coalesce(r.name, ''), i.time, o.time, o.collector_name
                 FROM programme_attendance i JOIN programmes p ON p.id = i.programme_id
                 LEFT JOIN programme_enrolments e ON e.id = i.enrolment_id
                 LEFT JOIN residents r ON r.id = e.resident_id
                 LEFT JOIN programme_attendance o ON o.enrolment_id = i.enrolment_id
                      AND o.date = i.date AND o.act = 'out'
                 WHERE i.community_id = ?1 AND i.act = 'in' AND i.date BETWEEN ?2 AND ?3
                 ORDER BY i.date, p.name, i.time, i.id",
            )?
            .query_map(rusqlite::params![cs, w.from, w.end], |r| {
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
        for (date, programme, name, t_in, t_out, by) in found {
            let mut marks = vec![("attendance", String::new())];
            if t_out.is_none() && date.as_str() < w.end.as_str() {
                marks.push(("not_collected", String::new()));
            }
            days.push(Item {
                row: vec![
                    cname.clone(),
                    date,
                    programme,
                    child(name),
                    t_in,
                    t_out.unwrap_or_default(),
                    by.map(&child).unwrap_or_default(),
                ],
                marks,
            });
        }
        let found: Vec<(String, String, String, i64, String)> = store
            .conn
            .prepare_cached(
                "SELECT s.date, p.name, coalesce(v.name, ''), s.minutes, h.category
                 FROM programme_shifts s JOIN programmes p ON p.id = s.programme_id
                 JOIN service_hours h ON h.id = s.entry_id
                 LEFT JOIN volunteers v ON v.id = s.volunteer_id
                 WHERE s.community_id = ?1 AND s.date BETWEEN ?2 AND ?3
                 AND NOT EXISTS (SELECT 1 FROM service_hours r WHERE r.reverses = s.entry_id)
                 AND NOT EXISTS (SELECT 1 FROM hour_rejections hr WHERE hr.entry_id = s.entry_id)
                 ORDER BY s.date, p.name, v.name, s.id",
            )?
            .query_map(rusqlite::params![cs, w.from, w.end], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        for (date, programme, volunteer, minutes, category) in found {
            shifts.push(Item {
                row: vec![
                    cname.clone(),
                    date,
                    programme,
                    volunteer,
                    format!("{}", minutes as f64 / 60.0),
                    category,
                ],
                marks: vec![("shifts", String::new())],
            });
        }
    }
    let kinds = ProgrammeKind::present(|c| kinds.contains(c));
    let word = |zh: &str, en: &str| (zh.to_owned(), en.to_owned());
    let mut cells_en = vec![word(WITHHELD, "(withheld)")];
    cells_en.extend(EnrolState::labels().map(|(zh, en)| word(zh, en)));
    Ok(Section {
        words: ("儿童托管", "Children's programmes"),
        defs: defs(kinds),
        lists: vec![
            List {
                headers: CHILD_HEADERS.to_vec(),
                items: children,
            },
            List {
                headers: DAY_HEADERS.to_vec(),
                items: days,
            },
            List {
                headers: SHIFT_HEADERS.to_vec(),
                items: shifts,
            },
        ],
        cells_en,
    })
}
