//! Hooks shared by the pages: the app state and its texts, who I am, a debounced value, a key
//! anywhere, which of several loads may still be shown, page state kept across navigation, and `use_command` for a request's
//! busy/error/stale-answer dance.

mod sync_panel;

pub use sync_panel::use_sync_panel;

use yew::prelude::*;

use crate::i18n::Texts;
use crate::state::AppState;

pub type StateHandle = UseReducerHandle<AppState>;

/// The app-wide state and its dispatcher.
#[hook]
pub fn use_app() -> StateHandle {
    use_context::<StateHandle>().expect("use_app outside <App>")
}

/// The strings of the current language.
#[hook]
pub fn use_texts() -> &'static Texts {
    use_app().lang.texts()
}

mod command;
mod debounce;
mod global_key;
mod kept;
mod latest;
mod me;

pub use command::use_command;
pub use debounce::use_debounced;
pub use global_key::use_global_keydown;
pub use kept::use_kept_state;
pub use latest::Latest;
pub use me::{use_me, use_me_provider, MeHandle, MeState};
