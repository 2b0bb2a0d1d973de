//! Importing registers into a store on a real SQLite file. Every sheet is built in code: a
//! made-up .xlsx (title row, merged two-row header, addresses merged down each household) from
//! linli-sheets' synth module, and small CSVs written out line by line.

use std::path::{Path, PathBuf};

use crate::common::{add, commit};
use linli_domain::{Id, PlaceKind};
use linli_protocol::{ImportCommit, ImportPreview, ImportSummary, RowIssue};
use linli_sheets::synth::{with_check_digit as id, write_register};
use linli_sheets::{read_register, ImportOptions};
use linli_store::Store;

struct Town {
    _dir: tempfile::TempDir,
    dir: PathBuf,
    store: Store,
    community: Id,
    compound: Id,
}

fn town() -> Town {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(dir.path().join("linli.db")).unwrap();
    let community = add(&mut store, PlaceKind::Community, "北门社区", None);
    let compound = add(&mut store, PlaceKind::Compound, "西门新村", Some(community));
    Town {
        dir: dir.path().to_owned(),
        _dir: dir,
        store,
        community,
        compound,
    }
}

fn csv(dir: &Path, name: &str, lines: &[String]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, lines.join("\r\n")).unwrap();
    path
}

const HEADER: &str = "姓名,身份证号,性别,出生日期,楼栋,单元,门牌号,与户主关系,联系电话,人户状态";

/// Two households in 3栋1单元: 林建国 and his wife at 101, 陈秀英 alone at 102.
fn family(phone: &str) -> Vec<String> {
    vec![
        "西门新村居民台账,,,,,,,,,".into(),
        HEADER.into(),
        format!(
            "林建国,{},男,1950-01-02,3,1,101,户主,{phone},人户一致",
            id("35010219500102001")
        ),
        format!("王秀兰,{},女,1952-03-04,,,,配偶,,", id("35010219520304002")),
        format!(
            "陈秀英,{},女,1940-05-06,3,1,102,户主,13900001111,人在户不在",
            id("35010219400506002")
        ),
    ]
}

fn count(store: &Store, table: &str) -> i64 {
    store
        .conn()
        .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        .unwrap()
}

#[test]
fn first_import_creates_buildings_units_households_and_residents() {
    let mut t = town();
    let path = t.dir.join("台账.xlsx");
    write_register(&path, 10).unwrap();
    let s = commit(&mut t.store, &path, t.compound);
    // households of 1, 2, 3 and 4 people
    assert_eq!((s.households.created, s.households.updated), (4, 0));
    assert_eq!((s.residents.created, s.residents.updated), (10, 0));
    assert!(s.refused.is_empty() && s.warnings.is_empty(), "{s:?}");
    let names: Vec<String> = t
        .store
        .conn()
        .prepare("SELECT kind || ':' || name FROM places WHERE kind IN ('building', 'unit') ORDER BY kind, name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(names, ["building:1栋", "unit:1单元"]);
    let heads: i64 = t
        .store
        .conn()
        .query_row(
            "SELECT count(*) FROM residents WHERE relation = '户主' AND community_id = ?1",
            [t.community.to_string()],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(heads, 4);
    // every write is journalled, scoped to the community
    let journal = t.store.journal().unwrap();
    assert!(journal
        .iter()
        .filter(|c| c.table == "residents")
        .all(|c| c.scope_community == Some(t.community)));
}

#[test]
fn dry_run_counts_the_same_and_writes_nothing() {
    let mut t = town();
    let path = t.dir.join("台账.xlsx");
    write_register(&path, 25).unwrap();
    let before = t.store.journal().unwrap().len();
    let preview = t
        .store
        .import_preview(&ImportPreview {
            path: path.display().to_string(),
            place_id: t.compound,
            sheet: None,
            mapping: None,
            headers: None,
        })
        .unwrap();
    assert_eq!(t.store.journal().unwrap().len(), before);
    assert_eq!(count(&t.store, "households"), 0);
    assert_eq!(count(&t.store, "residents"), 0);
    assert_eq!(count(&t.store, "places"), 2);
    let real = commit(&mut t.store, &path, t.compound);
    assert_eq!(preview, real);
    assert_eq!(real.residents.created, 25);
}

#[test]
fn importing_the_same_file_again_changes_nothing() {
    let mut t = town();
    let path = t.dir.join("台账.xlsx");
    write_register(&path, 40).unwrap();
    commit(&mut t.store, &path, t.compound);
    let journal = t.store.journal().unwrap().len();
    let again = commit(&mut t.store, &path, t.compound);
    assert_eq!(
        ImportSummary {
            columns: Vec::new(),
            ..again
        },
        ImportSummary::default()
    );
    assert_eq!(t.store.journal().unwrap().len(), journal);
    assert_eq!(count(&t.store, "residents"), 40);
}

#[test]
fn a_refused_row_is_reported_with_its_excel_row_and_the_rest_imports() {
    let mut t = town();
    let mut lines = family("13800138000");
    let good = id("35010219800101003");
    let bad = format!("{}{}", &good[..17], if good.ends_with('1') { 2 } else { 1 });
    lines.push(format!("黄志明,{bad},男,1980-01-01,3,1,201,户主,,人户一致"));
    lines.push("张3,,男,1990-01-01,3,1,202,户主,,".into());
    let path = csv(&t.dir, "台账.csv", &lines);
    let s = commit(&mut t.store, &path, t.compound);
    assert_eq!((s.households.created, s.residents.created), (2, 3));
    let sheet = read_register(&path, &ImportOptions::default())
        .unwrap()
        .households[0]
        .sheet
        .clone();
    assert_eq!(s.refused.len(), 2, "{:?}", s.refused);
    assert_eq!(s.refused[0].sheet, sheet);
    assert_eq!(s.refused[0].row, 6);
    assert!(s.refused[0].reason.contains("校验位"), "{:?}", s.refused[0]);
    // refused by the store's own rule for names, after the sheet accepted it
    assert_eq!(
        s.refused[1],
        RowIssue {
            sheet,
            row: 7,
            reason: "姓名不能含有数字或控制字符".into(),
            code: Some("person_name_chars".into()),
            args: Default::default(),
        }
    );
}

#[test]
fn a_changed_phone_counts_as_one_updated_resident() {
    let mut t = town();
    let first = csv(&t.dir, "台账.csv", &family("13800138000"));
    commit(&mut t.store, &first, t.compound);
    let journal = t.store.journal().unwrap().len();
    let second = csv(&t.dir, "台账2.csv", &family("138 0013 8999"));
    let s = commit(&mut t.store, &second, t.compound);
    assert_eq!((s.households.created, s.households.updated), (0, 0));
    assert_eq!((s.residents.created, s.residents.updated), (0, 1));
    assert_eq!(t.store.journal().unwrap().len(), journal + 1);
    let phone: String = t
        .store
        .conn()
        .query_row(
            "SELECT phone FROM residents WHERE name = '林建国'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(phone, "13800138999");
}

#[test]
fn a_resident_registered_elsewhere_in_the_community_moves_and_is_not_duplicated() {
    let mut t = town();
    let path = csv(&t.dir, "台账.csv", &family("13800138000"));
    commit(&mut t.store, &path, t.compound);
    // 王秀兰 now appears at 5栋 in another compound of the same community, by ID number
    let other = add(
        &mut t.store,
        PlaceKind::Compound,
        "北门小区",
        Some(t.community),
    );
    let moved = csv(
        &t.dir,
        "新台账.csv",
        &[
            HEADER.into(),
            format!(
                "王秀兰,{},女,1952-03-04,5,,101,户主,,",
                id("35010219520304002")
            ),
        ],
    );
    let s = commit(&mut t.store, &moved, other);
    assert_eq!((s.households.created, s.residents.created), (1, 0));
    assert_eq!(s.residents.updated, 1);
    assert_eq!(count(&t.store, "residents"), 3);
}

#[test]
fn a_building_target_takes_rows_without_a_building_and_refuses_other_buildings() {
    let mut t = town();
    let building = add(&mut t.store, PlaceKind::Building, "3栋", Some(t.compound));
    let path = csv(
        &t.dir,
        "台账.csv",
        &[
            "姓名,身份证号,楼栋,门牌号,与户主关系".into(),
            format!("林建国,{},3号楼,101,户主", id("35010219500102001")),
            format!("陈秀英,{},,102,户主", id("35010219400506002")),
            format!("黄志明,{},4栋,101,户主", id("35010219800101003")),
        ],
    );
    let s = commit(&mut t.store, &path, building);
    assert_eq!((s.households.created, s.residents.created), (2, 2));
    assert_eq!(s.refused.len(), 1);
    assert_eq!(s.refused[0].row, 4);
    assert_eq!(s.refused[0].reason, "楼栋“4栋”不是导入目标“3栋”");
    // a community target uses its existing buildings and never guesses a compound for a new one
    let path = csv(
        &t.dir,
        "社区.csv",
        &[
            "姓名,身份证号,楼栋,门牌号,与户主关系".into(),
            format!("郑强,{},3,201,户主", id("35010219750601013")),
            format!("刘敏,{},9,101,户主", id("35010219880315028")),
        ],
    );
    let s = commit(&mut t.store, &path, t.community);
    assert_eq!((s.households.created, s.residents.created), (1, 1));
    assert_eq!(s.refused.len(), 1);
    assert!(
        s.refused[0].reason.contains("没有楼栋“9”"),
        "{:?}",
        s.refused
    );
}

#[test]
fn a_reviewed_mapping_changes_the_preview_and_is_what_the_import_and_the_saved_file_use() {
    use linli_protocol::{ImportField, SaveImportMapping};
    let mut t = town();
    let path = t.dir.join("台账.xlsx");
    write_register(&path, 10).unwrap();
    let preview = |store: &mut Store, mapping: Option<String>, headers| {
        store
            .import_preview(&ImportPreview {
                path: path.display().to_string(),
                place_id: t.compound,
                sheet: None,
                mapping,
                headers,
            })
            .unwrap()
    };
    // the automatic mapping, every column shown with its header
    let auto = preview(&mut t.store, None, None);
    let room = auto
        .columns
        .iter()
        .find(|c| c.header == "地址/门牌号")
        .expect("the room column, under its group header");
    assert_eq!(room.field, Some(ImportField::Room));
    let seq = auto.columns.iter().find(|c| c.header == "序号").unwrap();
    assert_eq!(seq.field, None, "a column the import does not use");
    assert!(auto.refused.is_empty() && auto.households.created > 0);

    // the room column left out: no row has an address any more, so none imports
    let mut reviewed: linli_protocol::HeaderMapping = auto
        .columns
        .iter()
        .map(|c| (c.header.clone(), c.field))
        .collect();
    reviewed.insert("地址/门牌号".into(), None);
    let changed = preview(&mut t.store, None, Some(reviewed.clone()));
    assert_eq!(changed.households.created, 0);
    assert_eq!(changed.refused.len(), 10);
    assert_eq!(
        changed
            .columns
            .iter()
            .find(|c| c.header == "地址/门牌号")
            .unwrap()
            .field,
        None
    );

    // phones left out instead, saved as a mapping file, read back as `--mapping` reads it
    reviewed.insert("地址/门牌号".into(), Some(ImportField::Room));
    reviewed.insert("联系电话".into(), None);
    let file = t.dir.join("映射.json");
    t.store
        .save_import_mapping(&SaveImportMapping {
            path: file.display().to_string(),
            headers: reviewed.clone(),
        })
        .unwrap();
    let saved = linli_sheets::Mapping::load(&file).unwrap();
    assert_eq!(saved.headers.get("联系电话"), Some(&None));
    let from_file = preview(&mut t.store, Some(file.display().to_string()), None);
    assert_eq!(
        from_file,
        preview(&mut t.store, None, Some(reviewed.clone()))
    );

    // the import uses the reviewed mapping: no phone is written
    let done = t
        .store
        .import_commit(&ImportCommit {
            path: path.display().to_string(),
            place_id: t.compound,
            sheet: None,
            mapping: None,
            headers: Some(reviewed),
        })
        .unwrap();
    assert_eq!(done.residents.created, 10);
    let phones: i64 = t
        .store
        .conn()
        .query_row(
            "SELECT count(*) FROM residents WHERE phone IS NOT NULL",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(phones, 0);
}

/// Issue 23: a 小区 column is read. Into the community, a compound it has ("西门新村小区" is
/// 西门新村) takes its rows and one it lacks is created with its buildings, both listed in the
/// preview; into a building, a row naming another compound is refused and says so.
#[test]
fn a_compound_column_finds_or_creates_compounds_and_the_preview_lists_them() {
    use linli_protocol::CreatedPlace;
    let mut t = town();
    let lines = vec![
        "小区,楼栋,单元,门牌号,姓名,身份证号,与户主关系".to_owned(),
        format!(
            "西门新村小区,3,1,101,林建国,{},户主",
            id("35010219500102001")
        ),
        format!("东门花园,5,2,202,陈秀英,{},户主", id("35010219400506002")),
    ];
    let path = csv(&t.dir, "两个小区.csv", &lines);
    let preview = t
        .store
        .import_preview(&ImportPreview {
            path: path.display().to_string(),
            place_id: t.community,
            sheet: None,
            mapping: None,
            headers: None,
        })
        .unwrap();
    let place = |kind, name: &str, parent: &str| CreatedPlace {
        kind,
        name: name.into(),
        parent: Some(parent.into()),
    };
    assert_eq!(
        preview.created_places,
        [
            place(PlaceKind::Building, "3栋", "西门新村"),
            place(PlaceKind::Compound, "东门花园", "北门社区"),
            place(PlaceKind::Building, "5栋", "东门花园"),
        ]
    );
    assert!(preview
        .columns
        .iter()
        .any(|c| c.header == "小区" && c.field == Some(linli_protocol::ImportField::Compound)));
    assert_eq!(count(&t.store, "places"), 2, "a preview writes nothing");
    let done = commit(&mut t.store, &path, t.community);
    assert_eq!((done.households.created, done.refused.len()), (2, 0));
    let compounds: i64 = t
        .store
        .conn()
        .query_row(
            "SELECT count(*) FROM places WHERE kind = 'compound' AND parent_id = ?1",
            [t.community.to_string()],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(compounds, 2);

    // into 西门新村's 3栋: the 东门花园 row is refused, naming both compounds
    let building: Id = t
        .store
        .conn()
        .query_row(
            "SELECT id FROM places WHERE kind = 'building' AND parent_id = ?1",
            [t.compound.to_string()],
            |r| r.get::<_, String>(0),
        )
        .unwrap()
        .parse()
        .unwrap();
    let into_building = commit(&mut t.store, &path, building);
    assert_eq!(into_building.refused.len(), 1, "{into_building:?}");
    let reason = &into_building.refused[0].reason;
    assert!(
        reason.contains("东门花园") && reason.contains("西门新村"),
        "{reason}"
    );
}

fn tags_and_party(store: &Store, name: &str) -> (String, bool) {
    store
        .conn()
        .query_row(
            "SELECT care_tags, party_member FROM residents WHERE name = ?1",
            [name],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap()
}

/// A register written before 党员 was a flag carries it among the care tags (重点人群). Importing
/// it, new residents and residents already held alike get the flag and keep only their needs; a
/// tag outside the list of needs is left out with a warning naming its row; a 党员 column (是/否)
/// sets the flag either way.
#[test]
fn an_old_sheet_with_a_party_member_tag_sets_the_flag_and_unknown_tags_are_warned() {
    let mut t = town();
    let header = format!("{HEADER},重点人群");
    let lin = id("35010219500102001");
    let wang = id("35010219520304002");
    let chen = id("35010219400506002");
    let first = csv(
        &t.dir,
        "旧台账.csv",
        &[
            header.clone(),
            format!("林建国,{lin},男,1950-01-02,3,1,101,户主,13800138000,人户一致,低保、党员"),
            format!("王秀兰,{wang},女,1952-03-04,3,1,101,配偶,,,爱打麻将、残疾"),
            format!("陈秀英,{chen},女,1940-05-06,3,1,102,户主,13900001111,人户一致,"),
        ],
    );
    let s = commit(&mut t.store, &first, t.compound);
    assert_eq!(s.residents.created, 3);
    assert!(s.refused.is_empty(), "{:?}", s.refused);
    assert_eq!(s.warnings.len(), 1, "{:?}", s.warnings);
    assert_eq!(s.warnings[0].row, 3);
    assert!(
        s.warnings[0]
            .reason
            .starts_with("重点人群「爱打麻将」不是关爱标签，未导入"),
        "{:?}",
        s.warnings[0]
    );
    assert_eq!(
        tags_and_party(&t.store, "林建国"),
        (r#"["低保"]"#.into(), true)
    );
    assert_eq!(
        tags_and_party(&t.store, "王秀兰"),
        (r#"["残疾"]"#.into(), false)
    );
    assert_eq!(tags_and_party(&t.store, "陈秀英"), ("[]".into(), false));

    // the same residents again: 陈秀英's old row says 党员, which updates her flag only
    let second = csv(
        &t.dir,
        "旧台账2.csv",
        &[
            header,
            format!("林建国,{lin},男,1950-01-02,3,1,101,户主,13800138000,人户一致,低保、党员"),
            format!("陈秀英,{chen},女,1940-05-06,3,1,102,户主,13900001111,人户一致,党员"),
        ],
    );
    let s = commit(&mut t.store, &second, t.compound);
    assert_eq!((s.residents.created, s.residents.updated), (0, 1), "{s:?}");
    assert_eq!(tags_and_party(&t.store, "陈秀英"), ("[]".into(), true));
    assert_eq!(
        tags_and_party(&t.store, "林建国"),
        (r#"["低保"]"#.into(), true)
    );

    // a 党员 column says 否 (or a 政治面貌 of 群众): the flag is cleared; blank leaves it
    let third = csv(
        &t.dir,
        "新台账.csv",
        &[
            format!("{HEADER},党员"),
            format!("林建国,{lin},男,1950-01-02,3,1,101,户主,13800138000,人户一致,否"),
            format!("陈秀英,{chen},女,1940-05-06,3,1,102,户主,13900001111,人户一致,"),
        ],
    );
    let s = commit(&mut t.store, &third, t.compound);
    assert_eq!(s.residents.updated, 1, "{s:?}");
    assert_eq!(
        tags_and_party(&t.store, "林建国"),
        (r#"["低保"]"#.into(), false)
    );
    assert_eq!(tags_and_party(&t.store, "陈秀英"), ("[]".into(), true));
}

/// Every refused row and warning of an import carries a catalogue code, and the catalogue's
/// Chinese filled with its arguments is the reason as written: the window renders the same data
/// in English. Covers the sheet's reasons, the store's own rules, the address checks and a
/// nested reason (a compound name the domain refuses, inside "小区“…”：…").
#[test]
fn every_reason_of_an_import_is_a_catalogue_code_with_its_arguments() {
    let mut t = town();
    let good = id("35010219800101003");
    let bad = format!("{}{}", &good[..17], if good.ends_with('1') { 2 } else { 1 });
    let long = "长".repeat(60);
    let lines = vec![
        "小区,姓名,身份证号,性别,出生日期,楼栋,单元,门牌号,与户主关系,联系电话,人户状态".to_owned(),
        format!("西门新村,黄志明,{bad},男,1980-01-01,3,1,201,户主,,人户一致"),
        "西门新村,,,男,1990-01-01,3,1,202,户主,,".into(),
        "西门新村,张3,,男,1990-01-01,3,1,203,户主,,".into(),
        "西门新村,李四,3501**********1234,男,1990-01-01,3,1,204,户主,,".into(),
        format!(
            "西门新村,王五,{},女,1990-01-01,3,1,205,户主,123,某某",
            id("35010219900101003")
        ),
        format!("{long},赵六,,男,1990-01-01,3,1,206,户主,,"),
        "西门新村,钱七,,男,1990-01-01,3,1,,户主,,".into(),
        "东门小区,孙八,,男,1990-01-01,3,1,208,户主,,".into(),
    ];
    let path = csv(&t.dir, "台账.csv", &lines);
    let s: ImportSummary = t
        .store
        .import_preview(&ImportPreview {
            path: path.display().to_string(),
            place_id: t.community,
            sheet: None,
            mapping: None,
            headers: None,
        })
        .unwrap();
    let all: Vec<&RowIssue> = s.refused.iter().chain(&s.warnings).collect();
    let codes: Vec<&str> = all.iter().map(|i| i.code.as_deref().unwrap()).collect();
    for want in [
        "id_card_checksum",
        "import_no_name",
        "person_name_chars",
        "import_masked",
        "import_phone_invalid",
        "import_residence_unread",
        "import_compound_name",
        "import_no_room",
        "import_no_id",
    ] {
        assert!(codes.contains(&want), "{want} not among {codes:?}");
    }
    for i in all {
        let code = i.code.as_deref().unwrap();
        let m =
            linli_domain::msg::find(code).unwrap_or_else(|| panic!("{code}: not in the catalogue"));
        let args: Vec<(&str, String)> = i
            .args
            .iter()
            .map(|(k, v)| (k.as_str(), v.clone()))
            .collect();
        let zh = linli_domain::msg::fill(m.zh, &args, &|f, v| linli_domain::msg::word_zh(f, v));
        assert_eq!(zh, i.reason, "{code}");
        if let Some(inner) = i.args.get("reason_code") {
            assert!(linli_domain::msg::find(inner).is_some(), "{inner}");
        }
    }
}
