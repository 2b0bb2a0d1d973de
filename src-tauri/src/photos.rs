//! Whole photos for the window's viewer, through a URI scheme of the shell's own (`linli-photo`,
//! issue 24): `<img src="linli-photo://localhost/<sha256>">` (`http://linli-photo.localhost/…`
//! where WebView2 runs). The bytes go from the blob file to WebKit's image decoder and nowhere
//! else: as a data URL (`get_attachment_file`) a 2 MB photo crossed the IPC as 2.7 MB of base64
//! text, was copied into the UI's wasm memory (which never gives memory back) and into the page
//! as an attribute, and the decoded image stayed in WebKit's memory cache under that URL. Answers
//! carry `Cache-Control: no-store`. A photo larger than [`linli_store::SCREEN_PX`] a side is
//! answered screen-sized (WebKit still keeps what it decoded; less of it).

use linli_protocol::{ApiError, ErrorKind};
use tauri::http::{header, Request, Response, StatusCode};
use tauri::{Manager, Runtime, UriSchemeContext, UriSchemeResponder};

use crate::Backend;

/// The scheme's name (the UI's `ipc::photo_url` names it too, and the CSP's `img-src` allows it).
pub const SCHEME: &str = "linli-photo";

/// A blob's name: its sha256 in lowercase hex, nothing else (never a path).
fn is_hash(s: &str) -> bool {
    s.len() == 64 && s.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

/// An image's type from its first bytes (what the store makes thumbnails of, and more); a file of
/// another kind is not a photo and is not served.
fn image_type(bytes: &[u8]) -> Option<&'static str> {
    match bytes {
        [0xFF, 0xD8, 0xFF, ..] => Some("image/jpeg"),
        [0x89, b'P', b'N', b'G', ..] => Some("image/png"),
        [b'G', b'I', b'F', b'8', ..] => Some("image/gif"),
        [b'R', b'I', b'F', b'F', _, _, _, _, b'W', b'E', b'B', b'P', ..] => Some("image/webp"),
        _ => None,
    }
}

impl Backend {
    /// The bytes of a photo kept on this laptop, by hash, and its type.
    pub fn photo(&self, hash: &str) -> Result<(&'static str, Vec<u8>), ApiError> {
        let not_found = || ApiError::new(ErrorKind::NotFound, "no such photo");
        if !is_hash(hash) {
            return Err(not_found());
        }
        let store = self.inner().store.clone()?;
        let bytes = {
            let store = store
                .lock()
                .map_err(|_| ApiError::new(ErrorKind::Internal, "数据库连接已损坏，请重启邻里"))?;
            store.blob_bytes(hash).map_err(|_| not_found())?
        };
        let mime = image_type(&bytes).ok_or_else(not_found)?;
        // a photo bigger than a screen is shown screen-sized: WebKit keeps a shown photo's
        // decoded bitmap after the viewer closes (17 MB for a 2400×1800 camera photo)
        match linli_store::screen_sized(&bytes, linli_store::SCREEN_PX) {
            Some(smaller) => Ok(("image/jpeg", smaller)),
            None => Ok((mime, bytes)),
        }
    }
}

fn answer(status: StatusCode, mime: &str, body: Vec<u8>) -> Response<Vec<u8>> {
    Response::builder()
        .status(status)
        .header(header::CONTENT_TYPE, mime)
        .header(header::CACHE_CONTROL, "no-store")
        .body(body)
        .unwrap_or_default()
}

/// Answers one request of the scheme on a thread of its own (the store may be busy).
pub fn handle<R: Runtime>(
    ctx: UriSchemeContext<'_, R>,
    request: Request<Vec<u8>>,
    responder: UriSchemeResponder,
) {
    let app = ctx.app_handle().clone();
    let hash = request.uri().path().trim_matches('/').to_owned();
    let spawned = std::thread::Builder::new()
        .name("linli-photo".into())
        .spawn(move || {
            let res = match app.state::<Backend>().photo(&hash) {
                Ok((mime, bytes)) => answer(StatusCode::OK, mime, bytes),
                Err(e) if e.kind == ErrorKind::NotFound => {
                    answer(StatusCode::NOT_FOUND, "text/plain", Vec::new())
                }
                Err(e) => answer(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "text/plain; charset=utf-8",
                    e.message.into_bytes(),
                ),
            };
            responder.respond(res);
        });
    if let Err(e) = spawned {
        eprintln!("linli-photo: no thread for a photo: {e}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_hash_names_a_photo() {
        assert!(is_hash(&"ab".repeat(32)));
        assert!(!is_hash("../linli.db"));
        assert!(!is_hash(&"AB".repeat(32)));
        assert!(!is_hash(&"ab".repeat(31)));
    }

    #[test]
    fn a_photo_is_known_by_its_first_bytes() {
        assert_eq!(image_type(&[0xFF, 0xD8, 0xFF, 0xE0]), Some("image/jpeg"));
        assert_eq!(image_type(b"\x89PNG\r\n"), Some("image/png"));
        assert_eq!(image_type(b"%PDF-1.7"), None);
    }
}
