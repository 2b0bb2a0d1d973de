//! The first start (issue 22 item 2). With no database at launch the shell says `start: choose`,
//! and the window shows [`FirstStart`] instead of the app: 加入服务器, 新建社区 or 看示范. The first
//! two make the database (after the PIN screen where one is needed) and the app then shows
//! [`Setup`] in place of its pages until the step is done: signing in on the Sync page's own form
//! and the first pull ([`join`]), or the county → town → community chain and the register import
//! of 报表 ([`new_community`]). The demo opens the app with [`DemoBanner`] over every page, and a
//! way back to the first-start page that removes the demo.

mod join;
mod new_community;

use serde::Serialize;
use yew::prelude::*;

use crate::components::pin_gate::{lang_toggle, LockState};
use crate::hooks::{use_app, use_texts};
use crate::i18n::Lang;
use crate::ipc::call_shell;
use crate::state::Action;

/// The shell's answer about the first start, and how to pass on its next one: the pages before
/// the app (`PinGate`) provide it to the app.
#[derive(Clone, PartialEq)]
pub struct Gate {
    pub lock: LockState,
    pub set: Callback<LockState>,
}

/// The step of a database made on the first-start page that is not set up yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Join,
    New,
}

impl Gate {
    pub fn step(&self) -> Option<Step> {
        match self.lock.start.as_deref() {
            Some("join") => Some(Step::Join),
            Some("new") => Some(Step::New),
            _ => None,
        }
    }
}

#[derive(Serialize)]
struct ChoiceArgs {
    choice: &'static str,
}

#[derive(Serialize)]
struct NoArgs {}

/// Asks the shell `cmd` and passes its answer on (or says what went wrong).
fn ask_shell<A: Serialize + 'static>(
    cmd: &'static str,
    args: A,
    on_state: Callback<LockState>,
    error: UseStateHandle<Option<String>>,
    busy: Option<UseStateHandle<Option<&'static str>>>,
) {
    wasm_bindgen_futures::spawn_local(async move {
        match call_shell::<_, LockState>(cmd, &args).await {
            Ok(lock) => on_state.emit(lock),
            Err(e) => {
                error.set(Some(crate::i18n::say(&e)));
                if let Some(busy) = busy {
                    busy.set(None);
                }
            }
        }
    });
}

#[derive(Properties, PartialEq)]
pub struct FirstStartProps {
    pub lang: UseStateHandle<Lang>,
    pub on_state: Callback<LockState>,
}

/// The three ways to start.
#[function_component(FirstStart)]
pub fn first_start(props: &FirstStartProps) -> Html {
    let lang = props.lang.clone();
    // the app may have switched the language meanwhile (leaving the demo)
    {
        let lang = lang.clone();
        use_effect_with((), move |_| {
            if let Some(saved) = crate::app::saved_lang() {
                lang.set(saved);
            }
        });
    }
    // the shell's refusals are said in this screen's language
    crate::i18n::set_lang(*lang);
    let texts = lang.texts();
    let t = &texts.first;
    let busy = use_state(|| None as Option<&'static str>);
    let error = use_state(|| None as Option<String>);
    let choose = |choice: &'static str| {
        let (busy, error, on_state) = (busy.clone(), error.clone(), props.on_state.clone());
        Callback::from(move |_: MouseEvent| {
            if busy.is_some() {
                return;
            }
            busy.set(Some(choice));
            error.set(None);
            let args = ChoiceArgs { choice };
            ask_shell(
                "first_start_choose",
                args,
                on_state.clone(),
                error.clone(),
                Some(busy.clone()),
            );
        })
    };
    let card = |id: &'static str, choice: &'static str, name: &'static str, note: &'static str| {
        html! {
            <button id={id} class="first-choice" type="button" disabled={busy.is_some()}
                onclick={choose(choice)}>
                <strong>{name}</strong>
                <span class="muted">{note}</span>
            </button>
        }
    };
    let working = match *busy {
        Some("demo") => Some(t.making_demo),
        Some(_) => Some(t.preparing),
        None => None,
    };
    html! {
        <div class="pin-screen first-start" id="first-start" lang={lang.code()}>
            <div class="panel first-start-panel">
                <div class="brand">
                    <span class="brand-mark">{"邻"}</span>
                    <button id="first-lang" class="btn btn-quiet" type="button"
                        onclick={lang_toggle(&lang)}>{texts.switch_lang}</button>
                </div>
                <h1>{t.title}</h1>
                <p class="muted">{t.intro}</p>
                <div class="first-choices">
                    {card("first-join", "join", t.join, t.join_note)}
                    {card("first-new", "new", t.new, t.new_note)}
                    {card("first-demo", "demo", t.demo, t.demo_note)}
                </div>
                if let Some(words) = working {
                    <div id="first-busy" role="status">
                        <crate::components::progress::ProgressBar value={0.5} active=true />
                        <p class="muted">{words}</p>
                    </div>
                }
                if let Some(message) = &*error {
                    <p id="first-error" class="field-error" role="alert">{(t.failed)(message)}</p>
                }
            </div>
        </div>
    }
}

/// The step after 加入服务器 or 新建社区, in place of the app's pages until it is done.
#[function_component(Setup)]
pub fn setup() -> Html {
    let app = use_app();
    let texts = use_texts();
    let gate = use_context::<Gate>();
    let error = use_state(|| None as Option<String>);
    let Some(gate) = gate else {
        return html! {};
    };
    let on_done = {
        let (set, error) = (gate.set.clone(), error.clone());
        Callback::from(move |()| {
            ask_shell(
                "first_start_done",
                NoArgs {},
                set.clone(),
                error.clone(),
                None,
            )
        })
    };
    let (title, body) = match gate.step() {
        Some(Step::Join) => (
            texts.first.join,
            html! { <join::JoinStep on_done={on_done} /> },
        ),
        _ => (
            texts.first.new,
            html! { <new_community::NewCommunity on_done={on_done} /> },
        ),
    };
    let toggle = {
        let app = app.clone();
        Callback::from(move |_: MouseEvent| app.dispatch(Action::ToggleLang))
    };
    html! {
        <div class="first-start first-setup" id="first-setup">
            <div class="panel first-start-panel first-setup-panel">
                <div class="brand">
                    <span class="brand-mark">{"邻"}</span>
                    <button id="first-lang" class="btn btn-quiet" type="button" onclick={toggle}>
                        {texts.switch_lang}
                    </button>
                </div>
                <h1>{title}</h1>
                {body}
                if let Some(message) = &*error {
                    <p id="first-error" class="field-error" role="alert">{(texts.first.failed)(message)}</p>
                }
            </div>
        </div>
    }
}

/// The demo's banner over every page, with the way out of it (asked twice: it deletes the demo).
#[function_component(DemoBanner)]
pub fn demo_banner() -> Html {
    let t = &use_texts().first;
    let gate = use_context::<Gate>();
    let asking = use_state(|| false);
    let error = use_state(|| None as Option<String>);
    let ask = {
        let asking = asking.clone();
        Callback::from(move |_: MouseEvent| asking.set(!*asking))
    };
    let leave = {
        let error = error.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(g) = &gate {
                ask_shell("leave_demo", NoArgs {}, g.set.clone(), error.clone(), None);
            }
        })
    };
    html! {
        <div class="demo-banner" id="demo-banner" role="note">
            <strong>{t.banner}</strong>
            <span class="demo-banner-note">{t.banner_note}</span>
            if *asking {
                <span id="demo-leave-confirm">{t.leave_confirm}</span>
                <button id="demo-leave-yes" class="btn btn-small btn-danger" onclick={leave}>{t.leave_yes}</button>
                <button id="demo-leave-no" class="btn btn-small" onclick={ask}>{t.leave_no}</button>
            } else {
                <button id="demo-leave" class="btn btn-small" onclick={ask}>{t.leave}</button>
            }
            if let Some(message) = &*error {
                <span class="field-error" role="alert">{message}</span>
            }
        </div>
    }
}
