//! 志愿 Volunteers: a community's volunteers with hours and balances; crediting an activity's
//! hours to several volunteers at once and verifying them; redeeming an item for one volunteer,
//! with the balance said as surely as the laptop knows it; a volunteer's statement, with a print
//! view and an .xlsx export; party members' points by work unit; exports of the hours and the
//! work units.

use linli_domain::{Id, PlaceKind};
use linli_protocol::{
    ApiError, CreditHours, ExportStatement, LedgerStatement, ListKind, ListPlaces, Place, Redeem,
    SheetFormat, Statement, SuggestPath, VerifyHours,
};
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::components::export_button::ExportButton;
use crate::hooks::{use_texts, Latest};
use crate::ipc;

mod data;
mod logic;

use data::{load, Data};
pub use logic::{fmt_hours, redeem_for, statement_period, toggle};

/// A message under the forms: what happened, or what went wrong.
#[derive(Clone, PartialEq)]
enum Said {
    Done(String),
    Failed(String),
}

/// Opens the system's print dialog for the page; the stylesheet's `@media print` leaves only the
/// statement on paper.
fn print_page() {
    if let Some(w) = web_sys::window() {
        let _ = w.print();
    }
}

#[function_component(Volunteers)]
pub fn volunteers() -> Html {
    let t = use_texts();
    let communities = use_state(|| None as Option<Result<Vec<Place>, ApiError>>);
    let community = use_state(|| None as Option<Id>);
    let data = use_state(|| None as Option<Result<Data, ApiError>>);
    let loads = use_mut_ref(Latest::default);
    let selected = use_state(Vec::<Id>::new);
    let activity = use_state(|| None as Option<Id>);
    let item = use_state(|| None as Option<Id>);
    let statement = use_state(|| None as Option<Statement>);
    let statement_loads = use_mut_ref(Latest::default);
    let said = use_state(|| None as Option<Said>);
    let busy = use_state(|| false);
    let printing = use_state(|| false);
    let statement_export = use_state(|| None as Option<Result<String, String>>);

    {
        let (communities, community) = (communities.clone(), community.clone());
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                let res = ipc::call(&ListPlaces {
                    kind: Some(PlaceKind::Community),
                    parent_id: None,
                })
                .await;
                if let Ok(list) = &res {
                    community.set(list.first().map(|p| p.id));
                }
                communities.set(Some(res));
            });
        });
    }
    {
        let (data, loads) = (data.clone(), loads.clone());
        use_effect_with(*community, move |c| {
            if let Some(c) = *c {
                let n = loads.borrow_mut().start();
                wasm_bindgen_futures::spawn_local(async move {
                    let fresh = load(c).await;
                    if loads.borrow().is_current(n) {
                        data.set(Some(fresh));
                    }
                });
            }
        });
    }
    // the statement follows the first volunteer picked
    {
        let (statement, statement_loads) = (statement.clone(), statement_loads.clone());
        let statement_export = statement_export.clone();
        let first = selected.first().copied();
        use_effect_with(first, move |first| {
            statement_export.set(None);
            let n = statement_loads.borrow_mut().start();
            match *first {
                None => statement.set(None),
                Some(v) => wasm_bindgen_futures::spawn_local(async move {
                    let fresh = ipc::call(&LedgerStatement { volunteer_id: v }).await.ok();
                    if statement_loads.borrow().is_current(n) {
                        statement.set(fresh);
                    }
                }),
            }
        });
    }

    let on_community = {
        let (community, selected) = (community.clone(), selected.clone());
        Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<HtmlSelectElement>().value();
            selected.set(Vec::new());
            community.set(v.parse().ok());
        })
    };
    let on_activity = {
        let activity = activity.clone();
        Callback::from(move |e: Event| {
            activity.set(
                e.target_unchecked_into::<HtmlSelectElement>()
                    .value()
                    .parse()
                    .ok(),
            );
        })
    };
    let on_item = {
        let item = item.clone();
        Callback::from(move |e: Event| {
            item.set(
                e.target_unchecked_into::<HtmlSelectElement>()
                    .value()
                    .parse()
                    .ok(),
            );
        })
    };

    // Runs one request, reloads the list and the statement, and only then says what happened:
    // the message and the numbers it speaks of appear in the same render, never the message
    // beside numbers from before the request.
    let act = {
        let (said, busy, data, loads) = (said.clone(), busy.clone(), data.clone(), loads.clone());
        let (statement, statement_loads) = (statement.clone(), statement_loads.clone());
        let (c, first) = (*community, selected.first().copied());
        move |job: std::pin::Pin<
            Box<dyn std::future::Future<Output = Result<String, ApiError>>>,
        >| {
            if *busy {
                return;
            }
            let (said, busy, data, loads) =
                (said.clone(), busy.clone(), data.clone(), loads.clone());
            let (statement, statement_loads) = (statement.clone(), statement_loads.clone());
            busy.set(true);
            wasm_bindgen_futures::spawn_local(async move {
                let outcome = job.await;
                let n = loads.borrow_mut().start();
                let sn = statement_loads.borrow_mut().start();
                let fresh = match c {
                    Some(c) => Some(load(c).await),
                    None => None,
                };
                let fresh_statement = match first {
                    Some(v) => ipc::call(&LedgerStatement { volunteer_id: v }).await.ok(),
                    None => None,
                };
                if let Some(fresh) = fresh.filter(|_| loads.borrow().is_current(n)) {
                    data.set(Some(fresh));
                }
                if statement_loads.borrow().is_current(sn) {
                    statement.set(fresh_statement);
                }
                said.set(Some(match outcome {
                    Ok(m) => Said::Done(m),
                    Err(e) => Said::Failed(e.message),
                }));
                busy.set(false);
            });
        }
    };

    let loaded = match &*data {
        Some(Ok(d)) => Some(d.clone()),
        _ => None,
    };
    let chosen_activity = (*activity).or_else(|| {
        loaded
            .as_ref()
            .and_then(|d| d.activities.first().map(|a| a.id))
    });
    let chosen_item = (*item).or_else(|| {
        loaded
            .as_ref()
            .and_then(|d| d.catalogue.first().map(|i| i.id))
    });

    let on_credit = {
        let (act, selected) = (act.clone(), selected.clone());
        Callback::from(move |_| {
            let Some(a) = chosen_activity else {
                return;
            };
            let people = (*selected).clone();
            act(Box::pin(async move {
                let entries = ipc::call(&CreditHours {
                    activity_id: Some(a),
                    volunteer_ids: people,
                    ..Default::default()
                })
                .await?;
                let hours: f64 = entries.iter().map(|e| e.hours).sum();
                Ok((t.vol_credited)(entries.len(), &fmt_hours(hours)))
            }));
        })
    };
    let on_verify = {
        let act = act.clone();
        let pending: Vec<Id> = loaded
            .as_ref()
            .map(|d| d.pending.iter().map(|e| e.id).collect())
            .unwrap_or_default();
        Callback::from(move |_| {
            let ids = pending.clone();
            act(Box::pin(async move {
                let n = ids.len();
                ipc::call(&VerifyHours {
                    entry_ids: ids,
                    verified_by: None,
                })
                .await?;
                Ok((t.vol_verified)(n))
            }));
        })
    };
    let on_redeem = {
        let (act, selected, said) = (act.clone(), selected.clone(), said.clone());
        Callback::from(move |_| {
            let v = match redeem_for(t, &selected) {
                Ok(v) => v,
                Err(why) => return said.set(Some(Said::Failed(why.to_owned()))),
            };
            let Some(i) = chosen_item else {
                return;
            };
            act(Box::pin(async move {
                let r = ipc::call(&Redeem {
                    volunteer_id: v,
                    item_id: i,
                    quantity: 1,
                })
                .await?;
                Ok(format!(
                    "{} {}",
                    (t.vol_redeemed)(&r.item.name, r.points, r.balance.balance),
                    r.balance.note
                ))
            }));
        })
    };

    let community_select = match &*communities {
        None => html! { <p class="muted">{t.loading}</p> },
        Some(Err(e)) => html! { <p class="alert alert-error" role="alert">{&e.message}</p> },
        Some(Ok(list)) if list.is_empty() => html! { <p class="empty">{t.vol_no_community}</p> },
        Some(Ok(list)) => html! {
            <label class="field">
                <span class="label">{t.communities}</span>
                <select id="vol-community" class="input" onchange={on_community}>
                    { for list.iter().map(|p| html! {
                        <option value={p.id.to_string()} selected={*community == Some(p.id)}>{&p.name}</option>
                    }) }
                </select>
            </label>
        },
    };

    let body = match &*data {
        None => html! { <p class="muted">{t.loading}</p> },
        Some(Err(e)) => html! { <p class="alert alert-error" role="alert">{&e.message}</p> },
        Some(Ok(d)) => {
            let rows = d.volunteers.iter().map(|v| {
                let id = v.id;
                let checked = selected.contains(&id);
                let onchange = {
                    let selected = selected.clone();
                    Callback::from(move |_: Event| selected.set(toggle(&selected, id)))
                };
                let teams: Vec<&str> = v.teams.iter().map(|t| t.name.as_str()).collect();
                html! {
                    <tr key={id.to_string()} class={classes!(checked.then_some("selected"))}>
                        <td><input type="checkbox" class="vol-pick" data-id={id.to_string()}
                            checked={checked} {onchange} aria-label={v.name.clone()} /></td>
                        <td class="vol-name">{&v.name}</td>
                        <td>{teams.join("、")}</td>
                        <td>{v.party.as_ref().map(|p| p.work_unit.clone()).unwrap_or_default()}</td>
                        <td class="num">{fmt_hours(v.hours)}</td>
                        <td class="num vol-balance">{v.balance}</td>
                    </tr>
                }
            });
            html! {
                <>
                <div class="panel">
                    <div class="panel-head">
                        <h2>{t.vol_volunteers}</h2>
                        <span class="panel-tools">
                            <span class="count">{(t.vol_selected)(selected.len(), d.volunteers.len())}</span>
                            <ExportButton kind={ListKind::Hours} place_id={*community} />
                        </span>
                    </div>
                    if d.volunteers.is_empty() {
                        <p class="empty">{t.vol_none}</p>
                    } else {
                        <table class="table" id="volunteer-list">
                            <thead><tr>
                                <th></th><th>{t.vol_name}</th><th>{t.vol_teams}</th>
                                <th>{t.vol_work_unit}</th><th>{t.vol_hours}</th><th>{t.vol_balance}</th>
                            </tr></thead>
                            <tbody>{ for rows }</tbody>
                        </table>
                    }
                </div>
                <div class="panel form-row" id="credit-form">
                    <label class="field">
                        <span class="label">{t.vol_activity}</span>
                        <select id="vol-activity" class="input" onchange={on_activity}>
                            { for d.activities.iter().map(|a| html! {
                                <option value={a.id.to_string()} selected={chosen_activity == Some(a.id)}>
                                    {format!("{} {}（{}，{} {}）", a.date, a.title, a.category, fmt_hours(a.hours), t.vol_hours_unit)}
                                </option>
                            }) }
                        </select>
                    </label>
                    <button id="vol-credit" class="btn btn-primary"
                        disabled={*busy || selected.is_empty() || chosen_activity.is_none()} onclick={on_credit}>
                        {t.vol_credit}
                    </button>
                    <button id="vol-verify" class="btn" disabled={*busy || d.pending.is_empty()} onclick={on_verify}>
                        {(t.vol_verify)(d.pending.len())}
                    </button>
                </div>
                <div class="panel form-row" id="redeem-form">
                    <label class="field">
                        <span class="label">{t.vol_item}</span>
                        <select id="vol-item" class="input" onchange={on_item}>
                            { for d.catalogue.iter().map(|i| html! {
                                <option value={i.id.to_string()} selected={chosen_item == Some(i.id)}>
                                    {(t.vol_item_line)(&i.name, i.cost, i.stock)}
                                </option>
                            }) }
                        </select>
                    </label>
                    <button id="vol-redeem" class="btn btn-primary"
                        disabled={*busy || chosen_item.is_none()} onclick={on_redeem}>
                        {t.vol_redeem}
                    </button>
                </div>
                <div class="panel" id="vol-work-units">
                    <div class="panel-head">
                        <h2>{t.vol_work_units}</h2>
                        <ExportButton kind={ListKind::WorkUnits} place_id={*community} />
                    </div>
                    if d.work_units.is_empty() {
                        <p class="empty">{t.vol_wu_none}</p>
                    } else {
                        <table class="table">
                            <thead><tr>
                                <th>{t.vol_work_unit}</th><th>{t.vol_wu_members}</th><th>{t.vol_hours}</th>
                                <th>{t.vol_wu_earned}</th><th>{t.vol_wu_balance}</th>
                            </tr></thead>
                            <tbody>
                            { for d.work_units.iter().map(|u| html! {
                                <tr key={u.work_unit.clone()}>
                                    <td>{&u.work_unit}</td>
                                    <td class="num">{u.members}</td>
                                    <td class="num">{fmt_hours(u.hours)}</td>
                                    <td class="num">{u.earned}</td>
                                    <td class="num">{u.balance}</td>
                                </tr>
                            }) }
                            </tbody>
                        </table>
                    }
                </div>
                </>
            }
        }
    };

    let message = match &*said {
        Some(Said::Done(m)) => html! { <p id="vol-notice" class="notice" role="status">{m}</p> },
        Some(Said::Failed(m)) => {
            html! { <p id="vol-error" class="field-error" role="alert">{m}</p> }
        }
        None => html! {},
    };

    let on_print_view = {
        let printing = printing.clone();
        Callback::from(move |_| printing.set(true))
    };
    let on_back = {
        let printing = printing.clone();
        Callback::from(move |_| printing.set(false))
    };
    let on_export_statement = {
        let statement_export = statement_export.clone();
        let who = (*statement)
            .as_ref()
            .map(|st| (st.volunteer_id, st.volunteer_name.clone()));
        Callback::from(move |_| {
            let Some((volunteer_id, name)) = who.clone() else {
                return;
            };
            let statement_export = statement_export.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let res = async {
                    let path = ipc::call(&SuggestPath {
                        file_name: format!("积分对账单-{name}.xlsx"),
                    })
                    .await?;
                    ipc::call(&ExportStatement {
                        volunteer_id,
                        format: SheetFormat::Xlsx,
                        path,
                    })
                    .await
                }
                .await;
                statement_export.set(Some(
                    res.map(|d| (t.rep_exported)(d.rows, &d.path))
                        .map_err(|e| e.message),
                ));
            });
        })
    };

    let statement_lines = |st: &Statement| {
        html! {
            <table class="table">
                <thead><tr>
                    <th>{t.vol_date}</th><th>{t.vol_what}</th><th>{t.vol_points}</th><th>{t.vol_running}</th>
                </tr></thead>
                <tbody>
                { for st.lines.iter().map(|l| html! {
                    <tr key={l.id.to_string()} class={classes!(l.needs_review.then_some("review"))}>
                        <td>{&l.date}</td>
                        <td>{&l.description}{if l.needs_review { t.vol_needs_review } else { "" }}</td>
                        <td class="num">{format!("{:+}", l.points)}</td>
                        <td class="num">{l.running}</td>
                    </tr>
                }) }
                </tbody>
            </table>
        }
    };

    // the print view: the statement alone, as it goes on paper
    if let (true, Some(st)) = (*printing, &*statement) {
        let today = crate::clock::today();
        let (from, to) = statement_period(st, &today);
        return html! {
            <section class="volunteers">
                <div class="print-tools no-print">
                    <button id="vol-print-back" class="btn" onclick={on_back}>{t.vol_back}</button>
                    <button id="vol-print-now" class="btn btn-primary" onclick={Callback::from(|_| print_page())}>
                        {t.vol_print}
                    </button>
                </div>
                <article class="print-sheet" id="statement-print">
                    <crate::components::print_mark::PrintMark />
                    <h1>{t.vol_statement_title}</h1>
                    <p class="print-meta">{(t.vol_statement_who)(&st.volunteer_name, &st.community_name)}</p>
                    <p class="print-meta">
                        {(t.vol_statement_period)(&from, &to)}{"　"}{(t.vol_printed_on)(&today)}
                    </p>
                    {statement_lines(st)}
                    <p class="print-balance" id="print-balance">
                        {(t.vol_balance_line)(st.balance.balance, st.balance.certain)}
                    </p>
                    <p class="muted">{&st.balance.note}</p>
                </article>
            </section>
        };
    }

    let statement_view = match &*statement {
        None => html! {},
        Some(st) => html! {
            <div class="panel" id="vol-statement">
                <div class="panel-head">
                    <h2>{(t.vol_statement_of)(&st.volunteer_name)}</h2>
                    <span class="count">{(t.vol_balance_line)(st.balance.balance, st.balance.certain)}</span>
                </div>
                <p class="muted">{&st.balance.note}</p>
                <div class="panel-tools">
                    <button id="vol-print-view" class="btn" onclick={on_print_view}>{t.vol_print_statement}</button>
                    <button id="vol-statement-export" class="btn" onclick={on_export_statement}>{t.vol_export_statement}</button>
                    { match &*statement_export {
                        None => html! {},
                        Some(Ok(m)) => html! { <span id="vol-statement-exported" class="notice">{m}</span> },
                        Some(Err(m)) => html! { <span class="field-error" role="alert">{m}</span> },
                    } }
                </div>
                {statement_lines(st)}
            </div>
        },
    };

    html! {
        <section class="volunteers">
            <header class="page-head">
                <h1>{t.vol_title}</h1>
                {community_select}
            </header>
            {message}
            {body}
            {statement_view}
        </section>
    }
}
