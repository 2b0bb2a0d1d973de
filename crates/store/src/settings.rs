//! This laptop's own settings, kept in the local `settings` table (never journaled, never
//! synced): who works at it. "Me" is the person of the register the laptop signs in through sync
//! as (the sync user's name, when exactly one person of the register bears it), else the person
//! chosen on this laptop (on first start, or in 设置).

use linli_domain::register::Role;
use linli_domain::{DomainError, Id};
use linli_protocol::{GetMe, Me, MeSource, MyGrid, Person, SetMe};
use rusqlite::{params, OptionalExtension};

use crate::{Result, Store};

const ME: &str = "me";

impl Store {
    fn setting(&self, key: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .prepare_cached("SELECT value FROM settings WHERE key = ?1")?
            .query_row([key], |r| r.get(0))
            .optional()?)
    }

    /// The one person of the register named `name`, if exactly one is.
    fn only_person_named(&self, name: &str) -> Result<Option<Id>> {
        let ids: Vec<String> = self
            .conn
            .prepare_cached("SELECT id FROM people WHERE name = ?1 AND deleted = 0 LIMIT 2")?
            .query_map([name.trim()], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        match ids.as_slice() {
            [one] => Ok(Some(one.parse()?)),
            _ => Ok(None),
        }
    }

    /// Who works at this laptop.
    pub fn get_me(&self, _req: &GetMe) -> Result<Me> {
        let sync_user = self.sync_status()?.user;
        let by_sync = match &sync_user {
            Some(u) => self.only_person_named(u)?,
            None => None,
        };
        let chosen = match self.setting(ME)? {
            // a chosen person since removed from the register is forgotten, not an error
            Some(id) => id.parse().ok().filter(|id| self.person(*id).is_ok()),
            None => None,
        };
        let (person, source) = match (by_sync, chosen) {
            (Some(p), _) => (Some(self.person(p)?), MeSource::SyncUser),
            (None, Some(p)) => (Some(self.person(p)?), MeSource::Chosen),
            (None, None) => (None, MeSource::Unknown),
        };
        Ok(self.me_of(person, source, sync_user))
    }

    fn me_of(&self, person: Option<Person>, source: MeSource, sync_user: Option<String>) -> Me {
        let community_name = person
            .as_ref()
            .and_then(|p| self.place(p.community_id).ok())
            .map(|c| c.name);
        let mut grids: Vec<MyGrid> = Vec::new();
        for a in person.iter().flat_map(|p| &p.assignments) {
            if let Some(g) = a.grid_id.filter(|g| !grids.iter().any(|x| x.id == *g)) {
                grids.push(MyGrid {
                    id: g,
                    name: a.target_name.clone(),
                });
            }
        }
        let oversees = person.as_ref().is_some_and(|p| {
            p.roles
                .iter()
                .any(|r| matches!(r, Role::Admin | Role::VolunteerCoordinator))
        });
        Me {
            person,
            source,
            sync_user,
            community_name,
            grids,
            oversees,
            today: self.now().today(),
        }
    }

    /// Chooses who works at this laptop (or forgets the choice). Kept on this laptop only.
    pub fn set_me(&mut self, req: &SetMe) -> Result<Me> {
        match req.person_id {
            Some(p) => {
                if self.person(p).is_err() {
                    return Err(DomainError::invalid(
                        "person_id",
                        "登记册里没有这位工作人员，请从列表中选择",
                    )
                    .into());
                }
                self.conn.execute(
                    "INSERT INTO settings (key, value) VALUES (?1, ?2)
                     ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    params![ME, p.to_string()],
                )?;
            }
            None => {
                self.conn
                    .execute("DELETE FROM settings WHERE key = ?1", [ME])?;
            }
        }
        self.get_me(&GetMe {})
    }
}
