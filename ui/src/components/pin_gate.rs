//! The PIN screen (issue 16). Where no OS keystore holds the database's key, the key is wrapped
//! by a PIN the worker sets: the window asks for it before the app loads, and renders the app only
//! once the shell has opened the database. With a keystore (or `LINLI_PIN`) it shows nothing.
//! With no database at all it shows the first-start page instead (`pages::first_start`), and
//! hands the shell's answers on to the app through the [`Gate`] context.

use serde::{Deserialize, Serialize};
use yew::prelude::*;

use crate::app::{saved_lang, App};
use crate::i18n::Lang;
use crate::ipc::call_shell;
use crate::pages::first_start::{FirstStart, Gate};

/// The shell's `LockState`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct LockState {
    pub locked: bool,
    pub first: bool,
    pub min_chars: usize,
    /// The first-start page's step (`choose`, `join`, `new`), none once set up.
    #[serde(default)]
    pub start: Option<String>,
    /// The first-start demo is open.
    #[serde(default)]
    pub demo: bool,
}

/// The button that switches the language of a screen shown before the app (and remembers it).
pub fn lang_toggle(lang: &UseStateHandle<Lang>) -> Callback<MouseEvent> {
    let lang = lang.clone();
    Callback::from(move |_| {
        let next = lang.other();
        if let Some(s) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) {
            let _ = s.set_item("linli.lang", next.code());
        }
        lang.set(next);
    })
}

/// The shell's `UnlockAnswer`.
#[derive(Debug, Clone, Deserialize)]
struct UnlockAnswer {
    ok: bool,
    problem: String,
}

#[derive(Serialize)]
struct NoArgs {}

#[derive(Serialize)]
struct PinArgs {
    pin: String,
}

/// Asks the shell whether the database is locked; shows the PIN form until it is open, then the app.
#[function_component(PinGate)]
pub fn pin_gate() -> Html {
    let state = use_state(|| None::<LockState>);
    let lang = use_state(|| saved_lang().unwrap_or_default());
    let pin = use_state(String::new);
    let again = use_state(String::new);
    let busy = use_state(|| false);
    let error = use_state(|| None::<String>);
    {
        let state = state.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                let answer = call_shell::<_, LockState>("lock_state", &NoArgs {}).await;
                // an older shell without the command: nothing to unlock
                state.set(Some(answer.unwrap_or(LockState {
                    locked: false,
                    first: false,
                    min_chars: 0,
                    start: None,
                    demo: false,
                })));
            });
        });
    }
    let Some(lock) = (*state).clone() else {
        return html! {};
    };
    let set = {
        let state = state.clone();
        Callback::from(move |next: LockState| state.set(Some(next)))
    };
    if lock.start.as_deref() == Some("choose") {
        return html! { <FirstStart lang={lang.clone()} on_state={set} /> };
    }
    if !lock.locked {
        let gate = Gate { lock, set };
        return html! { <ContextProvider<Gate> context={gate}><App /></ContextProvider<Gate>> };
    }
    let t = &lang.texts().privacy;
    let bind = |h: &UseStateHandle<String>| {
        let h = h.clone();
        Callback::from(move |e: InputEvent| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            h.set(input.value());
        })
    };
    let on_submit = {
        let (state, pin, again, busy, error, lang) = (
            state.clone(),
            pin.clone(),
            again.clone(),
            busy.clone(),
            error.clone(),
            lang.clone(),
        );
        let lock = lock.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let t = &lang.texts().privacy;
            if lock.first && pin.chars().count() < lock.min_chars {
                error.set(Some((t.too_short)(lock.min_chars)));
                return;
            }
            if lock.first && *pin != *again {
                error.set(Some(t.mismatch.to_owned()));
                return;
            }
            if pin.is_empty() || *busy {
                return;
            }
            busy.set(true);
            error.set(None);
            let (state, pin, busy, error, lang, lock) = (
                state.clone(),
                pin.clone(),
                busy.clone(),
                error.clone(),
                lang.clone(),
                lock.clone(),
            );
            wasm_bindgen_futures::spawn_local(async move {
                let t = &lang.texts().privacy;
                let args = PinArgs {
                    pin: (*pin).clone(),
                };
                match call_shell::<_, UnlockAnswer>("unlock", &args).await {
                    Ok(a) if a.ok => state.set(Some(LockState {
                        locked: false,
                        ..lock
                    })),
                    Ok(a) => {
                        pin.set(String::new());
                        error.set(Some(match a.problem.as_str() {
                            "wrong_pin" => t.wrong.to_owned(),
                            "too_short" => (t.too_short)(lock.min_chars),
                            other => (t.failed)(other),
                        }));
                    }
                    Err(e) => error.set(Some((t.failed)(&e.message))),
                }
                busy.set(false);
            });
        })
    };
    let toggle = lang_toggle(&lang);
    let switch = lang.texts().switch_lang;
    html! {
        <div class="pin-screen" id="pin-screen" lang={lang.code()}>
            <form class="panel pin-panel" id="pin-form" onsubmit={on_submit} novalidate=true>
                <div class="brand">
                    <span class="brand-mark">{"邻"}</span>
                    <button id="pin-lang" class="btn btn-quiet" type="button" onclick={toggle}>{switch}</button>
                </div>
                <h1>{if lock.first { t.first_title } else { t.title }}</h1>
                <p class="muted">
                    {if lock.first { (t.first_intro)(lock.min_chars) } else { t.intro.to_owned() }}
                </p>
                <label class="field">
                    <span class="label">{t.pin}</span>
                    <input id="pin-input" type="password" class="input" autocomplete="off"
                        value={(*pin).clone()} oninput={bind(&pin)} />
                </label>
                if lock.first {
                    <label class="field">
                        <span class="label">{t.again}</span>
                        <input id="pin-again" type="password" class="input" autocomplete="off"
                            value={(*again).clone()} oninput={bind(&again)} />
                    </label>
                }
                <button id="pin-submit" class="btn btn-primary" type="submit" disabled={*busy}>
                    {if *busy { t.working } else if lock.first { t.set } else { t.unlock }}
                </button>
                if let Some(message) = &*error {
                    <p id="pin-error" class="field-error" role="alert">{message}</p>
                }
            </form>
        </div>
    }
}
