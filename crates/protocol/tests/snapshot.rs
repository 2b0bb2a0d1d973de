//! A JSON snapshot of every wire type. A change to the protocol shows up here as a diff: if it is
//! intended (and backwards compatible), regenerate with `UPDATE_SNAPSHOTS=1 cargo test -p linli-protocol`.

use linli_domain::{Id, PlaceKind};
use linli_protocol::*;
use serde_json::{json, Value};

fn id(n: u128) -> Id {
    Id::from_uuid(uuid_from(n))
}

fn uuid_from(n: u128) -> linli_domain::id::Uuid {
    linli_domain::id::Uuid::from_u128(n)
}

fn samples() -> Value {
    let place = Place {
        id: id(2),
        kind: PlaceKind::Community,
        name: "北门社区".into(),
        parent_id: Some(id(1)),
        parent_name: Some("樟城镇".into()),
    };
    json!({
        "protocol_version": PROTOCOL_VERSION,
        "commands": COMMAND_NAMES,
        "requests": [
            Request::list_places(ListPlaces { kind: Some(PlaceKind::Community), parent_id: None }),
            Request::add_place(AddPlace { kind: PlaceKind::Community, name: "北门社区".into(), parent_id: Some(id(1)) }),
        ],
        "place": place,
        "replies": [
            Reply::Ok(serde_json::to_value(vec![place.clone()]).unwrap()),
            Reply::Error(ApiError { kind: ErrorKind::Invalid, message: "名称不能为空".into(), field: Some("name".into()) }),
            Reply::Error(ApiError::new(ErrorKind::Database, "…")),
        ],
        "error_kinds": [ErrorKind::Invalid, ErrorKind::NotFound, ErrorKind::Conflict, ErrorKind::PossibleDuplicate, ErrorKind::Database, ErrorKind::Internal],
        "register": register_samples(),
        "volunteers": volunteer_samples(),
        "place_kinds": PlaceKind::ALL,
    })
}

fn register_samples() -> Value {
    use linli_domain::register::{GridKind, ResidenceStatus, Role};
    use linli_domain::Gender;
    let household = Household {
        id: id(10),
        community_id: Some(id(2)),
        building_id: Some(id(3)),
        unit_id: Some(id(4)),
        room: "301".into(),
        address: "3栋2单元301".into(),
        compound_name: Some("西门新村".into()),
        head_name: Some("张三".into()),
        phone_masked: Some("139****5678".into()),
        members: 2,
        residence_status: ResidenceStatus::RegisteredElsewhere,
        floating: true,
        tags: vec!["独居".into()],
        notes: "".into(),
        moved_out: None,
    };
    let resident = Resident {
        id: id(11),
        household_id: id(10),
        name: "张三".into(),
        gender: Some(Gender::Male),
        birth_date: Some("1958-03-15".into()),
        id_number_masked: Some("3501**********123X".into()),
        phone_masked: Some("139****5678".into()),
        relation: "户主".into(),
        care_tags: vec!["独居老人".into()],
        moved_in: Some("2001-05-01".into()),
        moved_out: None,
        notes: "".into(),
    };
    let fields = ResidentFields {
        name: "张三".into(),
        gender: None,
        birth_date: None,
        id_number: Some("350125195803151234".into()),
        phone: Some("13912345678".into()),
        relation: "户主".into(),
        care_tags: vec![],
        moved_in: None,
        notes: "".into(),
        accept_possible_duplicate: false,
    };
    json!({
        "requests": [
            Request::place_children(PlaceChildren { parent_id: Some(id(2)) }),
            Request::move_place(MovePlace { id: id(3), parent_id: id(5) }),
            Request::list_households(ListHouseholds { place_id: Some(id(3)), ..Default::default() }),
            Request::get_household(GetHousehold { id: id(10) }),
            Request::add_household(AddHousehold { building_id: id(3), unit_id: Some(id(4)), room: "301".into(), fields: HouseholdFields::default() }),
            Request::edit_household(EditHousehold { id: id(10), fields: HouseholdFields::default() }),
            Request::move_household(MoveHousehold { id: id(10), building_id: id(3), unit_id: None, room: "101".into() }),
            Request::move_out_household(MoveOutHousehold { id: id(10), date: "2026-11-01".into() }),
            Request::add_resident(AddResident { household_id: id(10), fields: fields.clone() }),
            Request::edit_resident(EditResident { id: id(11), fields }),
            Request::move_out_resident(MoveOutResident { id: id(11), date: "2026-11-01".into() }),
            Request::reveal(Reveal { resident_id: id(11), field: RevealField::IdNumber }),
            Request::search(Search { query: "zs".into(), limit: 20 }),
            Request::list_grids(ListGrids { community_id: id(2) }),
            Request::add_grid(AddGrid { community_id: id(2), kind: GridKind::Section, name: "第1楼段".into(), parent_id: Some(id(20)) }),
            Request::map_grid(MapGrid { grid_id: id(21), place_ids: vec![id(4)] }),
            Request::list_people(ListPeople { community_id: id(2) }),
            Request::add_person(AddPerson { community_id: id(2), name: "陈网格".into(), phone: None, roles: vec![Role::GridWorker] }),
            Request::assign(Assign { person_id: id(30), role: Role::BuildingSteward, grid_id: None, place_id: Some(id(3)) }),
            Request::import_preview(ImportPreview { path: "台账.xlsx".into(), place_id: id(5), sheet: Some("居民信息".into()), mapping: None }),
            Request::import_commit(ImportCommit { path: "台账.xlsx".into(), place_id: id(5), sheet: None, mapping: Some("映射.json".into()) }),
            Request::export_list(ExportList { kind: ListKind::Residents, format: SheetFormat::Xlsx, path: "居民.xlsx".into(), reveal: false, place_id: None }),
        ],
        "import_summary": ImportSummary { households: Counts { created: 2, updated: 0 }, residents: Counts { created: 5, updated: 1 }, refused: vec![RowIssue { sheet: "居民信息".into(), row: 8, reason: "缺少姓名".into() }], warnings: vec![] },
        "exported_list": ExportedList { path: "居民.xlsx".into(), rows: 5 },
        "household_detail": HouseholdDetail {
            household: household.clone(),
            members: vec![resident],
            history: vec![HistoryEntry { at_ms: 1_764_316_800_000, table: "households".into(), row_id: id(10), device_id: id(99), author: None, fields: [("room".to_owned(), json!("301"))].into() }],
        },
        "page": HouseholdPage { total: 1, rows: vec![household] },
        "search_hit": SearchHit { kind: HitKind::Resident, id: id(11), household_id: id(10), name: "张三".into(), address: "3栋2单元301".into(), detail: None, matched: MatchOn::Initials, highlight: (0, 2) },
        "grid": Grid { id: id(21), community_id: id(2), kind: GridKind::Section, name: "第1楼段".into(), parent_id: Some(id(20)), place_ids: vec![id(4)], workers: vec!["陈网格".into()] },
        "person": Person { id: id(30), community_id: id(2), name: "林楼长".into(), phone_masked: None, roles: vec![Role::BuildingSteward], assignments: vec![Assignment { id: id(31), role: Role::BuildingSteward, grid_id: None, place_id: Some(id(3)), target_name: "3栋".into() }] },
        "node": PlaceNode { place: Place { id: id(3), kind: PlaceKind::Building, name: "3栋".into(), parent_id: Some(id(5)), parent_name: Some("西门新村".into()) }, children: 2, households: 24 },
    })
}

fn volunteer_samples() -> Value {
    use linli_domain::volunteers::{ItemKind, LedgerKind, TeamKind};
    let balance = Balance {
        volunteer_id: id(40),
        balance: 35,
        pending_here: -20,
        expired: 0,
        certain: false,
        note: "上次同步在3小时前：35分含本机尚未同步的-20分；其他站点此后的兑换可能未计入，余额不能确定。".into(),
        open_reviews: 0,
    };
    let line = StatementLine {
        id: id(50),
        date: "2026-03-02".into(),
        kind: LedgerKind::Earn,
        points: 20,
        running: 20,
        description: "服务积分：护学".into(),
        reverses: None,
        needs_review: false,
        resolution: None,
    };
    let item = CatalogueItem {
        id: id(60),
        community_id: id(2),
        kind: ItemKind::Goods,
        name: "大米5斤".into(),
        cost: 50,
        unit: "袋".into(),
        stock: Some(12),
    };
    json!({
        "requests": [
            Request::add_volunteer(AddVolunteer { community_id: id(2), resident_id: Some(id(11)), name: "".into(), phone: None, skills: vec!["理发".into()], availability: "周末上午".into() }),
            Request::add_team(AddTeam { community_id: id(2), kind: TeamKind::SchoolCrossing, name: "护学岗志愿队".into() }),
            Request::set_team_member(SetTeamMember { team_id: id(41), volunteer_id: id(40), leader: true, remove: false }),
            Request::register_party_member(RegisterPartyMember { volunteer_id: id(40), work_unit: "县医院".into(), pledges: vec!["每月服务4小时".into()], registered_on: None }),
            Request::add_activity(AddActivity { community_id: id(2), team_id: Some(id(41)), title: "上学护学".into(), category: "护学".into(), date: "2026-03-02".into(), hours: 2.0, place: "城关小学".into() }),
            Request::sign_up(SignUp { activity_id: id(42), volunteer_ids: vec![id(40)] }),
            Request::mark_attendance(MarkAttendance { activity_id: id(42), volunteer_ids: vec![id(40)], present: true }),
            Request::credit_hours(CreditHours { activity_id: Some(id(42)), volunteer_ids: vec![id(40)], hours: None, category: None, date: None, note: "".into() }),
            Request::verify_hours(VerifyHours { entry_ids: vec![id(43)], verified_by: Some(id(30)) }),
            Request::reverse_hours(ReverseHours { entry_id: id(43), reason: "重复登记".into() }),
            Request::set_points_rules(SetPointsRules { community_id: id(2), rates: [("护学".to_owned(), 15)].into(), default_rate: 10, entry_cap: Some(40), month_cap: None, expiry_months: Some(24) }),
            Request::redeem(Redeem { volunteer_id: id(40), item_id: id(60), quantity: 1 }),
            Request::resolve_review(ResolveReview { ledger_id: id(51), resolution: ReviewResolution::Accept, note: "".into() }),
            Request::hours_report(HoursReportQuery { community_id: Some(id(2)), from: Some("2026-01-01".into()), to: None }),
        ],
        "statement": Statement { volunteer_id: id(40), volunteer_name: "林秀英".into(), community_name: "北门社区".into(), lines: vec![line], balance: balance.clone(), hours: 2.0 },
        "redemption": Redemption { ledger_id: id(51), points: 50, item, balance },
        "entry": HourEntry { id: id(43), volunteer_id: id(40), volunteer_name: "林秀英".into(), activity_id: Some(id(42)), hours: 2.0, category: "护学".into(), date: "2026-03-02".into(), note: "".into(), reverses: None, status: EntryStatus::Verified, points: Some(30) },
        "hours_row": HoursRow { id: Some(id(40)), name: "林秀英".into(), hours: 2.5, entries: 2, volunteers: 1 },
    })
}

#[test]
fn wire_types_match_the_snapshot() {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots/protocol.json");
    let actual = serde_json::to_string_pretty(&samples()).unwrap() + "\n";
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, &actual).unwrap();
    }
    let expected = std::fs::read_to_string(&path)
        .expect("the snapshot file; run with UPDATE_SNAPSHOTS=1 once");
    assert_eq!(
        actual, expected,
        "the protocol's JSON changed; see the diff above"
    );
}

#[test]
fn older_requests_without_optional_fields_still_parse() {
    let req: Request =
        serde_json::from_str(r#"{"cmd":"add_place","args":{"kind":"town","name":"樟城镇"}}"#)
            .unwrap();
    assert_eq!(
        req,
        Request::add_place(AddPlace {
            kind: PlaceKind::Town,
            name: "樟城镇".into(),
            parent_id: None
        })
    );
    let req: Request = serde_json::from_str(r#"{"cmd":"list_places","args":{}}"#).unwrap();
    assert_eq!(req, Request::list_places(ListPlaces::default()));
}
