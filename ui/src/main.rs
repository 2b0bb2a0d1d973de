//! linli-ui: the Yew app that runs in the desktop window (wasm32). It speaks to the backend only
//! through linli-protocol requests, via `ipc.rs`, the one file that touches `__TAURI__`. It must
//! never depend on tokio, rusqlite or tauri (`cargo xtask test` checks its wasm32 tree).

mod app;
mod chart;
mod clock;
mod components;
mod forms;
mod hooks;
mod i18n;
mod ipc;
mod pages;
mod state;

fn main() {
    if let Some(boot) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("boot"))
    {
        boot.remove();
    }
    yew::Renderer::<components::pin_gate::PinGate>::new().render();
}
