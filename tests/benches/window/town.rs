//! The town the window benchmark opens: a copy of the store benchmarks' demo town
//! (`target/bench/register-N.db`, made here as they make it when it is missing), with a grid
//! worker of its biggest community as the laptop's worker and photos on some of that community's
//! tasks (the demo town has none), so the working hour can open them.

use std::path::{Path, PathBuf};

use linli_domain::Id;
use linli_protocol::{AddAttachment, SetMe, TaskBoard};
use linli_store::demo::{generate, DemoOptions};
use linli_store::{KeySource, Store};

/// Tasks that get photos, and photos on each: 20 to open in the working hour.
pub const PHOTO_TASKS: usize = 5;
pub const PHOTOS_PER_TASK: usize = 4;

pub struct Town {
    pub db: PathBuf,
    /// A head of household of the worker's community, to search for.
    pub name: String,
    pub households: i64,
    pub tasks: i64,
    /// The photos' sizes in bytes.
    pub photo_bytes: Vec<usize>,
}

/// The bench town's file, made (seed 2024, as the store benchmarks make it) when it is missing.
fn source(root: &Path, households: u32) -> PathBuf {
    let dir = root.join("target/bench");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("register-{households}.db"));
    let keys = KeySource::from_env();
    let have = Store::open_with(&path, &keys).ok().and_then(|s| {
        s.conn()
            .query_row("SELECT count(*) FROM households", [], |r| {
                r.get::<_, i64>(0)
            })
            .ok()
    });
    if have.unwrap_or(0) == 0 {
        println!(
            "making the demo town of {households} households in {} (minutes at 100,000)",
            path.display()
        );
        for suffix in ["", "-wal", "-shm", ".key"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
        }
        let mut store = Store::open_with(&path, &keys).unwrap();
        generate(
            &mut store,
            DemoOptions {
                households,
                seed: 2024,
            },
        )
        .unwrap();
    }
    path
}

/// A photo as a phone takes one: `w`×`h` JPEG of smooth light and some grain, different for
/// every `seed` (so each is its own blob).
fn photo(seed: u32, w: u32, h: u32) -> Vec<u8> {
    let mut state = seed.wrapping_mul(2_654_435_761).wrapping_add(1);
    let img = image::RgbImage::from_fn(w, h, |x, y| {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        let grain = (state % 24) as i32 - 12;
        let base = |k: u32| {
            let v = ((x * (k + seed % 7) + y * (9 - k)) / 23 + seed * 40) % 256;
            (v as i32 + grain).clamp(0, 255) as u8
        };
        image::Rgb([base(1), base(3), base(5)])
    });
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 85)
        .encode_image(&img)
        .unwrap();
    out
}

/// Copies the bench town into `dir` (so a run never changes it) and prepares the copy.
pub fn prepare(root: &Path, households: u32, dir: &Path) -> Town {
    let source = source(root, households);
    let db = dir.join("linli.db");
    for suffix in ["", ".key"] {
        std::fs::copy(
            format!("{}{suffix}", source.display()),
            format!("{}{suffix}", db.display()),
        )
        .unwrap();
    }
    let mut store = Store::open(&db).unwrap();
    let (community, worker, name): (String, String, String) = store
        .conn()
        .query_row(
            "WITH c AS (SELECT community_id FROM households WHERE deleted = 0
                        GROUP BY community_id ORDER BY count(*) DESC LIMIT 1)
             SELECT c.community_id, p.id,
                    (SELECT r.name FROM residents r JOIN households h ON h.id = r.household_id
                     WHERE h.community_id = c.community_id AND r.relation = '户主'
                     ORDER BY r.id LIMIT 1)
             FROM people p, c JOIN assignments a ON a.person_id = p.id
             WHERE p.community_id = c.community_id AND a.grid_id IS NOT NULL
             ORDER BY p.name LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    store
        .set_me(&SetMe {
            person_id: Some(worker.parse().unwrap()),
        })
        .unwrap();
    // photos on the first tasks of the board 诉求 shows first (the worker's community, no filter)
    let community: Id = community.parse().unwrap();
    let board = store
        .task_board(&TaskBoard {
            place_id: Some(community),
            ..TaskBoard::default()
        })
        .unwrap();
    let tasks: Vec<Id> = board
        .iter()
        .flat_map(|c| c.tasks.iter().map(|t| t.id))
        .take(PHOTO_TASKS)
        .collect();
    assert_eq!(tasks.len(), PHOTO_TASKS, "too few tasks on the board");
    let mut photo_bytes = Vec::new();
    for (i, task) in tasks.iter().enumerate() {
        for j in 0..PHOTOS_PER_TASK {
            let seed = (i * PHOTOS_PER_TASK + j) as u32;
            let bytes = photo(seed, 2400, 1800);
            photo_bytes.push(bytes.len());
            store
                .add_attachment(&AddAttachment {
                    owner_table: "tasks".into(),
                    owner_id: *task,
                    path: None,
                    bytes: Some(bytes),
                    name: format!("现场照片{seed:02}.jpg"),
                    mime: Some("image/jpeg".into()),
                })
                .unwrap();
        }
    }
    let count = |sql: &str| -> i64 { store.conn().query_row(sql, [], |r| r.get(0)).unwrap() };
    Town {
        households: count("SELECT count(*) FROM households WHERE deleted = 0"),
        tasks: count("SELECT count(*) FROM tasks"),
        db,
        name,
        photo_bytes,
    }
}
