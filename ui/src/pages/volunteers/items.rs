//! 兑换物品: the catalogue — add an item (goods with their stock, or children's class hours),
//! edit its name, points and unit, and restock goods.

use linli_domain::volunteers::ItemKind;
use linli_domain::Id;
use linli_protocol::{AddCatalogueItem, CatalogueItem, EditCatalogueItem, Restock};
use yew::prelude::*;

use super::forms::{parse_count, Errs, ItemForm};
use super::widgets::{input, job, Job};
use crate::hooks::use_texts;
use crate::ipc;
use crate::pages::field::{checked_of, value_of};

#[derive(Properties, PartialEq)]
pub struct ItemsProps {
    pub community: Id,
    pub catalogue: Vec<CatalogueItem>,
    pub busy: bool,
    pub run: Callback<Job>,
}

#[function_component(Items)]
pub fn items(p: &ItemsProps) -> Html {
    let t = use_texts();
    let d = &t.desk;
    let editing = use_state(|| None as Option<Id>);
    let form = use_state(ItemForm::default);
    let errs = use_state(Errs::new);
    // restock quantities typed, per item
    let qty = use_state(Vec::<(Id, String)>::new);
    let qty_err = use_state(|| None as Option<Id>);

    let set = |f: fn(&mut ItemForm, String)| {
        let form = form.clone();
        Callback::from(move |v: String| {
            let mut next = (*form).clone();
            f(&mut next, v);
            form.set(next);
        })
    };
    let on_save = {
        let (form, errs, editing, run) =
            (form.clone(), errs.clone(), editing.clone(), p.run.clone());
        let community = p.community;
        Callback::from(move |_| {
            let (cost, stock) = match form.check(t) {
                Ok(x) => x,
                Err(e) => return errs.set(e),
            };
            errs.set(Errs::new());
            let f = (*form).clone();
            let id = *editing;
            form.set(ItemForm::default());
            editing.set(None);
            run.emit(job(async move {
                let item = match id {
                    Some(id) => {
                        ipc::call(&EditCatalogueItem {
                            id,
                            name: f.name.trim().to_owned(),
                            cost,
                            unit: f.unit.trim().to_owned(),
                        })
                        .await?
                    }
                    None => {
                        ipc::call(&AddCatalogueItem {
                            community_id: community,
                            kind: if f.class_hours {
                                ItemKind::ClassHours
                            } else {
                                ItemKind::Goods
                            },
                            name: f.name.trim().to_owned(),
                            cost,
                            unit: f.unit.trim().to_owned(),
                            stock,
                        })
                        .await?
                    }
                };
                Ok((t.desk.saved)(&item.name))
            }));
        })
    };

    let rows = p.catalogue.iter().map(|i| {
        let iid = i.id;
        let typed = qty.iter().find(|(x, _)| *x == iid).map(|(_, q)| q.clone()).unwrap_or_default();
        let on_qty = {
            let qty = qty.clone();
            Callback::from(move |e: InputEvent| {
                let mut next: Vec<(Id, String)> = qty.iter().filter(|(x, _)| *x != iid).cloned().collect();
                next.push((iid, value_of(e)));
                qty.set(next);
            })
        };
        let on_restock = {
            let (run, qty_err, qty, typed, name) = (p.run.clone(), qty_err.clone(), qty.clone(), typed.clone(), i.name.clone());
            Callback::from(move |_| {
                let Some(q) = parse_count(&typed, 1, 100_000) else {
                    return qty_err.set(Some(iid));
                };
                qty_err.set(None);
                qty.set(qty.iter().filter(|(x, _)| *x != iid).cloned().collect());
                let name = name.clone();
                run.emit(job(async move {
                    let item = ipc::call(&Restock { item_id: iid, quantity: q }).await?;
                    Ok((t.desk.restocked)(&name, item.stock.unwrap_or(0)))
                }));
            })
        };
        let on_edit = {
            let (editing, form, errs, i) = (editing.clone(), form.clone(), errs.clone(), i.clone());
            Callback::from(move |_| {
                editing.set(Some(i.id));
                errs.set(Errs::new());
                form.set(ItemForm {
                    name: i.name.clone(),
                    cost: i.cost.to_string(),
                    unit: i.unit.clone(),
                    stock: String::new(),
                    class_hours: i.kind == ItemKind::ClassHours,
                });
            })
        };
        html! {
            <tr key={iid.to_string()} class="item-row" data-id={iid.to_string()} data-name={i.name.clone()}>
                <td>{&i.name}</td>
                <td>{(d.item_kind_label)(i.kind)}</td>
                <td class="num">{i.cost}</td>
                <td>{&i.unit}</td>
                <td class="num item-stock">{i.stock.map(|s| s.to_string()).unwrap_or_else(|| d.item_stock_none.to_owned())}</td>
                <td class="row-actions">
                    <button class="btn btn-small item-edit" onclick={on_edit}>{d.edit}</button>
                    if i.stock.is_some() {
                        <input class="input input-narrow restock-qty" aria-label={d.restock_qty} placeholder={d.restock_qty}
                            value={typed} oninput={on_qty} />
                        <button class="btn btn-small restock-btn" disabled={p.busy} onclick={on_restock}>{d.restock}</button>
                        if *qty_err == Some(iid) { <span class="field-error">{d.err_qty}</span> }
                    }
                </td>
            </tr>
        }
    });
    let e = |k: &str| errs.get(k).copied();

    html! {
        <div class="desk-grid">
            <div class="panel">
                <h2>{t.vol_item}</h2>
                if p.catalogue.is_empty() {
                    <p class="empty">{d.no_items}</p>
                } else {
                    <table class="table" id="item-list">
                        <thead><tr><th>{d.item_name}</th><th>{d.item_kind}</th><th>{d.item_cost}</th>
                            <th>{d.item_unit}</th><th>{d.item_stock}</th><th></th></tr></thead>
                        <tbody>{ for rows }</tbody>
                    </table>
                }
            </div>
            <div class="panel" id="item-form">
                <h2 class="form-title">{match editing.and_then(|id| p.catalogue.iter().find(|x| x.id == id)) {
                    Some(i) => format!("{} · {}", d.edit, i.name),
                    None => d.item_new.to_owned(),
                }}</h2>
                if editing.is_none() {
                    <label class="check">
                        <input id="if-class-hours" type="checkbox" checked={form.class_hours}
                            onchange={{ let form = form.clone(); Callback::from(move |e: Event| {
                                let mut next = (*form).clone();
                                next.class_hours = checked_of(e);
                                form.set(next);
                            }) }} />
                        {(d.item_kind_label)(ItemKind::ClassHours)}
                    </label>
                }
                {input("if-name", d.item_name, &form.name, e("name"), set(|f, v| f.name = v))}
                <div class="form-row">
                    {input("if-cost", d.item_cost, &form.cost, e("cost"), set(|f, v| f.cost = v))}
                    {input("if-unit", d.item_unit, &form.unit, None, set(|f, v| f.unit = v))}
                    if editing.is_none() && !form.class_hours {
                        {input("if-stock", d.item_stock, &form.stock, e("stock"), set(|f, v| f.stock = v))}
                    }
                </div>
                <div class="form-actions">
                    <button id="if-save" class="btn btn-primary" disabled={p.busy} onclick={on_save}>{d.save}</button>
                    if !errs.is_empty() {
                        <span class="field-error" role="alert">{d.fix_marked}</span>
                    }
                </div>
            </div>
        </div>
    }
}
