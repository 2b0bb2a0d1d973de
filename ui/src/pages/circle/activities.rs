//! The joint activities a community took part in with its neighbours and co-building units
//! (联建活动), newest first, with the count and the people who came; and the form recording one:
//! date, title, the communities taking part (this one ticked), the units by name, the service
//! point where, how many came.

use linli_domain::Id;
use linli_protocol::{
    ActivityFields, ApiError, CircleActivity, ListCircleActivities, ListCirclePoints, Place,
    SaveCircleActivity, ServicePoint,
};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::components::fields::{choice, input, setter};
use crate::components::print::PrintButton;
use crate::hooks::use_texts;
use crate::ipc;
use crate::pages::lending::error_line;

#[derive(Properties, PartialEq)]
pub struct ActivitiesProps {
    pub community: Id,
    pub communities: Vec<Place>,
}

#[derive(Debug, Clone, Default, PartialEq)]
struct Draft {
    date: String,
    title: String,
    others: Vec<Id>,
    units: String,
    point: String,
    participants: String,
}

#[function_component(Activities)]
pub fn activities(p: &ActivitiesProps) -> Html {
    let t = use_texts();
    let g = &t.circle;
    let list = use_state(|| None as Option<Vec<CircleActivity>>);
    let points = use_state(Vec::<ServicePoint>::new);
    let generation = use_state(|| 0u32);
    let open = use_state(|| false);
    let draft = use_state(Draft::default);
    let error = use_state(|| None as Option<ApiError>);
    {
        let (list, points) = (list.clone(), points.clone());
        let community = p.community;
        use_effect_with((community, *generation), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                let req = ListCircleActivities {
                    community_id: Some(community),
                    month: None,
                };
                list.set(Some(ipc::call(&req).await.unwrap_or_default()));
                let req = ListCirclePoints {
                    community_id: Some(community),
                    ..Default::default()
                };
                points.set(ipc::call(&req).await.unwrap_or_default());
            });
        });
    }
    let set = |f: fn(&mut Draft, String)| setter(&draft, f);
    let toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    let on_save = {
        let (draft, error, open, generation) = (
            draft.clone(),
            error.clone(),
            open.clone(),
            generation.clone(),
        );
        let community = p.community;
        Callback::from(move |_: MouseEvent| {
            let d = (*draft).clone();
            let (draft, error, open, generation) = (
                draft.clone(),
                error.clone(),
                open.clone(),
                generation.clone(),
            );
            let fields = ActivityFields {
                date: d.date.clone(),
                title: d.title.clone(),
                communities: std::iter::once(community).chain(d.others.clone()).collect(),
                units: d
                    .units
                    .split(['、', ',', '，', ';', '；'])
                    .map(|u| u.trim().to_owned())
                    .filter(|u| !u.is_empty())
                    .collect(),
                point_id: d.point.parse().ok(),
                participants: d.participants.trim().parse().unwrap_or(0),
                note: String::new(),
            };
            wasm_bindgen_futures::spawn_local(async move {
                match ipc::call(&SaveCircleActivity { id: None, fields }).await {
                    Ok(_) => {
                        error.set(None);
                        draft.set(Draft::default());
                        open.set(false);
                        generation.set(*generation + 1);
                    }
                    Err(e) => error.set(Some(e)),
                }
            });
        })
    };
    let others = p.communities.iter().filter(|c| c.id != p.community).map(|c| {
        let id = c.id;
        let checked = draft.others.contains(&id);
        let onchange = {
            let draft = draft.clone();
            Callback::from(move |e: Event| {
                let on = e.target_unchecked_into::<HtmlInputElement>().checked();
                let mut next = (*draft).clone();
                next.others.retain(|x| *x != id);
                if on {
                    next.others.push(id);
                }
                draft.set(next);
            })
        };
        html! {
            <label class="chip">
                <input type="checkbox" id={format!("circle-act-with-{id}")} {checked} {onchange} />{c.name.clone()}
            </label>
        }
    });
    let point_opts: Vec<(String, String)> = std::iter::once((String::new(), g.no_point.to_owned()))
        .chain(
            points
                .iter()
                .map(|s| (s.id.to_string(), s.fields.name.clone())),
        )
        .collect();
    let d = &*draft;
    let form = if *open {
        html! {
            <div class="panel circle-act-form">
                <div class="form-row">
                    {input("circle-act-date", g.col_date, &d.date, "date", set(|d, v| d.date = v))}
                    {input("circle-act-title", g.col_title, &d.title, "text", set(|d, v| d.title = v))}
                    {input("circle-act-participants", g.col_participants, &d.participants, "number", set(|d, v| d.participants = v))}
                </div>
                <div class="field field-wide">
                    <span class="label">{g.col_communities}</span>
                    <div class="chips">{ for others }</div>
                </div>
                <div class="form-row">
                    {input("circle-act-units", g.col_units, &d.units, "text", set(|d, v| d.units = v))}
                    <span class="muted">{g.units_hint}</span>
                    {choice("circle-act-point", g.col_where, &d.point, &point_opts, set(|d, v| d.point = v))}
                </div>
                if let Some(e) = &*error { {error_line(e, "circle-act-error")} }
                <div class="form-actions">
                    <button class="btn btn-primary" id="circle-act-save" onclick={on_save}>{g.save}</button>
                </div>
            </div>
        }
    } else {
        Html::default()
    };
    let body = list.as_ref().map(|ls| {
        if ls.is_empty() {
            return html! { <p class="muted" id="circle-act-none">{g.activities_none}</p> };
        }
        let people: u32 = ls.iter().map(|a| a.fields.participants.max(0) as u32).sum();
        html! {
            <>
                <p id="circle-act-counts">{(g.activity_counts)(ls.len() as u32, people)}</p>
                <table class="table" id="circle-activities">
                    <thead><tr>
                        <th>{g.col_date}</th><th>{g.col_title}</th><th>{g.col_communities}</th>
                        <th>{g.col_units}</th><th>{g.col_where}</th><th>{g.col_participants}</th>
                    </tr></thead>
                    <tbody>
                    { for ls.iter().map(|a| html! {
                        <tr>
                            <td>{a.fields.date.clone()}</td>
                            <td>{a.fields.title.clone()}</td>
                            <td>{a.community_names.join("、")}</td>
                            <td>{a.fields.units.join("、")}</td>
                            <td>{a.point_name.clone()}</td>
                            <td>{a.fields.participants}</td>
                        </tr>
                    }) }
                    </tbody>
                </table>
            </>
        }
    });
    html! {
        <div class="panel circle-activities">
            <div class="form-row no-print">
                <button class="btn btn-primary" id="circle-act-new" onclick={toggle}>{g.new_activity}</button>
                <PrintButton id="circle-act-print" />
            </div>
            {form}
            <h2 class="print-only">{g.tab_activities}</h2>
            { body.unwrap_or_else(|| html! { <p class="muted">{g.loading}</p> }) }
        </div>
    }
}
