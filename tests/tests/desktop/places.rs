//! Issue 15 item 2 in the window: in the Register's place tree a coordinator adds a compound, a
//! building with its units and a unit, renames the building and moves it to another compound;
//! a duplicate name is refused next to the form. Once in Chinese, once in English; each step is
//! checked in the database file.

use std::path::Path;

use crate::desktop::support::{count, demo_db, Desktop};

/// The first community of the demo town and a compound of it, by name.
fn a_community_and_compound(db: &Path) -> (String, String, String) {
    let conn = linli_store::connect(db).unwrap();
    conn.query_row(
        "SELECT c.name, k.id, k.name FROM places c JOIN places k ON k.parent_id = c.id
         WHERE c.kind = 'community' AND k.kind = 'compound' AND c.deleted = 0 AND k.deleted = 0
         ORDER BY c.name, k.name LIMIT 1",
        [],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )
    .unwrap()
}

/// The id of the place of `kind` named `name` under `parent` (the demo has many a "1栋").
fn place_id(db: &Path, kind: &str, name: &str, parent: &str) -> String {
    let conn = linli_store::connect(db).unwrap();
    conn.query_row(
        "SELECT id FROM places WHERE kind = ?1 AND name = ?2 AND parent_id = ?3 AND deleted = 0",
        [kind, name, parent],
        |r| r.get(0),
    )
    .unwrap_or_else(|e| panic!("no {kind} named {name} under {parent}: {e}"))
}

fn community_id(db: &Path, name: &str) -> String {
    let conn = linli_store::connect(db).unwrap();
    conn.query_row(
        "SELECT id FROM places WHERE kind = 'community' AND name = ?1 AND deleted = 0",
        [name],
        |r| r.get(0),
    )
    .unwrap()
}

/// Clicks a place's name in the tree.
async fn pick(app: &Desktop, kind: &str, name: &str) {
    app.click(&format!(
        "li[data-kind='{kind}'][data-name='{name}'] > .tree-row > .tree-label"
    ))
    .await;
    app.wait_for_text("#place-title", name).await;
}

/// No refusal is shown beside any of the editor's forms.
async fn assert_no_error(app: &Desktop, why: &str) {
    let shown = app
        .client
        .find_all(fantoccini::Locator::Css("#place-edit .field-error"))
        .await
        .unwrap();
    let mut texts = Vec::new();
    for e in shown {
        texts.push(e.text().await.unwrap_or_default());
    }
    assert!(texts.is_empty(), "{why}: {texts:?}");
}

struct Words {
    added: fn(&str) -> String,
    renamed: &'static str,
    moved: &'static str,
    taken: &'static str,
    empty: &'static str,
}

const ZH: Words = Words {
    added: |n| format!("已添加“{n}”"),
    renamed: "已改名为“1号楼”",
    moved: "已把“1号楼”移到",
    taken: "测试花园下已有名为“1栋”的楼栋",
    empty: "名称不能为空",
};

const EN: Words = Words {
    added: |n| format!("Added “{n}”"),
    renamed: "Renamed to “1号楼”",
    moved: "Moved “1号楼” under",
    taken: "测试花园 already has a building named “1栋”",
    empty: "Enter a name",
};

async fn compounds_buildings_and_units(english: bool) {
    let w = if english { &EN } else { &ZH };
    let lang = if english { "en" } else { "zh" };
    let (_dir, db) = demo_db();
    let (community, other_compound, other_name) = a_community_and_compound(&db);
    let app = Desktop::launch(&db).await;
    if english {
        app.click("#lang-switch").await;
        app.wait_for_text("#nav-register", "Register").await;
    }

    // a compound under the community
    pick(&app, "community", &community).await;
    app.wait_for("#place-edit[data-kind='community']").await;
    app.type_into("#place-add-name", "测试花园").await;
    app.click("#place-add").await;
    app.wait_for_text("#place-edit-notice", &(w.added)("测试花园"))
        .await;
    let compound = place_id(&db, "compound", "测试花园", &community_id(&db, &community));

    // a building with three units, then a refused duplicate, then an empty name
    pick(&app, "compound", "测试花园").await;
    app.wait_for("#place-add-form[data-kind='building']").await;
    app.type_into("#place-add-name", "1栋").await;
    app.type_into("#place-add-units", "3").await;
    app.click("#place-add").await;
    app.wait_for_text("#place-edit-notice", &(w.added)("1栋"))
        .await;
    let building = place_id(&db, "building", "1栋", &compound);
    assert_eq!(
        count(
            &db,
            &format!(
                "SELECT count(*) FROM places WHERE parent_id = '{building}' AND kind = 'unit'"
            )
        ),
        3,
        "the building came with its three units"
    );
    app.type_into("#place-add-name", "1栋").await;
    app.click("#place-add").await;
    app.wait_for_text("#place-add-error", w.taken).await;
    app.screenshot(&format!("places-duplicate-{lang}")).await;
    app.type_into("#place-add-name", " ").await;
    app.click("#place-add").await;
    app.wait_for_text("#place-add-error", w.empty).await;
    assert_eq!(
        count(
            &db,
            &format!("SELECT count(*) FROM places WHERE parent_id = '{compound}'")
        ),
        1,
        "the refused adds wrote nothing"
    );

    // a fourth unit under the building (the compound opens on a click now that it has one)
    pick(&app, "compound", "测试花园").await;
    pick(&app, "building", "1栋").await;
    app.wait_for("#place-add-form[data-kind='unit']").await;
    assert_no_error(&app, "the compound's refusal stays with the compound").await;
    app.type_into("#place-add-name", "4单元").await;
    app.click("#place-add").await;
    app.wait_for_text("#place-edit-notice", &(w.added)("4单元"))
        .await;
    assert_no_error(&app, "a unit added says so and nothing else").await;
    assert_eq!(
        count(
            &db,
            &format!(
                "SELECT count(*) FROM places WHERE parent_id = '{building}' AND kind = 'unit'"
            )
        ),
        4
    );

    // renamed, then moved to another compound of the community
    app.type_into("#place-rename-name", "1号楼").await;
    app.click("#place-rename").await;
    app.wait_for_text("#place-edit-notice", w.renamed).await;
    app.wait_for_text("#place-title", "1号楼").await;
    app.choose("#place-move-to", Some(&other_compound)).await;
    app.click("#place-move").await;
    app.wait_for_text("#place-edit-notice", w.moved).await;
    app.wait_for_text("#place-edit-notice", &other_name).await;
    app.screenshot(&format!("places-moved-{lang}")).await;
    app.close().await;

    let conn = linli_store::connect(&db).unwrap();
    let (name, parent): (String, String) = conn
        .query_row(
            "SELECT name, parent_id FROM places WHERE id = ?1",
            [&building],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((name.as_str(), parent), ("1号楼", other_compound));
    // every change went through the journal, to be synced
    let journalled: i64 = conn
        .query_row(
            "SELECT count(*) FROM journal WHERE tbl = 'places' AND row_id = ?1",
            [&building],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(journalled, 3, "added, renamed, moved");
}

#[tokio::test]
async fn places_are_added_renamed_and_moved_in_chinese() {
    compounds_buildings_and_units(false).await;
}

#[tokio::test]
async fn places_are_added_renamed_and_moved_in_english() {
    compounds_buildings_and_units(true).await;
}

/// A building added with its floors (楼层数), then picked: its floors shown and changed; a count
/// out of 1–99 is refused before sending. Checked in the database file's `place_details`.
async fn floors_of_a_building(english: bool) {
    let lang = if english { "en" } else { "zh" };
    let (added, bad, saved) = if english {
        (
            "Added “88栋”",
            "Floors must be between 1 and 99, or empty",
            "“88栋” has 6 floors",
        )
    } else {
        ("已添加“88栋”", "楼层数应在1到99之间，或留空", "“88栋”共6层")
    };
    let (_dir, db) = demo_db();
    let (community, compound, compound_name) = a_community_and_compound(&db);
    let floors_of = |id: &str| {
        count(
            &db,
            &format!("SELECT coalesce(floors, -1) FROM place_details WHERE id = '{id}'"),
        )
    };
    let app = Desktop::launch(&db).await;
    if english {
        app.click("#lang-switch").await;
        app.wait_for_text("#nav-register", "Register").await;
    }
    pick(&app, "community", &community).await;
    pick(&app, "compound", &compound_name).await;
    app.wait_for("#place-add-form[data-kind='building']").await;

    // 100 floors: refused before sending, nothing written
    let before = count(&db, "SELECT count(*) FROM journal");
    app.type_into("#place-add-name", "88栋").await;
    app.type_into("#place-add-units", "2").await;
    app.type_into("#place-add-floors", "100").await;
    app.click("#place-add").await;
    app.wait_for_text("#place-add-error", bad).await;
    assert_eq!(count(&db, "SELECT count(*) FROM journal"), before);

    // 18 floors: written with the building
    app.type_into("#place-add-floors", "18").await;
    app.click("#place-add").await;
    app.wait_for_text("#place-edit-notice", added).await;
    let building = place_id(&db, "building", "88栋", &compound);
    assert_eq!(floors_of(&building), 18);

    // the building picked: its floors shown, then changed to 6
    pick(&app, "compound", &compound_name).await;
    pick(&app, "building", "88栋").await;
    app.wait_for_value("#place-floors", "18").await;
    app.type_into("#place-floors", "0").await;
    app.click("#place-floors-save").await;
    app.wait_for_text("#place-floors-error", bad).await;
    assert_eq!(floors_of(&building), 18, "a refused count changes nothing");
    app.type_into("#place-floors", "6").await;
    app.click("#place-floors-save").await;
    app.wait_for_text("#place-floors-notice", saved).await;
    app.screenshot(&format!("places-floors-{lang}")).await;
    app.close().await;
    assert_eq!(floors_of(&building), 6);
}

#[tokio::test]
async fn a_building_has_floors_shown_and_changed_in_chinese() {
    floors_of_a_building(false).await;
}

#[tokio::test]
async fn a_building_has_floors_shown_and_changed_in_english() {
    floors_of_a_building(true).await;
}
