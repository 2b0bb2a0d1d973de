//! A hostile device in the simulation (issue 13): an enrolled grid worker speaking the protocol by
//! hand, who sends one poison at a time — a null where none may be, a value of the wrong type, a
//! clock ten years ahead, a granted place moved out from under its administrator or under a place
//! nobody knows, a visit filed as an entity, another change under a sequence already used — and
//! tries to take over another user's laptop. Every one must be refused; the honest laptops must
//! still converge, none stuck.

use std::collections::BTreeMap;

use linli_domain::{Hlc, Id};
use linli_protocol::sync::{
    Change, ChangeOutcome, EnrolRequest, EnrolResponse, PushRequest, PushResponse,
};
use linli_sync::{HttpTransport, Post, Transport};
use serde_json::{json, Value};

use crate::sync::world::Rng;

/// What the hostile device may aim at.
pub struct Targets {
    /// Households in the hostile device's own grant, and their building.
    pub households: Vec<(Id, Id)>,
    /// The hostile device's granted root and a place outside its grants.
    pub granted: Id,
    pub outside: Id,
    /// A device id of another user's laptop.
    pub victim: Id,
}

pub struct Hostile {
    device: Id,
    token: String,
    seq: i64,
    /// An accepted change, to send another change under its sequence.
    sent: Option<Change>,
    pub refused: usize,
}

fn now_ms() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as u64
}

fn post<T: serde::de::DeserializeOwned>(
    url: &str,
    path: &'static str,
    token: Option<&str>,
    body: &impl serde::Serialize,
) -> Result<T, u16> {
    let reply = HttpTransport::new(url)
        .post(Post {
            path,
            token: token.map(str::to_owned),
            body: linli_sync::encode(body),
        })
        .map_err(|_| 0u16)?;
    if reply.status != 200 {
        return Err(reply.status);
    }
    let json = linli_sync::decode_reply(&reply.body).map_err(|_| 1u16)?;
    serde_json::from_slice(&json).map_err(|_| 2u16)
}

impl Hostile {
    /// Enrols user `user` (password "pw") on a laptop of its own.
    pub fn enrol(url: &str, user: &str) -> Hostile {
        let device = Id::new();
        let resp: EnrolResponse = post(
            url,
            "/v1/enrol",
            None,
            &EnrolRequest {
                user: user.into(),
                password: "pw".into(),
                device_id: device,
                device_name: "hostile".into(),
            },
        )
        .unwrap();
        Hostile {
            device,
            token: resp.token,
            seq: 0,
            sent: None,
            refused: 0,
        }
    }

    fn change(&mut self, table: &str, row: Id, fields: Value, place: Option<Id>) -> Change {
        self.seq += 1;
        let fields: BTreeMap<String, Value> = serde_json::from_value(fields).unwrap();
        Change {
            change_id: Id::new(),
            device_id: self.device,
            device_seq: self.seq,
            hlc: Hlc::new(now_ms(), 0),
            author: None,
            scope_community: None,
            scope_grid: None,
            scope_place: place,
            table: table.into(),
            row_id: row,
            fields,
        }
    }

    /// Sends one poison, picked at random, and insists that the server refused it.
    pub fn attack(&mut self, url: &str, rng: &mut Rng, t: &Targets) {
        let (household, building) = t.households[rng.below(t.households.len() as u64) as usize];
        let mut fact_tables = vec!["visits".to_owned()];
        let poison = match rng.below(8) {
            0 => self.change(
                "households",
                household,
                json!({"room": null}),
                Some(building),
            ),
            1 => self.change(
                "households",
                household,
                json!({"floating": "很多"}),
                Some(building),
            ),
            2 => {
                let mut c = self.change(
                    "households",
                    household,
                    json!({"room": "未来"}),
                    Some(building),
                );
                c.hlc = Hlc::new(now_ms() + 10 * 365 * 86_400_000, 0);
                c
            }
            3 => self.change("places", t.granted, json!({"parent_id": null}), None),
            4 => self.change(
                "places",
                t.granted,
                json!({"parent_id": Id::new().to_string()}),
                None,
            ),
            5 => self.change(
                "places",
                t.granted,
                json!({"parent_id": t.outside.to_string()}),
                None,
            ),
            6 => {
                fact_tables.clear();
                self.change(
                    "visits",
                    Id::new(),
                    json!({"household_id": household.to_string(), "at": "2026-11-01 09:00"}),
                    Some(building),
                )
            }
            _ => {
                // another change under a sequence the server holds; first make one it accepts
                match self.sent.clone() {
                    Some(mut c) => {
                        c.change_id = Id::new();
                        c.fields = [("notes".to_owned(), json!("冒名"))].into();
                        c
                    }
                    None => {
                        let c = self.change(
                            "households",
                            household,
                            json!({"notes": "正常"}),
                            Some(building),
                        );
                        if self.push(url, c.clone(), fact_tables).is_some_and(|ok| ok) {
                            self.sent = Some(c);
                        }
                        return;
                    }
                }
            }
        };
        if let Some(accepted) = self.push(url, poison.clone(), fact_tables) {
            assert!(!accepted, "the server accepted a poison: {poison:?}");
            self.refused += 1;
        }
        // and a takeover of another user's laptop, now and then
        if rng.below(4) == 0 {
            let taken: Result<EnrolResponse, u16> = post(
                url,
                "/v1/enrol",
                None,
                &EnrolRequest {
                    user: "mallory".into(),
                    password: "pw".into(),
                    device_id: t.victim,
                    device_name: "not mine".into(),
                },
            );
            assert_eq!(taken.err(), Some(409), "a takeover was not refused");
        }
    }

    /// Pushes one change; whether it was accepted, `None` when the request failed.
    fn push(&mut self, url: &str, c: Change, fact_tables: Vec<String>) -> Option<bool> {
        let resp: PushResponse = post(
            url,
            "/v1/push",
            Some(&self.token),
            &PushRequest {
                changes: vec![c],
                fact_tables,
            },
        )
        .ok()?;
        Some(matches!(
            resp.results.first()?.outcome,
            ChangeOutcome::Accepted { .. }
        ))
    }
}
