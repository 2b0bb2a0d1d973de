//! A JSON snapshot of every wire type. A change to the protocol shows up here as a diff: if it is
//! intended (and backwards compatible), regenerate with `UPDATE_SNAPSHOTS=1 cargo test -p linli-protocol`.

use linli_domain::{Id, PlaceKind};
use linli_protocol::*;
use serde_json::{json, Value};

#[path = "snapshot/board.rs"]
mod board;
#[path = "snapshot/registers.rs"]
mod registers;
use board::*;
use registers::*;

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
        kind_code: None,
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
            Reply::Error(ApiError { kind: ErrorKind::Invalid, message: "名称不能为空".into(), field: Some("name".into()), code: None, args: Default::default() }),
            Reply::Error(ApiError::new(ErrorKind::Database, "…")),
            // issue 15: a code and its arguments beside the Chinese sentence
            Reply::Error(linli_domain::DomainError::coded("name", linli_domain::msg::NAME_TOO_LONG, linli_domain::args![max = 50, len = 51]).into()),
        ],
        "error_kinds": [ErrorKind::Invalid, ErrorKind::NotFound, ErrorKind::Conflict, ErrorKind::PossibleDuplicate, ErrorKind::Database, ErrorKind::Internal],
        "register": register_samples(),
        "field": field_samples(),
        "volunteers": volunteer_samples(),
        "place_kinds": PlaceKind::ALL,
        "sync": sync_samples(),
        "desktop_sync": desktop_sync_samples(),
        "places_and_rules": places_and_rules_samples(),
        "erasure": erasure_samples(),
        "lending": lending_samples(),
        "targets": targets_samples(),
        "councils": council_samples(),
        "board": board_samples(),
        "admin": admin_samples(),
        "updates": update_samples(),
    })
}

/// The desktop shell's update requests (issue 22 item 4, docs/updates.md).
fn update_samples() -> Value {
    json!({
        "commands": UPDATE_COMMAND_NAMES,
        "status": UpdateStatus {},
        "install": InstallUpdate { version: "0.2.0".into() },
        "states": [
            UpdateState { current: "0.1.0".into(), ..UpdateState::default() },
            UpdateState {
                current: "0.1.0".into(),
                offer: Some(UpdateOffer { version: "0.2.0".into(), notes_zh: "新增：更新".into(), notes_en: "New: updates".into(), file: "linli-desktop_0.2.0_amd64.deb".into(), size: 12_345_678 }),
                problem: None,
                started: Some("/home/wang/.cache/linli/updates/linli-desktop_0.2.0_amd64.deb".into()),
            },
            UpdateState {
                current: "0.1.0".into(),
                problem: Some(ApiError::coded(ErrorKind::Invalid, linli_domain::msg::UPDATE_BAD_SIGNATURE, vec![])),
                ..UpdateState::default()
            },
        ],
    })
}

/// The admin API (管理, issue 22): its paths, the two requests and the overview.
fn admin_samples() -> Value {
    use linli_protocol::admin::*;
    use linli_protocol::sync::Role;
    let overview = AdminOverview {
        me: "admin_a".into(),
        county_wide: false,
        grants: vec![id(2)],
        users: vec![AdminUser {
            name: "wang".into(),
            role: Role::GridWorker,
            grants: vec![id(2)],
            county_wide: false,
            disabled: true,
        }],
        devices: vec![AdminDevice {
            device_id: id(61),
            user: "wang".into(),
            name: "wang-laptop".into(),
            enrolled_ms: 1_772_000_000_000,
            last_seen_ms: Some(1_772_000_500_000),
            revoked: false,
        }],
        audit: vec![AdminAuditEntry {
            at_ms: 1_772_000_600_000,
            actor: "admin_a@app:1a2b3c4d".into(),
            action: "user.disable".into(),
            target: "wang".into(),
            detail: String::new(),
        }],
    };
    let actions = vec![
        AdminAction::AddUser {
            name: "li".into(),
            role: Role::GridWorker,
            password: "…".into(),
            grants: vec![id(2)],
        },
        AdminAction::ResetPassword {
            name: "li".into(),
            password: "…".into(),
        },
        AdminAction::SetDisabled {
            name: "li".into(),
            disabled: true,
        },
        AdminAction::Grant {
            name: "li".into(),
            places: vec![id(3)],
        },
        AdminAction::RevokeGrants {
            name: "li".into(),
            places: vec![id(3)],
        },
        AdminAction::RevokeDevice { device_id: id(61) },
    ];
    json!({
        "paths": [ADMIN_OVERVIEW_PATH, ADMIN_ACT_PATH],
        "query": AdminOverviewQuery {},
        "acts": actions.into_iter().map(|action| AdminAct { action }).collect::<Vec<_>>(),
        "overview": overview,
    })
}

/// The sync protocol between laptops and the server (`docs/sync-protocol.md`).
fn sync_samples() -> Value {
    use linli_domain::Hlc;
    use linli_protocol::sync::*;
    let change = Change {
        change_id: id(60),
        device_id: id(61),
        device_seq: 7,
        hlc: Hlc::new(1_772_000_000_000, 2),
        author: Some(id(62)),
        scope_community: Some(id(2)),
        scope_grid: None,
        scope_place: Some(id(3)),
        table: "households".into(),
        row_id: id(10),
        fields: [
            ("room".to_owned(), json!("301")),
            ("floating".to_owned(), json!(true)),
        ]
        .into(),
    };
    let time = Hlc::new(1_772_000_000_500, 0);
    json!({
        "version": SYNC_PROTOCOL_VERSION,
        "headers": [VERSION_HEADER, SERVER_TIME_HEADER],
        "limits": {"push_batch": MAX_PUSH_BATCH, "pull_page": MAX_PULL_PAGE, "pull_bytes": MAX_PULL_BYTES},
        "roles": Role::ALL,
        "floor_rules": FLOOR_RULES.iter().map(|r| [r.table, r.account_field, r.delta_field]).collect::<Vec<_>>(),
        "enrol": EnrolRequest { user: "wang".into(), password: "secret".into(), device_id: id(61), device_name: "网格站-1".into() },
        "enrolled": EnrolResponse { token: "t0k3n".into(), user_id: id(62), role: Role::GridWorker, grants: vec![id(3)], server_time: time, last_seq: 41 },
        "new_device": NewDeviceRequest { device_id: id(63), device_name: "网格站-1".into() },
        "push": PushRequest { changes: vec![change.clone()], fact_tables: vec!["ledger".into()] },
        "pushed": PushResponse {
            results: vec![
                ChangeResult { device_seq: 7, outcome: ChangeOutcome::Accepted { server_seq: 120, needs_review: false } },
                ChangeResult { device_seq: 8, outcome: ChangeOutcome::Refused { reason: RefuseReason::OutsideGrants, message: "不在授权范围内".into(), code: None, args: Default::default() } },
                ChangeResult { device_seq: 9, outcome: ChangeOutcome::Refused { reason: RefuseReason::Invalid, message: "无效".into(), code: None, args: Default::default() } },
                ChangeResult { device_seq: 10, outcome: ChangeOutcome::Refused { reason: RefuseReason::SeqConflict, message: "序号冲突".into(), code: None, args: Default::default() } },
                ChangeResult { device_seq: 11, outcome: ChangeOutcome::Refused { reason: RefuseReason::Invalid, message: "设备序号必须从 1 开始".into(), code: Some("refused_seq_start".into()), args: [("table".to_owned(), "households".to_owned())].into() } },
            ],
            server_time: time,
        },
        "pull": PullRequest { after: 119, limit: 500, own_seq: Some(6) },
        "pulled": PullResponse {
            changes: vec![PulledChange { server_seq: 120, needs_review: true, read_only: false, change }],
            next: 120,
            more: false,
            server_time: time,
        },
        "error": SyncError { kind: "unavailable".into(), message: "服务器的数据库暂时无法连接".into(), request_id: "00000000000000ff".into(), code: Some("server_unavailable".into()), args: [("secs".to_owned(), "5".to_owned())].into_iter().collect() },
        "status": SyncStatus {
            server: Some("http://192.168.1.10:8470".into()),
            user: Some("wang".into()),
            last_success_ms: Some(1_772_000_000_000),
            outbox: 3,
            refused: vec![Refusal { device_seq: 8, table: "households".into(), row_id: id(10), reason: RefuseReason::OutsideGrants, message: "不在授权范围内".into(), code: Some("server_outside_grants".into()), args: Default::default() }],
            needs_review: vec![("ledger".into(), id(51))],
            unapplied: vec![Unapplied { server_seq: 130, table: "households".into(), row_id: Some(id(10)), reason: "households.room 不能为空 (may not be null)".into() }],
        },
    })
}

/// The Sync page's requests (`with_sync_commands!`), as the desktop and `linli exec` carry them.
fn desktop_sync_samples() -> Value {
    let report = SyncReport {
        pushed: 3,
        accepted: 2,
        refused: 1,
        needs_review: 0,
        pulled: 40,
        applied: 38,
        blobs_sent: 1,
        blobs_fetched: 2,
        blobs_pending: 1,
    };
    json!({
        "commands": SYNC_COMMAND_NAMES,
        "requests": [
            SyncCall::sync_status(SyncStatusQuery {}),
            SyncCall::sync_now(SyncNow {}),
            SyncCall::sync_login(SyncLogin { server: "http://192.168.1.10:8470".into(), user: "wang".into(), password: "secret".into(), ..Default::default() }),
            SyncCall::sync_test(SyncTest {}),
        ],
        // issue 15: 测试连接
        "connection_checks": [
            ConnectionCheck { verdict: ConnectionVerdict::Ok, server: "https://sync.county.example".into(), detail: String::new(), millis: 42 },
            ConnectionCheck { verdict: ConnectionVerdict::SignedOut, server: "https://sync.county.example".into(), detail: "未登录或登录已失效".into(), millis: 40 },
        ],
        "connection_verdicts": [ConnectionVerdict::Ok, ConnectionVerdict::Unreachable, ConnectionVerdict::Untrusted, ConnectionVerdict::Version, ConnectionVerdict::SignedOut, ConnectionVerdict::Refused],
        "enrolled": Enrolled { server: "http://192.168.1.10:8470".into(), user: "wang".into(), role: "grid-worker".into(), grants: 2 },
        "panel": SyncPanel {
            status: linli_protocol::sync::SyncStatus::default(),
            enrolled: true,
            running: Some(SyncProgress { pushed: 1, to_push: 3, pulled: 0, pulling: false }),
            last: Some(SyncOutcome::Synced { at_ms: 1_772_000_000_000, report }),
            next_auto_ms: Some(1_772_000_300_000),
            insecure: false,
        },
        "outcomes": [
            SyncOutcome::Synced { at_ms: 1, report },
            SyncOutcome::Offline { at_ms: 2, detail: "connection refused".into() },
            SyncOutcome::Failed { at_ms: 3, message: "请升级邻里".into(), code: Some("server_upgrade".into()), args: [("have".to_owned(), "0".to_owned()), ("need".to_owned(), "1".to_owned())].into_iter().collect() },
        ],
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
        residence_status_code: None,
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
        party_member: true,
        gender_code: None,
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
        party_member: false,
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
            Request::edit_resident(EditResident { id: id(11), fields, moved_out: Some("".into()) }),
            Request::move_out_resident(MoveOutResident { id: id(11), date: "2026-11-01".into() }),
            Request::reveal(Reveal { resident_id: id(11), field: RevealField::IdNumber }),
            Request::household_reveals(HouseholdReveals { household_id: id(10) }),
            Request::search(Search { query: "zs".into(), limit: 20 }),
            Request::list_grids(ListGrids { community_id: id(2) }),
            Request::add_grid(AddGrid { community_id: id(2), kind: GridKind::Section, name: "第1楼段".into(), parent_id: Some(id(20)) }),
            Request::map_grid(MapGrid { grid_id: id(21), place_ids: vec![id(4)] }),
            Request::unmap_grid(UnmapGrid { grid_id: id(21), place_ids: vec![id(4)] }),
            Request::list_people(ListPeople { community_id: id(2) }),
            Request::add_person(AddPerson { community_id: id(2), name: "陈网格".into(), phone: None, roles: vec![Role::GridWorker] }),
            Request::assign(Assign { person_id: id(30), role: Role::BuildingSteward, grid_id: None, place_id: Some(id(3)) }),
            Request::unassign(Unassign { assignment_id: id(31) }),
            Request::import_preview(ImportPreview { path: "台账.xlsx".into(), place_id: id(5), sheet: Some("居民信息".into()), mapping: None, headers: None }),
            Request::import_commit(ImportCommit { path: "台账.xlsx".into(), place_id: id(5), sheet: None, mapping: Some("映射.json".into()), headers: Some([("户主姓名".to_owned(), None), ("电话".to_owned(), Some(ImportField::Phone))].into()) }),
            Request::save_import_mapping(SaveImportMapping { path: "映射.json".into(), headers: [("住址".to_owned(), Some(ImportField::Address))].into() }),
            Request::export_list(ExportList { kind: ListKind::Residents, format: SheetFormat::Xlsx, path: "居民.xlsx".into(), reveal: false, place_id: None, from: None, to: None }),
            Request::export_list(ExportList { kind: ListKind::Visits, format: SheetFormat::Csv, path: "走访.csv".into(), reveal: false, place_id: Some(id(2)), from: Some("2026-03-01".into()), to: Some("2026-03-31".into()) }),
            Request::export_list(ExportList { kind: ListKind::WorkUnits, format: SheetFormat::Xlsx, path: "党员积分.xlsx".into(), reveal: false, place_id: Some(id(2)), from: None, to: None }),
            Request::import_places(ImportPlaces { path: "地点.xlsx".into(), dry_run: true }),
            Request::export_places(ExportPlaces { format: SheetFormat::Csv, path: "地点.csv".into(), place_id: Some(id(2)) }),
            Request::export_volunteers(ExportVolunteers { list: VolunteerList::Volunteers, format: SheetFormat::Xlsx, path: "志愿者.xlsx".into(), community_id: id(2), reveal: true }),
            Request::import_volunteers(ImportVolunteers { path: "服务队.csv".into(), community_id: id(2), dry_run: false }),
            Request::export_statement(ExportStatement { volunteer_id: id(40), format: SheetFormat::Xlsx, path: "积分对账单.xlsx".into() }),
            Request::suggest_path(SuggestPath { file_name: "月报-2026-03.xlsx".into() }),
            Request::monthly_report(MonthlyReport { month: "2026-03".into(), place_id: Some(id(2)), path: Some("月报.xlsx".into()), grid_id: None }),
            Request::monthly_report(MonthlyReport { month: "2026-03".into(), place_id: None, path: None, grid_id: Some(id(20)) }),
            Request::monthly_figure_records(MonthlyFigureRecords { month: "2026-03".into(), place_id: Some(id(2)), key: "tasks_resolved".into(), cumulative: true, grid_id: None }),
            Request::dashboard(Dashboard { from: "2026-01-01".into(), to: "2026-03-31".into(), place_id: Some(id(2)), grid_id: None }),
            Request::dashboard_records(DashboardRecords { from: "2026-01-01".into(), to: "2026-03-31".into(), place_id: None, grid_id: Some(id(20)), chart: "stage".into(), bucket: Some("accepted".into()) }),
            Request::dashboard_records(DashboardRecords { from: "2026-01-01".into(), to: "2026-03-31".into(), place_id: Some(id(2)), grid_id: None, chart: "lending.by_kind".into(), bucket: Some(id(60).to_string()) }),
        ],
        "dashboard": DashboardData {
            scope_name: "北门社区".into(), from: "2026-01-01".into(), to: "2026-03-31".into(), prev_from: "2025-10-01".into(), prev_to: "2025-12-31".into(),
            coverage: Ratio { num: 3.0, den: 4.0, rate: 0.75 }, resolution: Ratio { num: 1.0, den: 2.0, rate: 0.5 }, on_time: Ratio { num: 1.0, den: 1.0, rate: 1.0 },
            trend: vec![TrendMonth { month: "2026-03".into(), from: "2026-03-01".into(), to: "2026-03-31".into(), coverage: Ratio { num: 2.0, den: 4.0, rate: 0.5 }, resolution: Ratio { num: 0.0, den: 0.0, rate: 0.0 }, on_time: Ratio { num: 0.0, den: 0.0, rate: 0.0 } }],
            stages: vec![Slice { key: "accepted".into(), label: "办理中".into(), value: 1.0 }],
            categories: vec![Slice { key: "micro_wish".into(), label: "微心愿".into(), value: 2.0 }],
            overdue: vec![Slice { key: "0".into(), label: "社区".into(), value: 1.0 }],
            hours_by_team: vec![Slice { key: "".into(), label: "未关联队伍".into(), value: 2.5 }],
            hours_by_category: vec![Slice { key: "护学".into(), label: "护学".into(), value: 2.5 }],
            ranking: Ranking {
                level: "grid".into(),
                columns: vec![RankColumn { key: "coverage".into(), label: "走访覆盖率".into(), formula: "走访覆盖住户 ÷ 在册住户".into(), higher_is_better: true }],
                rows: vec![RankRow { place_id: None, grid_id: Some(id(20)), name: "第一网格".into(), rank: 1, score: 100.0, values: vec![Some(0.75), None], scores: vec![Some(100.0), None], prev_rank: 2, prev_score: 40.0, prev_values: vec![Some(0.5), None] }],
            },
            registers: vec![RegisterFigures {
                key: "mediation".into(), label: "人民调解".into(), label_en: "Mediation".into(), note: "按所在社区统计".into(), note_en: "counted by community".into(),
                numbers: vec![RegisterFigure { key: "settlement_rate".into(), label: "调解成功率".into(), label_en: "Settlement rate".into(), value: 0.5, ratio: Some(Ratio { num: 1.0, den: 2.0, rate: 0.5 }) }],
                charts: vec![RegisterChart { key: "by_kind".into(), label: "受理·按纠纷类型".into(), label_en: "Received, by type".into(), bars: vec![RegisterFigure { key: "neighbours".into(), label: "邻里".into(), label_en: "neighbours".into(), value: 2.0, ratio: None }] }],
            }],
        },
        "import_summary": ImportSummary { households: Counts { created: 2, updated: 0 }, residents: Counts { created: 5, updated: 1 }, refused: vec![RowIssue { sheet: "居民信息".into(), row: 8, reason: "缺少姓名".into(), code: Some("import_no_name".into()), args: Default::default() }], warnings: vec![], columns: vec![ImportColumn { sheet: "居民信息".into(), letter: "A".into(), header: "姓名".into(), field: Some(ImportField::Name) }, ImportColumn { sheet: "居民信息".into(), letter: "B".into(), header: "序号".into(), field: None }, ImportColumn { sheet: "居民信息".into(), letter: "C".into(), header: "小区".into(), field: Some(ImportField::Compound) }], created_places: vec![CreatedPlace { kind: PlaceKind::Compound, name: "西门新村".into(), parent: Some("北门社区".into()) }, CreatedPlace { kind: PlaceKind::Building, name: "3栋".into(), parent: Some("西门新村".into()) }] },
        "places_imported": PlacesImported { created: vec![CreatedPlace { kind: PlaceKind::County, name: "永泰县".into(), parent: None }], existing: 3, refused: vec![RowIssue { sheet: "地点".into(), row: 9, reason: "地点“3栋”：楼栋必须属于某个小区".into(), code: Some("import_place_row".into()), args: [("name".to_owned(), "3栋".to_owned()), ("reason".to_owned(), "楼栋必须属于某个小区".to_owned()), ("reason_code".to_owned(), "place_needs_parent".to_owned()), ("reason.kind".to_owned(), "building".to_owned()), ("reason.parent".to_owned(), "compound".to_owned())].into_iter().collect() }] },
        "import_fields": ImportField::ALL,
        "volunteers_imported": VolunteersImported { volunteers: Counts { created: 12, updated: 0 }, teams: Counts { created: 1, updated: 0 }, memberships: Counts { created: 14, updated: 1 }, refused: vec![], warnings: vec![RowIssue { sheet: "志愿者名单".into(), row: 4, reason: "社区里没有服务队“护学岗一队”，已新建为跑腿代办队，请核对类型（先导入服务队名单可避免）".into(), code: Some("import_team_created".into()), args: [("team".to_owned(), "护学岗一队".to_owned())].into_iter().collect() }] },
        "exported_list": ExportedList { path: "居民.xlsx".into(), rows: 5 },
        "list_kinds": ListKind::ALL,
        "monthly_report": MonthlyReportData {
            month: "2026-03".into(), place_name: "北门社区".into(), from: "2026-03-01".into(), to: "2026-03-31".into(), cumulative_from: "2026-01-01".into(),
            figures: vec![MonthlyFigure { key: "visits".into(), label: "走访户次".into(), unit: FigureUnit::Count, month: 42.0, cumulative: 120.0, source: "走访名单".into() }],
            path: Some("月报.xlsx".into()),
        },
        "figure_records": FigureRecords { key: "visits".into(), from: "2026-03-01".into(), to: "2026-03-31".into(), headers: vec!["走访时间".into(), "小区".into()], rows: vec![vec!["2026-03-02 09:30".into(), "西门新村".into()]], words_en: vec![] },
        "register_records": FigureRecords { key: "lending.out".into(), from: "2026-03-01".into(), to: "2026-03-31".into(), headers: vec!["编码".into(), "结果".into()], rows: vec![vec!["A-001".into(), "在借".into()]], words_en: vec![("编码".into(), "Code".into()), ("在借".into(), "Out".into())] },
        "pick_file": PickFile { save: true, suggested: Some("/home/陈/下载/月报-2026-03.xlsx".into()), title: "保存到".into(), filter_name: "表格".into(), extensions: vec!["xlsx".into()] },
        "open_path": OpenPath { path: "/home/陈/下载/月报-2026-03.xlsx".into(), folder: true },
        "file_commands": FILE_COMMAND_NAMES,
        "household_detail": HouseholdDetail {
            household: household.clone(),
            members: vec![resident],
            history: vec![HistoryEntry { at_ms: 1_764_316_800_000, table: "households".into(), row_id: id(10), device_id: id(99), author: None, fields: [("room".to_owned(), json!("301"))].into() }],
        },
        "page": HouseholdPage { total: 1, rows: vec![household] },
        "reveals_seen": vec![
            RevealSeen { resident_id: id(11), resident_name: "张三".into(), field: RevealField::IdNumber, by: Some("chen".into()), at: "2026-11-20 09:30".into(), stamped: true },
            RevealSeen { resident_id: id(11), resident_name: "张三".into(), field: RevealField::Phone, by: None, at: "2026-11-20 09:31".into(), stamped: false },
        ],
        "search_hit": SearchHit { kind: HitKind::Resident, id: id(11), household_id: id(10), name: "张三".into(), address: "西门新村3栋2单元301".into(), community: Some("北门社区".into()), detail: None, matched: MatchOn::Initials, highlight: (0, 2) },
        "grid": Grid { id: id(21), community_id: id(2), kind: GridKind::Section, name: "第1楼段".into(), parent_id: Some(id(20)), place_ids: vec![id(4)], workers: vec!["陈网格".into()], place_names: vec!["南湖苑1栋".into()] },
        "person": Person { id: id(30), community_id: id(2), name: "林楼长".into(), phone_masked: None, roles: vec![Role::BuildingSteward], assignments: vec![Assignment { id: id(31), role: Role::BuildingSteward, grid_id: None, place_id: Some(id(3)), target_name: "3栋".into() }] },
        "node": PlaceNode { place: Place { id: id(3), kind: PlaceKind::Building, name: "3栋".into(), parent_id: Some(id(5)), parent_name: Some("西门新村".into()), kind_code: None }, children: 2, households: 24 },
    })
}

fn field_samples() -> Value {
    use linli_domain::field::*;
    let new_task = NewTask {
        title: "修楼道灯".into(),
        category: TaskCategory::Snapshot,
        subcategory: Some(SnapshotKind::PublicOrder),
        description: "".into(),
        due_date: Some("2026-11-30".into()),
    };
    let visit = Visit {
        id: id(40),
        household_id: id(10),
        address: "3栋2单元301".into(),
        visitor_id: Some(id(30)),
        visitor_name: Some("陈网格".into()),
        at: "2026-11-28 09:30".into(),
        kind: VisitKind::DoorKnocking,
        outcome: VisitOutcome::Met,
        findings: "楼道灯坏了".into(),
        needs_follow_up: true,
        member_updates: json!([{"resident_id": id(11), "name": "张三", "phone": "139****5678"}]),
        corrects: None,
        void: false,
        corrected_by: None,
        reviewed: false,
    };
    let task = Task {
        id: id(50),
        community_id: Some(id(2)),
        title: "修楼道灯".into(),
        category: TaskCategory::PublicMatter,
        subcategory: None,
        description: "".into(),
        household_id: Some(id(10)),
        place_id: None,
        where_text: "3栋2单元301".into(),
        raised_by: Some(id(30)),
        visit_id: Some(id(40)),
        raised_at: "2026-11-28 09:30".into(),
        status: TaskStatus::Dispatched,
        assignee_id: Some(id(30)),
        assignee_name: Some("陈网格".into()),
        team: None,
        due_date: Some("2026-11-30".into()),
        finished_at: None,
        rating: None,
        escalation_level: 0,
        overdue: false,
        photos: vec![],
        source: Some(TaskSource::Visit),
    };
    let line = HouseholdLine {
        id: id(10),
        address: "3栋2单元301".into(),
        head_name: Some("张三".into()),
        compound: Some("西门新村".into()),
        building: "3栋".into(),
        unit: Some("2单元".into()),
        floor: 3,
        room: "301".into(),
        care_tags: vec!["独居老人".into()],
        last_visit: Some("2026-11-01".into()),
        days_since: Some(27),
        due: DueReason::Care,
        section: Some("第1楼段".into()),
    };
    let step = |s: TaskStep| {
        Request::task_action(TaskAction {
            task_id: id(50),
            by: Some(id(30)),
            at: None,
            step: s,
        })
    };
    json!({
        "requests": [
            Request::log_visit(LogVisit { household_id: id(10), visitor_id: id(30), at: Some("2026-11-28 09:30".into()), kind: VisitKind::DoorKnocking, outcome: VisitOutcome::Met, findings: "楼道灯坏了".into(), member_updates: vec![MemberUpdate { resident_id: id(11), moved_out: None, phone: Some("13912345678".into()), care_tags: None, note: Some("住院".into()) }], follow_up: Some(new_task.clone()) }),
            Request::save_visit(SaveVisit { visit: LogVisit { household_id: id(10), visitor_id: id(30), at: Some("2026-11-27 19:40".into()), kind: VisitKind::Routine, outcome: VisitOutcome::Met, findings: "".into(), member_updates: vec![], follow_up: None }, photos: vec![NewPhoto { name: "血压记录.png".into(), mime: Some("image/png".into()), bytes: vec![137, 80, 78, 71] }] }),
            Request::correct_visit(CorrectVisit { visit_id: id(40), at: None, kind: VisitKind::Routine, outcome: VisitOutcome::NobodyHome, findings: "".into(), void: false }),
            Request::set_visit_rules(SetVisitRules { community_id: id(2), care_days: 7, everyone_days: 90 }),
            Request::get_visit_rules(GetVisitRules { community_id: id(2) }),
            Request::today(Today { person_id: Some(id(30)), place_id: None, today: Some("2026-11-28".into()), grid_id: None }),
            Request::today(Today { person_id: None, place_id: None, today: None, grid_id: Some(id(21)) }),
            Request::get_me(GetMe {}),
            Request::set_me(SetMe { person_id: Some(id(30)) }),
            Request::home(Home { person_id: Some(id(30)), community_id: None, today: Some("2026-12-06".into()) }),
            Request::not_visited(NotVisited { community_id: id(2), days: 30, today: None }),
            Request::coverage(Coverage { place_id: Some(id(2)), from: Some("2026-11-01".into()), to: Some("2026-11-30".into()) }),
            Request::coverage_households(CoverageHouseholds { level: CoverageLevel::Grid, id: id(21), from: None, to: None, visited: false }),
            Request::review_queue(ReviewQueue { place_id: Some(id(2)), day: Some("2026-11-28".into()) }),
            Request::review_visit(ReviewVisit { visit_id: id(40), reviewer_id: id(31), note: "".into(), task: Some(new_task.clone()) }),
            Request::weekly_agenda(WeeklyAgenda { community_id: id(2), today: None }),
            Request::raise_task(RaiseTask { task: new_task, household_id: None, place_id: Some(id(3)), raised_by: None, visit_id: None, at: None, source: Some(TaskSource::Phone) }),
            step(TaskStep::Dispatch { assignee_id: None, team: Some("党员先锋队".into()), due_date: "2026-11-30".into() }),
            step(TaskStep::Accept),
            step(TaskStep::Finish { result: "已修好".into(), photos: vec!["ab".repeat(32)] }),
            step(TaskStep::Publish),
            step(TaskStep::Rate { rating: 5, comment: "满意".into(), rater: Some(Rater::Worker) }),
            step(TaskStep::Redispatch { assignee_id: Some(id(31)), team: None, due_date: "2026-12-02".into(), reason: "原接单人病休".into() }),
            step(TaskStep::Return { reason: "不属于本网格".into() }),
            step(TaskStep::Extend { due_date: "2026-12-05".into(), reason: "等配件".into() }),
            Request::get_task(GetTask { id: id(50), today: None }),
            Request::task_board(TaskBoard { place_id: Some(id(2)), today: None, ..Default::default() }),
            Request::task_board(TaskBoard { place_id: Some(id(2)), today: None, mine: Some(id(30)), overdue: true, category: Some(TaskCategory::CivicMatter), grid_id: Some(id(21)), query: "楼道".into() }),
            Request::task_rates(TaskRates { place_id: None, from: None, to: Some("2026-11-30".into()) }),
            Request::set_task_rule(SetTaskRule { community_id: id(2), category: TaskCategory::MicroWish, escalate_after_days: 30 }),
            Request::escalate_overdue(EscalateOverdue { place_id: Some(id(2)), today: None }),
            Request::add_attachment(AddAttachment { owner_table: "tasks".into(), owner_id: id(50), path: Some("/tmp/after.jpg".into()), bytes: None, name: "".into(), mime: None }),
            Request::list_attachments(ListAttachments { owner_table: "visits".into(), owner_ids: vec![id(40)] }),
            Request::get_attachment_file(GetAttachmentFile { hash: "ab".repeat(32) }),
            Request::household_timeline(HouseholdTimeline { household_id: id(10) }),
        ],
        "visit_logged": VisitLogged { visit: visit.clone(), task: Some(task.clone()), photos: vec![] },
        "line": line.clone(),
        "section": SectionHouseholds { grid_id: Some(id(21)), name: "第1楼段".into(), total: 24, households: vec![line] },
        "coverage": CoverageReport { from: "2026-11-01".into(), to: "2026-11-30".into(), communities: vec![CoverageRow { level: CoverageLevel::Community, id: id(2), name: "北门社区".into(), visited: 3, total: 4, rate: 0.75 }], grids: vec![], buildings: vec![] },
        "agenda": AgendaGrid { grid_id: Some(id(21)), name: "第1楼段".into(), open_tasks: vec![task.clone()], unreviewed: vec![visit] },
        "task_detail": TaskDetail { task, events: vec![TaskEvent { id: id(60), kind: TaskEventKind::Rated, at: "2026-11-29 10:00".into(), by: None, by_name: None, assignee_id: None, assignee_name: None, team: None, due_date: None, result: "".into(), photos: vec![], rating: Some(5), comment: "满意".into(), level: None, rater: Some(Rater::Resident) }], attachments: vec![Attachment { id: id(70), owner_table: "tasks".into(), owner_id: id(50), hash: "ab".repeat(32), size: 1024, mime: "image/jpeg".into(), name: "after.jpg".into(), pending: false, thumb: Some("data:image/jpeg;base64,/9j/4AAQ".into()) }] },
        "rates": TaskRatesReport { from: "2026-11-01".into(), to: "2026-11-30".into(), raised: vec![id(50), id(51)], resolved: vec![id(50)], resolution_rate: 0.5, on_time: vec![id(50)], on_time_rate: 1.0, overdue: vec![id(51)], average_rating: Some(5.0) },
        "timeline": TimelineEntry { at: "2026-11-28 09:30".into(), kind: TimelineKind::Visit, title: "敲门行动（见到人）".into(), detail: "陈网格：楼道灯坏了".into(), row_id: id(40) },
        "me": Me { person: None, source: MeSource::Chosen, sync_user: Some("chen".into()), community_name: Some("北门社区".into()), grids: vec![MyGrid { id: id(21), name: "第1楼段".into() }], oversees: false, today: "2026-12-06".into(), sync_match: Some(id(30)), withheld: false, admin: false },
        "home_day": HomeDay { today: "2026-12-06".into(), due: vec![], open_tasks: vec![], overdue: vec![], unreviewed: vec![], activities: vec![] },
        "sources": TaskSource::ALL,
        "raters": Rater::ALL,
        "event_kinds": TaskEventKind::ALL,
        "statuses": TaskStatus::ALL,
        "categories": TaskCategory::ALL,
    })
}

#[test]
fn task_steps_round_trip() {
    let req: Request = serde_json::from_str(
        r#"{"cmd":"task_action","args":{"task_id":"00000000-0000-0000-0000-000000000032","step":"rate","rating":4}}"#,
    )
    .unwrap();
    let Request::task_action(a) = &req else {
        panic!("{req:?}")
    };
    assert_eq!(
        a.step,
        TaskStep::Rate {
            rating: 4,
            comment: String::new(),
            rater: None,
        }
    );
    let back: Request = serde_json::from_value(serde_json::to_value(&req).unwrap()).unwrap();
    assert_eq!(back, req);
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
