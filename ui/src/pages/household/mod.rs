//! A household's page: its facts (editable), its members with masked numbers and a reveal per
//! value, "添加成员", moving out, its timeline (visits, task events and register changes in one
//! list) and its history (the register journal, field by field); an administrator also sees
//! 查看记录, who saw which full number and when.

mod add_member;
mod care_field;
mod edit_member;
mod facts;
mod history;
// 驿站借用 (h19desk)
mod loans;
mod members;
mod reveal_log;
mod timeline;

use linli_domain::Id;
use linli_protocol::{ApiError, GetHousehold, HouseholdDetail};
use yew::prelude::*;

use crate::components::chips::StatusChips;
// a visit or a request from the household's page
use crate::components::toast::Toast;
use crate::hooks::use_app;
use crate::ipc;
use crate::pages::field::full_address;
use crate::pages::tasks::new_request::NewRequest;
use crate::pages::today::visit_message;
use crate::pages::visit_form::VisitForm;
use crate::state::Action;
use add_member::AddMember;
use facts::Facts;
use history::History;
use members::Members;
use reveal_log::RevealLog;
use timeline::Timeline;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub id: Id,
    /// Called after anything on the page changed the register (the list's counts change).
    pub on_changed: Callback<()>,
}

#[function_component(HouseholdPage)]
pub fn household_page(props: &Props) -> Html {
    let app = use_app();
    let t = app.lang.texts();
    let detail = use_state(|| None as Option<Result<HouseholdDetail, ApiError>>);
    let version = use_state(|| 0u32);
    {
        let detail = detail.clone();
        use_effect_with((props.id, *version), move |(id, _)| {
            let id = *id;
            wasm_bindgen_futures::spawn_local(async move {
                detail.set(Some(ipc::call(&GetHousehold { id }).await));
            });
        });
    }
    let changed = {
        let (version, on_changed) = (version.clone(), props.on_changed.clone());
        Callback::from(move |()| {
            version.set(*version + 1);
            on_changed.emit(());
        })
    };
    let back = {
        let app = app.clone();
        Callback::from(move |_| app.dispatch(Action::CloseHousehold))
    };
    // 登记走访 / 新建诉求 open their form on the page; saving reloads it and says so
    let form = use_state(|| None as Option<&'static str>);
    let said = use_state(|| None as Option<String>);
    let open_form = |which: &'static str| {
        let (form, said) = (form.clone(), said.clone());
        Callback::from(move |_| {
            said.set(None);
            form.set(Some(which));
        })
    };
    let close_form = {
        let form = form.clone();
        Callback::from(move |_| form.set(None))
    };
    let on_visit_saved = {
        let (form, said, changed) = (form.clone(), said.clone(), changed.clone());
        Callback::from(move |saved: linli_protocol::VisitLogged| {
            form.set(None);
            said.set(Some(visit_message(t, &saved)));
            changed.emit(());
        })
    };
    let on_raised = {
        let (form, said, changed) = (form.clone(), said.clone(), changed.clone());
        Callback::from(move |task: linli_protocol::Task| {
            form.set(None);
            said.set(Some((t.work.raised)(&task.title)));
            changed.emit(());
        })
    };

    let body = match &*detail {
        None => html! { <p class="muted">{t.loading}</p> },
        Some(Err(e)) => {
            html! { <p class="alert alert-error" role="alert">{crate::i18n::say(e)}</p> }
        }
        Some(Ok(d)) => {
            let h = &d.household;
            let names: std::collections::HashMap<Id, String> =
                d.members.iter().map(|m| (m.id, m.name.clone())).collect();
            let active = d.members.iter().filter(|m| m.moved_out.is_none()).count();
            html! {
                <>
                <header class="page-head household-head">
                    <div>
                        <p class="eyebrow">{t.household}</p>
                        <h1 id="household-address">{&h.address}</h1>
                        <p class="muted">
                            {(t.head_and_members)(h.head_name.as_deref(), active as u32)}
                        </p>
                    </div>
                    <StatusChips household={h.clone()} />
                    if h.moved_out.is_none() {
                        <div class="household-actions">
                            <button class="btn btn-primary" id="household-visit" onclick={open_form("visit")}>{t.work.log_visit}</button>
                            <button class="btn" id="household-request" onclick={open_form("request")}>{t.work.new_request}</button>
                        </div>
                    }
                </header>
                if let Some(m) = &*said {
                    <Toast id="household-notice" text={m.clone()} block=true />
                }
                if let (Some(which), Some(c)) = (*form, h.community_id) {
                    if which == "visit" {
                        <VisitForm household_id={h.id} community={c} on_saved={on_visit_saved.clone()}
                            on_cancel={close_form.clone()} />
                    } else {
                        <NewRequest community={c} household={Some((h.id, full_address(h.compound_name.as_deref(), &h.address)))}
                            on_raised={on_raised.clone()} on_cancel={close_form.clone()} />
                    }
                }
                <Members members={d.members.clone()} household_out={h.moved_out.is_some()}
                    on_changed={changed.clone()} />
                <loans::HouseholdLoans household_id={h.id} community={h.community_id} version={*version} />
                <div class="household-grid">
                    <div class="household-col">
                        <Timeline household_id={h.id} community={h.community_id} version={*version} />
                        if h.moved_out.is_none() {
                            <AddMember household_id={h.id} first={active == 0} on_added={changed.clone()} />
                        }
                    </div>
                    <div class="household-col household-side">
                        <Facts household={h.clone()} on_saved={changed.clone()} />
                        <History entries={d.history.clone()} {names} />
                        <RevealLog household_id={h.id} version={*version} />
                    </div>
                </div>
                </>
            }
        }
    };
    html! {
        <div class="household-page" id="household-page">
            <button class="btn-link back" id="household-back" onclick={back}>{t.back_to_list}</button>
            {body}
        </div>
    }
}
