//! Drawing grids is an administrator's work once the laptop knows its worker: a grid worker may
//! neither add a grid nor unmap, assign or unassign, an administrator may, and taking a mapping
//! or an assignment back is a change that syncs.

use linli_domain::register::{GridKind, Role};
use linli_domain::Id;
use linli_protocol::{AddGrid, Assign, MapGrid, SetMe, Unassign, UnmapGrid};

use crate::Store;

fn one(s: &Store, sql: &str) -> Id {
    s.conn
        .query_row(sql, [], |r| r.get::<_, String>(0))
        .unwrap()
        .parse()
        .unwrap()
}

#[test]
fn only_an_administrator_draws_grids_once_the_laptop_knows_its_worker() {
    let mut s = Store::open_in_memory().unwrap();
    crate::demo::generate(
        &mut s,
        crate::demo::DemoOptions {
            households: 40,
            seed: 7,
        },
    )
    .unwrap();
    let admin = one(
        &s,
        "SELECT id FROM people WHERE roles LIKE '%\"admin\"%' LIMIT 1",
    );
    let community = s.person(admin).unwrap().community_id;
    let worker = one(
        &s,
        &format!(
            "SELECT id FROM people WHERE community_id = '{community}' AND roles NOT LIKE '%\"admin\"%' LIMIT 1"
        ),
    );
    let building = one(
        &s,
        &format!(
            "SELECT b.id FROM places b JOIN places k ON k.id = b.parent_id
             WHERE k.parent_id = '{community}' AND b.kind = 'building' LIMIT 1"
        ),
    );
    let add = AddGrid {
        community_id: community,
        kind: GridKind::Big,
        name: "第九网格".into(),
        parent_id: None,
    };
    let before = s.grid_counts(community).unwrap();
    s.set_me(&SetMe {
        person_id: Some(worker),
    })
    .unwrap();
    let err = s.add_grid(&add).unwrap_err().to_string();
    assert!(err.contains("只有社区管理员"), "{err}");
    assert_eq!(s.grid_counts(community).unwrap(), before, "nothing written");

    s.set_me(&SetMe {
        person_id: Some(admin),
    })
    .unwrap();
    let g = s.add_grid(&add).unwrap();
    let g = s
        .map_grid(&MapGrid {
            grid_id: g.id,
            place_ids: vec![building],
        })
        .unwrap();
    assert_eq!(g.place_ids, vec![building]);
    assert!(g.place_names[0].ends_with(&s.place(building).unwrap().name));
    assert!(
        g.place_names[0].len() > s.place(building).unwrap().name.len(),
        "with its compound"
    );
    let p = s
        .assign(&Assign {
            person_id: worker,
            role: Role::GridWorker,
            grid_id: Some(g.id),
            place_id: None,
        })
        .unwrap();
    let a = p
        .assignments
        .iter()
        .find(|a| a.grid_id == Some(g.id))
        .unwrap()
        .id;

    // a worker may not take them apart either
    s.set_me(&SetMe {
        person_id: Some(worker),
    })
    .unwrap();
    let unmap = UnmapGrid {
        grid_id: g.id,
        place_ids: vec![building],
    };
    assert!(s.unmap_grid(&unmap).is_err());
    assert!(s.unassign(&Unassign { assignment_id: a }).is_err());
    assert!(s
        .assign(&Assign {
            person_id: worker,
            role: Role::BuildingSteward,
            grid_id: Some(g.id),
            place_id: None,
        })
        .is_err());
    assert_eq!(s.grid(g.id).unwrap().place_ids, vec![building]);

    s.set_me(&SetMe {
        person_id: Some(admin),
    })
    .unwrap();
    assert!(s.unmap_grid(&unmap).unwrap().place_ids.is_empty());
    let err = s.unmap_grid(&unmap).unwrap_err().to_string();
    assert!(err.contains("不在“第九网格”里"), "{err}");
    let p = s.unassign(&Unassign { assignment_id: a }).unwrap();
    assert!(p.assignments.iter().all(|x| x.id != a));
    assert!(s.grid(g.id).unwrap().workers.is_empty());
    // both are changes that sync: each row was written twice (made, then taken back)
    let journaled: i64 = s
        .conn
        .query_row(
            &format!(
                "SELECT count(*) FROM journal WHERE row_id = '{a}'
                    OR row_id IN (SELECT id FROM grid_places WHERE grid_id = '{}')",
                g.id
            ),
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(journaled, 4);
}
