//! The people of the demo town: names weighted as in Fujian, phones, families of a household
//! with their ages, and their care needs, from a small seeded generator.

use linli_domain::Gender;

/// The communities of 樟城镇's county seat.
pub(super) const COMMUNITIES: &[&str] = &[
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

pub(super) const COMPOUNDS: &[&str] = &[
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
pub(super) const SURNAMES: &[&str] = &[
    "林", "陈", "黄", "郑", "张", "王", "李", "吴", "刘", "杨", "叶", "许", "蔡", "周", "徐", "洪",
    "谢", "方", "朱", "潘", "游", "余", "何", "胡", "高", "郭", "曾", "詹", "范", "卢", "苏", "江",
    "魏", "邱", "罗", "傅", "肖", "沈", "庄", "彭",
];

pub(super) const GIVEN: &[&str] = &[
    "伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟",
    "涛", "明", "超", "秀兰", "霞", "平", "刚", "桂英", "建华", "文", "华", "金凤", "志强", "海燕",
    "国庆", "建国", "玉兰", "婷", "雪", "晨", "宇", "浩然", "子涵", "欣怡", "梓轩", "思远", "雨桐",
    "一鸣", "嘉怡", "俊杰", "美玲", "春生", "福生", "清华", "永福", "丽珍", "秀珍", "水英", "木金",
    "阿妹", "炳南", "德明", "宏伟", "晓东", "佳琪",
];

/// A small deterministic generator (splitmix64).
pub(super) struct Rng(pub(super) u64);

impl Rng {
    pub(super) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub(super) fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    pub(super) fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    pub(super) fn pick<'a>(&mut self, list: &[&'a str]) -> &'a str {
        list[self.below(list.len() as u64) as usize]
    }
}

pub(super) fn phone(rng: &mut Rng) -> String {
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

pub(super) struct Person {
    pub name: String,
    pub gender: Gender,
    pub birth: (u16, u8, u8),
    pub relation: &'static str,
}

pub(super) fn person(
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
pub(super) fn family(rng: &mut Rng) -> Vec<Person> {
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

pub(super) fn care_tags(rng: &mut Rng, p: &Person, household_size: usize) -> Vec<String> {
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

pub(super) fn share(total: u32, parts: u32, i: u32) -> u32 {
    total / parts + u32::from(i < total % parts)
}

pub(super) fn staff_name(rng: &mut Rng) -> String {
    let surname = rng.pick(SURNAMES);
    format!("{surname}{}", rng.pick(GIVEN))
}
