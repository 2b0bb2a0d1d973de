//! A notice on paper and in the WeChat group: the A4 poster (通知 in large type, the title, the
//! text, when and for whom, the residents' committee and the day), printed alone, and below it
//! (not printed) the plain text to paste into the residents' WeChat group with a button that
//! copies it.

use linli_domain::board::{zh_day, Audience};
use linli_protocol::Notice;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use crate::components::print::PrintButton;
use crate::hooks::use_texts;

#[derive(Properties, PartialEq)]
pub struct PosterProps {
    pub notice: Notice,
    pub on_back: Callback<()>,
}

const AREA: &str = "board-wechat-text";

/// Copies `text` to the clipboard: the Clipboard API where the window has it, else the text area
/// selected and the editing command `copy`. Answers whether it went.
async fn copy(text: String) -> bool {
    let Some(w) = web_sys::window() else {
        return false;
    };
    let clipboard = js_sys::Reflect::get(&w, &JsValue::from_str("navigator"))
        .and_then(|n| js_sys::Reflect::get(&n, &JsValue::from_str("clipboard")))
        .ok()
        .filter(|c| !c.is_undefined() && !c.is_null());
    if let Some(c) = clipboard {
        let write = js_sys::Reflect::get(&c, &JsValue::from_str("writeText"))
            .ok()
            .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
        if let Some(f) = write {
            if let Ok(p) = f.call1(&c, &JsValue::from_str(&text)) {
                if let Ok(p) = p.dyn_into::<js_sys::Promise>() {
                    if wasm_bindgen_futures::JsFuture::from(p).await.is_ok() {
                        return true;
                    }
                }
            }
        }
    }
    let Some(doc) = w.document() else {
        return false;
    };
    if let Some(area) = doc
        .get_element_by_id(AREA)
        .and_then(|e| e.dyn_into::<HtmlTextAreaElement>().ok())
    {
        area.select();
    }
    js_sys::Reflect::get(&doc, &JsValue::from_str("execCommand"))
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .and_then(|f| f.call1(&doc, &JsValue::from_str("copy")).ok())
        .and_then(|v| v.as_bool())
        .unwrap_or(false)
}

#[function_component(Poster)]
pub fn poster(p: &PosterProps) -> Html {
    let t = use_texts();
    let b = &t.board;
    let n = &p.notice;
    let f = &n.notice;
    let copied = use_state(|| None as Option<bool>);
    let onclick = {
        let copied = copied.clone();
        let text = n.wechat_text.clone();
        Callback::from(move |_: MouseEvent| {
            let (copied, text) = (copied.clone(), text.clone());
            wasm_bindgen_futures::spawn_local(async move {
                copied.set(Some(copy(text).await));
            });
        })
    };
    let dates = if f.start_date == f.end_date {
        zh_day(&f.start_date)
    } else {
        format!("{} — {}", zh_day(&f.start_date), zh_day(&f.end_date))
    };
    let back = p.on_back.reform(|_: MouseEvent| ());
    html! {
        <div class="nb-poster-view">
            <div class="form-row no-print">
                <button class="btn" id="board-poster-back" onclick={back}>{b.back}</button>
                <PrintButton id="board-poster-print" paged={false} />
            </div>
            <article class="nb-poster" id="board-poster">
                <h1 class="nb-poster-head">{b.poster_head}</h1>
                <h2 class="nb-poster-title">{f.title.clone()}</h2>
                <p class="nb-poster-text">{f.text.clone()}</p>
                <p class="nb-poster-line"><strong>{b.poster_time}{"："}</strong>{dates}</p>
                if f.audience != Audience::All {
                    <p class="nb-poster-line"><strong>{b.poster_for}{"："}</strong>{(b.audience_label)(f.audience)}</p>
                }
                <p class="nb-poster-from">{(b.poster_from)(&n.community_name)}</p>
                <p class="nb-poster-from">{zh_day(&f.start_date)}</p>
            </article>
            <div class="panel no-print nb-wechat">
                <h3>{b.wechat_title}</h3>
                <textarea class="input" id={AREA} rows="8" readonly=true value={n.wechat_text.clone()} />
                <div class="form-row">
                    <button class="btn btn-primary" id="board-copy-wechat" {onclick}>{b.copy_wechat}</button>
                    { match *copied {
                        Some(true) => html! { <span class="ok" id="board-copied" role="status">{b.copied}</span> },
                        Some(false) => html! { <span class="field-error" id="board-copy-failed" role="alert">{b.copy_failed}</span> },
                        None => html! {},
                    } }
                </div>
            </div>
        </div>
    }
}
