//! English all the way (issue 15, item 7): every page of the app, and its main dialogs, walked in
//! English on the demo town. The text of each screen is read from the DOM
//! (`document.body.innerText`), the demo database's own strings (names, place names, notes, item,
//! team and activity names — user data, which stays as typed) are taken out, and any Han character
//! left is a word the window did not translate: the test fails listing each with its page.
//! Screenshots of every screen at 1366×768, in English and in Chinese: `english-<screen>-<lang>.png`.

use std::collections::BTreeSet;
use std::path::Path;
use std::time::Duration;

use fantoccini::key::Key;

use crate::desktop::support::{demo_db, Desktop};

const ADDRESS: &str = "南湖苑1栋1单元502";

/// Columns that hold the domain's own words rather than user data: the window must translate
/// these (relations, care tags, kinds), so they are not taken out.
const VOCABULARY: &[&str] = &[
    "relation",
    "care_tags",
    "kind",
    "status",
    "category",
    "subcategory",
    "source",
    "role",
    "roles",
    "gender",
    "residence",
    "residence_status",
];

/// Every string of user data the demo database holds (longest first, so "南湖苑" goes before
/// "南湖"), read from the user tables' text columns; JSON lists are opened.
pub(crate) fn user_strings(db: &Path) -> Vec<String> {
    let conn = linli_store::connect(db).unwrap();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .filter(|t: &String| {
            !(t.starts_with("journal")
                || t.starts_with("search_index")
                || t.starts_with("sync_")
                || t.starts_with("sqlite_")
                || t == "meta")
        })
        .collect();
    let mut out = BTreeSet::new();
    for t in tables {
        let mut stmt = conn.prepare(&format!("SELECT * FROM \"{t}\"")).unwrap();
        let columns: Vec<String> = stmt.column_names().map(str::to_owned).collect();
        let mut rows = stmt.query([]).unwrap();
        while let Some(row) = rows.next().unwrap() {
            for (i, c) in columns.iter().enumerate() {
                if VOCABULARY.contains(&c.as_str()) {
                    continue;
                }
                let Ok(Some(v)) = row.get::<_, Option<String>>(i) else {
                    continue;
                };
                if !has_han(&v) {
                    continue;
                }
                match serde_json::from_str::<serde_json::Value>(&v) {
                    Ok(serde_json::Value::Array(items)) => {
                        out.extend(items.iter().filter_map(|x| x.as_str().map(str::to_owned)))
                    }
                    _ => {
                        out.insert(v.trim().to_owned());
                    }
                }
            }
        }
    }
    let mut v: Vec<String> = out.into_iter().filter(|s| !s.is_empty()).collect();
    v.sort_by_key(|s| std::cmp::Reverse(s.chars().count()));
    v
}

fn is_han(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
        || ('\u{3400}'..='\u{4dbf}').contains(&c)
        || ('\u{f900}'..='\u{faff}').contains(&c)
}

fn has_han(s: &str) -> bool {
    s.chars().any(is_han)
}

/// The runs of Han characters in `text` once user data is taken out, each with a little of the
/// line it stood in.
pub(crate) fn han_left(text: &str, data: &[String]) -> Vec<String> {
    let mut found = Vec::new();
    for line in text.lines() {
        if !has_han(line) {
            continue;
        }
        let mut stripped = line.to_owned();
        for d in data {
            if stripped.contains(d.as_str()) {
                stripped = stripped.replace(d.as_str(), " ");
            }
        }
        let mut run = String::new();
        for c in stripped.chars().chain(std::iter::once(' ')) {
            if is_han(c) {
                run.push(c);
            } else if !run.is_empty() {
                let context: String = line.chars().take(80).collect();
                found.push(format!("“{run}” in “{context}”"));
                run.clear();
            }
        }
    }
    found
}

/// The whole window's text, less two marks that are Chinese on purpose: the logo (邻) and the
/// language switch, which names the language it switches to in that language (中文).
async fn body_text(app: &Desktop) -> String {
    app.client
        .execute(
            "const marks = [...document.querySelectorAll('.brand-mark, #lang-switch')];
             marks.forEach(m => m.style.display = 'none');
             const text = document.body.innerText;
             marks.forEach(m => m.style.display = '');
             return text;",
            vec![],
        )
        .await
        .unwrap()
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

/// What a walk collects: the Han runs found on each screen.
struct Walk<'a> {
    app: &'a Desktop,
    lang: &'static str,
    data: &'a [String],
    found: Vec<String>,
}

impl Walk<'_> {
    /// Reads the screen once it has settled, notes what is left untranslated, takes its shot.
    async fn look(&mut self, screen: &str) {
        // pages load through the backend: let the answers arrive and paint
        tokio::time::sleep(Duration::from_millis(1200)).await;
        if self.lang == "en" {
            let text = without_case_numbers(&body_text(self.app).await);
            for run in han_left(&text, self.data) {
                self.found.push(format!("[{screen}] {run}"));
            }
        }
        self.app
            .screenshot(&format!("english-{screen}-{}", self.lang))
            .await;
    }

    /// Clicks every tab of the page (`[role=tab]`) and looks at each.
    async fn tabs(&mut self, screen: &str) {
        let tabs = self
            .app
            .client
            .find_all(fantoccini::Locator::Css("[role=tab]"))
            .await
            .unwrap_or_default();
        for (i, tab) in tabs.into_iter().enumerate() {
            if tab.click().await.is_ok() {
                self.look(&format!("{screen}-tab{}", i + 1)).await;
            }
        }
    }
}

/// 北门社区 and a closed case of it with a written agreement (the demo's year of mediation).
fn mediation_case(db: &Path) -> Option<(String, String)> {
    let conn = linli_store::connect(db).unwrap();
    conn.query_row(
        "SELECT c.community_id, c.id FROM mediation_cases c
         JOIN places p ON p.id = c.community_id AND p.name = '北门社区'
         WHERE EXISTS (SELECT 1 FROM mediation_events e WHERE e.case_id = c.id
                       AND e.kind = 'outcome' AND e.outcome = 'written')
           AND EXISTS (SELECT 1 FROM mediation_events e WHERE e.case_id = c.id AND e.kind = 'close')
           AND EXISTS (SELECT 1 FROM mediation_events e WHERE e.case_id = c.id AND e.kind = 'session')
         ORDER BY c.id DESC LIMIT 1",
        [],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
    .ok()
}

/// A mediation case number ("（2026）北人调字第12号") is an identifier, printed as the committee
/// numbers its cases in either language: taken out like user data.
fn without_case_numbers(text: &str) -> String {
    const MARK: &str = "人调字第";
    let mut out = String::new();
    let mut rest = text;
    while let Some(i) = rest.find(MARK) {
        let start = rest[..i].rfind('（').unwrap_or(i);
        let end = rest[i..]
            .find('号')
            .map_or(i + MARK.len(), |j| i + j + '号'.len_utf8());
        out.push_str(&rest[..start]);
        out.push(' ');
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// Walks every page and the main dialogs in one language.
async fn walk(lang: &'static str, db: &Path, data: &[String]) -> Vec<String> {
    let app = Desktop::launch_home(db).await;
    app.client
        .set_window_size(1366, 768)
        .await
        .expect("a 1366×768 window");
    app.wait_for("#page-home").await;
    if lang == "en" {
        app.click("#lang-switch").await;
        app.wait_for_text("#nav-home", "Home").await;
    }
    let mut w = Walk {
        app: &app,
        lang,
        data,
        found: Vec::new(),
    };
    w.look("home").await;
    for page in [
        "today",
        "register",
        "grids",
        "visits",
        "tasks",
        "volunteers",
        "reports",
        "sync",
        "settings",
        "admin",
    ] {
        app.click(&format!("#nav-{page}")).await;
        app.wait_for(&format!("#page-{page}")).await;
        w.look(page).await;
        w.tabs(page).await;
    }

    // the register with a community and a building open
    app.click("#nav-register").await;
    app.click(r#"li[data-name="北门社区"] > .tree-row .tree-label"#)
        .await;
    app.wait_for("#household-list").await;
    w.look("register-community").await;

    // 调解: a community's cases, a closed case with a written agreement, and each print
    if let Some((community, case)) = mediation_case(db) {
        app.click("#nav-mediation").await;
        app.choose("#med-community", Some(&community)).await;
        app.wait_for("#med-list").await;
        w.look("mediation").await;
        app.click(&format!("#med-open-{case}")).await;
        app.wait_for("#med-case").await;
        w.look("mediation-case").await;
        for (button, paper) in [
            ("#med-print-form", "form"),
            ("#med-print-agreement", "agreement"),
            ("#med-print-close", "close"),
        ] {
            app.click(button).await;
            app.wait_for(&format!("#med-paper-{paper}")).await;
            w.look(&format!("mediation-paper-{paper}")).await;
            app.click("#med-paper-back").await;
            app.wait_for("#med-case").await;
        }
    }

    // a task opened from the board
    app.click("#nav-tasks").await;
    app.click(".task-card").await;
    w.look("task").await;
    let _ = app
        .client
        .active_element()
        .await
        .unwrap()
        .send_keys(&Key::Escape.to_string())
        .await;

    // a household, found by its address, and its forms
    app.press_ctrl_k().await;
    app.client
        .active_element()
        .await
        .unwrap()
        .send_keys(ADDRESS)
        .await
        .unwrap();
    app.wait_for_text("#search-results .search-hit.active", ADDRESS)
        .await;
    w.look("search").await;
    app.client
        .active_element()
        .await
        .unwrap()
        .send_keys(&Key::Enter.to_string())
        .await
        .unwrap();
    app.wait_for_text("#household-address", ADDRESS).await;
    w.look("household").await;
    app.click(".member-row .edit-member").await;
    app.wait_for("#member-edit").await;
    w.look("household-edit-member").await;
    app.click("#household-visit").await;
    app.wait_for("#visit-form").await;
    w.look("visit-form").await;
    app.click("#household-request").await;
    app.wait_for("#request-form").await;
    w.look("request-form").await;
    let found = w.found;
    app.close().await;
    found
}

#[tokio::test]
async fn every_page_in_english_shows_no_chinese_outside_user_data() {
    let (_dir, db) = demo_db();
    // 管理 is offered to an administrator's laptop only
    linli_store::Store::open(&db)
        .unwrap()
        .save_sync_role(linli_protocol::sync::Role::Admin)
        .unwrap();
    let data = user_strings(&db);
    assert!(
        data.iter().any(|s| s == "北门社区"),
        "the demo's place names are user data"
    );
    let found = walk("en", &db, &data).await;
    // the same screens in Chinese, for the eye
    walk("zh", &db, &data).await;
    assert!(
        found.is_empty(),
        "{} Chinese words on English screens:\n{}",
        found.len(),
        found.join("\n")
    );
}

#[test]
fn case_numbers_are_taken_out_and_nothing_else() {
    assert_eq!(
        without_case_numbers("No. （2026）北人调字第12号 · 邻里"),
        "No.   · 邻里"
    );
    assert_eq!(without_case_numbers("没有案号"), "没有案号");
}

#[test]
fn han_runs_are_found_outside_user_data_only() {
    let data = vec!["南湖苑".to_owned(), "张三".to_owned()];
    assert!(han_left("Household of 张三 at 南湖苑 · 1", &data).is_empty());
    assert_eq!(
        han_left("Relation: 儿子 (张三)", &data),
        vec!["“儿子” in “Relation: 儿子 (张三)”".to_owned()]
    );
}
