//! 设置 → 备份 (issue 22): where this laptop's backups go, whether a copy is made every day, the
//! backup PIN when the laptop's key is in the keystore, a backup now, and the last backup's time.
//! The daily copy itself is made by the desktop shell (`backup_if_due` every half hour).

use linli_protocol::{BackupNow, BackupPlan, GetBackupPlan, SetBackupPlan};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::hooks::{use_command, use_texts};
use crate::i18n::say;

#[function_component(BackupSettings)]
pub fn backup_settings() -> Html {
    let t = use_texts();
    let plan = use_state(|| None as Option<BackupPlan>);
    let folder = use_state(String::new);
    let daily = use_state(|| false);
    let pin = use_state(String::new);
    let saved = use_state(|| false);
    let load = use_command::<GetBackupPlan>();
    let save = use_command::<SetBackupPlan>();
    let now = use_command::<BackupNow>();
    let took = {
        let (plan, folder, daily) = (plan.clone(), folder.clone(), daily.clone());
        move |p: BackupPlan| {
            folder.set(p.folder.clone().unwrap_or_default());
            daily.set(p.daily);
            plan.set(Some(p));
        }
    };
    {
        let (load, took) = (load.clone(), took.clone());
        use_effect_with((), move |_| load.run(GetBackupPlan {}, took));
    }
    let on_folder = {
        let (folder, saved) = (folder.clone(), saved.clone());
        Callback::from(move |e: InputEvent| {
            folder.set(e.target_unchecked_into::<HtmlInputElement>().value());
            saved.set(false);
        })
    };
    let on_daily = {
        let (daily, saved) = (daily.clone(), saved.clone());
        Callback::from(move |e: Event| {
            daily.set(e.target_unchecked_into::<HtmlInputElement>().checked());
            saved.set(false);
        })
    };
    let on_pin = {
        let pin = pin.clone();
        Callback::from(move |e: InputEvent| {
            pin.set(e.target_unchecked_into::<HtmlInputElement>().value())
        })
    };
    let on_save = {
        let (save, folder, daily, pin, saved, took) = (
            save.clone(),
            folder.clone(),
            daily.clone(),
            pin.clone(),
            saved.clone(),
            took.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let req = SetBackupPlan {
                folder: Some((*folder).clone()).filter(|f| !f.trim().is_empty()),
                daily: *daily,
                pin: Some((*pin).clone()).filter(|p| !p.is_empty()),
            };
            let (saved, pin, took) = (saved.clone(), pin.clone(), took.clone());
            save.submit(req, move |p| {
                pin.set(String::new());
                saved.set(true);
                took(p);
            });
        })
    };
    let on_now = {
        let (now, took, saved) = (now.clone(), took.clone(), saved.clone());
        Callback::from(move |_| {
            saved.set(false);
            now.submit(BackupNow {}, took.clone());
        })
    };
    let needs_pin = plan.as_ref().is_some_and(|p| p.needs_pin);
    let has_folder = plan.as_ref().is_some_and(|p| p.folder.is_some());
    let error = save.error().or(now.error()).or(load.error());
    html! {
        <div id="backup-settings">
            <h2>{t.backup.title}</h2>
            <p class="muted">{t.backup.intro}</p>
            <form class="form" id="backup-form" onsubmit={on_save}>
                <label class="field field-wide">
                    <span>{t.backup.folder}</span>
                    <input id="backup-folder" class="input" type="text" value={(*folder).clone()}
                        placeholder={t.backup.folder_hint} oninput={on_folder} />
                    <small class="muted">{t.backup.folder_hint}</small>
                </label>
                <label class="check">
                    <input id="backup-daily" type="checkbox" checked={*daily} onchange={on_daily} />
                    {t.backup.daily}
                </label>
                if plan.is_some() && (needs_pin || !pin.is_empty()) {
                    <label class="field">
                        <span>{t.backup.pin}</span>
                        <input id="backup-pin" class="input" type="password" value={(*pin).clone()}
                            autocomplete="new-password" oninput={on_pin.clone()} />
                        <small class="muted">{t.backup.pin_hint}</small>
                    </label>
                }
                <p class="form-actions">
                    <button type="submit" class="btn btn-primary" id="backup-save"
                        disabled={save.busy()}>{t.backup.save}</button>
                    <button type="button" class="btn" id="backup-now"
                        disabled={now.busy() || !has_folder} onclick={on_now}>
                        { if now.busy() { t.backup.running } else { t.backup.now } }
                    </button>
                    if *saved { <span class="muted" id="backup-saved">{t.backup.saved}</span> }
                </p>
                if let Some(e) = error {
                    <p class="alert alert-error" role="alert" id="backup-error">{say(e)}</p>
                }
            </form>
            <p id="backup-last">
                { match plan.as_ref().and_then(|p| p.last_at.clone()) {
                    Some(at) => (t.backup.last)(&at),
                    None => t.backup.never.to_owned(),
                } }
            </p>
            if let Some(f) = plan.as_ref().and_then(|p| p.last_file.clone()) {
                <p class="muted" id="backup-last-file">{(t.backup.last_file)(&f)}</p>
            }
            <p class="muted">{t.backup.restore_hint}</p>
        </div>
    }
}
