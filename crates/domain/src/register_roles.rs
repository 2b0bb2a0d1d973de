//! The people and the levels of the grid: the roles of those who work it and grid kinds.

use serde::{Deserialize, Serialize};

use crate::code::unknown_kept;

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
    /// A role a newer Linli wrote that this one does not know: kept in the row as written and
    /// shown as unknown, never read as another role.
    #[serde(other)]
    Unknown,
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
            Role::Unknown => "unknown",
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
            Role::Unknown => "未知（新版本）",
        }
    }
}

/// The levels of the grid: big grids (大网格) hold building sections (楼段).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GridKind {
    Big,
    Section,
    /// A kind a newer Linli wrote that this one does not know.
    #[serde(other)]
    Unknown,
}

impl GridKind {
    pub fn code(self) -> &'static str {
        match self {
            GridKind::Big => "big",
            GridKind::Section => "section",
            GridKind::Unknown => "unknown",
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
            GridKind::Unknown => "未知（新版本）",
        }
    }
}

unknown_kept!(GridKind, Role);

crate::code::coded_by_methods!(Role, GridKind);
