//! The bytes of attachments: blobs kept by their sha256 beside the database, their thumbnails,
//! and what sync asks of them (which hashes are here, which are still to come).

use std::path::PathBuf;

use linli_domain::{args, msg, DomainError, Id};

use super::{data_url, too_big, MAX_ATTACHMENT_BYTES, THUMB_PX};
use crate::field::sha256_hex;
use crate::{Error, Result, Store};

impl Store {
    /// The folder the blobs live in: `blobs/` beside the database file.
    pub fn blob_dir(&self) -> Result<PathBuf> {
        let path = self.path().ok_or_else(|| {
            Error::from(DomainError::coded(
                "file",
                linli_domain::msg::ATTACH_IN_MEMORY,
                vec![],
            ))
        })?;
        Ok(path
            .parent()
            .map(|p| p.join("blobs"))
            .unwrap_or_else(|| PathBuf::from("blobs")))
    }

    /// Where the bytes of a hash are kept.
    pub fn blob_path(&self, hash: &str) -> Result<PathBuf> {
        if hash.len() != 64 || !hash.chars().all(|c| c.is_ascii_hexdigit()) {
            return Err(DomainError::coded("hash", msg::BAD_FILE_HASH, args![hash = hash]).into());
        }
        Ok(self.blob_dir()?.join(&hash[..2]).join(hash))
    }

    /// Writes bytes under their hash (a temporary file, fsynced, renamed into place, so a crash or
    /// a power cut leaves no half file under the real name) and makes the thumbnail of an image.
    pub(super) fn write_blob(&self, hash: &str, bytes: &[u8]) -> Result<()> {
        let target = self.blob_path(hash)?;
        if !target.exists() {
            let dir = target.parent().unwrap_or(&target).to_owned();
            let write = || -> std::io::Result<()> {
                std::fs::create_dir_all(&dir)?;
                crate::key::make_private(&dir);
                if let Some(blobs) = dir.parent() {
                    crate::key::make_private(blobs);
                }
                let tmp = dir.join(format!("{hash}.{}.part", Id::new()));
                // the bytes reach the disk before the file takes its real name, and the name
                // before the attachment row commits: a power cut leaves no short file under it
                let sealed = self.blob_file_bytes(hash, bytes);
                let written = (|| {
                    use std::io::Write as _;
                    let mut f = crate::key::create_private(&tmp)?;
                    f.write_all(&sealed)?;
                    f.sync_all()?;
                    std::fs::rename(&tmp, &target)
                })();
                if written.is_err() {
                    let _ = std::fs::remove_file(&tmp);
                }
                written?;
                // the folder's entry for the new name (Windows cannot open a folder this way and
                // makes the rename durable itself)
                #[cfg(unix)]
                std::fs::File::open(&dir)?.sync_all()?;
                Ok(())
            };
            write().map_err(|e| {
                Error::from(DomainError::coded(
                    "file",
                    msg::ATTACH_SAVE_FAILED,
                    args![dir = dir.display(), reason = e],
                ))
            })?;
        }
        self.ensure_thumb(hash, bytes);
        Ok(())
    }

    /// Where the thumbnail of a hash is kept: beside its blob.
    pub fn thumb_path(&self, hash: &str) -> Result<PathBuf> {
        let mut p = self.blob_path(hash)?;
        p.set_file_name(format!("{hash}.thumb.jpg"));
        Ok(p)
    }

    /// Makes the thumbnail of `bytes` if they are an image and it is missing. Bytes that are not
    /// a readable image (a PDF, a corrupt photo) get none; nothing fails.
    pub(super) fn ensure_thumb(&self, hash: &str, bytes: &[u8]) -> bool {
        let Ok(path) = self.thumb_path(hash) else {
            return false;
        };
        if path.exists() {
            return true;
        }
        let Some(jpeg) = make_thumbnail(bytes) else {
            return false;
        };
        let tmp = path.with_file_name(format!("{hash}.{}.thumb.part", Id::new()));
        let name = format!("{hash}.thumb.jpg");
        let sealed = self.blob_file_bytes(&name, &jpeg);
        let ok = crate::key::create_private(&tmp)
            .and_then(|mut f| std::io::Write::write_all(&mut f, &sealed))
            .is_ok()
            && std::fs::rename(&tmp, &path).is_ok();
        if !ok {
            let _ = std::fs::remove_file(&tmp);
        }
        ok
    }

    /// Whether the bytes are still to come by sync, and the thumbnail as a data URL (made again
    /// here if it went missing).
    pub(super) fn blob_view(&self, hash: &str, mime: &str) -> (bool, Option<String>) {
        let Ok(blob) = self.blob_path(hash) else {
            return (true, None);
        };
        if !blob.exists() {
            return (true, None);
        }
        if !mime.starts_with("image/") {
            return (false, None);
        }
        let thumb = self.thumb_path(hash).ok().and_then(|p| {
            if !p.exists() {
                let bytes = self.read_blob_file(&blob).ok()?;
                if !self.ensure_thumb(hash, &bytes) {
                    return None;
                }
            }
            self.read_blob_file(&p).ok()
        });
        (false, thumb.map(|t| data_url("image/jpeg", &t)))
    }

    /// Every hash an attachment row names, once.
    pub fn attachment_hashes(&self) -> Result<Vec<String>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT DISTINCT hash FROM attachments ORDER BY hash")?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The hashes whose bytes are on this laptop, and those an attachment row names but whose
    /// bytes have not arrived. Empty for a store in memory (it cannot hold files).
    pub fn blob_inventory(&self) -> Result<(Vec<String>, Vec<String>)> {
        if self.path().is_none() {
            return Ok((Vec::new(), Vec::new()));
        }
        let (mut here, mut missing) = (Vec::new(), Vec::new());
        for h in self.attachment_hashes()? {
            // a malformed hash from another laptop names no file and cannot travel
            if !linli_protocol::sync::is_blob_hash(&h) {
                continue;
            }
            match self.blob_path(&h) {
                Ok(p) if p.exists() => here.push(h),
                Ok(_) => missing.push(h),
                Err(_) => {}
            }
        }
        Ok((here, missing))
    }

    /// The bytes kept under a hash.
    pub fn blob_bytes(&self, hash: &str) -> Result<Vec<u8>> {
        let p = self.blob_path(hash)?;
        self.read_blob_file(&p).map_err(|e| {
            Error::from(DomainError::coded(
                "hash",
                msg::ATTACH_READ_FAILED,
                args![path = p.display(), reason = e],
            ))
        })
    }

    /// Keeps bytes that arrived by sync: refused unless their sha256 is `hash` and they are within
    /// the size limit; written atomically, with the thumbnail of an image.
    pub fn save_blob(&self, hash: &str, bytes: &[u8]) -> Result<()> {
        self.blob_path(hash)?;
        if bytes.len() as u64 > MAX_ATTACHMENT_BYTES {
            return Err(too_big(bytes.len() as u64));
        }
        if sha256_hex(bytes) != hash {
            return Err(
                DomainError::coded("hash", linli_domain::msg::BLOB_HASH_MISMATCH, vec![]).into(),
            );
        }
        self.write_blob(hash, bytes)
    }
}

/// The bytes as an image, if they are a JPEG or PNG image that decodes within limits (so a
/// crafted file cannot take all memory).
fn decode_limited(bytes: &[u8]) -> Option<image::DynamicImage> {
    let mut reader = image::ImageReader::new(std::io::Cursor::new(bytes))
        .with_guessed_format()
        .ok()?;
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(12_000);
    limits.max_image_height = Some(12_000);
    limits.max_alloc = Some(256 * 1024 * 1024);
    reader.limits(limits);
    reader.decode().ok()
}

fn jpeg(img: &image::RgbImage, quality: u8) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, quality)
        .encode_image(img)
        .ok()?;
    Some(out)
}

/// A JPEG thumbnail of at most [`THUMB_PX`] px a side, or `None` if the bytes are not a JPEG or
/// PNG image that decodes (within limits, so a crafted file cannot take all memory).
pub fn make_thumbnail(bytes: &[u8]) -> Option<Vec<u8>> {
    jpeg(
        &decode_limited(bytes)?
            .thumbnail(THUMB_PX, THUMB_PX)
            .to_rgb8(),
        80,
    )
}

/// The longest side, in pixels, of a photo as the window's viewer shows it: wider than a
/// 1366×768 or 1920×1080 laptop's screen can show of it.
pub const SCREEN_PX: u32 = 1600;

/// A JPEG of a photo at most `max_px` a side, or `None` when it is that small already or is not
/// a JPEG or PNG image that decodes. The viewer is given this instead of a camera's photo:
/// WebKit keeps a photo's decoded bitmap after the viewer is closed, 17 MB for a 2400×1800 one,
/// 7.7 MB at 1600×1200 (issue 24). The file kept, synced and exported is never changed.
pub fn screen_sized(bytes: &[u8], max_px: u32) -> Option<Vec<u8>> {
    let (w, h) = image::ImageReader::new(std::io::Cursor::new(bytes))
        .with_guessed_format()
        .ok()?
        .into_dimensions()
        .ok()?;
    if w <= max_px && h <= max_px {
        return None;
    }
    let img = decode_limited(bytes)?;
    jpeg(
        &img.resize(max_px, max_px, image::imageops::FilterType::Triangle)
            .to_rgb8(),
        85,
    )
}
