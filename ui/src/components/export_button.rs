//! A one-click export of a list, for putting beside any list the app shows: it asks where to save
//! with the save dialog (starting in the Downloads folder, proposing the list's name), writes the
//! list there as .xlsx (ID numbers and phones masked) and says where, with 打开文件 /
//! 打开所在文件夹. For another format or the full ID numbers, the 报表 page's export form is the
//! tool.

use linli_domain::Id;
use linli_protocol::{ExportList, ListKind, SheetFormat};
use yew::prelude::*;

use crate::components::file_picker::{save_with_dialog, SaveOutcome, Saved};
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
    let said = use_state(|| None as Option<Saved>);
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
            said.set(None);
            wasm_bindgen_futures::spawn_local(async move {
                let file_name = format!("{}.xlsx", kind.label_zh());
                let outcome = save_with_dialog(t, file_name, |path| async move {
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
                })
                .await;
                said.set(Some(outcome));
                busy.set(false);
            });
        })
    };
    let id = format!("export-{}", kind_slug(props.kind));
    html! {
        <span class="export-button">
            <button class="btn" id={id.clone()} disabled={*busy} {onclick}>
                {format!("{} · {}", t.rep_export_button, (t.list_kind)(props.kind))}
            </button>
            <SaveOutcome {id} outcome={(*said).clone()} />
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
        ListKind::CouncilTopics => "council-topics",
        ListKind::LiaisonPoints => "liaison-points",
        ListKind::CouncilMeetings => "council-meetings",
        ListKind::Suggestions => "suggestions",
    }
}
