//! The loan slip: who borrowed what and until when, with a line to sign; on screen after a loan,
//! and the only thing on paper when printed (the rest of the page is `no-print`).

use linli_protocol::Loan;
use yew::prelude::*;

use super::lend::due_of;
use super::Borrower;
use crate::components::print_mark::PrintMark;
use crate::hooks::use_texts;

#[derive(Debug, Clone, PartialEq)]
pub struct Slip {
    pub borrower: Borrower,
    pub loans: Vec<Loan>,
}

#[derive(Properties, PartialEq)]
pub struct SlipProps {
    pub slip: Slip,
}

#[function_component(LoanSlip)]
pub fn loan_slip(p: &SlipProps) -> Html {
    let t = use_texts();
    let l = &t.lending;
    let s = &p.slip;
    let lent_on = s
        .loans
        .first()
        .map(|x| x.lent_on.clone())
        .unwrap_or_default();
    html! {
        <div class="panel lend-slip" id="lend-slip">
            <h2>{l.slip_title}</h2>
            <p>
                <strong>{l.borrower}</strong>{" "}<span id="lend-slip-borrower">{s.borrower.line()}</span>
                {"　"}<strong>{l.col_lent}</strong>{" "}<span>{lent_on}</span>
            </p>
            <table class="table">
                <thead><tr>
                    <th>{l.col_code}</th><th>{l.col_kind}</th><th>{l.col_due}</th>
                </tr></thead>
                <tbody>
                { for s.loans.iter().map(|x| html! {
                    <tr>
                        <td class="mono">{x.code.clone()}</td>
                        <td>{x.kind_name.clone()}</td>
                        <td>{due_of(x, l.handed_out)}</td>
                    </tr>
                }) }
                </tbody>
            </table>
            <p class="print-sign">{l.slip_sign}<span class="sign-line"></span></p>
            <PrintMark />
        </div>
    }
}
