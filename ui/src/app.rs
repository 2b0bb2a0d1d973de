use yew::prelude::*;

use crate::components::nav::Nav;
use crate::components::search_box::SearchBox;
use crate::hooks::{use_me_provider, MeHandle, StateHandle};
use crate::i18n::Lang;
use crate::pages::{grids::Grids, home::Home, settings::Settings};
use crate::pages::{not_built::NotBuilt, register::Register, reports::Reports, sync::SyncPage};
use crate::pages::{tasks::Tasks, today::Today, visits::Visits, volunteers::Volunteers};
use crate::state::{Action, AppState, Page};

const LANG_KEY: &str = "linli.lang";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

pub(crate) fn saved_lang() -> Option<Lang> {
    Lang::from_code(&storage()?.get_item(LANG_KEY).ok()??)
}

#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(|| AppState {
        lang: saved_lang().unwrap_or_default(),
        ..AppState::default()
    });
    let me = use_me_provider();
    let lang = state.lang;
    crate::i18n::set_lang(lang);
    use_effect_with(lang, |lang| {
        if let Some(s) = storage() {
            let _ = s.set_item(LANG_KEY, lang.code());
        }
        if let Some(root) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
        {
            let _ = root.set_attribute("lang", lang.code());
        }
    });
    let t = lang.texts();
    let toggle = {
        let state = state.clone();
        Callback::from(move |_| state.dispatch(Action::ToggleLang))
    };
    let page = match state.page {
        // a page whose work has not landed says so plainly
        page if !page.built() => html! { <NotBuilt page={page} /> },
        Page::Register => html! { <Register /> },
        Page::Sync => html! { <SyncPage /> },
        Page::Today => html! { <Today /> },
        Page::Visits => html! { <Visits /> },
        Page::Tasks => html! { <Tasks /> },
        Page::Volunteers => html! { <Volunteers /> },
        Page::Reports => html! { <Reports /> },
        Page::Stats => html! { <crate::pages::stats::Stats /> },
        Page::Lending => html! { <crate::pages::lending::Lending /> },
        Page::Home => html! { <Home /> },
        Page::Settings => html! { <Settings /> },
        Page::Grids => html! { <Grids /> },
        Page::Admin => html! { <crate::pages::admin::AdminPage /> },
        Page::Mediation => html! { <crate::pages::mediation::Mediation /> },
        Page::Councils => html! { <crate::pages::councils::Councils /> },
        Page::Board => html! { <crate::pages::board::Board /> },
        Page::Programmes => html! { <crate::pages::programmes::Programmes /> },
        Page::Patrols => html! { <crate::pages::patrols::Patrols /> },
        Page::Circle => html! { <crate::pages::circle::Circle /> },
    };
    // the first start (h22first): a new database's step instead of the pages, the demo's banner
    let gate = use_context::<crate::pages::first_start::Gate>();
    if gate.as_ref().and_then(|g| g.step()).is_some() {
        return html! {
            <ContextProvider<StateHandle> context={state.clone()}>
            <ContextProvider<MeHandle> context={me.clone()}>
                <crate::pages::first_start::Setup />
            </ContextProvider<MeHandle>>
            </ContextProvider<StateHandle>>
        };
    }
    let demo = gate.is_some_and(|g| g.lock.demo);
    let me_name = me
        .me()
        .and_then(|m| m.person.as_ref())
        .map(|p| p.name.clone());
    html! {
        <ContextProvider<StateHandle> context={state.clone()}>
        <ContextProvider<MeHandle> context={me.clone()}>
            <div class={classes!("shell", demo.then_some("shell-demo"))}>
                <header class="topbar">
                    <div class="brand">
                        <span class="brand-mark">{"邻"}</span>
                        <span class="brand-name">{t.app_name}</span>
                        <span class="brand-tagline">{t.app_tagline}</span>
                    </div>
                    <SearchBox />
                    if let Some(name) = me_name {
                        <span class="topbar-me" id="topbar-me">{name}</span>
                    }
                    <button id="lang-switch" class="btn btn-quiet" onclick={toggle}>{t.switch_lang}</button>
                </header>
                if demo {
                    <crate::pages::first_start::DemoBanner />
                }
                <Nav />
                <main class="content" id={format!("page-{}", state.page.slug())}>
                    <crate::components::update_notice::UpdateNotice />
                    {page}
                </main>
            </div>
        </ContextProvider<MeHandle>>
        </ContextProvider<StateHandle>>
    }
}
