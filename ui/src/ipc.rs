//! The one door to the backend: `call(&request)` invokes the Tauri command named by the request's
//! type and decodes its typed response. Nothing else in the UI touches `window.__TAURI__`, and no
//! command name or argument struct is spelled by hand.

use linli_protocol::{ApiError, Command, ErrorKind};
use serde::Serialize;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_namespace = ["window", "__TAURI__", "core"], js_name = invoke)]
    async fn tauri_invoke(cmd: &str, args: JsValue) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(js_namespace = ["window", "__TAURI__", "core"], js_name = convertFileSrc)]
    fn convert_file_src(path: &str, protocol: &str) -> String;
}

/// Where the window loads a whole photo from: the desktop shell's `linli-photo` scheme
/// (`src-tauri/src/photos.rs`), by the photo's hash, so its bytes never pass through here.
pub fn photo_url(hash: &str) -> String {
    convert_file_src(hash, "linli-photo")
}

#[derive(Serialize)]
struct Args<'a, C> {
    req: &'a C,
}

/// Sends one request and waits for its response.
pub async fn call<C: Command>(req: &C) -> Result<C::Response, ApiError> {
    let ser = serde_wasm_bindgen::Serializer::json_compatible();
    let args = Args { req }
        .serialize(&ser)
        .map_err(|e| ApiError::new(ErrorKind::Internal, e.to_string()))?;
    match tauri_invoke(C::NAME, args).await {
        Ok(value) => serde_wasm_bindgen::from_value(value)
            .map_err(|e| ApiError::new(ErrorKind::Internal, format!("无法读取回应：{e}"))),
        Err(err) => Err(api_error(err)),
    }
}

/// A command's refusal: the `ApiError` it sent, else its words.
fn api_error(err: JsValue) -> ApiError {
    serde_wasm_bindgen::from_value::<ApiError>(err.clone()).unwrap_or_else(|_| {
        ApiError::new(
            ErrorKind::Internal,
            err.as_string().unwrap_or_else(|| format!("{err:?}")),
        )
    })
}

/// Invokes one of the shell's own commands (the PIN screen's `lock_state` and `unlock`, issue 16;
/// the first-start page's), which are not linli-protocol requests.
pub async fn call_shell<A: Serialize, T: serde::de::DeserializeOwned>(
    cmd: &str,
    args: &A,
) -> Result<T, ApiError> {
    let ser = serde_wasm_bindgen::Serializer::json_compatible();
    let args = args
        .serialize(&ser)
        .map_err(|e| ApiError::new(ErrorKind::Internal, e.to_string()))?;
    let value = tauri_invoke(cmd, args).await.map_err(api_error)?;
    serde_wasm_bindgen::from_value(value)
        .map_err(|e| ApiError::new(ErrorKind::Internal, format!("无法读取回应：{e}")))
}
