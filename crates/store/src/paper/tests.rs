//! Visit sheets and the 楼盘表 on the demo town: a block per household with its QR text, the
//! members masked per role, the last visit as the visits say; the chart holds every household
//! once at its floor and position, and its colours count what the records count.

use linli_domain::address::floor_of;
use linli_domain::field::{VisitKind, VisitOutcome};
use linli_domain::Id;
use linli_protocol::sync::Role;
use linli_protocol::{
    parse_household_qr, privacy, BuildingChart, CorrectVisit, ListHouseholds, LogVisit, VisitSheets,
};

use super::chart::position_of;
use crate::demo::DemoOptions;
use crate::{Store, WITHHELD_TEXT};

fn demo() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    crate::demo::generate(
        &mut store,
        DemoOptions {
            households: 400,
            seed: 2024,
        },
    )
    .unwrap();
    store
}

fn id(store: &Store, sql: &str) -> Id {
    let s: String = store.conn.query_row(sql, [], |r| r.get(0)).unwrap();
    s.parse().unwrap()
}

/// The building with the most households.
fn big_building(store: &Store) -> Id {
    id(
        store,
        "SELECT building_id FROM households WHERE deleted = 0 AND moved_out IS NULL
         GROUP BY building_id ORDER BY count(*) DESC, building_id LIMIT 1",
    )
}

#[test]
fn a_buildings_sheets_hold_each_household_once_with_its_qr() {
    let store = demo();
    let b = big_building(&store);
    let sheets = store.visit_sheets(&VisitSheets { place_id: b }).unwrap();
    let list = store
        .list_households(&ListHouseholds {
            place_id: Some(b),
            limit: 1000,
            ..Default::default()
        })
        .unwrap();
    assert!(list.total > 3);
    assert_eq!(sheets.blocks.len() as u32, list.total);
    let ids: Vec<Id> = sheets.blocks.iter().map(|b| b.household_id).collect();
    let listed: Vec<Id> = list.rows.iter().map(|h| h.id).collect();
    assert_eq!(ids, listed, "walking order, as the register lists them");
    for block in &sheets.blocks {
        assert_eq!(block.qr, format!("LINLI-HH:{}", block.household_id));
        assert_eq!(parse_household_qr(&block.qr), Some(block.household_id));
    }
    assert!(sheets.place_name.ends_with(&store.place(b).unwrap().name));
    assert!(sheets.place_name.chars().count() > store.place(b).unwrap().name.chars().count());
    assert!(sheets.community_name.is_some());
    assert!(!sheets.withheld);
}

#[test]
fn members_are_masked_as_the_register_masks_them_for_the_role() {
    let mut store = demo();
    let b = big_building(&store);
    let raw: Vec<String> = store
        .conn
        .prepare("SELECT id_number FROM residents WHERE id_number IS NOT NULL")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    let sighted = store.visit_sheets(&VisitSheets { place_id: b }).unwrap();
    let members: Vec<_> = sighted.blocks.iter().flat_map(|b| &b.members).collect();
    assert!(members.iter().any(|m| m.id_number.is_some()));
    for m in &members {
        if let Some(n) = &m.id_number {
            assert!(n.contains('*'), "{n} is masked");
            assert!(!raw.contains(n), "no clear ID number on a sheet");
        }
        if let Some(p) = &m.phone {
            assert!(p.contains('*'), "{p} is masked");
        }
    }
    // the demo has sensitive tags somewhere in the town: find a building with one
    let tagged = id(
        &store,
        "SELECT h.building_id FROM residents r JOIN households h ON h.id = r.household_id
         WHERE r.deleted = 0 AND r.moved_out IS NULL AND h.moved_out IS NULL
         AND (r.care_tags LIKE '%低保%' OR r.care_tags LIKE '%残疾%' OR r.care_tags LIKE '%特困%')
         LIMIT 1",
    );
    let before = store
        .visit_sheets(&VisitSheets { place_id: tagged })
        .unwrap();
    assert!(before
        .blocks
        .iter()
        .flat_map(|b| &b.members)
        .any(|m| m.care_tags.iter().any(|t| privacy::sensitive_tag(t))));

    store.save_sync_role(Role::Steward).unwrap();
    for place in [b, tagged] {
        let s = store
            .visit_sheets(&VisitSheets { place_id: place })
            .unwrap();
        assert!(s.withheld);
        for block in &s.blocks {
            assert!(block.phone.is_none() || block.phone.as_deref() == Some(WITHHELD_TEXT));
            for m in &block.members {
                assert!(m.id_number.is_none() || m.id_number.as_deref() == Some(WITHHELD_TEXT));
                assert!(m.phone.is_none() || m.phone.as_deref() == Some(WITHHELD_TEXT));
                assert!(!m.care_tags.iter().any(|t| privacy::sensitive_tag(t)));
            }
        }
    }
    let after = store.visit_sheets(&VisitSheets { place_id: b }).unwrap();
    let names = |d: &linli_protocol::VisitSheetsData| -> Vec<String> {
        d.blocks
            .iter()
            .flat_map(|b| b.members.iter().map(|m| m.name.clone()))
            .collect()
    };
    assert_eq!(
        names(&after),
        names(&sighted),
        "names stay, as in the register"
    );
    assert!(after
        .blocks
        .iter()
        .flat_map(|b| &b.members)
        .any(|m| m.id_number.as_deref() == Some(WITHHELD_TEXT)));
}

#[test]
fn the_last_visit_is_the_last_one_that_reached_someone_and_still_counts() {
    let mut store = demo();
    let b = big_building(&store);
    let visitor = id(&store, "SELECT id FROM people WHERE deleted = 0 LIMIT 1");
    let sheets = store.visit_sheets(&VisitSheets { place_id: b }).unwrap();
    let block = &sheets.blocks[0];
    let hh = block.household_id;
    let before = block.last_visit.clone();
    let today = store.now().today();
    let visit = |store: &mut Store, outcome| {
        store
            .log_visit(&LogVisit {
                household_id: hh,
                visitor_id: visitor,
                at: None,
                kind: VisitKind::Routine,
                outcome,
                findings: String::new(),
                member_updates: vec![],
                follow_up: None,
            })
            .unwrap()
    };
    let last = |store: &Store| {
        store
            .visit_sheets(&VisitSheets { place_id: b })
            .unwrap()
            .blocks
            .into_iter()
            .find(|x| x.household_id == hh)
            .unwrap()
            .last_visit
    };
    visit(&mut store, VisitOutcome::NobodyHome);
    assert_eq!(last(&store), before, "nobody home is no visit");
    let logged = visit(&mut store, VisitOutcome::Met);
    assert_eq!(last(&store), Some(today));
    store
        .correct_visit(&CorrectVisit {
            visit_id: logged.visit.id,
            at: None,
            kind: VisitKind::Routine,
            outcome: VisitOutcome::Met,
            findings: String::new(),
            void: true,
        })
        .unwrap();
    assert_eq!(last(&store), before, "a voided visit no longer counts");
}

#[test]
fn a_grids_sheets_are_the_households_of_its_places() {
    let store = demo();
    let grid = id(
        &store,
        "SELECT g.id FROM grids g JOIN grid_places gp ON gp.grid_id = g.id
         WHERE g.kind = 'section' AND g.deleted = 0 AND gp.deleted = 0
         GROUP BY g.id HAVING count(*) > 1 LIMIT 1",
    );
    let g = store.grid(grid).unwrap();
    let sheets = store.visit_sheets(&VisitSheets { place_id: grid }).unwrap();
    assert_eq!(sheets.place_name, g.name);
    let mut expected = 0;
    for p in &g.place_ids {
        expected += store
            .list_households(&ListHouseholds {
                place_id: Some(*p),
                ..Default::default()
            })
            .unwrap()
            .total;
    }
    assert!(expected > 0);
    assert_eq!(sheets.blocks.len() as u32, expected);
}

#[test]
fn an_unknown_id_is_refused_by_name() {
    let store = demo();
    let e = store
        .visit_sheets(&VisitSheets {
            place_id: Id::new(),
        })
        .unwrap_err();
    assert!(e.to_string().contains("找不到"), "{e}");
}

#[test]
fn the_chart_holds_every_household_once_at_its_floor_and_position() {
    let mut store = demo();
    let b = big_building(&store);
    let chart = store
        .building_chart(&BuildingChart {
            building_id: b,
            from: None,
            to: None,
        })
        .unwrap();
    let list = store
        .list_households(&ListHouseholds {
            place_id: Some(b),
            limit: 1000,
            ..Default::default()
        })
        .unwrap();
    let mut seen: Vec<Id> = chart.other_rooms.iter().map(|r| r.household_id).collect();
    for u in &chart.units {
        assert_eq!(u.rows.len() as u32, chart.floors, "every floor drawn");
        for (i, row) in u.rows.iter().enumerate() {
            assert_eq!(row.floor, chart.floors - i as u32, "top floor first");
            assert_eq!(row.rooms.len(), u.positions.len());
            for (col, cell) in row.rooms.iter().enumerate() {
                if let Some(r) = cell {
                    assert_eq!(floor_of(&r.room), i64::from(row.floor), "{}", r.room);
                    assert_eq!(position_of(&r.room), u.positions[col]);
                    let h = list.rows.iter().find(|h| h.id == r.household_id).unwrap();
                    assert_eq!(h.unit_id, u.unit_id, "in its unit");
                    seen.push(r.household_id);
                }
            }
        }
    }
    seen.sort();
    let mut listed: Vec<Id> = list.rows.iter().map(|h| h.id).collect();
    listed.sort();
    assert_eq!(seen, listed, "each household once");
    let top = list.rows.iter().map(|h| floor_of(&h.room)).max().unwrap();
    assert!(i64::from(chart.floors) >= top);
}

#[test]
fn the_charts_colours_count_what_the_records_count() {
    let mut store = demo();
    let b = big_building(&store);
    let chart = store
        .building_chart(&BuildingChart {
            building_id: b,
            from: None,
            to: None,
        })
        .unwrap();
    let rooms: Vec<_> = chart
        .units
        .iter()
        .flat_map(|u| u.rows.iter().flat_map(|r| r.rooms.iter().flatten()))
        .chain(chart.other_rooms.iter())
        .collect();
    // visited this period: the households with a reached, standing visit in the month
    let visited: u32 = store
        .conn
        .query_row(
            "SELECT count(DISTINCT h.id) FROM households h JOIN visits v ON v.household_id = h.id
             WHERE h.building_id = ?1 AND h.deleted = 0 AND h.moved_out IS NULL
             AND v.outcome != 'nobody_home' AND v.void = 0
             AND NOT EXISTS (SELECT 1 FROM visits c WHERE c.corrects = v.id)
             AND substr(v.at, 1, 10) BETWEEN ?2 AND ?3",
            rusqlite::params![b.to_string(), chart.from, chart.to],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(rooms.iter().filter(|r| r.visited).count() as u32, visited);
    // care: the households with a member carrying a care tag
    let cared: u32 = store
        .conn
        .query_row(
            "SELECT count(DISTINCT h.id) FROM households h JOIN residents r ON r.household_id = h.id
             WHERE h.building_id = ?1 AND h.deleted = 0 AND h.moved_out IS NULL
             AND r.deleted = 0 AND r.moved_out IS NULL AND r.care_tags != '[]'",
            [b.to_string()],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(
        rooms.iter().filter(|r| !r.care_tags.is_empty()).count() as u32,
        cared
    );
    // open requests: each household's tasks as the task page reads them
    let mut open = 0;
    for r in &rooms {
        let ids: Vec<String> = store
            .conn
            .prepare("SELECT id FROM tasks WHERE household_id = ?1 AND deleted = 0")
            .unwrap()
            .query_map([r.household_id.to_string()], |row| row.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        for t in ids {
            let task = store.task(t.parse().unwrap(), None).unwrap();
            if !task.status.resolved() {
                open += 1;
            }
        }
    }
    assert_eq!(rooms.iter().map(|r| r.open_requests).sum::<u32>(), open);
    // a steward's chart shows no sensitive tag
    store.save_sync_role(Role::Steward).unwrap();
    let c = store
        .building_chart(&BuildingChart {
            building_id: b,
            from: None,
            to: None,
        })
        .unwrap();
    assert!(c.withheld);
    assert!(c
        .units
        .iter()
        .flat_map(|u| u.rows.iter().flat_map(|r| r.rooms.iter().flatten()))
        .all(|r| !r.care_tags.iter().any(|t| privacy::sensitive_tag(t))));
}

#[test]
fn a_chart_is_of_a_building_and_its_period_must_read() {
    let mut store = demo();
    let b = big_building(&store);
    let compound = store.place(b).unwrap().parent_id.unwrap();
    assert!(store
        .building_chart(&BuildingChart {
            building_id: compound,
            from: None,
            to: None,
        })
        .is_err());
    assert!(store
        .building_chart(&BuildingChart {
            building_id: b,
            from: Some("2026-13-01".into()),
            to: None,
        })
        .is_err());
}

#[test]
fn the_windows_save_as_pdf_writes_sheets_and_chart_and_refuses_another_name() {
    let mut store = demo();
    let b = big_building(&store);
    let dir = tempfile::tempdir().unwrap();
    let blocks = store
        .visit_sheets(&VisitSheets { place_id: b })
        .unwrap()
        .blocks
        .len();
    let sheets = dir.path().join("走访单.pdf");
    let written = store
        .save_visit_sheets_pdf(&linli_protocol::SaveVisitSheetsPdf {
            place_id: b,
            path: sheets.display().to_string(),
        })
        .unwrap();
    assert_eq!(written.rows as usize, blocks);
    assert!(std::fs::read(&sheets).unwrap().starts_with(b"%PDF-"));
    let chart = dir.path().join("楼盘表.pdf");
    let period = store
        .building_chart(&BuildingChart {
            building_id: b,
            from: None,
            to: None,
        })
        .unwrap();
    let written = store
        .save_building_chart_pdf(&linli_protocol::SaveBuildingChartPdf {
            building_id: b,
            from: Some(period.from.clone()),
            to: Some(period.to.clone()),
            path: chart.display().to_string(),
        })
        .unwrap();
    assert_eq!(written.rows as usize, blocks);
    assert!(std::fs::read(&chart).unwrap().starts_with(b"%PDF-"));
    // a name that is not a .pdf: refused, nothing written
    let other = dir.path().join("走访单.xlsx");
    let e = store
        .save_visit_sheets_pdf(&linli_protocol::SaveVisitSheetsPdf {
            place_id: b,
            path: other.display().to_string(),
        })
        .unwrap_err();
    assert_eq!(
        e.code().map(|c| c.0),
        Some(linli_domain::msg::PDF_NOT_PDF.code),
        "{e}"
    );
    assert!(!other.exists());
}
