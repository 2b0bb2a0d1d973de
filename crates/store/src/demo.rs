//! The demo community that `cargo xtask run` and `linli demo` put in a new database, so a new user
//! opens the app onto a lived-in town: communities, compounds, buildings, units and rooms,
//! households with residents (Chinese names, valid ID numbers and phones, care tags), big grids
//! and building sections mapped onto units, and the people who work them.
//!
//! Deterministic: the same options give the same rows with the same ids (the canonical export
//! of two such databases is byte-identical). The default is the town of the county reports:
//! 34 big grids, 110 building sections, 49 grid workers, 1,550 households, about 4,700 residents.

use linli_domain::field::{SnapshotKind, TaskCategory};
use linli_domain::register::{GridKind, ResidenceStatus, Role};
use linli_domain::{make_resident_id, Gender, Id, Now, PlaceKind};
use linli_protocol::{HouseholdFields, ResidentFields};
use serde_json::json;

use crate::register::{households::insert_household, residents};
use crate::write::{RowWrite, Scope, Writer};
use crate::{Result, Store};

pub use crate::demo_time_bank::TimeBankSummary;

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoOptions {
    pub households: u32,
    pub seed: u64,
}

impl Default for DemoOptions {
    fn default() -> Self {
        DemoOptions {
            households: 1550,
            seed: 2024,
        }
    }
}

/// What the generator made.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DemoSummary {
    pub communities: u32,
    pub compounds: u32,
    pub buildings: u32,
    pub units: u32,
    pub households: u32,
    pub residents: u32,
    pub big_grids: u32,
    pub sections: u32,
    pub grid_workers: u32,
    pub people: u32,
    /// Visits over the last 30 days, corrections included.
    pub visits: u32,
    pub tasks: u32,
    /// The volunteer time bank (see `demo_time_bank`).
    pub time_bank: TimeBankSummary,
}

/// The communities of 樟城镇's county seat.
const COMMUNITIES: &[&str] = &[
    "北门社区",
    "南门社区",
    "东门社区",
    "西门社区",
    "城南社区",
    "城北社区",
    "城峰社区",
    "溪口社区",
    "葛岭社区",
    "清凉社区",
    "大湖社区",
    "长庆社区",
    "赤锡社区",
];

const COMPOUNDS: &[&str] = &[
    "西门新村",
    "北门小区",
    "城东花园",
    "凤凰苑",
    "溪畔家园",
    "樟城公寓",
    "金山花园",
    "翠湖苑",
    "和平里",
    "幸福家园",
    "阳光城",
    "滨江花园",
    "锦绣华庭",
    "书香苑",
    "怡和新村",
    "青云小区",
    "南湖苑",
    "东方明珠",
    "龙津花园",
    "紫薇苑",
];

/// Surnames weighted roughly as in Fujian (林, 陈, 黄, 郑 … first).
const SURNAMES: &[&str] = &[
    "林", "陈", "黄", "郑", "张", "王", "李", "吴", "刘", "杨", "叶", "许", "蔡", "周", "徐", "洪",
    "谢", "方", "朱", "潘", "游", "余", "何", "胡", "高", "郭", "曾", "詹", "范", "卢", "苏", "江",
    "魏", "邱", "罗", "傅", "肖", "沈", "庄", "彭",
];

const GIVEN: &[&str] = &[
    "伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟",
    "涛", "明", "超", "秀兰", "霞", "平", "刚", "桂英", "建华", "文", "华", "金凤", "志强", "海燕",
    "国庆", "建国", "玉兰", "婷", "雪", "晨", "宇", "浩然", "子涵", "欣怡", "梓轩", "思远", "雨桐",
    "一鸣", "嘉怡", "俊杰", "美玲", "春生", "福生", "清华", "永福", "丽珍", "秀珍", "水英", "木金",
    "阿妹", "炳南", "德明", "宏伟", "晓东", "佳琪",
];

/// A small deterministic generator (splitmix64).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    fn pick<'a>(&mut self, list: &[&'a str]) -> &'a str {
        list[self.below(list.len() as u64) as usize]
    }
}

fn place(
    w: &mut Writer<'_>,
    id: Id,
    kind: PlaceKind,
    name: &str,
    parent: Option<Id>,
    community: Option<Id>,
) -> Result<()> {
    w.write(RowWrite {
        table: "places",
        row_id: id,
        fields: vec![
            ("kind", json!(kind.code())),
            ("name", json!(name)),
            ("parent_id", json!(parent.map(|p| p.to_string()))),
            ("deleted", json!(false)),
        ],
        scope: Scope {
            community,
            grid: None,
            place: Some(id),
        },
    })?;
    Ok(())
}

fn phone(rng: &mut Rng) -> String {
    if rng.chance(8) {
        format!("0591-2{:07}", rng.below(10_000_000))
    } else {
        let prefix = [
            "135", "136", "137", "138", "139", "150", "151", "158", "159", "186", "187", "188",
            "189", "177", "199",
        ];
        format!("{}{:08}", rng.pick(&prefix), rng.below(100_000_000))
    }
}

struct Person {
    name: String,
    gender: Gender,
    birth: (u16, u8, u8),
    relation: &'static str,
}

fn person(
    rng: &mut Rng,
    surname: &str,
    gender: Gender,
    year: u16,
    relation: &'static str,
) -> Person {
    let given = rng.pick(GIVEN);
    Person {
        name: format!("{surname}{given}"),
        gender,
        birth: (year, 1 + rng.below(12) as u8, 1 + rng.below(28) as u8),
        relation,
    }
}

/// The members of one household: a head, often a spouse, children, sometimes a parent.
fn family(rng: &mut Rng) -> Vec<Person> {
    let surname = rng.pick(SURNAMES);
    let head_gender = if rng.chance(70) {
        Gender::Male
    } else {
        Gender::Female
    };
    let head_year = 1940 + rng.below(60) as u16;
    let mut people = vec![person(rng, surname, head_gender, head_year, "户主")];
    let alone = head_year < 1955 && rng.chance(30);
    if alone {
        return people;
    }
    if rng.chance(80) {
        let spouse_gender = if head_gender == Gender::Male {
            Gender::Female
        } else {
            Gender::Male
        };
        let other = rng.pick(SURNAMES);
        let year = (head_year as i64 + rng.below(7) as i64 - 3).clamp(1930, 2005) as u16;
        people.push(person(rng, other, spouse_gender, year, "配偶"));
    }
    let children = if head_year > 1995 {
        0
    } else {
        rng.below(3) + u64::from(rng.chance(35))
    };
    for _ in 0..children {
        let g = if rng.chance(50) {
            Gender::Male
        } else {
            Gender::Female
        };
        let year = (head_year + 22 + rng.below(12) as u16).min(2025);
        people.push(person(
            rng,
            surname,
            g,
            year,
            if g == Gender::Male { "子" } else { "女" },
        ));
    }
    if head_year > 1972 && rng.chance(35) {
        let g = if rng.chance(50) {
            Gender::Male
        } else {
            Gender::Female
        };
        let year = head_year - 25 - rng.below(6) as u16;
        people.push(person(
            rng,
            surname,
            g,
            year,
            if g == Gender::Male {
                "父亲"
            } else {
                "母亲"
            },
        ));
    }
    people
}

fn care_tags(rng: &mut Rng, p: &Person, household_size: usize) -> Vec<String> {
    let mut tags = Vec::new();
    let age = 2026 - i64::from(p.birth.0);
    if age >= 70 && household_size == 1 {
        tags.push("独居老人");
    } else if age >= 80 {
        tags.push("高龄老人");
    }
    if age < 16 && rng.chance(6) {
        tags.push("留守儿童");
    }
    if rng.chance(3) {
        tags.push("低保");
    }
    if rng.chance(2) {
        tags.push("残疾");
    }
    if age > 30 && p.gender == Gender::Male && rng.chance(4) {
        tags.push("退役军人");
    }
    if age > 22 && rng.chance(8) {
        tags.push("党员");
    }
    tags.into_iter().map(String::from).collect()
}

fn share(total: u32, parts: u32, i: u32) -> u32 {
    total / parts + u32::from(i < total % parts)
}

/// Fills an empty store with the demo town. Refuses a store that already holds places.
pub fn generate(store: &mut Store, opts: DemoOptions) -> Result<DemoSummary> {
    if !store.list_places(&Default::default())?.is_empty() {
        return Err(crate::Error::Conflict {
            message: "数据库里已有数据，示范数据只能写入新的数据库".into(),
        });
    }
    let n = opts.households.max(1);
    let mut rng = Rng(opts.seed);
    // ids from the seed (the same options give the same rows), at the store's time and day
    let real = store.now();
    let mut ids = Now::seeded(real.wall_ms(), real.offset_minutes(), opts.seed ^ 0x5EED);
    let mut sum = DemoSummary::default();
    let scale = |town: u32| ((u64::from(town) * u64::from(n) + 775) / 1550).max(1) as u32;
    let (big_total, section_total, worker_total) =
        (scale(34), scale(110).max(scale(34)), scale(49));

    let county = ids.id();
    let town = ids.id();
    let mut w = store.begin()?;
    place(&mut w, county, PlaceKind::County, "永泰县", None, None)?;
    place(&mut w, town, PlaceKind::Town, "樟城镇", Some(county), None)?;
    w.commit()?;

    let communities = (n / 300).clamp(1, COMMUNITIES.len() as u32);
    let mut seq: u16 = 0;
    let mut community_ids = Vec::new();
    for ci in 0..communities {
        let c_households = share(n, communities, ci);
        let c_big = share(big_total, communities, ci).max(1);
        let c_sections = share(section_total, communities, ci).max(c_big);
        let c_workers = share(worker_total, communities, ci).max(1);
        let community = ids.id();
        community_ids.push(community);
        let mut w = store.begin()?;
        place(
            &mut w,
            community,
            PlaceKind::Community,
            COMMUNITIES[ci as usize],
            Some(town),
            Some(community),
        )?;
        sum.communities += 1;

        // the grids of the community, and who works them
        let mut bigs = Vec::new();
        for b in 0..c_big {
            let id = ids.id();
            grid(
                &mut w,
                id,
                GridKind::Big,
                &format!("第{}网格", b + 1),
                None,
                community,
            )?;
            bigs.push(id);
        }
        let mut sections = Vec::new();
        for s in 0..c_sections {
            let id = ids.id();
            let big = bigs[(s as usize * bigs.len()) / c_sections as usize];
            grid(
                &mut w,
                id,
                GridKind::Section,
                &format!("第{}楼段", s + 1),
                Some(big),
                community,
            )?;
            sections.push(id);
        }
        sum.big_grids += c_big;
        sum.sections += c_sections;
        for k in 0..c_workers {
            let id = ids.id();
            let p = staff_name(&mut rng);
            let role = if k % 4 == 3 {
                Role::PartTimeGridWorker
            } else {
                Role::GridWorker
            };
            staff(&mut w, id, community, &p, &phone(&mut rng), &[role])?;
            // each worker walks a run of sections
            let per = (sections.len() as u32).div_ceil(c_workers) as usize;
            for s in sections.iter().skip(k as usize * per).take(per) {
                assignment(&mut w, ids.id(), id, role, Some(*s), None, community)?;
            }
        }
        sum.grid_workers += c_workers;
        sum.people += c_workers;
        for role in [Role::Admin, Role::VolunteerCoordinator] {
            let id = ids.id();
            let p = staff_name(&mut rng);
            staff(&mut w, id, community, &p, &phone(&mut rng), &[role])?;
            sum.people += 1;
        }
        w.commit()?;

        // compounds, buildings, units and rooms, filled with households
        let compounds = c_households.div_ceil(120).max(1);
        let mut unit_index = 0usize;
        let total_units = c_households.div_ceil(10).max(1) as usize;
        for k in 0..compounds {
            let k_households = share(c_households, compounds, k);
            let compound = ids.id();
            let base = COMPOUNDS[(ci as usize * 7 + k as usize) % COMPOUNDS.len()];
            let round = (ci as usize * 7 + k as usize) / COMPOUNDS.len();
            let name = if round == 0 {
                base.to_owned()
            } else {
                format!("{base}{}期", round + 1)
            };
            let mut w = store.begin()?;
            place(
                &mut w,
                compound,
                PlaceKind::Compound,
                &name,
                Some(community),
                Some(community),
            )?;
            sum.compounds += 1;
            let mut left = k_households;
            let mut b = 0;
            while left > 0 {
                b += 1;
                let building = ids.id();
                place(
                    &mut w,
                    building,
                    PlaceKind::Building,
                    &format!("{b}栋"),
                    Some(compound),
                    Some(community),
                )?;
                sum.buildings += 1;
                let floors = 5 + rng.below(3) as u32;
                let steward = ids.id();
                let s = staff_name(&mut rng);
                staff(
                    &mut w,
                    steward,
                    community,
                    &s,
                    &phone(&mut rng),
                    &[Role::BuildingSteward],
                )?;
                assignment(
                    &mut w,
                    ids.id(),
                    steward,
                    Role::BuildingSteward,
                    None,
                    Some(building),
                    community,
                )?;
                sum.people += 1;
                for u in 1..=2u32 {
                    if left == 0 {
                        break;
                    }
                    let unit = ids.id();
                    place(
                        &mut w,
                        unit,
                        PlaceKind::Unit,
                        &format!("{u}单元"),
                        Some(building),
                        Some(community),
                    )?;
                    sum.units += 1;
                    let section = sections
                        [(unit_index * sections.len() / total_units).min(sections.len() - 1)];
                    unit_index += 1;
                    w.write(RowWrite {
                        table: "grid_places",
                        row_id: ids.id(),
                        fields: vec![
                            ("grid_id", json!(section.to_string())),
                            ("place_id", json!(unit.to_string())),
                            ("deleted", json!(false)),
                        ],
                        scope: Scope {
                            community: Some(community),
                            grid: Some(section),
                            place: Some(unit),
                        },
                    })?;
                    if u == 1 && rng.chance(50) {
                        let cs = ids.id();
                        let p = staff_name(&mut rng);
                        staff(
                            &mut w,
                            cs,
                            community,
                            &p,
                            &phone(&mut rng),
                            &[Role::CorridorSteward],
                        )?;
                        assignment(
                            &mut w,
                            ids.id(),
                            cs,
                            Role::CorridorSteward,
                            None,
                            Some(unit),
                            community,
                        )?;
                        sum.people += 1;
                    }
                    let scope = Scope {
                        community: Some(community),
                        grid: Some(section),
                        place: Some(unit),
                    };
                    'rooms: for floor in 1..=floors {
                        for r in 1..=2u32 {
                            if left == 0 {
                                break 'rooms;
                            }
                            left -= 1;
                            let household = ids.id();
                            let members = family(&mut rng);
                            let status = match rng.below(100) {
                                0..=84 => ResidenceStatus::Consistent,
                                85..=94 => ResidenceStatus::RegisteredElsewhere,
                                _ => ResidenceStatus::LivingElsewhere,
                            };
                            let fields = HouseholdFields {
                                phone: Some(phone(&mut rng)),
                                residence_status: status,
                                floating: status == ResidenceStatus::RegisteredElsewhere
                                    && rng.chance(60),
                                tags: if members.len() == 1 {
                                    vec!["独居".into()]
                                } else {
                                    Vec::new()
                                },
                                notes: String::new(),
                            };
                            insert_household(
                                &mut w,
                                household,
                                building,
                                Some(unit),
                                &format!("{floor}{r:02}"),
                                &fields,
                                scope,
                            )?;
                            sum.households += 1;
                            for p in &members {
                                seq = seq.wrapping_add(1) % 1000;
                                let (y, m, d) = p.birth;
                                let number = make_resident_id(350125, y, m, d, seq, p.gender);
                                let adult = y <= 2008;
                                let f = ResidentFields {
                                    name: p.name.clone(),
                                    gender: Some(p.gender),
                                    birth_date: None,
                                    id_number: Some(number.as_str().to_owned()),
                                    phone: adult.then(|| phone(&mut rng)),
                                    relation: p.relation.into(),
                                    care_tags: care_tags(&mut rng, p, members.len()),
                                    moved_in: Some(format!(
                                        "{}-{:02}-01",
                                        1995 + rng.below(30),
                                        1 + rng.below(12)
                                    )),
                                    notes: String::new(),
                                    party_member: false,
                                    accept_possible_duplicate: true,
                                };
                                let clean = residents::clean(&f)?;
                                residents::insert_resident(
                                    &mut w,
                                    ids.id(),
                                    household,
                                    &clean,
                                    scope,
                                )?;
                                sum.residents += 1;
                            }
                        }
                    }
                }
            }
            w.commit()?;
        }
    }
    let (visits, tasks) = lived_in_month(store, opts.seed, &real.today())?;
    sum.visits = visits;
    sum.tasks = tasks;
    let mut bank_rng = Rng(opts.seed ^ 0x7B7B);
    // the time bank takes its ids from the writer's clock: the demo's, pinned meanwhile
    let before = store.pin_now(ids);
    let bank = crate::demo_time_bank::generate(store, &community_ids, &mut |n| bank_rng.below(n));
    match before {
        Some(clock) => {
            store.pin_now(clock);
        }
        None => {
            store.unpin_now();
        }
    }
    sum.time_bank = bank?;
    Ok(sum)
}

const FINDINGS: &[(&str, Option<(&str, TaskCategory)>)] = &[
    (
        "老人腿脚不便，想申请助餐服务",
        Some(("申请助餐服务", TaskCategory::HouseholdMatter)),
    ),
    (
        "楼道灯不亮，晚上出入不便",
        Some(("修楼道灯", TaskCategory::PublicMatter)),
    ),
    (
        "厨房水管老化漏水",
        Some(("更换厨房水管", TaskCategory::HouseholdMatter)),
    ),
    (
        "楼道堆放杂物，有消防隐患",
        Some(("清理楼道杂物", TaskCategory::PublicMatter)),
    ),
    (
        "孩子想要一套课外读物",
        Some(("点亮微心愿：课外读物", TaskCategory::MicroWish)),
    ),
    (
        "邻里因漏水到楼下产生矛盾",
        Some(("调解漏水纠纷", TaskCategory::CivicMatter)),
    ),
    (
        "反映小区停车难",
        Some(("协调小区停车", TaskCategory::CivicMatter)),
    ),
    ("身体状况良好，子女每周探望", None),
    ("家中新添一口人，需补登记", None),
    ("外出务工，家中只有老人", None),
    ("对社区服务表示满意", None),
];

const SNAPSHOTS: &[(&str, SnapshotKind)] = &[
    ("小区门口占道经营", SnapshotKind::Violation),
    ("垃圾桶满溢无人清运", SnapshotKind::Environment),
    ("夜间有陌生人在楼道逗留", SnapshotKind::PublicOrder),
    ("绿化带被私自种菜", SnapshotKind::Violation),
];

/// A lived-in month: visits over the 30 days before `today` by the workers of each section (care
/// households more often), findings reviewed at night, and tasks from follow-ups and snapshot
/// reports at every stage of the five-list flow — open, overdue, finished, rated. Deterministic
/// for a seed and a day.
fn lived_in_month(store: &mut Store, seed: u64, today: &str) -> Result<(u32, u32)> {
    use linli_domain::field::{add_days, TaskEventKind, VisitKind, VisitOutcome};

    let mut rng = Rng(seed ^ 0x0F1E_1D00);
    let mut ids = Now::seeded(0, 0, seed ^ 0xF1E1_D5EE);
    let day = |n: i64| add_days(today, -n).unwrap_or_else(|| today.to_owned());
    let conn = store.conn();
    let workers: std::collections::HashMap<String, String> = conn
        .prepare(
            "SELECT grid_id, person_id FROM assignments
             WHERE grid_id IS NOT NULL AND role IN ('grid_worker', 'part_time_grid_worker')
             ORDER BY id",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let admins: std::collections::HashMap<String, String> = conn
        .prepare("SELECT community_id, id FROM people WHERE roles LIKE '%\"admin\"%' ORDER BY id")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    type Home = (String, String, String, Option<String>, bool);
    let homes: Vec<Home> = conn
        .prepare(
            "SELECT h.id, h.community_id, gp.grid_id, h.unit_id,
                EXISTS (SELECT 1 FROM residents r WHERE r.household_id = h.id
                        AND r.care_tags NOT IN ('[]', '[\"党员\"]'))
             FROM households h JOIN grid_places gp ON gp.place_id = h.unit_id AND gp.deleted = 0
             ORDER BY h.id",
        )?
        .query_map([], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let buildings: Vec<(String, String)> = conn
        .prepare(
            "SELECT p.id, h.community_id FROM places p JOIN households h ON h.building_id = p.id
                  WHERE p.kind = 'building' GROUP BY p.id ORDER BY p.id",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let communities: Vec<String> = admins
        .keys()
        .cloned()
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();

    let (mut visits, mut tasks) = (0u32, 0u32);
    let mut w = store.begin()?;
    for c in &communities {
        let id: Id = c.parse()?;
        crate::field::visits::write_visit_rules(
            &mut w,
            &linli_protocol::SetVisitRules {
                community_id: id,
                care_days: 7,
                everyone_days: 30,
            },
        )?;
    }
    // the life of one task from the day it was raised, as far as `today` allows
    let task_life = |w: &mut Writer<'_>,
                     rng: &mut Rng,
                     ids: &mut Now,
                     task: Id,
                     raised: i64,
                     worker: Option<Id>,
                     admin: Option<Id>,
                     scope: Scope|
     -> Result<()> {
        let at = |n: i64, h: u64| format!("{} {:02}:{:02}", day(n.max(0)), h, 0);
        if raised == 0 && rng.chance(50) {
            return Ok(()); // raised today, not yet dispatched
        }
        let due = raised - 3 - rng.below(8) as i64;
        crate::field::tasks::write_event(
            w,
            ids.id(),
            task,
            TaskEventKind::Dispatched,
            &at(raised, 17),
            admin,
            &[
                ("assignee_id", json!(worker.map(|p| p.to_string()))),
                ("team", json!(worker.is_none().then_some("党员先锋队"))),
                ("due_date", json!(day(due))),
            ],
            scope,
        )?;
        if raised < 1 || rng.chance(10) {
            return Ok(()); // waiting to be accepted
        }
        crate::field::tasks::write_event(
            w,
            ids.id(),
            task,
            TaskEventKind::Accepted,
            &at(raised - 1, 9),
            worker,
            &[],
            scope,
        )?;
        // most are finished within a few days; some drag on past their due date
        let slow = rng.chance(20);
        let took = 1 + rng.below(if slow { 14 } else { 6 }) as i64;
        let done = raised - 1 - took;
        if done < 0 || rng.chance(15) {
            return Ok(());
        }
        crate::field::tasks::write_event(
            w,
            ids.id(),
            task,
            TaskEventKind::Finished,
            &at(done, 16),
            worker,
            &[
                ("result", json!("已办结，群众认可")),
                ("photos", json!("[]")),
            ],
            scope,
        )?;
        if done < 1 || rng.chance(20) {
            return Ok(());
        }
        crate::field::tasks::write_event(
            w,
            ids.id(),
            task,
            TaskEventKind::Published,
            &at(done - 1, 10),
            admin,
            &[],
            scope,
        )?;
        if done < 2 || rng.chance(30) {
            return Ok(());
        }
        let stars = if rng.chance(75) {
            5
        } else {
            3 + rng.below(2) as u8
        };
        crate::field::tasks::write_event(
            w,
            ids.id(),
            task,
            TaskEventKind::Rated,
            &at(done - 2, 19),
            None,
            &[
                ("rating", json!(stars)),
                (
                    "comment",
                    json!(if stars == 5 {
                        "办得又快又好"
                    } else {
                        "还可以"
                    }),
                ),
            ],
            scope,
        )?;
        Ok(())
    };
    for (household, community, section, unit, care) in &homes {
        let worker: Option<Id> = workers.get(section).map(|p| p.parse()).transpose()?;
        let admin: Option<Id> = admins.get(community).map(|p| p.parse()).transpose()?;
        let Some(visitor) = worker else { continue };
        let scope = Scope {
            community: Some(community.parse()?),
            grid: Some(section.parse()?),
            place: unit.as_deref().map(str::parse).transpose()?,
        };
        let household_id: Id = household.parse()?;
        // care households about weekly, the rest once in the month for most of them
        let mut days: Vec<i64> = if *care {
            let first = rng.below(7) as i64;
            (0..5).map(|k| first + 7 * k).filter(|d| *d < 30).collect()
        } else if rng.chance(72) {
            vec![rng.below(30) as i64]
        } else {
            vec![]
        };
        days.sort_unstable_by(|a, b| b.cmp(a));
        for d in days {
            let outcome = match rng.below(100) {
                0..=9 => VisitOutcome::NobodyHome,
                10..=11 => VisitOutcome::Refused,
                _ => VisitOutcome::Met,
            };
            let kind = if *care {
                VisitKind::Care
            } else if rng.chance(40) {
                VisitKind::DoorKnocking
            } else {
                VisitKind::Routine
            };
            let finding = (outcome == VisitOutcome::Met && rng.chance(18))
                .then(|| FINDINGS[rng.below(FINDINGS.len() as u64) as usize]);
            let follow = finding.and_then(|f| f.1);
            let at = format!("{} {:02}:{:02}", day(d), 9 + rng.below(8), rng.below(60));
            let visit = ids.id();
            w.insert_fact(RowWrite {
                table: "visits",
                row_id: visit,
                fields: vec![
                    ("household_id", json!(household)),
                    ("community_id", json!(community)),
                    ("visitor_id", json!(visitor.to_string())),
                    ("at", json!(at)),
                    ("kind", json!(kind.code())),
                    ("outcome", json!(outcome.code())),
                    ("findings", json!(finding.map_or("", |f| f.0))),
                    ("member_updates", json!("[]")),
                    ("needs_follow_up", json!(follow.is_some())),
                    ("corrects", json!(null)),
                    ("void", json!(false)),
                ],
                scope,
            })?;
            visits += 1;
            if finding.is_some() && d >= 1 && rng.chance(80) {
                w.insert_fact(RowWrite {
                    table: "visit_reviews",
                    row_id: ids.id(),
                    fields: vec![
                        ("visit_id", json!(visit.to_string())),
                        ("reviewer_id", json!(admin.map(|a| a.to_string()))),
                        ("at", json!(format!("{} 20:30", day(d)))),
                        ("note", json!("已研判")),
                        ("task_id", json!(null)),
                    ],
                    scope,
                })?;
            }
            if let Some((title, category)) = follow {
                let task = ids.id();
                let t = linli_protocol::NewTask {
                    title: title.into(),
                    category,
                    subcategory: None,
                    description: finding.map_or("", |f| f.0).into(),
                    due_date: None,
                };
                crate::field::tasks::write_new_task(
                    &mut w,
                    (task, ids.id()),
                    &t,
                    crate::field::tasks::TaskPlace::Household(household_id),
                    Some(visitor),
                    Some(visit),
                    &at,
                    scope,
                    None,
                )?;
                tasks += 1;
                task_life(&mut w, &mut rng, &mut ids, task, d, worker, admin, scope)?;
            }
        }
    }
    // snapshot reports (随手拍) at buildings, a few per community
    for (building, community) in &buildings {
        if !rng.chance(25) {
            continue;
        }
        let (title, kind) = SNAPSHOTS[rng.below(SNAPSHOTS.len() as u64) as usize];
        let d = rng.below(30) as i64;
        let task = ids.id();
        let b: Id = building.parse()?;
        let scope = Scope {
            community: Some(community.parse()?),
            grid: None,
            place: Some(b),
        };
        let admin: Option<Id> = admins.get(community).map(|p| p.parse()).transpose()?;
        crate::field::tasks::write_new_task(
            &mut w,
            (task, ids.id()),
            &linli_protocol::NewTask {
                title: title.into(),
                category: TaskCategory::Snapshot,
                subcategory: Some(kind),
                description: String::new(),
                due_date: None,
            },
            crate::field::tasks::TaskPlace::Place(b),
            None,
            None,
            &format!("{} {:02}:{:02}", day(d), 8 + rng.below(12), rng.below(60)),
            scope,
            None,
        )?;
        tasks += 1;
        task_life(&mut w, &mut rng, &mut ids, task, d, None, admin, scope)?;
    }
    w.commit()?;
    Ok((visits, tasks))
}

fn staff_name(rng: &mut Rng) -> String {
    let surname = rng.pick(SURNAMES);
    format!("{surname}{}", rng.pick(GIVEN))
}

fn grid(
    w: &mut Writer<'_>,
    id: Id,
    kind: GridKind,
    name: &str,
    parent: Option<Id>,
    community: Id,
) -> Result<()> {
    w.write(RowWrite {
        table: "grids",
        row_id: id,
        fields: vec![
            ("kind", json!(kind.code())),
            ("name", json!(name)),
            ("parent_id", json!(parent.map(|p| p.to_string()))),
            ("community_id", json!(community.to_string())),
            ("deleted", json!(false)),
        ],
        scope: Scope {
            community: Some(community),
            grid: Some(id),
            place: Some(community),
        },
    })?;
    Ok(())
}

fn staff(
    w: &mut Writer<'_>,
    id: Id,
    community: Id,
    name: &str,
    phone: &str,
    roles: &[Role],
) -> Result<()> {
    let roles: Vec<&str> = roles.iter().map(|r| r.code()).collect();
    w.write(RowWrite {
        table: "people",
        row_id: id,
        fields: vec![
            ("community_id", json!(community.to_string())),
            ("name", json!(name)),
            ("phone", json!(phone)),
            ("roles", json!(serde_json::to_string(&roles)?)),
            ("deleted", json!(false)),
        ],
        scope: Scope {
            community: Some(community),
            grid: None,
            place: Some(community),
        },
    })?;
    Ok(())
}

fn assignment(
    w: &mut Writer<'_>,
    id: Id,
    person: Id,
    role: Role,
    grid: Option<Id>,
    place: Option<Id>,
    community: Id,
) -> Result<()> {
    w.write(RowWrite {
        table: "assignments",
        row_id: id,
        fields: vec![
            ("person_id", json!(person.to_string())),
            ("grid_id", json!(grid.map(|g| g.to_string()))),
            ("place_id", json!(place.map(|p| p.to_string()))),
            ("role", json!(role.code())),
            ("deleted", json!(false)),
        ],
        scope: Scope {
            community: Some(community),
            grid,
            place: place.or(Some(community)),
        },
    })?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use linli_protocol::ListPlaces;

    #[test]
    fn the_default_is_the_town_of_the_reports() {
        let mut s = Store::open_in_memory().unwrap();
        let sum = generate(&mut s, DemoOptions::default()).unwrap();
        assert_eq!(sum.households, 1550);
        assert_eq!(sum.big_grids, 34);
        assert_eq!(sum.sections, 110);
        assert_eq!(sum.grid_workers, 49);
        assert!((4300..5100).contains(&sum.residents), "{sum:?}");
        let communities = s
            .list_places(&ListPlaces {
                kind: Some(PlaceKind::Community),
                parent_id: None,
            })
            .unwrap();
        assert_eq!(communities.len() as u32, sum.communities);
        let count = |sql: &str| -> u32 { s.conn().query_row(sql, [], |r| r.get(0)).unwrap() };
        assert_eq!(count("SELECT count(*) FROM households"), 1550);
        assert_eq!(count("SELECT count(*) FROM residents"), sum.residents);
        // every resident's ID number is valid and unique
        assert_eq!(
            count("SELECT count(DISTINCT id_number) FROM residents"),
            sum.residents
        );
        // a working time bank in every community
        let tb = sum.time_bank;
        assert_eq!(tb.teams, 6 * sum.communities);
        assert!(tb.volunteers >= 10 * sum.communities, "{tb:?}");
        assert!(tb.activities >= 8 * sum.communities, "{tb:?}");
        assert!(tb.redemptions >= sum.communities, "{tb:?}");
        let verified = count("SELECT count(*) FROM hour_verifications");
        assert!(
            verified > 0 && verified < tb.hour_entries,
            "most hours verified, some waiting"
        );
        let negative = count(
            "SELECT count(*) FROM (SELECT volunteer_id FROM ledger GROUP BY volunteer_id HAVING sum(points) < 0)",
        );
        assert_eq!(negative, 0, "no demo balance is overdrawn");
        assert!(generate(&mut s, DemoOptions::default()).is_err());
    }

    #[test]
    fn a_new_user_sees_a_lived_in_month() {
        use linli_domain::field::{add_days, TaskStatus};
        use linli_protocol::{Coverage, TaskBoard, TaskRates, Today};
        let mut s = Store::open_in_memory().unwrap();
        let sum = generate(
            &mut s,
            DemoOptions {
                households: 300,
                seed: 5,
            },
        )
        .unwrap();
        let today = s.now().today();
        let month_ago = add_days(&today, -29).unwrap();
        assert!(sum.visits > 200, "{sum:?}");
        let (first, last): (String, String) = s
            .conn()
            .query_row(
                "SELECT min(substr(at, 1, 10)), max(substr(at, 1, 10)) FROM visits",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert!(first >= month_ago && last <= today, "{first}..{last}");
        let cov = s.coverage(&Coverage::default()).unwrap();
        let rate = cov.communities[0].rate;
        assert!((0.5..0.95).contains(&rate), "coverage {rate}");
        let board = s.task_board(&TaskBoard::default()).unwrap();
        let n = |st: TaskStatus| board.iter().find(|c| c.status == st).unwrap().tasks.len();
        assert!(
            n(TaskStatus::Accepted) + n(TaskStatus::Dispatched) > 0,
            "open tasks"
        );
        assert!(
            n(TaskStatus::Finished) + n(TaskStatus::Published) > 0,
            "finished tasks"
        );
        assert!(n(TaskStatus::Rated) > 0, "rated tasks");
        let rates = s.task_rates(&TaskRates::default()).unwrap();
        assert!(!rates.overdue.is_empty(), "overdue tasks");
        assert!(
            rates.resolution_rate > 0.3 && rates.resolution_rate < 1.0,
            "{rates:?}"
        );
        let today_list = s.today(&Today::default()).unwrap();
        assert!(!today_list.is_empty());
        // walking order keeps each compound together ("1栋" stands in several)
        let never: Vec<_> = today_list
            .iter()
            .take_while(|l| l.last_visit.is_none())
            .collect();
        assert!(never.len() > 1);
        assert!(never.windows(2).all(|w| w[0].compound <= w[1].compound));
    }
}
