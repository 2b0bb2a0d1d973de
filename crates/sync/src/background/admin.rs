//! 管理 (issue 22): the admin page's two requests, carried to the admin API of the server this
//! laptop is enrolled with, with its device token (the server allows only an administrator's).
//! Beside any running sync, like 测试连接; nothing is written on the laptop.

use std::sync::Mutex;

use linli_protocol::admin::{AdminOverview, ADMIN_ACT_PATH, ADMIN_OVERVIEW_PATH};
use linli_protocol::{AdminAct, AdminOverviewQuery, ApiError};
use linli_store::Store;
use serde::{de::DeserializeOwned, Serialize};

use super::{api_error, poisoned, Background, SyncRequest};
use crate::{Error, Retry};

/// One admin request to the enrolled server; a refusal comes back with the server's code.
fn ask<Req: Serialize, Resp: DeserializeOwned>(
    bg: &Background,
    store: &Mutex<Store>,
    path: &'static str,
    req: &Req,
) -> Result<Resp, ApiError> {
    let enrolment = store
        .lock()
        .map_err(|_| poisoned())?
        .enrolment()
        .map_err(ApiError::from)?
        .ok_or_else(|| api_error(Error::NotEnrolled))?;
    let mut transport = (bg.connect)(&enrolment.server);
    crate::wire::call(
        &mut *transport,
        path,
        Some(&enrolment.token),
        req,
        Retry::default(),
    )
    .map_err(api_error)
}

impl SyncRequest for AdminOverviewQuery {
    fn carry_out(self, bg: &Background, store: &Mutex<Store>) -> Result<AdminOverview, ApiError> {
        ask(bg, store, ADMIN_OVERVIEW_PATH, &self)
    }
}

impl SyncRequest for AdminAct {
    fn carry_out(self, bg: &Background, store: &Mutex<Store>) -> Result<AdminOverview, ApiError> {
        ask(bg, store, ADMIN_ACT_PATH, &self)
    }
}
