//! Signing in: enrolling this laptop with a password (`linli login`), handing it over when the
//! user is another one than the enrolled (issue 16 item 4), and enrolling a new device id with the
//! current token after a `seq_conflict`.

use linli_domain::Id;
use linli_protocol::sync::{EnrolRequest, EnrolResponse, NewDeviceRequest};
use linli_store::Store;

use crate::wire::call;
use crate::{Engine, Error, HttpTransport, Report, Result, Retry, Transport, Trust};

/// What happens to the previous user's changes that cannot reach the server when the laptop is
/// handed to another user.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Unsent {
    /// Refuse ([`Error::Unsent`], nothing cleared): the default.
    #[default]
    Keep,
    /// Discard them: only after the person confirmed it (`--discard-unsent`, the window's
    /// second confirmation).
    Discard,
}

/// Enrols this laptop (`linli login`): signs in with the password and stores the device token.
/// Signing in as another user than the enrolled one hands the laptop over, refusing when the
/// previous user's changes cannot be sent ([`login_with`] with [`Unsent::Keep`]).
pub fn login(
    store: &mut Store,
    transport: &mut dyn Transport,
    server: &str,
    user: &str,
    password: &str,
    device_name: &str,
) -> Result<EnrolResponse> {
    login_with(
        store,
        transport,
        server,
        user,
        password,
        device_name,
        Unsent::Keep,
    )
}

/// [`login`], saying what happens to the previous user's unsent changes at a handover. A handover
/// first pushes the previous user's outbox and files under the previous token (to the previous
/// server); then signs the new user in under a new device id; only then clears the laptop
/// ([`Store::hand_over`]): a wrong password or an unreachable server clears nothing.
pub fn login_with(
    store: &mut Store,
    transport: &mut dyn Transport,
    server: &str,
    user: &str,
    password: &str,
    device_name: &str,
    unsent: Unsent,
) -> Result<EnrolResponse> {
    let Some(previous) = store.handover_from(user)? else {
        let resp = enrol(transport, user, password, store.device_id(), device_name)?;
        store.save_enrolment(&linli_store::Enrolment {
            server: server.to_owned(),
            user: user.to_owned(),
            token: resp.token.clone(),
        })?;
        store.save_sync_role(resp.role)?;
        store.observe_server_time(resp.server_time)?;
        // a file behind what the server holds under its id takes a new one, enrolled at the next sync
        store.catch_up_with_server(resp.last_seq)?;
        return Ok(resp);
    };
    let (changes, files, why) = if previous.server == server {
        push_previous(store, &mut *transport)
    } else {
        let trust = Trust::of(store)?;
        match HttpTransport::with_trust(&previous.server, &trust) {
            Ok(mut t) => push_previous(store, &mut t),
            Err(e) => Ok((store.outbox_len()?, 0, Some(e.to_string()))),
        }
    }?;
    if changes + files > 0 && unsent == Unsent::Keep {
        return Err(Error::Unsent {
            previous: previous.user,
            changes,
            files,
            why: why.unwrap_or_default(),
        });
    }
    // the new user's changes are numbered afresh under a device id of their own
    let device = Id::new();
    let resp = enrol(transport, user, password, device, device_name)?;
    store.hand_over(
        &linli_store::Enrolment {
            server: server.to_owned(),
            user: user.to_owned(),
            token: resp.token.clone(),
        },
        device,
    )?;
    store.save_sync_role(resp.role)?;
    store.observe_server_time(resp.server_time)?;
    Ok(resp)
}

/// Pushes the previous user's outbox and files with its token; answers what is left unsent (the
/// changes, and the files when the push got as far as them) and why.
fn push_previous(
    store: &mut Store,
    transport: &mut dyn Transport,
) -> Result<(u64, u64, Option<String>)> {
    let mut report = Report::default();
    match Engine::new(transport).push(store, &mut |_| {}, &mut report) {
        Ok(_) => Ok((
            store.outbox_len()?,
            report.blobs_pending,
            (report.blobs_pending > 0).then(|| "附件未上传 (files not uploaded)".to_owned()),
        )),
        Err(Error::Store(e)) => Err(Error::Store(e)),
        Err(e) => Ok((store.outbox_len()?, 0, Some(e.to_string()))),
    }
}

fn enrol(
    transport: &mut dyn Transport,
    user: &str,
    password: &str,
    device_id: Id,
    device_name: &str,
) -> Result<EnrolResponse> {
    call(
        transport,
        "/v1/enrol",
        None,
        &EnrolRequest {
            user: user.to_owned(),
            password: password.to_owned(),
            device_id,
            device_name: device_name.to_owned(),
        },
        Retry::default(),
    )
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
