//! 设置 Settings: who works at this laptop. The person chosen here (kept on this laptop only,
//! never synced) wins; otherwise the person of the register named like the sync account. The page
//! says which of the two "me" is and how the sync account was matched (by name: the sync protocol
//! carries no person id), and always lets the worker choose another person.

mod backup;
pub mod care_tags;
pub mod chooser;
mod rules;
mod rules_form;
mod state;
pub mod station_sign;
mod targets;

use linli_protocol::{MeSource, SetMe};
use yew::prelude::*;

use crate::hooks::{use_command, use_me, use_texts, MeState};
use backup::BackupSettings;
use chooser::MeChooser;
use rules::CommunityRulesPage;
use targets::TargetSettings;

#[function_component(Settings)]
pub fn settings() -> Html {
    let t = use_texts();
    let me = use_me();
    let forget = use_command::<SetMe>();
    // two tabs: who works here, and the community's rules (issue 15 item 3)
    let on_rules = use_state(|| false);
    // and this laptop's backups (issue 22)
    let on_backup = use_state(|| false);
    // and the monthly targets (h21tgt)
    let on_targets = use_state(|| false);
    let tab = |rules: bool, backup: bool, id: &'static str, label: &'static str| {
        let (on_rules, on_backup, on_targets) =
            (on_rules.clone(), on_backup.clone(), on_targets.clone());
        html! {
            <button type="button" role="tab" class="tab" id={id}
                aria-selected={(*on_rules == rules && *on_backup == backup && !*on_targets).to_string()}
                onclick={Callback::from(move |_| { on_rules.set(rules); on_backup.set(backup); on_targets.set(false); })}>{label}</button>
        }
    };
    let on_forget = {
        let (forget, me) = (forget.clone(), me.clone());
        Callback::from(move |_| {
            let me = me.clone();
            forget.submit(SetMe { person_id: None }, move |answer| me.set(answer));
        })
    };
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
                (MeSource::SyncUser, Some(u)) => Some((t.work.me_from_sync)(u, who)),
                (MeSource::Chosen, Some(u)) => Some((t.work.me_chosen_over_sync)(u)),
                (_, Some(u)) => Some((t.work.me_sync_unmatched)(u)),
                _ => None,
            };
            let can_go_back = m.source == MeSource::Chosen && m.sync_match.is_some();
            html! {
                <>
                <p class="me-current"><strong id="me-current">{who}</strong>
                    if let Some(c) = &m.community_name { {" · "}{c} }
                </p>
                if let Some(v) = via { <p class="muted" id="me-via">{v}</p> }
                if can_go_back {
                    <p class="form-actions">
                        <button type="button" class="btn" id="me-use-sync" disabled={forget.busy()}
                            onclick={on_forget.clone()}>{t.work.me_use_sync}</button>
                        if let Some(e) = forget.error() {
                            <span class="field-error" role="alert">{crate::i18n::say(e)}</span>
                        }
                    </p>
                }
                <MeChooser />
                </>
            }
        }
    };
    html! {
        <section class="panel" id="settings">
            <div class="page-head"><h1>{t.work.settings_title}</h1></div>
            <div class="settings-tabs" role="tablist">
                { tab(false, false, "settings-tab-me", t.rules.tab_me) }
                { tab(true, false, "settings-tab-rules", t.rules.tab_rules) }
                { tab(false, true, "settings-tab-backup", t.backup.tab) }
                <button type="button" role="tab" class="tab" id="settings-tab-targets"
                    aria-selected={on_targets.to_string()}
                    onclick={let on = on_targets.clone(); Callback::from(move |_| on.set(true))}>{t.targets.tab}</button>
            </div>
            if *on_targets {
                <TargetSettings />
            } else if *on_backup {
                <BackupSettings />
            } else if *on_rules {
                <CommunityRulesPage />
            } else {
                <h2>{t.work.me_title}</h2>
                <p class="muted">{t.work.me_intro}</p>
                {current}
            }
        </section>
    }
}
