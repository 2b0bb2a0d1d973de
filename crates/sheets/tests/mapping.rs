use linli_sheets::{inspect, read_register, Field, ImportOptions, Mapping};

use crate::support::id;

fn file() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("名单.csv");
    let text = format!(
        "称呼,身份证号,手机,房间\n赵六,{},13800138000,601\n钱七,{},13800138001,602\n",
        id("35010219800101011"),
        id("35010219800101022")
    );
    std::fs::write(&path, text).unwrap();
    (dir, path)
}

#[test]
fn unrecognised_headers_show_for_review_and_corrections_apply() {
    let (dir, path) = file();
    let layouts = inspect(&path, &ImportOptions::default()).unwrap();
    let fields: Vec<(&str, Option<Field>)> = layouts[0]
        .columns
        .iter()
        .map(|c| (c.header.as_str(), c.field))
        .collect();
    assert_eq!(
        fields,
        [
            ("称呼", None),
            ("身份证号", Some(Field::IdNumber)),
            ("手机", Some(Field::Phone)),
            ("房间", None),
        ]
    );
    // Unfixed, every row lacks a name.
    let report = read_register(&path, &ImportOptions::default()).unwrap();
    assert_eq!(report.refused.len(), 2);
    assert_eq!(report.refused[0].reason, "缺少姓名");

    // The user fixes the mapping, saves it, and loads it for the next import.
    let mut mapping = Mapping::from_layouts(&layouts);
    mapping.headers.insert("称呼".into(), Some(Field::Name));
    mapping.headers.insert("房间".into(), Some(Field::Room));
    mapping.headers.insert("手机".into(), None);
    let saved = dir.path().join("mapping.json");
    mapping.save(&saved).unwrap();
    let json = std::fs::read_to_string(&saved).unwrap();
    assert!(json.contains("\"称呼\": \"name\""), "{json}");
    assert!(json.contains("\"手机\": null"), "{json}");
    let loaded = Mapping::load(&saved).unwrap();
    assert_eq!(loaded, mapping);

    let opts = ImportOptions {
        mapping: Some(loaded),
        ..Default::default()
    };
    let report = read_register(&path, &opts).unwrap();
    assert!(report.refused.is_empty(), "{:?}", report.refused);
    assert_eq!(report.residents[0].name, "赵六");
    assert_eq!(
        report.residents[0].phone, None,
        "the phone column was switched off"
    );
    assert_eq!(report.households.len(), 2);
    assert_eq!(report.households[1].address.room.as_deref(), Some("602"));
}

#[test]
fn a_broken_mapping_file_says_so() {
    let err = Mapping::from_json("{\"headers\": {\"姓名\": \"nickname\"}}").unwrap_err();
    assert!(err.to_string().starts_with("表头映射文件格式有误"), "{err}");
}
