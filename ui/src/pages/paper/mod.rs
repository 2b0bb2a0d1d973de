//! Paper for door-knocking days (issue 21, items 4 and 5): the 楼盘表 of a building and the visit
//! sheets of a place or a grid ([`PaperTools`], opened from the Register and 网格划分), the scan
//! box that brings a sheet back ([`ScanBox`], on 走访), and the 打印 button every list carries
//! ([`PrintButton`]: the window's own print view, the print CSS at the end of style.css).

mod chart;
mod qr;
mod scan;
mod sheets;

use linli_domain::{Id, PlaceKind};
use yew::prelude::*;

use crate::components::file_picker::{save_pdf_with_dialog, SaveOutcome, Saved};
use crate::hooks::use_app;
use crate::i18n::paper::texts;
use crate::ipc;
pub use chart::ChartView;
use linli_protocol::{SaveBuildingChartPdf, SaveVisitSheetsPdf};
pub use scan::ScanBox;
pub use sheets::SheetsView;

/// What a 存为PDF button writes: visit sheets, or a 楼盘表 for the period it shows.
#[derive(Clone, PartialEq, Eq)]
pub enum PdfOf {
    Sheets {
        place_id: Id,
    },
    Chart {
        building_id: Id,
        from: String,
        to: String,
    },
}

#[derive(Properties, PartialEq)]
pub struct PdfProps {
    /// The button's id; its outcome's ids start with it too.
    pub id: AttrValue,
    pub what: PdfOf,
    /// The name the save dialog proposes (ends in .pdf).
    pub file_name: AttrValue,
}

/// 存为PDF: asks where with the save dialog, then has the store lay the same data out as a PDF
/// (linli-print, the system's CJK font), and says where it went with 打开文件 / 打开所在文件夹.
#[function_component(PdfButton)]
pub fn pdf_button(props: &PdfProps) -> Html {
    let t = crate::hooks::use_texts();
    let outcome = use_state(|| None as Option<Saved>);
    let onclick = {
        let (outcome, what, name) = (
            outcome.clone(),
            props.what.clone(),
            props.file_name.to_string(),
        );
        Callback::from(move |_: MouseEvent| {
            let (outcome, what, name) = (outcome.clone(), what.clone(), name.clone());
            outcome.set(None);
            wasm_bindgen_futures::spawn_local(async move {
                let saved = save_pdf_with_dialog(t, name, |path| async move {
                    let written = match what {
                        PdfOf::Sheets { place_id } => {
                            ipc::call(&SaveVisitSheetsPdf { place_id, path }).await
                        }
                        PdfOf::Chart {
                            building_id,
                            from,
                            to,
                        } => {
                            ipc::call(&SaveBuildingChartPdf {
                                building_id,
                                from: Some(from),
                                to: Some(to),
                                path,
                            })
                            .await
                        }
                    };
                    written.map(|w| w.path)
                })
                .await;
                outcome.set(Some(saved));
            });
        })
    };
    html! {
        <>
            <button type="button" class="btn btn-small btn-pdf no-print" id={props.id.clone()} {onclick}>
                {t.files.save_pdf}
            </button>
            <span class="no-print"><SaveOutcome id={props.id.clone()} outcome={(*outcome).clone()} /></span>
        </>
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum View {
    Chart,
    Sheets,
}

#[derive(Properties, PartialEq)]
pub struct ToolsProps {
    /// A place (the 楼盘表 only for a building) or, with `grid`, a grid.
    pub id: Id,
    #[prop_or_default]
    pub kind: Option<PlaceKind>,
    #[prop_or_default]
    pub grid: bool,
}

/// 楼盘表 and 走访单 buttons; the view chosen takes the page's place (the rest of the page is
/// hidden while it is open, on screen and on paper) until 返回.
#[function_component(PaperTools)]
pub fn paper_tools(props: &ToolsProps) -> Html {
    let p = texts(use_app().lang);
    let view = use_state(|| None as Option<View>);
    {
        let view = view.clone();
        use_effect_with(props.id, move |_| view.set(None));
    }
    let open = |v: Option<View>| {
        let view = view.clone();
        Callback::from(move |_: MouseEvent| view.set(v))
    };
    let building = props.kind == Some(PlaceKind::Building) && !props.grid;
    let sheets = props.grid
        || matches!(
            props.kind,
            Some(PlaceKind::Building | PlaceKind::Unit | PlaceKind::Compound)
        );
    if !building && !sheets {
        return html! {};
    }
    html! {
        <div class={classes!("paper-host", view.is_some().then_some("open"))}>
            if let Some(v) = *view {
                <div class="paper-bar no-print">
                    <button type="button" class="btn-link back" id="paper-back" onclick={open(None)}>{p.back}</button>
                </div>
                { match v {
                    View::Chart => html! { <ChartView building_id={props.id} /> },
                    View::Sheets => html! { <SheetsView place_id={props.id} /> },
                } }
            } else {
                <div class="paper-buttons no-print">
                    if building {
                        <button type="button" class="btn btn-small" id="open-chart" onclick={open(Some(View::Chart))}>{p.chart_button}</button>
                    }
                    if sheets {
                        <button type="button" class="btn btn-small" id="open-sheets" onclick={open(Some(View::Sheets))}>{p.sheets_button}</button>
                    }
                </div>
            }
        </div>
    }
}
