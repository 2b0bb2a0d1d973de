//! The Sync page's login form: the server's address, the user and the password, sent as one
//! `SyncLogin`; the error lands under the field it is about.

use linli_protocol::SyncLogin;
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
    let busy = use_state(|| false);
    // (field, message)
    let error = use_state(|| None as Option<(Option<String>, String)>);

    let on_submit = {
        let (server, user, password, busy, error) = (
            server.clone(),
            user.clone(),
            password.clone(),
            busy.clone(),
            error.clone(),
        );
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
            };
            let (busy, error, password, on_done) = (
                busy.clone(),
                error.clone(),
                password.clone(),
                on_done.clone(),
            );
            wasm_bindgen_futures::spawn_local(async move {
                match ipc::call(&req).await {
                    Ok(_) => {
                        password.set(String::new());
                        on_done.emit(());
                    }
                    Err(e) => error.set(Some((e.field, e.message))),
                }
                busy.set(false);
            });
        })
    };

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
