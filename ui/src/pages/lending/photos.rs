//! Photos at the station, by the app's one attachments mechanism (`components/attachments.rs`,
//! the store's `attachments` facts and `blobs/`): a kind's photo ([`KindPhotos`], owner
//! `lend_kinds`), a copy's photos — those taken as it came back and any added later
//! ([`CopyPhotos`], owner `lend_copies`) —, and [`PickPhoto`], the photos picked for a copy in
//! the return basket, sent with the return.

use std::rc::Rc;

use linli_domain::Id;
use linli_protocol::{Attachment, ListAttachments, NewPhoto};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::components::attachments::{too_big, AttachPhoto, AttachmentList};
use crate::hooks::use_texts;
use crate::ipc;

/// A photo picked for a copy coming back, sent with the return.
#[derive(Debug, Clone, PartialEq)]
pub struct Picked {
    pub name: String,
    pub mime: Option<String>,
    pub bytes: Rc<Vec<u8>>,
}

impl Picked {
    pub fn to_new(&self) -> NewPhoto {
        NewPhoto {
            name: self.name.clone(),
            mime: self.mime.clone(),
            bytes: (*self.bytes).clone(),
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct PickProps {
    /// The file input is `{id}-file`.
    pub id: AttrValue,
    pub photos: Vec<Picked>,
    pub on_change: Callback<Vec<Picked>>,
}

/// Photos picked for one line of the return basket: each read when picked (too big: said at
/// once), listed by name with ✕ to take it out.
#[function_component(PickPhoto)]
pub fn pick_photo(p: &PickProps) -> Html {
    let t = use_texts();
    let said = use_state(|| None as Option<String>);
    let onchange = {
        let (said, photos, on_change) = (said.clone(), p.photos.clone(), p.on_change.clone());
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
                said.set(Some(m));
                return;
            }
            said.set(None);
            let (said, photos, on_change) = (said.clone(), photos.clone(), on_change.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await {
                    Ok(b) => {
                        let mut next = photos;
                        next.push(Picked {
                            name: file.name(),
                            mime: Some(file.type_()).filter(|m| !m.is_empty()),
                            bytes: Rc::new(js_sys::Uint8Array::new(&b).to_vec()),
                        });
                        on_change.emit(next);
                    }
                    Err(_) => said.set(Some(t.attach.read_failed.to_owned())),
                }
            });
        })
    };
    html! {
        <div class="lend-photo-pick" id={p.id.clone()}>
            { for p.photos.iter().enumerate().map(|(i, ph)| {
                let remove = {
                    let (photos, on_change) = (p.photos.clone(), p.on_change.clone());
                    Callback::from(move |_| {
                        let mut next = photos.clone();
                        next.remove(i);
                        on_change.emit(next);
                    })
                };
                html! {
                    <span class="chip picked-photo">{&ph.name}
                        <button type="button" class="link" title={t.work.remove} onclick={remove}>{"✕"}</button>
                    </span>
                }
            }) }
            <label class="btn btn-small">
                {t.attach.add}
                <input type="file" id={format!("{}-file", p.id)} class="visually-hidden" accept="image/*" {onchange} />
            </label>
            if let Some(m) = &*said {
                <span class="field-error" role="alert">{m.clone()}</span>
            }
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct OwnerProps {
    pub id: Id,
    /// Shown above the photos.
    pub title: AttrValue,
}

/// The photos of one owner (a kind or a copy), with 添加照片; loads again after one is added.
#[hook]
fn use_photos(
    table: &'static str,
    id: Id,
) -> (UseStateHandle<Vec<Attachment>>, Callback<Attachment>) {
    let list = use_state(Vec::<Attachment>::new);
    let round = use_state(|| 0u32);
    {
        let list = list.clone();
        use_effect_with((id, *round), move |(id, _)| {
            let owner_ids = vec![*id];
            wasm_bindgen_futures::spawn_local(async move {
                let found = ipc::call(&ListAttachments {
                    owner_table: table.into(),
                    owner_ids,
                })
                .await
                .unwrap_or_default();
                list.set(found);
            });
        });
    }
    let added = Callback::from(move |_| round.set(*round + 1));
    (list, added)
}

fn photos_panel(
    table: &'static str,
    slug: &str,
    p: &OwnerProps,
    list: &[Attachment],
    added: Callback<Attachment>,
) -> Html {
    html! {
        <div class="lend-photos" id={format!("{slug}-photos")}>
            <h3>{p.title.clone()}</h3>
            <AttachmentList items={list.to_vec()} />
            <AttachPhoto owner_table={table} owner_id={p.id} on_added={added}
                input_id={format!("{slug}-photo-file")} />
        </div>
    }
}

/// A kind's photo (what the thing looks like), on 物品.
#[function_component(KindPhotos)]
pub fn kind_photos(p: &OwnerProps) -> Html {
    let (list, added) = use_photos("lend_kinds", p.id);
    photos_panel("lend_kinds", "kind", p, &list, added)
}

/// A copy's photos: those taken as it came back, and any added at the desk.
#[function_component(CopyPhotos)]
pub fn copy_photos(p: &OwnerProps) -> Html {
    let (list, added) = use_photos("lend_copies", p.id);
    photos_panel("lend_copies", "copy", p, &list, added)
}
