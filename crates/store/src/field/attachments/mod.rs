//! Attachments: files (photos of a finished task, of a visit, of a lending kind or a copy) kept by their sha256 in a `blobs/`
//! folder beside the database (`blobs/ab/abcd…`), one attachment fact per file and owner. The same
//! bytes are kept once however often they are attached. An image gets a thumbnail (at most
//! [`THUMB_PX`] px, JPEG) beside its blob (`blobs/ab/abcd….thumb.jpg`): derived data, never
//! synced, made again whenever it is missing. The bytes travel through sync as blobs
//! (`linli-sync`); until they arrive an attachment row says `pending`.

mod blobs;
pub use blobs::{screen_sized, SCREEN_PX};
#[cfg(test)]
mod tests;

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
    pub(crate) fn attachments_of(&self, table: &str, owner: Id) -> Result<Vec<Attachment>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, hash, size, mime, name FROM attachments
             WHERE owner_table = ?1 AND owner_id = ?2 ORDER BY at, id",
        )?;
        let rows = stmt.query_map(rusqlite::params![table, owner.to_string()], |r| {
            Ok(Attachment {
                id: r.get("id")?,
                owner_table: table.to_owned(),
                owner_id: owner,
                hash: r.get("hash")?,
                size: r.get::<_, i64>("size")?.max(0) as u64,
                mime: r.get("mime")?,
                name: r.get("name")?,
                pending: false,
                thumb: None,
            })
        })?;
        rows.map(|row| {
            let mut a = row?;
            (a.pending, a.thumb) = self.blob_view(&a.hash, &a.mime);
            Ok(a)
        })
        .collect()
    }

    /// The attachments of some tasks, visits, lending kinds or copies, in the order of `owner_ids`.
    pub fn list_attachments(&self, req: &ListAttachments) -> Result<Vec<Attachment>> {
        let table = match req.owner_table.as_str() {
            t @ ("tasks" | "visits" | "lend_kinds" | "lend_copies" | "patrol_findings") => t,
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

    /// Stores a file by its hash beside the database and records it against a task, a visit, a
    /// lending kind or a copy.
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
            // a patrol finding's photo (issue 25, docs/patrols.md)
            "patrol_findings" => crate::patrols::finding_scope(&self.conn, req.owner_id)?,
            // 米邻驿站: a kind's photo, a copy's (issue 19)
            t @ ("lend_kinds" | "lend_copies") => {
                crate::lending::photo_scope(&self.conn, t, req.owner_id)?
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
