//! Full addresses (issue 14): one formatter for the household, its search hits and the field
//! lists, and search by the full address in its written forms and by the compound alone — on a
//! town where two compounds both have a "1栋1单元502".

use crate::common::add;
use linli_domain::PlaceKind;
use linli_protocol::*;
use linli_store::Store;

struct Town {
    store: Store,
    _dir: tempfile::TempDir,
}

/// Two communities; 南湖苑 (in 北门社区) and 西门新村 (in 南门社区) each have 1栋1单元 with rooms
/// 501 and 502, and 南湖苑 a 2栋 with room 502 and no unit.
fn town() -> Town {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(dir.path().join("linli.db")).unwrap();
    let t = add(&mut s, PlaceKind::Town, "樟城镇", None);
    for (community, compound) in [("北门社区", "南湖苑"), ("南门社区", "西门新村")] {
        let c = add(&mut s, PlaceKind::Community, community, Some(t));
        let k = add(&mut s, PlaceKind::Compound, compound, Some(c));
        let b = add(&mut s, PlaceKind::Building, "1栋", Some(k));
        let u = add(&mut s, PlaceKind::Unit, "1单元", Some(b));
        for room in ["501", "502"] {
            let h = s
                .add_household(&AddHousehold {
                    building_id: b,
                    unit_id: Some(u),
                    room: room.into(),
                    fields: Default::default(),
                })
                .unwrap();
            s.add_resident(&AddResident {
                household_id: h.id,
                fields: ResidentFields {
                    name: format!("{compound}户主{}", if room == "501" { "甲" } else { "乙" }),
                    relation: "户主".into(),
                    ..Default::default()
                },
            })
            .unwrap();
        }
        if compound == "南湖苑" {
            let b2 = add(&mut s, PlaceKind::Building, "2栋", Some(k));
            s.add_household(&AddHousehold {
                building_id: b2,
                unit_id: None,
                room: "502".into(),
                fields: Default::default(),
            })
            .unwrap();
        }
    }
    Town {
        store: s,
        _dir: dir,
    }
}

fn find(s: &Store, q: &str) -> Vec<SearchHit> {
    s.search(&Search {
        query: q.into(),
        limit: 20,
    })
    .unwrap()
}

#[test]
fn the_full_address_is_found_in_its_written_forms() {
    let t = town();
    for q in [
        "南湖苑1栋1单元502",
        "南湖苑1-1-502",
        "南湖苑 1栋1单元502室",
        "南湖苑1号楼1单元502",
    ] {
        let hits = find(&t.store, q);
        assert_eq!(hits.len(), 1, "{q}: {hits:?}");
        assert_eq!(hits[0].kind, HitKind::Household);
        assert_eq!(hits[0].address, "南湖苑1栋1单元502", "{q}");
        assert_eq!(hits[0].name, "南湖苑户主乙", "{q}: the head");
        assert_eq!(hits[0].community.as_deref(), Some("北门社区"), "{q}");
        assert_eq!(hits[0].matched, MatchOn::Address);
    }
    // without the compound: both compounds' 1栋1单元502, each with its own full address
    let mut both: Vec<String> = find(&t.store, "1栋1单元502")
        .into_iter()
        .map(|h| h.address)
        .collect();
    both.sort();
    assert_eq!(both, ["南湖苑1栋1单元502", "西门新村1栋1单元502"]);
    // "2栋502" has no unit: found inside its compound only
    let hits = find(&t.store, "南湖苑2栋502");
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert_eq!(hits[0].address, "南湖苑2栋502");
    assert!(find(&t.store, "西门新村2栋502").is_empty());
    // an address that is not there finds nothing
    assert!(find(&t.store, "南湖苑1栋1单元503").is_empty());
}

#[test]
fn the_compound_alone_lists_its_households_in_walking_order() {
    let t = town();
    let hits: Vec<String> = find(&t.store, "南湖苑")
        .into_iter()
        .map(|h| h.address)
        .collect();
    assert_eq!(
        hits,
        ["南湖苑1栋1单元501", "南湖苑1栋1单元502", "南湖苑2栋502"]
    );
    // a name that merely starts like no compound is searched as a name
    assert_eq!(find(&t.store, "西门新村户主甲")[0].name, "西门新村户主甲");
}

#[test]
fn households_and_their_members_carry_the_full_address() {
    let t = town();
    let hit = &find(&t.store, "西门新村1-1-501")[0];
    let h = t.store.household(hit.household_id).unwrap();
    assert_eq!(h.address, "西门新村1栋1单元501");
    assert_eq!(h.compound_name.as_deref(), Some("西门新村"));
    let page = t
        .store
        .list_households(&ListHouseholds {
            place_id: h.community_id,
            ..Default::default()
        })
        .unwrap();
    let listed: Vec<&str> = page.rows.iter().map(|h| h.address.as_str()).collect();
    assert_eq!(listed, ["西门新村1栋1单元501", "西门新村1栋1单元502"]);
}

/// The compound lookups stay index searches (the register bench's search must stay fast).
#[test]
fn compound_and_address_lookups_use_indexes() {
    let t = town();
    for (q, want) in [
        (
            "SELECT DISTINCT name FROM places WHERE kind = 'compound' AND deleted = 0 AND name != ''",
            "places_by_kind",
        ),
        (
            "SELECT row_id FROM search_index WHERE addr = '1-1-502' LIMIT 5",
            "search_by_addr",
        ),
    ] {
        let plan: Vec<String> = t
            .store
            .conn()
            .prepare(&format!("EXPLAIN QUERY PLAN {q}"))
            .unwrap()
            .query_map([], |r| r.get::<_, String>(3))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert!(plan.iter().any(|p| p.contains(want)), "{q}: {plan:?}");
    }
}
