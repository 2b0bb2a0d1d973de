//! The strings of photos and other attachments (照片), in both languages; `Texts::attach` holds
//! them.

/// Every string of the attachment list and the attach button.
#[derive(Debug)]
pub struct AttachTexts {
    pub photos: &'static str,
    pub none: &'static str,
    pub add: &'static str,
    pub adding: &'static str,
    pub added: fn(name: &str) -> String,
    /// Shown in place of a photo whose bytes have not come through sync yet.
    pub pending: &'static str,
    pub pending_hint: &'static str,
    /// Shown for an image that cannot be read (no thumbnail).
    pub no_preview: &'static str,
    pub open: &'static str,
    pub opening: &'static str,
    pub too_big: fn(mb: &str) -> String,
    pub read_failed: &'static str,
    pub count: fn(n: usize) -> String,
    /// On the Sync page: files that did not go up or come down this time.
    pub sync_pending: fn(n: u64) -> String,
}

pub const ZH: AttachTexts = AttachTexts {
    photos: "照片",
    none: "还没有照片。",
    add: "添加照片",
    adding: "正在保存照片…",
    added: |name| format!("已添加照片：{name}"),
    pending: "照片尚未同步",
    pending_hint: "这张照片由另一台电脑添加，联网同步后显示",
    no_preview: "无法预览",
    open: "点击查看大图",
    opening: "正在打开…",
    too_big: |mb| {
        format!("文件太大（{mb} MB），附件最大 5 MB。请压缩照片或降低拍摄分辨率后再添加。")
    },
    read_failed: "无法读取这个文件，请换一个文件再试",
    count: |n| format!("{n} 张照片"),
    sync_pending: |n| format!("{n} 个附件文件这次没能传完，下次同步会继续；其余数据都已同步。"),
};

pub const EN: AttachTexts = AttachTexts {
    photos: "Photos",
    none: "No photos yet.",
    add: "Add photo",
    adding: "Saving the photo…",
    added: |name| format!("Photo added: {name}"),
    pending: "Photo not synced yet",
    pending_hint: "Another laptop added this photo; it shows after the next sync",
    no_preview: "No preview",
    open: "Click to see it full size",
    opening: "Opening…",
    too_big: |mb| {
        format!("The file is too large ({mb} MB); attachments are at most 5 MB. Compress the photo or take it at a lower resolution.")
    },
    read_failed: "This file could not be read; try another one",
    count: |n| {
        if n == 1 {
            "1 photo".to_owned()
        } else {
            format!("{n} photos")
        }
    },
    sync_pending: |n| {
        format!("{n} attachment file(s) did not get through this time; the next sync carries on. Everything else is synced.")
    },
};
