//! The register rows the demo writes through the one write path: places, grids, staff and
//! their assignments.

use linli_domain::register::{GridKind, Role};
use linli_domain::{Id, PlaceKind};
use serde_json::json;

use crate::write::{RowWrite, Scope, Writer};
use crate::Result;

pub(super) fn place(
    w: &mut Writer<'_>,
    id: Id,
    kind: PlaceKind,
    name: &str,
    parent: Option<Id>,
    community: Option<Id>,
) -> Result<()> {
    w.write(RowWrite {
        table: "places",
        row_id: id,
        fields: vec![
            ("kind", json!(kind.code())),
            ("name", json!(name)),
            ("parent_id", json!(parent.map(|p| p.to_string()))),
            ("deleted", json!(false)),
        ],
        scope: Scope {
            community,
            grid: None,
            place: Some(id),
        },
    })?;
    Ok(())
}

pub(super) fn grid(
    w: &mut Writer<'_>,
    id: Id,
    kind: GridKind,
    name: &str,
    parent: Option<Id>,
    community: Id,
) -> Result<()> {
    w.write(RowWrite {
        table: "grids",
        row_id: id,
        fields: vec![
            ("kind", json!(kind.code())),
            ("name", json!(name)),
            ("parent_id", json!(parent.map(|p| p.to_string()))),
            ("community_id", json!(community.to_string())),
            ("deleted", json!(false)),
        ],
        scope: Scope {
            community: Some(community),
            grid: Some(id),
            place: Some(community),
        },
    })?;
    Ok(())
}

pub(super) fn staff(
    w: &mut Writer<'_>,
    id: Id,
    community: Id,
    name: &str,
    phone: &str,
    roles: &[Role],
) -> Result<()> {
    let roles: Vec<&str> = roles.iter().map(|r| r.code()).collect();
    w.write(RowWrite {
        table: "people",
        row_id: id,
        fields: vec![
            ("community_id", json!(community.to_string())),
            ("name", json!(name)),
            ("phone", json!(phone)),
            ("roles", json!(serde_json::to_string(&roles)?)),
            ("deleted", json!(false)),
        ],
        scope: Scope {
            community: Some(community),
            grid: None,
            place: Some(community),
        },
    })?;
    Ok(())
}

pub(super) fn assignment(
    w: &mut Writer<'_>,
    id: Id,
    person: Id,
    role: Role,
    grid: Option<Id>,
    place: Option<Id>,
    community: Id,
) -> Result<()> {
    w.write(RowWrite {
        table: "assignments",
        row_id: id,
        fields: vec![
            ("person_id", json!(person.to_string())),
            ("grid_id", json!(grid.map(|g| g.to_string()))),
            ("place_id", json!(place.map(|p| p.to_string()))),
            ("role", json!(role.code())),
            ("deleted", json!(false)),
        ],
        scope: Scope {
            community: Some(community),
            grid,
            place: place.or(Some(community)),
        },
    })?;
    Ok(())
}
