//! The words of the grid register: residence status (人户分离), care tags (重点人群), relations to
//! the head of household, the roles of the people who work the grid, and grid levels.

use serde::{Deserialize, Serialize};

use crate::{DomainError, Result};

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

/// The care tags grid workers use most (重点人群 and others). Other short tags are allowed.
pub const KNOWN_CARE_TAGS: &[&str] = &[
    "独居老人",
    "空巢老人",
    "高龄老人",
    "低保",
    "特困",
    "残疾",
    "留守儿童",
    "退役军人",
    "党员",
    "重病",
    "失业",
];

/// The usual relations to the head of household (与户主关系).
pub const RELATIONS: &[&str] = &[
    "户主", "配偶", "子", "女", "儿媳", "女婿", "孙子", "孙女", "父亲", "母亲", "兄弟", "姐妹",
    "租户", "其他",
];

/// The relation that marks the head of a household.
pub const HEAD: &str = "户主";

/// Trims and checks a list of tags: each 1–10 characters, no duplicates (kept in order).
pub fn normalize_tags(tags: &[String]) -> Result<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    for t in tags {
        let t = t.trim();
        if t.is_empty() {
            continue;
        }
        if t.chars().count() > 10 {
            return Err(DomainError::invalid(
                "tags",
                format!("标签“{t}”太长，最多10个字"),
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
        return Err(DomainError::invalid("relation", "请填写与户主关系"));
    }
    if r.chars().count() > 8 {
        return Err(DomainError::invalid("relation", "与户主关系最多8个字"));
    }
    Ok(r.to_owned())
}

/// Checks a person's name: 1–30 characters, no digits or control characters.
pub fn validate_person_name(name: &str) -> Result<String> {
    let n = name.trim();
    if n.is_empty() {
        return Err(DomainError::invalid("name", "姓名不能为空"));
    }
    if n.chars().count() > 30 {
        return Err(DomainError::invalid("name", "姓名最多30个字"));
    }
    if n.chars().any(|c| c.is_control() || c.is_ascii_digit()) {
        return Err(DomainError::invalid("name", "姓名不能含有数字或控制字符"));
    }
    Ok(n.to_owned())
}

/// The roles of the people who work the grid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// 专职网格员
    GridWorker,
    /// 兼职网格员
    PartTimeGridWorker,
    /// 楼栋长
    BuildingSteward,
    /// 楼道长 (红色楼道长)
    CorridorSteward,
    /// 志愿服务协调员
    VolunteerCoordinator,
    /// 社区管理员
    Admin,
}

impl Role {
    pub const ALL: [Role; 6] = [
        Role::GridWorker,
        Role::PartTimeGridWorker,
        Role::BuildingSteward,
        Role::CorridorSteward,
        Role::VolunteerCoordinator,
        Role::Admin,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Role::GridWorker => "grid_worker",
            Role::PartTimeGridWorker => "part_time_grid_worker",
            Role::BuildingSteward => "building_steward",
            Role::CorridorSteward => "corridor_steward",
            Role::VolunteerCoordinator => "volunteer_coordinator",
            Role::Admin => "admin",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.code() == code)
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            Role::GridWorker => "专职网格员",
            Role::PartTimeGridWorker => "兼职网格员",
            Role::BuildingSteward => "楼栋长",
            Role::CorridorSteward => "楼道长",
            Role::VolunteerCoordinator => "志愿服务协调员",
            Role::Admin => "社区管理员",
        }
    }
}

/// The levels of the grid: big grids (大网格) hold building sections (楼段).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GridKind {
    Big,
    Section,
}

impl GridKind {
    pub fn code(self) -> &'static str {
        match self {
            GridKind::Big => "big",
            GridKind::Section => "section",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        [GridKind::Big, GridKind::Section]
            .into_iter()
            .find(|k| k.code() == code)
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            GridKind::Big => "大网格",
            GridKind::Section => "楼段",
        }
    }
}

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
}

/// What a column of an imported register can hold: the field a spreadsheet column is mapped to.
/// One type for the sheet reader (linli-sheets calls it `Field`) and the protocol
/// (`ImportField`), so a mapping crosses between them as it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ImportField {
    Name,
    IdNumber,
    Phone,
    Building,
    Unit,
    Room,
    /// A whole address in one cell, used when there are no building/unit/room columns.
    Address,
    Relation,
    Gender,
    BirthDate,
    ResidenceStatus,
    CareTags,
    Notes,
    /// The compound (小区) a household lives in; importing into a community finds or creates it.
    Compound,
    /// The day a resident moved in (迁入日期).
    MovedIn,
    /// The household's own phone (住户电话), beside each resident's.
    HouseholdPhone,
    /// Whether the household is floating population (流动人口): 是 or 否.
    Floating,
    /// The household's own tags (住户标签), beside each resident's care tags.
    HouseholdTags,
    /// The household's own notes (住户备注), beside each resident's.
    HouseholdNotes,
}

impl ImportField {
    pub const ALL: [ImportField; 19] = [
        ImportField::Name,
        ImportField::IdNumber,
        ImportField::Phone,
        ImportField::Building,
        ImportField::Unit,
        ImportField::Room,
        ImportField::Address,
        ImportField::Relation,
        ImportField::Gender,
        ImportField::BirthDate,
        ImportField::ResidenceStatus,
        ImportField::CareTags,
        ImportField::Notes,
        ImportField::Compound,
        ImportField::MovedIn,
        ImportField::HouseholdPhone,
        ImportField::Floating,
        ImportField::HouseholdTags,
        ImportField::HouseholdNotes,
    ];

    /// The field's name as the review screen shows it.
    pub fn label(self) -> &'static str {
        match self {
            ImportField::Name => "姓名",
            ImportField::IdNumber => "身份证号",
            ImportField::Phone => "联系电话",
            ImportField::Building => "楼栋",
            ImportField::Unit => "单元",
            ImportField::Room => "门牌号",
            ImportField::Address => "地址",
            ImportField::Relation => "与户主关系",
            ImportField::Gender => "性别",
            ImportField::BirthDate => "出生日期",
            ImportField::ResidenceStatus => "人户状态",
            ImportField::CareTags => "重点人群",
            ImportField::Notes => "备注",
            ImportField::Compound => "小区",
            ImportField::MovedIn => "迁入日期",
            ImportField::HouseholdPhone => "住户电话",
            ImportField::Floating => "流动人口",
            ImportField::HouseholdTags => "住户标签",
            ImportField::HouseholdNotes => "住户备注",
        }
    }
}
