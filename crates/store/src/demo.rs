//! The demo community that `cargo xtask run` and `linli demo` put in a new database, so a new user
//! opens the app onto real-looking data. Deterministic: the same call gives the same places.

use linli_domain::PlaceKind;
use linli_protocol::AddPlace;

use crate::{Result, Store};

/// What the demo generator made.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DemoSummary {
    pub places: usize,
}

/// The town of 樟城镇 in 永泰县 with the communities of its county seat.
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

/// Fills an empty store with the demo places. Refuses a store that already holds places.
pub fn generate(store: &mut Store) -> Result<DemoSummary> {
    if !store.list_places(&Default::default())?.is_empty() {
        return Err(crate::Error::Conflict {
            message: "数据库里已有数据，示范数据只能写入新的数据库".into(),
        });
    }
    let county = store.add_place(&AddPlace {
        kind: PlaceKind::County,
        name: "永泰县".into(),
        parent_id: None,
    })?;
    let town = store.add_place(&AddPlace {
        kind: PlaceKind::Town,
        name: "樟城镇".into(),
        parent_id: Some(county.id),
    })?;
    for name in COMMUNITIES {
        store.add_place(&AddPlace {
            kind: PlaceKind::Community,
            name: (*name).into(),
            parent_id: Some(town.id),
        })?;
    }
    Ok(DemoSummary {
        places: 2 + COMMUNITIES.len(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_is_a_town_with_its_communities_and_only_goes_into_an_empty_store() {
        let mut s = Store::open_in_memory().unwrap();
        let summary = generate(&mut s).unwrap();
        assert_eq!(summary.places, 15);
        let communities = s
            .list_places(&linli_protocol::ListPlaces {
                kind: Some(PlaceKind::Community),
                parent_id: None,
            })
            .unwrap();
        assert_eq!(communities.len(), 13);
        assert!(generate(&mut s).is_err());
    }
}
