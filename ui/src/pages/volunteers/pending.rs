//! 待审核: each pending entry with who credited it; approve or reject it, or approve all shown.
//! Nobody verifies their own entry: the store refuses it, and the row says so before anyone tries.

use linli_domain::Id;
use linli_protocol::{Activity, HourEntry, RejectHours, VerifyHours};
use yew::prelude::*;

use super::logic::fmt_hours;
use super::widgets::{job, Job};
use crate::hooks::use_texts;
use crate::ipc;
use crate::pages::field::value_of;

#[derive(Properties, PartialEq)]
pub struct PendingProps {
    pub pending: Vec<HourEntry>,
    pub activities: Vec<Activity>,
    /// This laptop's worker, when chosen.
    pub me: Option<Id>,
    pub busy: bool,
    pub run: Callback<Job>,
    /// Opens why an entry earns what it earns.
    pub on_why: Callback<Id>,
}

#[function_component(Pending)]
pub fn pending(p: &PendingProps) -> Html {
    let t = use_texts();
    let d = &t.desk;
    let rejecting = use_state(|| None as Option<Id>);
    let reason = use_state(String::new);
    let reason_err = use_state(|| false);

    let own = |e: &HourEntry| p.me.is_some() && e.credited_by == p.me;
    let others: Vec<Id> = p.pending.iter().filter(|e| !own(e)).map(|e| e.id).collect();
    let any_own = others.len() < p.pending.len();

    let on_all = {
        let (run, ids) = (p.run.clone(), others.clone());
        Callback::from(move |_| {
            let ids = ids.clone();
            let n = ids.len();
            run.emit(job(async move {
                ipc::call(&VerifyHours {
                    entry_ids: ids,
                    verified_by: None,
                })
                .await?;
                Ok((t.vol_verified)(n))
            }));
        })
    };

    let rows = p.pending.iter().map(|e| {
        let id = e.id;
        let title = e
            .activity_id
            .and_then(|a| p.activities.iter().find(|x| x.id == a))
            .map(|a| a.title.clone())
            .unwrap_or_default();
        let mine = own(e);
        let approve = {
            let (run, name) = (p.run.clone(), e.volunteer_name.clone());
            Callback::from(move |_| {
                let name = name.clone();
                run.emit(job(async move {
                    ipc::call(&VerifyHours {
                        entry_ids: vec![id],
                        verified_by: None,
                    })
                    .await?;
                    Ok((t.desk.approved_one)(&name))
                }));
            })
        };
        let open_reject = {
            let (rejecting, reason, reason_err) =
                (rejecting.clone(), reason.clone(), reason_err.clone());
            Callback::from(move |_| {
                reason.set(String::new());
                reason_err.set(false);
                rejecting.set(Some(id));
            })
        };
        let confirm_reject = {
            let (run, reason, reason_err, rejecting) = (
                p.run.clone(),
                reason.clone(),
                reason_err.clone(),
                rejecting.clone(),
            );
            Callback::from(move |_| {
                let why = reason.trim().to_owned();
                if why.is_empty() {
                    return reason_err.set(true);
                }
                rejecting.set(None);
                run.emit(job(async move {
                    ipc::call(&RejectHours {
                        entry_ids: vec![id],
                        reason: why,
                    })
                    .await?;
                    Ok((t.desk.rejected)(1))
                }));
            })
        };
        let why = {
            let on_why = p.on_why.clone();
            Callback::from(move |_| on_why.emit(id))
        };
        let credited = e.credited_by_name.clone().unwrap_or_else(|| d.nobody.to_owned());
        html! {
            <>
            <tr key={id.to_string()} class="pending-row" data-id={id.to_string()} data-name={e.volunteer_name.clone()}>
                <td>{&e.date}</td>
                <td class="vol-name">{&e.volunteer_name}</td>
                <td>{title}{" "}<span class="muted">{(t.rules.service_category)(&e.category)}</span></td>
                <td class="num">{fmt_hours(e.hours)}</td>
                <td class="credited-by">{credited}</td>
                <td><button class="points-link pending-points" onclick={why}>{d.would_earn}</button></td>
                <td class="row-actions">
                    if mine {
                        <span class="hint own-entry">{d.own_entry}</span>
                    } else {
                        <button class="btn btn-small approve-btn" disabled={p.busy} onclick={approve}>{d.approve}</button>
                        <button class="btn btn-small btn-danger reject-btn" disabled={p.busy} onclick={open_reject}>{d.reject}</button>
                    }
                </td>
            </tr>
            if *rejecting == Some(id) {
                <tr key={format!("{id}-reject")} class="reject-row">
                    <td colspan="7" class="row-actions">
                        <label class="field field-grow">
                            <span class="label">{d.reject_reason}</span>
                            <input id="reject-reason" class="input" value={(*reason).clone()}
                                oninput={{ let reason = reason.clone(); Callback::from(move |e| reason.set(value_of(e))) }} />
                        </label>
                        <button id="reject-ok" class="btn btn-danger" disabled={p.busy} onclick={confirm_reject}>{d.reject_ok}</button>
                        <button class="btn btn-quiet" onclick={{ let r = rejecting.clone(); Callback::from(move |_| r.set(None)) }}>{d.cancel}</button>
                        if *reason_err {
                            <span class="field-error" role="alert">{d.err_reason}</span>
                        }
                    </td>
                </tr>
            }
            </>
        }
    });

    html! {
        <div class="panel" id="vol-pending">
            <div class="panel-head">
                <h2>{(d.pending_title)(p.pending.len())}</h2>
                <span class="panel-tools">
                    <button id="vol-verify" class="btn" disabled={p.busy || others.is_empty()} onclick={on_all}>
                        {(t.vol_verify)(others.len())}
                    </button>
                </span>
            </div>
            if any_own {
                <p class="hint" id="vol-own-hint">{d.own_all}</p>
            }
            if p.pending.is_empty() {
                <p class="empty">{d.no_pending}</p>
            } else {
                <table class="table" id="pending-list">
                    <thead><tr>
                        <th>{t.vol_date}</th><th>{t.vol_name}</th><th>{t.vol_activity}</th><th>{d.hours}</th>
                        <th>{d.credited_by}</th><th>{t.vol_points}</th><th></th>
                    </tr></thead>
                    <tbody>{ for rows }</tbody>
                </table>
            }
        </div>
    }
}
