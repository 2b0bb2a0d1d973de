//! A visit saved with the photos picked in its form: all of it, or nothing.

use linli_domain::field::{VisitKind, VisitOutcome};
use linli_domain::Id;
use linli_protocol::{LogVisit, NewPhoto, SaveVisit};

use crate::Store;

fn png() -> Vec<u8> {
    let img = image::RgbImage::from_fn(32, 24, |x, y| image::Rgb([x as u8 * 8, y as u8 * 9, 60]));
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png).unwrap();
    out.into_inner()
}

fn count(s: &Store, sql: &str) -> i64 {
    s.conn.query_row(sql, [], |r| r.get(0)).unwrap()
}

#[test]
fn a_visit_is_saved_with_its_photos_or_not_at_all() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = Store::open(dir.path().join("linli.db")).unwrap();
    crate::demo::generate(
        &mut s,
        crate::demo::DemoOptions {
            households: 40,
            seed: 7,
        },
    )
    .unwrap();
    let id = |sql: &str| -> Id {
        s.conn
            .query_row(sql, [], |r| r.get::<_, String>(0))
            .unwrap()
            .parse()
            .unwrap()
    };
    let household = id("SELECT id FROM households WHERE moved_out IS NULL LIMIT 1");
    let visitor = id("SELECT id FROM people LIMIT 1");
    let visit = LogVisit {
        household_id: household,
        visitor_id: visitor,
        at: Some("2026-11-27 19:40".into()),
        kind: VisitKind::Routine,
        outcome: VisitOutcome::Met,
        findings: "老人血压偏高".into(),
        member_updates: vec![],
        follow_up: None,
    };
    let photo = |name: &str, bytes: Vec<u8>| NewPhoto {
        name: name.into(),
        mime: None,
        bytes,
    };
    let (visits, attachments) = (
        count(&s, "SELECT count(*) FROM visits"),
        count(&s, "SELECT count(*) FROM attachments"),
    );
    // a file that is not a photo refuses the whole visit, naming it
    let err = s
        .save_visit(&SaveVisit {
            visit: visit.clone(),
            photos: vec![
                photo("血压.png", png()),
                photo("说明.txt", b"hello".to_vec()),
            ],
        })
        .unwrap_err()
        .to_string();
    assert!(err.contains("说明.txt"), "{err}");
    let err = s
        .save_visit(&SaveVisit {
            visit: visit.clone(),
            photos: vec![photo("空.jpg", vec![])],
        })
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("空.jpg") && err.contains("文件是空的"),
        "{err}"
    );
    assert_eq!(count(&s, "SELECT count(*) FROM visits"), visits);
    assert_eq!(count(&s, "SELECT count(*) FROM attachments"), attachments);

    let logged = s
        .save_visit(&SaveVisit {
            visit,
            photos: vec![photo("血压.png", png())],
        })
        .unwrap();
    assert_eq!(logged.photos.len(), 1);
    assert_eq!(logged.photos[0].name, "血压.png");
    assert_eq!(logged.photos[0].owner_id, logged.visit.id);
    assert!(logged.photos[0].thumb.is_some(), "a thumbnail to show");
    assert!(s.blob_path(&logged.photos[0].hash).unwrap().is_file());
    assert_eq!(count(&s, "SELECT count(*) FROM visits"), visits + 1);
    let listed = s
        .list_attachments(&linli_protocol::ListAttachments {
            owner_table: "visits".into(),
            owner_ids: vec![logged.visit.id],
        })
        .unwrap();
    assert_eq!(
        listed, logged.photos,
        "the timeline finds the visit's photos"
    );
    assert_eq!(
        count(
            &s,
            &format!(
                "SELECT count(*) FROM journal WHERE tbl = 'attachments' AND fields LIKE '%{}%'",
                logged.visit.id
            )
        ),
        1,
        "the photo's row syncs"
    );
}
