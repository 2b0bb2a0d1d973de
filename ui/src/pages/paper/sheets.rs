//! Visit sheets for a door-knocking day: A4 pages of three households each, every block with
//! its address, members (masked as the register masks them for this role), last visit, lines to
//! write on and a QR code (`LINLI-HH:<id>`) that the scan box on 走访 reads back. The pages are
//! laid out here, so each carries its own "page n of N" (WebKitGTK prints no CSS page counters).

use linli_domain::Id;
use linli_protocol::{ApiError, VisitSheetBlock, VisitSheets, VisitSheetsData};
use yew::prelude::*;

use super::qr::Qr;
use super::{PdfButton, PdfOf};
use crate::components::print::PrintButton;
use crate::hooks::use_app;
use crate::i18n::paper::{texts, PaperTexts};
use crate::i18n::Texts;
use crate::ipc;

/// Households per A4 page.
pub const PER_PAGE: usize = 3;

/// The blocks page by page.
pub fn pages(blocks: &[VisitSheetBlock]) -> Vec<&[VisitSheetBlock]> {
    blocks.chunks(PER_PAGE).collect()
}

#[derive(Properties, PartialEq)]
pub struct SheetsProps {
    /// A place or a grid.
    pub place_id: Id,
}

#[function_component(SheetsView)]
pub fn sheets_view(props: &SheetsProps) -> Html {
    let app = use_app();
    let p = texts(app.lang);
    let data = use_state(|| None as Option<Result<VisitSheetsData, ApiError>>);
    {
        let data = data.clone();
        use_effect_with(props.place_id, move |id| {
            let req = VisitSheets { place_id: *id };
            wasm_bindgen_futures::spawn_local(async move {
                data.set(Some(ipc::call(&req).await));
            });
        });
    }
    let d = match &*data {
        None => return html! { <p class="muted">{p.loading}</p> },
        Some(Err(e)) => {
            return html! { <p class="alert alert-error" role="alert">{crate::i18n::say(e)}</p> }
        }
        Some(Ok(d)) => d,
    };
    let place_label = match &d.community_name {
        Some(c) if !d.place_name.starts_with(c.as_str()) => format!("{c} {}", d.place_name),
        _ => d.place_name.clone(),
    };
    let title = (p.sheets_title)(&place_label);
    let pages = pages(&d.blocks);
    let total = pages.len();
    html! {
        <div class="paper-view sheets-view" id="visit-sheets">
            <div class="paper-head no-print">
                <div>
                    <h2 id="sheets-title">{title.clone()}</h2>
                    <p class="muted">{(p.made_on)(&d.made_on)}{" · "}{(p.households)(d.blocks.len() as u32)}</p>
                    if d.withheld {
                        <p class="muted">{p.withheld_note}</p>
                    }
                </div>
                <div class="paper-tools">
                    <PrintButton id="sheets-print" paged={false} />
                    <PdfButton id="sheets-pdf" what={PdfOf::Sheets { place_id: props.place_id }}
                        file_name={(p.sheets_file)(&place_label)} />
                </div>
            </div>
            if d.blocks.is_empty() {
                <p class="empty">{p.no_households}</p>
            }
            { for pages.iter().enumerate().map(|(i, blocks)| html! {
                <section class="sheet-page">
                    <header class="sheet-page-head">
                        <strong>{title.clone()}</strong>
                        <span>{(p.made_on)(&d.made_on)}</span>
                    </header>
                    { for blocks.iter().map(|b| block(app.lang.texts(), p, b)) }
                    <footer class="sheet-page-foot">{(p.page_of)(i + 1, total)}</footer>
                </section>
            }) }
        </div>
    }
}

fn block(t: &Texts, p: &PaperTexts, b: &VisitSheetBlock) -> Html {
    let dash = || "—".to_owned();
    let r = &t.resident;
    html! {
        <article class="sheet-block" data-id={b.household_id.to_string()}>
            <div class="sheet-block-main">
                <h3 class="sheet-address">{&b.address}</h3>
                <p class="sheet-facts">
                    <span>{p.head}{p.colon}{b.head_name.clone().unwrap_or_else(dash)}</span>
                    <span>{p.phone}{p.colon}{b.phone.clone().unwrap_or_else(dash)}</span>
                    <span class="sheet-last">{p.last_visit}{p.colon}{b.last_visit.clone().unwrap_or_else(|| p.never.to_owned())}</span>
                </p>
                <table class="sheet-members">
                    <thead><tr>
                        <th>{p.name}</th><th>{p.relation}</th><th>{p.born}</th>
                        <th>{p.id_number}</th><th>{p.phone}</th><th>{p.tags}</th>
                    </tr></thead>
                    <tbody>
                    { for b.members.iter().map(|m| html! {
                        <tr>
                            <td>{&m.name}</td>
                            <td>{(r.relation)(&m.relation)}</td>
                            <td class="mono">{m.birth_date.clone().unwrap_or_else(dash)}</td>
                            <td class="mono">{m.id_number.clone().unwrap_or_else(dash)}</td>
                            <td class="mono">{m.phone.clone().unwrap_or_else(dash)}</td>
                            <td>
                                {m.care_tags.iter().map(|c| (r.care_tag)(c)).chain(m.party_member.then_some(p.party)).collect::<Vec<_>>().join(r.sep)}
                            </td>
                        </tr>
                    }) }
                    </tbody>
                </table>
                <p class="sheet-lines">
                    <span>{p.visit_date}{p.colon}{"________"}</span>
                    <span>{p.visitor}{p.colon}{"________"}</span>
                </p>
                <p class="sheet-lines sheet-findings">{p.findings}{p.colon}</p>
            </div>
            <div class="sheet-qr">
                <Qr text={b.qr.clone()} mm={26} />
                <span class="sheet-qr-note">{p.scan_note}</span>
            </div>
        </article>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use linli_domain::register::ResidenceStatus;

    #[test]
    fn seven_households_make_three_pages() {
        let block = |_| VisitSheetBlock {
            household_id: Id::from_uuid(Default::default()),
            address: "南湖苑3栋101".into(),
            room: "101".into(),
            head_name: None,
            phone: None,
            residence_status: ResidenceStatus::Consistent,
            floating: false,
            members: vec![],
            last_visit: None,
            qr: String::new(),
        };
        let blocks: Vec<_> = (0..7).map(block).collect();
        let p = pages(&blocks);
        assert_eq!(p.iter().map(|b| b.len()).collect::<Vec<_>>(), [3, 3, 1]);
        assert!(pages(&[]).is_empty());
    }
}
