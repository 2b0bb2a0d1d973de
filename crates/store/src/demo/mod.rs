//! The demo community that `cargo xtask run` and `linli demo` put in a new database, so a new user
//! opens the app onto a lived-in town: communities, compounds, buildings, units and rooms,
//! households with residents (Chinese names, valid ID numbers and phones, care tags), big grids
//! and building sections mapped onto units, and the people who work them.
//!
//! Deterministic: the same options give the same rows with the same ids (the canonical export
//! of two such databases is byte-identical). The default is the town of the county reports:
//! 34 big grids, 110 building sections, 49 grid workers, 1,550 households, about 4,700 residents.
//!
//! The files: `people` (names, phones, families and care needs from a small seeded generator),
//! `rows` (the register rows the demo writes: places, grids, staff, assignments), `town` (the
//! county, town, communities, grids and the households in their buildings), `month` (a lived-in
//! month of visits and tasks), `time_bank` (the volunteers' time bank), `lending` (the sharing
//! stations), `mediation` (a year of mediation cases), `councils` (a year of liaison points,
//! suggestions, topics and meetings), `programmes` (the children's programmes), `circle` (the service circle); the boards' demo
//! is `crate::board::demo`.

mod circle;
mod councils;
mod lending;
mod mediation;
mod month;
mod patrols;
mod people;
mod programmes;
mod rows;
mod task_life;
mod time_bank;
mod town;

use crate::{Result, Store};

pub use circle::CircleSummary;
pub use councils::CouncilSummary;
pub use lending::LendingSummary;
pub use mediation::MediationSummary;
pub use patrols::PatrolsSummary;
pub use programmes::ProgrammesSummary;
pub use time_bank::TimeBankSummary;

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoOptions {
    pub households: u32,
    pub seed: u64,
}

impl Default for DemoOptions {
    fn default() -> Self {
        DemoOptions {
            households: 1550,
            seed: 2024,
        }
    }
}

/// What the generator made.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DemoSummary {
    pub communities: u32,
    pub compounds: u32,
    pub buildings: u32,
    pub units: u32,
    pub households: u32,
    pub residents: u32,
    pub big_grids: u32,
    pub sections: u32,
    pub grid_workers: u32,
    pub people: u32,
    /// Visits over the last 30 days, corrections included.
    pub visits: u32,
    pub tasks: u32,
    /// The volunteer time bank (see `time_bank.rs`).
    pub time_bank: TimeBankSummary,
    /// The sharing stations (米邻驿站, see `lending.rs`).
    pub lending: LendingSummary,
    /// The mediation committees' year (人民调解, see `mediation.rs`).
    pub mediation: MediationSummary,
    /// Liaison points, meetings, topics and suggestions (see `councils.rs`).
    pub councils: CouncilSummary,
    /// The children's programmes (托管, see `programmes.rs`).
    pub programmes: ProgrammesSummary,
    /// The security patrols (巡防, see `patrols.rs`).
    pub patrols: PatrolsSummary,
    /// The 15-minute neighbourhood service circle (服务圈, see `circle.rs`).
    pub circle: CircleSummary,
}

/// Fills an empty store with the demo town. Refuses a store that already holds places.
pub fn generate(store: &mut Store, opts: DemoOptions) -> Result<DemoSummary> {
    if !store.list_places(&Default::default())?.is_empty() {
        return Err(crate::Error::conflict(
            linli_domain::msg::DEMO_NEEDS_EMPTY,
            vec![],
        ));
    }
    let real = store.now();
    let (mut sum, community_ids, ids) = town::generate(store, opts, &real)?;
    let (visits, tasks) = month::lived_in_month(store, opts.seed, &real.today())?;
    sum.visits = visits;
    sum.tasks = tasks;
    let mut bank_rng = people::Rng(opts.seed ^ 0x7B7B);
    // the time bank takes its ids from the writer's clock: the demo's, pinned meanwhile
    let before = store.pin_now(ids);
    let bank = time_bank::generate(store, &community_ids, &mut |n| bank_rng.below(n));
    // the stations after the time bank, from their own seed, so the rows before stay as they were
    let mut lend_rng = people::Rng(opts.seed ^ 0x1E4D);
    let stations = match bank {
        Ok(_) => lending::generate(store, &community_ids, &real.today(), &mut lend_rng),
        Err(_) => Ok(LendingSummary::default()),
    };
    // a year of mediation cases, from their own seed, after the rows above
    let mut med_rng = people::Rng(opts.seed ^ 0x3ED1);
    let cases = match stations {
        Ok(_) => mediation::generate(
            store,
            &community_ids,
            opts.households,
            &real.today(),
            &mut med_rng,
        ),
        Err(_) => Ok(MediationSummary::default()),
    };
    // targets for this month and last, from the month's own figures (docs/targets.md)
    let targets = crate::targets::demo::generate(store, &community_ids, &real.today());
    // a year of councils and suggestions, from their own seed, after everything else
    let mut council_rng = people::Rng(opts.seed ^ 0xC0C1);
    let councils = councils::generate(store, &community_ids, &real.today(), &mut council_rng);
    let boards = crate::board::demo::generate(store, &community_ids, &real);
    // the children's programmes last, from their own seed, so the rows before stay as they were
    let mut prog_rng = people::Rng(opts.seed ^ 0x4F30);
    let programmes = programmes::generate(store, &community_ids, &real.today(), &mut prog_rng);
    // the patrols after the programmes, from their own seed, written from the start of today
    let mut patrol_rng = people::Rng(opts.seed ^ 0x9A7D);
    let patrols = match programmes {
        Ok(_) => patrols::generate(store, &community_ids, &real, &mut patrol_rng),
        Err(_) => Ok(PatrolsSummary::default()),
    };
    // the service circle after them, from its own seed
    let mut circle_rng = people::Rng(opts.seed ^ 0xC12C);
    let circle = match programmes {
        Ok(_) => circle::generate(store, &community_ids, &real, &mut circle_rng),
        Err(_) => Ok(CircleSummary::default()),
    };
    match before {
        Some(clock) => {
            store.pin_now(clock);
        }
        None => {
            store.unpin_now();
        }
    }
    sum.time_bank = bank?;
    sum.lending = stations?;
    sum.mediation = cases?;
    targets?;
    sum.councils = councils?;
    boards?;
    sum.programmes = programmes?;
    sum.patrols = patrols?;
    sum.circle = circle?;
    Ok(sum)
}

/// The demo town in the file at `path`, made first when the file is missing or holds no
/// household (a file that does not open is an error, and is kept): the benchmarks' register (`target/bench/register-<households>.db`, made
/// by linli-store's `register`, `at_rest` and `pages` benches and linli-tests' `register_sync`,
/// whichever runs first), opened with `source`.
pub fn open_or_generate(
    path: &std::path::Path,
    source: &crate::KeySource,
    opts: DemoOptions,
) -> Result<Store> {
    // a file that is there but does not open (another PIN, a newer Linli) is an error, never
    // a reason to delete it: only a missing or empty one is made again
    let households = if path.exists() {
        Store::open_with(path, source)?.conn().query_row(
            "SELECT count(*) FROM households",
            [],
            |r| r.get::<_, i64>(0),
        )?
    } else {
        0
    };
    if households == 0 {
        for suffix in ["", "-wal", "-shm", ".key"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
        }
        let mut store = Store::open_with(path, source)?;
        generate(&mut store, opts)?;
    }
    Store::open_with(path, source)
}

#[cfg(test)]
mod tests;
