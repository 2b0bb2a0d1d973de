//! Two more points figures explained in the 为什么 panel (h15gaps): a statement line (what kind
//! of line, the hours entry that earned or took back its points with that entry's arithmetic,
//! the balance after it, the rules) and a work unit's figures among the party members' points
//! (its members with their hours, earned points and balances, the entries that earned the
//! points, and each sum written out).

use linli_domain::volunteers::LedgerKind;
use linli_domain::Id;
use linli_protocol::{
    ApiError, LedgerStatement, ListVolunteers, PointsExplanation, Statement, StatementLine,
    Volunteer,
};
use yew::prelude::*;

use super::logic::fmt_hours;
use crate::i18n::Texts;
use crate::ipc;

/// A statement line with its volunteer's statement and, when an hours entry earned it, that
/// entry's explanation.
#[derive(Clone, PartialEq)]
pub struct LineWhy {
    pub line: StatementLine,
    pub explanation: Option<PointsExplanation>,
}

pub async fn load_line(volunteer: Id, line: Id) -> Result<LineWhy, ApiError> {
    let st: Statement = ipc::call(&LedgerStatement {
        volunteer_id: volunteer,
    })
    .await?;
    let line = st
        .lines
        .into_iter()
        .find(|l| l.id == line)
        .ok_or_else(|| ApiError::new(linli_protocol::ErrorKind::NotFound, "—"))?;
    let explanation = match line.entry_id {
        Some(e) => Some(ipc::call(&linli_protocol::ExplainPoints { entry_id: e }).await?),
        None => None,
    };
    Ok(LineWhy { line, explanation })
}

/// One member of a work unit: the volunteer and their statement's lines that an hours entry
/// earned or took back.
#[derive(Clone, PartialEq)]
pub struct Member {
    pub volunteer: Volunteer,
    pub earning: Vec<StatementLine>,
}

impl Member {
    fn earned(&self) -> i64 {
        self.earning.iter().map(|l| l.points).sum()
    }
}

pub async fn load_unit(community: Id, unit: &str) -> Result<Vec<Member>, ApiError> {
    let all: Vec<Volunteer> = ipc::call(&ListVolunteers {
        community_id: community,
    })
    .await?;
    let mut members = Vec::new();
    for v in all
        .into_iter()
        .filter(|v| v.party.as_ref().is_some_and(|p| p.work_unit == unit))
    {
        let st: Statement = ipc::call(&LedgerStatement { volunteer_id: v.id }).await?;
        let earning = st
            .lines
            .into_iter()
            .filter(|l| l.entry_id.is_some())
            .collect();
        members.push(Member {
            volunteer: v,
            earning,
        });
    }
    Ok(members)
}

/// A line's own words in the window's language: an earning's service category translated, else
/// (an item, a reason: user data) as written.
fn note_in(t: &Texts, l: &StatementLine) -> String {
    let note = note_of(l);
    match l.kind {
        LedgerKind::Earn => (t.rules.service_category)(note).to_owned(),
        _ => note.to_owned(),
    }
}

/// A line's own words: its description without the kind's Chinese label the store puts first.
fn note_of(l: &StatementLine) -> &str {
    let label = l.kind.label_zh();
    l.description
        .strip_prefix(label)
        .map(|rest| rest.trim_start_matches(['：', ':']))
        .unwrap_or(&l.description)
        .trim()
}

/// "20 + 30 + 5" (a lone figure stands alone; none is "0").
fn sum_text<T: ToString>(parts: impl Iterator<Item = T>) -> String {
    let parts: Vec<String> = parts.map(|p| p.to_string()).collect();
    if parts.is_empty() {
        "0".to_owned()
    } else {
        parts.join(" + ")
    }
}

pub fn line_view(t: &Texts, why: &LineWhy, rules: Html, on_entry: &Callback<Id>) -> Html {
    let (f, d) = (&t.figures, &t.desk);
    let l = &why.line;
    let what = match l.kind {
        LedgerKind::Earn => f.line_earn.to_owned(),
        LedgerKind::Reverse => f.line_reverse.to_owned(),
        LedgerKind::Redeem => (f.line_redeem)(l.points),
        LedgerKind::Adjust => (f.line_adjust)(l.points),
        LedgerKind::Unknown => f.line_other.to_owned(),
    };
    let note = note_in(t, l);
    let category = why
        .explanation
        .as_ref()
        .map(|x| (t.rules.service_category)(&x.entry.category).to_owned())
        .unwrap_or_default();
    html! {
        <>
        <h2 id="points-why-title">{(f.line_title)(&l.date, l.points)}</h2>
        <p id="line-kind"><strong>{(f.kind)(l.kind)}</strong></p>
        <p id="line-what">{what}</p>
        if !note.is_empty() {
            <p class="muted" id="line-note">{(f.line_note)(&note)}</p>
        }
        if let Some(x) = &why.explanation {
            <h3>{f.the_entry}</h3>
            <table class="table" id="line-entry">
                <thead><tr>
                    <th>{t.vol_date}</th><th>{d.act_category}</th><th>{d.hours}</th>
                    <th>{d.credited_by}</th><th>{t.vol_points}</th>
                </tr></thead>
                <tbody>
                    <tr data-id={x.entry.id.to_string()}>
                        <td>{&x.entry.date}</td>
                        <td>{&category}</td>
                        <td class="num">{fmt_hours(x.entry.hours)}</td>
                        <td>{x.entry.credited_by_name.clone().unwrap_or_else(|| d.nobody.to_owned())}</td>
                        <td class="num">
                            <button class="points-link entry-points" title={f.open_entry}
                                onclick={let (on_entry, id) = (on_entry.clone(), x.entry.id); Callback::from(move |_| on_entry.emit(id))}>
                                {x.points}
                            </button>
                        </td>
                    </tr>
                </tbody>
            </table>
            <p class="why-calc" id="points-calc">{(d.calc)(&fmt_hours(x.minutes as f64 / 60.0), x.rate, x.raw)}</p>
            <p id="points-rate">{(d.rate_from)(&category, x.rate_is_default)}</p>
            <p class="figure-main" id="points-reason">{(d.reason)(x.reason, x.points, x.raw, x.month_before)}</p>
        }
        <p id="line-running">{(f.line_running)(l.running)}</p>
        if l.needs_review {
            <p class="hint">{f.line_review}</p>
        }
        <h3>{d.rules}</h3>
        {rules}
        </>
    }
}

pub fn unit_view(
    t: &Texts,
    unit: &str,
    members: &[Member],
    rules: Html,
    on_entry: &Callback<Id>,
    on_balance: &Callback<Id>,
) -> Html {
    let (f, d) = (&t.figures, &t.desk);
    let earned: i64 = members.iter().map(Member::earned).sum();
    let balance: i64 = members.iter().map(|m| m.volunteer.balance).sum();
    let hours: f64 = members.iter().map(|m| m.volunteer.hours).sum();
    html! {
        <>
        <h2 id="points-why-title">{(f.unit_title)(unit, members.len() as u32)}</h2>
        <p class="why-calc" id="unit-earned">
            {(f.unit_earned)(&sum_text(members.iter().map(Member::earned)), earned)}
        </p>
        <p id="unit-balance">
            {(f.unit_balance)(&sum_text(members.iter().map(|m| m.volunteer.balance)), balance)}
        </p>
        <p id="unit-hours">
            {(f.unit_hours)(&sum_text(members.iter().map(|m| fmt_hours(m.volunteer.hours))), &fmt_hours(hours))}
        </p>
        <p class="muted">{f.unit_rule}</p>
        <h3>{f.unit_members}</h3>
        <table class="table" id="unit-members">
            <thead><tr>
                <th>{f.col_member}</th><th>{f.col_hours}</th><th>{f.col_earned}</th><th>{f.col_balance}</th>
            </tr></thead>
            <tbody>
            { for members.iter().map(|m| {
                let (id, on_balance) = (m.volunteer.id, on_balance.clone());
                html! {
                    <tr key={id.to_string()} data-id={id.to_string()}>
                        <td>{&m.volunteer.name}</td>
                        <td class="num">{fmt_hours(m.volunteer.hours)}</td>
                        <td class="num">{m.earned()}</td>
                        <td class="num">
                            <button class="points-link balance-why" title={d.why_open}
                                onclick={Callback::from(move |_| on_balance.emit(id))}>
                                {m.volunteer.balance}
                            </button>
                        </td>
                    </tr>
                }
            }) }
            </tbody>
        </table>
        <h3>{f.unit_entries}</h3>
        if members.iter().all(|m| m.earning.is_empty()) {
            <p class="empty">{d.no_entries}</p>
        } else {
            <table class="table" id="unit-entries">
                <thead><tr>
                    <th>{f.col_member}</th><th>{t.vol_date}</th><th>{f.col_what}</th><th>{t.vol_points}</th>
                </tr></thead>
                <tbody>
                { for members.iter().flat_map(|m| m.earning.iter().map(move |l| (m, l))).map(|(m, l)| {
                    let entry = l.entry_id;
                    let on_entry = on_entry.clone();
                    html! {
                        <tr key={l.id.to_string()} data-id={l.id.to_string()}>
                            <td>{&m.volunteer.name}</td>
                            <td>{&l.date}</td>
                            <td>{(f.kind)(l.kind)}{" · "}{note_in(t, l)}</td>
                            <td class="num">
                                <button class="points-link entry-points" title={f.open_entry}
                                    onclick={Callback::from(move |_| if let Some(e) = entry { on_entry.emit(e) })}>
                                    {format!("{:+}", l.points)}
                                </button>
                            </td>
                        </tr>
                    }
                }) }
                </tbody>
            </table>
        }
        <h3>{d.rules}</h3>
        {rules}
        </>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lines_note_loses_the_kinds_label_and_sums_write_out() {
        let line = StatementLine {
            id: "00000000-0000-0000-0000-000000000007".parse().unwrap(),
            date: "2026-03-02".into(),
            kind: LedgerKind::Earn,
            points: 20,
            running: 20,
            description: "服务积分：护学".into(),
            reverses: None,
            needs_review: false,
            resolution: None,
            entry_id: None,
        };
        assert_eq!(note_of(&line), "护学");
        assert_eq!(sum_text([20, 30].iter()), "20 + 30");
        assert_eq!(sum_text(std::iter::empty::<i64>()), "0");
    }
}
