//! The programmes of a community: by kind or a text, sorted by name, kind, how full or how many
//! wait; each with its schedule, term, ages, places taken and who is in today; printed on A4.

use linli_domain::programmes::ProgrammeKind;
use linli_domain::Id;
use linli_protocol::{ListProgrammes, ProgrammeLine, ProgrammeSort};
use yew::prelude::*;

use super::{choice, input};
use crate::components::print::PrintButton;
use crate::hooks::use_texts;
use crate::ipc;

#[derive(Properties, PartialEq)]
pub struct ListProps {
    pub community: Id,
    pub on_open: Callback<Id>,
    pub on_new: Callback<()>,
}

#[derive(Debug, Clone, Default, PartialEq)]
struct Filter {
    kind: String,
    text: String,
    sort: String,
}

#[function_component(ProgrammeList)]
pub fn programme_list(p: &ListProps) -> Html {
    let t = use_texts();
    let g = &t.programmes;
    let filter = use_state(Filter::default);
    let lines = use_state(|| None as Option<Vec<ProgrammeLine>>);
    {
        let lines = lines.clone();
        let community = p.community;
        use_effect_with(((*filter).clone(), community), move |(f, _)| {
            let req = ListProgrammes {
                community_id: Some(community),
                kind: ProgrammeKind::from_code(&f.kind),
                text: f.text.clone(),
                sort: match f.sort.as_str() {
                    "kind" => ProgrammeSort::Kind,
                    "fill" => ProgrammeSort::Fill,
                    "waiting" => ProgrammeSort::Waiting,
                    _ => ProgrammeSort::Name,
                },
                date: None,
            };
            wasm_bindgen_futures::spawn_local(async move {
                lines.set(Some(ipc::call(&req).await.unwrap_or_default()));
            });
        });
    }
    let set = |f: fn(&mut Filter, String)| {
        let filter = filter.clone();
        Callback::from(move |v: String| {
            let mut next = (*filter).clone();
            f(&mut next, v);
            filter.set(next);
        })
    };
    let kinds: Vec<(String, String)> = std::iter::once((String::new(), g.all_kinds.to_owned()))
        .chain(
            ProgrammeKind::ALL
                .iter()
                .map(|k| (k.code().to_owned(), (g.kind_label)(*k).to_owned())),
        )
        .collect();
    let sorts: Vec<(String, String)> = [
        ("name", g.sort_name),
        ("kind", g.sort_kind),
        ("fill", g.sort_fill),
        ("waiting", g.sort_waiting),
    ]
    .iter()
    .map(|(c, l)| ((*c).to_owned(), (*l).to_owned()))
    .collect();
    let new = p.on_new.reform(|_: MouseEvent| ());
    let rows = lines.as_ref().map(|ls| {
        if ls.is_empty() {
            return html! { <p class="muted" id="prog-none">{g.none}</p> };
        }
        html! {
            <table class="table" id="prog-list">
                <thead><tr>
                    <th>{g.col_name}</th><th>{g.col_kind}</th><th>{g.col_place}</th>
                    <th>{g.col_schedule}</th><th>{g.col_term}</th><th>{g.col_ages}</th>
                    <th>{g.col_fill}</th><th>{g.col_waiting}</th><th>{g.col_present}</th>
                    <th>{g.col_staff}</th>
                </tr></thead>
                <tbody>
                { for ls.iter().map(|l| {
                    let open = { let id = l.id; p.on_open.reform(move |_: MouseEvent| id) };
                    let place = if l.room.is_empty() { l.place_name.clone() } else { format!("{} {}", l.place_name, l.room) };
                    let term = format!("{} – {}", l.term_start, if l.term_end.is_empty() { "…" } else { l.term_end.as_str() });
                    let full = l.enrolled as i64 >= l.capacity;
                    html! {
                        <tr>
                            <td><button class="link" id={format!("prog-open-{}", l.id)} onclick={open}>{l.name.clone()}</button></td>
                            <td>{(g.kind_label)(l.kind)}</td>
                            <td>{place}</td>
                            <td>{(g.schedule)(&l.weekdays, &l.opens, &l.closes)}</td>
                            <td>{term}</td>
                            <td>{(g.ages)(l.age_min, l.age_max)}</td>
                            <td>
                                {format!("{} / {}", l.enrolled, l.capacity)}
                                if full { <>{" "}<span class="chip chip-status">{g.full}</span></> }
                            </td>
                            <td>{l.waiting}</td>
                            <td>{ if l.meets { l.present.to_string() } else { "—".to_owned() } }</td>
                            <td>{l.staff.clone()}</td>
                        </tr>
                    }
                }) }
                </tbody>
            </table>
        }
    });
    let f = &*filter;
    html! {
        <div class="panel prog-list">
            <div class="form-row no-print">
                {choice("prog-filter-kind", g.col_kind, &f.kind, &kinds, set(|f, v| f.kind = v))}
                {input("prog-filter-text", g.search, &f.text, "search", set(|f, v| f.text = v))}
                {choice("prog-sort", g.sort, &f.sort, &sorts, set(|f, v| f.sort = v))}
                <button class="btn btn-primary" id="prog-new" onclick={new}>{g.new_programme}</button>
                <PrintButton id="prog-print" />
            </div>
            <h2 class="print-only">{g.title}</h2>
            { rows.unwrap_or_else(|| html! { <p class="muted">{g.loading}</p> }) }
        </div>
    }
}
