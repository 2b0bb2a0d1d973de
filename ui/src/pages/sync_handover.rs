//! 换人登录 on the 同步 page (issue 16 item 4): signing this laptop in as another user than the
//! enrolled one hands it over, so the sign-in form asks first. The confirmation names the previous
//! user, the changes of theirs that go to the server first and that the laptop's copy of the
//! community's data is replaced by the new user's; it shows the handover under way; and when the
//! previous user's changes cannot be sent (their token revoked, the server unreachable) it offers
//! to try again or, only after a second, ticked confirmation, to discard them.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::hooks::use_texts;

/// Who the laptop is signed in as now, and what of theirs waits to go.
#[derive(Debug, Clone, PartialEq)]
pub struct Previous {
    pub user: String,
    pub server: String,
    pub outbox: u64,
}

/// Where a handover stands in the form.
#[derive(Debug, Clone, PartialEq)]
pub enum Stage {
    /// The form, nothing asked yet.
    Form,
    /// The confirmation is open.
    Confirm,
    /// Confirmed: pushing, clearing, signing in.
    Working,
    /// The previous user's changes could not be sent: the sentence saying how many and why.
    Unsent(String),
}

/// Whether signing in as `user` hands the laptop over from `previous`.
pub fn hands_over(previous: Option<&Previous>, user: &str) -> bool {
    previous.is_some_and(|p| p.user.trim() != user.trim())
}

#[derive(Properties, PartialEq)]
pub struct Props {
    pub previous: Previous,
    pub next: String,
    pub stage: Stage,
    /// Confirmed (or tried again): `true` when the discard was confirmed too.
    pub on_go: Callback<bool>,
    pub on_cancel: Callback<()>,
}

#[function_component(HandoverConfirm)]
pub fn handover_confirm(props: &Props) -> Html {
    let t = &use_texts().handover;
    let ticked = use_state(|| false);
    let p = &props.previous;
    let working = props.stage == Stage::Working;
    let on_tick = {
        let ticked = ticked.clone();
        Callback::from(move |e: Event| {
            ticked.set(e.target_unchecked_into::<HtmlInputElement>().checked());
        })
    };
    let go = |discard: bool| props.on_go.reform(move |_: MouseEvent| discard);
    let cancel = props.on_cancel.reform(|_: MouseEvent| ());
    html! {
        <div class="confirm-box handover-confirm" id="handover-confirm" role="dialog" aria-label={t.title}>
            <h3>{t.title}</h3>
            <p id="handover-previous">{(t.signed_in_as)(&p.user)}</p>
            <p id="handover-push">
                {if p.outbox > 0 { (t.push_some)(&p.user, p.outbox) } else { (t.push_none)(&p.user) }}
            </p>
            <p id="handover-replace"><strong>{(t.replace)(props.next.trim())}</strong></p>
            <p class="muted">{t.kept}</p>
            if let Stage::Unsent(sentence) = &props.stage {
                <div class="alert alert-error" role="alert" id="handover-unsent">
                    <div>
                        <p><strong>{t.unsent_title}</strong></p>
                        <p>{sentence}</p>
                    </div>
                </div>
                <p>
                    <label id="handover-discard-label">
                        <input id="handover-discard-tick" type="checkbox" checked={*ticked} onchange={on_tick} />
                        {" "}{(t.discard_tick)(&p.user)}
                    </label>
                </p>
            }
            if working {
                <p id="handover-working" class="notice" role="status">{(t.working)(&p.user)}</p>
            }
            <div class="form-actions">
                if let Stage::Unsent(_) = &props.stage {
                    <button id="handover-retry" type="button" class="btn btn-primary" onclick={go(false)}>{t.retry}</button>
                    <button id="handover-discard" type="button" class="btn btn-danger"
                        disabled={!*ticked} onclick={go(true)}>{t.discard}</button>
                } else {
                    <button id="handover-confirm-ok" type="button" class="btn btn-primary"
                        disabled={working} onclick={go(false)}>{t.confirm}</button>
                }
                <button id="handover-cancel" type="button" class="btn" disabled={working} onclick={cancel}>{t.cancel}</button>
            </div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_another_user_hands_the_laptop_over() {
        let p = Previous {
            user: "王芳".into(),
            server: "http://s".into(),
            outbox: 2,
        };
        assert!(hands_over(Some(&p), "李强"));
        assert!(!hands_over(Some(&p), " 王芳 "));
        assert!(!hands_over(None, "李强"));
    }
}
