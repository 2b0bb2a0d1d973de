//! The Sync page's login form: the server's address, the user and the password, an optional
//! county CA certificate (read from a file), sent as one `SyncLogin`; the error lands under the
//! field it is about. Plain `http://` to another machine is refused by the app until the person
//! ticks the box that appears with the refusal.

use linli_protocol::SyncLogin;
use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::hooks::use_texts;
use crate::ipc;

#[derive(Properties, PartialEq)]
pub struct Props {
    /// Called after a successful login.
    pub on_done: Callback<()>,
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
    let server = use_state(String::new);
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
    let on_submit = {
        let (server, user, password, busy, error) = (
            server.clone(),
            user.clone(),
            password.clone(),
            busy.clone(),
            error.clone(),
        );
        let (ca, insecure) = (ca.clone(), insecure.clone());
        let on_done = props.on_done.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if *busy {
                return;
            }
            busy.set(true);
            error.set(None);
            let req = SyncLogin {
                server: (*server).clone(),
                user: (*user).clone(),
                password: (*password).clone(),
                ca_pem: ca.as_ref().map(|(_, pem)| pem.clone()),
                insecure: *insecure,
            };
            let (busy, error, password, on_done, me) = (
                busy.clone(),
                error.clone(),
                password.clone(),
                on_done.clone(),
                me.clone(),
            );
            wasm_bindgen_futures::spawn_local(async move {
                match ipc::call(&req).await {
                    Ok(_) => {
                        password.set(String::new());
                        if let (Some(me), Ok(m)) = (me, ipc::call(&linli_protocol::GetMe {}).await)
                        {
                            me.set(m);
                        }
                        on_done.emit(());
                    }
                    Err(e) => error.set(Some((e.field.clone(), crate::i18n::say(&e)))),
                }
                busy.set(false);
            });
        })
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

    html! {
        <form class="panel sync-login" id="sync-login" onsubmit={on_submit} novalidate=true>
            <p class="muted">{t.intro}</p>
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
                <button id="sync-login-submit" class="btn btn-primary" type="submit" disabled={*busy}>
                    {if *busy { t.logging_in } else { t.login }}
                </button>
                if let Some((_, message)) = &*error {
                    <p id="sync-login-error" class="field-error" role="alert">{message}</p>
                }
            </div>
        </form>
    }
}
