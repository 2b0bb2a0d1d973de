//! 设置 Settings: who works at this laptop. Signed in through sync as a person of the register,
//! that is who; otherwise the person chosen here (kept on this laptop only, never synced).

pub mod chooser;
mod state;

use linli_protocol::MeSource;
use yew::prelude::*;

use crate::hooks::{use_me, use_texts, MeState};
use chooser::MeChooser;

#[function_component(Settings)]
pub fn settings() -> Html {
    let t = use_texts();
    let me = use_me();
    let current = match me.state() {
        MeState::Loading => html! { <p class="muted">{t.loading}</p> },
        MeState::Failed(m) => html! { <p class="alert alert-error" role="alert">{m}</p> },
        MeState::Known(m) => {
            let who = m
                .person
                .as_ref()
                .map(|p| p.name.as_str())
                .unwrap_or(t.work.me_none);
            let via = match (m.source, &m.sync_user) {
                (MeSource::SyncUser, Some(u)) => Some((t.work.me_from_sync)(u)),
                (_, Some(u)) => Some((t.work.me_sync_unmatched)(u)),
                _ => None,
            };
            html! {
                <>
                <p class="me-current"><strong id="me-current">{who}</strong>
                    if let Some(c) = &m.community_name { {" · "}{c} }
                </p>
                if let Some(v) = via { <p class="muted" id="me-via">{v}</p> }
                if m.source != MeSource::SyncUser {
                    <MeChooser />
                }
                </>
            }
        }
    };
    html! {
        <section class="panel" id="settings">
            <div class="page-head"><h1>{t.work.settings_title}</h1></div>
            <h2>{t.work.me_title}</h2>
            <p class="muted">{t.work.me_intro}</p>
            {current}
        </section>
    }
}
