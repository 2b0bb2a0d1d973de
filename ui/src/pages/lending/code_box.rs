//! The code box 借出 and 归还 share: a USB scanner types a code and Enter; the code (trimmed,
//! upper-cased) is looked up, a copy already in the basket or one that cannot go in is refused
//! under the box in the catalogue's words, an accepted copy goes to the page's basket, and the
//! box is emptied and keeps the focus for the next scan. [`use_basket`] is the basket that two
//! scans answered before a render both land in.

use std::cell::RefCell;
use std::rc::Rc;

use linli_domain::lending::CopyStatus;
use linli_domain::Id;
use linli_protocol::{ApiError, FindLendCopy, LendCopy};
use web_sys::{HtmlInputElement, KeyboardEvent};
use yew::prelude::*;

use super::error_line;
use crate::hooks::{use_kept_state, use_texts};
use crate::i18n::LendingTexts;
use crate::ipc;

/// What the basket takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wants {
    /// Copies that may be lent: on the shelf, or set aside for a hold.
    Lendable,
    /// Copies out on a loan, coming back.
    OnLoan,
}

impl Wants {
    /// Why `copy` (scanned as `code`) cannot go into the basket, if it cannot.
    pub fn refusal(self, l: &LendingTexts, code: &str, copy: &LendCopy) -> Option<String> {
        match self {
            Wants::Lendable => {
                (!matches!(copy.status, CopyStatus::OnShelf | CopyStatus::HeldForPickup))
                    .then(|| (l.not_lendable)(code, (l.status)(copy.status)))
            }
            Wants::OnLoan => copy.open_loans.is_empty().then(|| (l.not_on_loan)(code)),
        }
    }
}

/// A basket kept across tabs whose lines two scans answered before a render both keep.
#[derive(Clone)]
pub struct Basket<T> {
    state: UseStateHandle<Vec<T>>,
    latest: Rc<RefCell<Vec<T>>>,
}

impl<T: Clone + 'static> Basket<T> {
    /// The lines as the last change left them (rendered or not).
    pub fn lines(&self) -> Vec<T> {
        self.latest.borrow().clone()
    }

    pub fn set(&self, lines: Vec<T>) {
        *self.latest.borrow_mut() = lines.clone();
        self.state.set(lines);
    }

    pub fn push(&self, line: T) {
        let mut next = self.lines();
        next.push(line);
        self.set(next);
    }
}

impl<T> std::ops::Deref for Basket<T> {
    type Target = Vec<T>;
    fn deref(&self) -> &Vec<T> {
        &self.state
    }
}

#[hook]
pub fn use_basket<T: Clone + PartialEq + 'static>(key: &'static str) -> Basket<T> {
    let state = use_kept_state(key, Vec::<T>::new);
    let latest = use_mut_ref(Vec::<T>::new);
    *latest.borrow_mut() = (*state).clone();
    Basket { state, latest }
}

pub fn focus(input: &NodeRef) {
    if let Some(el) = input.cast::<HtmlInputElement>() {
        let _ = el.focus();
    }
}

#[derive(Properties, PartialEq)]
pub struct CodeBoxProps {
    /// "lend" or "return": the box is `{prefix}-code`, its message `{prefix}-scan-msg`.
    pub prefix: AttrValue,
    pub input: NodeRef,
    pub community: Id,
    pub wants: Wants,
    /// Whether a code is in the basket already (as the last scan left it).
    pub in_basket: Callback<String, bool>,
    /// A copy scanned that may go into the basket.
    pub on_copy: Callback<LendCopy>,
    /// Moves when the basket was lent or returned: the last scan's message goes.
    #[prop_or_default]
    pub round: u32,
}

#[function_component(CodeBox)]
pub fn code_box(p: &CodeBoxProps) -> Html {
    let t = use_texts();
    let l = &t.lending;
    let said = use_state(|| None as Option<Result<String, ApiError>>);
    {
        let input = p.input.clone();
        use_effect_with((), move |_| focus(&input));
    }
    {
        let said = said.clone();
        use_effect_with(p.round, move |_| said.set(None));
    }
    let on_code = {
        let (said, in_basket, on_copy) = (said.clone(), p.in_basket.clone(), p.on_copy.clone());
        let (community, wants) = (p.community, p.wants);
        move |code: String| {
            if in_basket.emit(code.clone()) {
                said.set(Some(Ok((l.already_in)(&code))));
                return;
            }
            let (said, in_basket, on_copy) = (said.clone(), in_basket.clone(), on_copy.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let found = ipc::call(&FindLendCopy {
                    community_id: community,
                    code: code.clone(),
                })
                .await;
                match found {
                    Ok(copy) => match wants.refusal(l, &code, &copy) {
                        Some(m) => said.set(Some(Ok(m))),
                        // the same code scanned twice quickly: the first answer took it
                        None if in_basket.emit(copy.fields.code.clone()) => {}
                        None => {
                            said.set(None);
                            on_copy.emit(copy);
                        }
                    },
                    Err(e) => said.set(Some(Err(e))),
                }
            });
        }
    };
    let on_key = {
        let input = p.input.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() != "Enter" {
                return;
            }
            e.prevent_default();
            if let Some(el) = input.cast::<HtmlInputElement>() {
                let code = el.value().trim().to_uppercase();
                el.set_value("");
                let _ = el.focus();
                if !code.is_empty() {
                    on_code(code);
                }
            }
        })
    };
    let (id, msg) = (
        format!("{}-code", p.prefix),
        format!("{}-scan-msg", p.prefix),
    );
    html! {
        <div class="lend-code-box">
            <div class="field lend-code">
                <label class="label" for={id.clone()}>{l.code_label}</label>
                <input class="input mono" id={id} ref={p.input.clone()} autocomplete="off"
                    placeholder={l.code_placeholder} onkeydown={on_key} />
            </div>
            { match &*said {
                None => html! {},
                Some(Ok(m)) => html! { <p class="field-error" id={msg} role="alert">{m.clone()}</p> },
                Some(Err(e)) => error_line(e, &msg),
            } }
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    fn copy(status: CopyStatus, open: usize) -> LendCopy {
        let id = |n: u128| Id::from_uuid(linli_domain::id::Uuid::from_u128(n));
        LendCopy {
            id: id(1),
            community_id: id(2),
            kind_id: id(3),
            kind_name: "轮椅".into(),
            fields: linli_protocol::LendCopyFields {
                code: "LY-WC-01".into(),
                ..Default::default()
            },
            status,
            open_loans: (0..open).map(|n| id(10 + n as u128)).collect(),
            held_until: None,
            available_from: None,
            next_service: None,
        }
    }

    #[test]
    fn each_basket_takes_only_its_copies_and_says_why_not() {
        let l = &Lang::Zh.texts().lending;
        let (out, shelf) = (copy(CopyStatus::OnLoan, 1), copy(CopyStatus::OnShelf, 0));
        assert_eq!(Wants::Lendable.refusal(l, "LY-WC-01", &shelf), None);
        assert_eq!(
            Wants::Lendable.refusal(l, "LY-WC-01", &out),
            Some((l.not_lendable)("LY-WC-01", (l.status)(CopyStatus::OnLoan)))
        );
        assert_eq!(Wants::OnLoan.refusal(l, "LY-WC-01", &out), None);
        assert_eq!(
            Wants::OnLoan.refusal(l, "LY-WC-01", &shelf),
            Some((l.not_on_loan)("LY-WC-01"))
        );
        let held = copy(CopyStatus::HeldForPickup, 0);
        assert_eq!(Wants::Lendable.refusal(l, "LY-WC-01", &held), None);
    }
}
