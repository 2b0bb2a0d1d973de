//! How each linli-protocol request maps onto one store call. The desktop shell and `linli exec`
//! both come through here, so they cannot drift apart.

use linli_protocol::*;

use crate::{Result, Store};

/// A request the store can carry out.
pub trait Execute: Command {
    fn execute(self, store: &mut Store) -> Result<Self::Response>;
}

/// Each request is carried out by the store method of the same name, given the request.
macro_rules! execute_by_method {
    ($($name:ident => $ty:path),* $(,)?) => {
        $(
            impl Execute for $ty {
                fn execute(self, store: &mut Store) -> Result<Self::Response> {
                    store.$name(&self)
                }
            }
        )*

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

linli_protocol::with_commands!(execute_by_method);

fn reply<C: Execute>(req: C, store: &mut Store) -> Reply {
    match req.execute(store) {
        Ok(resp) => match serde_json::to_value(resp) {
            Ok(v) => Reply::Ok(v),
            Err(e) => Reply::Error(ApiError::from(crate::Error::from(e))),
        },
        Err(e) => Reply::Error(e.into()),
    }
}
