//! The monthly report: pick the month and the place, write the workbook, show its figures and
//! where it went.

use linli_domain::Id;
use linli_protocol::{ApiError, FigureUnit, MonthlyReport, MonthlyReportData};
use yew::prelude::*;

use super::{monthly_file_name, suggest, text_input, this_month};
use crate::components::place_picker::PlacePicker;
use crate::hooks::use_texts;
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

#[function_component(Monthly)]
pub fn monthly() -> Html {
    let t = use_texts();
    let month = use_state(this_month);
    let place = use_state(|| None as Option<Id>);
    let path = use_state(String::new);
    let busy = use_state(|| false);
    let result = use_state(|| None as Option<Result<MonthlyReportData, ApiError>>);
    {
        let path = path.clone();
        use_effect_with((*month).clone(), move |m| {
            suggest(monthly_file_name(m), path)
        });
    }
    let on_place = {
        let place = place.clone();
        Callback::from(move |p| place.set(p))
    };
    let on_make = {
        let (month, place, path, busy, result) = (
            month.clone(),
            place.clone(),
            path.clone(),
            busy.clone(),
            result.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let p = path.trim().to_owned();
            if p.is_empty() {
                result.set(Some(Err(ApiError::new(
                    linli_protocol::ErrorKind::Invalid,
                    t.rep_need_path,
                ))));
                return;
            }
            let req = MonthlyReport {
                month: (*month).clone(),
                place_id: *place,
                path: Some(p),
            };
            let (busy, result) = (busy.clone(), result.clone());
            busy.set(true);
            wasm_bindgen_futures::spawn_local(async move {
                result.set(Some(ipc::call(&req).await));
                busy.set(false);
            });
        })
    };
    let body = match &*result {
        None => html! {},
        Some(Err(e)) => html! { <p class="alert alert-error">{crate::i18n::say(e)}</p> },
        Some(Ok(r)) => html! {
            <>
                if let Some(p) = &r.path {
                    <p class="notice" id="monthly-written">{(t.rep_written)(p)}</p>
                }
                <p class="muted">{format!("{} · {}", r.place_name, (t.rep_period)(&r.from, &r.to, &r.cumulative_from))}</p>
                <table class="table" id="monthly-figures">
                    <thead><tr>
                        <th>{t.rep_col_item}</th><th>{t.rep_col_month}</th>
                        <th>{t.rep_col_cumulative}</th><th>{t.rep_col_source}</th>
                    </tr></thead>
                    <tbody>
                    { for r.figures.iter().map(|f| html! {
                        <tr data-key={f.key.clone()}>
                            <td>{&f.label}</td>
                            <td class="mono">{figure(f.unit, f.month)}</td>
                            <td class="mono">{figure(f.unit, f.cumulative)}</td>
                            <td class="muted">{&f.source}</td>
                        </tr>
                    }) }
                    </tbody>
                </table>
            </>
        },
    };
    html! {
        <div class="report-section" id="monthly">
            <h2>{t.rep_monthly}</h2>
            <form class="form-row" onsubmit={on_make}>
                <label class="field">
                    <span class="label">{t.rep_month}</span>
                    {text_input("monthly-month", &month, "text")}
                </label>
                <PlacePicker id="monthly-place" label={t.rep_place} blank={t.rep_all} onchange={on_place} />
                <label class="field">
                    <span class="label">{t.rep_path}</span>
                    {text_input("monthly-path", &path, "text")}
                </label>
                <button class="btn btn-primary" id="monthly-make" type="submit" disabled={*busy}>
                    { if *busy { t.rep_working } else { t.rep_make_monthly } }
                </button>
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
}
