//! A service point's form: kind, name, address, opening hours, contact, who runs it (a community
//! of the register or a co-building unit by name), the services from the catalogue and free
//! words, the neighbouring communities it also serves, and when it opened (and closed). Checked
//! here first (a name, a kind, a service, hours that read), then by the store (the dates too),
//! whose refusal is shown as it says it.

use linli_domain::circle::{check_hours, PointKind, SERVICES};
use linli_domain::Id;
use linli_protocol::{ApiError, ListCirclePoints, Place, PointFields, SaveCirclePoint};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::components::fields::{area, choice, input, options, setter};
use crate::hooks::use_texts;
use crate::ipc;
use crate::pages::lending::error_line;

#[derive(Properties, PartialEq)]
pub struct FormProps {
    pub community: Id,
    pub communities: Vec<Place>,
    pub id: Option<Id>,
    pub on_done: Callback<()>,
}

#[derive(Debug, Clone, Default, PartialEq)]
struct Draft {
    home: Option<Id>,
    kind: String,
    name: String,
    address: String,
    hours: String,
    contact_name: String,
    contact_phone: String,
    run_by: String,
    run_by_community: String,
    run_by_unit: String,
    services: Vec<String>,
    services_text: String,
    serves: Vec<Id>,
    note: String,
    opened_on: String,
    closed_on: String,
}

impl Draft {
    fn of(f: &PointFields) -> Draft {
        let catalogue = |w: &String| SERVICES.iter().any(|(zh, _)| zh == w);
        Draft {
            home: Some(f.community_id),
            kind: f.kind.code().to_owned(),
            name: f.name.clone(),
            address: f.address.clone(),
            hours: f.hours.clone(),
            contact_name: f.contact_name.clone(),
            contact_phone: f.contact_phone.clone(),
            run_by: if f.run_by_community_id.is_some() {
                "community"
            } else {
                "unit"
            }
            .to_owned(),
            run_by_community: f
                .run_by_community_id
                .map(|c| c.to_string())
                .unwrap_or_default(),
            run_by_unit: f.run_by_unit.clone(),
            services: f
                .services
                .iter()
                .filter(|w| catalogue(w))
                .cloned()
                .collect(),
            services_text: f
                .services
                .iter()
                .filter(|w| !catalogue(w))
                .cloned()
                .collect::<Vec<_>>()
                .join("、"),
            serves: f.serves.clone(),
            note: f.note.clone(),
            opened_on: f.opened_on.clone(),
            closed_on: f.closed_on.clone(),
        }
    }

    fn fields(&self, community: Id) -> PointFields {
        let home = self.home.unwrap_or(community);
        PointFields {
            community_id: home,
            kind: PointKind::from_code(&self.kind).unwrap_or(PointKind::Unknown),
            name: self.name.clone(),
            address: self.address.clone(),
            hours: self.hours.clone(),
            contact_name: self.contact_name.clone(),
            contact_phone: self.contact_phone.clone(),
            run_by_community_id: if self.run_by == "unit" {
                None
            } else {
                self.run_by_community.parse().ok().or(Some(home))
            },
            run_by_unit: self.run_by_unit.clone(),
            services: self.services.clone(),
            services_text: self.services_text.clone(),
            serves: self.serves.clone(),
            note: self.note.clone(),
            opened_on: self.opened_on.clone(),
            closed_on: self.closed_on.clone(),
        }
    }

    /// What the form says is wrong before asking the store, if anything.
    fn problem(&self, g: &crate::i18n::CircleTexts) -> Option<&'static str> {
        if self.name.trim().is_empty() {
            Some(g.need_name)
        } else if PointKind::from_code(&self.kind).is_none() {
            Some(g.need_kind)
        } else if self.services.is_empty() && self.services_text.trim().is_empty() {
            Some(g.need_service)
        } else if check_hours(&self.hours).is_err() {
            Some(g.bad_hours)
        } else {
            None
        }
    }
}

#[function_component(PointForm)]
pub fn point_form(p: &FormProps) -> Html {
    let t = use_texts();
    let g = &t.circle;
    let draft = use_state(|| Draft {
        run_by: "community".to_owned(),
        opened_on: crate::clock::today(),
        ..Draft::default()
    });
    let error = use_state(|| None as Option<ApiError>);
    let problem = use_state(|| None as Option<&'static str>);
    {
        let draft = draft.clone();
        use_effect_with(p.id, move |id| {
            if let Some(id) = *id {
                wasm_bindgen_futures::spawn_local(async move {
                    let all = ipc::call(&ListCirclePoints {
                        include_closed: true,
                        ..ListCirclePoints::default()
                    })
                    .await
                    .unwrap_or_default();
                    if let Some(s) = all.into_iter().find(|s| s.id == id) {
                        draft.set(Draft::of(&s.fields));
                    }
                });
            }
        });
    }
    let set = |f: fn(&mut Draft, String)| setter(&draft, f);
    let d = &*draft;
    let home = d.home.unwrap_or(p.community);
    let kinds = options(Some("—"), PointKind::ALL, PointKind::code, g.kind_label);
    let service_boxes = SERVICES.iter().map(|(zh, _)| {
        let word = (*zh).to_owned();
        let checked = d.services.contains(&word);
        let onchange = {
            let (draft, word) = (draft.clone(), word.clone());
            Callback::from(move |e: Event| {
                let on = e.target_unchecked_into::<HtmlInputElement>().checked();
                let mut next = (*draft).clone();
                next.services.retain(|w| *w != word);
                if on {
                    next.services.push(word.clone());
                }
                draft.set(next);
            })
        };
        let label = match (g.service_label)(zh) {
            "" => word.clone(),
            l => l.to_owned(),
        };
        html! {
            <label class="chip">
                <input type="checkbox" id={format!("circle-service-{zh}")} {checked} {onchange} />{label}
            </label>
        }
    });
    let serve_boxes = p.communities.iter().filter(|c| c.id != home).map(|c| {
        let id = c.id;
        let checked = d.serves.contains(&id);
        let onchange = {
            let draft = draft.clone();
            Callback::from(move |e: Event| {
                let on = e.target_unchecked_into::<HtmlInputElement>().checked();
                let mut next = (*draft).clone();
                next.serves.retain(|x| *x != id);
                if on {
                    next.serves.push(id);
                }
                draft.set(next);
            })
        };
        html! {
            <label class="chip">
                <input type="checkbox" id={format!("circle-serves-{id}")} {checked} {onchange} />{c.name.clone()}
            </label>
        }
    });
    let runners = [("community", g.run_by_community), ("unit", g.run_by_unit)];
    let community_opts: Vec<(String, String)> = p
        .communities
        .iter()
        .map(|c| (c.id.to_string(), c.name.clone()))
        .collect();
    let run_by_community = if d.run_by_community.is_empty() {
        home.to_string()
    } else {
        d.run_by_community.clone()
    };
    let on_save = {
        let (draft, error, problem, done) = (
            draft.clone(),
            error.clone(),
            problem.clone(),
            p.on_done.clone(),
        );
        let (community, id) = (p.community, p.id);
        Callback::from(move |_: MouseEvent| {
            if let Some(why) = draft.problem(&t.circle) {
                problem.set(Some(why));
                return;
            }
            problem.set(None);
            let (error, done) = (error.clone(), done.clone());
            let fields = draft.fields(community);
            wasm_bindgen_futures::spawn_local(async move {
                match ipc::call(&SaveCirclePoint { id, fields }).await {
                    Ok(_) => {
                        error.set(None);
                        done.emit(());
                    }
                    Err(e) => error.set(Some(e)),
                }
            });
        })
    };
    let cancel = p.on_done.reform(|_: MouseEvent| ());
    html! {
        <div class="panel circle-form">
            <h2>{ if p.id.is_some() { g.edit_point } else { g.new_point } }</h2>
            <div class="form-row">
                {choice("circle-kind", g.kind, &d.kind, &kinds, set(|d, v| d.kind = v))}
                {input("circle-name", g.name, &d.name, "text", set(|d, v| d.name = v))}
                {input("circle-address", g.address, &d.address, "text", set(|d, v| d.address = v))}
            </div>
            <div class="form-row">
                {input("circle-hours", g.hours, &d.hours, "text", set(|d, v| d.hours = v))}
                <span class="muted">{g.hours_hint}</span>
            </div>
            <div class="form-row">
                {input("circle-opened", g.opened_on, &d.opened_on, "date", set(|d, v| d.opened_on = v))}
                {input("circle-closed", g.closed_on, &d.closed_on, "date", set(|d, v| d.closed_on = v))}
            </div>
            <div class="form-row">
                {input("circle-contact-name", g.contact_name, &d.contact_name, "text", set(|d, v| d.contact_name = v))}
                {input("circle-contact-phone", g.contact_phone, &d.contact_phone, "tel", set(|d, v| d.contact_phone = v))}
            </div>
            <div class="form-row">
                {choice("circle-run-by", g.run_by, &d.run_by, &runners, set(|d, v| d.run_by = v))}
                if d.run_by == "unit" {
                    {input("circle-unit", g.unit_name, &d.run_by_unit, "text", set(|d, v| d.run_by_unit = v))}
                } else {
                    {choice("circle-run-community", g.run_by_community, &run_by_community, &community_opts, set(|d, v| d.run_by_community = v))}
                }
            </div>
            <div class="field field-wide">
                <span class="label">{g.services}</span>
                <div class="chips" id="circle-services">{ for service_boxes }</div>
            </div>
            <div class="form-row">
                {input("circle-services-more", g.services_more, &d.services_text, "text", set(|d, v| d.services_text = v))}
            </div>
            <div class="field field-wide">
                <span class="label">{g.serves}</span>
                <div class="chips" id="circle-serves">{ for serve_boxes }</div>
            </div>
            {area("circle-note", g.note, &d.note, set(|d, v| d.note = v))}
            if let Some(why) = *problem {
                <p class="field-error" id="circle-form-problem" role="alert">{why}</p>
            }
            if let Some(e) = &*error { {error_line(e, "circle-form-error")} }
            <div class="form-actions">
                <button class="btn btn-primary" id="circle-save" onclick={on_save}>{g.save}</button>
                <button class="btn" id="circle-cancel" onclick={cancel}>{g.cancel}</button>
            </div>
        </div>
    }
}
