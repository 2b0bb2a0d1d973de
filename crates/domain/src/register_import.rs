//! The fields of an imported register.

use serde::{Deserialize, Serialize};

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
    /// Whether the resident is a party member (党员): 是 or 否, or a 政治面貌 such as 中共党员.
    PartyMember,
}

impl ImportField {
    pub const ALL: [ImportField; 20] = [
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
        ImportField::PartyMember,
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
            ImportField::PartyMember => "党员",
        }
    }
}
