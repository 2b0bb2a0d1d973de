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

use crate::hooks::use_app;
use crate::i18n::paper::texts;
pub use chart::ChartView;
pub use scan::ScanBox;
pub use sheets::SheetsView;

#[derive(Properties, PartialEq)]
pub struct PrintProps {
    #[prop_or_default]
    pub id: Option<AttrValue>,
}

/// 打印: the window's print view of the page as it stands (A4, navigation and buttons left out,
/// table headers repeated on every page).
#[function_component(PrintButton)]
pub fn print_button(props: &PrintProps) -> Html {
    let p = texts(use_app().lang);
    let onclick = Callback::from(|_: MouseEvent| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    });
    html! {
        <button type="button" class="btn btn-small print-button no-print" id={props.id.clone()}
            title={p.print_hint} {onclick}>{p.print}</button>
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
