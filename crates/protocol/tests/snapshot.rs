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
        "error_kinds": [ErrorKind::Invalid, ErrorKind::NotFound, ErrorKind::Conflict, ErrorKind::Database, ErrorKind::Internal],
        "place_kinds": PlaceKind::ALL,
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
