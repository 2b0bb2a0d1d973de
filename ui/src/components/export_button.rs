//! A one-click export of a list, for putting beside any list the app shows: it writes the list as
//! .xlsx (ID numbers and phones masked) to the default folder the backend suggests and says where.
//! For another format, the full ID numbers or a chosen path, the 报表 page's export form is the tool.
//! After the export, 打开文件 / 打开所在文件夹.

use linli_domain::Id;
use linli_protocol::{ExportList, ListKind, SheetFormat, SuggestPath};
use yew::prelude::*;

use crate::components::file_picker::SavedFile;
use crate::hooks::use_texts;
use crate::ipc;

#[derive(Properties, PartialEq)]
pub struct ExportButtonProps {
    pub kind: ListKind,
    /// Only under this place; everything when none.
    #[prop_or_default]
    pub place_id: Option<Id>,
    /// "YYYY-MM-DD" bounds for the dated lists.
    #[prop_or_default]
    pub from: Option<String>,
    #[prop_or_default]
    pub to: Option<String>,
}

#[function_component(ExportButton)]
pub fn export_button(props: &ExportButtonProps) -> Html {
    let t = use_texts();
    let busy = use_state(|| false);
    let said = use_state(|| None as Option<Result<(String, String), String>>);
    let onclick = {
        let (busy, said) = (busy.clone(), said.clone());
        let (kind, place_id, from, to) = (
            props.kind,
            props.place_id,
            props.from.clone(),
            props.to.clone(),
        );
        Callback::from(move |_| {
            let (busy, said, from, to) = (busy.clone(), said.clone(), from.clone(), to.clone());
            busy.set(true);
            wasm_bindgen_futures::spawn_local(async move {
                let res = async {
                    let path = ipc::call(&SuggestPath {
                        file_name: format!("{}.xlsx", kind.label_zh()),
                    })
                    .await?;
                    ipc::call(&ExportList {
                        kind,
                        format: SheetFormat::Xlsx,
                        path,
                        reveal: false,
                        place_id,
                        from,
                        to,
                    })
                    .await
                }
                .await;
                said.set(Some(
                    res.map(|d| ((t.rep_exported)(d.rows, &d.path), d.path))
                        .map_err(|e| crate::i18n::say(&e)),
                ));
                busy.set(false);
            });
        })
    };
    let id = format!("export-{}", kind_slug(props.kind));
    let button_id = id.clone();
    html! {
        <span class="export-button">
            <button class="btn" id={button_id} disabled={*busy} {onclick}>
                {format!("{} · {}", t.rep_export_button, (t.list_kind)(props.kind))}
            </button>
            { match &*said {
                None => html! {},
                Some(Ok((m, path))) => html! {
                    <span class="notice">{" "}{m}<SavedFile id={format!("{id}-saved")} path={path.clone()} /></span>
                },
                Some(Err(m)) => html! { <span class="field-error">{" "}{m}</span> },
            } }
        </span>
    }
}

fn kind_slug(k: ListKind) -> &'static str {
    match k {
        ListKind::Households => "households",
        ListKind::Residents => "residents",
        ListKind::Visits => "visits",
        ListKind::Tasks => "tasks",
        ListKind::Hours => "hours",
        ListKind::Agenda => "agenda",
        ListKind::WorkUnits => "work-units",
    }
}
