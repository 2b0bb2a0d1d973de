//! An empty Tauri 2 window (issue 24): the same Tauri, WebKitGTK and window size as Linli's, a
//! page holding one line of text, and nothing else. The window benchmark
//! (`tests/examples/window_bench.rs`) measures its memory beside Linli's; build it with
//! `cargo build --release -p linli-desktop --example empty_window`. Draft (issue 24): it compiles
//! (clippy) but was never built as a binary or opened in the session that wrote it.

fn main() {
    let mut context = tauri::generate_context!();
    // Linli's own window is left out; the empty one is made below
    context.config_mut().app.windows.clear();
    tauri::Builder::default()
        .setup(|app| {
            let url = "data:text/html,<!doctype html><meta charset=utf-8><title>empty</title><p>empty</p>";
            tauri::WebviewWindowBuilder::new(
                app,
                "main",
                tauri::WebviewUrl::External(url.parse().expect("a data URL")),
            )
            .title("empty Tauri 2 window")
            .inner_size(1366.0, 768.0)
            .build()?;
            Ok(())
        })
        .run(context)
        .expect("an empty window");
}
