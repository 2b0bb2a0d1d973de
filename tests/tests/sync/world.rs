use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

use linli_domain::field::TaskCategory;
use linli_domain::field::{TaskEventKind, TaskStatus};
use linli_domain::{Id, PlaceKind};
use linli_protocol::sync::Role;
use linli_protocol::{AddHousehold, EscalateOverdue, GetTask, RaiseTask, TaskAction, TaskStep};
use linli_server::ServerDb;
use linli_store::tables::{TableDef, TableKind};
use linli_store::{sql_canonical, Schema, Store, SyncWrite};
use linli_sync::{Engine, HttpTransport, Post, Reply, Transport};
use linli_tests::{Spawn, TestServer};

mod checks;
mod lending;

use crate::sync::hostile::{Hostile, Targets};
use crate::sync::power;
use checks::{check, check_field_work};
use serde_json::{json, Value};

static LEDGER: TableDef = TableDef {
    name: "test_ledger",
    kind: TableKind::Fact,
    columns: &["account", "delta"],
};

pub(crate) fn schema() -> Schema {
    Schema::default().with(&LEDGER)
}

const DAY: i64 = 86_400_000;

/// A small deterministic generator (xorshift64*).
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

/// The real server (`linli_tests::spawn_server`'s) and the URL the laptops' transports read,
/// which a restart moves to a new port.
pub(crate) struct Server {
    pub(crate) inner: TestServer,
    url: Rc<RefCell<String>>,
}

impl Server {
    fn start(spec: String, url: Rc<RefCell<String>>) -> Server {
        let inner = Spawn::new().database(spec).workers(1).start();
        *url.borrow_mut() = inner.url.clone();
        Server { inner, url }
    }

    /// Stops gracefully and starts again on the same database with a fresh state.
    pub(crate) fn restart(&mut self) {
        self.inner.restart();
        *self.url.borrow_mut() = self.inner.url.clone();
    }

    /// Starts again on the database `spec` (a copy of the files after a power loss).
    pub(crate) fn restart_on(&mut self, spec: String) {
        self.inner.restart_on(spec);
        *self.url.borrow_mut() = self.inner.url.clone();
    }

    pub(crate) fn spec(&self) -> &str {
        &self.inner.spec
    }

    /// Runs a call of the server's database.
    pub(crate) fn block_on<F>(&self, f: F) -> F::Output
    where
        F: std::future::Future + Send,
        F::Output: Send,
    {
        self.inner.block_on(f)
    }

    pub(crate) fn db(&self) -> &linli_server::AnyDb {
        self.inner.db()
    }
}

/// HTTP with faults: drops, lost answers, duplicates and late replays of older requests.
struct Faulty {
    url: Rc<RefCell<String>>,
    rng: Rng,
    on: bool,
    old: Vec<Post>,
}

impl Transport for Faulty {
    fn post(&mut self, req: Post) -> Result<Reply, String> {
        let mut http = HttpTransport::new(&self.url.borrow());
        if !self.on {
            return http.post(req);
        }
        if self.old.len() > 20 {
            self.old.remove(0);
        }
        self.old.push(req.clone());
        match self.rng.below(100) {
            0..=9 => Err("simulated: request dropped".into()),
            10..=19 => {
                let _ = http.post(req);
                Err("simulated: answer lost after the server committed".into())
            }
            20..=27 => {
                let _ = http.post(req.clone());
                http.post(req)
            }
            28..=35 => {
                let i = self.rng.below(self.old.len() as u64) as usize;
                let stale = self.old[i].clone();
                let _ = http.post(stale);
                http.post(req)
            }
            _ => http.post(req),
        }
    }
}

pub(crate) struct Laptop {
    pub(crate) name: &'static str,
    pub(crate) path: std::path::PathBuf,
    store: Option<Store>,
    grants: Option<Vec<Id>>,
    /// The role its user signed in with: what the server withholds from it (issue 16 item 2).
    role: Role,
    /// Buildings this laptop may write under.
    buildings: Vec<Id>,
    /// A place above its grants, to try a write it must be refused.
    above: Option<Id>,
    skew: i64,
    engine: Engine<Faulty>,
    pub(crate) facts: Vec<Id>,
    /// Visits this laptop logged (facts in `visits`).
    pub(crate) visits: Vec<Id>,
    /// Facts and visits lost with the power before they reached the server.
    pub(crate) lost_facts: Vec<Id>,
    pub(crate) lost_visits: Vec<Id>,
    /// Whether the laptop's file lost its tail in a power cut.
    pub(crate) lost_power: bool,
}

impl Laptop {
    pub(crate) fn store(&mut self) -> &mut Store {
        if self.store.is_none() {
            let s = Store::open(&self.path).unwrap();
            s.conn()
                .execute_batch(
                    "CREATE TABLE IF NOT EXISTS test_ledger (id TEXT PRIMARY KEY,
                     account TEXT NOT NULL DEFAULT '', delta INTEGER NOT NULL DEFAULT 0) STRICT;",
                )
                .unwrap();
            self.store = Some(s);
        }
        self.store.as_mut().unwrap()
    }

    fn now(&self) -> u64 {
        (wall() as i64 + self.skew) as u64
    }

    fn write(
        &mut self,
        table: &str,
        row: Id,
        fields: Vec<(&str, Value)>,
        place: Option<Id>,
    ) -> bool {
        let now = self.now();
        let w = SyncWrite {
            table: table.into(),
            row_id: row,
            fields: fields.into_iter().map(|(k, v)| (k.to_owned(), v)).collect(),
            scope_community: None,
            scope_grid: None,
            scope_place: place,
        };
        self.store().write_row(&schema(), w, now).is_ok()
    }

    fn sync(&mut self) -> bool {
        let store = self.store.as_mut().unwrap();
        match self.engine.sync(store, &mut |_| {}) {
            Ok(_) => true,
            // w2 and its copy share a device id: when one signs in again after a power loss the
            // other's token stops working; and a file that lost its tail may hold a token that an
            // enrolment it lost replaced. Its user signs in again, as the app asks (no other
            // laptop may ever see its token refused)
            Err(linli_sync::Error::Unauthenticated(_) | linli_sync::Error::NotEnrolled)
                if self.name.starts_with("w2") || self.lost_power =>
            {
                self.sign_in();
                let store = self.store.as_mut().unwrap();
                self.engine.sync(store, &mut |_| {}).is_ok()
            }
            Err(e) => {
                if !self.engine.transport_mut().on {
                    eprintln!("{}: sync failed without faults: {e}", self.name);
                }
                false
            }
        }
    }

    /// Signs in again (`linli login`) as the laptop's user, without faults.
    pub(crate) fn sign_in(&mut self) {
        let url = self.engine.transport_mut().url.borrow().clone();
        let user = if self.name == "w2copy" {
            "w2"
        } else {
            self.name
        };
        let name = self.name;
        let _ = linli_sync::login(
            self.store(),
            &mut HttpTransport::new(&url),
            &url,
            user,
            "pw",
            name,
        );
    }

    /// The laptop dies: whatever it committed locally stays, nothing else.
    pub(crate) fn kill(&mut self) {
        self.store = None;
    }
}

fn wall() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as u64
}

fn places_under(l: &mut Laptop, buildings: &[Id]) -> Vec<Id> {
    let export = l.store().export(&schema()).unwrap();
    export["places"]
        .iter()
        .filter(|(_, r)| {
            r["kind"] == json!("unit")
                && r["parent_id"]
                    .as_str()
                    .and_then(|p| p.parse::<Id>().ok())
                    .is_some_and(|p| buildings.contains(&p))
        })
        .map(|(id, _)| *id)
        .collect()
}

/// A household shared by the laptops that work its building, with one task about it.
#[derive(Debug, Clone, Copy)]
struct Home {
    household: Id,
    building: Id,
    task: Id,
}

/// The day every laptop derives a task's state as of (overdue depends on it).
const TODAY: &str = "2026-11-28";

/// What happened in one run, so a test can insist that the faults did occur.
#[derive(Debug, Default)]
pub struct Seen {
    pub restarts: u32,
    pub kills: u32,
    pub refused: usize,
    pub facts: usize,
    /// Visits on the server after quiescence.
    pub visits: usize,
    /// Task steps the laptops took (each accepted by its own laptop's view of the task).
    pub task_steps: usize,
    /// Tasks a laptop escalated (each escalation one event per level, the same on every laptop).
    pub escalations: usize,
    /// Poisons the hostile device sent, every one refused.
    pub poisons: usize,
    /// Laptop files copied to a second laptop.
    pub copies: u32,
    /// Laptops that lost power (their `-wal` gone), and server crashes (its `-wal` kept).
    pub laptop_power_losses: u32,
    pub server_power_losses: u32,
    /// Loans and returns the laptops made of the station's shared copies (issue 19), and copies
    /// left on two open loans (shown as a conflict on every laptop).
    pub lending_steps: usize,
    pub lending_conflicts: usize,
}

/// A step of the five-list flow: mostly the next one as this laptop sees the task, sometimes any
/// (another dispatch, a second rating; a step its view does not allow is refused by the store
/// and changes nothing).
fn random_step(rng: &mut Rng, now: TaskStatus) -> TaskStep {
    let pick = if rng.below(10) < 7 {
        match now {
            TaskStatus::Raised => 0,
            TaskStatus::Dispatched => 1,
            TaskStatus::Accepted => 2,
            TaskStatus::Finished => 3,
            TaskStatus::Published | TaskStatus::Rated => 4,
        }
    } else {
        rng.below(5)
    };
    match pick {
        0 => TaskStep::Dispatch {
            assignee_id: None,
            team: Some(["红色楼道长队", "党员先锋队"][rng.below(2) as usize].into()),
            // due in November: by `TODAY` many are overdue, and escalate
            due_date: format!("2026-11-{:02}", 1 + rng.below(30)),
        },
        1 => TaskStep::Accept,
        2 => TaskStep::Finish {
            result: format!("已办理{}", rng.below(100)),
            photos: vec![],
        },
        3 => TaskStep::Publish,
        _ => TaskStep::Rate {
            rating: 1 + rng.below(5) as u8,
            comment: String::new(),
            rater: None,
        },
    }
}

/// One run against the server on an SQLite file.
pub fn run(seed: u64, steps: usize) -> Seen {
    run_on(None, seed, steps)
}

/// One run against the server on `database` (a PostgreSQL URL), or on an SQLite file in the run's
/// temporary directory when `None`.
pub fn run_on(database: Option<String>, seed: u64, steps: usize) -> Seen {
    let mut seen = Seen::default();
    let dir = tempfile::Builder::new()
        .disable_cleanup(std::env::var("LINLI_SIM_TRACE").is_ok())
        .tempdir()
        .unwrap();
    if std::env::var("LINLI_SIM_TRACE").is_ok() {
        eprintln!("dir {}", dir.path().display());
    }
    let url = Rc::new(RefCell::new(String::new()));
    let spec = database.unwrap_or_else(|| dir.path().join("server.db").display().to_string());
    let mut server = Server::start(spec, url.clone());
    let mut rng = Rng(seed | 1);

    // every user's password is "pw"; the admin is county-wide by its flag
    let add_user = |server: &Server, name: &str, role: Role, grants: Vec<Id>| {
        server.inner.user_with(name, "pw", role, &grants);
    };

    // the tree, made by the admin's laptop
    let new_laptop = |name: &'static str, rng: &mut Rng, skew: i64| Laptop {
        name,
        path: dir.path().join(format!("{name}.db")),
        store: None,
        grants: None,
        role: Role::Admin,
        buildings: vec![],
        above: None,
        skew,
        engine: Engine::new(Faulty {
            url: url.clone(),
            rng: Rng(rng.next() | 1),
            on: false,
            old: vec![],
        })
        .with_schema(schema())
        .with_sizes(1 + rng.below(6) as usize, 1 + rng.below(8) as u32),
        facts: vec![],
        visits: vec![],
        lost_facts: vec![],
        lost_visits: vec![],
        lost_power: false,
    };
    let mut admin = new_laptop("admin", &mut rng, 0);
    let ids: Vec<Id> = (0..7).map(|_| Id::new()).collect();
    let [county, town, community, k1, b1, k2, b2] = ids[..] else {
        unreachable!()
    };
    for (id, kind, name, parent) in [
        (county, PlaceKind::County, "永泰县", None),
        (town, PlaceKind::Town, "樟城镇", Some(county)),
        (community, PlaceKind::Community, "北门社区", Some(town)),
        (k1, PlaceKind::Compound, "幸福小区", Some(community)),
        (b1, PlaceKind::Building, "1栋", Some(k1)),
        (k2, PlaceKind::Compound, "和平小区", Some(community)),
        (b2, PlaceKind::Building, "2栋", Some(k2)),
    ] {
        assert!(admin.write(
            "places",
            id,
            vec![
                ("kind", json!(kind.code())),
                ("name", json!(name)),
                ("parent_id", json!(parent.map(|p| p.to_string()))),
            ],
            None,
        ));
    }
    // households the laptops share (two in 1栋, worked by admin, w1 and w2; one in 2栋, by admin
    // and s), each with a task, made through the store like the app makes them
    let mut homes = Vec::new();
    for (building, room) in [(b1, "101"), (b1, "102"), (b2, "201")] {
        let store = admin.store();
        let household = store
            .add_household(&AddHousehold {
                building_id: building,
                unit_id: None,
                room: room.into(),
                // a phone the steward of 2栋 must never receive (issue 16 item 2)
                fields: linli_protocol::HouseholdFields {
                    phone: Some(format!("1380000{room}0")),
                    ..Default::default()
                },
            })
            .unwrap()
            .id;
        let task = store
            .raise_task(&RaiseTask {
                task: linli_protocol::NewTask {
                    title: format!("{room}室漏水"),
                    category: TaskCategory::HouseholdMatter,
                    subcategory: None,
                    description: String::new(),
                    due_date: None,
                },
                household_id: Some(household),
                place_id: None,
                raised_by: None,
                visit_id: None,
                at: Some("2026-11-01 08:00".into()),
                source: None,
            })
            .unwrap()
            .id;
        homes.push(Home {
            household,
            building,
            task,
        });
    }
    lending::setup(admin.store(), community);
    add_user(&server, "admin", Role::Admin, vec![]);
    add_user(&server, "w1", Role::GridWorker, vec![k1]);
    add_user(&server, "w2", Role::GridWorker, vec![k1]);
    add_user(&server, "s", Role::Steward, vec![b2]);
    add_user(&server, "mallory", Role::GridWorker, vec![k1]);
    admin.buildings = vec![b1, b2];
    // most of a day ahead: the server refuses changes stamped more than a day ahead of its clock
    let mut w1 = new_laptop("w1", &mut rng, DAY * 9 / 10);
    w1.grants = Some(vec![k1]);
    w1.role = Role::GridWorker;
    w1.buildings = vec![b1];
    w1.above = Some(community);
    let mut w2 = new_laptop("w2", &mut rng, -2 * DAY);
    w2.grants = Some(vec![k1]);
    w2.role = Role::GridWorker;
    w2.buildings = vec![b1];
    w2.above = Some(k2);
    let mut s = new_laptop("s", &mut rng, DAY / 3);
    s.grants = Some(vec![b2]);
    s.role = Role::Steward;
    s.buildings = vec![b2];
    s.above = Some(k2);
    let mut laptops = vec![admin, w1, w2, s];
    for l in &mut laptops {
        let server_url = url.borrow().clone();
        let name = l.name;
        let store = l.store();
        linli_sync::login(
            store,
            &mut HttpTransport::new(&server_url),
            &server_url,
            name,
            "pw",
            name,
        )
        .unwrap();
        assert!(l.sync(), "{} could not sync before faults", l.name);
    }
    for l in &mut laptops {
        assert!(l.sync());
        l.engine.transport_mut().on = true;
    }
    let mut mallory = Hostile::enrol(&url.borrow(), "mallory");
    let targets = Targets {
        households: homes
            .iter()
            .filter(|h| h.building == b1)
            .map(|h| (h.household, h.building))
            .collect(),
        granted: k1,
        outside: k2,
        victim: laptops[1].store().device_id(),
    };

    for step in 0..steps {
        let i = rng.below(laptops.len() as u64) as usize;
        let l = &mut laptops[i];
        let units = places_under(l, &l.buildings.clone());
        let mine: Vec<Home> = homes
            .iter()
            .filter(|h| l.buildings.contains(&h.building))
            .copied()
            .collect();
        let action = rng.below(100);
        if std::env::var("LINLI_SIM_TRACE").is_ok() {
            eprintln!("step {step}: {} action {action}", l.name);
        }
        match action {
            0..=17 => {
                let b = l.buildings[rng.below(l.buildings.len() as u64) as usize];
                let n = rng.below(99);
                l.write(
                    "places",
                    Id::new(),
                    vec![
                        ("kind", json!("unit")),
                        ("name", json!(format!("{n}单元"))),
                        ("parent_id", json!(b.to_string())),
                    ],
                    None,
                );
            }
            18..=31 if !units.is_empty() => {
                let u = units[rng.below(units.len() as u64) as usize];
                let n = rng.below(99);
                l.write("places", u, vec![("name", json!(format!("改{n}")))], None);
            }
            32..=37 if !units.is_empty() => {
                let u = units[rng.below(units.len() as u64) as usize];
                l.write("places", u, vec![("deleted", json!(true))], None);
            }
            38..=49 => {
                let b = l.buildings[rng.below(l.buildings.len() as u64) as usize];
                let id = Id::new();
                let delta = rng.below(20) as i64 - 12;
                let account = ["张三", "李四"][rng.below(2) as usize];
                if l.write(
                    "test_ledger",
                    id,
                    vec![("account", json!(account)), ("delta", json!(delta))],
                    Some(b),
                ) {
                    l.facts.push(id);
                }
            }
            // a visit to a household another laptop visits too
            50..=59 => {
                let h = mine[rng.below(mine.len() as u64) as usize];
                let id = Id::new();
                let at = format!(
                    "2026-11-{:02} {:02}:00",
                    1 + rng.below(28),
                    8 + rng.below(10)
                );
                if l.write(
                    "visits",
                    id,
                    vec![
                        ("household_id", json!(h.household.to_string())),
                        ("community_id", json!(community.to_string())),
                        ("at", json!(at)),
                        ("kind", json!("routine")),
                        ("outcome", json!("met")),
                        (
                            "findings",
                            json!(format!("{}：情况{}", l.name, rng.below(100))),
                        ),
                    ],
                    Some(h.building),
                ) {
                    l.visits.push(id);
                }
            }
            // a step of a task other laptops take steps of too, through the store's checks
            // overdue tasks escalate, as the board does when it loads, on whichever laptop
            60..=61 => {
                let escalated = l
                    .store()
                    .escalate_overdue(&EscalateOverdue {
                        place_id: None,
                        today: Some(TODAY.into()),
                    })
                    .unwrap();
                seen.escalations += escalated.len();
            }
            62..=69 => {
                let h = mine[rng.below(mine.len() as u64) as usize];
                let task = l.store().get_task(&GetTask {
                    id: h.task,
                    today: Some(TODAY.into()),
                });
                let now = match task {
                    Ok(detail) => Some(detail.task.status),
                    // a file that lost its tail may not hold the task again until it pulls
                    Err(linli_store::Error::NotFound { .. }) if l.lost_power => None,
                    Err(e) => panic!("{}: {e}", l.name),
                };
                if let Some(now) = now {
                    let step = random_step(&mut rng, now);
                    let took = l.store().task_action(&TaskAction {
                        task_id: h.task,
                        by: None,
                        at: None,
                        step,
                    });
                    if took.is_ok() {
                        seen.task_steps += 1;
                    }
                }
            }
            70..=73 => {
                if let Some(above) = l.above {
                    l.write("places", above, vec![("name", json!("越权改名"))], None);
                }
            }
            74..=79 => {
                l.kill();
                seen.kills += 1;
            }
            80..=82 => {
                server.restart();
                seen.restarts += 1;
            }
            83..=84 => {
                power::laptop(l, &server, rng.below(2) == 0);
                seen.laptop_power_losses += 1;
            }
            85 => {
                if power::server(&mut server, dir.path(), seen.server_power_losses) {
                    seen.server_power_losses += 1;
                }
            }
            // the sharing station: lend or take back a shared copy
            86..=89 => {
                let households: Vec<Id> = mine.iter().map(|h| h.household).collect();
                if lending::step(l, &mut rng, community, &households) {
                    seen.lending_steps += 1;
                }
            }
            _ => {
                l.store();
                l.sync();
            }
        }
        if step == steps / 2 {
            server.restart();
            seen.restarts += 1;
        }
        // one laptop and the server lose power in every run
        if step == steps * 2 / 3 {
            let i = rng.below(laptops.len() as u64) as usize;
            power::laptop(&mut laptops[i], &server, rng.below(2) == 0);
            seen.laptop_power_losses += 1;
            if power::server(&mut server, dir.path(), seen.server_power_losses) {
                seen.server_power_losses += 1;
            }
        }
        if rng.below(8) == 0 {
            mallory.attack(&url.borrow(), &mut rng, &targets);
        }
        // w2's file is copied to a second laptop, token, device id and unsent changes included:
        // both go on working, and the one that pushes second takes a new device id
        if step == steps / 3 {
            let w2 = laptops.iter_mut().find(|l| l.name == "w2").unwrap();
            w2.kill();
            let copy = dir.path().join("w2copy.db");
            for ext in ["", "-wal", "-shm", ".key"] {
                let from = format!("{}{ext}", w2.path.display());
                if std::path::Path::new(&from).exists() {
                    std::fs::copy(&from, format!("{}{ext}", copy.display())).unwrap();
                }
            }
            let (skew, grants, buildings, above) =
                (w2.skew, w2.grants.clone(), w2.buildings.clone(), w2.above);
            let (facts, visits) = (w2.facts.clone(), w2.visits.clone());
            let lost_power = w2.lost_power;
            let mut l = new_laptop("w2copy", &mut rng, skew);
            l.path = copy;
            l.grants = grants;
            l.role = w2.role;
            l.buildings = buildings;
            l.above = above;
            l.facts = facts;
            l.visits = visits;
            l.lost_power = lost_power;
            l.engine.transport_mut().on = true;
            laptops.push(l);
            seen.copies += 1;
        }
        if step % 7 == 0 {
            for l in &mut laptops {
                l.store();
                l.sync();
            }
        }
    }

    // quiescence: no more faults, everyone syncs until nothing moves
    for l in &mut laptops {
        l.engine.transport_mut().on = false;
        l.store();
    }
    for _ in 0..3 {
        for l in &mut laptops {
            assert!(l.sync(), "{} could not sync after the faults", l.name);
        }
    }
    seen.poisons = mallory.refused;
    power::settle(&server, &mut laptops);
    let (refused, facts) = check(&server, &mut laptops);
    seen.refused = refused;
    seen.facts = facts;
    seen.visits = check_field_work(&server, &mut laptops, &homes);
    seen.lending_conflicts = lending::check(&mut laptops, community);
    seen
}
