//! An empty Tauri 2 window (issue 24): the same Tauri, WebKitGTK and window size as Linli's, a
//! page holding one line of text, and nothing else. The window benchmark
//! (`tests/benches/window/main.rs`, in `cargo xtask bench`) measures its memory and its launch
//! (it prints `loaded <ms since the epoch>` when its page has loaded) beside Linli's in the same
//! run; `cargo xtask bench window` builds it (`cargo build --release -p linli-desktop
//! --example empty_window`).

/// The empty page, served by a URI scheme of the example's own (data URLs need a Tauri feature
/// Linli does not enable; the app's assets are Linli's UI).
const PAGE: &str = "<!doctype html><meta charset=utf-8><title>empty</title><p>empty</p>";

fn main() {
    let mut context = tauri::generate_context!();
    // Linli's own window is left out; the empty one is made below
    context.config_mut().app.windows.clear();
    tauri::Builder::default()
        .register_uri_scheme_protocol("empty", |_ctx, _request| {
            tauri::http::Response::builder()
                .header("Content-Type", "text/html; charset=utf-8")
                .body(PAGE.as_bytes().to_vec())
                .unwrap_or_default()
        })
        .setup(|app| {
            // WebView2 reaches a custom scheme as http://<scheme>.localhost, WebKitGTK as <scheme>://
            let url = if cfg!(windows) {
                "http://empty.localhost/"
            } else {
                "empty://localhost/"
            };
            tauri::WebviewWindowBuilder::new(
                app,
                "main",
                tauri::WebviewUrl::CustomProtocol(url.parse().expect("the empty page's URL")),
            )
            .title("empty Tauri 2 window")
            .inner_size(1366.0, 768.0)
            // when its one line is loaded, in milliseconds since the epoch: the bench's floor
            // for a launch (process start → content) with this Tauri and WebKit
            .on_page_load(|_window, payload| {
                if payload.event() == tauri::webview::PageLoadEvent::Finished {
                    let at = std::time::SystemTime::now()
                        .duration_since(std::time::UNIX_EPOCH)
                        .unwrap_or_default();
                    println!("loaded {}", at.as_millis());
                }
            })
            .build()?;
            Ok(())
        })
        .run(context)
        .expect("an empty window");
}
