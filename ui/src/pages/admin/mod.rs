//! 管理 (issue 22, item 6): an administrator's users (create with a role and places picked from
//! the place tree, disable and enable, reset a password, add and remove places), their laptops
//! (last seen, revoke) and the admin audit — all on the county server through its admin API,
//! asked by this laptop's background sync with its sign-in (`admin_overview`, `admin_act`). The
//! server decides what the administrator may see and change (their grants); this page only shows
//! its answer and says its refusals.

mod devices;
mod new_user;
mod users;

use std::collections::HashMap;
use std::rc::Rc;

use linli_domain::Id;
use linli_protocol::admin::{AdminAction, AdminOverview};
use linli_protocol::{AdminAct, AdminOverviewQuery, ListPlaces};
use yew::prelude::*;

use crate::hooks::{use_command, use_texts};
use crate::i18n::say;

/// Place names by id, for the grants (the laptop's own copy of the tree).
pub type Names = Rc<HashMap<Id, String>>;

/// A place's name, or the start of its id when this laptop does not hold it.
pub fn place_name(names: &Names, id: &Id) -> String {
    names
        .get(id)
        .cloned()
        .unwrap_or_else(|| id.to_string().chars().take(8).collect())
}

/// What an action did, for the notice after it: its audit code and its target.
fn code_of(a: &AdminAction) -> (&'static str, String) {
    match a {
        AdminAction::AddUser { name, .. } => ("user.add", name.trim().to_owned()),
        AdminAction::ResetPassword { name, .. } => ("user.passwd", name.clone()),
        AdminAction::SetDisabled { name, disabled } => (
            if *disabled {
                "user.disable"
            } else {
                "user.enable"
            },
            name.clone(),
        ),
        AdminAction::Grant { name, .. } => ("user.grant", name.clone()),
        AdminAction::RevokeGrants { name, .. } => ("user.revoke", name.clone()),
        AdminAction::RevokeDevice { device_id } => ("device.revoke", device_id.to_string()),
    }
}

#[function_component(AdminPage)]
pub fn admin_page() -> Html {
    let t = use_texts();
    let overview = use_state(|| None as Option<AdminOverview>);
    let notice = use_state(|| None as Option<(&'static str, String)>);
    let names = use_state(Names::default);
    // bumped after each action that succeeded, so the forms empty themselves
    let done = use_state(|| 0u32);
    let load = use_command::<AdminOverviewQuery>();
    let act = use_command::<AdminAct>();
    let places = use_command::<ListPlaces>();
    let refresh = {
        let (load, overview) = (load.clone(), overview.clone());
        Callback::from(move |_: ()| {
            let overview = overview.clone();
            load.run(AdminOverviewQuery {}, move |o| overview.set(Some(o)));
        })
    };
    {
        let (refresh, places, names) = (refresh.clone(), places.clone(), names.clone());
        use_effect_with((), move |_| {
            refresh.emit(());
            places.run(ListPlaces::default(), move |all| {
                names.set(Rc::new(all.into_iter().map(|p| (p.id, p.name)).collect()));
            });
        });
    }
    let on_act = {
        let (act, overview, notice, done) =
            (act.clone(), overview.clone(), notice.clone(), done.clone());
        Callback::from(move |action: AdminAction| {
            let (code, target) = code_of(&action);
            let (overview, notice, done) = (overview.clone(), notice.clone(), done.clone());
            notice.set(None);
            act.submit(AdminAct { action }, move |o| {
                overview.set(Some(o));
                notice.set(Some((code, target)));
                done.set(*done + 1);
            });
        })
    };
    let on_refresh = {
        let (refresh, notice) = (refresh.clone(), notice.clone());
        Callback::from(move |_| {
            notice.set(None);
            refresh.emit(());
        })
    };
    let scope = overview.as_ref().map(|o| {
        if o.county_wide {
            t.admin.scope_wide.to_owned()
        } else {
            let list: Vec<String> = o.grants.iter().map(|g| place_name(&names, g)).collect();
            format!("{} {}", t.admin.scope_places, list.join("、"))
        }
    });
    html! {
        <section class="page" id="admin-page">
            <div class="page-head">
                <h1>{t.admin.title}</h1>
                <button class="btn" id="admin-refresh" onclick={on_refresh}
                    disabled={load.busy()}>{t.admin.refresh}</button>
            </div>
            <p class="muted">{t.admin.intro}</p>
            if let Some(e) = load.error() {
                <div class="alert alert-error" role="alert" id="admin-load-error">
                    <span>{say(e)}</span>
                </div>
                <p class="muted" id="admin-needs-admin">{t.admin.needs_admin}</p>
            }
            if load.busy() && overview.is_none() {
                <p class="muted" id="admin-loading">{t.admin.loading}</p>
            }
            if let Some(s) = scope {
                <p id="admin-scope">{s}</p>
            }
            if let Some((code, target)) = (*notice).clone() {
                <p class="notice-bar" role="status" id="admin-notice">{(t.admin.done)(code, &target)}</p>
            }
            if let Some(e) = act.error() {
                <div class="alert alert-error" role="alert" id="admin-error">
                    <span>{say(e)}</span>
                </div>
            }
            if let Some(o) = (*overview).clone() {
                <users::Users overview={o.clone()} names={(*names).clone()}
                    on_act={on_act.clone()} busy={act.busy()} done={*done} />
                <new_user::NewUser on_act={on_act.clone()} busy={act.busy()} done={*done} />
                <devices::Devices overview={o.clone()} on_act={on_act.clone()} busy={act.busy()} />
                <devices::Audit overview={o} names={(*names).clone()} />
            }
        </section>
    }
}
