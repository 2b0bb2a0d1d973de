//! Exports that say what they are (issue 16): every workbook carries who made it, on which laptop,
//! when, and 内部资料 注意保密 in its page header and footer, and still reads back; a CSV cell that
//! would start a formula is neutralised, and reads back as it was.

use std::io::Read as _;
use std::path::Path;

use crate::common::{add, commit};
use linli_domain::{Id, PlaceKind};
use linli_protocol::{ExportList, ListKind, SheetFormat};
use linli_store::demo::{generate, DemoOptions};
use linli_store::Store;

fn export(store: &mut Store, place: Id, path: &Path, format: SheetFormat) {
    store
        .export_list(&ExportList {
            kind: ListKind::Residents,
            format,
            path: path.display().to_string(),
            reveal: true,
            place_id: Some(place),
            from: None,
            to: None,
        })
        .unwrap();
}

fn part(xlsx: &Path, name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(xlsx).unwrap()).unwrap();
    let mut text = String::new();
    zip.by_name(name)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

/// Residents whose cells start like formulas: (id number, phone, notes).
const TRICKY: [(&str, &str); 3] = [
    (
        "+86 13800138000",
        "=HYPERLINK(\"http://x.example\",\"点我\")",
    ),
    ("13900139000", "-5℃ 需供暖"),
    ("13700137000", "@SUM(1+1)"),
];

#[test]
fn workbooks_carry_their_mark_and_csv_formulas_are_neutralised_both_read_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = Store::open_in_memory().unwrap();
    generate(
        &mut a,
        DemoOptions {
            households: 30,
            seed: 16,
        },
    )
    .unwrap();
    let (community, name): (String, String) = a
        .conn()
        .query_row(
            "SELECT id, name FROM places WHERE kind = 'community'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let ids: Vec<String> = a
        .conn()
        .prepare("SELECT id_number FROM residents WHERE id_number IS NOT NULL ORDER BY id LIMIT 3")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    for (id, (phone, notes)) in ids.iter().zip(TRICKY) {
        a.conn()
            .execute(
                "UPDATE residents SET phone = ?1, notes = ?2 WHERE id_number = ?3",
                [phone, notes, id],
            )
            .unwrap();
    }
    let community: Id = community.parse().unwrap();

    // the workbook: header and footer on every sheet, the author in its properties
    let xlsx = dir.path().join("居民.xlsx");
    export(&mut a, community, &xlsx, SheetFormat::Xlsx);
    let sheet = part(&xlsx, "xl/worksheets/sheet1.xml");
    assert!(
        sheet.contains("<oddHeader>&amp;C内部资料 注意保密</oddHeader>"),
        "{sheet}"
    );
    let device = a.device_id().to_string();
    let footer = sheet
        .split("<oddFooter>")
        .nth(1)
        .and_then(|s| s.split("</oddFooter>").next())
        .unwrap_or_else(|| panic!("no footer: {sheet}"));
    assert!(footer.contains("制表：未登记的使用者"), "{footer}");
    assert!(footer.contains(&device), "{footer}");
    assert!(footer.contains(&a.now().today()), "{footer}");
    assert!(footer.contains("内部资料 注意保密"), "{footer}");
    let core = part(&xlsx, "docProps/core.xml");
    assert!(
        core.contains("<dc:creator>未登记的使用者</dc:creator>"),
        "{core}"
    );

    // the CSV: no cell starts a formula
    let csv = dir.path().join("居民.csv");
    export(&mut a, community, &csv, SheetFormat::Csv);
    let text = std::fs::read_to_string(&csv).unwrap();
    for line in text.lines() {
        for cell in line.split(',') {
            let cell = cell.trim_start_matches('"');
            assert!(!cell.starts_with(['=', '+', '-', '@']), "{cell} in {line}");
        }
    }
    assert!(
        text.contains("'+86 13800138000"),
        "the phone is neutralised"
    );
    for (_, notes) in TRICKY {
        assert!(
            text.contains(&format!("'{}", notes.split('"').next().unwrap())),
            "{notes}"
        );
    }

    // both read back into another laptop as they were
    for file in [&xlsx, &csv] {
        let mut b = Store::open_in_memory().unwrap();
        let target = add(&mut b, PlaceKind::Community, &name, None);
        let s = commit(&mut b, file, target);
        assert!(s.refused.is_empty(), "{}: {:?}", file.display(), s.refused);
        for (id, (phone, notes)) in ids.iter().zip(TRICKY) {
            let (p, n): (Option<String>, String) = b
                .conn()
                .query_row(
                    "SELECT phone, notes FROM residents WHERE id_number = ?1",
                    [id],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .unwrap();
            assert_eq!(n, notes, "{}", file.display());
            let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
            let p = p.unwrap_or_default();
            assert!(
                !p.is_empty() && digits.ends_with(&p),
                "{}: {phone} read back as {p}",
                file.display()
            );
        }
    }
}

/// An export that reveals nothing records nothing: the data is as it was, so what the pages keep
/// until the data changes (统计's spans, the place tree's counts) stays kept (issue 24; the
/// window's trace showed 统计's targets read the town again after every export of 诉求's tasks).
#[test]
fn an_export_that_reveals_nothing_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open_in_memory().unwrap();
    generate(
        &mut store,
        DemoOptions {
            households: 30,
            seed: 16,
        },
    )
    .unwrap();
    let journal = |s: &Store| -> i64 {
        s.conn()
            .query_row("SELECT count(*) FROM journal", [], |r| r.get(0))
            .unwrap()
    };
    let (changes, entries) = (store.conn().total_changes(), journal(&store));
    for (kind, format) in [
        (ListKind::Tasks, SheetFormat::Xlsx),
        (ListKind::Residents, SheetFormat::Csv),
    ] {
        let path = dir.path().join(format!("{kind:?}.{format:?}"));
        store
            .export_list(&ExportList {
                kind,
                format,
                path: path.display().to_string(),
                reveal: false,
                place_id: None,
                from: None,
                to: None,
            })
            .unwrap();
        assert!(path.exists(), "{kind:?} written");
    }
    assert_eq!(store.conn().total_changes(), changes);
    assert_eq!(journal(&store), entries);
}
