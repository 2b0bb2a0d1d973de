//! A community's circle: the service search (a word, or one of the common services as a chip),
//! the kind filter and a text, sorted by kind (grouped under each kind, as printed), by name or
//! the community's own first; each point with its address, hours, services, contact, who runs it
//! and the communities it serves, and when it opened. A neighbour's point (shared with this
//! community) is read-only here: edited and removed in its home community's circle. A closed
//! point (its closing day come) is left off unless asked for, then marked 已停用. Printed on A4
//! and exported as .xlsx.

use linli_domain::circle::{PointKind, SERVICES};
use linli_domain::Id;
use linli_protocol::{
    ExportCircle, ListCirclePoints, Place, PointSort, RemoveCirclePoint, ServicePoint,
};
use yew::prelude::*;

use crate::components::fields::{choice, input, options};
use crate::components::file_picker::{save_with_dialog, SaveOutcome, Saved};
use crate::components::print::PrintButton;
use crate::hooks::use_texts;
use crate::ipc;

#[derive(Properties, PartialEq)]
pub struct ListProps {
    pub community: Id,
    pub communities: Vec<Place>,
    pub on_edit: Callback<Id>,
    pub on_new: Callback<()>,
}

#[derive(Debug, Clone, Default, PartialEq)]
struct Filter {
    service: String,
    kind: String,
    text: String,
    sort: String,
    closed: bool,
}

#[function_component(PointList)]
pub fn point_list(p: &ListProps) -> Html {
    let t = use_texts();
    let g = &t.circle;
    let filter = use_state(Filter::default);
    let points = use_state(|| None as Option<Vec<ServicePoint>>);
    let generation = use_state(|| 0u32);
    let exported = use_state(|| None as Option<Saved>);
    {
        let points = points.clone();
        let community = p.community;
        use_effect_with(
            ((*filter).clone(), community, *generation),
            move |(f, _, _)| {
                let req = ListCirclePoints {
                    community_id: Some(community),
                    kind: PointKind::from_code(&f.kind),
                    service: f.service.clone(),
                    text: f.text.clone(),
                    sort: match f.sort.as_str() {
                        "name" => PointSort::Name,
                        "home" => PointSort::Home,
                        _ => PointSort::Kind,
                    },
                    include_closed: f.closed,
                };
                wasm_bindgen_futures::spawn_local(async move {
                    points.set(Some(ipc::call(&req).await.unwrap_or_default()));
                });
            },
        );
    }
    let set = |f: fn(&mut Filter, String)| {
        let filter = filter.clone();
        Callback::from(move |v: String| {
            let mut next = (*filter).clone();
            f(&mut next, v);
            filter.set(next);
        })
    };
    let community_name = p
        .communities
        .iter()
        .find(|c| c.id == p.community)
        .map(|c| c.name.clone())
        .unwrap_or_default();
    let on_export = {
        let exported = exported.clone();
        let (community, name) = (p.community, community_name.clone());
        let include_closed = filter.closed;
        Callback::from(move |_: MouseEvent| {
            let (exported, name) = (exported.clone(), name.clone());
            exported.set(None);
            wasm_bindgen_futures::spawn_local(async move {
                let file_name = format!("服务圈-{name}.xlsx");
                let outcome = save_with_dialog(t, file_name, |path| async move {
                    ipc::call(&ExportCircle {
                        community_id: Some(community),
                        path,
                        include_closed,
                    })
                    .await
                })
                .await;
                exported.set(Some(outcome));
            });
        })
    };
    let chips = SERVICES.iter().take(10).map(|(zh, _)| {
        let word = (*zh).to_owned();
        let on = set(|f, v| f.service = v);
        let active = filter.service == word;
        let label = match (g.service_label)(zh) {
            "" => word.clone(),
            l => l.to_owned(),
        };
        let onclick = {
            let word = if active { String::new() } else { word.clone() };
            Callback::from(move |_: MouseEvent| on.emit(word.clone()))
        };
        html! {
            <button class={classes!("chip", active.then_some("chip-status"))} {onclick}
                id={format!("circle-chip-{zh}")}>{label}</button>
        }
    });
    let row = |s: &ServicePoint| {
        let f = &s.fields;
        let edit = {
            let id = s.id;
            p.on_edit.reform(move |_: MouseEvent| id)
        };
        let remove = {
            let (id, generation) = (s.id, generation.clone());
            Callback::from(move |_: MouseEvent| {
                let generation = generation.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    if ipc::call(&RemoveCirclePoint { id }).await.is_ok() {
                        generation.set(*generation + 1);
                    }
                });
            })
        };
        let services = f
            .services
            .iter()
            .map(|w| match (g.service_label)(w) {
                "" => w.clone(),
                l => l.to_owned(),
            })
            .collect::<Vec<_>>()
            .join("、");
        let neighbour = f.community_id != p.community;
        let opened = if f.opened_on.is_empty() {
            String::new()
        } else {
            (g.opened_mark)(&f.opened_on)
        };
        html! {
            <tr id={format!("circle-point-{}", s.id)}
                class={classes!("circle-point", s.closed.then_some("circle-closed"))}>
                <td>
                    <strong>{f.name.clone()}</strong>
                    if s.closed {
                        {" "}<span class="chip chip-alert" id={format!("circle-closed-{}", s.id)}>
                            {format!("{}（{}）", g.closed_mark, f.closed_on)}
                        </span>
                    }
                    if neighbour { {" "}<span class="chip">{g.neighbour}</span> }
                    if s.shared && !neighbour { {" "}<span class="chip">{g.shared}</span> }
                    <br /><span class="muted">{(g.kind_label)(f.kind)}</span>
                    if !opened.is_empty() { {" "}<span class="muted">{opened}</span> }
                </td>
                <td>{f.address.clone()}</td>
                <td>{f.hours.clone()}</td>
                <td class="circle-services">{services}</td>
                <td>{format!("{} {}", f.contact_name, f.contact_phone).trim().to_owned()}</td>
                // a neighbour's point may be run by a community this laptop does not hold
                <td>{if s.run_by.is_empty() && neighbour { g.neighbour.to_owned() } else { s.run_by.clone() }}</td>
                <td>{s.serves_names.join("、")}</td>
                // a neighbour's point is kept by its home community (the server refuses anyone
                // else's change): edited and removed from that community's circle only
                <td class="no-print">
                    if !neighbour {
                        <button class="btn btn-small" id={format!("circle-edit-{}", s.id)} onclick={edit}>{g.edit_point}</button>
                        <button class="btn btn-small" id={format!("circle-remove-{}", s.id)} onclick={remove}>{g.remove}</button>
                    }
                </td>
            </tr>
        }
    };
    let head = html! {
        <thead><tr>
            <th>{g.col_name}</th><th>{g.col_address}</th><th>{g.col_hours}</th>
            <th>{g.col_services}</th><th>{g.col_contact}</th><th>{g.col_run_by}</th>
            <th>{g.col_serves}</th><th class="no-print"></th>
        </tr></thead>
    };
    let body = points.as_ref().map(|ps| {
        if ps.is_empty() {
            let said = if filter.service.trim().is_empty() {
                g.none.to_owned()
            } else {
                (g.none_for)(filter.service.trim())
            };
            return html! { <p class="muted" id="circle-none">{said}</p> };
        }
        let grouped = filter.sort.is_empty() || filter.sort == "kind";
        let tables = if grouped {
            PointKind::ALL
                .iter()
                .filter(|k| ps.iter().any(|s| s.fields.kind == **k))
                .map(|k| {
                    html! {
                        <>
                            <h3 class="circle-kind">{(g.kind_label)(*k)}</h3>
                            <table class="table circle-list">
                                {head.clone()}
                                <tbody>{ for ps.iter().filter(|s| s.fields.kind == *k).map(row) }</tbody>
                            </table>
                        </>
                    }
                })
                .collect::<Html>()
        } else {
            html! {
                <table class="table circle-list">
                    {head.clone()}
                    <tbody>{ for ps.iter().map(row) }</tbody>
                </table>
            }
        };
        html! {
            <div id="circle-points">
                <p class="muted no-print" id="circle-found">{(g.found)(ps.len())}</p>
                {tables}
            </div>
        }
    });
    let kinds = options(
        Some(g.all_kinds),
        PointKind::ALL,
        PointKind::code,
        g.kind_label,
    );
    let sorts = [
        ("kind", g.sort_kind),
        ("name", g.sort_name),
        ("home", g.sort_home),
    ];
    let show_closed = {
        let filter = filter.clone();
        Callback::from(move |e: Event| {
            let on = e
                .target_unchecked_into::<web_sys::HtmlInputElement>()
                .checked();
            let mut next = (*filter).clone();
            next.closed = on;
            filter.set(next);
        })
    };
    let f = &*filter;
    let new = p.on_new.reform(|_: MouseEvent| ());
    html! {
        <div class="panel circle-list-panel">
            <div class="form-row no-print">
                {input("circle-find", g.find_service, &f.service, "search", set(|f, v| f.service = v))}
                {choice("circle-filter-kind", g.kind, &f.kind, &kinds, set(|f, v| f.kind = v))}
                {input("circle-filter-text", g.search_text, &f.text, "search", set(|f, v| f.text = v))}
                {choice("circle-sort", g.sort, &f.sort, &sorts, set(|f, v| f.sort = v))}
                <label class="check">
                    <input type="checkbox" id="circle-show-closed" checked={f.closed}
                        onchange={show_closed} />{g.show_closed}
                </label>
            </div>
            <div class="chips no-print" id="circle-chips">
                <span class="muted">{g.find_hint}</span>{" "}{ for chips }
            </div>
            <div class="form-row no-print">
                <button class="btn btn-primary" id="circle-new" onclick={new}>{g.new_point}</button>
                <PrintButton id="circle-print" />
                <button class="btn btn-small" id="circle-export" onclick={on_export}>{g.export}</button>
                <SaveOutcome id="circle-export" outcome={(*exported).clone()} />
            </div>
            <h2 class="print-only" id="circle-print-title">{(g.print_title)(&community_name)}</h2>
            { body.unwrap_or_else(|| html! { <p class="muted">{g.loading}</p> }) }
        </div>
    }
}
