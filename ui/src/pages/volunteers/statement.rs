//! A volunteer's statement: its lines with a running balance, the print view (the statement alone,
//! as it goes on paper) and the .xlsx export.

use crate::components::file_picker::{save_pdf_with_dialog, save_with_dialog, SaveOutcome, Saved};
use linli_domain::Id;
use linli_protocol::{ExportStatement, SheetFormat, Statement};
use yew::prelude::*;

use super::logic::statement_period;
use crate::hooks::use_texts;
use crate::i18n::Texts;
use crate::ipc;

/// The statement's lines; `on_line` (none on paper) makes each line's points open where they
/// come from.
fn lines(t: &Texts, st: &Statement, on_line: Option<&Callback<Id>>) -> Html {
    html! {
        <table class="table">
            <thead><tr>
                <th>{t.vol_date}</th><th>{t.vol_what}</th><th>{t.vol_points}</th><th>{t.vol_running}</th>
            </tr></thead>
            <tbody>
            { for st.lines.iter().map(|l| html! {
                <tr key={l.id.to_string()} class={classes!(l.needs_review.then_some("review"))}>
                    <td>{&l.date}</td>
                    <td>{&l.description}{if l.needs_review { t.vol_needs_review } else { "" }}</td>
                    <td class="num">
                        { match on_line {
                            Some(on_line) => {
                                let (on_line, id) = (on_line.clone(), l.id);
                                html! {
                                    <button class="points-link line-why" data-id={l.id.to_string()} data-kind={l.kind.code()}
                                        title={t.desk.why_open} onclick={Callback::from(move |_| on_line.emit(id))}>
                                        {format!("{:+}", l.points)}
                                    </button>
                                }
                            }
                            None => html! { {format!("{:+}", l.points)} },
                        } }
                    </td>
                    <td class="num">{l.running}</td>
                </tr>
            }) }
            </tbody>
        </table>
    }
}

/// The print view: the statement alone.
pub fn print_view(t: &'static Texts, st: &Statement, on_back: Callback<MouseEvent>) -> Html {
    let today = crate::clock::today();
    let (from, to) = statement_period(st, &today);
    html! {
        <section class="volunteers">
            <div class="print-tools no-print">
                <button id="vol-print-back" class="btn" onclick={on_back}>{t.vol_back}</button>
                <crate::components::print::PrintButton id="vol-print-now" class={classes!("btn", "btn-primary")}
                    label={t.vol_print} />
            </div>
            <article class="print-sheet" id="statement-print">
                <crate::components::print_mark::PrintMark />
                <h1>{t.vol_statement_title}</h1>
                <p class="print-meta">{(t.vol_statement_who)(&st.volunteer_name, &st.community_name)}</p>
                <p class="print-meta">
                    {(t.vol_statement_period)(&from, &to)}{"　"}{(t.vol_printed_on)(&today)}
                </p>
                {lines(t, st, None)}
                <p class="print-balance" id="print-balance">
                    {(t.vol_balance_line)(st.balance.balance, st.balance.certain)}
                </p>
                <p class="muted">{&st.balance.note}</p>
                <crate::pages::settings::station_sign::StationSign volunteer_id={st.volunteer_id} />
            </article>
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct StatementProps {
    pub statement: Statement,
    pub on_print_view: Callback<MouseEvent>,
    /// Opens where the balance comes from.
    pub on_why: Callback<MouseEvent>,
    /// Opens where one line's points come from.
    pub on_line: Callback<Id>,
}

#[function_component(StatementPanel)]
pub fn statement_panel(p: &StatementProps) -> Html {
    let t = use_texts();
    let st = &p.statement;
    let exported = use_state(|| None as Option<Saved>);
    {
        let exported = exported.clone();
        use_effect_with(st.volunteer_id, move |_| exported.set(None));
    }
    let on_export = {
        let exported = exported.clone();
        let (volunteer_id, name) = (st.volunteer_id, st.volunteer_name.clone());
        Callback::from(move |_| {
            let (exported, name) = (exported.clone(), name.clone());
            exported.set(None);
            wasm_bindgen_futures::spawn_local(async move {
                let file_name = format!("积分对账单-{name}.xlsx");
                let outcome = save_with_dialog(t, file_name, |path| async move {
                    ipc::call(&ExportStatement {
                        volunteer_id,
                        format: SheetFormat::Xlsx,
                        path,
                    })
                    .await
                })
                .await;
                exported.set(Some(outcome));
            });
        })
    };
    let pdf = use_state(|| None as Option<Saved>);
    {
        let pdf = pdf.clone();
        use_effect_with(st.volunteer_id, move |_| pdf.set(None));
    }
    let on_pdf = {
        let pdf = pdf.clone();
        let (volunteer_id, name) = (st.volunteer_id, st.volunteer_name.clone());
        Callback::from(move |_| {
            let (pdf, name) = (pdf.clone(), name.clone());
            pdf.set(None);
            wasm_bindgen_futures::spawn_local(async move {
                let file_name = format!("积分对账单-{name}.pdf");
                let outcome = save_pdf_with_dialog(t, file_name, |path| async move {
                    // a .pdf path is written as PDF whatever the format
                    ipc::call(&ExportStatement {
                        volunteer_id,
                        format: SheetFormat::Xlsx,
                        path,
                    })
                    .await
                    .map(|d| d.path)
                })
                .await;
                pdf.set(Some(outcome));
            });
        })
    };
    html! {
        <div class="panel" id="vol-statement">
            <div class="panel-head">
                <h2>{(t.vol_statement_of)(&st.volunteer_name)}</h2>
                <button class="points-link count" id="vol-statement-why" title={t.desk.why_open} onclick={p.on_why.clone()}>
                    {(t.vol_balance_line)(st.balance.balance, st.balance.certain)}
                </button>
            </div>
            <p class="muted">{&st.balance.note}</p>
            <div class="panel-tools">
                <button id="vol-print-view" class="btn" onclick={p.on_print_view.clone()}>{t.vol_print_statement}</button>
                <button id="vol-statement-export" class="btn" onclick={on_export}>{t.vol_export_statement}</button>
                <SaveOutcome id="vol-statement" outcome={(*exported).clone()} />
                <button id="vol-statement-pdf" class="btn btn-pdf" onclick={on_pdf}>{t.files.save_pdf}</button>
            </div>
            if pdf.is_some() {
                <p class="form-actions" id="vol-statement-pdf-row">
                    <SaveOutcome id="vol-statement-pdf" outcome={(*pdf).clone()} />
                </p>
            }
            {lines(t, st, Some(&p.on_line))}
        </div>
    }
}
