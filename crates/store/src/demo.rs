//! The demo community that `cargo xtask run` and `linli demo` put in a new database, so a new user
//! opens the app onto a lived-in town: communities, compounds, buildings, units and rooms,
//! households with residents (Chinese names, valid ID numbers and phones, care tags), big grids
//! and building sections mapped onto units, and the people who work them.
//!
//! Deterministic: the same options give the same rows with the same ids (the canonical export
//! of two such databases is byte-identical). The default is the town of the county reports:
//! 34 big grids, 110 building sections, 49 grid workers, 1,550 households, about 4,700 residents.

use linli_domain::register::{GridKind, ResidenceStatus, Role};
use linli_domain::{make_resident_id, Gender, Id, PlaceKind};
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

/// Ids from the seed, shaped like UUIDv7 (time-ordered in generation order).
struct Ids {
    rng: Rng,
    counter: u64,
}

impl Ids {
    fn next(&mut self) -> Id {
        self.counter += 1;
        let mut bytes = [0u8; 10];
        bytes[..8].copy_from_slice(&self.rng.next().to_be_bytes());
        bytes[8..].copy_from_slice(&(self.counter as u16).to_be_bytes());
        // 2026-01-01T00:00:00Z plus one millisecond per row
        let ms = 1_767_225_600_000 + self.counter;
        Id::from_uuid(uuid::Builder::from_unix_timestamp_millis(ms, &bytes).into_uuid())
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
    let mut ids = Ids {
        rng: Rng(opts.seed ^ 0x5EED),
        counter: 0,
    };
    let mut sum = DemoSummary::default();
    let scale = |town: u32| ((u64::from(town) * u64::from(n) + 775) / 1550).max(1) as u32;
    let (big_total, section_total, worker_total) =
        (scale(34), scale(110).max(scale(34)), scale(49));

    let county = ids.next();
    let town = ids.next();
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
        let community = ids.next();
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
            let id = ids.next();
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
            let id = ids.next();
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
            let id = ids.next();
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
                assignment(&mut w, ids.next(), id, role, Some(*s), None, community)?;
            }
        }
        sum.grid_workers += c_workers;
        sum.people += c_workers;
        for role in [Role::Admin, Role::VolunteerCoordinator] {
            let id = ids.next();
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
            let compound = ids.next();
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
                let building = ids.next();
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
                let steward = ids.next();
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
                    ids.next(),
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
                    let unit = ids.next();
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
                        row_id: ids.next(),
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
                        let cs = ids.next();
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
                            ids.next(),
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
                            let household = ids.next();
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
                                    accept_possible_duplicate: true,
                                };
                                let clean = residents::clean(&f)?;
                                residents::insert_resident(
                                    &mut w,
                                    ids.next(),
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
    let mut bank_rng = Rng(opts.seed ^ 0x7B7B);
    sum.time_bank =
        crate::demo_time_bank::generate(store, &community_ids, &mut || ids.next(), &mut |n| {
            bank_rng.below(n)
        })?;
    Ok(sum)
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
}
