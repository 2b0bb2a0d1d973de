//! Attachments: files (photos of a finished task, of a visit) kept by their sha256 in a `blobs/`
//! folder beside the database (`blobs/ab/abcd…`), one attachment fact per file and owner. The same
//! bytes are kept once however often they are attached. An image gets a thumbnail (at most
//! [`THUMB_PX`] px, JPEG) beside its blob (`blobs/ab/abcd….thumb.jpg`): derived data, never
//! synced, made again whenever it is missing. The bytes travel through sync as blobs
//! (`linli-sync`); until they arrive an attachment row says `pending`.

use std::path::PathBuf;

use linli_domain::{args, msg, DomainError, Id};
use linli_protocol::{
    AddAttachment, Attachment, AttachmentFile, GetAttachmentFile, ListAttachments, NewPhoto,
};
use serde_json::json;

use super::sha256_hex;
use crate::write::{RowWrite, Scope, Writer};
use crate::{Error, Result, Store};

/// A photo sent with a form, checked and its bytes stored under their hash, waiting for its
/// attachment row to be written in the form's transaction ([`Store::stage_photo`]).
pub(crate) struct StagedPhoto {
    hash: String,
    size: u64,
    mime: String,
    name: String,
}

/// The largest file that may be attached (the server refuses bigger uploads too).
pub const MAX_ATTACHMENT_BYTES: u64 = linli_protocol::sync::MAX_BLOB_BYTES;

/// The longest side of a thumbnail, in pixels.
pub const THUMB_PX: u32 = 160;

/// The kinds of file an attachment may be (issue 17): photos and scanned forms.
pub const ALLOWED_MIME: [&str; 3] = ["image/jpeg", "image/png", "application/pdf"];

/// The kind of file `bytes` are by their first bytes, when it is one of [`ALLOWED_MIME`].
fn sniff(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if bytes.starts_with(b"%PDF") {
        Some("application/pdf")
    } else {
        None
    }
}

/// Refuses a file that is not a JPEG or PNG photo or a PDF, naming it; answers its kind (by its
/// content, not its name or what the caller declared).
fn allowed_kind(name: &str, declared: Option<&str>, bytes: &[u8]) -> Result<&'static str> {
    let refuse =
        || -> Error { DomainError::coded("file", msg::ATTACH_KIND, args![name = name]).into() };
    let kind = sniff(bytes).ok_or_else(refuse)?;
    match declared.map(str::trim).filter(|m| !m.is_empty()) {
        Some(m) if !ALLOWED_MIME.contains(&m.to_ascii_lowercase().as_str()) => Err(refuse()),
        _ => Ok(kind),
    }
}

fn too_big(size: u64) -> Error {
    DomainError::coded(
        "file",
        msg::FILE_TOO_BIG,
        args![
            size = format!("{:.1}", size as f64 / 1024.0 / 1024.0),
            max = MAX_ATTACHMENT_BYTES / 1024 / 1024
        ],
    )
    .into()
}

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

    pub(crate) fn attachments_of(&self, table: &str, owner: Id) -> Result<Vec<Attachment>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, hash, size, mime, name FROM attachments
             WHERE owner_table = ?1 AND owner_id = ?2 ORDER BY at, id",
        )?;
        let rows = stmt.query_map(rusqlite::params![table, owner.to_string()], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, i64>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
            ))
        })?;
        rows.map(|row| {
            let (id, hash, size, mime, name) = row?;
            let (pending, thumb) = self.blob_view(&hash, &mime);
            Ok(Attachment {
                id: id.parse()?,
                owner_table: table.to_owned(),
                owner_id: owner,
                hash,
                size: size.max(0) as u64,
                mime,
                name,
                pending,
                thumb,
            })
        })
        .collect()
    }

    /// The attachments of some tasks or visits, in the order of `owner_ids`.
    pub fn list_attachments(&self, req: &ListAttachments) -> Result<Vec<Attachment>> {
        let table = match req.owner_table.as_str() {
            t @ ("tasks" | "visits") => t,
            other => {
                return Err(DomainError::coded(
                    "owner_table",
                    msg::ATTACH_OWNER_TABLE,
                    args![table = other],
                )
                .into())
            }
        };
        let mut out = Vec::new();
        for id in &req.owner_ids {
            out.extend(self.attachments_of(table, *id)?);
        }
        Ok(out)
    }

    /// Stores a file by its hash beside the database and records it against a task or a visit.
    /// Refuses files over [`crate::MAX_ATTACHMENT_BYTES`] with a sentence saying what to do.
    pub fn add_attachment(&mut self, req: &AddAttachment) -> Result<Attachment> {
        let scope = match req.owner_table.as_str() {
            "tasks" => {
                let t = self.task(req.owner_id, None)?;
                match t.household_id {
                    Some(h) => self.household_scope_of(h)?,
                    None => crate::write::Scope {
                        community: t.community_id,
                        grid: None,
                        place: t.place_id.or(t.community_id),
                    },
                }
            }
            "visits" => {
                let v = self.visit(req.owner_id)?;
                self.household_scope_of(v.household_id)?
            }
            other => {
                return Err(DomainError::coded(
                    "owner_table",
                    msg::ATTACH_ADD_OWNER_TABLE,
                    args![table = other],
                )
                .into())
            }
        };
        let (bytes, name) = match (&req.path, &req.bytes) {
            (Some(p), None) => {
                let meta = std::fs::metadata(p).map_err(|e| {
                    Error::from(DomainError::coded(
                        "path",
                        msg::FILE_UNREADABLE,
                        args![path = p, reason = e],
                    ))
                })?;
                if meta.len() > MAX_ATTACHMENT_BYTES {
                    return Err(too_big(meta.len()));
                }
                let bytes = std::fs::read(p).map_err(|e| {
                    Error::from(DomainError::coded(
                        "path",
                        msg::FILE_UNREADABLE,
                        args![path = p, reason = e],
                    ))
                })?;
                let file_name = std::path::Path::new(p)
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                (bytes, file_name)
            }
            (None, Some(b)) => (b.clone(), String::new()),
            _ => {
                return Err(DomainError::coded(
                    "path",
                    linli_domain::msg::ATTACH_ONE_SOURCE,
                    vec![],
                )
                .into())
            }
        };
        let size = bytes.len() as u64;
        if size > MAX_ATTACHMENT_BYTES {
            return Err(too_big(size));
        }
        if size == 0 {
            return Err(DomainError::coded("file", linli_domain::msg::FILE_EMPTY, vec![]).into());
        }
        let name = match req.name.trim() {
            "" => name,
            n => n.to_owned(),
        };
        let mime = allowed_kind(&name, req.mime.as_deref(), &bytes)?.to_owned();
        let hash = sha256_hex(&bytes);
        self.write_blob(&hash, &bytes)?;
        let (pending, thumb) = self.blob_view(&hash, &mime);
        let id = self.next_id();
        let mut w = self.begin()?;
        w.insert_fact(RowWrite {
            table: "attachments",
            row_id: id,
            fields: vec![
                ("owner_table", json!(req.owner_table)),
                ("owner_id", json!(req.owner_id.to_string())),
                ("hash", json!(hash)),
                ("size", json!(size)),
                ("mime", json!(mime)),
                ("name", json!(name)),
                ("at", json!(w.now().stamp())),
            ],
            scope,
        })?;
        w.commit()?;
        Ok(Attachment {
            id,
            owner_table: req.owner_table.clone(),
            owner_id: req.owner_id,
            hash,
            size,
            mime,
            name,
            pending,
            thumb,
        })
    }

    /// Checks a photo sent with a form (size, kind by content) and stores its bytes, before the
    /// form's transaction: a refusal names the photo, and nothing of the form is written. Bytes
    /// stored for a form that then fails are harmless (kept by hash, referenced by nothing).
    pub(crate) fn stage_photo(&self, p: &NewPhoto) -> Result<StagedPhoto> {
        let size = p.bytes.len() as u64;
        let name = p.name.trim().to_owned();
        let named = |e: Error| -> Error {
            match e {
                Error::Invalid(d) if !d.to_string().contains(&name) => {
                    // the two refusals named here: an empty file, a file too big
                    let m = if d.code() == Some(msg::FILE_EMPTY.code) {
                        msg::PHOTO_EMPTY
                    } else {
                        msg::PHOTO_TOO_BIG
                    };
                    let mut a = args![name = name];
                    a.extend(d.args().iter().cloned());
                    DomainError::coded("photos", m, a).into()
                }
                e => e,
            }
        };
        if size > MAX_ATTACHMENT_BYTES {
            return Err(named(too_big(size)));
        }
        if size == 0 {
            return Err(named(
                DomainError::coded("file", linli_domain::msg::FILE_EMPTY, vec![]).into(),
            ));
        }
        let mime = allowed_kind(&name, p.mime.as_deref(), &p.bytes)?.to_owned();
        let hash = sha256_hex(&p.bytes);
        self.write_blob(&hash, &p.bytes)?;
        Ok(StagedPhoto {
            hash,
            size,
            mime,
            name,
        })
    }

    /// Writes bytes under their hash (a temporary file, fsynced, renamed into place, so a crash or
    /// a power cut leaves no half file under the real name) and makes the thumbnail of an image.
    fn write_blob(&self, hash: &str, bytes: &[u8]) -> Result<()> {
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
    fn ensure_thumb(&self, hash: &str, bytes: &[u8]) -> bool {
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
    fn blob_view(&self, hash: &str, mime: &str) -> (bool, Option<String>) {
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

    /// A whole attachment as a data URL, for opening a photo from its thumbnail.
    pub fn get_attachment_file(&self, req: &GetAttachmentFile) -> Result<AttachmentFile> {
        let mime: Option<String> = self
            .conn
            .query_row(
                "SELECT mime FROM attachments WHERE hash = ?1 LIMIT 1",
                [&req.hash],
                |r| r.get(0),
            )
            .optional_row()?;
        let Some(mime) = mime else {
            return Err(Error::NotFound {
                what: "附件",
                id: req.hash.clone(),
            });
        };
        let path = self.blob_path(&req.hash)?;
        if !path.exists() {
            return Err(
                DomainError::coded("hash", linli_domain::msg::PHOTO_NOT_SYNCED, vec![]).into(),
            );
        }
        let bytes = self.blob_bytes(&req.hash)?;
        Ok(AttachmentFile {
            hash: req.hash.clone(),
            mime: mime.clone(),
            data_url: data_url(&mime, &bytes),
        })
    }
}

/// Writes the attachment row of a staged photo inside a form's transaction.
pub(crate) fn write_staged(
    w: &mut Writer<'_>,
    owner: (&str, Id),
    photo: &StagedPhoto,
    scope: Scope,
) -> Result<()> {
    let (row_id, at) = (w.id(), w.now().stamp());
    w.insert_fact(RowWrite {
        table: "attachments",
        row_id,
        fields: vec![
            ("owner_table", json!(owner.0)),
            ("owner_id", json!(owner.1.to_string())),
            ("hash", json!(photo.hash)),
            ("size", json!(photo.size)),
            ("mime", json!(photo.mime)),
            ("name", json!(photo.name)),
            ("at", json!(at)),
        ],
        scope,
    })?;
    Ok(())
}

trait OptionalRow<T> {
    fn optional_row(self) -> rusqlite::Result<Option<T>>;
}

impl<T> OptionalRow<T> for rusqlite::Result<T> {
    fn optional_row(self) -> rusqlite::Result<Option<T>> {
        match self {
            Ok(v) => Ok(Some(v)),
            Err(rusqlite::Error::QueryReturnedNoRows) => Ok(None),
            Err(e) => Err(e),
        }
    }
}

fn data_url(mime: &str, bytes: &[u8]) -> String {
    use base64::Engine as _;
    format!(
        "data:{mime};base64,{}",
        base64::engine::general_purpose::STANDARD.encode(bytes)
    )
}

/// A JPEG thumbnail of at most [`THUMB_PX`] px a side, or `None` if the bytes are not a JPEG or
/// PNG image that decodes (within limits, so a crafted file cannot take all memory).
pub fn make_thumbnail(bytes: &[u8]) -> Option<Vec<u8>> {
    let mut reader = image::ImageReader::new(std::io::Cursor::new(bytes))
        .with_guessed_format()
        .ok()?;
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(12_000);
    limits.max_image_height = Some(12_000);
    limits.max_alloc = Some(256 * 1024 * 1024);
    reader.limits(limits);
    let img = reader.decode().ok()?;
    let small = img.thumbnail(THUMB_PX, THUMB_PX).to_rgb8();
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 80)
        .encode_image(&small)
        .ok()?;
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(w: u32, h: u32) -> Vec<u8> {
        let img = image::RgbImage::from_fn(w, h, |x, y| image::Rgb([x as u8, y as u8, 90]));
        let mut out = std::io::Cursor::new(Vec::new());
        img.write_to(&mut out, image::ImageFormat::Png).unwrap();
        out.into_inner()
    }

    #[test]
    fn only_jpeg_png_and_pdf_are_attached_and_a_refusal_names_the_file() {
        assert_eq!(
            allowed_kind("a.png", None, &png(4, 4)).unwrap(),
            "image/png"
        );
        assert_eq!(
            allowed_kind("scan", Some("application/pdf"), b"%PDF-1.7 ...").unwrap(),
            "application/pdf"
        );
        // by content, not by name or declared type
        assert_eq!(
            allowed_kind("x.png", Some("image/png"), &[0xFF, 0xD8, 0xFF, 0xE0]).unwrap(),
            "image/jpeg"
        );
        for (name, declared, bytes) in [
            ("宣传单.html", None, &b"<html><script>alert(1)</script>"[..]),
            ("note.txt", Some("text/plain"), &b"hello"[..]),
            (
                "disguised.svg",
                Some("image/svg+xml"),
                &b"\x89PNG\r\n\x1a\n"[..],
            ),
            ("photo.heic", None, &b"\0\0\0\x18ftypheic"[..]),
        ] {
            let err = allowed_kind(name, declared, bytes).unwrap_err().to_string();
            assert!(err.contains(name) && err.contains("image/jpeg"), "{err}");
        }
    }

    #[test]
    fn an_image_gets_a_small_jpeg_keeping_its_shape() {
        let thumb = make_thumbnail(&png(640, 320)).expect("a PNG decodes");
        assert!(thumb.starts_with(&[0xFF, 0xD8, 0xFF]), "a JPEG");
        let small = image::load_from_memory(&thumb).unwrap();
        assert_eq!((small.width(), small.height()), (THUMB_PX, THUMB_PX / 2));
    }

    #[test]
    fn corrupt_or_foreign_bytes_get_no_thumbnail() {
        let mut broken = png(64, 64);
        broken.truncate(40);
        assert_eq!(make_thumbnail(&broken), None);
        let fake_jpeg = [&[0xFF, 0xD8, 0xFF, 0xE0][..], &[7u8; 1000][..]].concat();
        assert_eq!(make_thumbnail(&fake_jpeg), None);
        assert_eq!(make_thumbnail(b"%PDF-1.7 not an image"), None);
    }
}
