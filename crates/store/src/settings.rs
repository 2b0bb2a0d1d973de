//! This laptop's own settings, kept in the local `settings` table (never journaled, never
//! synced): who works at it. The sync protocol names a server user, not a person of the register
//! (`EnrolResponse` carries the user's id and role only), so the laptop links its sync account to
//! a person by name: the sync user's name, when exactly one person of the register bears it. "Me"
//! is that namesake once signed in, else the person chosen on this laptop (on first start, or in
//! 设置). 设置 says the link is by name and lets the worker choose another person: a choice made
//! while signed in as an account wins over that account's namesake (a namesake, or a shared
//! account), until the laptop signs in as another account.

use linli_domain::register::Role;
use linli_domain::{DomainError, Id};
use linli_protocol::{GetMe, Me, MeSource, MyGrid, Person, SetMe};
use rusqlite::{params, OptionalExtension};

use crate::{Result, Store};

pub(crate) const ME: &str = "me";
/// The sync account signed in when "me" was chosen ("" for none): the choice wins over that
/// account's namesake only.
pub(crate) const ME_UNDER: &str = "me_under_sync_user";

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
        let sync_user = self.sync_user()?;
        let by_sync = match &sync_user {
            Some(u) => self.only_person_named(u)?,
            None => None,
        };
        let chosen = match self.setting(ME)? {
            // a chosen person since removed from the register is forgotten, not an error
            Some(id) => id.parse().ok().filter(|id| self.person(*id).is_ok()),
            None => None,
        };
        // a choice made while signed in as this account wins over its namesake
        let chosen_here = chosen.is_some()
            && sync_user.is_some()
            && self.setting(ME_UNDER)?.as_deref() == sync_user.as_deref();
        let (person, source) = match (chosen, by_sync) {
            (Some(p), Some(_)) if chosen_here => (Some(self.person(p)?), MeSource::Chosen),
            (_, Some(p)) => (Some(self.person(p)?), MeSource::SyncUser),
            (Some(p), None) => (Some(self.person(p)?), MeSource::Chosen),
            (None, None) => (None, MeSource::Unknown),
        };
        let mut me = self.me_of(person, source, sync_user);
        me.sync_match = by_sync;
        me.withheld = self.withheld()?;
        me.admin = self.sync_role()? == Some(linli_protocol::sync::Role::Admin);
        Ok(me)
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
            sync_match: None,
            withheld: false,
            admin: false,
        }
    }

    /// Chooses who works at this laptop (or forgets the choice, so that the sync user's namesake,
    /// if any, is me again). Kept on this laptop only, with the sync account signed in at the
    /// time: the choice wins over that account's namesake, not over another account's.
    pub fn set_me(&mut self, req: &SetMe) -> Result<Me> {
        match req.person_id {
            Some(p) => {
                if self.person(p).is_err() {
                    return Err(DomainError::coded(
                        "person_id",
                        linli_domain::msg::STAFF_NOT_IN_REGISTER,
                        vec![],
                    )
                    .into());
                }
                let under = self.sync_user()?.unwrap_or_default();
                for (key, value) in [(ME, p.to_string()), (ME_UNDER, under)] {
                    self.conn.execute(
                        "INSERT INTO settings (key, value) VALUES (?1, ?2)
                         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                        params![key, value],
                    )?;
                }
            }
            None => {
                self.conn
                    .execute("DELETE FROM settings WHERE key IN (?1, ?2)", [ME, ME_UNDER])?;
            }
        }
        self.get_me(&GetMe {})
    }
}

#[cfg(test)]
#[path = "settings_tests.rs"]
mod tests;
