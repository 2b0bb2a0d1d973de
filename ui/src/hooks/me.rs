//! Who works at this laptop, for every page: the app asks the store once at start (`GetMe`) and
//! shares the answer through a context; 设置 and the first-start welcome replace it after
//! `SetMe`. Forms default to this person (走访人, 研判人, 经办人).

use linli_domain::Id;
use linli_protocol::{GetMe, Me};
use yew::prelude::*;

use crate::ipc;

/// What is known of me so far.
#[derive(Debug, Clone, PartialEq)]
pub enum MeState {
    Loading,
    Known(Box<Me>),
    /// The store could not say (the page still works, with nobody as the default).
    Failed(String),
}

#[derive(Clone, PartialEq)]
pub struct MeHandle {
    state: UseStateHandle<MeState>,
}

impl MeHandle {
    pub fn state(&self) -> &MeState {
        &self.state
    }

    pub fn me(&self) -> Option<&Me> {
        match &*self.state {
            MeState::Known(me) => Some(me),
            _ => None,
        }
    }

    /// My person id, once known and chosen.
    pub fn person_id(&self) -> Option<Id> {
        self.me().and_then(|m| m.person.as_ref()).map(|p| p.id)
    }

    /// After `SetMe` answered.
    pub fn set(&self, me: Me) {
        self.state.set(MeState::Known(Box::new(me)));
    }
}

/// Me, from the app's context.
#[hook]
pub fn use_me() -> MeHandle {
    use_context::<MeHandle>().expect("use_me outside <App>")
}

/// The app's one copy of me: asked for once when the app starts.
#[hook]
pub fn use_me_provider() -> MeHandle {
    let state = use_state(|| MeState::Loading);
    {
        let state = state.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                state.set(match ipc::call(&GetMe {}).await {
                    Ok(me) => MeState::Known(Box::new(me)),
                    Err(e) => MeState::Failed(crate::i18n::say(&e)),
                });
            });
        });
    }
    MeHandle { state }
}
