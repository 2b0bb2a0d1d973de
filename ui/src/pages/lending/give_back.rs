//! 归还: the same code box; each copy coming back gets its outcome (归还, 损坏, 遗失), its
//! condition, the parts that did not come back and photos of it; then one click records the basket. A copy
//! returned is set aside for the first hold in line, and the page says for whom.

use linli_domain::lending::ReturnOutcome;
use linli_protocol::{ApiError, LendCopy, NewPhoto, ReturnItem, ReturnLoans, Returned};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::code_box::{focus, use_basket, CodeBox, Wants};
use super::lend::kind_of;
use super::photos::{PickPhoto, Picked};
use super::{error_line, StationProps};
use crate::hooks::use_texts;
use crate::ipc;

#[derive(Debug, Clone, PartialEq)]
pub struct Back {
    pub copy: LendCopy,
    pub outcome: ReturnOutcome,
    pub condition: String,
    pub missing: Vec<String>,
    /// Photos taken as it came back, kept as the copy's.
    pub photos: Vec<Picked>,
}

#[function_component(GiveBack)]
pub fn give_back(p: &StationProps) -> Html {
    let t = use_texts();
    let l = &t.lending;
    let basket = use_basket::<Back>("lending.returns");
    let round = use_state(|| 0u32);
    let failed = use_state(|| None as Option<ApiError>);
    let done = use_state(|| None as Option<Vec<Returned>>);
    let busy = use_state(|| false);
    let code_ref = use_node_ref();
    let community = p.community;

    let in_basket = {
        let basket = basket.clone();
        Callback::from(move |code: String| {
            basket.lines().iter().any(|b| b.copy.fields.code == code)
        })
    };
    let on_copy = {
        let basket = basket.clone();
        Callback::from(move |copy: LendCopy| {
            basket.push(Back {
                condition: copy.fields.condition.clone(),
                copy,
                outcome: ReturnOutcome::Returned,
                missing: Vec::new(),
                photos: Vec::new(),
            })
        })
    };
    let submit = {
        let (basket, failed, done, busy, reload, code_ref) = (
            basket.clone(),
            failed.clone(),
            done.clone(),
            busy.clone(),
            p.reload.clone(),
            code_ref.clone(),
        );
        let round = round.clone();
        Callback::from(move |_| {
            let req = ReturnLoans {
                community_id: community,
                items: basket
                    .iter()
                    .map(|b| ReturnItem {
                        code: b.copy.fields.code.clone(),
                        loan_id: None,
                        outcome: b.outcome,
                        condition: b.condition.trim().to_owned(),
                        missing_parts: b.missing.clone(),
                        note: String::new(),
                        deposit: None,
                        photos: b
                            .photos
                            .iter()
                            .map(Picked::to_new)
                            .collect::<Vec<NewPhoto>>(),
                    })
                    .collect(),
            };
            let (basket, failed, done, busy, reload, code_ref) = (
                basket.clone(),
                failed.clone(),
                done.clone(),
                busy.clone(),
                reload.clone(),
                code_ref.clone(),
            );
            let round = round.clone();
            busy.set(true);
            wasm_bindgen_futures::spawn_local(async move {
                match ipc::call(&req).await {
                    Ok(out) => {
                        failed.set(None);
                        round.set(*round + 1);
                        basket.set(Vec::new());
                        done.set(Some(out));
                        reload.emit(());
                    }
                    Err(e) => failed.set(Some(e)),
                }
                busy.set(false);
                focus(&code_ref);
            });
        })
    };
    let edit = |i: usize, f: fn(&mut Back, String)| {
        let basket = basket.clone();
        move |value: String| {
            let mut next = basket.lines();
            f(&mut next[i], value);
            basket.set(next);
        }
    };
    let rows = basket.iter().enumerate().map(|(i, b)| {
        let set_outcome = edit(i, |b, v| b.outcome = ReturnOutcome::read(&v));
        let on_outcome = Callback::from(move |e: Event| {
            set_outcome(e.target_unchecked_into::<HtmlSelectElement>().value())
        });
        let set_condition = edit(i, |b, v| b.condition = v);
        let on_condition = Callback::from(move |e: InputEvent| {
            set_condition(e.target_unchecked_into::<HtmlInputElement>().value())
        });
        let parts = kind_of(&p.kinds, &b.copy)
            .map(|k| k.fields.parts.clone())
            .unwrap_or_default();
        let checks = parts.into_iter().enumerate().map(|(j, part)| {
            let gone = b.missing.contains(&part);
            let toggle = {
                let (basket, part) = (basket.clone(), part.clone());
                Callback::from(move |_| {
                    let mut next = basket.lines();
                    let m = &mut next[i].missing;
                    if let Some(at) = m.iter().position(|x| *x == part) {
                        m.remove(at);
                    } else {
                        m.push(part.clone());
                    }
                    basket.set(next);
                })
            };
            html! {
                <label class="lend-part">
                    <input type="checkbox" id={format!("return-missing-{i}-{j}")} checked={gone} onchange={toggle} />
                    {part}
                </label>
            }
        });
        let remove = {
            let (basket, code_ref) = (basket.clone(), code_ref.clone());
            Callback::from(move |_| {
                let mut next = basket.lines();
                next.remove(i);
                basket.set(next);
                focus(&code_ref);
            })
        };
        let on_photos = {
            let basket = basket.clone();
            Callback::from(move |photos: Vec<Picked>| {
                let mut next = basket.lines();
                if let Some(b) = next.get_mut(i) {
                    b.photos = photos;
                }
                basket.set(next);
            })
        };
        html! {
            <tr id={format!("return-line-{i}")}>
                <td class="mono">{b.copy.fields.code.clone()}</td>
                <td>{b.copy.kind_name.clone()}</td>
                <td>
                    <select class="input" id={format!("return-outcome-{i}")} onchange={on_outcome}>
                    { for ReturnOutcome::ALL.iter().map(|o| html! {
                        <option value={o.code()} selected={*o == b.outcome}>{(l.outcome_label)(*o)}</option>
                    }) }
                    </select>
                </td>
                <td><input class="input" id={format!("return-condition-{i}")} value={b.condition.clone()} oninput={on_condition} /></td>
                <td><div class="lend-parts">{ for checks }</div></td>
                <td><PickPhoto id={format!("return-photo-{i}")} photos={b.photos.clone()} on_change={on_photos} /></td>
                <td><button class="btn btn-small" id={format!("return-remove-{i}")} onclick={remove}>{l.remove}</button></td>
            </tr>
        }
    });
    let result = done.as_ref().map(|out| {
        html! {
            <div class="notice-bar" id="return-done" role="status">
                <span>{(l.returned)(out.len())}</span>
                { for out.iter().filter_map(|r| r.set_aside_for.as_ref().map(|h| html! {
                    <span>{(l.set_aside)(&r.loan.code, &h.household)}</span>
                })) }
            </div>
        }
    });
    html! {
        <div class="panel lend-desk">
            <div class="form-row">
                <CodeBox prefix="return" input={code_ref.clone()} {community} wants={Wants::OnLoan}
                    {in_basket} {on_copy} round={*round} />
            </div>
            <h2>{l.return_basket}</h2>
            if basket.is_empty() {
                <p class="empty">{l.basket_empty}</p>
            } else {
                <table class="table" id="return-basket">
                    <thead><tr>
                        <th>{l.col_code}</th><th>{l.col_kind}</th><th>{l.outcome}</th>
                        <th>{l.col_condition}</th><th>{l.missing}</th><th>{l.photo}</th><th></th>
                    </tr></thead>
                    <tbody>{ for rows }</tbody>
                </table>
            }
            <div class="form-row">
                <button class="btn btn-primary" id="return-submit" disabled={*busy || basket.is_empty()} onclick={submit}>{l.return_submit}</button>
            </div>
            if let Some(e) = &*failed { {error_line(e, "return-error")} }
            {result}
        </div>
    }
}
