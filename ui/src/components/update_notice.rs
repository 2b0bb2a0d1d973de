//! The update notice above every page (issue 22 item 4): the desktop shell checks the county's
//! server after each sync and keeps what it found; this asks it every few seconds
//! (`UpdateStatus`, a read of the shell's memory) and shows a verified newer version — what is
//! new, the installer's size — with 下载并安装 (`InstallUpdate`: download, check size and SHA-256,
//! start the installer) and 以后再说, or why a manifest was refused.

use linli_protocol::{ApiError, InstallUpdate, UpdateState, UpdateStatus};
use yew::prelude::*;

use crate::hooks::{use_app, use_texts};
use crate::i18n::Lang;
use crate::ipc;

const EVERY_MS: u32 = 3000;

#[function_component(UpdateNotice)]
pub fn update_notice() -> Html {
    let t = use_texts();
    let lang = use_app().lang;
    let state = use_state(|| None::<UpdateState>);
    // what "以后再说" put away: an offer's version or a refusal's code, until it changes
    let later = use_state(|| None::<String>);
    let busy = use_state(|| false);
    let error = use_state(|| None::<ApiError>);
    {
        let state = state.clone();
        use_effect_with((), move |_| {
            let alive = std::rc::Rc::new(std::cell::Cell::new(true));
            let running = alive.clone();
            wasm_bindgen_futures::spawn_local(async move {
                while running.get() {
                    if let Ok(s) = ipc::call(&UpdateStatus {}).await {
                        if !running.get() {
                            break;
                        }
                        if state.as_ref() != Some(&s) {
                            state.set(Some(s));
                        }
                    }
                    gloo_timers::future::TimeoutFuture::new(EVERY_MS).await;
                }
            });
            move || alive.set(false)
        });
    }
    let Some(s) = (*state).clone() else {
        return html! {};
    };
    let put_away = |key: String| {
        let later = later.clone();
        Callback::from(move |_: MouseEvent| later.set(Some(key.clone())))
    };
    if let Some(path) = &s.started {
        return html! {
            <div id="update-started" class="notice-bar update-notice" role="status">
                {(t.updates.started)(path)}
            </div>
        };
    }
    if let Some(offer) = s
        .offer
        .clone()
        .filter(|o| later.as_deref() != Some(o.version.as_str()))
    {
        let install = {
            let (busy, error, state) = (busy.clone(), error.clone(), state.clone());
            let version = offer.version.clone();
            Callback::from(move |_: MouseEvent| {
                let (busy, error, state) = (busy.clone(), error.clone(), state.clone());
                let req = InstallUpdate {
                    version: version.clone(),
                };
                busy.set(true);
                error.set(None);
                wasm_bindgen_futures::spawn_local(async move {
                    match ipc::call(&req).await {
                        Ok(s) => state.set(Some(s)),
                        Err(e) => error.set(Some(e)),
                    }
                    busy.set(false);
                });
            })
        };
        let notes = match lang {
            Lang::En if !offer.notes_en.is_empty() => offer.notes_en.clone(),
            _ if offer.notes_zh.is_empty() => offer.notes_en.clone(),
            _ => offer.notes_zh.clone(),
        };
        return html! {
            <div id="update-notice" class="notice-bar update-notice" role="status">
                <div class="update-text">
                    <strong id="update-version">{(t.updates.offered)(&offer.version, &s.current)}</strong>
                    <span id="update-size" class="hint">{(t.updates.size)(offer.size)}</span>
                    if !notes.is_empty() {
                        <p id="update-notes">{t.updates.whats_new}{" "}{notes}</p>
                    }
                    if *busy {
                        <p id="update-busy">{t.updates.busy}</p>
                    }
                    if let Some(e) = &*error {
                        <p id="update-error" class="error" role="alert">{t.updates.refused}{" "}{t.error(e)}</p>
                    }
                </div>
                <button id="update-install" class="btn btn-primary" disabled={*busy} onclick={install}>{t.updates.install}</button>
                <button id="update-later" class="btn" onclick={put_away(offer.version.clone())}>{t.updates.later}</button>
            </div>
        };
    }
    if let Some(problem) = s.problem.clone() {
        let key = problem.code.clone().unwrap_or_default();
        if later.as_deref() != Some(key.as_str()) {
            return html! {
                <div id="update-problem" class="notice-bar alert-warn update-notice" role="alert">
                    <span>{t.updates.refused}{" "}{t.error(&problem)}</span>
                    <button id="update-later" class="btn" onclick={put_away(key)}>{t.updates.later}</button>
                </div>
            };
        }
    }
    html! {}
}
