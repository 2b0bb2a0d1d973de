//! The people who work the grid — grid workers, stewards, coordinators, admins — their roles and
//! their assignments to grids and buildings.

use linli_domain::register::{validate_person_name, Role};
use linli_domain::{DomainError, Id, Phone, PlaceKind};
use linli_protocol::{AddPerson, Assign, Assignment, ListPeople, Person};
use rusqlite::OptionalExtension;
use serde_json::json;

use super::households::mask_phone;
use super::{id_text, parse_id};
use crate::write::{RowWrite, Scope};
use crate::{Error, Result, Store};

impl Store {
    pub fn person(&self, id: Id) -> Result<Person> {
        let row: Option<(String, String, Option<String>, String)> = self
            .conn
            .prepare_cached(
                "SELECT community_id, name, phone, roles FROM people WHERE id = ?1 AND deleted = 0",
            )?
            .query_row([id.to_string()], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
            })
            .optional()?;
        let (community, name, phone, roles) = row.ok_or(Error::NotFound {
            what: "工作人员",
            id: id.to_string(),
        })?;
        let roles: Vec<Role> = serde_json::from_str::<Vec<String>>(&roles)
            .unwrap_or_default()
            .iter()
            .map(|r| Role::read(r))
            .collect();
        let mut stmt = self.conn.prepare_cached(
            "SELECT a.id, a.role, a.grid_id, a.place_id, coalesce(g.name, p.name, '')
             FROM assignments a LEFT JOIN grids g ON g.id = a.grid_id
             LEFT JOIN places p ON p.id = a.place_id
             WHERE a.person_id = ?1 AND a.deleted = 0 ORDER BY 5",
        )?;
        let assignments = stmt
            .query_map([id.to_string()], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, Option<String>>(2)?,
                    r.get::<_, Option<String>>(3)?,
                    r.get::<_, String>(4)?,
                ))
            })?
            .map(|row| {
                let (aid, role, grid, place, target) = row?;
                Ok(Assignment {
                    id: aid.parse()?,
                    role: Role::read(&role),
                    grid_id: parse_id(grid)?,
                    place_id: parse_id(place)?,
                    target_name: target,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(Person {
            id,
            community_id: community.parse()?,
            name,
            phone_masked: phone.as_deref().map(mask_phone),
            roles,
            assignments,
        })
    }

    pub fn list_people(&self, req: &ListPeople) -> Result<Vec<Person>> {
        let ids = self
            .conn
            .prepare_cached(
                "SELECT id FROM people WHERE community_id = ?1 AND deleted = 0 ORDER BY name, id",
            )?
            .query_map([req.community_id.to_string()], |r| r.get::<_, String>(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        ids.iter().map(|id| self.person(id.parse()?)).collect()
    }

    pub fn add_person(&mut self, req: &AddPerson) -> Result<Person> {
        let id = self.next_id();
        let name = validate_person_name(&req.name)?;
        let phone = req
            .phone
            .as_deref()
            .filter(|p| !p.trim().is_empty())
            .map(Phone::parse)
            .transpose()?
            .map(Phone::into_string);
        if req.roles.is_empty() {
            return Err(
                DomainError::coded("roles", linli_domain::msg::ROLES_MISSING, vec![]).into(),
            );
        }
        if self.place(req.community_id)?.kind != PlaceKind::Community {
            return Err(DomainError::coded(
                "community_id",
                linli_domain::msg::STAFF_NEEDS_COMMUNITY,
                vec![],
            )
            .into());
        }
        let roles: Vec<&str> = req
            .roles
            .iter()
            .map(|r| Ok(r.known("roles")?.code()))
            .collect::<Result<_>>()?;
        let mut w = self.begin()?;
        w.write(RowWrite {
            table: "people",
            row_id: id,
            fields: vec![
                ("community_id", json!(req.community_id.to_string())),
                ("name", json!(name)),
                ("phone", json!(phone)),
                ("roles", json!(serde_json::to_string(&roles)?)),
                ("deleted", json!(false)),
            ],
            scope: Scope {
                community: Some(req.community_id),
                grid: None,
                place: Some(req.community_id),
            },
        })?;
        w.commit()?;
        self.person(id)
    }

    pub fn assign(&mut self, req: &Assign) -> Result<Person> {
        self.may_draw_grids()?;
        let person = self.person(req.person_id)?;
        let (grid, place) = match (req.grid_id, req.place_id) {
            (Some(g), None) => (Some(self.grid(g)?), None),
            (None, Some(p)) => {
                let place = self.place(p)?;
                if !matches!(place.kind, PlaceKind::Building | PlaceKind::Unit) {
                    return Err(DomainError::coded(
                        "place_id",
                        linli_domain::msg::ASSIGN_BUILDING_OR_UNIT,
                        vec![],
                    )
                    .into());
                }
                (None, Some(place))
            }
            _ => {
                return Err(DomainError::coded(
                    "grid_id",
                    linli_domain::msg::ASSIGN_ONE_PLACE,
                    vec![],
                )
                .into())
            }
        };
        let mut w = self.begin()?;
        let row_id = w.id();
        w.write(RowWrite {
            table: "assignments",
            row_id,
            fields: vec![
                ("person_id", json!(req.person_id.to_string())),
                ("grid_id", json!(id_text(grid.as_ref().map(|g| g.id)))),
                ("place_id", json!(id_text(place.as_ref().map(|p| p.id)))),
                ("role", json!(req.role.known("role")?.code())),
                ("deleted", json!(false)),
            ],
            scope: Scope {
                community: Some(person.community_id),
                grid: grid.as_ref().map(|g| g.id),
                place: place.as_ref().map(|p| p.id).or(Some(person.community_id)),
            },
        })?;
        w.commit()?;
        self.person(req.person_id)
    }
}
