//! Conflicts: one copy on two open loans, which two laptops lending it offline leave behind after
//! sync (nothing is merged away). Shown above every tab of the desk until a person voids the loan
//! that never happened, with a reason; its deposit is refunded by the store.

use std::collections::BTreeMap;

use linli_domain::Id;
use linli_protocol::{ApiError, ListLoans, Loan, VoidLoan};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::error_line;
use crate::hooks::use_texts;
use crate::ipc;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub community: Id,
    /// Moves when the desk changed something: the list loads again.
    pub round: u32,
    pub reload: Callback<()>,
}

#[function_component(Conflicts)]
pub fn conflicts(p: &Props) -> Html {
    let t = use_texts();
    let l = &t.lending;
    let loans = use_state(Vec::<Loan>::new);
    let reasons = use_state(BTreeMap::<Id, String>::new);
    let said = use_state(|| None as Option<Result<String, ApiError>>);
    let mine = use_state(|| 0u32);
    {
        let loans = loans.clone();
        use_effect_with((p.community, p.round, *mine), move |(c, _, _)| {
            let community_id = *c;
            wasm_bindgen_futures::spawn_local(async move {
                let list = ipc::call(&ListLoans {
                    community_id,
                    household_id: None,
                    building_id: None,
                    include_closed: false,
                    overdue_only: false,
                    conflicts_only: true,
                    person_id: None,
                    grid_id: None,
                })
                .await
                .unwrap_or_default();
                loans.set(list);
            });
        });
    }
    if loans.is_empty() && said.is_none() {
        return html! {};
    }
    let void = |x: &Loan| {
        let (id, code) = (x.id, x.code.clone());
        let (reasons, said, mine, reload) = (
            reasons.clone(),
            said.clone(),
            mine.clone(),
            p.reload.clone(),
        );
        Callback::from(move |_| {
            let reason = reasons.get(&id).cloned().unwrap_or_default();
            let (said, mine, reload, code) =
                (said.clone(), mine.clone(), reload.clone(), code.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match ipc::call(&VoidLoan {
                    loan_id: id,
                    reason,
                })
                .await
                {
                    Ok(v) => {
                        said.set(Some(Ok((l.voided)(&code, &v.household))));
                        mine.set(*mine + 1);
                        reload.emit(());
                    }
                    Err(e) => said.set(Some(Err(e))),
                }
            });
        })
    };
    let rows = loans.iter().map(|x| {
        let on_reason = {
            let (reasons, id) = (reasons.clone(), x.id);
            Callback::from(move |e: InputEvent| {
                let mut next = (*reasons).clone();
                next.insert(id, e.target_unchecked_into::<HtmlInputElement>().value());
                reasons.set(next);
            })
        };
        let id = x.id.to_string();
        html! {
            <tr id={format!("conflict-{id}")}>
                <td class="mono">{x.code.clone()}</td>
                <td>{x.kind_name.clone()}</td>
                <td>{x.household.clone()}</td>
                <td>{x.borrower.clone()}</td>
                <td>{x.lent_on.clone()}</td>
                <td>
                    <input class="input" id={format!("void-reason-{id}")} placeholder={l.void_reason}
                        value={reasons.get(&x.id).cloned().unwrap_or_default()} oninput={on_reason} />
                </td>
                <td><button class="btn btn-small" id={format!("void-{id}")} onclick={void(x)}>{l.void}</button></td>
            </tr>
        }
    });
    html! {
        <div class="panel lend-conflicts no-print" id="lend-conflicts" role="alert">
            <h2>{l.conflicts_title}</h2>
            <p class="muted">{l.conflicts_hint}</p>
            { match &*said {
                Some(Ok(m)) => html! { <p class="notice" id="void-msg" role="status">{m.clone()}</p> },
                Some(Err(e)) => error_line(e, "void-error"),
                None => html! {},
            } }
            if !loans.is_empty() {
                <table class="table" id="conflicts-list">
                    <thead><tr>
                        <th>{l.col_code}</th><th>{l.col_kind}</th><th>{l.col_household}</th>
                        <th>{l.col_borrower}</th><th>{l.col_lent_on}</th><th>{l.void_reason}</th><th></th>
                    </tr></thead>
                    <tbody>{ for rows }</tbody>
                </table>
            }
        </div>
    }
}
