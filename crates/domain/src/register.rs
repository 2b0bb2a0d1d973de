//! The words of the grid register: residence status (人户分离), care tags (重点人群), relations to
//! the head of household, the roles of the people who work the grid, and grid levels.

use serde::{Deserialize, Serialize};

use crate::{DomainError, Result};

#[path = "register_import.rs"]
mod import;
#[path = "register_roles.rs"]
mod roles;
pub use import::ImportField;
pub use roles::{GridKind, Role};

/// Whether a household's people live where they are registered (人户分离).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ResidenceStatus {
    /// 人户一致: registered here and living here.
    #[default]
    Consistent,
    /// 人在户不在: living here, registered elsewhere.
    RegisteredElsewhere,
    /// 户在人不在: registered here, living elsewhere.
    LivingElsewhere,
    /// A status a newer Linli wrote that this one does not know: kept in the row as written and
    /// shown as unknown, never read as another status.
    #[serde(other)]
    Unknown,
}

impl ResidenceStatus {
    pub const ALL: [ResidenceStatus; 3] = [
        ResidenceStatus::Consistent,
        ResidenceStatus::RegisteredElsewhere,
        ResidenceStatus::LivingElsewhere,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ResidenceStatus::Consistent => "consistent",
            ResidenceStatus::RegisteredElsewhere => "registered_elsewhere",
            ResidenceStatus::LivingElsewhere => "living_elsewhere",
            ResidenceStatus::Unknown => "unknown",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            ResidenceStatus::Consistent => "人户一致",
            ResidenceStatus::RegisteredElsewhere => "人在户不在",
            ResidenceStatus::LivingElsewhere => "户在人不在",
            ResidenceStatus::Unknown => "未知（新版本）",
        }
    }

    /// Reads the words registers use ("人户一致", "人在户不在", "户在人不在", "人户分离").
    pub fn from_label(text: &str) -> Option<Self> {
        let t = text.trim();
        Self::ALL
            .into_iter()
            .find(|s| s.label_zh() == t || s.code() == t)
            .or(match t {
                "人户分离" | "外来" | "流动" => Some(ResidenceStatus::RegisteredElsewhere),
                "" => Some(ResidenceStatus::Consistent),
                _ => None,
            })
    }
}

/// The care tags (关爱对象): a fixed list of needs, each a reason to visit more often. A
/// resident's tags are picked from it; a tag not on it is refused.
pub const KNOWN_CARE_TAGS: &[&str] = &[
    "独居老人",
    "空巢老人",
    "高龄老人",
    "低保",
    "特困",
    "残疾",
    "留守儿童",
    "退役军人",
    "重病",
    "失业",
];

/// 党员: a political identity, kept as a flag of its own (`party_member`), never a care tag and
/// never a reason to visit. Registers written before the flag carry it among the care tags;
/// [`care_tags_and_party`] takes it out.
pub const PARTY_MEMBER: &str = "党员";

/// Splits tags as registers write them into care needs and the 党员 flag, checking each need
/// against [`KNOWN_CARE_TAGS`] (trimmed, without duplicates, in order).
pub fn care_tags_and_party(tags: &[String]) -> Result<(Vec<String>, bool)> {
    let mut party = false;
    let mut needs = Vec::new();
    for t in normalize_tags(tags)? {
        if t == PARTY_MEMBER {
            party = true;
        } else if KNOWN_CARE_TAGS.contains(&t.as_str()) {
            needs.push(t);
        } else {
            return Err(DomainError::coded(
                "care_tags",
                crate::msg::NOT_A_CARE_TAG,
                crate::args![tag = t, known = KNOWN_CARE_TAGS.join("、")],
            ));
        }
    }
    Ok((needs, party))
}

/// The usual relations to the head of household (与户主关系).
pub const RELATIONS: &[&str] = &[
    "户主", "配偶", "子", "女", "儿媳", "女婿", "孙子", "孙女", "父亲", "母亲", "兄弟", "姐妹",
    "租户", "其他",
];

/// The relation that marks the head of a household.
pub const HEAD: &str = "户主";

/// The relation of the head's spouse.
pub const SPOUSE: &str = "配偶";

/// A member as the household-level checks see them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberFacts<'a> {
    pub name: &'a str,
    pub relation: &'a str,
    /// "YYYY-MM-DD", when known.
    pub birth_date: Option<&'a str>,
}

pub use crate::calendar::age_on;

/// The youngest a spouse (配偶) may be: China's legal age of marriage is 20 for women and 22 for
/// men; the check takes the lower, since gender may be unknown.
pub const SPOUSE_MIN_AGE: i64 = 20;
/// How much older than a child a parent must at least be, in years.
pub const PARENT_GAP: i64 = 14;

/// The household-level checks of a member being added or changed (`member`), against the other
/// live members of the household (`others`, without it), on `today`: one 户主, one 配偶 of the
/// head, a spouse of marriageable age, children younger and parents older than the head by a
/// plausible gap, grandchildren younger by twice that. Only ages that are known are compared.
pub fn check_household(
    member: &MemberFacts<'_>,
    others: &[MemberFacts<'_>],
    today: &str,
) -> Result<()> {
    let same = |rel: &str| others.iter().find(|o| o.relation == rel);
    if member.relation == HEAD {
        if let Some(h) = same(HEAD) {
            return Err(DomainError::coded(
                "relation",
                crate::msg::ONE_HEAD,
                crate::args![name = h.name],
            ));
        }
    }
    if member.relation == SPOUSE {
        if let Some(s) = same(SPOUSE) {
            return Err(DomainError::coded(
                "relation",
                crate::msg::ONE_SPOUSE,
                crate::args![name = s.name],
            ));
        }
        if let Some(age) = member.birth_date.and_then(|b| age_on(b, today)) {
            if age < SPOUSE_MIN_AGE {
                return Err(DomainError::coded(
                    "relation",
                    crate::msg::SPOUSE_TOO_YOUNG,
                    crate::args![name = member.name, age = age],
                ));
            }
        }
    }
    if let Some(age) = member.birth_date.and_then(|b| age_on(b, today)) {
        if age < 0 {
            return Err(DomainError::coded(
                "birth_date",
                crate::msg::BIRTH_IN_FUTURE,
                vec![],
            ));
        }
    }
    // ages relative to the head (the member is the head: the others relative to it)
    let gap_rule = |relation: &str| -> Option<(i64, &'static str)> {
        match relation {
            "子" | "女" | "儿子" | "女儿" | "儿媳" | "女婿" => Some((PARENT_GAP, "子女")),
            "孙子" | "孙女" | "外孙" | "外孙女" => Some((2 * PARENT_GAP, "孙辈")),
            "父亲" | "母亲" => Some((-PARENT_GAP, "父母")),
            _ => None,
        }
    };
    let head_birth = if member.relation == HEAD {
        member.birth_date
    } else {
        same(HEAD).and_then(|h| h.birth_date)
    };
    let pairs: Vec<&MemberFacts<'_>> = if member.relation == HEAD {
        others.iter().collect()
    } else {
        vec![member]
    };
    for m in pairs {
        let (Some(head), Some(birth), Some((gap, what))) =
            (head_birth, m.birth_date, gap_rule(m.relation))
        else {
            continue;
        };
        // positive: the member is younger than the head by at least `gap`
        let (Some(head_age), Some(age)) = (age_on(head, today), age_on(birth, today)) else {
            continue;
        };
        let younger_by = head_age - age;
        let ok = if gap > 0 {
            younger_by >= gap
        } else {
            younger_by <= gap
        };
        if !ok {
            let field = if m.name == member.name {
                "birth_date"
            } else {
                "relation"
            };
            let (msg, gap, diff) = if gap > 0 {
                (crate::msg::AGE_GAP_YOUNGER, gap, younger_by)
            } else {
                (crate::msg::AGE_GAP_OLDER, -gap, -younger_by)
            };
            return Err(DomainError::coded(
                field,
                msg,
                crate::args![
                    name = m.name,
                    relation = m.relation,
                    group = what,
                    gap = gap,
                    diff = diff
                ],
            ));
        }
    }
    Ok(())
}

/// Trims and checks a list of tags: each 1–10 characters, no duplicates (kept in order).
pub fn normalize_tags(tags: &[String]) -> Result<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    for t in tags {
        let t = t.trim();
        if t.is_empty() {
            continue;
        }
        if t.chars().count() > 10 {
            return Err(DomainError::coded(
                "tags",
                crate::msg::TAG_TOO_LONG,
                crate::args![tag = t],
            ));
        }
        if !out.iter().any(|x| x == t) {
            out.push(t.to_owned());
        }
    }
    Ok(out)
}

/// Checks a relation to the head: one of [`RELATIONS`] or another short word.
pub fn validate_relation(relation: &str) -> Result<String> {
    let r = relation.trim();
    if r.is_empty() {
        return Err(DomainError::coded(
            "relation",
            crate::msg::RELATION_MISSING,
            vec![],
        ));
    }
    if r.chars().count() > 8 {
        return Err(DomainError::coded(
            "relation",
            crate::msg::RELATION_TOO_LONG,
            vec![],
        ));
    }
    Ok(r.to_owned())
}

/// Checks a person's name: 1–30 characters, no digits or control characters.
pub fn validate_person_name(name: &str) -> Result<String> {
    let n = name.trim();
    if n.is_empty() {
        return Err(DomainError::coded(
            "name",
            crate::msg::PERSON_NAME_EMPTY,
            vec![],
        ));
    }
    if n.chars().count() > 30 {
        return Err(DomainError::coded(
            "name",
            crate::msg::PERSON_NAME_TOO_LONG,
            vec![],
        ));
    }
    if n.chars().any(|c| c.is_control() || c.is_ascii_digit()) {
        return Err(DomainError::coded(
            "name",
            crate::msg::PERSON_NAME_CHARS,
            vec![],
        ));
    }
    Ok(n.to_owned())
}

crate::code::unknown_kept!(ResidenceStatus);
crate::code::coded_by_methods!(ResidenceStatus);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn residence_status_reads_register_words() {
        assert_eq!(
            ResidenceStatus::from_label("人在户不在"),
            Some(ResidenceStatus::RegisteredElsewhere)
        );
        assert_eq!(
            ResidenceStatus::from_label("人户分离"),
            Some(ResidenceStatus::RegisteredElsewhere)
        );
        assert_eq!(ResidenceStatus::from_label("火星"), None);
        for s in ResidenceStatus::ALL {
            assert_eq!(ResidenceStatus::from_code(s.code()), Some(s));
        }
    }

    #[test]
    fn care_tags_are_needs_and_party_membership_is_apart() {
        let (needs, party) =
            care_tags_and_party(&["低保".into(), "党员".into(), " 残疾".into()]).unwrap();
        assert_eq!(needs, ["低保", "残疾"]);
        assert!(party);
        let (needs, party) = care_tags_and_party(&["独居老人".into()]).unwrap();
        assert_eq!(needs, ["独居老人"]);
        assert!(!party);
        let e = care_tags_and_party(&["爱打麻将".into()]).unwrap_err();
        assert!(e.to_string().contains("不是关爱标签"), "{e}");
        assert!(!KNOWN_CARE_TAGS.contains(&PARTY_MEMBER));
    }

    fn m<'a>(name: &'a str, relation: &'a str, birth: &'a str) -> MemberFacts<'a> {
        MemberFacts {
            name,
            relation,
            birth_date: Some(birth),
        }
    }

    #[test]
    fn a_household_has_one_head_and_one_spouse_of_age() {
        let today = "2026-12-06";
        let head = m("张建国", "户主", "1970-05-01");
        let wife = m("李梅", "配偶", "1972-03-01");
        assert!(check_household(&wife, std::slice::from_ref(&head), today).is_ok());
        let second_head = m("张二", "户主", "1980-01-01");
        let e = check_household(&second_head, &[head.clone(), wife.clone()], today).unwrap_err();
        assert!(e.to_string().contains("已有户主（张建国）"), "{e}");
        // the case: a 16-year-old second 配偶
        let girl = m("王小", "配偶", "2010-06-01");
        let e = check_household(&girl, &[head.clone(), wife.clone()], today).unwrap_err();
        assert!(e.to_string().contains("一位配偶"), "{e}");
        let e = check_household(&girl, std::slice::from_ref(&head), today).unwrap_err();
        assert!(e.to_string().contains("16岁"), "{e}");
        assert_eq!(age_on("2010-06-01", today), Some(16));
        assert_eq!(age_on("2010-12-07", today), Some(15));
    }

    #[test]
    fn ages_must_fit_the_relation_to_the_head() {
        let today = "2026-12-06";
        let head = m("张建国", "户主", "1970-05-01");
        let ok = [
            m("张小", "子", "1998-01-01"),
            m("张母", "母亲", "1945-01-01"),
        ];
        for x in &ok {
            assert!(
                check_household(x, std::slice::from_ref(&head), today).is_ok(),
                "{x:?}"
            );
        }
        let bad = [
            m("张小", "子", "1980-01-01"),
            m("张母", "母亲", "1965-01-01"),
            m("张孙", "孙子", "1995-01-01"),
        ];
        for x in &bad {
            let e = check_household(x, std::slice::from_ref(&head), today).unwrap_err();
            assert!(e.to_string().contains("请核对"), "{x:?}: {e}");
        }
        // a head changed to someone younger than their registered child
        let young_head = m("张建国", "户主", "1990-01-01");
        assert!(check_household(&young_head, &[m("张小", "子", "1998-01-01")], today).is_err());
        // unknown birth dates are not compared
        let unknown = MemberFacts {
            name: "某",
            relation: "子",
            birth_date: None,
        };
        assert!(check_household(&unknown, std::slice::from_ref(&head), today).is_ok());
    }

    #[test]
    fn tags_are_trimmed_deduplicated_and_bounded() {
        let tags =
            normalize_tags(&[" 低保".into(), "".into(), "低保".into(), "党员".into()]).unwrap();
        assert_eq!(tags, ["低保", "党员"]);
        assert!(normalize_tags(&["一二三四五六七八九十十一".into()]).is_err());
    }

    #[test]
    fn names_and_relations_are_checked() {
        assert_eq!(validate_person_name(" 张三 ").unwrap(), "张三");
        assert_eq!(
            validate_person_name("").unwrap_err().to_string(),
            "姓名不能为空"
        );
        assert!(validate_person_name("张3").is_err());
        assert!(validate_relation("").is_err());
        for r in Role::ALL {
            assert_eq!(Role::from_code(r.code()), Some(r));
        }
    }

    #[test]
    fn a_residence_status_from_a_newer_laptop_is_unknown_never_another_status() {
        assert_eq!(
            ResidenceStatus::read("registered_elsewhere"),
            ResidenceStatus::RegisteredElsewhere
        );
        assert_eq!(ResidenceStatus::read("abroad"), ResidenceStatus::Unknown);
        assert_eq!(ResidenceStatus::from_code("abroad"), None);
        assert_eq!(
            ResidenceStatus::from_code("unknown"),
            None,
            "never made from a code"
        );
        assert!(!ResidenceStatus::ALL.contains(&ResidenceStatus::Unknown));
        assert!(ResidenceStatus::Unknown.known("residence_status").is_err());
        let wire: ResidenceStatus = serde_json::from_str("\"abroad\"").unwrap();
        assert_eq!(wire, ResidenceStatus::Unknown);
    }
}
