//! 管理 → 电脑 and 管理记录: the laptops of the users the administrator manages (when each was
//! enrolled and last seen; revoking one asks once more, it cannot be undone), and the admin audit,
//! newest first.

use linli_domain::Id;
use linli_protocol::admin::{AdminAction, AdminOverview};
use yew::prelude::*;

use super::Names;
use crate::clock::format_ms;
use crate::hooks::use_texts;

#[derive(Properties, PartialEq)]
pub struct DevicesProps {
    pub overview: AdminOverview,
    pub on_act: Callback<AdminAction>,
    pub busy: bool,
}

fn when(ms: i64) -> String {
    format_ms(ms.max(0) as u64)
}

#[function_component(Devices)]
pub fn devices(props: &DevicesProps) -> Html {
    let t = use_texts();
    // the laptop whose revoke button was clicked once: the second click revokes
    let arming = use_state(|| None as Option<Id>);
    let row = |d: &linli_protocol::admin::AdminDevice| {
        let id = d.device_id;
        let armed = *arming == Some(id);
        let onclick = {
            let (arming, act) = (arming.clone(), props.on_act.clone());
            Callback::from(move |_| {
                if armed {
                    arming.set(None);
                    act.emit(AdminAction::RevokeDevice { device_id: id });
                } else {
                    arming.set(Some(id));
                }
            })
        };
        html! {
            <tr class={classes!("admin-device", d.revoked.then_some("moved-out"))}
                data-device={id.to_string()}>
                <td>{&d.name}</td>
                <td>{&d.user}</td>
                <td>{when(d.enrolled_ms)}</td>
                <td>{ d.last_seen_ms.map(when).unwrap_or_else(|| t.admin.never.to_owned()) }</td>
                <td>
                    if d.revoked {
                        <span class="chip chip-out">{t.admin.revoked}</span>
                    } else {
                        <span class="chip chip-tag">{t.admin.in_use}</span>
                        {" "}
                        <button type="button"
                            class={classes!("btn", "btn-small", "admin-revoke", armed.then_some("btn-danger"))}
                            disabled={props.busy} {onclick}>
                            { if armed { t.admin.revoke_confirm } else { t.admin.revoke } }
                        </button>
                    }
                </td>
            </tr>
        }
    };
    html! {
        <div class="admin-section" id="admin-devices">
            <h2>{t.admin.devices}</h2>
            if props.overview.devices.is_empty() {
                <p class="muted">{t.admin.no_devices}</p>
            } else {
                <table class="table" id="admin-devices-table">
                    <thead><tr>
                        <th>{t.admin.col_device}</th>
                        <th>{t.admin.col_user}</th>
                        <th>{t.admin.col_enrolled}</th>
                        <th>{t.admin.col_seen}</th>
                        <th>{t.admin.col_status}</th>
                    </tr></thead>
                    <tbody>{ for props.overview.devices.iter().map(row) }</tbody>
                </table>
            }
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct AuditProps {
    pub overview: AdminOverview,
    pub names: Names,
}

/// An audit row's detail as a person reads it: place ids named, the role said.
fn detail(t: &crate::i18n::Texts, names: &Names, detail: &str) -> String {
    detail
        .split(' ')
        .map(|part| {
            if let Some(n) = part.strip_prefix("tokens_revoked=") {
                (t.admin.signed_out)(n)
            } else if let Some(user) = part.strip_prefix("user=") {
                user.to_owned()
            } else if let Some(code) = part.strip_prefix("role=") {
                linli_protocol::sync::Role::from_code(code)
                    .map_or_else(|| part.to_owned(), |r| (t.admin.role)(r).to_owned())
            } else {
                let list = part.strip_prefix("grants=").unwrap_or(part);
                let ids: Vec<Option<Id>> = list.split(',').map(|s| s.parse().ok()).collect();
                if !list.is_empty() && ids.iter().all(Option::is_some) {
                    ids.into_iter()
                        .flatten()
                        .map(|id| super::place_name(names, &id))
                        .collect::<Vec<_>>()
                        .join("、")
                } else {
                    part.to_owned()
                }
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[function_component(Audit)]
pub fn audit(props: &AuditProps) -> Html {
    let t = use_texts();
    html! {
        <div class="admin-section" id="admin-audit">
            <h2>{t.admin.audit}</h2>
            if props.overview.audit.is_empty() {
                <p class="muted">{t.admin.no_audit}</p>
            } else {
                <table class="table" id="admin-audit-table">
                    <thead><tr>
                        <th>{t.admin.col_time}</th>
                        <th>{t.admin.col_actor}</th>
                        <th>{t.admin.col_action}</th>
                        <th>{t.admin.col_target}</th>
                        <th>{t.admin.col_detail}</th>
                    </tr></thead>
                    <tbody>
                    { for props.overview.audit.iter().map(|e| html! {
                        <tr class="admin-audit-row" data-action={e.action.clone()}>
                            <td>{when(e.at_ms)}</td>
                            <td>{&e.actor}</td>
                            <td>{(t.admin.action)(&e.action)}</td>
                            <td>{&e.target}</td>
                            <td class="muted">{detail(t, &props.names, &e.detail)}</td>
                        </tr>
                    }) }
                    </tbody>
                </table>
            }
        </div>
    }
}
