//! 报表 Reports: the monthly report upward, importing a register (台账) into a place, and exporting
//! any list. Each section is its own component; files are chosen with the system's file dialog
//! (starting in the Downloads folder) or typed, and a written file can be opened or shown in its
//! folder. What was chosen and made is kept across navigation.

mod export;
pub(crate) mod import;
pub(crate) mod monthly;

use linli_domain::PlaceKind;
use linli_protocol::{Grid, ListGrids, ListKind, ListPlaces, Place, SheetFormat, SuggestPath};
use yew::prelude::*;

use crate::hooks::use_texts;
use crate::ipc;

/// The default file name of a monthly report.
pub fn monthly_file_name(month: &str) -> String {
    format!("月报-{}.xlsx", month.trim())
}

/// The default file name of an exported list: "走访.xlsx", "志愿时长.csv".
pub fn list_file_name(kind: ListKind, format: SheetFormat) -> String {
    let ext = match format {
        SheetFormat::Xlsx => "xlsx",
        SheetFormat::Csv => "csv",
    };
    format!("{}.{ext}", kind.label_zh())
}

/// Asks the backend where a file of this name goes by default and sets `path` to it.
pub fn suggest(file_name: String, path: UseStateHandle<String>) {
    wasm_bindgen_futures::spawn_local(async move {
        if let Ok(p) = ipc::call(&SuggestPath { file_name }).await {
            path.set(p);
        }
    });
}

/// Every community the laptop holds, each with its grids: the scope pickers of 报表 and 统计.
/// `None` when the communities cannot be read.
pub async fn communities_with_grids() -> Option<Vec<(Place, Vec<Grid>)>> {
    let list = ipc::call(&ListPlaces {
        kind: Some(PlaceKind::Community),
        parent_id: None,
    })
    .await
    .ok()?;
    let mut out = Vec::new();
    for c in list {
        let grids = ipc::call(&ListGrids { community_id: c.id })
            .await
            .unwrap_or_default();
        out.push((c, grids));
    }
    Some(out)
}

/// A text input bound to a state.
pub fn text_input(id: &str, value: &UseStateHandle<String>, kind: &str) -> Html {
    let oninput = {
        let value = value.clone();
        Callback::from(move |e: InputEvent| {
            value.set(
                e.target_unchecked_into::<web_sys::HtmlInputElement>()
                    .value(),
            )
        })
    };
    html! { <input class="input" id={id.to_owned()} type={kind.to_owned()} value={(**value).clone()} {oninput} /> }
}

#[function_component(Reports)]
pub fn reports() -> Html {
    let t = use_texts();
    html! {
        <section class="panel">
            <div class="page-head"><h1>{t.rep_title}</h1></div>
            <monthly::Monthly />
            <import::Import />
            <export::Export />
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_file_names_say_what_they_hold() {
        assert_eq!(monthly_file_name(" 2026-03 "), "月报-2026-03.xlsx");
        assert_eq!(
            list_file_name(ListKind::Visits, SheetFormat::Xlsx),
            "走访.xlsx"
        );
        assert_eq!(
            list_file_name(ListKind::Hours, SheetFormat::Csv),
            "志愿时长.csv"
        );
    }

    #[test]
    fn every_list_kind_has_a_name_in_both_languages() {
        use crate::i18n::Lang;
        for k in ListKind::ALL {
            assert!(!(Lang::Zh.texts().list_kind)(k).is_empty());
            assert!((Lang::En.texts().list_kind)(k).is_ascii());
        }
        assert_eq!(Lang::Zh.texts().rep_reveal, "显示完整证件号");
    }
}
