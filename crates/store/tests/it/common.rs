//! What more than one test module needs: a place added by name, an import committed.

use std::path::Path;

use linli_domain::{Id, PlaceKind};
use linli_protocol::{AddPlace, ImportCommit, ImportSummary};
use linli_store::Store;

/// Adds a place of `kind` named `name` under `parent`; answers its id.
pub fn add(store: &mut Store, kind: PlaceKind, name: &str, parent: Option<Id>) -> Id {
    store
        .add_place(&AddPlace {
            kind,
            name: name.into(),
            parent_id: parent,
        })
        .unwrap()
        .id
}

/// Imports the register at `path` into the place `into`, with the mapping read from the file.
pub fn commit(store: &mut Store, path: &Path, into: Id) -> ImportSummary {
    store
        .import_commit(&ImportCommit {
            path: path.display().to_string(),
            place_id: into,
            sheet: None,
            mapping: None,
            headers: None,
        })
        .unwrap()
}
