//! The 巡防记录 tab: the logs of a community filtered (team, text, a finding's category, dates,
//! only those with findings), sorted, printed on A4 and exported as .xlsx; each log's findings
//! with their photos and the request each became, or 转为诉求 (title, category, owner, due date)
//! in one step: with an owner the request is dispatched to them at once, without one it waits on
//! the 诉求 board.

use std::rc::Rc;

use linli_domain::field::TaskCategory;
use linli_domain::patrols::FindingCategory;
use linli_domain::Id;
use linli_protocol::{
    ApiError, Attachment, ExportPatrolLogs, ListAttachments, ListPatrolLogs, ListPeople,
    PatrolFinding, PatrolFindingToRequest, PatrolLog, PatrolLogSort, PatrolTeam, Person,
};
use yew::prelude::*;

use super::Open;
use crate::components::attachments::{AttachPhoto, AttachmentList};
use crate::components::fields::{choice, input, options, setter};
use crate::components::file_picker::{save_with_dialog, SaveOutcome, Saved};
use crate::components::print::PrintButton;
use crate::components::staff_picker::StaffPicker;
use crate::hooks::use_texts;
use crate::ipc;
use crate::pages::lending::error_line;

#[derive(Properties, PartialEq)]
pub struct LogListProps {
    pub community: Id,
    pub teams: Rc<Vec<PatrolTeam>>,
    pub on_open: Callback<Open>,
    pub generation: u32,
}

#[derive(Debug, Clone, Default, PartialEq)]
struct Filter {
    team: String,
    text: String,
    category: String,
    from: String,
    to: String,
    with_findings: String,
    sort: String,
}

fn request_of(f: &Filter, community: Id) -> ListPatrolLogs {
    let day = |d: &str| (!d.is_empty()).then(|| d.to_owned());
    ListPatrolLogs {
        community_id: Some(community),
        team_id: f.team.parse().ok(),
        text: f.text.clone(),
        category: FindingCategory::from_code(&f.category),
        from: day(&f.from),
        to: day(&f.to),
        with_findings: f.with_findings == "yes",
        sort: match f.sort.as_str() {
            "oldest" => PatrolLogSort::Oldest,
            "findings" => PatrolLogSort::Findings,
            "team" => PatrolLogSort::Team,
            _ => PatrolLogSort::Newest,
        },
    }
}

#[function_component(LogList)]
pub fn log_list(p: &LogListProps) -> Html {
    let t = use_texts();
    let g = &t.patrols;
    let filter = use_state(Filter::default);
    let logs = use_state(|| None as Option<Vec<PatrolLog>>);
    let reload = use_state(|| 0u32);
    let exported = use_state(|| None as Option<Saved>);
    let people = use_state(|| Rc::new(Vec::<Person>::new()));
    {
        let people = people.clone();
        use_effect_with(p.community, move |community| {
            let community_id = *community;
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(list) = ipc::call(&ListPeople { community_id }).await {
                    people.set(Rc::new(list));
                }
            });
        });
    }
    {
        let logs = logs.clone();
        let req = request_of(&filter, p.community);
        use_effect_with((req, p.generation, *reload), move |(req, _, _)| {
            let req = req.clone();
            wasm_bindgen_futures::spawn_local(async move {
                logs.set(Some(ipc::call(&req).await.unwrap_or_default()));
            });
        });
    }
    let on_export = {
        let (exported, filter, community) = (exported.clone(), filter.clone(), p.community);
        Callback::from(move |_: MouseEvent| {
            let (exported, req) = (exported.clone(), request_of(&filter, community));
            exported.set(None);
            wasm_bindgen_futures::spawn_local(async move {
                let outcome = save_with_dialog(t, "巡防记录.xlsx".to_owned(), |path| async move {
                    ipc::call(&ExportPatrolLogs { filter: req, path }).await
                })
                .await;
                exported.set(Some(outcome));
            });
        })
    };
    let teams: Vec<(String, String)> = std::iter::once((String::new(), g.all_teams.to_owned()))
        .chain(
            p.teams
                .iter()
                .map(|t| (t.id.to_string(), t.fields.name.clone())),
        )
        .collect();
    let cats = options(
        Some(g.all_categories),
        FindingCategory::ALL,
        FindingCategory::code,
        g.category_label,
    );
    let sorts: Vec<(String, String)> = [
        ("newest", g.sort_newest),
        ("oldest", g.sort_oldest),
        ("findings", g.sort_findings),
        ("team", g.sort_team),
    ]
    .iter()
    .map(|(c, l)| ((*c).to_owned(), (*l).to_owned()))
    .collect();
    let only = vec![
        (String::new(), g.all_categories.to_owned()),
        ("yes".to_owned(), g.with_findings.to_owned()),
    ];
    let new = p.on_open.reform(|_: MouseEvent| Open::New { slot: None });
    let changed = {
        let reload = reload.clone();
        Callback::from(move |_: ()| reload.set(*reload + 1))
    };
    let rows = logs.as_ref().map(|ls| {
        if ls.is_empty() {
            return html! { <p class="muted" id="patrol-no-logs">{g.no_logs}</p> };
        }
        html! {
            <table class="table" id="patrol-logs">
                <thead><tr>
                    <th>{g.col_date}</th><th>{g.col_time}</th><th>{g.col_team}</th>
                    <th>{g.col_route}</th><th>{g.col_members}</th><th>{g.col_findings}</th>
                </tr></thead>
                <tbody>
                { for ls.iter().map(|l| {
                    let open = { let id = l.id; p.on_open.reform(move |_: MouseEvent| Open::Log(id)) };
                    html! {
                        <tr id={format!("patrol-log-{}", l.id)}>
                            <td><button class="link" id={format!("patrol-open-{}", l.id)} onclick={open}>{l.date.clone()}</button></td>
                            <td>{format!("{}–{}", l.starts, l.ends)}</td>
                            <td>{l.team_name.clone()}</td>
                            <td>{l.route.clone()}</td>
                            <td>{l.member_names.clone()}</td>
                            <td>
                                if l.findings.is_empty() { <span class="muted">{g.no_findings}</span> }
                                { for l.findings.iter().map(|f| html! { <FindingLine finding={f.clone()} people={(*people).clone()} on_change={changed.clone()} /> }) }
                            </td>
                        </tr>
                    }
                }) }
                </tbody>
            </table>
        }
    });
    let f = &*filter;
    html! {
        <div class="panel patrol-logs">
            <div class="form-row no-print">
                {choice("patrol-filter-team", g.team, &f.team, &teams, setter(&filter, |f, v| f.team = v))}
                {choice("patrol-filter-category", g.category, &f.category, &cats, setter(&filter, |f, v| f.category = v))}
                {choice("patrol-filter-only", g.col_findings, &f.with_findings, &only, setter(&filter, |f, v| f.with_findings = v))}
                {input("patrol-filter-text", g.search, &f.text, "search", setter(&filter, |f, v| f.text = v))}
                {input("patrol-filter-from", g.from, &f.from, "date", setter(&filter, |f, v| f.from = v))}
                {input("patrol-filter-to", g.to, &f.to, "date", setter(&filter, |f, v| f.to = v))}
                {choice("patrol-sort", g.sort, &f.sort, &sorts, setter(&filter, |f, v| f.sort = v))}
            </div>
            <div class="form-row no-print">
                <button class="btn btn-primary" id="patrol-new-log" onclick={new}>{g.new_log}</button>
                <button class="btn" id="patrol-export" onclick={on_export}>{g.export}</button>
                <PrintButton id="patrol-logs-print" />
            </div>
            <SaveOutcome id="patrol-export-outcome" outcome={(*exported).clone()} />
            <h2 class="print-only">{format!("{} · {}", g.title, g.tab_logs)}</h2>
            { rows.unwrap_or_else(|| html! { <p class="muted">{g.loading}</p> }) }
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct FindingProps {
    finding: PatrolFinding,
    people: Rc<Vec<Person>>,
    on_change: Callback<()>,
}

#[derive(Debug, Clone, PartialEq)]
struct RequestDraft {
    title: String,
    category: String,
    owner: Option<Id>,
    due: String,
}

/// A finding: its category, place and description, its photos, and the request it became or
/// the one step making it one.
#[function_component(FindingLine)]
fn finding_line(p: &FindingProps) -> Html {
    let t = use_texts();
    let g = &t.patrols;
    let f = &p.finding;
    let draft = use_state(|| None as Option<RequestDraft>);
    let error = use_state(|| None as Option<ApiError>);
    let photos = use_state(Vec::<Attachment>::new);
    {
        let photos = photos.clone();
        use_effect_with(f.id, move |id| {
            let id = *id;
            wasm_bindgen_futures::spawn_local(async move {
                let found = ipc::call(&ListAttachments {
                    owner_table: "patrol_findings".to_owned(),
                    owner_ids: vec![id],
                })
                .await
                .unwrap_or_default();
                photos.set(found);
            });
        });
    }
    let on_added = {
        let photos = photos.clone();
        Callback::from(move |a: Attachment| {
            let mut next = (*photos).clone();
            next.push(a);
            photos.set(next);
        })
    };
    let start = {
        let (draft, f) = (draft.clone(), f.clone());
        Callback::from(move |_: MouseEvent| {
            let head: String = f.description.chars().take(40).collect();
            let title = if f.place.is_empty() {
                head
            } else {
                format!("{}：{head}", f.place)
            };
            draft.set(Some(RequestDraft {
                title,
                category: TaskCategory::PublicMatter.code().to_owned(),
                owner: None,
                due: String::new(),
            }))
        })
    };
    let confirm = {
        let (draft, error, on_change, id) =
            (draft.clone(), error.clone(), p.on_change.clone(), f.id);
        Callback::from(move |_: MouseEvent| {
            let Some(d) = (*draft).clone() else { return };
            let req = PatrolFindingToRequest {
                finding_id: id,
                title: d.title,
                category: TaskCategory::from_code(&d.category)
                    .unwrap_or(TaskCategory::PublicMatter),
                owner_id: d.owner,
                due_date: (!d.due.is_empty()).then_some(d.due),
            };
            let (draft, error, on_change) = (draft.clone(), error.clone(), on_change.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match ipc::call(&req).await {
                    Ok(_) => {
                        draft.set(None);
                        on_change.emit(());
                    }
                    Err(e) => error.set(Some(e)),
                }
            });
        })
    };
    let set = |fx: fn(&mut RequestDraft, String)| {
        let draft = draft.clone();
        Callback::from(move |v: String| {
            if let Some(mut next) = (*draft).clone() {
                fx(&mut next, v);
                draft.set(Some(next));
            }
        })
    };
    let on_owner = {
        let draft = draft.clone();
        Callback::from(move |o: Option<Id>| {
            if let Some(mut next) = (*draft).clone() {
                next.owner = o;
                draft.set(Some(next));
            }
        })
    };
    let cats: Vec<(String, String)> = [
        TaskCategory::PublicMatter,
        TaskCategory::CivicMatter,
        TaskCategory::HouseholdMatter,
        TaskCategory::Snapshot,
    ]
    .iter()
    .map(|c| (c.code().to_owned(), (t.task_category)(*c).to_owned()))
    .collect();
    let request = match (f.task_id, &*draft) {
        (Some(_), _) => html! {
            <span class="chip chip-ok patrol-request" id={format!("patrol-request-{}", f.id)}>
                {format!("{}：{}（{}）", g.request_made, f.task_title, f.task_status.map(t.task_status).unwrap_or(""))}
            </span>
        },
        (None, None) => html! {
            <button class="btn btn-small no-print" id={format!("patrol-make-request-{}", f.id)} onclick={start}>{g.make_request}</button>
        },
        (None, Some(d)) => html! {
            <div class="panel no-print" id={format!("patrol-request-form-{}", f.id)}>
                {input("patrol-request-title", g.request_title, &d.title, "text", set(|d, v| d.title = v))}
                {choice("patrol-request-category", g.request_category, &d.category, &cats, set(|d, v| d.category = v))}
                <StaffPicker id="patrol-request-owner" label={g.request_owner}
                    people={(*p.people).clone()} value={d.owner} onchange={on_owner.clone()}
                    none={AttrValue::from(g.request_owner_none)} />
                {input("patrol-request-due", g.due_date, &d.due, "date", set(|d, v| d.due = v))}
                { error.as_ref().map(|e| error_line(e, "patrol-request-error")).unwrap_or_default() }
                <button class="btn btn-primary" id="patrol-request-go" onclick={confirm}>{g.confirm_request}</button>
            </div>
        },
    };
    html! {
        <div class="patrol-finding" id={format!("patrol-finding-{}", f.id)}>
            <span class="chip">{(g.category_label)(f.category)}</span>
            {" "}
            if !f.place.is_empty() { <strong>{format!("{} ", f.place)}</strong> }
            {f.description.clone()}
            {" "}
            {request}
            <AttachmentList items={(*photos).clone()} />
            <span class="no-print">
                <AttachPhoto owner_table="patrol_findings" owner_id={f.id} on_added={on_added}
                    input_id={AttrValue::from(format!("patrol-photo-{}", f.id))} />
            </span>
        </div>
    }
}
