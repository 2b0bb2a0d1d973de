//! 服务圈 in 统计: the service points open at the period's end (its last day, or today when
//! sooner: opened by then and not closed — `linli_domain::circle::open_on`), by kind and by home
//! community, those shared with neighbouring communities; the joint activities held in the period
//! with a community of the scope taking part, by community, and the people who came. Counted as
//! `linli report circle` and the monthly report's circle lines count a month, over any period.
//! A point's contact is not listed.

use std::collections::BTreeMap;

use linli_domain::circle::PointKind;

use super::{Def, Item, List, Section, Shape, Within, Words};
use crate::circle::{activities_of, place_name, point_row, points_of};
use crate::{Result, Store};

const POINTS: usize = 0;
const ACTIVITIES: usize = 1;

const POINT_HEADERS: [Words; 7] = [
    ("社区", "Community"),
    ("类型", "Kind"),
    ("服务点", "Service point"),
    ("地址", "Address"),
    ("服务社区", "Communities served"),
    ("启用日期", "Opened on"),
    ("共享", "Shared"),
];

const ACTIVITY_HEADERS: [Words; 6] = [
    ("日期", "Date"),
    ("活动", "Activity"),
    ("参加社区", "Communities"),
    ("共建单位", "Co-building units"),
    ("地点", "Place"),
    ("人数", "People"),
];
/// The column of [`ACTIVITY_HEADERS`] the participants add up.
const PEOPLE: usize = 5;

type Bucket = (String, String, String);

fn defs(kinds: Vec<Bucket>, homes: Vec<Bucket>, joint: Vec<Bucket>) -> Vec<Def> {
    let def = |key, words, list, shape| Def {
        key,
        words,
        list,
        shape,
    };
    vec![
        def(
            "points",
            ("服务点（期末在用，个）", "Service points open at the end"),
            POINTS,
            Shape::Count,
        ),
        def(
            "shared",
            ("跨社区共享服务点（个）", "Points shared with neighbours"),
            POINTS,
            Shape::Count,
        ),
        def(
            "activities",
            ("联建活动（次）", "Joint activities"),
            ACTIVITIES,
            Shape::Count,
        ),
        def(
            "participants",
            ("联建活动参加人次", "People at joint activities"),
            ACTIVITIES,
            Shape::Sum {
                mark: "activities",
                column: PEOPLE,
            },
        ),
        def(
            "by_kind",
            ("服务点·按类型", "Points, by kind"),
            POINTS,
            Shape::Chart(kinds),
        ),
        def(
            "by_community",
            ("服务点·按所在社区", "Points, by community"),
            POINTS,
            Shape::Chart(homes),
        ),
        def(
            "activities_by_community",
            ("联建活动·按参加社区", "Joint activities, by community"),
            ACTIVITIES,
            Shape::Chart(joint),
        ),
    ]
}

pub(super) fn section(store: &Store, w: &Within) -> Result<Section> {
    let conn = &store.conn;
    let (mut points, mut activities) = (Vec::new(), Vec::new());
    let (mut kinds, mut homes, mut joint) = (
        std::collections::BTreeSet::new(),
        BTreeMap::new(),
        BTreeMap::new(),
    );
    let names = |ids: &[linli_domain::Id]| -> Result<String> {
        Ok(ids
            .iter()
            .map(|c| place_name(conn, *c))
            .collect::<Result<Vec<_>>>()?
            .join("、"))
    };
    for (_, kind, name, home, address, _, _, serves, opened) in
        points_of(conn, &w.communities, &w.end)?
    {
        let cname = place_name(conn, home)?;
        let kind = match kind {
            PointKind::Unknown => PointKind::Other,
            k => k,
        };
        kinds.insert(kind.code());
        homes.insert(home.to_string(), cname.clone());
        let mut marks = vec![
            ("points", String::new()),
            ("by_kind", kind.code().to_owned()),
            ("by_community", home.to_string()),
        ];
        if !serves.is_empty() {
            marks.push(("shared", String::new()));
        }
        points.push(Item {
            row: vec![
                cname,
                kind.label_zh().to_owned(),
                name,
                address,
                names(&serves)?,
                opened,
                (if serves.is_empty() { "否" } else { "是" }).to_owned(),
            ],
            marks,
        });
    }
    let upto = w.to.as_str().min(w.today.as_str());
    for (date, title, cs, units, point, n) in activities_of(conn, &w.communities, &w.from, upto)? {
        let mut marks = vec![("activities", String::new())];
        for c in cs.iter().filter(|c| w.communities.contains(c)) {
            marks.push(("activities_by_community", c.to_string()));
            joint.insert(c.to_string(), place_name(conn, *c)?);
        }
        let at = match point {
            Some(p) => point_row(conn, p).map(|p| p.name).unwrap_or_default(),
            None => String::new(),
        };
        activities.push(Item {
            row: vec![
                date,
                title,
                names(&cs)?,
                units.join("、"),
                at,
                n.max(0).to_string(),
            ],
            marks,
        });
    }
    let kinds = PointKind::present(|c| kinds.contains(c));
    let buckets = |m: BTreeMap<String, String>| -> Vec<Bucket> {
        let mut v: Vec<Bucket> = m.into_iter().map(|(k, n)| (k, n.clone(), n)).collect();
        v.sort_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(&b.0)));
        v
    };
    let word = |zh: &str, en: &str| (zh.to_owned(), en.to_owned());
    let mut cells_en = vec![word("是", "yes"), word("否", "no")];
    cells_en.extend(PointKind::labels().map(|(zh, en)| word(zh, en)));
    Ok(Section {
        words: ("服务圈", "Service circle"),
        defs: defs(kinds, buckets(homes), buckets(joint)),
        lists: vec![
            List {
                headers: POINT_HEADERS.to_vec(),
                items: points,
            },
            List {
                headers: ACTIVITY_HEADERS.to_vec(),
                items: activities,
            },
        ],
        cells_en,
    })
}
