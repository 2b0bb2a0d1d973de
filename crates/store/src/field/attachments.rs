//! Attachments: files (photos of a finished task, of a visit) kept by their sha256 in a `blobs/`
//! folder beside the database, one attachment fact per file and owner. The same bytes are kept
//! once however often they are attached. No thumbnails yet: lists show the photo itself.

use std::path::PathBuf;

use linli_domain::{DomainError, Id};
use linli_protocol::{AddAttachment, Attachment};
use serde_json::json;

use super::sha256_hex;
use crate::write::RowWrite;
use crate::{Error, Result, Store};

/// The largest file that may be attached.
pub const MAX_ATTACHMENT_BYTES: u64 = 5 * 1024 * 1024;

fn guess_mime(name: &str, bytes: &[u8]) -> &'static str {
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        return "image/jpeg";
    }
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        return "image/png";
    }
    if bytes.starts_with(b"%PDF") {
        return "application/pdf";
    }
    match name
        .rsplit('.')
        .next()
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("png") => "image/png",
        Some("webp") => "image/webp",
        Some("heic") => "image/heic",
        Some("pdf") => "application/pdf",
        Some("txt") => "text/plain",
        _ => "application/octet-stream",
    }
}

fn too_big(size: u64) -> Error {
    DomainError::invalid(
        "file",
        format!(
            "文件太大（{:.1} MB），附件最大 {} MB。请压缩照片或降低拍摄分辨率后再添加。",
            size as f64 / 1024.0 / 1024.0,
            MAX_ATTACHMENT_BYTES / 1024 / 1024
        ),
    )
    .into()
}

impl Store {
    /// The folder the blobs live in: `blobs/` beside the database file.
    pub fn blob_dir(&self) -> Result<PathBuf> {
        let path = self.path().ok_or_else(|| {
            Error::from(DomainError::invalid(
                "file",
                "内存中的数据库不能保存附件，请打开一个数据库文件",
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
            return Err(
                DomainError::invalid("hash", format!("“{hash}”不是有效的文件校验值")).into(),
            );
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
            Ok(Attachment {
                id: id.parse()?,
                owner_table: table.to_owned(),
                owner_id: owner,
                hash,
                size: size.max(0) as u64,
                mime,
                name,
            })
        })
        .collect()
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
                return Err(DomainError::invalid(
                    "owner_table",
                    format!("附件只能加到事项或走访记录上（收到“{other}”）"),
                )
                .into())
            }
        };
        let (bytes, name) = match (&req.path, &req.bytes) {
            (Some(p), None) => {
                let meta = std::fs::metadata(p).map_err(|e| {
                    Error::from(DomainError::invalid(
                        "path",
                        format!("无法读取文件{p}：{e}"),
                    ))
                })?;
                if meta.len() > MAX_ATTACHMENT_BYTES {
                    return Err(too_big(meta.len()));
                }
                let bytes = std::fs::read(p).map_err(|e| {
                    Error::from(DomainError::invalid(
                        "path",
                        format!("无法读取文件{p}：{e}"),
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
                return Err(
                    DomainError::invalid("path", "请给出一个文件（路径或内容，只给一个）").into(),
                )
            }
        };
        let size = bytes.len() as u64;
        if size > MAX_ATTACHMENT_BYTES {
            return Err(too_big(size));
        }
        if size == 0 {
            return Err(DomainError::invalid("file", "文件是空的").into());
        }
        let name = match req.name.trim() {
            "" => name,
            n => n.to_owned(),
        };
        let mime = req
            .mime
            .clone()
            .filter(|m| !m.trim().is_empty())
            .unwrap_or_else(|| guess_mime(&name, &bytes).to_owned());
        let hash = sha256_hex(&bytes);
        let target = self.blob_path(&hash)?;
        if !target.exists() {
            let dir = target.parent().unwrap_or(&target).to_owned();
            let write = || -> std::io::Result<()> {
                std::fs::create_dir_all(&dir)?;
                let tmp = dir.join(format!("{hash}.part"));
                std::fs::write(&tmp, &bytes)?;
                std::fs::rename(&tmp, &target)
            };
            write().map_err(|e| {
                Error::from(DomainError::invalid(
                    "file",
                    format!("无法保存附件到{}：{e}", dir.display()),
                ))
            })?;
        }
        let id = Id::new();
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
                ("at", json!(super::local_now())),
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
        })
    }
}
