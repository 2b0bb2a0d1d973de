//! 联络点: the community's residents' liaison points (where, who keeps it, when it is open),
//! filtered by a text; one added, changed or removed.

use linli_domain::{Id, PlaceKind};
use linli_protocol::*;
use yew::prelude::*;

use super::{choice, input, setter, TabProps};
use crate::components::export_button::ExportButton;
use crate::components::print::PrintButton;
use crate::components::staff_picker::StaffPicker;
use crate::hooks::use_texts;
use crate::ipc;
use crate::pages::lending::error_line;

#[derive(Debug, Clone, Default, PartialEq)]
struct Draft {
    id: Option<Id>,
    name: String,
    place: String,
    keeper: Option<Id>,
    hours: String,
    note: String,
}

#[function_component(Points)]
pub fn points(p: &TabProps) -> Html {
    let t = use_texts();
    let c = &t.councils;
    let text = use_state(String::new);
    let list = use_state(|| None as Option<Vec<LiaisonPoint>>);
    let compounds = use_state(Vec::<Place>::new);
    let round = use_state(|| 0u32);
    let draft = use_state(|| None as Option<Draft>);
    let error = use_state(|| None as Option<ApiError>);
    let bad = use_state(|| None as Option<String>);
    {
        let (list, compounds, community) = (list.clone(), compounds.clone(), p.community);
        use_effect_with(((*text).clone(), community, *round), move |(text, _, _)| {
            let req = ListLiaisonPoints {
                community_id: Some(community),
                text: text.clone(),
            };
            wasm_bindgen_futures::spawn_local(async move {
                list.set(Some(ipc::call(&req).await.unwrap_or_default()));
                let places = ListPlaces {
                    kind: Some(PlaceKind::Compound),
                    parent_id: Some(community),
                };
                compounds.set(ipc::call(&places).await.unwrap_or_default());
            });
        });
    }
    let send = {
        let (draft, error, round, community) =
            (draft.clone(), error.clone(), round.clone(), p.community);
        move |d: Draft, deleted: bool| {
            let (draft, error, round) = (draft.clone(), error.clone(), round.clone());
            let req = SaveLiaisonPoint {
                id: d.id,
                community_id: community,
                place_id: d.place.parse().ok(),
                name: d.name.clone(),
                keeper_person_id: d.keeper,
                keeper_resident_id: None,
                hours: d.hours.clone(),
                note: d.note.clone(),
                deleted,
            };
            wasm_bindgen_futures::spawn_local(async move {
                match ipc::call(&req).await {
                    Ok(_) => {
                        error.set(None);
                        draft.set(None);
                        round.set(*round + 1);
                    }
                    Err(e) => error.set(Some(e)),
                }
            });
        }
    };
    let save = {
        let (draft, bad) = (draft.clone(), bad.clone());
        let send = send.clone();
        let msgs = (
            (c.required)(c.point_name),
            (c.required)(c.keeper),
            (c.required)(c.hours),
        );
        Callback::from(move |_: MouseEvent| {
            let Some(d) = (*draft).clone() else { return };
            let problem = if d.name.trim().is_empty() {
                Some(&msgs.0)
            } else if d.keeper.is_none() {
                Some(&msgs.1)
            } else if d.hours.trim().is_empty() {
                Some(&msgs.2)
            } else {
                None
            };
            bad.set(problem.cloned());
            if problem.is_none() {
                send(d, false);
            }
        })
    };
    let form = draft.as_ref().map(|d| {
        let set = |f: fn(&mut Draft, String)| {
            let draft = draft.clone();
            Callback::from(move |v: String| {
                if let Some(mut next) = (*draft).clone() {
                    f(&mut next, v);
                    draft.set(Some(next));
                }
            })
        };
        let on_keeper = {
            let draft = draft.clone();
            Callback::from(move |k: Option<Id>| {
                if let Some(mut next) = (*draft).clone() {
                    next.keeper = k;
                    draft.set(Some(next));
                }
            })
        };
        let places: Vec<(String, String)> = std::iter::once((String::new(), c.whole_community.to_owned()))
            .chain(compounds.iter().map(|x| (x.id.to_string(), x.name.clone())))
            .collect();
        let cancel = {
            let draft = draft.clone();
            Callback::from(move |_: MouseEvent| draft.set(None))
        };
        html! {
            <div class="panel cnc-form" id="cnc-point-form">
                <div class="form-row">
                    {input("cnc-point-name", c.point_name, &d.name, "text", set(|d, v| d.name = v))}
                    {choice("cnc-point-place", c.point_place, &d.place, &places, set(|d, v| d.place = v))}
                    <StaffPicker id="cnc-point-keeper" label={c.keeper} people={(*p.people).clone()}
                        value={d.keeper} onchange={on_keeper} />
                    {input("cnc-point-hours", c.hours, &d.hours, "text", set(|d, v| d.hours = v))}
                    {input("cnc-point-note", c.note, &d.note, "text", set(|d, v| d.note = v))}
                </div>
                <div class="form-row">
                    <button class="btn btn-primary" id="cnc-point-save" onclick={save.clone()}>{c.save}</button>
                    <button class="btn" onclick={cancel}>{c.cancel}</button>
                </div>
            </div>
        }
    });
    let rows = list.as_ref().map(|ls| {
        if ls.is_empty() {
            return html! { <p class="muted" id="cnc-points-none">{c.points_none}</p> };
        }
        html! {
            <table class="table" id="cnc-point-list">
                <thead><tr>
                    <th>{c.point_name}</th><th>{c.point_place}</th><th>{c.keeper}</th>
                    <th>{c.hours}</th><th>{c.note}</th><th class="no-print"></th>
                </tr></thead>
                <tbody>
                { for ls.iter().map(|x| {
                    let d = Draft {
                        id: Some(x.id),
                        name: x.name.clone(),
                        place: x.place_id.map(|p| p.to_string()).unwrap_or_default(),
                        keeper: x.keeper_person_id,
                        hours: x.hours.clone(),
                        note: x.note.clone(),
                    };
                    let edit = { let (draft, d) = (draft.clone(), d.clone()); Callback::from(move |_: MouseEvent| draft.set(Some(d.clone()))) };
                    let remove = { let send = send.clone(); Callback::from(move |_: MouseEvent| send(d.clone(), true)) };
                    html! {
                        <tr>
                            <td>{x.name.clone()}</td>
                            <td>{if x.place.is_empty() { c.whole_community.to_owned() } else { x.place.clone() }}</td>
                            <td>{x.keeper.clone()}</td><td>{x.hours.clone()}</td><td>{x.note.clone()}</td>
                            <td class="no-print">
                                <button class="link" onclick={edit}>{c.edit}</button>{" "}
                                <button class="link" onclick={remove}>{c.remove}</button>
                            </td>
                        </tr>
                    }
                }) }
                </tbody>
            </table>
        }
    });
    let new = {
        let draft = draft.clone();
        Callback::from(move |_: MouseEvent| draft.set(Some(Draft::default())))
    };
    html! {
        <div class="panel cnc-points">
            <div class="form-row no-print">
                {input("cnc-point-filter", c.search, &text, "search", setter(&text, |t, v| *t = v))}
                <button class="btn btn-primary" id="cnc-point-new" onclick={new}>{c.new_point}</button>
                <ExportButton kind={ListKind::LiaisonPoints} place_id={Some(p.community)} />
                <PrintButton id="cnc-point-print" />
            </div>
            {form.unwrap_or_default()}
            if let Some(b) = &*bad { <p class="field-error" id="cnc-bad" role="alert">{b.clone()}</p> }
            if let Some(e) = &*error { {error_line(e, "cnc-error")} }
            { rows.unwrap_or_else(|| html! { <p class="muted">{c.loading}</p> }) }
        </div>
    }
}
