//! 规则: the station's lending rules — most items per household, the overdue block on new loans
//! and holds, the overdue limit on renewals, the days a held copy waits — checked by the store;
//! on 借还's 规则 tab and in 设置 → 社区规则 beside the community's other rules.

use linli_protocol::{ApiError, GetLendRules, LendRules, SetLendRules};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use linli_domain::Id;

use super::error_line;
use crate::hooks::use_texts;
use crate::ipc;

#[derive(Properties, PartialEq)]
pub struct RulesProps {
    pub community: Id,
}

/// The station's rules: on 借还's 规则 tab and in 设置 → 社区规则.
#[function_component(Rules)]
pub fn rules(p: &RulesProps) -> Html {
    let t = use_texts();
    let l = &t.lending;
    let form = use_state(|| None as Option<[String; 4]>);
    let said = use_state(|| None as Option<Result<(), ApiError>>);
    let bad = use_state(|| None as Option<String>);
    let community = p.community;
    {
        let form = form.clone();
        use_effect_with(community, move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(r) = ipc::call(&GetLendRules {
                    community_id: community,
                })
                .await
                {
                    form.set(Some([
                        r.max_loans.to_string(),
                        r.block_overdue_days.to_string(),
                        r.renew_overdue_days.to_string(),
                        r.pickup_days.to_string(),
                    ]));
                }
            });
        });
    }
    let Some(values) = (*form).clone() else {
        return html! { <p class="muted">{l.loading}</p> };
    };
    let labels = [l.max_loans, l.block_days, l.renew_days, l.pickup_days];
    let ids = [
        "rules-max-loans",
        "rules-block-days",
        "rules-renew-days",
        "rules-pickup-days",
    ];
    let inputs = (0..4).map(|i| {
        let oninput = {
            let (form, values) = (form.clone(), values.clone());
            Callback::from(move |e: InputEvent| {
                let mut next = values.clone();
                next[i] = e.target_unchecked_into::<HtmlInputElement>().value();
                form.set(Some(next));
            })
        };
        html! {
            <label class="field">
                <span class="label">{labels[i]}</span>
                <input class="input" type="number" id={ids[i]} value={values[i].clone()} {oninput} />
            </label>
        }
    });
    let save = {
        let (said, bad, values) = (said.clone(), bad.clone(), values.clone());
        Callback::from(move |_| {
            let mut n = [0i64; 4];
            for i in 0..4 {
                match values[i].trim().parse() {
                    Ok(v) => n[i] = v,
                    Err(_) => {
                        bad.set(Some((l.err_number)(labels[i])));
                        return;
                    }
                }
            }
            bad.set(None);
            let said = said.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let r = ipc::call(&SetLendRules {
                    rules: LendRules {
                        community_id: community,
                        max_loans: n[0],
                        block_overdue_days: n[1],
                        renew_overdue_days: n[2],
                        pickup_days: n[3],
                    },
                })
                .await;
                said.set(Some(r.map(|_| ())));
            });
        })
    };
    html! {
        <div class="panel lend-rules">
            <h2>{l.rules_title}</h2>
            <div class="form-row">{ for inputs }</div>
            <div class="form-row">
                <button class="btn btn-primary" id="rules-save" onclick={save}>{l.save}</button>
            </div>
            if let Some(m) = &*bad { <p class="field-error" id="rules-bad" role="alert">{m.clone()}</p> }
            { match &*said {
                Some(Ok(())) => html! { <p class="notice" id="rules-saved" role="status">{l.rules_saved}</p> },
                Some(Err(e)) => error_line(e, "rules-error"),
                None => html! {},
            } }
        </div>
    }
}
