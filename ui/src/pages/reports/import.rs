//! Importing a register (台账): the file's path and the place, a preview with the counts and
//! every refused and warned row (sheet and row as Excel shows them), then the import on confirm.
//! Nothing is written before the user confirms the preview they saw.

use linli_domain::Id;
use linli_protocol::{ApiError, ImportCommit, ImportPreview, ImportSummary, RowIssue};
use yew::prelude::*;

use crate::components::place_picker::PlacePicker;
use crate::hooks::use_texts;
use crate::i18n::Texts;
use crate::ipc;

/// What the section shows: a preview waiting for confirmation, or the import done.
#[derive(Debug, Clone, PartialEq)]
enum Stage {
    Idle,
    Previewed {
        path: String,
        place: Id,
        summary: ImportSummary,
    },
    Imported(ImportSummary),
    Failed(String),
}

fn issues(id: &str, title: String, rows: &[RowIssue], t: &Texts) -> Html {
    if rows.is_empty() {
        return html! {};
    }
    html! {
        <>
            <h3>{title}</h3>
            <table class="table" id={id.to_owned()}>
                <thead><tr><th>{t.rep_col_sheet}</th><th>{t.rep_col_row}</th><th>{t.rep_col_reason}</th></tr></thead>
                <tbody>
                { for rows.iter().map(|r| html! {
                    <tr><td>{&r.sheet}</td><td class="mono">{r.row}</td><td>{&r.reason}</td></tr>
                }) }
                </tbody>
            </table>
        </>
    }
}

#[function_component(Import)]
pub fn import() -> Html {
    let t = use_texts();
    let path = use_state(String::new);
    let place = use_state(|| None as Option<Id>);
    let stage = use_state(|| Stage::Idle);
    let busy = use_state(|| false);
    let on_place = {
        let (place, stage) = (place.clone(), stage.clone());
        Callback::from(move |p| {
            place.set(p);
            stage.set(Stage::Idle);
        })
    };
    let fail = |e: ApiError| Stage::Failed(e.message);
    let on_preview = {
        let (path, place, stage, busy) = (path.clone(), place.clone(), stage.clone(), busy.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let file = path.trim().to_owned();
            let Some(p) = *place else {
                stage.set(Stage::Failed(t.rep_need_place.into()));
                return;
            };
            if file.is_empty() {
                stage.set(Stage::Failed(t.rep_need_path.into()));
                return;
            }
            let (stage, busy) = (stage.clone(), busy.clone());
            busy.set(true);
            wasm_bindgen_futures::spawn_local(async move {
                let req = ImportPreview {
                    path: file.clone(),
                    place_id: p,
                    sheet: None,
                    mapping: None,
                };
                stage.set(match ipc::call(&req).await {
                    Ok(summary) => Stage::Previewed {
                        path: file,
                        place: p,
                        summary,
                    },
                    Err(e) => fail(e),
                });
                busy.set(false);
            });
        })
    };
    let on_confirm = {
        let (stage, busy) = (stage.clone(), busy.clone());
        Callback::from(move |_| {
            // the import is of the file and place that were previewed, not of what the fields
            // hold now
            let Stage::Previewed { path, place, .. } = (*stage).clone() else {
                return;
            };
            let (stage, busy) = (stage.clone(), busy.clone());
            busy.set(true);
            wasm_bindgen_futures::spawn_local(async move {
                let req = ImportCommit {
                    path,
                    place_id: place,
                    sheet: None,
                    mapping: None,
                };
                stage.set(match ipc::call(&req).await {
                    Ok(s) => Stage::Imported(s),
                    Err(e) => fail(e),
                });
                busy.set(false);
            });
        })
    };
    let body = match &*stage {
        Stage::Idle => html! { <p class="muted">{t.rep_import_hint}</p> },
        Stage::Failed(m) => html! { <p class="alert alert-error" id="import-error">{m}</p> },
        Stage::Previewed { summary: s, .. } => html! {
            <>
                <p class="count" id="import-preview">{(t.rep_preview_line)(
                    s.households.created, s.households.updated, s.residents.created, s.residents.updated,
                )}</p>
                {issues("import-refused", (t.rep_refused)(s.refused.len()), &s.refused, t)}
                {issues("import-warnings", (t.rep_warnings)(s.warnings.len()), &s.warnings, t)}
                <button class="btn btn-primary" id="import-confirm" disabled={*busy} onclick={on_confirm}>
                    {t.rep_confirm}
                </button>
            </>
        },
        Stage::Imported(s) => html! {
            <p class="notice" id="import-done">{(t.rep_imported)(
                s.households.created, s.households.updated, s.residents.created, s.residents.updated,
            )}</p>
        },
    };
    // a changed file path makes the preview stale
    let on_path = {
        let (path, stage) = (path.clone(), stage.clone());
        Callback::from(move |e: InputEvent| {
            path.set(
                e.target_unchecked_into::<web_sys::HtmlInputElement>()
                    .value(),
            );
            if matches!(*stage, Stage::Previewed { .. }) {
                stage.set(Stage::Idle);
            }
        })
    };
    html! {
        <div class="report-section" id="import">
            <h2>{t.rep_import}</h2>
            <form class="form-row" onsubmit={on_preview}>
                <label class="field">
                    <span class="label">{t.rep_import_file}</span>
                    <input class="input" id="import-path" type="text" value={(*path).clone()} oninput={on_path} />
                </label>
                <PlacePicker id="import-place" label={t.rep_import_into} blank={"—"} onchange={on_place} />
                <button class="btn" id="import-preview-button" type="submit" disabled={*busy}>
                    { if *busy { t.rep_working } else { t.rep_preview } }
                </button>
            </form>
            {body}
        </div>
    }
}
