//! How each linli-protocol request maps onto one store call. The desktop shell and `linli exec`
//! both come through here, so they cannot drift apart.

use linli_protocol::{AddPlace, ApiError, Command, ListPlaces, Reply, Request};

use crate::{Result, Store};

/// A request the store can carry out.
pub trait Execute: Command {
    fn execute(self, store: &mut Store) -> Result<Self::Response>;
}

impl Execute for ListPlaces {
    fn execute(self, store: &mut Store) -> Result<Vec<linli_protocol::Place>> {
        store.list_places(&self)
    }
}

impl Execute for AddPlace {
    fn execute(self, store: &mut Store) -> Result<linli_protocol::Place> {
        store.add_place(&self)
    }
}

fn reply<C: Execute>(req: C, store: &mut Store) -> Reply {
    match req.execute(store) {
        Ok(resp) => match serde_json::to_value(resp) {
            Ok(v) => Reply::Ok(v),
            Err(e) => Reply::Error(ApiError::from(crate::Error::from(e))),
        },
        Err(e) => Reply::Error(e.into()),
    }
}

macro_rules! dispatch {
    ($($name:ident => $ty:path),* $(,)?) => {
        impl Store {
            /// Carries out any request and wraps its answer as `linli exec` prints it.
            pub fn run(&mut self, req: Request) -> Reply {
                match req {
                    $(Request::$name(r) => reply(r, self),)*
                }
            }
        }
    };
}

linli_protocol::with_commands!(dispatch);
