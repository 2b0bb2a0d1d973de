//! A programme's roster and waiting list (in order), the children who left, and the enrolment
//! form: a child found in the register by name, pinyin or address, with one or more guardians and
//! how to reach them. Printed, and exported as .xlsx (phones masked).

use linli_domain::Id;
use linli_protocol::{
    ApiError, EnrolChild, Enrolment, ExportProgramme, GetProgramme, Guardian, HitKind,
    ProgrammeDetail, Search, SearchHit, WithdrawChild,
};
use yew::prelude::*;

use super::input;
use crate::components::file_picker::{save_with_dialog, SaveOutcome, Saved};
use crate::components::print::PrintButton;
use crate::hooks::use_texts;
use crate::ipc;
use crate::pages::lending::error_line;

#[derive(Properties, PartialEq)]
pub struct RosterProps {
    pub id: Id,
}

fn guardians_text(gs: &[Guardian]) -> String {
    gs.iter()
        .map(|g| {
            if g.relation.is_empty() {
                format!("{} {}", g.name, g.phone)
            } else {
                format!("{}（{}）{}", g.name, g.relation, g.phone)
            }
        })
        .collect::<Vec<_>>()
        .join("；")
}

#[function_component(Roster)]
pub fn roster(p: &RosterProps) -> Html {
    let t = use_texts();
    let g = &t.programmes;
    let detail = use_state(|| None as Option<ProgrammeDetail>);
    let generation = use_state(|| 0u32);
    let said = use_state(|| None as Option<String>);
    let error = use_state(|| None as Option<ApiError>);
    let exported = use_state(|| None as Option<Saved>);
    {
        let detail = detail.clone();
        let id = p.id;
        use_effect_with((id, *generation), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                detail.set(ipc::call(&GetProgramme { id }).await.ok());
            });
        });
    }
    let reload = {
        let generation = generation.clone();
        Callback::from(move |_: ()| generation.set(*generation + 1))
    };
    let withdraw = |e: &Enrolment| {
        let (error, reload) = (error.clone(), reload.clone());
        let enrolment_id = e.id;
        Callback::from(move |_: MouseEvent| {
            let (error, reload) = (error.clone(), reload.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match ipc::call(&WithdrawChild {
                    enrolment_id,
                    date: None,
                })
                .await
                {
                    Ok(_) => {
                        error.set(None);
                        reload.emit(());
                    }
                    Err(e) => error.set(Some(e)),
                }
            });
        })
    };
    let on_export = {
        let exported = exported.clone();
        let (id, name) = (
            p.id,
            detail
                .as_ref()
                .map(|d| d.programme.fields.name.clone())
                .unwrap_or_default(),
        );
        Callback::from(move |_| {
            let (exported, name) = (exported.clone(), name.clone());
            exported.set(None);
            wasm_bindgen_futures::spawn_local(async move {
                let file_name = format!("托管名单-{name}.xlsx");
                let outcome = save_with_dialog(t, file_name, |path| async move {
                    ipc::call(&ExportProgramme {
                        programme_id: id,
                        path,
                    })
                    .await
                })
                .await;
                exported.set(Some(outcome));
            });
        })
    };
    let Some(d) = &*detail else {
        return html! { <p class="muted">{g.loading}</p> };
    };
    let f = &d.programme.fields;
    let name_of = |e: &Enrolment| {
        if e.withheld {
            g.withheld_name.to_owned()
        } else {
            e.name.clone()
        }
    };
    let roster = if d.roster.is_empty() {
        html! { <p class="muted" id="prog-roster-none">{g.roster_none}</p> }
    } else {
        html! {
            <table class="table" id="prog-roster">
                <thead><tr>
                    <th>{g.col_child}</th><th>{g.col_age}</th><th>{g.col_address}</th>
                    <th>{g.col_guardians}</th><th>{g.col_since}</th><th>{g.col_days}</th><th class="no-print"></th>
                </tr></thead>
                <tbody>
                { for d.roster.iter().map(|e| html! {
                    <tr id={format!("prog-child-{}", e.id)}>
                        <td>{name_of(e)}</td>
                        <td>{e.age.map(|a| a.to_string()).unwrap_or_default()}</td>
                        <td>{e.address.clone()}</td>
                        <td>{guardians_text(&e.guardians)}</td>
                        <td>{e.since.clone()}</td>
                        <td>{e.days}</td>
                        <td class="no-print">
                            <button class="btn btn-small" id={format!("prog-withdraw-{}", e.id)} onclick={withdraw(e)}>{g.withdraw}</button>
                        </td>
                    </tr>
                }) }
                </tbody>
            </table>
        }
    };
    let waiting = (!d.waiting.is_empty()).then(|| html! {
        <>
            <h3>{(g.waiting_title)(d.waiting.len())}</h3>
            <table class="table" id="prog-waiting">
                <thead><tr>
                    <th>{g.col_position}</th><th>{g.col_child}</th><th>{g.col_age}</th>
                    <th>{g.col_guardians}</th><th>{g.col_since}</th><th class="no-print"></th>
                </tr></thead>
                <tbody>
                { for d.waiting.iter().map(|e| html! {
                    <tr id={format!("prog-wait-{}", e.id)}>
                        <td>{e.position.unwrap_or_default()}</td>
                        <td>{name_of(e)}</td>
                        <td>{e.age.map(|a| a.to_string()).unwrap_or_default()}</td>
                        <td>{guardians_text(&e.guardians)}</td>
                        <td>{e.since.clone()}</td>
                        <td class="no-print">
                            <button class="btn btn-small" id={format!("prog-withdraw-{}", e.id)} onclick={withdraw(e)}>{g.withdraw}</button>
                        </td>
                    </tr>
                }) }
                </tbody>
            </table>
        </>
    });
    let left = (!d.left.is_empty()).then(|| html! {
        <details class="no-print">
            <summary>{(g.left_title)(d.left.len())}</summary>
            <ul>{ for d.left.iter().map(|e| html! { <li>{format!("{} · {}", name_of(e), e.left_on)}</li> }) }</ul>
        </details>
    });
    let on_enrolled = {
        let (reload, said) = (reload.clone(), said.clone());
        Callback::from(move |e: Enrolment| {
            said.set(Some(match e.position {
                Some(pos) => (g.enrolled_waiting)(&e.name, pos),
                None => (g.enrolled_ok)(&e.name),
            }));
            reload.emit(());
        })
    };
    let place = if f.room.is_empty() {
        d.programme.place_name.clone()
    } else {
        format!("{} {}", d.programme.place_name, f.room)
    };
    html! {
        <div class="prog-roster">
            <div class="prog-head">
                <h2 id="prog-title">{f.name.clone()}</h2>
                <span>{(g.kind_label)(f.kind)}</span>
                <span>{place}</span>
                <span>{(g.schedule)(&f.weekdays, &f.opens, &f.closes)}</span>
                <span>{(g.ages)(f.age_min, f.age_max)}</span>
                <span id="prog-counts">{(g.counts)(d.programme.enrolled, f.capacity, d.programme.waiting)}</span>
            </div>
            if d.withheld { <p class="muted" id="prog-withheld">{g.withheld}</p> }
            <div class="form-row no-print">
                <PrintButton id="prog-roster-print" />
                <button class="btn btn-small" id="prog-export" onclick={on_export}>{g.export}</button>
                <SaveOutcome id="prog-export" outcome={(*exported).clone()} />
            </div>
            <h3>{g.roster}</h3>
            {roster}
            { waiting.unwrap_or_default() }
            { left.unwrap_or_default() }
            if let Some(e) = &*error { {error_line(e, "prog-roster-error")} }
            if let Some(s) = &*said { <p class="ok no-print" id="prog-enrolled" role="status">{s.clone()}</p> }
            if !d.withheld {
                <EnrolForm programme={p.id} on_done={on_enrolled} />
            }
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct EnrolProps {
    programme: Id,
    on_done: Callback<Enrolment>,
}

/// 报名: a child of the register and their guardians.
#[function_component(EnrolForm)]
fn enrol_form(p: &EnrolProps) -> Html {
    let t = use_texts();
    let g = &t.programmes;
    let query = use_state(String::new);
    let hits = use_state(Vec::<SearchHit>::new);
    let child = use_state(|| None as Option<SearchHit>);
    let guardians = use_state(|| vec![Guardian::default()]);
    let error = use_state(|| None as Option<ApiError>);
    {
        let hits = hits.clone();
        use_effect_with((*query).clone(), move |q| {
            let q = q.trim().to_owned();
            wasm_bindgen_futures::spawn_local(async move {
                if q.chars().count() < 1 {
                    hits.set(Vec::new());
                    return;
                }
                let found = ipc::call(&Search { query: q, limit: 8 })
                    .await
                    .unwrap_or_default();
                hits.set(
                    found
                        .into_iter()
                        .filter(|h| h.kind == HitKind::Resident)
                        .collect(),
                );
            });
        });
    }
    let on_query = {
        let (query, child) = (query.clone(), child.clone());
        Callback::from(move |v: String| {
            child.set(None);
            query.set(v);
        })
    };
    let set_g = |i: usize, f: fn(&mut Guardian, String)| {
        let guardians = guardians.clone();
        Callback::from(move |v: String| {
            let mut next = (*guardians).clone();
            if let Some(x) = next.get_mut(i) {
                f(x, v);
            }
            guardians.set(next);
        })
    };
    let add_guardian = {
        let guardians = guardians.clone();
        Callback::from(move |_: MouseEvent| {
            let mut next = (*guardians).clone();
            next.push(Guardian::default());
            guardians.set(next);
        })
    };
    let on_enrol = {
        let (child, guardians, error, done) = (
            child.clone(),
            guardians.clone(),
            error.clone(),
            p.on_done.clone(),
        );
        let (query, hits) = (query.clone(), hits.clone());
        let programme_id = p.programme;
        Callback::from(move |_: MouseEvent| {
            let Some(c) = (*child).clone() else {
                return;
            };
            let req = EnrolChild {
                programme_id,
                resident_id: c.id,
                guardians: (*guardians).clone(),
                date: None,
                note: String::new(),
            };
            let (error, done, child, guardians, query, hits) = (
                error.clone(),
                done.clone(),
                child.clone(),
                guardians.clone(),
                query.clone(),
                hits.clone(),
            );
            wasm_bindgen_futures::spawn_local(async move {
                match ipc::call(&req).await {
                    Ok(e) => {
                        error.set(None);
                        child.set(None);
                        query.set(String::new());
                        hits.set(Vec::new());
                        guardians.set(vec![Guardian::default()]);
                        done.emit(e);
                    }
                    Err(e) => error.set(Some(e)),
                }
            });
        })
    };
    let results = (child.is_none() && !hits.is_empty()).then(|| {
        html! {
            <ul class="search-results" id="prog-child-hits">
            { for hits.iter().map(|h| {
                let pick = {
                    let (child, h) = (child.clone(), h.clone());
                    Callback::from(move |_: MouseEvent| child.set(Some(h.clone())))
                };
                html! {
                    <li><button class="link" id={format!("prog-hit-{}", h.id)} onclick={pick}>
                        {format!("{} · {}", h.name, h.address)}
                    </button></li>
                }
            }) }
            </ul>
        }
    });
    html! {
        <div class="panel prog-enrol no-print" id="prog-enrol">
            <h3>{g.enrol_title}</h3>
            <div class="form-row">
                {input("prog-child-search", g.find_child, &query, "search", on_query)}
                if let Some(c) = &*child {
                    <span class="chip chip-tag" id="prog-child-chosen">{format!("{} · {}", c.name, c.address)}</span>
                }
            </div>
            { results.unwrap_or_default() }
            { for guardians.iter().enumerate().map(|(i, x)| html! {
                <div class="form-row">
                    {input(&format!("prog-guardian-name-{i}"), g.guardian_name, &x.name, "text", set_g(i, |x, v| x.name = v))}
                    {input(&format!("prog-guardian-relation-{i}"), g.guardian_relation, &x.relation, "text", set_g(i, |x, v| x.relation = v))}
                    {input(&format!("prog-guardian-phone-{i}"), g.guardian_phone, &x.phone, "tel", set_g(i, |x, v| x.phone = v))}
                </div>
            }) }
            if let Some(e) = &*error { {error_line(e, "prog-enrol-error")} }
            <div class="form-actions">
                <button class="btn" id="prog-add-guardian" onclick={add_guardian}>{g.add_guardian}</button>
                <button class="btn btn-primary" id="prog-enrol-save" disabled={child.is_none()} onclick={on_enrol}>{g.enrol}</button>
            </div>
        </div>
    }
}
