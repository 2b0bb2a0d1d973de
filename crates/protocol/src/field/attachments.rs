//! Attachments on the wire: files kept by their content hash, added to a row.

use linli_domain::Id;
use serde::{Deserialize, Serialize};

use crate::Command;

/// A file kept by its content hash in the `blobs/` folder beside the database.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attachment {
    pub id: Id,
    pub owner_table: String,
    pub owner_id: Id,
    /// sha256, lowercase hex.
    pub hash: String,
    pub size: u64,
    pub mime: String,
    pub name: String,
    /// The bytes are not on this laptop yet (another laptop attached them; sync brings them):
    /// shown as "照片尚未同步".
    #[serde(default)]
    pub pending: bool,
    /// A small JPEG of an image as a `data:` URL, for lists; none for other files, for bytes not
    /// here yet, and for an image that cannot be read.
    #[serde(default)]
    pub thumb: Option<String>,
}

/// The whole file of an attachment, to open a photo from its thumbnail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GetAttachmentFile {
    pub hash: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttachmentFile {
    pub hash: String,
    pub mime: String,
    /// `data:<mime>;base64,…`
    pub data_url: String,
}

impl Command for GetAttachmentFile {
    const NAME: &'static str = "get_attachment_file";
    type Response = AttachmentFile;
}

/// Attaches a file (a photo) to a task, a visit, a lending kind or copy: from a path on this
/// laptop, or bytes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AddAttachment {
    /// "tasks", "visits", "lend_kinds" or "lend_copies".
    pub owner_table: String,
    pub owner_id: Id,
    #[serde(default)]
    pub path: Option<String>,
    #[serde(default)]
    pub bytes: Option<Vec<u8>>,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub mime: Option<String>,
}

impl Command for AddAttachment {
    const NAME: &'static str = "add_attachment";
    type Response = Attachment;
}

/// The attachments of some tasks, visits, lending kinds or copies (a household's timeline shows
/// its visits' photos; 借还 a kind's photo and the photos taken as a copy came back).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListAttachments {
    /// "tasks", "visits", "lend_kinds" or "lend_copies".
    pub owner_table: String,
    pub owner_ids: Vec<Id>,
}

impl Command for ListAttachments {
    const NAME: &'static str = "list_attachments";
    type Response = Vec<Attachment>;
}
