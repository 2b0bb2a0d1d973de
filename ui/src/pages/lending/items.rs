//! 物品: the station's kinds (copies, on the shelf, waiting in the queue), a kind created or
//! edited with its loan days, renewals, rest days, deposit, parts checklist and care notes, and
//! the kind chosen's photo and its copies (`copies`).

use linli_domain::lending::DepositUnit;
use linli_domain::Id;
use linli_protocol::{AddLendKind, ApiError, EditLendKind, LendKind, LendKindFields};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::copies::Copies;
use super::photos::KindPhotos;
use super::{error_line, StationProps};
use crate::hooks::{use_kept_state, use_texts};
use crate::ipc;

/// The kind form as typed.
#[derive(Debug, Clone, PartialEq, Default)]
struct Form {
    /// The kind edited (None: a new kind).
    id: Option<Id>,
    name: String,
    category: String,
    loan_days: String,
    max_renewals: String,
    buffer_days: String,
    unit: String,
    deposit: String,
    consumable: bool,
    approval: bool,
    care: String,
    parts: String,
}

impl Form {
    fn new_kind() -> Form {
        Form {
            loan_days: "14".into(),
            max_renewals: "1".into(),
            buffer_days: "0".into(),
            unit: DepositUnit::None.code().into(),
            deposit: "0".into(),
            ..Form::default()
        }
    }

    fn of(k: &LendKind) -> Form {
        let f = &k.fields;
        Form {
            id: Some(k.id),
            name: f.name.clone(),
            category: f.category.clone(),
            loan_days: f.loan_days.to_string(),
            max_renewals: f.max_renewals.to_string(),
            buffer_days: f.buffer_days.to_string(),
            unit: f.deposit_unit.code().into(),
            deposit: f.deposit.to_string(),
            consumable: f.consumable,
            approval: f.needs_approval,
            care: f.care_notes.clone(),
            parts: f.parts.join("，"),
        }
    }

    /// The fields, or what is wrong (a name missing, a number that is not one).
    fn fields(&self, l: &crate::i18n::LendingTexts) -> Result<LendKindFields, String> {
        if self.name.trim().is_empty() {
            return Err(l.err_name.to_owned());
        }
        let num = |v: &str, label: &str| -> Result<i64, String> {
            v.trim().parse().map_err(|_| (l.err_number)(label))
        };
        Ok(LendKindFields {
            name: self.name.trim().to_owned(),
            category: self.category.trim().to_owned(),
            loan_days: num(&self.loan_days, l.loan_days_field)?,
            max_renewals: num(&self.max_renewals, l.max_renewals)?,
            buffer_days: num(&self.buffer_days, l.buffer_days)?,
            deposit_unit: DepositUnit::read(&self.unit),
            deposit: num(&self.deposit, l.deposit)?,
            needs_approval: self.approval,
            consumable: self.consumable,
            care_notes: self.care.trim().to_owned(),
            parts: self
                .parts
                .split([',', '，', '、'])
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect(),
        })
    }
}

type Setter = fn(&mut Form, String);

#[function_component(Items)]
pub fn items(p: &StationProps) -> Html {
    let t = use_texts();
    let l = &t.lending;
    let open = use_kept_state("lending.kind", || None as Option<Id>);
    let form = use_state(|| None as Option<Form>);
    let said = use_state(|| None as Option<Result<String, ApiError>>);
    let community = p.community;

    let text =
        |id: &'static str, label: &'static str, f: &Form, get: fn(&Form) -> String, set: Setter| {
            let oninput = {
                let (form, cur) = (form.clone(), f.clone());
                Callback::from(move |e: InputEvent| {
                    let mut next = cur.clone();
                    set(
                        &mut next,
                        e.target_unchecked_into::<HtmlInputElement>().value(),
                    );
                    form.set(Some(next));
                })
            };
            html! {
                <label class="field">
                    <span class="label">{label}</span>
                    <input class="input" {id} value={get(f)} {oninput} />
                </label>
            }
        };
    let tick = |id: &'static str,
                label: &'static str,
                f: &Form,
                get: fn(&Form) -> bool,
                set: fn(&mut Form)| {
        let onchange = {
            let (form, cur) = (form.clone(), f.clone());
            Callback::from(move |_| {
                let mut next = cur.clone();
                set(&mut next);
                form.set(Some(next));
            })
        };
        html! {
            <label class="check">
                <input type="checkbox" {id} checked={get(f)} {onchange} />{label}
            </label>
        }
    };
    let editor = form.as_ref().map(|f| {
        let on_unit = {
            let (form, cur) = (form.clone(), f.clone());
            Callback::from(move |e: Event| {
                let mut next = cur.clone();
                next.unit = e.target_unchecked_into::<HtmlSelectElement>().value();
                form.set(Some(next));
            })
        };
        let save = {
            let (form, said, reload, cur) = (form.clone(), said.clone(), p.reload.clone(), f.clone());
            Callback::from(move |_| {
                let fields = match cur.fields(l) {
                    Ok(x) => x,
                    Err(m) => {
                        said.set(Some(Err(ApiError::new(linli_protocol::ErrorKind::Invalid, m))));
                        return;
                    }
                };
                let (form, said, reload, id) = (form.clone(), said.clone(), reload.clone(), cur.id);
                wasm_bindgen_futures::spawn_local(async move {
                    let r = match id {
                        Some(id) => ipc::call(&EditLendKind { id, fields }).await,
                        None => ipc::call(&AddLendKind { community_id: community, fields }).await,
                    };
                    match r {
                        Ok(k) => {
                            form.set(None);
                            said.set(Some(Ok(format!("{} · {}", l.saved, k.fields.name))));
                            reload.emit(());
                        }
                        Err(e) => said.set(Some(Err(e))),
                    }
                });
            })
        };
        let close = {
            let form = form.clone();
            Callback::from(move |_| form.set(None))
        };
        html! {
            <div class="panel lend-kind-form" id="kind-form">
                <div class="form-row">
                    {text("kind-name", l.name, f, |f| f.name.clone(), |f, v| f.name = v)}
                    {text("kind-category", l.category, f, |f| f.category.clone(), |f, v| f.category = v)}
                    {text("kind-loan-days", l.loan_days_field, f, |f| f.loan_days.clone(), |f, v| f.loan_days = v)}
                    {text("kind-renewals", l.max_renewals, f, |f| f.max_renewals.clone(), |f, v| f.max_renewals = v)}
                    {text("kind-buffer", l.buffer_days, f, |f| f.buffer_days.clone(), |f, v| f.buffer_days = v)}
                    <label class="field">
                        <span class="label">{l.deposit_unit}</span>
                        <select class="input" id="kind-unit" onchange={on_unit}>
                        { for [DepositUnit::None, DepositUnit::Yuan, DepositUnit::Points].iter().map(|u| html! {
                            <option value={u.code()} selected={f.unit == u.code()}>{(l.unit)(*u)}</option>
                        }) }
                        </select>
                    </label>
                    {text("kind-deposit", l.deposit, f, |f| f.deposit.clone(), |f, v| f.deposit = v)}
                    {text("kind-parts", l.parts_field, f, |f| f.parts.clone(), |f, v| f.parts = v)}
                    {text("kind-care", l.care_notes, f, |f| f.care.clone(), |f, v| f.care = v)}
                </div>
                <div class="check-row">
                    {tick("kind-consumable", l.consumable_field, f, |f| f.consumable, |f| f.consumable = !f.consumable)}
                    {tick("kind-approval", l.needs_approval_field, f, |f| f.approval, |f| f.approval = !f.approval)}
                </div>
                <div class="row-actions">
                    <button class="btn btn-primary" id="kind-save" onclick={save}>{l.save}</button>
                    <button class="btn" id="kind-close" onclick={close}>{l.close}</button>
                </div>
            </div>
        }
    });
    let new_kind = {
        let form = form.clone();
        Callback::from(move |_| form.set(Some(Form::new_kind())))
    };
    let rows = p.kinds.iter().enumerate().map(|(i, k)| {
        let show = {
            let open = open.clone();
            let id = k.id;
            Callback::from(move |_| open.set(Some(id)))
        };
        let edit = {
            let (form, k) = (form.clone(), k.clone());
            Callback::from(move |_| form.set(Some(Form::of(&k))))
        };
        let f = &k.fields;
        let terms = if f.consumable {
            l.consumable.to_owned()
        } else {
            (l.loan_days)(f.loan_days)
        };
        html! {
            <tr id={format!("kind-{i}")} class={classes!((Some(k.id) == *open).then_some("active"))}>
                <td><button class="link" id={format!("kind-open-{i}")} onclick={show}>{f.name.clone()}</button></td>
                <td>{f.category.clone()}</td>
                <td>{terms}</td>
                <td class="num">{k.copies}</td>
                <td class="num">{k.on_shelf}</td>
                <td class="num">{k.holds_waiting}</td>
                <td><button class="btn btn-small" id={format!("kind-edit-{i}")} onclick={edit}>{l.edit}</button></td>
            </tr>
        }
    });
    let chosen = (*open).and_then(|id| p.kinds.iter().find(|k| k.id == id).cloned());
    html! {
        <>
        <div class="panel no-print">
            <div class="panel-head">
                <h2>{l.kinds_title}</h2>
                <button class="btn" id="kind-new" onclick={new_kind}>{l.add_kind}</button>
            </div>
            { match &*said {
                Some(Ok(m)) => html! { <p class="notice" id="kind-msg">{m.clone()}</p> },
                Some(Err(e)) => error_line(e, "kind-error"),
                None => html! {},
            } }
            <table class="table" id="kinds-list">
                <thead><tr>
                    <th>{l.name}</th><th>{l.col_category}</th><th>{l.col_due}</th>
                    <th class="num">{l.col_copies}</th><th class="num">{l.col_on_shelf}</th>
                    <th class="num">{l.col_waiting}</th><th></th>
                </tr></thead>
                <tbody>{ for rows }</tbody>
            </table>
        </div>
        {editor}
        if let Some(k) = chosen {
            <div class="panel no-print">
                <KindPhotos id={k.id} title={format!("{} · {}", l.kind_photo, k.fields.name)} />
            </div>
            <Copies {community} kind={k} reload={p.reload.clone()} />
        }
        </>
    }
}
