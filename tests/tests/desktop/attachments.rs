//! Photos on a task in the window (issue 6, item 5): a photo attached through the panel's
//! 添加照片 button shows as a thumbnail in the panel and on the task's card on the board, and
//! opens full size on a click; a photo whose bytes have not come through sync shows
//! "照片尚未同步"; bytes that are not a readable image show an icon, not a crash. The full photo
//! closes with its 关闭 button and with Esc.

use std::time::{Duration, Instant};

use fantoccini::key::Key;
use fantoccini::Locator;
use linli_domain::PlaceKind;
use linli_protocol::{AddAttachment, ListPlaces, TaskBoard};

use crate::desktop::support::{count, demo_db, Desktop};

/// A real PNG photo, 320×240.
/// A camera-sized photo (2400×1800, bigger than any screen), smooth so its PNG stays small.
fn photo() -> Vec<u8> {
    let img = image::RgbImage::from_fn(2400, 1800, |x, y| {
        image::Rgb([(x / 16) as u8, (y / 16) as u8, 160])
    });
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png).unwrap();
    out.into_inner()
}

/// Picks a file for the `<input type=file>` as the file dialog would, and lets the page see it.
const PICK_FILE: &str = r#"
const [bytes, name, type] = arguments;
const file = new File([new Uint8Array(bytes)], name, { type });
const dt = new DataTransfer();
dt.items.add(file);
const input = document.getElementById('attach-file');
input.files = dt.files;
const picked = input.files.length;
input.dispatchEvent(new Event('change', { bubbles: true }));
return picked;
"#;

/// Presses Esc with the keyboard (not on an element).
async fn press_escape(app: &Desktop) {
    use fantoccini::actions::{InputSource, KeyAction, KeyActions};
    let keys = KeyActions::new("keyboard".into())
        .then(KeyAction::Down {
            value: Key::Escape.into(),
        })
        .then(KeyAction::Up {
            value: Key::Escape.into(),
        });
    app.client.perform_actions(keys).await.expect("Esc");
}

/// Waits (up to 5 s) for the full photo to close.
async fn viewer_gone(app: &Desktop, how: &str) {
    let started = Instant::now();
    while !app
        .client
        .find_all(Locator::Css("#photo-viewer"))
        .await
        .unwrap()
        .is_empty()
    {
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "{how} did not close the full photo"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test]
async fn a_photo_attached_to_a_task_shows_as_a_thumbnail_and_opens_full_size() {
    let (_dir, db) = demo_db();
    // the task the board opens with: the first task of the first community; a photo another
    // laptop attached whose bytes have not arrived, and a "photo" that is not a readable image
    let task = {
        let mut s = linli_store::Store::open(&db).unwrap();
        let community = s
            .list_places(&ListPlaces {
                kind: Some(PlaceKind::Community),
                parent_id: None,
            })
            .unwrap()[0]
            .id;
        let board = s
            .task_board(&TaskBoard {
                place_id: Some(community),
                today: None,
                ..Default::default()
            })
            .unwrap();
        let task = board
            .iter()
            .flat_map(|c| c.tasks.iter())
            .next()
            .expect("the demo has tasks")
            .id;
        let add = |s: &mut linli_store::Store, bytes: Vec<u8>, name: &str| {
            s.add_attachment(&AddAttachment {
                owner_table: "tasks".into(),
                owner_id: task,
                path: None,
                bytes: Some(bytes),
                name: name.into(),
                mime: None,
            })
            .unwrap()
        };
        let away = add(
            &mut s,
            b"\x89PNG\r\n\x1a\n from the other laptop".to_vec(),
            "楼道.png",
        );
        std::fs::remove_file(s.blob_path(&away.hash).unwrap()).unwrap();
        let broken = [&[0xFF, 0xD8, 0xFF, 0xE0][..], &[7u8; 500][..]].concat();
        add(&mut s, broken, "坏照片.jpg");
        task
    };

    let app = Desktop::launch(&db).await;
    app.click("#nav-tasks").await;
    let card = format!(".task-card[data-id='{task}']");
    app.click(&card).await;
    app.wait_for("#task-panel #attachments").await;
    app.wait_for_text("#attachments .attachment-pending", "照片尚未同步")
        .await;
    app.wait_for_text("#attachments .attachment-file", "无法预览")
        .await;
    assert!(app
        .client
        .find(Locator::Css("#attachments .attachment-thumb"))
        .await
        .is_err());

    // 添加照片: a real photo becomes a thumbnail in the panel and on the card
    let bytes = photo();
    let picked = app
        .client
        .execute(
            PICK_FILE,
            vec![
                serde_json::json!(bytes),
                serde_json::json!("修好后.png"),
                serde_json::json!("image/png"),
            ],
        )
        .await
        .expect("the file is picked");
    assert_eq!(picked, serde_json::json!(1));
    app.wait_for_text("#attach-notice", "已添加照片：修好后.png")
        .await;
    let thumb = app.wait_for("#attachments .attachment-thumb img").await;
    let src = thumb.attr("src").await.unwrap().unwrap_or_default();
    assert!(src.starts_with("data:image/jpeg;base64,"), "{src:.40}");
    let width: f64 = app
        .client
        .execute(
            "return document.querySelector('#attachments .attachment-thumb img').naturalWidth;",
            vec![],
        )
        .await
        .unwrap()
        .as_f64()
        .unwrap();
    assert_eq!(width, 160.0, "a 160 px thumbnail, not the photo");
    app.wait_for(&format!("{card} img.attachment-mini")).await;
    app.screenshot("task-photos").await;

    // a click opens the photo itself
    app.click("#attachments .attachment-thumb").await;
    let full = app.wait_for("#photo-viewer img").await;
    let src = full.attr("src").await.unwrap().unwrap_or_default();
    // from the shell's scheme by its hash, not a data URL (issue 24)
    assert!(src.contains("linli-photo"), "{src:.40}");
    let drawn = app
        .client
        .execute(
            "const i = document.querySelector('#photo-viewer img');
             return new Promise(r => { const done = () => r(i.naturalWidth);
               if (i.complete) done(); else { i.onload = done; i.onerror = done; } });",
            vec![],
        )
        .await
        .unwrap()
        .as_f64()
        .unwrap();
    // the photo itself, not its thumbnail, and screen-sized: WebKit keeps what it decoded
    // (issue 24); the file kept is the whole photo (below)
    assert_eq!(
        drawn,
        f64::from(linli_store::SCREEN_PX),
        "the photo drawn 1600 px wide"
    );
    app.screenshot("task-photo-full").await;
    app.click("#photo-viewer-close").await;
    viewer_gone(&app, "关闭").await;
    // Esc closes it too, wherever the focus is
    app.click("#attachments .attachment-thumb").await;
    app.wait_for("#photo-viewer img").await;
    press_escape(&app).await;
    viewer_gone(&app, "Esc").await;
    // the card on the board shows the photo small (and the other two as a placeholder and an icon)
    app.client
        .execute(
            "document.querySelector(arguments[0]).scrollIntoView({block: 'center'});",
            vec![serde_json::json!(card)],
        )
        .await
        .unwrap();
    app.wait_for(&format!("{card} .attachment-mini-pending"))
        .await;
    app.wait_for(&format!("{card} .attachment-mini-file")).await;
    app.screenshot("task-card-photos").await;
    app.close().await;

    // the file is kept by its hash beside the database, with its thumbnail
    let hash: String = linli_store::connect(&db)
        .unwrap()
        .query_row(
            "SELECT hash FROM attachments WHERE owner_id = ?1 AND name = '修好后.png'",
            [task.to_string()],
            |r| r.get(0),
        )
        .unwrap();
    let s = linli_store::Store::open(&db).unwrap();
    assert_eq!(s.blob_bytes(&hash).unwrap(), bytes);
    // kept encrypted with the database's key (issue 16)
    assert_ne!(std::fs::read(s.blob_path(&hash).unwrap()).unwrap(), bytes);
    assert!(s.thumb_path(&hash).unwrap().is_file());
    assert_eq!(
        count(
            &db,
            &format!("SELECT count(*) FROM attachments WHERE owner_id = '{task}'")
        ),
        3
    );
}
