//! 兑换: one volunteer at a time by design. The button stays disabled, saying why, until exactly
//! one volunteer is ticked; then a confirmation shows the item and the balance before and after,
//! and only its button deducts.

use linli_domain::Id;
use linli_protocol::{CatalogueItem, Redeem, Volunteer};
use yew::prelude::*;

use super::logic::redeem_for;
use super::widgets::{job, scroll_to, Job};
use crate::hooks::{use_kept_state, use_texts};
use crate::ipc;
use crate::pages::field::selected_of;

#[derive(Properties, PartialEq)]
pub struct RedeemProps {
    pub volunteers: Vec<Volunteer>,
    pub catalogue: Vec<CatalogueItem>,
    pub selected: Vec<Id>,
    pub busy: bool,
    pub run: Callback<Job>,
}

#[function_component(RedeemPanel)]
pub fn redeem_panel(p: &RedeemProps) -> Html {
    let t = use_texts();
    let d = &t.desk;
    let item = use_kept_state("volunteers.item", || None as Option<Id>);
    let confirming = use_state(|| false);
    let box_ref = use_node_ref();
    {
        let box_ref = box_ref.clone();
        use_effect_with(*confirming, move |open| {
            if *open {
                scroll_to(&box_ref);
            }
        });
    }
    {
        // another volunteer or item closes the confirmation
        let confirming = confirming.clone();
        use_effect_with((p.selected.clone(), *item), move |_| confirming.set(false));
    }
    let chosen = (*item)
        .filter(|i| p.catalogue.iter().any(|c| c.id == *i))
        .or_else(|| p.catalogue.first().map(|i| i.id));
    let chosen_item = chosen.and_then(|i| p.catalogue.iter().find(|c| c.id == i));
    let who = redeem_for(t, &p.selected)
        .ok()
        .and_then(|one| p.volunteers.iter().find(|v| v.id == one));
    let why_not = match p.selected.len() {
        0 => Some(d.redeem_disabled_none.to_owned()),
        1 => None,
        n => Some((d.redeem_disabled_many)(n)),
    };

    let on_item = {
        let item = item.clone();
        Callback::from(move |e: Event| item.set(selected_of(e).parse().ok()))
    };
    let on_open = {
        let confirming = confirming.clone();
        Callback::from(move |_| confirming.set(true))
    };
    let on_cancel = {
        let confirming = confirming.clone();
        Callback::from(move |_| confirming.set(false))
    };
    let on_ok = {
        let (run, confirming) = (p.run.clone(), confirming.clone());
        let target = who.map(|v| v.id).zip(chosen);
        Callback::from(move |_| {
            let Some((v, i)) = target else { return };
            confirming.set(false);
            run.emit(job(async move {
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

    let confirm = match (who, chosen_item) {
        (Some(v), Some(i)) if *confirming => {
            let after = v.balance - i.cost;
            html! {
                <div ref={box_ref.clone()} class="confirm-box" id="vol-redeem-confirm" role="dialog" aria-label={d.confirm_title}>
                    <h3>{d.confirm_title}</h3>
                    <p id="vol-redeem-what">{(d.confirm_line)(&v.name, &i.name, i.cost)}</p>
                    <p class="figure-main" id="vol-redeem-balance">{(d.before_after)(v.balance, after)}</p>
                    if after < 0 {
                        <p class="field-error" role="alert">{(d.confirm_short)(v.balance, i.cost)}</p>
                    }
                    <div class="form-actions">
                        <button id="vol-redeem-ok" class="btn btn-primary" disabled={p.busy || after < 0} onclick={on_ok}>
                            {d.confirm_ok}
                        </button>
                        <button id="vol-redeem-cancel" class="btn" onclick={on_cancel}>{d.cancel}</button>
                    </div>
                </div>
            }
        }
        _ => html! {},
    };

    html! {
        <div class="panel" id="redeem-form">
            <div class="form-row">
                <label class="field">
                    <span class="label">{t.vol_item}</span>
                    <select id="vol-item" class="input" onchange={on_item}>
                        { for p.catalogue.iter().map(|i| html! {
                            <option value={i.id.to_string()} selected={chosen == Some(i.id)}>
                                {(t.vol_item_line)(&i.name, i.cost, i.stock)}
                            </option>
                        }) }
                    </select>
                </label>
                <button id="vol-redeem" class="btn btn-primary"
                    disabled={p.busy || chosen.is_none() || why_not.is_some() || *confirming}
                    title={why_not.clone().unwrap_or_default()} onclick={on_open}>
                    {t.vol_redeem}
                </button>
                if let Some(w) = &why_not {
                    <span class="hint" id="vol-redeem-why">{w}</span>
                }
            </div>
            {confirm}
        </div>
    }
}
