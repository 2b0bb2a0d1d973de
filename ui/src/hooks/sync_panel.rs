//! The Sync page's view of the background sync, asked for once a second while the page is shown
//! (so a running sync's counts move, and syncs that start by themselves show up).

use std::cell::Cell;
use std::rc::Rc;

use linli_protocol::{ApiError, SyncPanel, SyncStatusQuery};
use yew::prelude::*;

use crate::ipc;

const EVERY_MS: u32 = 1000;

/// The latest panel (`None` until the first answer), and a callback that asks again at once.
#[hook]
pub fn use_sync_panel() -> (Option<Result<SyncPanel, ApiError>>, Callback<()>) {
    let panel = use_state(|| None);
    let kick = use_state(|| 0u32);
    {
        let panel = panel.clone();
        use_effect_with(*kick, move |_| {
            let alive = Rc::new(Cell::new(true));
            let running = alive.clone();
            wasm_bindgen_futures::spawn_local(async move {
                while running.get() {
                    let res = ipc::call(&SyncStatusQuery {}).await;
                    if !running.get() {
                        break;
                    }
                    panel.set(Some(res));
                    gloo_timers::future::TimeoutFuture::new(EVERY_MS).await;
                }
            });
            move || alive.set(false)
        });
    }
    let refresh = {
        let kick = kick.clone();
        Callback::from(move |()| kick.set(*kick + 1))
    };
    ((*panel).clone(), refresh)
}
