//! Exporting any list: which one, the format, the place, the period (for visits, tasks, hours),
//! and whether ID numbers are written in full ("显示完整证件号"; masked otherwise).

use linli_domain::Id;
use linli_protocol::{ApiError, ErrorKind, ExportList, ExportedList, ListKind, SheetFormat};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::{list_file_name, suggest, text_input};
use crate::components::export_button::ExportButton;
use crate::components::file_picker::{FilePicker, SavedFile};
use crate::components::place_picker::PlacePicker;
use crate::hooks::{use_kept_state, use_texts};
use crate::ipc;

fn kind_code(k: ListKind) -> &'static str {
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

fn kind_of(code: &str) -> Option<ListKind> {
    ListKind::ALL.into_iter().find(|k| kind_code(*k) == code)
}

/// A date field's value as the request wants it: none when blank.
fn date_of(s: &str) -> Option<String> {
    Some(s.trim().to_owned()).filter(|s| !s.is_empty())
}

#[function_component(Export)]
pub fn export() -> Html {
    let t = use_texts();
    let kind = use_kept_state("reports.export_kind", || ListKind::Households);
    let format = use_kept_state("reports.export_format", || SheetFormat::Xlsx);
    let reveal = use_state(|| false);
    let place = use_state(|| None as Option<Id>);
    let from = use_kept_state("reports.export_from", String::new);
    let to = use_kept_state("reports.export_to", String::new);
    let path = use_kept_state("reports.export_path", String::new);
    let suggested_for = use_kept_state("reports.export_path_for", || {
        None as Option<(ListKind, SheetFormat)>
    });
    let busy = use_state(|| false);
    let result = use_kept_state("reports.export_done", || {
        None as Option<Result<ExportedList, ApiError>>
    });
    {
        // another list or format proposes its own file name; a path the user chose stays
        let (path, suggested_for) = (path.clone(), suggested_for.clone());
        use_effect_with((*kind, *format), move |(k, f)| {
            if *suggested_for != Some((*k, *f)) {
                suggested_for.set(Some((*k, *f)));
                suggest(list_file_name(*k, *f), path);
            }
        });
    }
    let on_path = {
        let path = path.clone();
        Callback::from(move |p: String| path.set(p))
    };
    let on_kind = {
        let kind = kind.clone();
        Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<HtmlSelectElement>().value();
            if let Some(k) = kind_of(&v) {
                kind.set(k);
            }
        })
    };
    let on_format = {
        let format = format.clone();
        Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<HtmlSelectElement>().value();
            format.set(if v == "csv" {
                SheetFormat::Csv
            } else {
                SheetFormat::Xlsx
            });
        })
    };
    let on_reveal = {
        let reveal = reveal.clone();
        Callback::from(move |e: Event| {
            reveal.set(e.target_unchecked_into::<HtmlInputElement>().checked())
        })
    };
    let on_place = {
        let place = place.clone();
        Callback::from(move |p| place.set(p))
    };
    let on_export = {
        let (kind, format, reveal, place, from, to, path, busy, result) = (
            kind.clone(),
            format.clone(),
            reveal.clone(),
            place.clone(),
            from.clone(),
            to.clone(),
            path.clone(),
            busy.clone(),
            result.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let p = path.trim().to_owned();
            if p.is_empty() {
                result.set(Some(Err(ApiError::new(
                    ErrorKind::Invalid,
                    t.rep_need_path,
                ))));
                return;
            }
            let dated = kind.dated();
            let req = ExportList {
                kind: *kind,
                format: *format,
                path: p,
                reveal: *reveal,
                place_id: *place,
                from: if dated { date_of(&from) } else { None },
                to: if dated { date_of(&to) } else { None },
            };
            let (busy, result) = (busy.clone(), result.clone());
            busy.set(true);
            wasm_bindgen_futures::spawn_local(async move {
                result.set(Some(ipc::call(&req).await));
                busy.set(false);
            });
        })
    };
    let outcome = match &*result {
        None => html! {},
        Some(Err(e)) => html! { <p class="alert alert-error">{crate::i18n::say(e)}</p> },
        Some(Ok(done)) => html! {
            <p class="notice" id="export-done">
                {(t.rep_exported)(done.rows, &done.path)}
                <SavedFile id="export-saved" path={done.path.clone()} />
            </p>
        },
    };
    html! {
        <div class="report-section" id="export">
            <h2>{t.rep_export}</h2>
            <form class="form-row" onsubmit={on_export}>
                <label class="field">
                    <span class="label">{t.rep_kind}</span>
                    <select class="input" id="export-kind" onchange={on_kind}>
                    { for ListKind::ALL.iter().map(|k| html! {
                        <option value={kind_code(*k)} selected={*kind == *k}>{(t.list_kind)(*k)}</option>
                    }) }
                    </select>
                </label>
                <label class="field">
                    <span class="label">{t.rep_format}</span>
                    <select class="input" id="export-format" onchange={on_format}>
                        <option value="xlsx" selected={*format == SheetFormat::Xlsx}>{"Excel (.xlsx)"}</option>
                        <option value="csv" selected={*format == SheetFormat::Csv}>{"CSV (.csv)"}</option>
                    </select>
                </label>
                <PlacePicker id="export-place" label={t.rep_place} blank={t.rep_all} onchange={on_place} />
                if kind.dated() {
                    <label class="field">
                        <span class="label">{t.rep_from}</span>
                        {text_input("export-from", &from, "date")}
                    </label>
                    <label class="field">
                        <span class="label">{t.rep_to}</span>
                        {text_input("export-to", &to, "date")}
                    </label>
                }
                <label class="field">
                    <span class="label">
                        <input type="checkbox" id="export-reveal" checked={*reveal} onchange={on_reveal} />
                        {" "}{t.rep_reveal}
                    </span>
                </label>
                <FilePicker id="export-path" label={t.rep_path} value={(*path).clone()} onchange={on_path}
                    save=true filter_name={t.files.filter_sheets}
                    extensions={vec![if *format == SheetFormat::Csv { "csv" } else { "xlsx" }]} />
                <button class="btn btn-primary" id="export-button" type="submit" disabled={*busy}>
                    { if *busy { t.rep_working } else { t.rep_export_button } }
                </button>
            </form>
            if *reveal {
                <p class="field-error">{t.rep_reveal_warning}</p>
            }
            {outcome}
            <p class="form-row" id="quick-export">
                <span class="label">{t.rep_quick_export}</span>
                { for ListKind::ALL.iter().map(|k| html! { <ExportButton kind={*k} place_id={*place} /> }) }
            </p>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_kinds_round_trip_through_the_select_and_blank_dates_are_none() {
        for k in ListKind::ALL {
            assert_eq!(kind_of(kind_code(k)), Some(k));
        }
        assert_eq!(kind_of("nonsense"), None);
        assert_eq!(date_of("  "), None);
        assert_eq!(date_of("2026-03-01"), Some("2026-03-01".into()));
    }
}
