//! The records behind the monthly report's figures: on the demo town each count opens as many rows
//! as it counts, for the month and the year to date, for everything, a community and a big grid.

use linli_protocol::{FigureUnit, MonthlyFigureRecords, MonthlyReport};

use crate::Store;

/// Each count figure of the demo town's report opens exactly as many rows as it says, for the
/// month and the year to date, for everything, a community and a big grid; a rate opens its
/// numerator's rows.
#[test]
fn every_count_opens_as_many_records_as_it_counts() {
    let mut store = Store::open_in_memory().unwrap();
    crate::demo::generate(&mut store, Default::default()).unwrap();
    let month = {
        let (y, m): (i32, u32) = {
            let today = store.now().today();
            (today[..4].parse().unwrap(), today[5..7].parse().unwrap())
        };
        if m == 1 {
            format!("{}-12", y - 1)
        } else {
            format!("{y}-{:02}", m - 1)
        }
    };
    let id = |sql: &str| -> Option<linli_domain::Id> {
        let s: String = store.conn.query_row(sql, [], |r| r.get(0)).unwrap();
        Some(s.parse().unwrap())
    };
    let community = id("SELECT id FROM places WHERE kind = 'community' AND deleted = 0 LIMIT 1");
    let grid = id("SELECT id FROM grids WHERE parent_id IS NULL AND deleted = 0 LIMIT 1");
    let mut households = Vec::new();
    for (place_id, grid_id) in [(None, None), (community, None), (None, grid)] {
        let report = store
            .monthly_report(&MonthlyReport {
                month: month.clone(),
                place_id,
                path: None,
                grid_id,
            })
            .unwrap();
        let mut nonzero = 0;
        for f in &report.figures {
            for cumulative in [false, true] {
                let recs = store
                    .monthly_figure_records(&MonthlyFigureRecords {
                        month: month.clone(),
                        place_id,
                        key: f.key.clone(),
                        cumulative,
                        grid_id,
                    })
                    .unwrap();
                assert!(recs.rows.iter().all(|r| r.len() == recs.headers.len()));
                let figure = if cumulative { f.cumulative } else { f.month };
                match f.unit {
                    FigureUnit::Count => {
                        assert_eq!(recs.rows.len() as f64, figure, "{} {cumulative}", f.key);
                        nonzero += usize::from(figure > 0.0);
                    }
                    FigureUnit::Hours => {
                        let sum: f64 = recs.rows.iter().map(|r| r[3].parse::<f64>().unwrap()).sum();
                        assert!((sum - figure).abs() < 1e-6, "{} {sum} ≠ {figure}", f.key);
                    }
                    FigureUnit::Rate => {
                        assert_eq!(figure == 0.0, recs.rows.is_empty(), "{}", f.key)
                    }
                }
            }
        }
        assert!(nonzero >= 6, "the demo town's report counts something");
        households.push(report.figures[0].month);
    }
    assert!(
        households[0] > households[1] && households[1] > households[2],
        "a community holds fewer households than the town, a grid fewer than its community: {households:?}"
    );
    let bad = store.monthly_figure_records(&MonthlyFigureRecords {
        month,
        place_id: None,
        key: "nonsense".into(),
        cumulative: false,
        grid_id: None,
    });
    assert!(bad.is_err());
}
