//! The 统计 page's town scope (h21paper): a town's figures are the sums of its communities'.

use linli_domain::{Id, PlaceKind};
use linli_protocol::{Dashboard, DashboardData, ListPlaces, Slice};

use crate::Store;

fn figures(store: &Store, place: Id, from: &str, to: &str) -> DashboardData {
    store
        .dashboard(&Dashboard {
            from: from.into(),
            to: to.into(),
            place_id: Some(place),
            grid_id: None,
        })
        .unwrap()
}

/// Slices summed by key.
fn by_key(slices: &[Slice], into: &mut std::collections::BTreeMap<String, f64>) {
    for s in slices {
        *into.entry(s.key.clone()).or_insert(0.0) += s.value;
    }
}

#[test]
fn a_towns_figures_are_the_sums_of_its_communities() {
    let mut store = Store::open_in_memory().unwrap();
    crate::demo::generate(
        &mut store,
        crate::demo::DemoOptions {
            households: 900,
            seed: 2024,
        },
    )
    .unwrap();
    let towns = store
        .list_places(&ListPlaces {
            kind: Some(PlaceKind::Town),
            parent_id: None,
        })
        .unwrap();
    assert!(!towns.is_empty());
    let today = store.now().today();
    let (qfrom, qto) = linli_domain::calendar::month_bounds(
        &linli_domain::calendar::months_before(&today, 1)[..7],
    )
    .unwrap();
    let year_from = format!(
        "{}-01",
        &linli_domain::calendar::months_before(&today, 11)[..7]
    );
    for (from, to) in [
        (qfrom.as_str(), qto.as_str()),
        (year_from.as_str(), today.as_str()),
    ] {
        for town in &towns {
            let communities = store
                .list_places(&ListPlaces {
                    kind: Some(PlaceKind::Community),
                    parent_id: Some(town.id),
                })
                .unwrap();
            assert!(communities.len() > 1, "a town of several communities");
            let t = figures(&store, town.id, from, to);
            let parts: Vec<DashboardData> = communities
                .iter()
                .map(|c| figures(&store, c.id, from, to))
                .collect();
            let sum = |f: &dyn Fn(&DashboardData) -> f64| parts.iter().map(f).sum::<f64>();
            assert!(t.coverage.den > 0.0);
            assert_eq!(t.coverage.num, sum(&|d| d.coverage.num), "{from} reached");
            assert_eq!(
                t.coverage.den,
                sum(&|d| d.coverage.den),
                "{from} households"
            );
            assert_eq!(
                t.resolution.num,
                sum(&|d| d.resolution.num),
                "{from} resolved"
            );
            assert_eq!(
                t.resolution.den,
                sum(&|d| d.resolution.den),
                "{from} raised"
            );
            assert_eq!(t.on_time.num, sum(&|d| d.on_time.num), "{from} on time");
            for (pick, what) in [
                (
                    (|d: &DashboardData| d.stages.clone()) as fn(&DashboardData) -> Vec<Slice>,
                    "stages",
                ),
                (|d: &DashboardData| d.categories.clone(), "categories"),
                (|d: &DashboardData| d.overdue.clone(), "overdue"),
                (|d: &DashboardData| d.hours_by_category.clone(), "hours"),
            ] {
                let (mut whole, mut summed) = (Default::default(), Default::default());
                by_key(&pick(&t), &mut whole);
                for p in &parts {
                    by_key(&pick(p), &mut summed);
                }
                whole.retain(|_, v| *v != 0.0);
                summed.retain(|_, v| *v != 0.0);
                assert_eq!(whole, summed, "{from} {what}");
            }
            // the ranking of a town lines up its communities
            assert_eq!(t.ranking.rows.len(), communities.len());
        }
    }
}
