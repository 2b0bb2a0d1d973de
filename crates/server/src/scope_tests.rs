//! The sharing rule without a database: what a device pulls of a shared row, and how a row's
//! shares follow its list.

use std::collections::BTreeSet;

use linli_domain::Id;

use super::*;

/// town → 北门, 南门, 东门; a worker of each.
struct Town {
    tree: Tree,
    north: Id,
    south: Id,
    east: Id,
}

fn town() -> Town {
    let (t, north, south, east) = (Id::new(), Id::new(), Id::new(), Id::new());
    Town {
        tree: Tree::new([
            (t, None),
            (north, Some(t)),
            (south, Some(t)),
            (east, Some(t)),
        ]),
        north,
        south,
        east,
    }
}

fn worker(t: &Town, place: Id) -> Sight {
    Sight::new(&t.tree, false, &[place])
}

fn shared(seq: i64, shares: &[Share]) -> Shared<'_> {
    Shared {
        seq,
        replay: false,
        shares,
    }
}

#[test]
fn a_shared_row_reaches_the_places_it_serves_read_only_and_its_home_writable() {
    let t = town();
    let point = Id::new();
    let shares = [Share {
        place: t.south,
        until: None,
    }];
    let on = |s: &Sight| s.on_pull("circle_points", point, Some(t.north), &shared(7, &shares));
    assert_eq!(on(&worker(&t, t.north)), Some(false), "the home writes it");
    assert_eq!(
        on(&worker(&t, t.south)),
        Some(true),
        "a neighbour it serves reads it"
    );
    assert_eq!(
        on(&worker(&t, t.east)),
        None,
        "a neighbour it does not serve never sees it"
    );
    assert_eq!(
        on(&Sight::new(&t.tree, true, &[])),
        Some(false),
        "county-wide"
    );
    // a row shared with nobody stays with its home
    let alone = worker(&t, t.south).on_pull("circle_points", point, Some(t.north), &shared(7, &[]));
    assert_eq!(alone, None);
    // an export (and so a laptop pulling from the start) holds what the pull hands out
    assert!(worker(&t, t.south).in_export("circle_points", point, Some(t.north), &shares));
    assert!(!worker(&t, t.east).in_export("circle_points", point, Some(t.north), &shares));
}

#[test]
fn a_share_that_ended_hands_out_the_change_that_ended_it_and_nothing_after() {
    let t = town();
    let point = Id::new();
    let shares = [Share {
        place: t.south,
        until: Some(12),
    }];
    let south = worker(&t, t.south);
    let at = |seq| south.on_pull("circle_points", point, Some(t.north), &shared(seq, &shares));
    assert_eq!(at(11), Some(true));
    assert_eq!(at(12), Some(true), "the change taking 南门 off its list");
    assert_eq!(at(13), None, "nothing after");
    assert!(!south.in_export("circle_points", point, Some(t.north), &shares));
}

#[test]
fn a_replay_reaches_only_the_place_it_was_made_for() {
    let t = town();
    let point = Id::new();
    let replay = Shared {
        seq: 20,
        replay: true,
        shares: &[],
    };
    let on = |s: &Sight| s.on_pull("circle_points", point, Some(t.east), &replay);
    assert_eq!(on(&worker(&t, t.east)), Some(true));
    assert_eq!(on(&worker(&t, t.south)), None);
    assert_eq!(on(&worker(&t, t.north)), None, "the home holds the row");
    assert_eq!(
        on(&Sight::new(&t.tree, true, &[])),
        None,
        "so does a county-wide device"
    );
}

#[test]
fn only_the_listed_tables_share() {
    let t = town();
    let row = Id::new();
    let shares = [Share {
        place: t.south,
        until: None,
    }];
    let south = worker(&t, t.south);
    assert_eq!(
        south.on_pull("households", row, Some(t.north), &shared(3, &shares)),
        None
    );
    assert_eq!(share_field("circle_points"), Some("serves"));
    assert_eq!(share_field("circle_activities"), Some("communities"));
    assert_eq!(share_field("households"), None);
}

#[test]
fn a_list_reads_as_the_laptop_writes_it_or_as_plain_json() {
    let (a, b) = (Id::new(), Id::new());
    let text = serde_json::to_string(&vec![a.to_string(), b.to_string()]).unwrap();
    let as_text = serde_json::to_string(&Value::String(text.clone())).unwrap();
    let want: BTreeSet<Id> = [a, b].into();
    assert_eq!(listed_places(Some(&as_text)), want);
    assert_eq!(listed_places(Some(&text)), want);
    assert!(listed_places(Some("\"not json\"")).is_empty());
    assert!(listed_places(Some("[1, \"x\"]")).is_empty());
    assert!(listed_places(None).is_empty());
}

#[test]
fn shares_follow_the_list_the_home_never_one() {
    let t = town();
    let list = |ids: &[Id]| ids.iter().copied().collect::<BTreeSet<Id>>();
    // first saved serving 南门 (and naming its home): one share, new
    let (added, now) = reshare(t.north, &[], &list(&[t.north, t.south]), 5);
    assert_eq!(added, vec![t.south]);
    assert_eq!(
        now,
        vec![Share {
            place: t.south,
            until: None
        }]
    );
    // 东门 added later: only it is new
    let (added, now2) = reshare(t.north, &now, &list(&[t.south, t.east]), 9);
    assert_eq!(added, vec![t.east]);
    assert_eq!(now2.len(), 2);
    // the same list again: nothing new, nothing changed
    let (added, same) = reshare(t.north, &now2, &list(&[t.south, t.east]), 10);
    assert!(added.is_empty());
    assert_eq!(same, now2);
    // 南门 taken off: its share ends at that change
    let (added, now3) = reshare(t.north, &now2, &list(&[t.east]), 11);
    assert!(added.is_empty());
    assert!(now3.contains(&Share {
        place: t.south,
        until: Some(11)
    }));
    // an ended share stays ended on later changes, and is new again when listed again
    let (_, now4) = reshare(t.north, &now3, &list(&[t.east]), 12);
    assert!(now4.contains(&Share {
        place: t.south,
        until: Some(11)
    }));
    let (added, now5) = reshare(t.north, &now4, &list(&[t.south, t.east]), 13);
    assert_eq!(added, vec![t.south]);
    assert!(now5.contains(&Share {
        place: t.south,
        until: None
    }));
}
