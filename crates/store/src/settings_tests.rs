//! Who works at this laptop: only a laptop signed in as an administrator is told it is one, and the
//! sync user's namesake is "me" until another person is chosen here.

use linli_domain::Id;
use linli_protocol::{GetMe, MeSource, SetMe};

use crate::Store;

#[test]
fn only_a_laptop_signed_in_as_an_administrator_is_told_it_is_one() {
    use linli_protocol::sync::Role;
    let mut s = Store::open_in_memory().unwrap();
    assert!(!s.get_me(&GetMe {}).unwrap().admin, "never signed in");
    for (role, admin) in [
        (Role::GridWorker, false),
        (Role::Steward, false),
        (Role::Admin, true),
    ] {
        s.save_sync_role(role).unwrap();
        assert_eq!(s.get_me(&GetMe {}).unwrap().admin, admin, "{role:?}");
    }
}

#[test]
fn the_sync_users_namesake_is_me_until_another_person_is_chosen_here() {
    let mut s = Store::open_in_memory().unwrap();
    crate::demo::generate(
        &mut s,
        crate::demo::DemoOptions {
            households: 40,
            seed: 7,
        },
    )
    .unwrap();
    let people: Vec<(String, String)> = s
        .conn
        .prepare(
            "SELECT id, name FROM people p WHERE deleted = 0
               AND (SELECT count(*) FROM people x WHERE x.name = p.name) = 1
             ORDER BY id LIMIT 2",
        )
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    let (named, other): (Id, Id) = (people[0].0.parse().unwrap(), people[1].0.parse().unwrap());
    s.conn
        .execute(
            "INSERT INTO meta (key, value) VALUES ('sync_user', ?1)",
            [&people[0].1],
        )
        .unwrap();
    let me = s.get_me(&GetMe {}).unwrap();
    assert_eq!(me.source, MeSource::SyncUser);
    assert_eq!(me.person.map(|p| p.id), Some(named));
    assert_eq!(me.sync_match, Some(named));
    // 设置: the worker is someone else (the sync user is a namesake, or a shared account)
    let me = s
        .set_me(&SetMe {
            person_id: Some(other),
        })
        .unwrap();
    assert_eq!(me.source, MeSource::Chosen);
    assert_eq!(me.person.map(|p| p.id), Some(other));
    assert_eq!(me.sync_match, Some(named), "the name match is still said");
    // asked again, still signed in as the same account: the choice stays
    assert_eq!(
        s.get_me(&GetMe {}).unwrap().person.map(|p| p.id),
        Some(other)
    );
    // forgetting the choice goes back to the name match
    let me = s.set_me(&SetMe { person_id: None }).unwrap();
    assert_eq!(
        (me.source, me.person.map(|p| p.id)),
        (MeSource::SyncUser, Some(named))
    );
}
