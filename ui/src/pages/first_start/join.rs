//! 加入服务器 after the first start: the Sync page's own sign-in form (address, CA certificate,
//! user, password), then the first pull, which the background sync starts by itself after a
//! sign-in: its bar and counts while it runs, the number of records it brought once done, and
//! the way on to the app's pages. A pull that did not finish says why and can be tried again.

use linli_protocol::{SyncNow, SyncOutcome};
use yew::prelude::*;

use crate::components::progress::ProgressBar;
use crate::components::sync_login::SyncLoginForm;
use crate::hooks::{use_sync_panel, use_texts};
use crate::ipc;
use crate::pages::sync::{counts, share};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub on_done: Callback<()>,
}

#[function_component(JoinStep)]
pub fn join_step(props: &Props) -> Html {
    let texts = use_texts();
    let t = &texts.first;
    let (panel, refresh) = use_sync_panel();
    let signed_in = use_state(|| false);
    let on_signed_in = {
        let (signed_in, refresh) = (signed_in.clone(), refresh.clone());
        Callback::from(move |()| {
            signed_in.set(true);
            refresh.emit(());
        })
    };
    let again = {
        let refresh = refresh.clone();
        Callback::from(move |_: MouseEvent| {
            let after = refresh.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let _ = ipc::call(&SyncNow {}).await;
                after.emit(());
            });
            refresh.emit(());
        })
    };
    let panel = panel.and_then(Result::ok);
    let enrolled = *signed_in || panel.as_ref().is_some_and(|p| p.enrolled);
    if !enrolled {
        return html! {
            <>
                <p class="muted">{t.join_intro}</p>
                <SyncLoginForm on_done={on_signed_in} />
            </>
        };
    }
    let finish = props.on_done.reform(|_: MouseEvent| ());
    let running = panel.as_ref().and_then(|p| p.running);
    let last = panel.as_ref().and_then(|p| p.last.clone());
    let state = match (running, last) {
        (Some(r), _) => html! {
            <>
                <p class="sync-headline">{t.pulling}</p>
                <ProgressBar id="first-bar" value={share(&r)} active={r.pulling} />
                <p id="first-progress" class="sync-counts">{counts(&texts.sync, &r)}</p>
            </>
        },
        (None, Some(SyncOutcome::Synced { report, .. })) => html! {
            <>
                <ProgressBar id="first-bar" value={1.0} />
                <p id="first-pulled" class="sync-headline sync-ok">{"✓ "}{(t.pulled)(report.pulled)}</p>
                <button id="first-finish" class="btn btn-primary btn-large" onclick={finish}>{t.start_work}</button>
            </>
        },
        (None, Some(other)) => {
            let why = match other {
                SyncOutcome::Offline { .. } => texts.sync.offline.to_owned(),
                SyncOutcome::Failed {
                    message,
                    code,
                    args,
                    ..
                } => crate::i18n::say_coded(code.as_deref(), &args, &message),
                SyncOutcome::Synced { .. } => String::new(),
            };
            html! {
                <>
                    <p id="first-pull-failed" class="field-error" role="alert">{t.pull_failed}{why}</p>
                    <div class="form-row">
                        <button id="first-pull-again" class="btn btn-primary" onclick={again}>{t.pull_again}</button>
                        <button id="first-finish" class="btn" onclick={finish}>{t.start_work}</button>
                    </div>
                </>
            }
        }
        // signed in, the pull not begun yet
        (None, None) => html! {
            <>
                <p class="sync-headline">{t.pulling}</p>
                <ProgressBar id="first-bar" value={0.0} active=true />
            </>
        },
    };
    html! { <div class="sync-state first-pull" id="first-pull">{state}</div> }
}
