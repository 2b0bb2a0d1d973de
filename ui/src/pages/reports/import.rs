//! Importing a register (台账): the file's path, the place and optionally a saved mapping file; a
//! preview with the counts, every refused and warned row (sheet and row as Excel shows them) and
//! the header mapping (each column's header and the field it was mapped to), where any column's
//! field can be changed, the preview following; the mapping can be saved as the file
//! `linli import --mapping` reads. Nothing is written before the user confirms the preview they
//! saw, and the import uses the mapping reviewed there.

use linli_domain::Id;
use linli_protocol::{
    HeaderMapping, ImportColumn, ImportCommit, ImportField, ImportPreview, ImportSummary, RowIssue,
    SaveImportMapping, SuggestPath,
};
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::components::file_picker::FilePicker;
use crate::components::place_picker::PlacePicker;
use crate::hooks::{use_texts, Latest};
use crate::i18n::Texts;
use crate::ipc;

/// What was previewed: the file, the place, the mapping file and the reviewed mapping.
#[derive(Debug, Clone, PartialEq)]
struct Source {
    path: String,
    place: Id,
    mapping: Option<String>,
    headers: Option<HeaderMapping>,
}

/// What the section shows: a preview waiting for confirmation, or the import done.
#[derive(Debug, Clone, PartialEq)]
enum Stage {
    Idle,
    Previewed {
        source: Source,
        summary: ImportSummary,
    },
    Imported(ImportSummary),
    Failed(String),
}

/// A field as a select's value ("" for not used).
pub fn field_code(f: Option<ImportField>) -> &'static str {
    match f {
        None => "",
        Some(ImportField::Name) => "name",
        Some(ImportField::IdNumber) => "id_number",
        Some(ImportField::Phone) => "phone",
        Some(ImportField::Building) => "building",
        Some(ImportField::Unit) => "unit",
        Some(ImportField::Room) => "room",
        Some(ImportField::Address) => "address",
        Some(ImportField::Relation) => "relation",
        Some(ImportField::Gender) => "gender",
        Some(ImportField::BirthDate) => "birth_date",
        Some(ImportField::ResidenceStatus) => "residence_status",
        Some(ImportField::CareTags) => "care_tags",
        Some(ImportField::Notes) => "notes",
        Some(ImportField::Compound) => "compound",
        Some(ImportField::MovedIn) => "moved_in",
        Some(ImportField::HouseholdPhone) => "household_phone",
        Some(ImportField::Floating) => "floating",
        Some(ImportField::HouseholdTags) => "household_tags",
        Some(ImportField::HouseholdNotes) => "household_notes",
        Some(ImportField::PartyMember) => "party_member",
    }
}

/// The field a select's value names.
pub fn field_of(code: &str) -> Option<ImportField> {
    ImportField::ALL
        .into_iter()
        .find(|f| field_code(Some(*f)) == code)
}

/// The mapping the preview shows, with one column's field changed: every column with a header,
/// so the next preview and the import read the sheet exactly as reviewed.
pub fn with_choice(
    columns: &[ImportColumn],
    header: &str,
    field: Option<ImportField>,
) -> HeaderMapping {
    let mut m: HeaderMapping = columns
        .iter()
        .filter(|c| !c.header.is_empty())
        .map(|c| (c.header.clone(), c.field))
        .collect();
    if let Some(f) = field {
        // a field is one column's: the column that held it gives it up
        for v in m.values_mut() {
            if *v == Some(f) {
                *v = None;
            }
        }
    }
    m.insert(header.to_owned(), field);
    m
}

fn issues(id: &str, title: String, rows: &[RowIssue], t: &Texts) -> Html {
    if rows.is_empty() {
        return html! {};
    }
    html! {
        <>
            <h3>{title}</h3>
            <table class="table" id={id.to_owned()}>
                <thead><tr><th>{t.rep_col_sheet}</th><th>{t.rep_col_row}</th><th>{t.rep_col_reason}</th></tr></thead>
                <tbody>
                { for rows.iter().map(|r| html! {
                    <tr><td>{&r.sheet}</td><td class="mono">{r.row}</td><td>{crate::i18n::say_row(r)}</td></tr>
                }) }
                </tbody>
            </table>
        </>
    }
}

/// The previews asked for: only the newest one's answer is shown (two changes of the mapping in
/// a row ask twice, and the first answer may come last).
type Previews = std::rc::Rc<std::cell::RefCell<Latest>>;

/// Runs a preview of `source` and shows it (or what went wrong), unless a newer one was asked
/// for meanwhile.
fn preview(
    source: Source,
    stage: UseStateHandle<Stage>,
    busy: UseStateHandle<bool>,
    previews: Previews,
) {
    busy.set(true);
    let n = previews.borrow_mut().start();
    wasm_bindgen_futures::spawn_local(async move {
        let req = ImportPreview {
            path: source.path.clone(),
            place_id: source.place,
            sheet: None,
            mapping: source.mapping.clone(),
            headers: source.headers.clone(),
        };
        let answer = ipc::call(&req).await;
        if !previews.borrow().is_current(n) {
            return;
        }
        stage.set(match answer {
            Ok(summary) => Stage::Previewed { source, summary },
            Err(e) => Stage::Failed(crate::i18n::say(&e)),
        });
        busy.set(false);
    });
}

/// The line naming the compounds and buildings an import creates, each with its level and the
/// place it stands in ("3栋（楼栋，西门新村）"); none when it creates none.
pub fn created_line(s: &ImportSummary, done: bool, t: &Texts) -> Option<String> {
    if s.created_places.is_empty() {
        return None;
    }
    let items: Vec<String> = s
        .created_places
        .iter()
        .map(|p| (t.rep_created_item)(&p.name, (t.kind_label)(p.kind), p.parent.as_deref()))
        .collect();
    Some((t.rep_created_places)(done, &items))
}

fn created(s: &ImportSummary, done: bool, t: &Texts) -> Html {
    match created_line(s, done, t) {
        Some(line) => html! { <p class="notice" id="import-created">{line}</p> },
        None => Html::default(),
    }
}

#[function_component(Import)]
pub fn import() -> Html {
    let t = use_texts();
    let path = use_state(String::new);
    let mapping_file = use_state(String::new);
    let save_path = use_state(String::new);
    let saved = use_state(|| None as Option<Result<String, String>>);
    let place = use_state(|| None as Option<Id>);
    let stage = use_state(|| Stage::Idle);
    let busy = use_state(|| false);
    let previews: Previews = use_mut_ref(Latest::default);
    {
        let save_path = save_path.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(p) = ipc::call(&SuggestPath {
                    file_name: "台账映射.json".into(),
                })
                .await
                {
                    save_path.set(p);
                }
            });
        });
    }
    let on_place = {
        let (place, stage) = (place.clone(), stage.clone());
        Callback::from(move |p| {
            place.set(p);
            stage.set(Stage::Idle);
        })
    };
    // the file, the place and the mapping file as the fields hold them now
    let source = {
        let (path, place, mapping_file) = (path.clone(), place.clone(), mapping_file.clone());
        move || -> Result<Source, &'static str> {
            let file = path.trim().to_owned();
            let Some(p) = *place else {
                return Err(t.rep_need_place);
            };
            if file.is_empty() {
                return Err(t.rep_need_path);
            }
            let m = mapping_file.trim();
            Ok(Source {
                path: file,
                place: p,
                mapping: (!m.is_empty()).then(|| m.to_owned()),
                headers: None,
            })
        }
    };
    let on_preview = {
        let (source, stage, busy) = (source.clone(), stage.clone(), busy.clone());
        let previews = previews.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            match source() {
                Ok(s) => preview(s, stage.clone(), busy.clone(), previews.clone()),
                Err(why) => stage.set(Stage::Failed(why.into())),
            }
        })
    };
    // loading a saved mapping: the file's mapping replaces the one reviewed so far
    let on_load = {
        let (source, stage, busy, mapping_file) = (
            source.clone(),
            stage.clone(),
            busy.clone(),
            mapping_file.clone(),
        );
        let previews = previews.clone();
        Callback::from(move |_| {
            if mapping_file.trim().is_empty() {
                return stage.set(Stage::Failed(t.rep_need_mapping_file.into()));
            }
            match source() {
                Ok(s) => preview(s, stage.clone(), busy.clone(), previews.clone()),
                Err(why) => stage.set(Stage::Failed(why.into())),
            }
        })
    };
    let on_confirm = {
        let (stage, busy) = (stage.clone(), busy.clone());
        Callback::from(move |_| {
            // the import is of the file, place and mapping that were previewed, not of what the
            // fields hold now
            let Stage::Previewed { source, .. } = (*stage).clone() else {
                return;
            };
            let (stage, busy) = (stage.clone(), busy.clone());
            busy.set(true);
            wasm_bindgen_futures::spawn_local(async move {
                let req = ImportCommit {
                    path: source.path,
                    place_id: source.place,
                    sheet: None,
                    mapping: source.mapping,
                    headers: source.headers,
                };
                stage.set(match ipc::call(&req).await {
                    Ok(s) => Stage::Imported(s),
                    Err(e) => Stage::Failed(crate::i18n::say(&e)),
                });
                busy.set(false);
            });
        })
    };
    let on_save = {
        let (stage, save_path, saved) = (stage.clone(), save_path.clone(), saved.clone());
        Callback::from(move |_| {
            let Stage::Previewed { summary, .. } = &*stage else {
                return;
            };
            let headers: HeaderMapping = summary
                .columns
                .iter()
                .filter(|c| !c.header.is_empty())
                .map(|c| (c.header.clone(), c.field))
                .collect();
            let path = save_path.trim().to_owned();
            let saved = saved.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let res = ipc::call(&SaveImportMapping { path, headers }).await;
                saved.set(Some(
                    res.map(|p| (t.rep_mapping_saved)(&p))
                        .map_err(|e| crate::i18n::say(&e)),
                ));
            });
        })
    };

    let mapping_view = |source: &Source, columns: &[ImportColumn]| {
        let rows = columns.iter().enumerate().map(|(i, c)| {
            let onchange = {
                let (stage, busy, source) = (stage.clone(), busy.clone(), source.clone());
                let previews = previews.clone();
                let (columns, header) = (columns.to_vec(), c.header.clone());
                Callback::from(move |e: Event| {
                    let code = e.target_unchecked_into::<HtmlSelectElement>().value();
                    let headers = with_choice(&columns, &header, field_of(&code));
                    preview(
                        Source {
                            headers: Some(headers),
                            ..source.clone()
                        },
                        stage.clone(),
                        busy.clone(),
                        previews.clone(),
                    );
                })
            };
            html! {
                <tr key={i}>
                    <td>{&c.sheet}</td>
                    <td class="mono">{&c.letter}</td>
                    <td>{&c.header}</td>
                    <td>
                        <select class="input import-field" id={format!("import-field-{i}")}
                            data-header={c.header.clone()} disabled={*busy || c.header.is_empty()} {onchange}>
                            <option value="" selected={c.field.is_none()}>{t.rep_unused}</option>
                            { for ImportField::ALL.iter().map(|f| html! {
                                <option value={field_code(Some(*f))} selected={c.field == Some(*f)}>
                                    {(t.import_field)(*f)}
                                </option>
                            }) }
                        </select>
                    </td>
                </tr>
            }
        });
        html! {
            <>
                <h3>{t.rep_mapping}</h3>
                <p class="muted">{t.rep_mapping_hint}</p>
                <table class="table" id="import-columns">
                    <thead><tr>
                        <th>{t.rep_col_sheet}</th><th>{t.rep_col_column}</th>
                        <th>{t.rep_col_header}</th><th>{t.rep_col_field}</th>
                    </tr></thead>
                    <tbody>{ for rows }</tbody>
                </table>
                <div class="form-row">
                    <FilePicker id="import-mapping-save-path" label={t.rep_mapping_save_to}
                        value={(*save_path).clone()} save=true extensions={vec!["json"]}
                        filter_name={t.files.filter_mapping}
                        onchange={let save_path = save_path.clone(); Callback::from(move |p| save_path.set(p))} />
                    <button class="btn" id="import-mapping-save" type="button" onclick={on_save.clone()}>
                        {t.rep_mapping_save}
                    </button>
                </div>
                { match &*saved {
                    None => html! {},
                    Some(Ok(m)) => html! { <p class="notice" id="import-mapping-saved">{m}</p> },
                    Some(Err(m)) => html! { <p class="field-error" role="alert">{m}</p> },
                } }
            </>
        }
    };

    let body = match &*stage {
        Stage::Idle => html! { <p class="muted">{t.rep_import_hint}</p> },
        Stage::Failed(m) => html! { <p class="alert alert-error" id="import-error">{m}</p> },
        Stage::Previewed { source, summary: s } => html! {
            <>
                <p class="count" id="import-preview">{(t.rep_preview_line)(
                    s.households.created, s.households.updated, s.residents.created, s.residents.updated,
                )}</p>
                {created(s, false, t)}
                {issues("import-refused", (t.rep_refused)(s.refused.len()), &s.refused, t)}
                {issues("import-warnings", (t.rep_warnings)(s.warnings.len()), &s.warnings, t)}
                {mapping_view(source, &s.columns)}
                <button class="btn btn-primary" id="import-confirm" disabled={*busy} onclick={on_confirm}>
                    {t.rep_confirm}
                </button>
            </>
        },
        Stage::Imported(s) => html! {
            <>
                <p class="notice" id="import-done">{(t.rep_imported)(
                    s.households.created, s.households.updated, s.residents.created, s.residents.updated,
                )}</p>
                {created(s, true, t)}
            </>
        },
    };
    // a changed file path or mapping file makes the preview stale
    let on_path = {
        let (path, stage) = (path.clone(), stage.clone());
        Callback::from(move |p: String| {
            path.set(p);
            if matches!(*stage, Stage::Previewed { .. }) {
                stage.set(Stage::Idle);
            }
        })
    };
    let on_mapping_file = {
        let mapping_file = mapping_file.clone();
        Callback::from(move |p: String| mapping_file.set(p))
    };
    html! {
        <div class="report-section" id="import">
            <h2>{t.rep_import}</h2>
            <form class="form-row" onsubmit={on_preview}>
                <FilePicker id="import-path" label={t.rep_import_file} value={(*path).clone()} onchange={on_path}
                    extensions={vec!["xlsx", "xls", "csv"]} filter_name={t.files.filter_sheets} />
                <PlacePicker id="import-place" label={t.rep_import_into} blank={"—"} onchange={on_place} />
                <button class="btn" id="import-preview-button" type="submit" disabled={*busy}>
                    { if *busy { t.rep_working } else { t.rep_preview } }
                </button>
            </form>
            <div class="form-row">
                <FilePicker id="import-mapping-file" label={t.rep_mapping_file} value={(*mapping_file).clone()}
                    onchange={on_mapping_file} extensions={vec!["json"]} filter_name={t.files.filter_mapping} />
                <button class="btn" id="import-mapping-load" type="button" disabled={*busy} onclick={on_load}>
                    {t.rep_mapping_load}
                </button>
            </div>
            {body}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_preview_names_the_compounds_and_buildings_it_creates() {
        use linli_domain::PlaceKind;
        use linli_protocol::CreatedPlace;
        let mut s = ImportSummary::default();
        let zh = crate::i18n::Lang::Zh.texts();
        assert_eq!(created_line(&s, false, zh), None);
        s.created_places = vec![
            CreatedPlace {
                kind: PlaceKind::Compound,
                name: "东门花园".into(),
                parent: Some("北门社区".into()),
            },
            CreatedPlace {
                kind: PlaceKind::Building,
                name: "5栋".into(),
                parent: Some("东门花园".into()),
            },
        ];
        let line = created_line(&s, false, zh).unwrap();
        assert!(line.starts_with("将新建"), "{line}");
        assert!(
            line.contains("东门花园（小区，北门社区）、5栋（楼栋，东门花园）"),
            "{line}"
        );
        let en = created_line(&s, true, crate::i18n::Lang::En.texts()).unwrap();
        assert!(en.starts_with("Compounds and buildings created"), "{en}");
        assert!(
            en.ends_with("东门花园 (Compound in 北门社区), 5栋 (Building in 东门花园)"),
            "{en}"
        );
    }

    fn col(letter: &str, header: &str, field: Option<ImportField>) -> ImportColumn {
        ImportColumn {
            sheet: "居民信息".into(),
            letter: letter.into(),
            header: header.into(),
            field,
        }
    }

    #[test]
    fn a_changed_column_takes_its_field_from_any_other() {
        let cols = [
            col("A", "序号", None),
            col("B", "姓名", Some(ImportField::Name)),
            col("C", "电话", Some(ImportField::Phone)),
            col("D", "", None),
        ];
        let m = with_choice(&cols, "序号", Some(ImportField::Phone));
        assert_eq!(m.get("序号"), Some(&Some(ImportField::Phone)));
        assert_eq!(m.get("电话"), Some(&None), "one column per field");
        assert_eq!(m.get("姓名"), Some(&Some(ImportField::Name)));
        assert!(
            !m.contains_key(""),
            "a column without a header cannot be named"
        );
        let m = with_choice(&cols, "电话", None);
        assert_eq!(m.get("电话"), Some(&None));
        for f in ImportField::ALL {
            assert_eq!(field_of(field_code(Some(f))), Some(f));
        }
        assert_eq!(field_of(""), None);
        assert_eq!(
            serde_json::to_value(ImportField::BirthDate).unwrap(),
            field_code(Some(ImportField::BirthDate)),
            "the select's values are the mapping file's words"
        );
    }
}
