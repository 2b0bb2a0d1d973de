//! 设置 → 社区规则 (issue 15 item 3): one page for a community's rules. A community secretary picks
//! her community; each section — the station's name, visit intervals, escalation days per request
//! category, points per hour with caps and expiry, the care tags — checks its fields as the store
//! does, saves with its own button and says what is wrong next to it. Every save is a synced
//! write; the store refuses it unless this laptop's worker is an administrator.

use linli_domain::register::KNOWN_CARE_TAGS;
use linli_domain::Id;
use linli_protocol::{
    ApiError, CommunityRules, GetCommunityRules, SetCommunitySettings, SetTaskRule,
};
use yew::prelude::*;

use super::rules_form::{self, RulesForm};
use crate::components::toast::Toast;
use crate::hooks::{use_me, use_texts};
use crate::i18n::Texts;
use crate::ipc;
use crate::pages::field::{value_of, CommunityPicker};

/// Which section a message belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Station,
    Visit,
    Tasks,
    Points,
    Care,
}

impl Part {
    fn code(self) -> &'static str {
        match self {
            Part::Station => "station",
            Part::Visit => "visit",
            Part::Tasks => "tasks",
            Part::Points => "points",
            Part::Care => "care",
        }
    }
}

/// What the last save of a section said: saved, or why not.
type Said = Option<(Part, Result<(), String>)>;

fn said_here(t: &Texts, said: &Said, part: Part) -> Html {
    match said {
        Some((p, Ok(()))) if *p == part => html! {
            <Toast id={format!("rules-{}-saved", part.code())} text={t.rules.saved} />
        },
        Some((p, Err(e))) if *p == part => html! {
            <p id={format!("rules-{}-error", part.code())} class="field-error" role="alert">{e}</p>
        },
        _ => html! {},
    }
}

#[function_component(CommunityRulesPage)]
pub fn community_rules_page() -> Html {
    let t = use_texts();
    let me = use_me();
    let community = use_state(|| {
        me.me()
            .and_then(|m| m.person.as_ref())
            .map(|p| p.community_id)
    });
    let rules = use_state(|| None as Option<Result<CommunityRules, ApiError>>);
    let form = use_state(RulesForm::default);
    let said = use_state(|| None as Said);
    let busy = use_state(|| false);
    let reload = use_state(|| 0u32);

    {
        let (rules, form) = (rules.clone(), form.clone());
        use_effect_with((*community, *reload), move |(c, _)| {
            if let Some(c) = *c {
                wasm_bindgen_futures::spawn_local(async move {
                    let got = ipc::call(&GetCommunityRules { community_id: c }).await;
                    if let Ok(r) = &got {
                        form.set(RulesForm::from_rules(r));
                    }
                    rules.set(Some(got));
                });
            }
        });
    }

    let on_community = {
        let (community, said) = (community.clone(), said.clone());
        Callback::from(move |c: Option<Id>| {
            said.set(None);
            community.set(c)
        })
    };

    // saves one section: checks first, then the requests in order, then reloads the rules
    let save = {
        let (community, said, busy, reload, form) = (
            community.clone(),
            said.clone(),
            busy.clone(),
            reload.clone(),
            form.clone(),
        );
        move |part: Part| {
            let (community, said, busy, reload, form) = (
                community.clone(),
                said.clone(),
                busy.clone(),
                reload.clone(),
                form.clone(),
            );
            Callback::from(move |e: SubmitEvent| {
                e.prevent_default();
                let Some(c) = *community else { return };
                if *busy {
                    return;
                }
                let f = (*form).clone();
                let checked: Result<Vec<Step>, String> = match part {
                    Part::Station => match rules_form::station_problem(t, &f.station) {
                        Some(p) => Err(p),
                        None => Ok(vec![Step::Settings(SetCommunitySettings {
                            community_id: c,
                            station_name: Some(f.station.clone()),
                            care_tags: None,
                        })]),
                    },
                    Part::Visit => {
                        rules_form::visit_request(t, &f, c).map(|r| vec![Step::Visit(r)])
                    }
                    Part::Tasks => rules_form::task_days(t, &f).map(|days| {
                        days.into_iter()
                            .map(|(category, d)| {
                                Step::Task(SetTaskRule {
                                    community_id: c,
                                    category,
                                    escalate_after_days: d,
                                })
                            })
                            .collect()
                    }),
                    Part::Points => {
                        rules_form::points_request(t, &f, c).map(|r| vec![Step::Points(r)])
                    }
                    Part::Care if f.care_tags.is_empty() => Err(t.rules.err_care_none.to_owned()),
                    Part::Care => Ok(vec![Step::Settings(SetCommunitySettings {
                        community_id: c,
                        station_name: None,
                        care_tags: Some(f.care_tags.clone()),
                    })]),
                };
                let steps = match checked {
                    Ok(s) => s,
                    Err(e) => {
                        said.set(Some((part, Err(e))));
                        return;
                    }
                };
                busy.set(true);
                said.set(None);
                let (said, busy, reload) = (said.clone(), busy.clone(), reload.clone());
                wasm_bindgen_futures::spawn_local(async move {
                    let mut outcome = Ok(());
                    for s in steps {
                        if let Err(e) = s.run().await {
                            outcome = Err(crate::i18n::say(&e));
                            break;
                        }
                    }
                    busy.set(false);
                    if outcome.is_ok() {
                        reload.set(*reload + 1);
                    }
                    said.set(Some((part, outcome)));
                });
            })
        }
    };

    // a text field bound to one part of the form
    let field = |id: &str,
                 label: String,
                 value: &str,
                 hint: Option<&str>,
                 set: fn(&mut RulesForm, String)| {
        let form = form.clone();
        let oninput = Callback::from(move |e: InputEvent| {
            let mut f = (*form).clone();
            set(&mut f, value_of(e));
            form.set(f);
        });
        html! {
            <label class="field">
                <span class="label">{label}</span>
                <input id={id.to_owned()} class="input" value={value.to_owned()} oninput={oninput}
                    placeholder={hint.unwrap_or_default().to_owned()} />
            </label>
        }
    };

    let body = match &*rules {
        _ if community.is_none() => html! {},
        None => html! { <p class="muted">{t.loading}</p> },
        Some(Err(e)) => {
            html! { <p class="alert alert-error" role="alert">{crate::i18n::say(e)}</p> }
        }
        Some(Ok(_)) => {
            let f = &*form;
            let task_fields = f.tasks.iter().enumerate().map(|(i, (c, v))| {
                let form = form.clone();
                let oninput = Callback::from(move |e: InputEvent| {
                    let mut f = (*form).clone();
                    f.tasks[i].1 = value_of(e);
                    form.set(f);
                });
                let default = c.default_escalate_after_days();
                html! {
                    <label class="field">
                        <span class="label">{(t.task_category)(*c)}</span>
                        <input id={format!("rules-task-{}", c.code())} class="input input-narrow"
                            value={v.clone()} oninput={oninput}
                            title={format!("{default}{}", t.rules.by_default)} />
                    </label>
                }
            });
            let rate_fields = f.rates.iter().enumerate().map(|(i, (c, v))| {
                let form = form.clone();
                let oninput = Callback::from(move |e: InputEvent| {
                    let mut f = (*form).clone();
                    f.rates[i].1 = value_of(e);
                    form.set(f);
                });
                html! {
                    <label class="field">
                        <span class="label">{(t.rules.rate_of)((t.rules.service_category)(c))}</span>
                        <input id={format!("rules-rate-{i}")} class="input input-narrow" data-category={c.clone()}
                            value={v.clone()} oninput={oninput} placeholder={t.rules.rate_blank} />
                    </label>
                }
            });
            let care_boxes = KNOWN_CARE_TAGS.iter().map(|tag| {
                let on = f.care_tags.iter().any(|x| x == tag);
                let form = form.clone();
                let onclick = Callback::from(move |_| {
                    let mut f = (*form).clone();
                    if on {
                        f.care_tags.retain(|x| x != tag);
                    } else {
                        f.care_tags.push((*tag).to_owned());
                    }
                    form.set(f);
                });
                html! {
                    <label class="check">
                        <input type="checkbox" class="rules-care" data-tag={*tag} checked={on} onclick={onclick} />
                        {(t.resident.care_tag)(tag)}
                    </label>
                }
            });
            let busy = *busy;
            let button = |id: &str| {
                html! {
                    <button id={id.to_owned()} class="btn btn-primary" type="submit" disabled={busy}>{t.rules.save}</button>
                }
            };
            html! {
                <>
                <form class="panel form-row" id="rules-station" onsubmit={save(Part::Station)} novalidate=true>
                    <h2>{t.rules.station_title}</h2>
                    <p class="muted">{t.rules.station_hint}</p>
                    { field("rules-station-name", t.rules.station_name.to_owned(), &f.station,
                        Some(t.rules.station_placeholder), |f, v| f.station = v) }
                    { button("rules-station-save") }
                    { said_here(t, &said, Part::Station) }
                </form>
                <form class="panel form-row" id="rules-visit" onsubmit={save(Part::Visit)} novalidate=true>
                    <h2>{t.rules.visit_title}</h2>
                    { field("rules-care-days", t.rules.care_days.to_owned(), &f.care_days, None, |f, v| f.care_days = v) }
                    { field("rules-everyone-days", t.rules.everyone_days.to_owned(), &f.everyone_days, None, |f, v| f.everyone_days = v) }
                    { button("rules-visit-save") }
                    { said_here(t, &said, Part::Visit) }
                </form>
                <form class="panel form-row" id="rules-tasks" onsubmit={save(Part::Tasks)} novalidate=true>
                    <h2>{t.rules.tasks_title}</h2>
                    <p class="muted">{t.rules.tasks_hint}</p>
                    { for task_fields }
                    { button("rules-tasks-save") }
                    { said_here(t, &said, Part::Tasks) }
                </form>
                <form class="panel form-row" id="rules-points" onsubmit={save(Part::Points)} novalidate=true>
                    <h2>{t.rules.points_title}</h2>
                    { field("rules-default-rate", t.rules.default_rate.to_owned(), &f.default_rate, None, |f, v| f.default_rate = v) }
                    { for rate_fields }
                    { field("rules-entry-cap", t.rules.entry_cap.to_owned(), &f.entry_cap, Some(t.rules.no_limit), |f, v| f.entry_cap = v) }
                    { field("rules-month-cap", t.rules.month_cap.to_owned(), &f.month_cap, Some(t.rules.no_limit), |f, v| f.month_cap = v) }
                    { field("rules-expiry", t.rules.expiry_months.to_owned(), &f.expiry, Some(t.rules.no_limit), |f, v| f.expiry = v) }
                    { button("rules-points-save") }
                    { said_here(t, &said, Part::Points) }
                </form>
                <form class="panel form-row" id="rules-care" onsubmit={save(Part::Care)} novalidate=true>
                    <h2>{t.rules.care_title}</h2>
                    <p class="muted">{t.rules.care_hint}</p>
                    <div class="check-row">{ for care_boxes }</div>
                    { button("rules-care-save") }
                    { said_here(t, &said, Part::Care) }
                </form>
                </>
            }
        }
    };

    html! {
        <div class="community-rules" id="community-rules">
            <h2>{t.rules.title}</h2>
            <p class="muted">{t.rules.intro}</p>
            <div class="form-row">
                <CommunityPicker value={*community} onchange={on_community} />
            </div>
            {body}
            // 米邻驿站's limits and blocks (issue 19), beside the community's other rules
            if let Some(c) = *community {
                <crate::pages::lending::StationRules community={c} />
            }
        </div>
    }
}

/// One request of a section's save.
enum Step {
    Settings(SetCommunitySettings),
    Visit(linli_protocol::SetVisitRules),
    Task(SetTaskRule),
    Points(linli_protocol::SetPointsRules),
}

impl Step {
    async fn run(self) -> Result<(), ApiError> {
        match self {
            Step::Settings(r) => ipc::call(&r).await.map(|_| ()),
            Step::Visit(r) => ipc::call(&r).await.map(|_| ()),
            Step::Task(r) => ipc::call(&r).await.map(|_| ()),
            Step::Points(r) => ipc::call(&r).await.map(|_| ()),
        }
    }
}
