//! Photos and other attachments of a task or a visit: [`AttachmentList`] shows each as its
//! thumbnail (click: the full photo), a file icon with its name (not an image, or an image that
//! cannot be read), or "照片尚未同步" while its bytes have not come through sync; [`AttachPhoto`]
//! is the button that reads a file the user picks and attaches it. The full photo closes with its
//! 关闭 button or with Esc. A photo opens from the desktop shell's `linli-photo` scheme
//! (`ipc::photo_url`), never as a data URL held in the UI's memory (issue 24); another file comes
//! as a data URL to save.

use linli_domain::Id;
use linli_protocol::{AddAttachment, Attachment, AttachmentFile, GetAttachmentFile};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::hooks::{use_global_keydown, use_texts};
use crate::i18n::Texts;
use crate::ipc;

/// The largest file the store takes; checked here first so a big photo is not sent at all.
const MAX_BYTES: f64 = linli_protocol::sync::MAX_BLOB_BYTES as f64;

/// How one attachment shows in a list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Look {
    /// Its bytes are not on this laptop yet.
    Pending,
    Thumb,
    /// An image with no thumbnail: its bytes cannot be read as an image.
    Unreadable,
    /// Not an image: an icon and the name.
    File,
}

pub fn look(a: &Attachment) -> Look {
    if a.pending {
        Look::Pending
    } else if a.thumb.is_some() {
        Look::Thumb
    } else if a.mime.starts_with("image/") {
        Look::Unreadable
    } else {
        Look::File
    }
}

/// A file drawn as a sheet with a folded corner (no emoji: the window may have no emoji font).
fn file_icon() -> Html {
    html! {
        <svg class="file-icon" viewBox="0 0 24 24" width="32" height="32" aria-hidden="true">
            <path d="M6 2h8l5 5v15H6z" fill="none" stroke="currentColor" stroke-width="1.5" stroke-linejoin="round" />
            <path d="M14 2v5h5" fill="none" stroke="currentColor" stroke-width="1.5" stroke-linejoin="round" />
        </svg>
    }
}

/// The small, non-interactive picture of an attachment (on a task card, which is itself a button).
pub fn mini(t: &Texts, a: &Attachment) -> Html {
    match (look(a), &a.thumb) {
        (Look::Thumb, Some(src)) => html! {
            <img class="attachment-mini" src={src.clone()} alt={a.name.clone()} />
        },
        (Look::Pending, _) => html! {
            <span class="attachment-mini attachment-mini-pending" title={t.attach.pending}>{"…"}</span>
        },
        _ => {
            html! { <span class="attachment-mini attachment-mini-file" title={a.name.clone()}>{file_icon()}</span> }
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct AttachmentListProps {
    pub items: Vec<Attachment>,
}

/// What the viewer shows: a photo by its URL, or another file to save.
#[derive(Debug, Clone, PartialEq)]
enum Shown {
    Photo(String),
    File(AttachmentFile),
}

#[function_component(AttachmentList)]
pub fn attachment_list(props: &AttachmentListProps) -> Html {
    let t = use_texts();
    let viewer = use_state(|| None as Option<Result<Shown, String>>);
    let opening = use_state(|| false);
    {
        let viewer = viewer.clone();
        use_global_keydown(move |e: web_sys::KeyboardEvent| {
            if e.key() == "Escape" && matches!(*viewer, Some(Ok(_))) {
                e.prevent_default();
                viewer.set(None);
            }
        });
    }
    if props.items.is_empty() {
        return html! { <p class="muted" id="attachments-none">{t.attach.none}</p> };
    }
    let open_photo = |hash: &str| {
        let (viewer, url) = (viewer.clone(), ipc::photo_url(hash));
        Callback::from(move |_: MouseEvent| viewer.set(Some(Ok(Shown::Photo(url.clone())))))
    };
    let open = |hash: String| {
        let (viewer, opening) = (viewer.clone(), opening.clone());
        Callback::from(move |_: MouseEvent| {
            let (viewer, opening, hash) = (viewer.clone(), opening.clone(), hash.clone());
            opening.set(true);
            wasm_bindgen_futures::spawn_local(async move {
                let res = ipc::call(&GetAttachmentFile { hash }).await;
                viewer.set(Some(res.map(Shown::File).map_err(|e| crate::i18n::say(&e))));
                opening.set(false);
            });
        })
    };
    let failed = {
        let viewer = viewer.clone();
        Callback::from(move |_: Event| viewer.set(Some(Err(t.attach.read_failed.to_owned()))))
    };
    let close = {
        let viewer = viewer.clone();
        Callback::from(move |_: MouseEvent| viewer.set(None))
    };
    let item = |a: &Attachment| {
        let key = a.id.to_string();
        match (look(a), &a.thumb) {
            (Look::Thumb, Some(src)) => html! {
                <li {key} class="attachment" data-hash={a.hash.clone()}>
                    <button type="button" class="attachment-thumb" title={t.attach.open}
                        onclick={open_photo(&a.hash)}>
                        <img src={src.clone()} alt={a.name.clone()} />
                    </button>
                    <span class="attachment-name">{&a.name}</span>
                </li>
            },
            (Look::Pending, _) => html! {
                <li {key} class="attachment attachment-pending" data-hash={a.hash.clone()}
                    title={t.attach.pending_hint}>
                    <span class="attachment-placeholder">{t.attach.pending}</span>
                    <span class="attachment-name">{&a.name}</span>
                </li>
            },
            (look, _) => html! {
                <li {key} class="attachment attachment-file" data-hash={a.hash.clone()}>
                    <button type="button" class="attachment-icon" title={t.attach.open}
                        onclick={open(a.hash.clone())}>
                        {file_icon()}
                        if look == Look::Unreadable {
                            <span class="attachment-note">{t.attach.no_preview}</span>
                        }
                    </button>
                    <span class="attachment-name">{&a.name}</span>
                </li>
            },
        }
    };
    html! {
        <>
        <ul class="attachments" id="attachments">
            { for props.items.iter().map(item) }
        </ul>
        if *opening {
            <p class="muted">{t.attach.opening}</p>
        }
        { match &*viewer {
            None => html! {},
            Some(Err(m)) => html! { <p class="field-error" id="attachment-open-error" role="alert">{m}</p> },
            Some(Ok(shown)) => html! {
                <div class="photo-viewer" id="photo-viewer" role="dialog">
                    <button type="button" class="btn" id="photo-viewer-close" onclick={close}>{t.close}</button>
                    { match shown {
                        Shown::Photo(url) => html! { <img src={url.clone()} alt="" onerror={failed} /> },
                        Shown::File(f) if f.mime.starts_with("image/") => html! { <img src={f.data_url.clone()} alt="" /> },
                        Shown::File(f) => html! { <a href={f.data_url.clone()} download="">{&f.mime}</a> },
                    } }
                </div>
            },
        } }
        </>
    }
}

#[derive(Properties, PartialEq)]
pub struct AttachPhotoProps {
    /// "tasks", "visits", "lend_kinds" or "lend_copies".
    pub owner_table: &'static str,
    pub owner_id: Id,
    pub on_added: Callback<Attachment>,
    /// The file input's id (two of these on one screen need two).
    #[prop_or(AttrValue::Static("attach-file"))]
    pub input_id: AttrValue,
}

/// What is wrong with a file of `size` bytes before it is read, if anything.
pub fn too_big(t: &Texts, size: f64) -> Option<String> {
    (size > MAX_BYTES).then(|| (t.attach.too_big)(&format!("{:.1}", size / 1024.0 / 1024.0)))
}

#[function_component(AttachPhoto)]
pub fn attach_photo(props: &AttachPhotoProps) -> Html {
    let t = use_texts();
    let busy = use_state(|| false);
    let said = use_state(|| None as Option<Result<String, String>>);
    let onchange = {
        let (busy, said, on_added) = (busy.clone(), said.clone(), props.on_added.clone());
        let (owner_table, owner_id) = (props.owner_table, props.owner_id);
        Callback::from(move |e: Event| {
            let Some(input) = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            else {
                return;
            };
            let Some(file) = input.files().and_then(|f| f.get(0)) else {
                return;
            };
            input.set_value("");
            if let Some(m) = too_big(t, file.size()) {
                said.set(Some(Err(m)));
                return;
            }
            let (busy, said, on_added) = (busy.clone(), said.clone(), on_added.clone());
            busy.set(true);
            said.set(None);
            wasm_bindgen_futures::spawn_local(async move {
                let name = file.name();
                let mime = Some(file.type_()).filter(|m| !m.is_empty());
                let bytes = wasm_bindgen_futures::JsFuture::from(file.array_buffer())
                    .await
                    .map(|b| js_sys::Uint8Array::new(&b).to_vec());
                let res = match bytes {
                    Err(_) => Err(t.attach.read_failed.to_owned()),
                    Ok(bytes) => ipc::call(&AddAttachment {
                        owner_table: owner_table.to_owned(),
                        owner_id,
                        path: None,
                        bytes: Some(bytes),
                        name,
                        mime,
                    })
                    .await
                    .map_err(|e| crate::i18n::say(&e)),
                };
                match res {
                    Ok(a) => {
                        said.set(Some(Ok((t.attach.added)(&a.name))));
                        on_added.emit(a);
                    }
                    Err(m) => said.set(Some(Err(m))),
                }
                busy.set(false);
            });
        })
    };
    html! {
        <div class="attach-photo">
            <label class={classes!("btn", busy.then_some("disabled"))}>
                { if *busy { t.attach.adding } else { t.attach.add } }
                <input type="file" id={props.input_id.clone()} class="visually-hidden" accept="image/*,application/pdf"
                    disabled={*busy} {onchange} />
            </label>
            { match &*said {
                Some(Ok(m)) => html! { <span class="notice" id="attach-notice" role="status">{m}</span> },
                Some(Err(m)) => html! { <span class="field-error" id="attach-error" role="alert">{m}</span> },
                None => html! {},
            } }
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    fn attachment(mime: &str, pending: bool, thumb: Option<&str>) -> Attachment {
        Attachment {
            id: Id::from_uuid(linli_domain::id::Uuid::from_u128(1)),
            owner_table: "tasks".into(),
            owner_id: Id::from_uuid(linli_domain::id::Uuid::from_u128(2)),
            hash: "ab".repeat(32),
            size: 10,
            mime: mime.into(),
            name: "after.jpg".into(),
            pending,
            thumb: thumb.map(Into::into),
        }
    }

    #[test]
    fn each_attachment_shows_as_what_is_here() {
        assert_eq!(
            look(&attachment("image/jpeg", false, Some("data:"))),
            Look::Thumb
        );
        assert_eq!(look(&attachment("image/jpeg", true, None)), Look::Pending);
        assert_eq!(
            look(&attachment("image/jpeg", false, None)),
            Look::Unreadable
        );
        assert_eq!(
            look(&attachment("application/pdf", false, None)),
            Look::File
        );
    }

    #[test]
    fn a_file_over_five_megabytes_is_refused_before_it_is_read() {
        let t = Lang::Zh.texts();
        assert_eq!(too_big(t, 5.0 * 1024.0 * 1024.0), None);
        assert_eq!(
            too_big(t, 6.0 * 1024.0 * 1024.0).unwrap(),
            "文件太大（6.0 MB），附件最大 5 MB。请压缩照片或降低拍摄分辨率后再添加。"
        );
    }
}
