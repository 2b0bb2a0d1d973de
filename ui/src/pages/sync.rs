//! 同步 Sync: log in to the server once; then sync now, watch a running sync's counts, see when
//! the last one succeeded, what waits to go, and every change the server refused (with why).
//! Being offline is shown as the ordinary state it is. 换人登录 signs the laptop in as someone
//! else, handing it over after a confirmation (`sync_handover`).

use linli_protocol::sync::{Refusal, RefuseReason, SyncStatus};
use linli_protocol::{
    ApiError, ConnectionCheck, ConnectionVerdict, SyncNow, SyncOutcome, SyncPanel, SyncProgress,
    SyncTest,
};
use yew::prelude::*;

use crate::components::progress::ProgressBar;
use crate::components::sync_login::SyncLoginForm;
use crate::hooks::{use_sync_panel, use_texts};
use crate::i18n::{AttachTexts, SyncTexts};
use crate::ipc;
use crate::pages::sync_handover::Previous;

/// How long ago `then_ms` was, in words.
pub fn ago(t: &SyncTexts, now_ms: u64, then_ms: u64) -> String {
    let mins = now_ms.saturating_sub(then_ms) / 60_000;
    match mins {
        0 => t.just_now.to_owned(),
        1..=59 => (t.minutes_ago)(mins),
        60..=1439 => (t.hours_ago)(mins / 60),
        _ => (t.days_ago)(mins / 1440),
    }
}

/// How long until `at_ms`, in words.
pub fn until(t: &SyncTexts, now_ms: u64, at_ms: u64) -> String {
    let secs = at_ms.saturating_sub(now_ms).div_ceil(1000);
    if secs < 90 {
        (t.in_seconds)(secs)
    } else {
        (t.in_minutes)(secs.div_ceil(60))
    }
}

/// The bar's share: the push fills the first half, the pull the second (its end is unknown until
/// the last page, so it stands at three quarters and moves).
pub fn share(p: &SyncProgress) -> f64 {
    if p.pulling {
        0.75
    } else if p.to_push == 0 {
        0.0
    } else {
        0.5 * p.pushed as f64 / p.to_push as f64
    }
}

/// The counts line of a running sync: `上传 3/10 · 下载 200`.
pub fn counts(t: &SyncTexts, p: &SyncProgress) -> String {
    let up = (t.upload)(p.pushed, p.to_push);
    if p.pulling {
        format!("{up} · {}", (t.download)(p.pulled))
    } else {
        up
    }
}

fn now_ms() -> u64 {
    js_sys::Date::now() as u64
}

/// `2025-03-01 14:05`, in the laptop's time zone.
fn clock(ms: u64) -> String {
    let d = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms as f64));
    format!(
        "{}-{:02}-{:02} {:02}:{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date(),
        d.get_hours(),
        d.get_minutes()
    )
}

/// What to do about a change the server refused, by the reason.
pub fn todo(t: &SyncTexts, reason: RefuseReason) -> &'static str {
    match reason {
        RefuseReason::OutsideGrants => t.todo_outside_grants,
        RefuseReason::Invalid => t.todo_invalid,
        RefuseReason::SeqConflict => t.todo_seq_conflict,
    }
}

/// The sentence a connection test ends with.
pub fn verdict(t: &SyncTexts, c: &ConnectionCheck) -> String {
    let s = c.server.as_str();
    match c.verdict {
        ConnectionVerdict::Ok => (t.test_ok)(s, c.millis),
        ConnectionVerdict::Unreachable => (t.test_unreachable)(s),
        ConnectionVerdict::Untrusted => (t.test_untrusted)(s),
        ConnectionVerdict::Version => (t.test_version)(s),
        ConnectionVerdict::SignedOut => (t.test_signed_out)(s),
        ConnectionVerdict::Refused => format!(
            "{}{}",
            (t.test_refused)(s),
            crate::i18n::say(&ApiError::new(
                linli_protocol::ErrorKind::Invalid,
                c.detail.clone()
            ))
        ),
    }
}

/// What 测试连接 has said: nothing yet, testing, or its answer.
#[derive(Debug, Clone, PartialEq)]
enum Tested {
    Not,
    Testing,
    Done(Result<ConnectionCheck, ApiError>),
}

fn short(id: &impl ToString) -> String {
    let s = id.to_string();
    s[s.len().saturating_sub(8)..].to_owned()
}

#[function_component(SyncPage)]
pub fn sync_page() -> Html {
    let texts = use_texts();
    let t = &texts.sync;
    let (panel, refresh) = use_sync_panel();
    let requested = use_state(|| false);
    let tested = use_state(|| Tested::Not);
    // 换人登录: the sign-in form over the enrolled page
    let switching = use_state(|| false);
    let on_test = {
        let tested = tested.clone();
        Callback::from(move |_: MouseEvent| {
            if *tested == Tested::Testing {
                return;
            }
            tested.set(Tested::Testing);
            let tested = tested.clone();
            wasm_bindgen_futures::spawn_local(async move {
                tested.set(Tested::Done(ipc::call(&SyncTest {}).await));
            });
        })
    };

    let on_sync = {
        let (requested, refresh) = (requested.clone(), refresh.clone());
        Callback::from(move |_| {
            if *requested {
                return;
            }
            requested.set(true);
            let (requested, refresh) = (requested.clone(), refresh.clone());
            wasm_bindgen_futures::spawn_local(async move {
                // the outcome also shows in the panel; an error (not logged in) comes back there too
                let _ = ipc::call(&SyncNow {}).await;
                requested.set(false);
                refresh.emit(());
            });
        })
    };

    let body = match &panel {
        None => html! { <p class="muted">{texts.loading}</p> },
        Some(Err(e)) => html! {
            <div class="alert alert-error" role="alert">
                <p>{crate::i18n::say(e)}</p>
                <button class="btn" onclick={refresh.reform(|_| ())}>{texts.retry}</button>
            </div>
        },
        Some(Ok(p)) if !p.enrolled => html! { <SyncLoginForm on_done={refresh.clone()} /> },
        Some(Ok(p)) if *switching => {
            let previous = Previous {
                user: p.status.user.clone().unwrap_or_default(),
                server: p.status.server.clone().unwrap_or_default(),
                outbox: p.status.outbox,
            };
            let on_done = {
                let (switching, refresh) = (switching.clone(), refresh.clone());
                Callback::from(move |()| {
                    switching.set(false);
                    refresh.emit(());
                })
            };
            let on_cancel = {
                let switching = switching.clone();
                Callback::from(move |()| switching.set(false))
            };
            html! { <SyncLoginForm {on_done} previous={Some(previous)} on_cancel={Some(on_cancel)} /> }
        }
        Some(Ok(p)) => html! {
            <>
                if p.insecure {
                    <div id="sync-insecure-warning" class="alert alert-error" role="alert">
                        <p>{t.insecure_warning}</p>
                    </div>
                }
                {enrolled(t, &texts.attach, p, *requested, on_sync)}
                {test_panel(t, &tested, on_test)}
            </>
        },
    };
    let who = match &panel {
        Some(Ok(SyncPanel {
            enrolled: true,
            status:
                SyncStatus {
                    server: Some(s),
                    user: Some(u),
                    ..
                },
            ..
        })) => Some((t.signed_in)(u, s)),
        _ => None,
    };

    html! {
        <section class="sync">
            <header class="page-head">
                <h1>{t.title}</h1>
                if let Some(who) = who {
                    <span id="sync-who" class="muted">{who}</span>
                    if !*switching {
                        <button id="sync-switch-user" class="btn" onclick={let s = switching.clone(); Callback::from(move |_: MouseEvent| s.set(true))}>
                            {texts.handover.switch_user}
                        </button>
                    }
                }
            </header>
            {body}
        </section>
    }
}

/// 测试连接: the button and the sentence it ended with.
fn test_panel(t: &SyncTexts, tested: &Tested, on_test: Callback<MouseEvent>) -> Html {
    let testing = *tested == Tested::Testing;
    let said = match tested {
        Tested::Done(Ok(c)) => Some((c.verdict == ConnectionVerdict::Ok, verdict(t, c))),
        Tested::Done(Err(e)) => Some((false, crate::i18n::say(e))),
        _ => None,
    };
    html! {
        <div class="panel form-row" id="sync-test-panel">
            <button id="sync-test" class="btn" onclick={on_test} disabled={testing}>
                {if testing { t.testing } else { t.test_connection }}
            </button>
            if let Some((ok, sentence)) = said {
                <p id="sync-test-result" role="status"
                    class={if ok { "notice sync-test-ok" } else { "field-error sync-test-failed" }}>{sentence}</p>
            }
        </div>
    }
}

fn enrolled(
    t: &SyncTexts,
    attach: &AttachTexts,
    p: &SyncPanel,
    requested: bool,
    on_sync: Callback<MouseEvent>,
) -> Html {
    let now = now_ms();
    let busy = requested || p.running.is_some();
    let state = match (&p.running, &p.last) {
        (Some(r), _) => html! {
            <div class="sync-state">
                <p class="sync-headline">{t.syncing}</p>
                <ProgressBar id="sync-bar" value={share(r)} active={r.pulling} />
                <p id="sync-progress" class="sync-counts">{counts(t, r)}</p>
            </div>
        },
        (None, Some(SyncOutcome::Synced { report, .. })) => html! {
            <div class="sync-state">
                <p class="sync-headline sync-ok">{"✓ "}{(t.synced)(report.pushed, report.pulled)}</p>
                <ProgressBar id="sync-bar" value={1.0} />
                <p id="sync-progress" class="sync-counts">
                    {format!("{} · {}", (t.upload)(report.pushed, report.pushed), (t.download)(report.pulled))}
                </p>
                if report.blobs_pending > 0 {
                    <p id="sync-blobs-pending" class="muted">{(attach.sync_pending)(report.blobs_pending)}</p>
                }
            </div>
        },
        (None, Some(SyncOutcome::Offline { .. })) => html! {
            <div class="sync-state">
                <p id="sync-offline" class="sync-headline sync-offline">{t.offline}</p>
                <p class="muted">{t.offline_hint}</p>
            </div>
        },
        (
            None,
            Some(SyncOutcome::Failed {
                message,
                code,
                args,
                ..
            }),
        ) => html! {
            <div class="sync-state">
                <p class="sync-headline sync-failed">{t.failed}</p>
                <p id="sync-failed" class="sync-failed-message">{crate::i18n::say_coded(code.as_deref(), args, message)}</p>
            </div>
        },
        (None, None) => html! { <div class="sync-state"><p class="muted">{t.auto_note}</p></div> },
    };
    let last = p
        .status
        .last_success_ms
        .map(|ms| (clock(ms), ago(t, now, ms)));
    let refused = &p.status.refused;

    html! {
        <>
        <div class="panel sync-main">
            {state}
            <button id="sync-now" class="btn btn-primary btn-large" onclick={on_sync} disabled={busy}>
                {if busy { t.syncing } else { t.sync_now }}
            </button>
        </div>
        <div class="stats">
            <div class="stat">
                <span class="label">{t.last_success}</span>
                if let Some((at, ago)) = last {
                    <span id="sync-last" class="stat-value">{ago}</span>
                    <span class="muted stat-note">{at}</span>
                } else {
                    <span id="sync-last" class="stat-value muted">{t.never}</span>
                }
            </div>
            <div class="stat">
                <span class="label">{t.outbox}</span>
                <span id="sync-outbox" class="stat-value">{(t.outbox_count)(p.status.outbox)}</span>
            </div>
            <div class="stat">
                <span class="label">{t.next_auto}</span>
                <span class="stat-value">
                    {p.next_auto_ms.filter(|_| p.running.is_none()).map(|ms| until(t, now, ms)).unwrap_or_else(|| "—".into())}
                </span>
                <span class="muted stat-note">{t.auto_note}</span>
            </div>
        </div>
        <div class="panel" id="sync-refused">
            <div class="panel-head">
                <h2>{t.refused_title}{(t.count)(refused.len())}</h2>
            </div>
            if refused.is_empty() {
                <p class="empty">{t.refused_none}</p>
            } else {
                <p class="muted">{t.refused_note}</p>
                <table class="table">
                    <thead><tr><th>{t.col_table}</th><th>{t.col_record}</th><th>{t.col_reason}</th><th>{t.col_todo}</th></tr></thead>
                    <tbody>
                    { for refused.iter().map(|r| html! {
                        <tr key={r.device_seq.to_string()}>
                            <td>{(t.table)(&r.table).unwrap_or(r.table.as_str())}</td>
                            <td class="mono muted" title={r.row_id.to_string()}>{short(&r.row_id)}</td>
                            <td>
                                <strong>{match r.reason { RefuseReason::OutsideGrants => t.outside_grants, RefuseReason::Invalid | RefuseReason::SeqConflict => t.invalid }}</strong>
                                <span class="muted">{"：" }{refusal_text(r)}</span>
                            </td>
                            <td class="sync-todo">{todo(t, r.reason)}</td>
                        </tr>
                    }) }
                    </tbody>
                </table>
            }
        </div>
        if !p.status.unapplied.is_empty() {
            <div class="panel" id="sync-unapplied">
                <div class="panel-head"><h2>{t.unapplied_title}{(t.count)(p.status.unapplied.len())}</h2></div>
                <p class="muted">{t.unapplied_note}</p>
                <table class="table">
                    <thead><tr><th>{t.col_table}</th><th>{t.col_record}</th><th>{t.col_reason}</th></tr></thead>
                    <tbody>
                    { for p.status.unapplied.iter().map(|u| html! {
                        <tr key={u.server_seq.to_string()}>
                            <td>{(t.table)(&u.table).unwrap_or(u.table.as_str())}</td>
                            <td class="mono muted">{u.row_id.as_ref().map(short).unwrap_or_default()}</td>
                            <td class="muted">{&u.reason}</td>
                        </tr>
                    }) }
                    </tbody>
                </table>
            </div>
        }
        if !p.status.needs_review.is_empty() {
            <div class="panel" id="sync-review">
                <div class="panel-head"><h2>{t.review_title}{(t.count)(p.status.needs_review.len())}</h2></div>
                <p class="muted">{t.review_note}</p>
                <ul class="plain-list">
                { for p.status.needs_review.iter().map(|(table, id)| html! {
                    <li><span>{(t.table)(table).unwrap_or(table.as_str())}</span>{" "}<span class="mono muted" title={id.to_string()}>{short(id)}</span></li>
                }) }
                </ul>
            </div>
        }
        </>
    }
}

/// Why the server refused a change, in the window's language: from its catalogue code, else (a
/// refusal kept before the laptop stored codes, or from an older server) its message as sent.
fn refusal_text(r: &Refusal) -> String {
    crate::i18n::say_coded(r.code.as_deref(), &r.args, &r.message)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn a_refused_change_reads_in_the_chosen_language_from_its_code() {
        let mut r = Refusal {
            device_seq: 3,
            table: "places".into(),
            row_id: linli_domain::Id::from_uuid(linli_domain::id::Uuid::from_u128(7)),
            reason: RefuseReason::Invalid,
            message: "数据表“places”没有字段“x” (table places has no field x)".into(),
            code: Some("refused_no_such_field".into()),
            args: [("table", "places"), ("field", "x")]
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect(),
        };
        crate::i18n::set_lang(Lang::En);
        assert_eq!(refusal_text(&r), "Table places has no field x");
        crate::i18n::set_lang(Lang::Zh);
        assert_eq!(refusal_text(&r), "数据表“places”没有字段“x”");
        // one kept before the laptop stored codes: the English half as sent
        r.code = None;
        r.args.clear();
        crate::i18n::set_lang(Lang::En);
        assert_eq!(refusal_text(&r), "table places has no field x");
    }

    #[test]
    fn times_read_naturally_in_both_languages() {
        let zh = &Lang::Zh.texts().sync;
        let en = &Lang::En.texts().sync;
        let now = 10 * 86_400_000;
        assert_eq!(ago(zh, now, now - 20_000), "刚刚");
        assert_eq!(ago(zh, now, now - 3 * 60_000), "3 分钟前");
        assert_eq!(ago(zh, now, now - 5 * 3_600_000), "5 小时前");
        assert_eq!(ago(en, now, now - 2 * 86_400_000), "2 days ago");
        assert_eq!(until(zh, now, now + 9_500), "10 秒后");
        assert_eq!(until(en, now, now + 280_000), "in 5 min");
    }

    #[test]
    fn the_bar_fills_with_the_push_then_waits_on_the_pull() {
        let zh = &Lang::Zh.texts().sync;
        let mut p = SyncProgress {
            pushed: 500,
            to_push: 1000,
            ..Default::default()
        };
        assert_eq!(share(&p), 0.25);
        assert_eq!(counts(zh, &p), "上传 500/1000");
        p.pushed = 1000;
        p.pulling = true;
        p.pulled = 2000;
        assert_eq!(share(&p), 0.75);
        assert_eq!(counts(zh, &p), "上传 1000/1000 · 下载 2000");
        assert_eq!(share(&SyncProgress::default()), 0.0);
    }

    #[test]
    fn refused_changes_name_their_kind() {
        let zh = &Lang::Zh.texts().sync;
        assert_eq!((zh.table)("households"), Some("住户"));
        assert_eq!((zh.table)("test_ledger"), None);
        assert_eq!(zh.offline, "离线，数据已保存在本机");
    }

    #[test]
    fn a_connection_test_ends_in_one_sentence_per_verdict() {
        let check = |verdict| ConnectionCheck {
            verdict,
            server: "https://s".into(),
            detail: "服务器正忙 (the server is busy)".into(),
            millis: 12,
        };
        let zh = &Lang::Zh.texts().sync;
        let en = &Lang::En.texts().sync;
        assert!(verdict(zh, &check(ConnectionVerdict::Ok)).starts_with("连接正常"));
        assert!(verdict(en, &check(ConnectionVerdict::Ok)).contains("12 ms"));
        let all = [
            ConnectionVerdict::Ok,
            ConnectionVerdict::Unreachable,
            ConnectionVerdict::Untrusted,
            ConnectionVerdict::Version,
            ConnectionVerdict::SignedOut,
            ConnectionVerdict::Refused,
        ];
        let said: std::collections::BTreeSet<String> =
            all.iter().map(|v| verdict(en, &check(*v))).collect();
        assert_eq!(said.len(), all.len());
        assert!(said.iter().all(|s| s.contains("https://s")));
    }

    #[test]
    fn every_refusal_says_what_to_do_in_both_languages() {
        for lang in [Lang::Zh, Lang::En] {
            let t = &lang.texts().sync;
            let all = [
                RefuseReason::OutsideGrants,
                RefuseReason::Invalid,
                RefuseReason::SeqConflict,
            ];
            let said: std::collections::BTreeSet<&str> = all.iter().map(|r| todo(t, *r)).collect();
            assert_eq!(said.len(), all.len(), "one sentence per reason");
        }
        assert!(todo(&Lang::En.texts().sync, RefuseReason::OutsideGrants).contains("grant"));
    }
}
