//! 登记时长: an activity's hours for the ticked volunteers, person by person (the activity's
//! planned hours by default, each editable), checked before they are sent.

use linli_domain::Id;
use linli_protocol::{Activity, CreditHours, PersonHours, Volunteer};
use yew::prelude::*;

use super::forms::parse_hours;
use super::logic::fmt_hours;
use super::widgets::{job, Job};
use crate::hooks::use_texts;
use crate::ipc;
use crate::pages::field::{selected_of, value_of};

#[derive(Properties, PartialEq)]
pub struct CreditProps {
    pub activities: Vec<Activity>,
    pub volunteers: Vec<Volunteer>,
    pub selected: Vec<Id>,
    pub activity: Option<Id>,
    pub on_activity: Callback<Option<Id>>,
    pub busy: bool,
    pub run: Callback<Job>,
}

#[function_component(Credit)]
pub fn credit(p: &CreditProps) -> Html {
    let t = use_texts();
    let d = &t.desk;
    // hours typed per person; a person not here has the activity's
    let typed = use_state(Vec::<(Id, String)>::new);
    let err = use_state(|| None as Option<String>);
    {
        let (typed, err) = (typed.clone(), err.clone());
        use_effect_with(p.activity, move |_| {
            typed.set(Vec::new());
            err.set(None);
        });
    }
    let chosen = p
        .activity
        .and_then(|a| p.activities.iter().find(|x| x.id == a));
    let planned = chosen.map(|a| fmt_hours(a.hours)).unwrap_or_default();
    let hours_of = |v: Id| {
        typed
            .iter()
            .find(|(p, _)| *p == v)
            .map(|(_, h)| h.clone())
            .unwrap_or_else(|| planned.clone())
    };
    let people: Vec<&Volunteer> = p
        .selected
        .iter()
        .filter_map(|id| p.volunteers.iter().find(|v| v.id == *id))
        .collect();

    let on_activity = {
        let cb = p.on_activity.clone();
        Callback::from(move |e: Event| cb.emit(selected_of(e).parse().ok()))
    };
    let on_credit = {
        let (run, err) = (p.run.clone(), err.clone());
        let activity = chosen.map(|a| (a.id, a.hours));
        let rows: Vec<(Id, String, String)> = people
            .iter()
            .map(|v| (v.id, v.name.clone(), hours_of(v.id)))
            .collect();
        Callback::from(move |_| {
            let Some((a, planned)) = activity else { return };
            let mut each = Vec::new();
            for (id, name, text) in &rows {
                match parse_hours(text) {
                    None => return err.set(Some((t.desk.err_person_hours)(name))),
                    Some(h) if (h - planned).abs() > f64::EPSILON => each.push(PersonHours {
                        volunteer_id: *id,
                        hours: h,
                    }),
                    Some(_) => {}
                }
            }
            err.set(None);
            let ids: Vec<Id> = rows.iter().map(|(id, _, _)| *id).collect();
            run.emit(job(async move {
                let entries = ipc::call(&CreditHours {
                    activity_id: Some(a),
                    volunteer_ids: ids,
                    each,
                    ..Default::default()
                })
                .await?;
                let hours: f64 = entries.iter().map(|e| e.hours).sum();
                Ok((t.vol_credited)(entries.len(), &fmt_hours(hours)))
            }));
        })
    };

    html! {
        <div class="panel" id="credit-form">
            <div class="form-row">
                <label class="field">
                    <span class="label">{t.vol_activity}</span>
                    <select id="vol-activity" class="input" onchange={on_activity}>
                        { for p.activities.iter().map(|a| html! {
                            <option value={a.id.to_string()} selected={p.activity == Some(a.id)}>
                                {(t.vol_activity_option)(&a.date, &a.title, (t.rules.service_category)(&a.category), &fmt_hours(a.hours))}
                            </option>
                        }) }
                    </select>
                </label>
                <button id="vol-credit" class="btn btn-primary"
                    disabled={p.busy || people.is_empty() || chosen.is_none()} onclick={on_credit}>
                    {t.vol_credit}
                </button>
            </div>
            if !people.is_empty() && chosen.is_some() {
                <p class="hint">{d.credit_hint}</p>
                <table class="table" id="credit-each">
                    <thead><tr><th>{t.vol_name}</th><th>{d.credit_hours_each}</th></tr></thead>
                    <tbody>
                    { for people.iter().map(|v| {
                        let id = v.id;
                        let oninput = {
                            let typed = typed.clone();
                            Callback::from(move |e: InputEvent| {
                                let text = value_of(e);
                                let mut next: Vec<(Id, String)> =
                                    typed.iter().filter(|(p, _)| *p != id).cloned().collect();
                                next.push((id, text));
                                typed.set(next);
                            })
                        };
                        html! {
                            <tr key={id.to_string()}>
                                <td>{&v.name}</td>
                                <td><input class="input input-narrow credit-hours" data-id={id.to_string()}
                                    inputmode="decimal" value={hours_of(id)} {oninput} /></td>
                            </tr>
                        }
                    }) }
                    </tbody>
                </table>
            }
            if let Some(e) = &*err {
                <p class="field-error" id="credit-error" role="alert">{e}</p>
            }
        </div>
    }
}
