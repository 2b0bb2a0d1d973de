//! The monthly report: pick the month (last month by default) and the scope (everything, or any
//! community the laptop holds), write the workbook where the user chooses, show its figures and
//! where it went; each figure opens the records it counts, with a way back; 存为PDF saves the
//! report made as PDF too (issue 21). The month, scope, path and the report made are kept across
//! navigation.

use linli_domain::field::{TaskCategory, TaskStatus, VisitKind, VisitOutcome};
use linli_domain::Id;
use linli_protocol::{
    ApiError, FigureRecords, FigureUnit, Grid, MonthlyFigureRecords, MonthlyReport,
    MonthlyReportData, Place,
};
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::{monthly_file_name, suggest, text_input};
use crate::components::file_picker::{
    save_pdf_with_dialog, FilePicker, SaveOutcome, Saved, SavedFile,
};
use crate::hooks::{use_kept_state, use_texts};
use crate::i18n::Texts;
use crate::ipc;
use crate::pages::field::percent;

fn figure(unit: FigureUnit, v: f64) -> String {
    match unit {
        FigureUnit::Rate => percent(v),
        FigureUnit::Hours => {
            let s = format!("{v:.2}");
            s.trim_end_matches('0').trim_end_matches('.').to_owned()
        }
        FigureUnit::Count => format!("{v}"),
    }
}

/// "2026-03" for the month before the one the laptop is in: a report is made after its month.
pub fn last_month() -> String {
    let d = js_sys::Date::new_0();
    previous_month(d.get_full_year() as i32, d.get_month() + 1)
}

/// The month before `month` (1–12) of `year`, as "YYYY-MM".
fn previous_month(year: i32, month: u32) -> String {
    if month <= 1 {
        format!("{:04}-12", year - 1)
    } else {
        format!("{year:04}-{:02}", month - 1)
    }
}

/// A cell of a figure's records in the window's language: the lists write visit kinds and
/// outcomes, request statuses and categories ("随手拍·…" keeps its detail) and 是/否 in Chinese.
pub(crate) fn cell_in(t: &Texts, c: &str) -> String {
    let (head, rest) = match c.split_once('·') {
        Some((h, r)) => (h, Some(r)),
        None => (c, None),
    };
    let known = VisitKind::ALL
        .iter()
        .find(|k| k.label_zh() == head)
        .map(|k| (t.visit_kind_label)(*k))
        .or_else(|| {
            VisitOutcome::ALL
                .iter()
                .find(|k| k.label_zh() == head)
                .map(|k| (t.visit_outcome_label)(*k))
        })
        .or_else(|| {
            TaskStatus::ALL
                .iter()
                .find(|k| k.label_zh() == head)
                .map(|k| (t.task_status)(*k))
        })
        .or_else(|| {
            TaskCategory::ALL
                .iter()
                .find(|k| k.label_zh() == head)
                .map(|k| (t.task_category)(*k))
        });
    match (known, rest) {
        (Some(k), Some(r)) => format!("{k}·{r}"),
        (Some(k), None) => k.to_owned(),
        (None, _) => (t.files.cell)(c),
    }
}

/// The scope chosen in 范围, as the select's value: "" everything, "p:ID" a community, "g:ID" a
/// grid. Gives `(place_id, grid_id)`.
fn scope_of(value: &str) -> (Option<Id>, Option<Id>) {
    match value.split_once(':') {
        Some(("p", id)) => (id.parse().ok(), None),
        Some(("g", id)) => (None, id.parse().ok()),
        _ => (None, None),
    }
}

/// A report made: what was asked and what came back.
#[derive(Debug, Clone, PartialEq)]
struct Made {
    month: String,
    place_id: Option<Id>,
    grid_id: Option<Id>,
    data: Result<MonthlyReportData, ApiError>,
}

/// The records behind one figure, open in place of the figures.
#[derive(Debug, Clone, PartialEq)]
struct Drill {
    key: String,
    label: String,
    cumulative: bool,
    records: Option<Result<FigureRecords, ApiError>>,
}

#[function_component(Monthly)]
pub fn monthly() -> Html {
    let t = use_texts();
    let month = use_kept_state("reports.month", last_month);
    let scope = use_kept_state("reports.scope", String::new);
    let path = use_kept_state("reports.monthly_path", String::new);
    let suggested_for = use_kept_state("reports.monthly_path_for", || None as Option<String>);
    let made = use_kept_state("reports.monthly", || None as Option<Made>);
    let drill = use_kept_state("reports.drill", || None as Option<Drill>);
    let communities = use_state(Vec::<(Place, Vec<Grid>)>::new);
    let busy = use_state(|| false);
    let error = use_state(|| None as Option<&'static str>);
    {
        let communities = communities.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                if let Some(out) = super::communities_with_grids().await {
                    communities.set(out);
                }
            });
        });
    }
    {
        // a new month proposes its own file name; a path the user chose stays
        let (path, suggested_for) = (path.clone(), suggested_for.clone());
        use_effect_with((*month).clone(), move |m| {
            if suggested_for.as_deref() != Some(m.as_str()) {
                suggested_for.set(Some(m.clone()));
                suggest(monthly_file_name(m), path);
            }
        });
    }
    let on_scope = {
        let scope = scope.clone();
        Callback::from(move |e: Event| {
            scope.set(e.target_unchecked_into::<HtmlSelectElement>().value());
        })
    };
    let on_path = {
        let path = path.clone();
        Callback::from(move |p: String| path.set(p))
    };
    let on_make = {
        let (month, scope, path, busy, made, drill, error) = (
            month.clone(),
            scope.clone(),
            path.clone(),
            busy.clone(),
            made.clone(),
            drill.clone(),
            error.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let p = path.trim().to_owned();
            if p.is_empty() {
                error.set(Some(t.rep_need_path));
                return;
            }
            error.set(None);
            let (place_id, grid_id) = scope_of(&scope);
            let req = MonthlyReport {
                month: month.trim().to_owned(),
                place_id,
                path: Some(p),
                grid_id,
            };
            let (busy, made) = (busy.clone(), made.clone());
            drill.set(None);
            busy.set(true);
            wasm_bindgen_futures::spawn_local(async move {
                let data = ipc::call(&req).await;
                made.set(Some(Made {
                    month: req.month,
                    place_id: req.place_id,
                    grid_id: req.grid_id,
                    data,
                }));
                busy.set(false);
            });
        })
    };
    let open = |key: &str, label: &str, cumulative: bool| {
        let (drill, made) = (drill.clone(), (*made).clone());
        let (key, label) = (key.to_owned(), label.to_owned());
        Callback::from(move |_: MouseEvent| {
            let Some(m) = made.clone() else { return };
            let req = MonthlyFigureRecords {
                month: m.month,
                place_id: m.place_id,
                key: key.clone(),
                cumulative,
                grid_id: m.grid_id,
            };
            let opened = Drill {
                key: key.clone(),
                label: label.clone(),
                cumulative,
                records: None,
            };
            drill.set(Some(opened.clone()));
            let drill = drill.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let records = ipc::call(&req).await;
                drill.set(Some(Drill {
                    records: Some(records),
                    ..opened
                }));
            });
        })
    };
    let on_back = {
        let drill = drill.clone();
        Callback::from(move |_: MouseEvent| drill.set(None))
    };
    let pdf = use_state(|| None as Option<Saved>);
    let on_pdf = {
        let (made, pdf) = (made.clone(), pdf.clone());
        Callback::from(move |_: MouseEvent| {
            let Some(m) = (*made).clone() else { return };
            let pdf = pdf.clone();
            pdf.set(None);
            wasm_bindgen_futures::spawn_local(async move {
                let name = monthly_file_name(&m.month).replace(".xlsx", ".pdf");
                let outcome = save_pdf_with_dialog(t, name, |path| async move {
                    // the same report, written as PDF because the path ends in .pdf
                    ipc::call(&MonthlyReport {
                        month: m.month,
                        place_id: m.place_id,
                        path: Some(path.clone()),
                        grid_id: m.grid_id,
                    })
                    .await
                    .map(|d| d.path.unwrap_or(path))
                })
                .await;
                pdf.set(Some(outcome));
            });
        })
    };

    let records = |d: &Drill| -> Html {
        let body = match &d.records {
            None => html! { <p class="muted">{t.files.records_loading}</p> },
            Some(Err(e)) => html! { <p class="alert alert-error">{crate::i18n::say(e)}</p> },
            Some(Ok(r)) if r.rows.is_empty() => html! {
                <>
                    <div class="records-head">
                        <h3 id="figure-records-title">{(t.files.records_title)(&d.label, d.cumulative, &r.from, &r.to, 0)}</h3>
                    </div>
                    <p class="empty">{t.files.records_none}</p>
                </>
            },
            Some(Ok(r)) => html! {
                <>
                    <div class="records-head">
                        <h3 id="figure-records-title">{(t.files.records_title)(&d.label, d.cumulative, &r.from, &r.to, r.rows.len())}</h3>
                    </div>
                    <div class="records-scroll">
                        <table class="table" id="figure-records-table">
                            <thead><tr>{ for r.headers.iter().map(|h| html! { <th>{(t.files.header)(h)}</th> }) }</tr></thead>
                            <tbody>
                            { for r.rows.iter().map(|row| html! {
                                <tr>{ for row.iter().map(|c| html! { <td>{cell_in(t, c)}</td> }) }</tr>
                            }) }
                            </tbody>
                        </table>
                    </div>
                </>
            },
        };
        html! {
            <div id="figure-records" data-key={d.key.clone()}>
                <button class="btn" id="figure-back" type="button" onclick={on_back.clone()}>{"← "}{t.files.records_back}</button>
                {body}
            </div>
        }
    };

    let body = match &*made {
        None => html! {},
        Some(Made { data: Err(e), .. }) => {
            html! { <p class="alert alert-error">{crate::i18n::say(e)}</p> }
        }
        Some(Made {
            data: Ok(r),
            place_id,
            grid_id,
            ..
        }) => {
            let scope = if place_id.is_none() && grid_id.is_none() {
                t.files.scope_all.to_owned()
            } else {
                r.place_name.clone()
            };
            let table = match &*drill {
                Some(d) => records(d),
                None => html! {
                    <>
                    <p class="hint">{t.files.open_records}</p>
                    <table class="table" id="monthly-figures">
                        <thead><tr>
                            <th>{t.rep_col_item}</th><th>{t.rep_col_month}</th>
                            <th>{t.rep_col_cumulative}</th><th>{t.rep_col_source}</th>
                        </tr></thead>
                        <tbody>
                        { for r.figures.iter().map(|f| {
                            let label = (t.files.figure_label)(&f.key, &f.label);
                            html! {
                                <tr data-key={f.key.clone()}>
                                    <td>{label.clone()}</td>
                                    <td>
                                        <button class="figure-open" type="button" id={format!("fig-{}-month", f.key)}
                                            onclick={open(&f.key, &label, false)}>{figure(f.unit, f.month)}</button>
                                    </td>
                                    <td>
                                        <button class="figure-open" type="button" id={format!("fig-{}-year", f.key)}
                                            onclick={open(&f.key, &label, true)}>{figure(f.unit, f.cumulative)}</button>
                                    </td>
                                    <td class="muted">{(t.files.figure_source)(&f.key, &f.source)}</td>
                                </tr>
                            }
                        }) }
                        </tbody>
                    </table>
                    </>
                },
            };
            html! {
                <>
                    if let Some(p) = &r.path {
                        <p class="notice" id="monthly-written">
                            {(t.rep_written)(p)}
                            <SavedFile id="monthly-saved" path={p.clone()} />
                        </p>
                    }
                    <p class="form-actions" id="monthly-pdf-row">
                        <button class="btn btn-pdf" type="button" id="monthly-pdf" onclick={on_pdf.clone()}>{t.files.save_pdf}</button>
                        <SaveOutcome id="monthly-pdf" outcome={(*pdf).clone()} />
                    </p>
                    <p class="muted" id="monthly-scope-line">{format!("{} · {}", scope, (t.rep_period)(&r.from, &r.to, &r.cumulative_from))}</p>
                    {table}
                </>
            }
        }
    };
    let chosen = (*scope).clone();
    let option = |value: String, text: String| {
        let selected = value == chosen;
        html! { <option {value} {selected}>{text}</option> }
    };
    html! {
        <div class="report-section" id="monthly">
            <h2>{t.rep_monthly}</h2>
            <crate::components::print::PrintButton id="monthly-print" />
            <form class="form-row" onsubmit={on_make}>
                <label class="field">
                    <span class="label">{t.rep_month}</span>
                    {text_input("monthly-month", &month, "text")}
                </label>
                <label class="field">
                    <span class="label">{t.rep_place}</span>
                    <select class="input" id="monthly-scope" onchange={on_scope}>
                        { option(String::new(), t.files.scope_all.to_owned()) }
                        { for communities.iter().map(|(c, grids)| html! {
                            <>
                            { option(format!("p:{}", c.id), (t.files.scope_community)(&c.name, c.parent_name.as_deref())) }
                            // its big grids, each followed by its sections
                            { for grids.iter().filter(|g| g.parent_id.is_none()).map(|big| html! {
                                <>
                                { option(format!("g:{}", big.id), format!("\u{a0}\u{a0}\u{a0}{}", big.name)) }
                                { for grids.iter().filter(|s| s.parent_id == Some(big.id)).map(|s| {
                                    option(format!("g:{}", s.id), format!("\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}{}", s.name))
                                }) }
                                </>
                            }) }
                            </>
                        }) }
                    </select>
                </label>
                <FilePicker id="monthly-path" label={t.rep_path} value={(*path).clone()} onchange={on_path}
                    save=true extensions={vec!["xlsx"]} filter_name={t.files.filter_sheets} />
                <button class="btn btn-primary" id="monthly-make" type="submit" disabled={*busy}>
                    { if *busy { t.rep_working } else { t.rep_make_monthly } }
                </button>
                if let Some(e) = *error {
                    <p class="field-error">{e}</p>
                }
            </form>
            {body}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_read_as_counts_hours_and_percentages() {
        assert_eq!(figure(FigureUnit::Count, 42.0), "42");
        assert_eq!(figure(FigureUnit::Hours, 48.5), "48.5");
        assert_eq!(figure(FigureUnit::Hours, 3.0), "3");
        assert_eq!(figure(FigureUnit::Rate, 0.65), "65.0%");
    }

    #[test]
    fn the_records_read_in_english() {
        let en = crate::i18n::Lang::En.texts();
        let zh = crate::i18n::Lang::Zh.texts();
        for k in VisitKind::ALL {
            assert!(cell_in(en, k.label_zh()).is_ascii(), "{k:?}");
            assert_eq!(cell_in(zh, k.label_zh()), k.label_zh());
        }
        for k in VisitOutcome::ALL {
            assert!(cell_in(en, k.label_zh()).is_ascii(), "{k:?}");
        }
        for k in TaskStatus::ALL {
            assert!(cell_in(en, k.label_zh()).is_ascii(), "{k:?}");
        }
        for k in TaskCategory::ALL {
            assert!(cell_in(en, k.label_zh()).is_ascii(), "{k:?}");
        }
        assert_eq!(cell_in(en, "否"), "No");
        assert_eq!(cell_in(en, "南湖苑"), "南湖苑", "user data stays as it is");
    }

    #[test]
    fn the_scope_is_everything_a_community_or_a_grid() {
        let id: Id = "00000000-0000-0000-0000-000000000007".parse().unwrap();
        assert_eq!(scope_of(""), (None, None));
        assert_eq!(scope_of(&format!("p:{id}")), (Some(id), None));
        assert_eq!(scope_of(&format!("g:{id}")), (None, Some(id)));
        assert_eq!(scope_of("g:nonsense"), (None, None));
    }

    #[test]
    fn the_report_is_for_last_month_by_default() {
        assert_eq!(previous_month(2026, 12), "2026-11");
        assert_eq!(previous_month(2026, 1), "2025-12");
        assert_eq!(previous_month(2026, 10), "2026-09");
    }
}
