//! A household's page: its facts (editable), its members with masked numbers and a reveal per
//! value, "添加成员", moving out, its timeline (visits, task events and register changes in one
//! list) and its history (the register journal, field by field).

mod add_member;
mod care_field;
mod edit_member;
mod facts;
mod history;
mod members;
mod timeline;

use linli_domain::Id;
use linli_protocol::{ApiError, GetHousehold, HouseholdDetail};
use yew::prelude::*;

use crate::components::chips::StatusChips;
use crate::hooks::use_app;
use crate::ipc;
use crate::state::Action;
use add_member::AddMember;
use facts::Facts;
use history::History;
use members::Members;
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

    let body = match &*detail {
        None => html! { <p class="muted">{t.loading}</p> },
        Some(Err(e)) => html! { <p class="alert alert-error" role="alert">{&e.message}</p> },
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
                </header>
                <Members members={d.members.clone()} household_out={h.moved_out.is_some()}
                    on_changed={changed.clone()} />
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
