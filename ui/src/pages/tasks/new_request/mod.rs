//! 新建诉求: a request logged from anywhere (the board, a household's page, 工作台) — a resident
//! who phoned or walked in, a snapshot, a grid report — about a household (found by address or
//! name) or a place, logged by me unless changed. One `RaiseTask`.

pub mod state;

use linli_domain::field::{TaskCategory, TaskSource};
use linli_domain::Id;
use linli_protocol::{HitKind, ListPeople, Person, RaiseTask, Search, SearchHit, Task};
use yew::prelude::*;

use crate::components::escape::closes_on_escape;
use crate::components::place_picker::PlacePicker;
use crate::components::staff_picker::StaffPicker;
use crate::hooks::{use_command, use_debounced, use_me, use_texts};
use crate::ipc;
use crate::pages::field::{field_error, selected_of, value_of};
use state::{About, Action, RequestDraft};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub community: Id,
    /// The household the form opens on (from its page), with its address.
    #[prop_or_default]
    pub household: Option<(Id, String)>,
    pub on_raised: Callback<Task>,
    pub on_cancel: Callback<()>,
}

#[function_component(NewRequest)]
pub fn new_request(props: &Props) -> Html {
    let t = use_texts();
    let me = use_me();
    let draft = {
        let (me, household) = (me.person_id(), props.household.clone());
        use_reducer(move || RequestDraft::new(me, household))
    };
    let people = use_state(Vec::<Person>::new);
    let query = use_state(String::new);
    let settled = use_debounced((*query).clone(), 200);
    let hits = use_state(Vec::<SearchHit>::new);
    let raise = use_command::<RaiseTask>();
    {
        let people = people.clone();
        use_effect_with(props.community, move |c| {
            let c = *c;
            wasm_bindgen_futures::spawn_local(async move {
                people.set(
                    ipc::call(&ListPeople { community_id: c })
                        .await
                        .unwrap_or_default(),
                );
            });
        });
    }
    {
        let hits = hits.clone();
        use_effect_with(settled, move |q| {
            let q = q.trim().to_owned();
            if q.is_empty() {
                hits.set(Vec::new());
            } else {
                wasm_bindgen_futures::spawn_local(async move {
                    let found = ipc::call(&Search { query: q, limit: 8 })
                        .await
                        .unwrap_or_default();
                    // one line per household, whichever member matched
                    let mut seen = Vec::new();
                    hits.set(
                        found
                            .into_iter()
                            .filter(|h| {
                                let new = !seen.contains(&h.household_id);
                                seen.push(h.household_id);
                                new
                            })
                            .collect(),
                    );
                });
            }
        });
    }

    let send = |make: fn(String) -> Action| {
        let draft = draft.clone();
        Callback::from(move |e: InputEvent| draft.dispatch(make(value_of(e))))
    };
    let touch = |field: &'static str| {
        let draft = draft.clone();
        Callback::from(move |_: FocusEvent| draft.dispatch(Action::Touch(field)))
    };
    let on_category = {
        let draft = draft.clone();
        Callback::from(move |e: Event| {
            if let Some(c) = TaskCategory::from_code(&selected_of(e)) {
                draft.dispatch(Action::Category(c));
            }
        })
    };
    let on_source = {
        let draft = draft.clone();
        Callback::from(move |e: Event| {
            if let Some(s) = TaskSource::from_code(&selected_of(e)) {
                draft.dispatch(Action::Source(s));
            }
        })
    };
    let about = |place: bool| {
        let draft = draft.clone();
        Callback::from(move |_: Event| draft.dispatch(Action::AboutPlace(place)))
    };
    let on_query = {
        let query = query.clone();
        Callback::from(move |e: InputEvent| query.set(value_of(e)))
    };
    let on_place = {
        let draft = draft.clone();
        Callback::from(move |p: Option<Id>| draft.dispatch(Action::Place(p)))
    };
    let on_by = {
        let draft = draft.clone();
        Callback::from(move |p: Option<Id>| draft.dispatch(Action::RaisedBy(p)))
    };
    let request = draft.request(t);
    let on_save = {
        let (draft, raise, on_raised) = (draft.clone(), raise.clone(), props.on_raised.clone());
        let request = request.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            draft.dispatch(Action::Submit);
            if let Some(req) = request.clone() {
                let on_raised = on_raised.clone();
                raise.submit(req, move |task| on_raised.emit(task));
            }
        })
    };
    let on_cancel = {
        let cb = props.on_cancel.clone();
        Callback::from(move |_| cb.emit(()))
    };

    let d = &*draft;
    let errors = d.shown_errors(t);
    let err = |k: &str| errors.get(k).copied();
    let invalid = |k: &str| classes!("input", errors.contains_key(k).then_some("invalid"));
    let is_place = matches!(d.about, About::Place(_));
    let where_field = match &d.about {
        About::Household(chosen) => html! {
            <div class="field field-grow request-household">
                <span class="label">{t.work.about_household}</span>
                if let Some((_, address)) = chosen {
                    <span class="chosen" id="request-household-chosen">{(t.work.household_chosen)(address)}</span>
                }
                <input id="request-household-search" class={invalid("where")} value={(*query).clone()}
                    placeholder={t.work.household_search} oninput={on_query} onblur={touch("where")} />
                if !hits.is_empty() {
                    <ul class="hits request-hits" id="request-hits">
                    { for hits.iter().map(|h| {
                        let (draft, query, hits) = (draft.clone(), query.clone(), hits.clone());
                        let (id, address) = (h.household_id, h.address.clone());
                        let who = if h.kind == HitKind::Resident { h.name.clone() } else { String::new() };
                        html! {
                            <li key={h.id.to_string()}>
                                <button type="button" class="btn-link request-hit" data-id={id.to_string()}
                                    onclick={Callback::from(move |_| {
                                        draft.dispatch(Action::Household(id, address.clone()));
                                        query.set(String::new());
                                        hits.set(Vec::new());
                                    })}>
                                    {&h.address}{" "}<span class="muted">{who}</span>
                                </button>
                            </li>
                        }
                    }) }
                    </ul>
                }
                {field_error("request-where-error", err("where"))}
            </div>
        },
        About::Place(_) => html! {
            <div class="field field-grow">
                <PlacePicker id="request-place" label={t.work.about_place} blank={t.work.place_blank}
                    onchange={on_place} />
                {field_error("request-where-error", err("where"))}
            </div>
        },
    };
    html! {
        <form class="panel request-form" id="request-form" onsubmit={on_save} novalidate=true
            onkeydown={closes_on_escape(props.on_cancel.clone())}>
            <div class="panel-head"><h2>{t.work.new_request}</h2></div>
            <div class="form-row">
                <label class="field field-grow">
                    <span class="label">{t.task_title_label}</span>
                    <input id="request-title" class={invalid("title")} value={d.title.clone()}
                        oninput={send(Action::Title)} onblur={touch("title")} />
                    {field_error("request-title-error", err("title"))}
                </label>
                <label class="field">
                    <span class="label">{t.work.source}</span>
                    <select id="request-source" class="input" onchange={on_source}>
                    { for TaskSource::ALL.iter().map(|s| html! {
                        <option value={s.code()} selected={d.source == *s}>{(t.work.source_label)(*s)}</option>
                    }) }
                    </select>
                </label>
                <label class="field">
                    <span class="label">{t.task_category_label}</span>
                    <select id="request-category" class="input" onchange={on_category}>
                    { for TaskCategory::ALL.iter().map(|c| html! {
                        <option value={c.code()} selected={d.category == *c}>{(t.task_category)(*c)}</option>
                    }) }
                    </select>
                </label>
            </div>
            <div class="form-row">
                <fieldset class="field choice" id="request-about">
                    <legend class="label">{t.work.about}</legend>
                    <label class="check"><input type="radio" name="request-about" id="request-about-household"
                        checked={!is_place} onchange={about(false)} />{t.work.about_household}</label>
                    <label class="check"><input type="radio" name="request-about" id="request-about-place"
                        checked={is_place} onchange={about(true)} />{t.work.about_place}</label>
                </fieldset>
                {where_field}
            </div>
            <label class="field field-wide">
                <span class="label">{t.field.description}</span>
                <textarea id="request-description" class={invalid("description")} rows="2"
                    value={d.description.clone()} oninput={send(Action::Description)}
                    onblur={touch("description")} />
                {field_error("request-description-error", err("description"))}
            </label>
            <div class="form-row">
                <StaffPicker id="request-by" label={t.work.raised_by} people={(*people).clone()}
                    value={d.raised_by} onchange={on_by} none={Some(AttrValue::from(t.task_nobody))} />
                <label class="field field-narrow">
                    <span class="label">{t.task_due_label}</span>
                    <input id="request-due" class={invalid("due")} placeholder={t.date_placeholder}
                        value={d.due.clone()} oninput={send(Action::Due)} onblur={touch("due")} />
                    {field_error("request-due-error", err("due"))}
                </label>
            </div>
            <div class="form-row form-actions">
                <button type="submit" id="request-save" class="btn btn-primary" disabled={raise.busy()}>
                    { if raise.busy() { t.saving } else { t.work.raise } }
                </button>
                <button type="button" id="request-cancel" class="btn" onclick={on_cancel}>{t.cancel}</button>
                if let Some(e) = raise.error() {
                    <span class="field-error" id="request-failed" role="alert">{crate::i18n::say(e)}</span>
                } else if d.submitted && request.is_none() {
                    <span class="field-error" id="request-failed" role="alert">{t.work.fix_marked}</span>
                }
            </div>
        </form>
    }
}
