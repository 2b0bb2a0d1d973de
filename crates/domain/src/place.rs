//! Places: county → town/street → community → compound (小区) → building (楼栋) → unit (单元).
//! Rooms are part of a household's address, not places.

use serde::{Deserialize, Serialize};

use crate::{DomainError, Result};

/// The level of a place in the administrative tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlaceKind {
    County,
    Town,
    Community,
    Compound,
    Building,
    Unit,
    /// A level a newer Linli wrote that this one does not know: kept in the row as written and
    /// shown as unknown, never read as another level, never written (see `crate::code`).
    #[serde(other)]
    Unknown,
}

impl PlaceKind {
    pub const ALL: [PlaceKind; 6] = [
        PlaceKind::County,
        PlaceKind::Town,
        PlaceKind::Community,
        PlaceKind::Compound,
        PlaceKind::Building,
        PlaceKind::Unit,
    ];

    /// The code stored in the database and used on the wire.
    pub fn code(self) -> &'static str {
        match self {
            PlaceKind::County => "county",
            PlaceKind::Town => "town",
            PlaceKind::Community => "community",
            PlaceKind::Compound => "compound",
            PlaceKind::Building => "building",
            PlaceKind::Unit => "unit",
            PlaceKind::Unknown => "unknown",
        }
    }

    pub fn from_code(code: &str) -> Option<PlaceKind> {
        PlaceKind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// The Chinese word for this level, as users say it.
    pub fn label_zh(self) -> &'static str {
        match self {
            PlaceKind::County => "县",
            PlaceKind::Town => "镇(街道)",
            PlaceKind::Community => "社区",
            PlaceKind::Compound => "小区",
            PlaceKind::Building => "楼栋",
            PlaceKind::Unit => "单元",
            PlaceKind::Unknown => "未知（新版本）",
        }
    }

    /// The level directly above, if any. A county has no parent.
    pub fn parent_kind(self) -> Option<PlaceKind> {
        match self {
            PlaceKind::County | PlaceKind::Unknown => None,
            PlaceKind::Town => Some(PlaceKind::County),
            PlaceKind::Community => Some(PlaceKind::Town),
            PlaceKind::Compound => Some(PlaceKind::Community),
            PlaceKind::Building => Some(PlaceKind::Compound),
            PlaceKind::Unit => Some(PlaceKind::Building),
        }
    }

    /// Whether a place of this kind may hang under a parent of `parent` kind (or at the top when
    /// `None`). Communities and towns may stand at the top of a laptop's tree, since a station
    /// often keeps just its own community.
    pub fn check_parent(self, parent: Option<PlaceKind>) -> Result<()> {
        // a place of a level this Linli does not know is never made or moved here
        self.known("kind")?;
        match parent {
            None if matches!(
                self,
                PlaceKind::County | PlaceKind::Town | PlaceKind::Community
            ) =>
            {
                Ok(())
            }
            None => Err(DomainError::coded(
                "parent_id",
                crate::msg::PLACE_NEEDS_PARENT,
                crate::args![kind = self.code(), parent = self.parent_code()],
            )),
            Some(p) if Some(p) == self.parent_kind() => Ok(()),
            Some(p) => Err(DomainError::coded(
                "parent_id",
                crate::msg::PLACE_WRONG_PARENT,
                crate::args![
                    kind = self.code(),
                    under = p.code(),
                    parent = self.parent_code()
                ],
            )),
        }
    }

    /// The parent kind's code (`parent`, 上级, for a county, which has none).
    fn parent_code(self) -> &'static str {
        self.parent_kind().map_or("parent", PlaceKind::code)
    }
}

/// Trims a place's name and checks it: not empty, at most 50 characters.
pub fn validate_name(name: &str) -> Result<String> {
    let name = name.trim();
    if name.is_empty() {
        return Err(DomainError::coded("name", crate::msg::NAME_EMPTY, vec![]));
    }
    let chars = name.chars().count();
    if chars > 50 {
        return Err(DomainError::coded(
            "name",
            crate::msg::NAME_TOO_LONG,
            crate::args![max = 50, len = chars],
        ));
    }
    if name.chars().any(char::is_control) {
        return Err(DomainError::coded("name", crate::msg::NAME_CONTROL, vec![]));
    }
    Ok(name.to_owned())
}

crate::code::unknown_kept!(PlaceKind);
crate::code::coded_by_methods!(PlaceKind);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for k in PlaceKind::ALL {
            assert_eq!(PlaceKind::from_code(k.code()), Some(k));
        }
        assert_eq!(PlaceKind::from_code("room"), None);
    }

    #[test]
    fn the_tree_has_one_order() {
        assert!(PlaceKind::Community
            .check_parent(Some(PlaceKind::Town))
            .is_ok());
        assert!(PlaceKind::Community.check_parent(None).is_ok());
        let err = PlaceKind::Community
            .check_parent(Some(PlaceKind::Building))
            .unwrap_err();
        assert_eq!(err.to_string(), "社区不能建在楼栋之下，应属于某个镇(街道)");
        assert!(PlaceKind::Unit.check_parent(None).is_err());
    }

    #[test]
    fn a_level_from_a_newer_laptop_is_unknown_never_another_level() {
        assert_eq!(PlaceKind::read("compound"), PlaceKind::Compound);
        assert_eq!(PlaceKind::read("district"), PlaceKind::Unknown);
        assert_eq!(
            PlaceKind::from_code("unknown"),
            None,
            "never made from a code"
        );
        assert!(!PlaceKind::ALL.contains(&PlaceKind::Unknown));
        let wire: PlaceKind = serde_json::from_str("\"district\"").unwrap();
        assert_eq!(wire, PlaceKind::Unknown);
        // never made, moved or given children here
        assert!(PlaceKind::Unknown.check_parent(None).is_err());
        assert!(PlaceKind::Unknown
            .check_parent(Some(PlaceKind::Community))
            .is_err());
        assert!(PlaceKind::Compound
            .check_parent(Some(PlaceKind::Unknown))
            .is_err());
    }

    #[test]
    fn names_are_trimmed_and_checked() {
        assert_eq!(validate_name("  北门社区 ").unwrap(), "北门社区");
        assert_eq!(
            validate_name("   ").unwrap_err().to_string(),
            "名称不能为空"
        );
        assert!(validate_name(&"长".repeat(51)).is_err());
        assert!(validate_name("a\u{7}b").is_err());
    }
}
