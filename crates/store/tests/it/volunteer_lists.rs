//! A community's volunteers and teams handed to another laptop (issue 23): `export_volunteers`
//! (teams, and volunteers revealed) read back by `import_volunteers`, the same up to ids, and a
//! second import changes nothing.

use std::path::{Path, PathBuf};

use linli_domain::Id;
use linli_protocol::{
    ExportList, ExportPlaces, ExportVolunteers, ImportCommit, ImportPlaces, ImportVolunteers,
    ListKind, SheetFormat, VolunteerList, VolunteersImported,
};
use linli_store::demo::{generate, DemoOptions};
use linli_store::Store;

fn one(store: &Store, sql: &str) -> String {
    store.conn().query_row(sql, [], |r| r.get(0)).unwrap()
}

/// Teams and volunteers of the only community, ids left out.
fn roster(store: &Store) -> Vec<String> {
    let mut lines: Vec<String> = store
        .conn()
        .prepare(
            "SELECT 'team ' || name || '|' || kind FROM teams WHERE deleted = 0
             UNION ALL
             SELECT 'volunteer ' || v.name || '|' || coalesce(v.phone, '') || '|'
               || coalesce(r.id_number, '') || '|' || v.skills || '|' || v.availability || '|'
               || coalesce((SELECT group_concat(t.name || ':' || m.leader, ',') FROM (
                    SELECT * FROM team_members ORDER BY team_id) m
                    JOIN teams t ON t.id = m.team_id
                    WHERE m.volunteer_id = v.id AND m.deleted = 0), '')
             FROM volunteers v LEFT JOIN residents r ON r.id = v.resident_id
             WHERE v.deleted = 0",
        )
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    // a volunteer's teams in name order
    for l in &mut lines {
        if let Some((head, teams)) = l.rsplit_once('|') {
            let mut t: Vec<&str> = teams.split(',').collect();
            t.sort();
            *l = format!("{head}|{}", t.join(","));
        }
    }
    lines.sort();
    lines
}

fn import(store: &mut Store, path: &Path, community: Id) -> VolunteersImported {
    store
        .import_volunteers(&ImportVolunteers {
            path: path.display().to_string(),
            community_id: community,
            dry_run: false,
        })
        .unwrap()
}

#[test]
fn volunteers_and_teams_read_back_on_another_laptop() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = Store::open_in_memory().unwrap();
    let sum = generate(
        &mut a,
        DemoOptions {
            households: 60,
            seed: 31,
        },
    )
    .unwrap();
    assert!(
        sum.time_bank.volunteers > 3 && sum.time_bank.teams > 1,
        "{sum:?}"
    );
    let community: Id = one(&a, "SELECT id FROM places WHERE kind = 'community'")
        .parse()
        .unwrap();
    let want = roster(&a);
    for (ext, format) in [("xlsx", SheetFormat::Xlsx), ("csv", SheetFormat::Csv)] {
        let file = |stem: &str| -> PathBuf { dir.path().join(format!("{stem}.{ext}")) };
        let s = |p: PathBuf| p.display().to_string();
        a.export_places(&ExportPlaces {
            format,
            path: s(file("地点")),
            place_id: Some(community),
        })
        .unwrap();
        a.export_list(&ExportList {
            kind: ListKind::Residents,
            format,
            path: s(file("居民")),
            reveal: true,
            place_id: Some(community),
            from: None,
            to: None,
        })
        .unwrap();
        for (list, stem) in [
            (VolunteerList::Teams, "服务队"),
            (VolunteerList::Volunteers, "志愿者"),
        ] {
            a.export_volunteers(&ExportVolunteers {
                list,
                format,
                path: s(file(stem)),
                community_id: community,
                reveal: true,
            })
            .unwrap();
        }

        let mut b = Store::open(dir.path().join(format!("b-{ext}.db"))).unwrap();
        b.import_places(&ImportPlaces {
            path: s(file("地点")),
            dry_run: false,
        })
        .unwrap();
        let there: Id = one(&b, "SELECT id FROM places WHERE kind = 'community'")
            .parse()
            .unwrap();
        b.import_commit(&ImportCommit {
            path: s(file("居民")),
            place_id: there,
            sheet: None,
            mapping: None,
            headers: None,
        })
        .unwrap();
        let teams = import(&mut b, &file("服务队"), there);
        assert_eq!(teams.teams.created, sum.time_bank.teams, "{teams:?}");
        let people = import(&mut b, &file("志愿者"), there);
        assert!(
            people.refused.is_empty() && people.warnings.is_empty(),
            "{people:?}"
        );
        assert_eq!(people.volunteers.created, sum.time_bank.volunteers);
        assert_eq!(roster(&b), want, "{ext}");
        // again: nothing changes
        let journal = b.journal().unwrap().len();
        for stem in ["服务队", "志愿者"] {
            let again = import(&mut b, &file(stem), there);
            assert_eq!(again, VolunteersImported::default(), "{stem}.{ext}");
        }
        assert_eq!(b.journal().unwrap().len(), journal);
    }
}

/// A masked volunteers list is refused row by row, asking for a revealed one.
#[test]
fn a_masked_volunteers_list_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = Store::open_in_memory().unwrap();
    generate(
        &mut a,
        DemoOptions {
            households: 30,
            seed: 4,
        },
    )
    .unwrap();
    let community: Id = one(&a, "SELECT id FROM places WHERE kind = 'community'")
        .parse()
        .unwrap();
    let path = dir.path().join("志愿者.xlsx");
    a.export_volunteers(&ExportVolunteers {
        list: VolunteerList::Volunteers,
        format: SheetFormat::Xlsx,
        path: path.display().to_string(),
        community_id: community,
        reveal: false,
    })
    .unwrap();
    let done = a
        .import_volunteers(&ImportVolunteers {
            path: path.display().to_string(),
            community_id: community,
            dry_run: true,
        })
        .unwrap();
    assert!(!done.refused.is_empty());
    assert!(done.refused.iter().all(|i| i.reason.contains("--reveal")));
    assert_eq!(done.volunteers, Default::default());
}
