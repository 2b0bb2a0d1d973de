//! The Sync page's login form: the server's address, the user and the password, an optional
//! county CA certificate (read from a file), sent as one `SyncLogin`; the error lands under the
//! field it is about. Plain `http://` to another machine is refused by the app until the person
//! ticks the box that appears with the refusal. Signed in already, the form signs in as someone
//! else: another user hands the laptop over, confirmed first (`pages::sync_handover`).

use linli_protocol::SyncLogin;
use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::hooks::use_texts;
use crate::ipc;
use crate::pages::sync_handover::{hands_over, HandoverConfirm, Previous, Stage};

#[derive(Properties, PartialEq)]
pub struct Props {
    /// Called after a successful login.
    pub on_done: Callback<()>,
    /// Who the laptop is signed in as, when the form signs in as someone else (换人登录).
    #[prop_or_default]
    pub previous: Option<Previous>,
    /// Closes the form (换人登录 cancelled); none on a laptop not signed in yet.
    #[prop_or_default]
    pub on_cancel: Option<Callback<()>>,
}

fn bind(state: &UseStateHandle<String>) -> Callback<InputEvent> {
    let state = state.clone();
    Callback::from(move |e: InputEvent| {
        state.set(e.target_unchecked_into::<HtmlInputElement>().value());
    })
}

#[function_component(SyncLoginForm)]
pub fn sync_login_form(props: &Props) -> Html {
    let t = &use_texts().sync;
    let server = {
        let was = props.previous.as_ref().map(|p| p.server.clone());
        use_state(move || was.unwrap_or_default())
    };
    let stage = use_state(|| Stage::Form);
    let user = use_state(String::new);
    let password = use_state(String::new);
    // (file name, PEM text)
    let ca = use_state(|| None as Option<(String, String)>);
    let insecure = use_state(|| false);
    let busy = use_state(|| false);
    // (field, message)
    let error = use_state(|| None as Option<(Option<String>, String)>);

    let on_ca = {
        let (ca, error) = (ca.clone(), error.clone());
        let unreadable = t.ca_unreadable;
        Callback::from(move |e: Event| {
            let Some(input) = e
                .target()
                .and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
            else {
                return;
            };
            let Some(file) = input.files().and_then(|f| f.get(0)) else {
                ca.set(None);
                return;
            };
            let (ca, error) = (ca.clone(), error.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let text = wasm_bindgen_futures::JsFuture::from(file.text())
                    .await
                    .ok()
                    .and_then(|v| v.as_string())
                    .filter(|s| s.contains("-----BEGIN CERTIFICATE-----"));
                match text {
                    Some(pem) => {
                        ca.set(Some((file.name(), pem)));
                        error.set(None);
                    }
                    None => {
                        ca.set(None);
                        error.set(Some((Some("ca".into()), unreadable.to_owned())));
                    }
                }
            });
        })
    };

    let on_insecure = {
        let insecure = insecure.clone();
        Callback::from(move |e: Event| {
            insecure.set(e.target_unchecked_into::<HtmlInputElement>().checked());
        })
    };

    // the role signed in with says what this laptop may show (fields by role, issue 16)
    let me = use_context::<crate::hooks::MeHandle>();
    // signs in; `hand_over` once the handover was confirmed, `discard` once the discard was
    let send = {
        let (server, user, password, busy, error) = (
            server.clone(),
            user.clone(),
            password.clone(),
            busy.clone(),
            error.clone(),
        );
        let (ca, insecure, stage) = (ca.clone(), insecure.clone(), stage.clone());
        let on_done = props.on_done.clone();
        let me = me.clone();
        Callback::from(move |(hand_over, discard): (bool, bool)| {
            if *busy {
                return;
            }
            busy.set(true);
            error.set(None);
            if hand_over {
                stage.set(Stage::Working);
            }
            let req = SyncLogin {
                server: (*server).clone(),
                user: (*user).clone(),
                password: (*password).clone(),
                ca_pem: ca.as_ref().map(|(_, pem)| pem.clone()),
                insecure: *insecure,
                hand_over,
                discard_unsent: discard,
            };
            let (busy, error, password, on_done, stage, me) = (
                busy.clone(),
                error.clone(),
                password.clone(),
                on_done.clone(),
                stage.clone(),
                me.clone(),
            );
            wasm_bindgen_futures::spawn_local(async move {
                match ipc::call(&req).await {
                    Ok(_) => {
                        password.set(String::new());
                        stage.set(Stage::Form);
                        if let (Some(me), Ok(m)) = (me, ipc::call(&linli_protocol::GetMe {}).await)
                        {
                            me.set(m);
                        }
                        on_done.emit(());
                    }
                    Err(e) => match e.code.as_deref() {
                        Some("sync_handover_unconfirmed") => stage.set(Stage::Confirm),
                        Some("sync_handover_unsent") => {
                            stage.set(Stage::Unsent(crate::i18n::say(&e)))
                        }
                        _ => {
                            stage.set(Stage::Form);
                            error.set(Some((e.field.clone(), crate::i18n::say(&e))));
                        }
                    },
                }
                busy.set(false);
            });
        })
    };
    let on_submit = {
        let (send, stage, user) = (send.clone(), stage.clone(), user.clone());
        let previous = props.previous.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if hands_over(previous.as_ref(), &user) {
                // another user: nothing is sent before the person confirmed the handover
                stage.set(Stage::Confirm);
            } else {
                send.emit((false, false));
            }
        })
    };
    let on_go = send.reform(|discard: bool| (true, discard));
    let on_back = {
        let stage = stage.clone();
        Callback::from(move |()| stage.set(Stage::Form))
    };

    // the box shows once the app refused plain http://, and stays while it is ticked
    let ask_insecure = *insecure
        || error
            .as_ref()
            .is_some_and(|(f, _)| f.as_deref() == Some("insecure"));
    let invalid = |field: &str| {
        error
            .as_ref()
            .is_some_and(|(f, _)| f.as_deref() == Some(field))
            .then_some("invalid")
    };

    let handover = &use_texts().handover;
    let asking = *stage != Stage::Form;
    html! {
        <form class="panel sync-login" id="sync-login" onsubmit={on_submit} novalidate=true>
            if let Some(p) = &props.previous {
                <h2>{handover.switch_user}</h2>
                <p class="muted" id="handover-intro">{(handover.switch_intro)(&p.user)}</p>
            } else {
                <p class="muted">{t.intro}</p>
            }
            <div class="form-row">
                <label class="field field-wide">
                    <span class="label">{t.server}</span>
                    <input id="sync-server" class={classes!("input", invalid("server"))}
                        placeholder={t.server_placeholder} value={(*server).clone()} oninput={bind(&server)} />
                </label>
                <label class="field">
                    <span class="label">{t.user}</span>
                    <input id="sync-user" class={classes!("input", invalid("user"))}
                        autocomplete="username" value={(*user).clone()} oninput={bind(&user)} />
                </label>
                <label class="field">
                    <span class="label">{t.password}</span>
                    <input id="sync-password" type="password" class={classes!("input", invalid("password"))}
                        autocomplete="current-password" value={(*password).clone()} oninput={bind(&password)} />
                </label>
                <label class="field field-wide">
                    <span class="label">{t.ca}</span>
                    <input id="sync-ca" type="file" accept=".pem,.crt,.cer"
                        class={classes!("input", invalid("ca"))} onchange={on_ca} />
                    if let Some((name, _)) = &*ca {
                        <span id="sync-ca-name" class="muted">{(t.ca_loaded)(name)}</span>
                    } else {
                        <span class="muted">{t.ca_hint}</span>
                    }
                </label>
                if ask_insecure {
                    <label class="field field-wide sync-insecure">
                        <input id="sync-insecure" type="checkbox" checked={*insecure} onchange={on_insecure} />
                        {" "}{t.insecure_confirm}
                    </label>
                }
                <button id="sync-login-submit" class="btn btn-primary" type="submit" disabled={*busy || asking}>
                    {if *busy { t.logging_in } else { t.login }}
                </button>
                if let Some(cancel) = &props.on_cancel {
                    <button id="sync-login-cancel" class="btn" type="button" disabled={*busy}
                        onclick={cancel.reform(|_: MouseEvent| ())}>{handover.cancel}</button>
                }
                if let Some((_, message)) = &*error {
                    <p id="sync-login-error" class="field-error" role="alert">{message}</p>
                }
            </div>
            if let (true, Some(p)) = (asking, &props.previous) {
                <HandoverConfirm previous={p.clone()} next={(*user).clone()} stage={(*stage).clone()}
                    on_go={on_go} on_cancel={on_back} />
            }
        </form>
    }
}
