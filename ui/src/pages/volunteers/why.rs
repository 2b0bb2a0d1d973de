//! Why a points figure is what it is: a balance opens the community's rules (points an hour by
//! category, the caps, expiry), what expired, and the entries that made it; an entry's points
//! open their arithmetic ("2 h × 10 = 20") and the reason for what was cut ("over the cap").

use linli_domain::Id;
use linli_protocol::{
    ApiError, Balance, EntryStatus, ExplainPoints, GetPointsRules, HourEntry, ListHours,
    PointsBalance, PointsExplanation, PointsRules,
};
use yew::prelude::*;

use super::logic::fmt_hours;
use super::why_figures;
use super::widgets::scroll_to;
use crate::hooks::{use_texts, Latest};
use crate::i18n::Texts;
use crate::ipc;

/// What the panel explains.
#[derive(Clone, PartialEq, Debug)]
pub enum WhyTarget {
    /// A volunteer's balance.
    Balance(Id),
    /// One entry's points.
    Entry(Id),
    /// One line of a volunteer's statement.
    Line { volunteer: Id, line: Id },
    /// A work unit's figures among the party members' points.
    WorkUnit(String),
}

#[derive(Properties, PartialEq)]
pub struct WhyProps {
    pub target: WhyTarget,
    pub community: Id,
    /// The volunteer's name, for a balance.
    pub name: String,
    pub on_close: Callback<()>,
    /// Opens one entry's arithmetic.
    pub on_entry: Callback<Id>,
    /// Opens one volunteer's balance (from a work unit's members).
    #[prop_or_default]
    pub on_balance: Callback<Id>,
}

#[derive(Clone, PartialEq)]
enum Loaded {
    Balance(Box<PointsRules>, Balance, Vec<HourEntry>),
    Entry(Box<PointsExplanation>),
    Line(Box<PointsRules>, Box<why_figures::LineWhy>),
    Unit(Box<PointsRules>, String, Vec<why_figures::Member>),
}

async fn load(target: WhyTarget, community: Id) -> Result<Loaded, ApiError> {
    let rules = || async move {
        ipc::call(&GetPointsRules {
            community_id: community,
        })
        .await
        .map(Box::new)
    };
    Ok(match target {
        WhyTarget::Line { volunteer, line } => Loaded::Line(
            rules().await?,
            Box::new(why_figures::load_line(volunteer, line).await?),
        ),
        WhyTarget::WorkUnit(unit) => {
            let members = why_figures::load_unit(community, &unit).await?;
            Loaded::Unit(rules().await?, unit, members)
        }
        WhyTarget::Balance(v) => Loaded::Balance(
            Box::new(
                ipc::call(&GetPointsRules {
                    community_id: community,
                })
                .await?,
            ),
            ipc::call(&PointsBalance { volunteer_id: v }).await?,
            ipc::call(&ListHours {
                community_id: None,
                volunteer_id: Some(v),
                pending_only: false,
            })
            .await?,
        ),
        WhyTarget::Entry(e) => {
            Loaded::Entry(Box::new(ipc::call(&ExplainPoints { entry_id: e }).await?))
        }
    })
}

/// The rules in the UI's language, from their figures (not the store's Chinese sentence).
fn rules_list(t: &Texts, r: &PointsRules) -> Html {
    let d = &t.desk;
    html! {
        <ul class="plain-list" id="points-rules">
            { for r.rates.iter().map(|(c, p)| html! { <li>{(d.rate_line)((t.rules.service_category)(c), *p)}</li> }) }
            <li>{(d.default_rate)(r.default_rate)}</li>
            <li>{(d.entry_cap)(r.entry_cap)}</li>
            <li>{(d.month_cap)(r.month_cap)}</li>
            <li>{(d.expiry)(r.expiry_months)}</li>
            <li class="muted">{d.only_verified}</li>
        </ul>
    }
}

#[function_component(Why)]
pub fn why(p: &WhyProps) -> Html {
    let t = use_texts();
    let d = &t.desk;
    let loaded = use_state(|| None as Option<Result<Loaded, ApiError>>);
    let loads = use_mut_ref(Latest::default);
    let panel = use_node_ref();
    {
        // the panel opens where the page is: bring it into view once it has its content
        let panel = panel.clone();
        let ready = loaded.is_some();
        use_effect_with((p.target.clone(), ready), move |_| scroll_to(&panel));
    }
    {
        let (loaded, loads) = (loaded.clone(), loads.clone());
        use_effect_with(
            (p.target.clone(), p.community),
            move |(target, community)| {
                let (target, community) = (target.clone(), *community);
                let n = loads.borrow_mut().start();
                loaded.set(None);
                wasm_bindgen_futures::spawn_local(async move {
                    let fresh = load(target, community).await;
                    if loads.borrow().is_current(n) {
                        loaded.set(Some(fresh));
                    }
                });
            },
        );
    }
    let close = {
        let on_close = p.on_close.clone();
        Callback::from(move |_| on_close.emit(()))
    };
    let body = match &*loaded {
        None => html! { <p class="muted">{t.loading}</p> },
        Some(Err(e)) => {
            html! { <p class="alert alert-error" role="alert">{crate::i18n::say(e)}</p> }
        }
        Some(Ok(Loaded::Balance(rules, balance, entries))) => html! {
            <>
            <h2 id="points-why-title">{(d.why_balance)(&p.name, balance.balance)}</h2>
            <h3>{d.rules}</h3>
            {rules_list(t, rules)}
            if balance.expired > 0 {
                <p class="hint" id="points-expired">{(d.expired)(balance.expired)}</p>
            }
            <h3>{d.entries_made_it}</h3>
            if entries.is_empty() {
                <p class="empty">{d.no_entries}</p>
            } else {
                <table class="table" id="points-entries">
                    <thead><tr>
                        <th>{t.vol_date}</th><th>{d.act_category}</th><th>{d.hours}</th>
                        <th>{d.credited_by}</th><th></th><th>{t.vol_points}</th>
                    </tr></thead>
                    <tbody>
                    { for entries.iter().map(|e| {
                        let (id, on_entry) = (e.id, p.on_entry.clone());
                        let figure = match (e.status, e.points) {
                            (EntryStatus::Verified | EntryStatus::Reversed, Some(n)) => n.to_string(),
                            (EntryStatus::Verified, None) => "0".to_owned(),
                            _ => "—".to_owned(),
                        };
                        html! {
                            <tr key={id.to_string()} data-id={id.to_string()}>
                                <td>{&e.date}</td>
                                <td>{(t.rules.service_category)(&e.category)}</td>
                                <td class="num">{fmt_hours(e.hours)}</td>
                                <td>{e.credited_by_name.clone().unwrap_or_else(|| d.nobody.to_owned())}</td>
                                <td>{(d.status)(e.status)}</td>
                                <td class="num">
                                    <button class="points-link entry-points" onclick={Callback::from(move |_| on_entry.emit(id))}>
                                        {figure}
                                    </button>
                                </td>
                            </tr>
                        }
                    }) }
                    </tbody>
                </table>
            }
            </>
        },
        Some(Ok(Loaded::Line(rules, why))) => {
            why_figures::line_view(t, why, rules_list(t, rules), &p.on_entry)
        }
        Some(Ok(Loaded::Unit(rules, unit, members))) => why_figures::unit_view(
            t,
            unit,
            members,
            rules_list(t, rules),
            &p.on_entry,
            &p.on_balance,
        ),
        Some(Ok(Loaded::Entry(x))) => {
            let e = &x.entry;
            html! {
                <>
                <h2 id="points-why-title">{format!("{} {} · {}", e.volunteer_name, e.date, (t.rules.service_category)(&e.category))}</h2>
                <p class="why-calc" id="points-calc">{(d.calc)(&fmt_hours(x.minutes as f64 / 60.0), x.rate, x.raw)}</p>
                <p id="points-rate">{(d.rate_from)((t.rules.service_category)(&e.category), x.rate_is_default)}</p>
                <p class="figure-main" id="points-reason">{(d.reason)(x.reason, x.points, x.raw, x.month_before)}</p>
                if e.status == EntryStatus::Pending {
                    <p class="hint">{d.pending_note}</p>
                }
                <h3>{d.rules}</h3>
                {rules_list(t, &x.rules)}
                </>
            }
        }
    };
    html! {
        <div ref={panel} class="panel why-panel" id="points-why">
            <div class="panel-head">
                <span class="eyebrow">{d.why_open}</span>
                <button id="points-why-close" class="btn btn-small" onclick={close}>{d.close}</button>
            </div>
            {body}
        </div>
    }
}
