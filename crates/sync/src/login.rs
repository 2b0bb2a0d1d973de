//! Signing in: enrolling this laptop with a password (`linli login`), and enrolling a new device
//! id with the current token after a `seq_conflict`.

use linli_domain::Id;
use linli_protocol::sync::{EnrolRequest, EnrolResponse, NewDeviceRequest};
use linli_store::Store;

use crate::wire::call;
use crate::{Engine, Error, Result, Retry, Transport};

/// Enrols this laptop (`linli login`): signs in with the password and stores the device token.
pub fn login(
    store: &mut Store,
    transport: &mut dyn Transport,
    server: &str,
    user: &str,
    password: &str,
    device_name: &str,
) -> Result<EnrolResponse> {
    let resp: EnrolResponse = call(
        transport,
        "/v1/enrol",
        None,
        &EnrolRequest {
            user: user.to_owned(),
            password: password.to_owned(),
            device_id: store.device_id(),
            device_name: device_name.to_owned(),
        },
        Retry::default(),
    )?;
    store.save_enrolment(&linli_store::Enrolment {
        server: server.to_owned(),
        user: user.to_owned(),
        token: resp.token.clone(),
    })?;
    store.save_sync_role(resp.role)?;
    store.observe_server_time(resp.server_time)?;
    // a file behind what the server holds under its id takes a new one, enrolled at the next sync
    store.catch_up_with_server(resp.last_seq)?;
    Ok(resp)
}

impl<T: Transport> Engine<T> {
    /// Enrols the store's new device id with the current token (`POST /v1/device`) and keeps the
    /// new token; answers it. An id the server already knows (a lost answer that was asked again,
    /// a replayed request) is answered 409: the laptop then takes yet another id, with the same
    /// journal entries, and asks again.
    pub(crate) fn enrol_new_device(
        &mut self,
        store: &mut Store,
        token: &str,
        mut device: Id,
    ) -> Result<String> {
        let mut attempts = 0;
        loop {
            let resp: Result<EnrolResponse> = call(
                &mut self.transport,
                "/v1/device",
                Some(token),
                &NewDeviceRequest {
                    device_id: device,
                    device_name: String::new(),
                },
                self.retry,
            );
            match resp {
                Ok(resp) => {
                    let mut e = store.enrolment()?.ok_or(Error::NotEnrolled)?;
                    e.token = resp.token.clone();
                    store.save_enrolment(&e)?;
                    store.observe_server_time(resp.server_time)?;
                    return Ok(resp.token);
                }
                Err(Error::Server { status: 409, .. }) if attempts < 3 => {
                    attempts += 1;
                    // nothing under this id reached the server: all of it moves on
                    device = store.take_new_device_id(&[], 0)?;
                }
                Err(e) => return Err(e),
            }
        }
    }
}
