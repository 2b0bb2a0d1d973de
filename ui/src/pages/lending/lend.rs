//! 借出: the borrower, then the code box — a USB scanner types a code and Enter, each code lands
//! in the basket and the box keeps the focus — each copy's parts ticked off, one due date for
//! all if wanted, lend, and the loan slip to print. A consumable is handed out in the same step.

use linli_domain::lending::DepositUnit;
use linli_domain::Id;
use linli_protocol::{ApiError, Lend as LendReq, LendCopy, LendKind, Loan};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::code_box::{focus, use_basket, CodeBox, Wants};
use super::payer::VolunteerSelect;
use super::slip::{LoanSlip, Slip};
use super::{error_line, Borrower, BorrowerPicker, StationProps};
use crate::hooks::{use_kept_state, use_texts};
use crate::ipc;

/// One copy in the basket and the parts of its kind ticked off.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub copy: LendCopy,
    pub checked: Vec<bool>,
}

pub fn kind_of<'a>(kinds: &'a [LendKind], copy: &LendCopy) -> Option<&'a LendKind> {
    kinds.iter().find(|k| k.id == copy.kind_id)
}

fn text_box(id: &'static str, value: &UseStateHandle<String>, kind: &'static str) -> Html {
    let oninput = {
        let value = value.clone();
        Callback::from(move |e: InputEvent| {
            value.set(e.target_unchecked_into::<HtmlInputElement>().value())
        })
    };
    html! { <input class="input" {id} type={kind} value={(**value).clone()} {oninput} /> }
}

#[function_component(Lend)]
pub fn lend(p: &StationProps) -> Html {
    let t = use_texts();
    let l = &t.lending;
    let borrower = use_kept_state("lending.borrower", || None as Option<Borrower>);
    let basket = use_basket::<Line>("lending.basket");
    let due = use_state(String::new);
    let approved = use_state(String::new);
    let note = use_state(String::new);
    // the volunteer whose time-bank points pay a points deposit
    let payer = use_state(|| None as Option<Id>);
    let round = use_state(|| 0u32);
    let failed = use_state(|| None as Option<ApiError>);
    let slip = use_kept_state("lending.slip", || None as Option<Slip>);
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
            basket.push(Line {
                copy,
                checked: Vec::new(),
            })
        })
    };
    let on_borrower = {
        let borrower = borrower.clone();
        Callback::from(move |b: Option<Borrower>| borrower.set(b))
    };
    let submit = {
        let (borrower, basket, due, approved, note) = (
            borrower.clone(),
            basket.clone(),
            due.clone(),
            approved.clone(),
            note.clone(),
        );
        let (payer, round) = (payer.clone(), round.clone());
        let (failed, slip, busy, reload, kinds, code_ref) = (
            failed.clone(),
            slip.clone(),
            busy.clone(),
            p.reload.clone(),
            p.kinds.clone(),
            code_ref.clone(),
        );
        Callback::from(move |_| {
            let Some(b) = (*borrower).clone() else {
                failed.set(Some(ApiError::new(
                    linli_protocol::ErrorKind::Invalid,
                    l.borrower_first.to_owned(),
                )));
                return;
            };
            // parts not ticked off at the desk go into the loan's note
            let mut notes: Vec<String> = Vec::new();
            if !note.trim().is_empty() {
                notes.push(note.trim().to_owned());
            }
            for line in basket.iter() {
                let parts = kind_of(&kinds, &line.copy)
                    .map(|k| k.fields.parts.clone())
                    .unwrap_or_default();
                let missing: Vec<String> = parts
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| !line.checked.get(*i).copied().unwrap_or(false))
                    .map(|(_, p)| p.clone())
                    .collect();
                if !missing.is_empty() {
                    notes.push(format!(
                        "{} {}{}",
                        line.copy.fields.code,
                        l.missing_at_lending,
                        missing.join("、")
                    ));
                }
            }
            let req = LendReq {
                community_id: community,
                household_id: b.household_id,
                resident_id: b.resident_id,
                codes: basket.iter().map(|x| x.copy.fields.code.clone()).collect(),
                due: Some(due.trim().to_owned()).filter(|d| !d.is_empty()),
                approved_by: approved.trim().to_owned(),
                deposit_volunteer_id: *payer,
                note: notes.join("；"),
            };
            let round = round.clone();
            let (failed, slip, busy, basket, reload, code_ref) = (
                failed.clone(),
                slip.clone(),
                busy.clone(),
                basket.clone(),
                reload.clone(),
                code_ref.clone(),
            );
            busy.set(true);
            wasm_bindgen_futures::spawn_local(async move {
                match ipc::call(&req).await {
                    Ok(loans) => {
                        failed.set(None);
                        round.set(*round + 1);
                        basket.set(Vec::new());
                        slip.set(Some(Slip { borrower: b, loans }));
                        reload.emit(());
                    }
                    Err(e) => failed.set(Some(e)),
                }
                busy.set(false);
                focus(&code_ref);
            });
        })
    };

    let rows = basket.iter().enumerate().map(|(i, line)| {
        let kind = kind_of(&p.kinds, &line.copy);
        let parts = kind.map(|k| k.fields.parts.clone()).unwrap_or_default();
        let remove = {
            let (basket, code_ref) = (basket.clone(), code_ref.clone());
            Callback::from(move |_| {
                let mut next = basket.lines();
                next.remove(i);
                basket.set(next);
                focus(&code_ref);
            })
        };
        let checks = parts.iter().enumerate().map(|(j, part)| {
            let on = line.checked.get(j).copied().unwrap_or(false);
            let toggle = {
                let basket = basket.clone();
                Callback::from(move |_| {
                    let mut next = basket.lines();
                    let c = &mut next[i].checked;
                    if c.len() <= j {
                        c.resize(j + 1, false);
                    }
                    c[j] = !c[j];
                    basket.set(next);
                })
            };
            html! {
                <label class="lend-part">
                    <input type="checkbox" id={format!("lend-part-{i}-{j}")} checked={on} onchange={toggle} />
                    {part.clone()}
                </label>
            }
        });
        let terms = match kind {
            Some(k) if k.fields.consumable => l.consumable.to_owned(),
            Some(k) => (l.loan_days)(k.fields.loan_days),
            None => String::new(),
        };
        let approval = kind.is_some_and(|k| k.fields.needs_approval);
        html! {
            <tr id={format!("lend-line-{i}")}>
                <td class="mono">{line.copy.fields.code.clone()}</td>
                <td>{line.copy.kind_name.clone()}
                    if approval { <span class="chip">{l.needs_approval}</span> }
                </td>
                <td>{line.copy.fields.condition.clone()}</td>
                <td><div class="lend-parts">{ for checks }</div></td>
                <td>{terms}</td>
                <td><button class="btn btn-small" id={format!("lend-remove-{i}")} onclick={remove}>{l.remove}</button></td>
            </tr>
        }
    });
    let needs_approval = basket
        .iter()
        .any(|x| kind_of(&p.kinds, &x.copy).is_some_and(|k| k.fields.needs_approval));
    let points_deposit = basket.iter().any(|x| {
        kind_of(&p.kinds, &x.copy)
            .is_some_and(|k| k.fields.deposit_unit == DepositUnit::Points && k.fields.deposit > 0)
    });
    let on_payer = {
        let payer = payer.clone();
        Callback::from(move |v: Option<Id>| payer.set(v))
    };
    let clear_slip = {
        let slip = slip.clone();
        Callback::from(move |_| slip.set(None))
    };
    html! {
        <>
        <div class="panel lend-desk no-print">
            <div class="form-row">
                <BorrowerPicker prefix="lend" chosen={(*borrower).clone()} on_choose={on_borrower} />
                <CodeBox prefix="lend" input={code_ref.clone()} {community} wants={Wants::Lendable}
                    {in_basket} {on_copy} round={*round} />
            </div>
            <h2>{l.basket}</h2>
            if basket.is_empty() {
                <p class="empty" id="lend-basket-empty">{l.basket_empty}</p>
            } else {
                <table class="table" id="lend-basket">
                    <thead><tr>
                        <th>{l.col_code}</th><th>{l.col_kind}</th><th>{l.col_condition}</th>
                        <th>{l.col_parts}</th><th>{l.col_due}</th><th></th>
                    </tr></thead>
                    <tbody>{ for rows }</tbody>
                </table>
            }
            <div class="form-row">
                <label class="field"><span class="label">{l.due_override}</span>{text_box("lend-due", &due, "date")}</label>
                if points_deposit {
                    <VolunteerSelect id="lend-payer" label={l.deposit_payer} {community}
                        chosen={*payer} on_choose={on_payer} />
                }
                if needs_approval {
                    <label class="field"><span class="label">{l.approved_by}</span>{text_box("lend-approved", &approved, "text")}</label>
                }
                <label class="field"><span class="label">{l.note}</span>{text_box("lend-note", &note, "text")}</label>
                <button class="btn btn-primary" id="lend-submit" disabled={*busy || basket.is_empty()} onclick={submit}>{l.lend_submit}</button>
            </div>
            if let Some(e) = &*failed { {error_line(e, "lend-error")} }
        </div>
        if let Some(s) = &*slip {
            <div class="row-actions no-print">
                <span class="notice" id="lend-done">{(l.lent)(s.loans.len())}</span>
                <crate::components::print::PrintButton id="lend-print" class={classes!("btn")} label={l.print_slip} />
                <button class="btn btn-small" id="lend-slip-close" onclick={clear_slip}>{l.close}</button>
            </div>
            <LoanSlip slip={s.clone()} />
        }
        </>
    }
}

/// The loans of a slip, for the slip's table.
pub fn due_of(loan: &Loan, handed_out: &str) -> String {
    if loan.handout {
        handed_out.to_owned()
    } else {
        loan.due.clone()
    }
}
