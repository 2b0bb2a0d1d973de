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
        Some(Ok(rows)) => html! {
            <table class="table" id="reveal-log-list">
                <thead><tr>
                    <th>{r.col_when}</th><th>{r.col_who}</th>
                    <th>{r.col_resident}</th><th>{r.col_number}</th>
                </tr></thead>
                <tbody>
                { for rows.iter().map(|v| html! {
                    <tr class={classes!("reveal-row", (!v.stamped).then_some("muted"))}>
                        <td class="mono">{&v.at}</td>
                        <td>
                            { match (&v.by, v.stamped) {
                                (Some(by), true) => by.clone(),
                                _ => r.this_laptop.to_owned(),
                            } }
                        </td>
                        <td>{&v.resident_name}</td>
                        <td>{ match v.field {
                            RevealField::IdNumber => r.id_number,
                            RevealField::Phone => r.phone,
                        } }</td>
                    </tr>
                }) }
                </tbody>
            </table>
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
