//! 查看记录 (issue 16 item 3): on an administrator's household page, who saw which full number of
//! the household's residents and when — the synced reveal facts this laptop holds, with the user
//! and time the server stamped on arrival. A reveal made on this laptop and not yet stamped says so.

use linli_domain::register::Role;
use linli_domain::Id;
use linli_protocol::{ApiError, HouseholdReveals, RevealField, RevealSeen};
use yew::prelude::*;

use crate::hooks::{use_me, use_texts};
use crate::ipc;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub household_id: Id,
    /// Reloads when the page does (a reveal on the page is recorded at once).
    pub version: u32,
}

#[function_component(RevealLog)]
pub fn reveal_log(props: &Props) -> Html {
    let t = use_texts();
    let me = use_me();
    let admin = me
        .me()
        .and_then(|m| m.person.as_ref())
        .is_some_and(|p| p.roles.contains(&Role::Admin));
    let list = use_state(|| None as Option<Result<Vec<RevealSeen>, ApiError>>);
    {
        let list = list.clone();
        use_effect_with(
            (props.household_id, props.version, admin),
            move |(id, _, admin)| {
                if *admin {
                    let household_id = *id;
                    wasm_bindgen_futures::spawn_local(async move {
                        list.set(Some(ipc::call(&HouseholdReveals { household_id }).await));
                    });
                }
            },
        );
    }
    if !admin {
        return Html::default();
    }
    let r = &t.reveals;
    let body = match &*list {
        None => html! { <p class="muted">{t.loading}</p> },
        Some(Err(e)) => html! { <p class="alert alert-error" role="alert">{&e.message}</p> },
        Some(Ok(rows)) if rows.is_empty() => html! { <p class="empty">{r.empty}</p> },
        // a list like 变更记录 beside it: the side column is too narrow for a four-column table
        Some(Ok(rows)) => html! {
            <ol class="history" id="reveal-log-list">
            { for rows.iter().map(|v| html! {
                <li class={classes!("history-entry", "reveal-row", (!v.stamped).then_some("muted"))}>
                    <div class="history-head">
                        <span class="mono muted">{&v.at}</span>
                        <span class="history-who reveal-who">
                            { match (&v.by, v.stamped) {
                                (Some(by), true) => by.clone(),
                                _ => r.this_laptop.to_owned(),
                            } }
                        </span>
                    </div>
                    <dl class="history-fields">
                        <dt>{r.col_resident}</dt><dd>{&v.resident_name}</dd>
                        <dt>{r.col_number}</dt>
                        <dd>{ match v.field {
                            RevealField::IdNumber => r.id_number,
                            RevealField::Phone => r.phone,
                        } }</dd>
                    </dl>
                </li>
            }) }
            </ol>
        },
    };
    html! {
        <div class="panel" id="reveal-log">
            <h2 class="panel-title">{r.title}</h2>
            <p class="muted">{r.hint}</p>
            {body}
        </div>
    }
}
