//! Files the desktop way. [`FilePicker`]: a path field with a button that opens the system's file
//! dialog (where to save, or which file to open), starting where the field points (the Downloads
//! folder by default); the field stays editable for whoever prefers to type. [`SavedFile`]: after
//! a save, "打开文件" and "打开所在文件夹". [`save_with_dialog`] and [`SaveOutcome`]: a one-click
//! save (the list exports, the volunteer's statement) that first asks where with the save dialog,
//! starting in the Downloads folder with the suggested name, then writes, then offers the same;
//! [`save_pdf_with_dialog`] the same for a PDF (issue 21).

use std::future::Future;

use linli_protocol::{ApiError, ExportedList, OpenPath, PickFile, SuggestPath};
use yew::prelude::*;

use crate::hooks::use_texts;
use crate::i18n::Texts;
use crate::ipc;

#[derive(Properties, PartialEq)]
pub struct FilePickerProps {
    /// The path field's id; the button's is `{id}-pick`.
    pub id: AttrValue,
    pub label: AttrValue,
    pub value: AttrValue,
    pub onchange: Callback<String>,
    /// A save (where to write) rather than an open (which file to read).
    #[prop_or_default]
    pub save: bool,
    /// The kinds of file the dialog shows ("xlsx", "csv"), under `filter_name`.
    #[prop_or_default]
    pub extensions: Vec<&'static str>,
    #[prop_or_default]
    pub filter_name: AttrValue,
}

#[function_component(FilePicker)]
pub fn file_picker(props: &FilePickerProps) -> Html {
    let t = use_texts();
    let oninput = {
        let onchange = props.onchange.clone();
        Callback::from(move |e: InputEvent| {
            onchange.emit(
                e.target_unchecked_into::<web_sys::HtmlInputElement>()
                    .value(),
            )
        })
    };
    let onclick = {
        let req = PickFile {
            save: props.save,
            suggested: Some(props.value.to_string()).filter(|v| !v.trim().is_empty()),
            title: if props.save {
                t.files.dialog_save_title
            } else {
                t.files.dialog_open_title
            }
            .to_owned(),
            filter_name: props.filter_name.to_string(),
            extensions: props.extensions.iter().map(|e| (*e).to_owned()).collect(),
        };
        let onchange = props.onchange.clone();
        Callback::from(move |_: MouseEvent| {
            let (req, onchange) = (req.clone(), onchange.clone());
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(Some(path)) = ipc::call(&req).await {
                    onchange.emit(path);
                }
            });
        })
    };
    let button = if props.save {
        t.files.choose_save
    } else {
        t.files.choose_open
    };
    html! {
        <label class="field">
            <span class="label">{&props.label}</span>
            <span class="file-row">
                <input class="input" id={props.id.clone()} type="text" value={props.value.clone()} {oninput} />
                <button class="btn" type="button" id={format!("{}-pick", props.id)} {onclick}>{button}</button>
            </span>
        </label>
    }
}

#[derive(Properties, PartialEq)]
pub struct SavedFileProps {
    /// Prefix of the buttons' ids: `{id}-open`, `{id}-folder`.
    pub id: AttrValue,
    pub path: AttrValue,
}

/// "打开文件 · 打开所在文件夹" for a file just written.
#[function_component(SavedFile)]
pub fn saved_file(props: &SavedFileProps) -> Html {
    let t = use_texts();
    let said = use_state(|| None as Option<Result<&'static str, String>>);
    let open = |folder: bool| {
        let (path, said) = (props.path.to_string(), said.clone());
        Callback::from(move |_: MouseEvent| {
            let (path, said) = (path.clone(), said.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let res = ipc::call(&OpenPath { path, folder }).await;
                said.set(Some(
                    res.map(|()| {
                        if folder {
                            t.files.opened_folder
                        } else {
                            t.files.opened_file
                        }
                    })
                    .map_err(|e| crate::i18n::say(&e)),
                ));
            });
        })
    };
    html! {
        <span class="saved-file">
            <button class="btn btn-small" type="button" id={format!("{}-open", props.id)} onclick={open(false)}>{t.files.open_file}</button>
            <button class="btn btn-small" type="button" id={format!("{}-folder", props.id)} onclick={open(true)}>{t.files.show_folder}</button>
            { match &*said {
                None => html! {},
                Some(Ok(m)) => html! { <span class="muted" id={format!("{}-said", props.id)}>{*m}</span> },
                Some(Err(m)) => html! { <span class="field-error" id={format!("{}-said", props.id)}>{m}</span> },
            } }
        </span>
    }
}

/// How a one-click save ended.
#[derive(Debug, Clone, PartialEq)]
pub enum Saved {
    /// The dialog was cancelled: nothing was written.
    Cancelled,
    /// Written: what to say, and where.
    Done {
        said: String,
        path: String,
    },
    Failed(String),
}

/// Asks where to save `file_name` with the system's save dialog (starting in the Downloads
/// folder, proposing that name, showing the files of `filter`), then, unless cancelled, writes
/// there with `write`: none when cancelled.
async fn ask_and_write<T, F, Fut>(
    t: &'static Texts,
    file_name: String,
    (filter_name, extension): (&str, &str),
    write: F,
) -> Result<Option<T>, ApiError>
where
    F: FnOnce(String) -> Fut,
    Fut: Future<Output = Result<T, ApiError>>,
{
    let suggested = ipc::call(&SuggestPath { file_name }).await?;
    let Some(path) = ipc::call(&PickFile {
        save: true,
        suggested: Some(suggested),
        title: t.files.dialog_save_title.to_owned(),
        filter_name: filter_name.to_owned(),
        extensions: vec![extension.to_owned()],
    })
    .await?
    else {
        return Ok(None);
    };
    write(path).await.map(Some)
}

/// A spreadsheet's one-click save: [`ask_and_write`] showing spreadsheets.
pub async fn save_with_dialog<F, Fut>(t: &'static Texts, file_name: String, write: F) -> Saved
where
    F: FnOnce(String) -> Fut,
    Fut: Future<Output = Result<ExportedList, ApiError>>,
{
    match ask_and_write(t, file_name, (t.files.filter_sheets, "xlsx"), write).await {
        Ok(None) => Saved::Cancelled,
        Ok(Some(d)) => Saved::Done {
            said: (t.rep_exported)(d.rows, &d.path),
            path: d.path,
        },
        Err(e) => Saved::Failed(crate::i18n::say(&e)),
    }
}

#[derive(Properties, PartialEq)]
pub struct SaveOutcomeProps {
    /// Prefix of the ids: `{id}-exported` (what was written), `{id}-saved` (its [`SavedFile`]),
    /// `{id}-cancelled`.
    pub id: AttrValue,
    pub outcome: Option<Saved>,
}

/// What a one-click save says: where it wrote with 打开文件 / 打开所在文件夹, 已取消, or the error.
#[function_component(SaveOutcome)]
pub fn save_outcome(props: &SaveOutcomeProps) -> Html {
    let t = use_texts();
    let id = &props.id;
    match &props.outcome {
        None => html! {},
        Some(Saved::Cancelled) => html! {
            <span class="muted" id={format!("{id}-cancelled")}>{" "}{t.files.save_cancelled}</span>
        },
        Some(Saved::Done { said, path }) => html! {
            <>
            <span class="notice" id={format!("{id}-exported")}>{" "}{said}</span>
            <SavedFile id={format!("{id}-saved")} path={path.clone()} />
            </>
        },
        Some(Saved::Failed(m)) => html! {
            <span class="field-error" role="alert">{" "}{m}</span>
        },
    }
}

/// As [`save_with_dialog`], for a PDF: the dialog shows PDF files and proposes `file_name` (which
/// ends in .pdf); `write` answers where the PDF went.
pub async fn save_pdf_with_dialog<F, Fut>(t: &'static Texts, file_name: String, write: F) -> Saved
where
    F: FnOnce(String) -> Fut,
    Fut: Future<Output = Result<String, ApiError>>,
{
    match ask_and_write(t, file_name, (t.files.filter_pdf, "pdf"), write).await {
        Ok(None) => Saved::Cancelled,
        Ok(Some(path)) => Saved::Done {
            said: (t.files.pdf_saved)(&path),
            path,
        },
        Err(e) => Saved::Failed(crate::i18n::say(&e)),
    }
}
