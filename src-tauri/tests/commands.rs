//! The Tauri commands on Tauri's mock runtime: each protocol request reaches the store and its
//! response (or error) comes back as the UI would receive it.

// The Sync page's commands against a real server in process.
#[path = "commands/sync.rs"]
mod sync;

use linli_desktop::{run_app, Backend};
use linli_domain::PlaceKind;
use linli_protocol::{
    AddPlace, ApiError, Command, ErrorKind, ListPlaces, Place, COMMAND_NAMES, SYNC_COMMAND_NAMES,
};
use linli_store::Store;
use serde::de::DeserializeOwned;
use serde::Serialize;
use tauri::test::{mock_builder, mock_context, noop_assets, MockRuntime};
use tauri::webview::InvokeRequest;
use tauri::WebviewWindow;

fn app(store: Store) -> (tauri::App<MockRuntime>, WebviewWindow<MockRuntime>) {
    let app = run_app(mock_builder(), Backend::from_store(store))
        .build(mock_context(noop_assets()))
        .unwrap();
    let webview = tauri::WebviewWindowBuilder::new(&app, "main", Default::default())
        .build()
        .unwrap();
    (app, webview)
}

fn invoke_raw(
    webview: &WebviewWindow<MockRuntime>,
    cmd: &str,
    body: serde_json::Value,
) -> Result<serde_json::Value, serde_json::Value> {
    tauri::test::get_ipc_response(
        webview,
        InvokeRequest {
            cmd: cmd.into(),
            callback: tauri::ipc::CallbackFn(0),
            error: tauri::ipc::CallbackFn(1),
            // the origin the app is served from on Linux
            url: "tauri://localhost".parse().unwrap(),
            body: tauri::ipc::InvokeBody::Json(body),
            headers: Default::default(),
            invoke_key: tauri::test::INVOKE_KEY.to_string(),
        },
    )
    .map(|r| r.deserialize::<serde_json::Value>().unwrap())
}

/// Invokes a command exactly as `ui/src/ipc.rs` does: the command's NAME, the request under `req`.
fn invoke<C: Command + Serialize>(
    webview: &WebviewWindow<MockRuntime>,
    req: &C,
) -> Result<C::Response, ApiError>
where
    C::Response: DeserializeOwned,
{
    invoke_raw(webview, C::NAME, serde_json::json!({ "req": req }))
        .map(|v| serde_json::from_value(v).unwrap())
        .map_err(|e| serde_json::from_value(e).unwrap())
}

#[test]
fn adding_a_community_through_the_command_lands_in_the_store() {
    let (_app, w) = app(Store::open_in_memory().unwrap());
    let town = invoke(
        &w,
        &AddPlace {
            kind: PlaceKind::Town,
            name: "樟城镇".into(),
            parent_id: None,
        },
    )
    .unwrap();
    let added: Place = invoke(
        &w,
        &AddPlace {
            kind: PlaceKind::Community,
            name: "北门社区".into(),
            parent_id: Some(town.id),
        },
    )
    .unwrap();
    assert_eq!(added.parent_name.as_deref(), Some("樟城镇"));
    let list = invoke(
        &w,
        &ListPlaces {
            kind: Some(PlaceKind::Community),
            parent_id: None,
        },
    )
    .unwrap();
    assert_eq!(list, vec![added]);
}

#[test]
fn a_refused_request_comes_back_as_kind_and_message() {
    let (_app, w) = app(Store::open_in_memory().unwrap());
    let err = invoke(
        &w,
        &AddPlace {
            kind: PlaceKind::Community,
            name: " ".into(),
            parent_id: None,
        },
    )
    .unwrap_err();
    assert_eq!(err.kind, ErrorKind::Invalid);
    assert_eq!(err.message, "名称不能为空");
    assert_eq!(err.field.as_deref(), Some("name"));
}

#[test]
fn every_protocol_command_is_registered() {
    let (_app, w) = app(Store::open_in_memory().unwrap());
    // what an unregistered command gives, so the check below can tell the difference
    let missing = invoke_raw(&w, "no_such_command", serde_json::json!({})).unwrap_err();
    assert!(missing.to_string().contains("not found"), "{missing}");
    for name in COMMAND_NAMES.iter().chain(SYNC_COMMAND_NAMES) {
        // an empty body is a bad request for the command, but never "command not found"
        let err = invoke_raw(&w, name, serde_json::json!({})).unwrap_err();
        let text = err.to_string();
        assert!(!text.contains("not found"), "{name}: {text}");
    }
}

#[test]
fn a_database_that_cannot_be_opened_is_reported_on_every_request() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.db");
    std::fs::write(&path, "不是数据库".repeat(100)).unwrap();
    let app = run_app(mock_builder(), Backend::open(path))
        .build(mock_context(noop_assets()))
        .unwrap();
    let w = tauri::WebviewWindowBuilder::new(&app, "main", Default::default())
        .build()
        .unwrap();
    let err = invoke(&w, &ListPlaces::default()).unwrap_err();
    assert_eq!(err.kind, ErrorKind::Database);
    assert!(err.message.contains("notes.db"));
}

/// Issue 24: the shell's timer escalates the overdue tasks (no page does), once per level.
#[test]
fn the_timer_escalates_the_overdue_tasks_once() {
    let mut store = Store::open_in_memory().unwrap();
    linli_store::demo::generate(&mut store, Default::default()).unwrap();
    let backend = Backend::from_store(store);
    assert!(
        backend.escalate().unwrap() > 0,
        "the demo has overdue tasks"
    );
    assert_eq!(backend.escalate().unwrap(), 0, "and they went up once");
}
