//! Places: communities added under their town are listed with it, every add is journalled in
//! sequence, and bad input is refused without writing anything.

use super::*;

fn add(store: &mut Store, kind: PlaceKind, name: &str, parent: Option<Id>) -> Result<Place> {
    store.add_place(&AddPlace {
        kind,
        name: name.into(),
        parent_id: parent,
    })
}

#[test]
fn added_communities_are_listed_with_their_town() {
    let mut s = Store::open_in_memory().unwrap();
    let county = add(&mut s, PlaceKind::County, "永泰县", None).unwrap();
    let town = add(&mut s, PlaceKind::Town, "樟城镇", Some(county.id)).unwrap();
    add(&mut s, PlaceKind::Community, "北门社区", Some(town.id)).unwrap();
    add(&mut s, PlaceKind::Community, "东门社区", Some(town.id)).unwrap();
    let list = s
        .list_places(&ListPlaces {
            kind: Some(PlaceKind::Community),
            parent_id: None,
        })
        .unwrap();
    let names: Vec<_> = list.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["东门社区", "北门社区"]);
    assert!(list
        .iter()
        .all(|p| p.parent_name.as_deref() == Some("樟城镇")));
}

#[test]
fn every_add_is_journalled_in_sequence() {
    let mut s = Store::open_in_memory().unwrap();
    let town = add(&mut s, PlaceKind::Town, "樟城镇", None).unwrap();
    let c = add(&mut s, PlaceKind::Community, "北门社区", Some(town.id)).unwrap();
    let journal = s.journal().unwrap();
    assert_eq!(journal.len(), 2);
    assert_eq!(
        journal.iter().map(|e| e.device_seq).collect::<Vec<_>>(),
        [1, 2]
    );
    assert!(journal[0].hlc < journal[1].hlc);
    let last = &journal[1];
    assert_eq!(last.row_id, c.id);
    assert_eq!(last.table, "places");
    assert_eq!(last.scope_community, Some(c.id));
    assert_eq!(last.fields["name"], "北门社区");
    assert_eq!(last.device_id, s.device_id());
}

#[test]
fn bad_input_is_refused_and_writes_nothing() {
    let mut s = Store::open_in_memory().unwrap();
    let town = add(&mut s, PlaceKind::Town, "樟城镇", None).unwrap();
    add(&mut s, PlaceKind::Community, "北门社区", Some(town.id)).unwrap();

    let err = add(&mut s, PlaceKind::Community, "  ", Some(town.id)).unwrap_err();
    assert_eq!(err.to_string(), "名称不能为空");
    let err = add(&mut s, PlaceKind::Community, "北门社区", Some(town.id)).unwrap_err();
    assert_eq!(err.to_string(), "樟城镇下已有名为“北门社区”的社区");
    let err = add(&mut s, PlaceKind::Unit, "1单元", Some(town.id)).unwrap_err();
    assert!(matches!(err, Error::Invalid(_)), "{err}");
    let err = add(&mut s, PlaceKind::Community, "南门社区", Some(Id::new())).unwrap_err();
    assert!(matches!(err, Error::NotFound { .. }), "{err}");

    assert_eq!(s.journal().unwrap().len(), 2);
    let count: i64 = s
        .conn()
        .query_row("SELECT count(*) FROM places", [], |r| r.get(0))
        .unwrap();
    assert_eq!(count, 2);
}
