//! The household's timeline (时间线): its visits, its tasks' events, its register changes and its
//! loans from the sharing station (lent, renewed, returned, overdue) in one list, newest first, each with a small label of its kind; a filter by kind, the first
//! [`PAGE`] lines and "显示更多" for the rest. A task's line opens the task (its panel above the
//! list, where it is taken through its next step), and carries the task's photos as thumbnails on
//! its newest line; a visit's line carries the visit's photos. It loads again when the page's `version` moves (an edit on the page) and when
//! the task panel changes a task.

use std::collections::{HashMap, HashSet};

use linli_domain::Id;
use linli_protocol::{
    ApiError, Attachment, GetTask, HouseholdTimeline, ListAttachments, TimelineEntry, TimelineKind,
};
use yew::prelude::*;

use crate::components::attachments::mini;
use crate::hooks::use_texts;
use crate::i18n::Texts;
use crate::ipc;
use crate::pages::task_panel::TaskPanel;

/// How many lines show at first, and how many more each "显示更多" adds.
pub const PAGE: usize = 20;

/// Which lines the timeline shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Filter {
    All,
    Visits,
    Tasks,
    Register,
    Loans,
}

impl Filter {
    pub const ALL: [Filter; 5] = [
        Filter::All,
        Filter::Visits,
        Filter::Tasks,
        Filter::Register,
        Filter::Loans,
    ];

    /// A stable name for ids and tests.
    pub fn slug(self) -> &'static str {
        match self {
            Filter::All => "all",
            Filter::Visits => "visit",
            Filter::Tasks => "task",
            Filter::Register => "register",
            Filter::Loans => "loan",
        }
    }

    pub fn keeps(self, kind: TimelineKind) -> bool {
        match self {
            Filter::All => true,
            Filter::Visits => kind == TimelineKind::Visit,
            Filter::Tasks => kind == TimelineKind::TaskEvent,
            Filter::Register => kind == TimelineKind::Register,
            Filter::Loans => kind == TimelineKind::Loan,
        }
    }

    fn label(self, t: &Texts) -> &'static str {
        match self {
            Filter::All => t.timeline.filter_all,
            Filter::Visits => t.timeline.filter_visits,
            Filter::Tasks => t.timeline.filter_tasks,
            Filter::Register => t.timeline.filter_register,
            Filter::Loans => t.timeline.filter_loans,
        }
    }
}

/// The kind's slug (for `data-kind` and the label's colour) and its label.
pub fn kind_label(t: &Texts, kind: TimelineKind) -> (&'static str, &'static str) {
    match kind {
        TimelineKind::Visit => ("visit", t.timeline.kind_visit),
        TimelineKind::TaskEvent => ("task", t.timeline.kind_task),
        TimelineKind::Register => ("register", t.timeline.kind_register),
        TimelineKind::Loan => ("loan", t.timeline.kind_loan),
    }
}

/// The lines `filter` keeps, the first `limit` of them, and how many it keeps beyond those.
pub fn shown(
    entries: &[TimelineEntry],
    filter: Filter,
    limit: usize,
) -> (Vec<&TimelineEntry>, usize) {
    let kept: Vec<&TimelineEntry> = entries.iter().filter(|e| filter.keeps(e.kind)).collect();
    let left = kept.len().saturating_sub(limit);
    (kept.into_iter().take(limit).collect(), left)
}

/// For each line, whether it is the first (newest) line of its task among `lines`: the one that
/// carries the task's photos, so they show once.
pub fn first_of_each_task(lines: &[&TimelineEntry]) -> Vec<bool> {
    let mut seen = HashSet::new();
    lines
        .iter()
        .map(|e| e.kind == TimelineKind::TaskEvent && seen.insert(e.row_id))
        .collect()
}

/// The tasks the timeline names, each once, newest first.
fn task_ids(entries: &[TimelineEntry]) -> Vec<Id> {
    let mut seen = HashSet::new();
    entries
        .iter()
        .filter(|e| e.kind == TimelineKind::TaskEvent && seen.insert(e.row_id))
        .map(|e| e.row_id)
        .collect()
}

#[derive(Properties, PartialEq)]
pub struct Props {
    pub household_id: Id,
    /// The household's community: the task panel lists its people. Without one, task lines do
    /// not open.
    pub community: Option<Id>,
    /// The page's version: it moves after an edit on the page, and the timeline loads again.
    pub version: u32,
}

#[function_component(Timeline)]
pub fn timeline(props: &Props) -> Html {
    let t = use_texts();
    let entries = use_state(|| None as Option<Result<Vec<TimelineEntry>, ApiError>>);
    let photos = use_state(HashMap::<Id, Vec<Attachment>>::new);
    let filter = use_state(|| Filter::All);
    let limit = use_state(|| PAGE);
    let open = use_state(|| None as Option<Id>);
    // moved by the task panel when it changes a task or adds a photo
    let reload = use_state(|| 0u32);
    {
        let (entries, photos) = (entries.clone(), photos.clone());
        use_effect_with(
            (props.household_id, props.version, *reload),
            move |(id, _, _)| {
                let household_id = *id;
                wasm_bindgen_futures::spawn_local(async move {
                    let res = ipc::call(&HouseholdTimeline { household_id }).await;
                    let tasks = res.as_ref().map(|l| task_ids(l)).unwrap_or_default();
                    let visits: Vec<Id> = res
                        .as_ref()
                        .map(|l| {
                            l.iter()
                                .filter(|e| e.kind == TimelineKind::Visit)
                                .map(|e| e.row_id)
                                .collect()
                        })
                        .unwrap_or_default();
                    entries.set(Some(res));
                    let mut found = HashMap::new();
                    for id in tasks {
                        if let Ok(d) = ipc::call(&GetTask { id, today: None }).await {
                            if !d.attachments.is_empty() {
                                found.insert(id, d.attachments);
                            }
                        }
                    }
                    // a visit's photos, on its line
                    let listed = ipc::call(&ListAttachments {
                        owner_table: "visits".into(),
                        owner_ids: visits,
                    })
                    .await
                    .unwrap_or_default();
                    for a in listed {
                        found.entry(a.owner_id).or_insert_with(Vec::new).push(a);
                    }
                    photos.set(found);
                });
            },
        );
    }

    let list = match &*entries {
        None => html! { <p class="muted">{t.loading}</p> },
        Some(Err(e)) => {
            html! { <p class="alert alert-error" role="alert">{crate::i18n::say(e)}</p> }
        }
        Some(Ok(all)) if all.is_empty() => {
            html! { <p class="empty" id="timeline-empty">{t.timeline.empty}</p> }
        }
        Some(Ok(all)) => {
            let (lines, left) = shown(all, *filter, *limit);
            let firsts = first_of_each_task(&lines);
            let filters = Filter::ALL.iter().map(|&f| {
                let n = all.iter().filter(|e| f.keeps(e.kind)).count();
                let onclick = {
                    let (filter, limit) = (filter.clone(), limit.clone());
                    Callback::from(move |_| {
                        filter.set(f);
                        limit.set(PAGE);
                    })
                };
                let on = *filter == f;
                html! {
                    <button type="button" id={format!("timeline-filter-{}", f.slug())}
                        class={classes!("chip", "chip-toggle", on.then_some("on"))}
                        aria-pressed={on.to_string()} {onclick}>
                        {f.label(t)}{" "}<span class="timeline-filter-n">{n}</span>
                    </button>
                }
            });
            let line = |(e, first): (&TimelineEntry, bool)| {
                let (slug, label) = kind_label(t, e.kind);
                // a task's photos on its newest line, a visit's on its one line
                let pics = (first || e.kind == TimelineKind::Visit)
                    .then(|| photos.get(&e.row_id))
                    .flatten();
                let (title, detail) = (t.timeline.line)(e);
                let body = html! {
                    <>
                    <span class="timeline-head">
                        <span class={classes!("timeline-kind", format!("timeline-kind-{slug}"))}>{label}</span>
                        <span class="mono muted">{&e.at}</span>
                    </span>
                    <span class="timeline-title">{title}</span>
                    if !detail.is_empty() {
                        <span class="timeline-detail">{detail}</span>
                    }
                    if let Some(pics) = pics {
                        <span class="timeline-photos" title={(t.attach.count)(pics.len())}>
                            { for pics.iter().take(4).map(|a| mini(t, a)) }
                            if pics.len() > 4 {
                                <span class="muted">{format!("+{}", pics.len() - 4)}</span>
                            }
                        </span>
                    }
                    </>
                };
                let opens = e.kind == TimelineKind::TaskEvent && props.community.is_some();
                html! {
                    <li class="timeline-entry" data-kind={slug} data-id={e.row_id.to_string()}>
                        if opens {
                            <button type="button" class="timeline-open" title={t.timeline.open_task}
                                onclick={{
                                    let (open, id) = (open.clone(), e.row_id);
                                    Callback::from(move |_| open.set(Some(id)))
                                }}>
                                {body}
                            </button>
                        } else {
                            {body}
                        }
                    </li>
                }
            };
            let more = {
                let limit = limit.clone();
                Callback::from(move |_| limit.set(*limit + PAGE))
            };
            html! {
                <>
                <div class="chips timeline-filters" role="group" aria-label={t.timeline.filter_label}>
                    { for filters }
                </div>
                if lines.is_empty() {
                    <p class="empty" id="timeline-empty">{t.timeline.empty_filtered}</p>
                } else {
                    <ol class="timeline" id="timeline-list">
                        { for lines.iter().copied().zip(firsts).map(line) }
                    </ol>
                }
                if left > 0 {
                    <button type="button" class="btn" id="timeline-more" onclick={more}>
                        {(t.timeline.show_more)(left)}
                    </button>
                }
                </>
            }
        }
    };
    let count = match &*entries {
        Some(Ok(all)) if !all.is_empty() => (t.timeline.count)(all.len()),
        _ => String::new(),
    };
    let panel = match (*open, props.community) {
        (Some(task_id), Some(community)) => {
            let bump = {
                let reload = reload.clone();
                move || reload.set(*reload + 1)
            };
            let on_changed = {
                let bump = bump.clone();
                Callback::from(move |_| bump())
            };
            let on_attached = Callback::from(move |()| bump());
            let on_close = {
                let open = open.clone();
                Callback::from(move |()| open.set(None))
            };
            html! {
                <TaskPanel {task_id} {community} reload={*reload} {on_changed} {on_close} {on_attached} />
            }
        }
        _ => html! {},
    };
    html! {
        <>
        {panel}
        <div class="panel" id="household-timeline">
            <div class="panel-head">
                <h2>{t.timeline.title}</h2>
                <span class="muted" id="timeline-count">{count}</span>
            </div>
            {list}
        </div>
        </>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    fn id(n: u128) -> Id {
        Id::from_uuid(linli_domain::id::Uuid::from_u128(n))
    }

    fn entry(kind: TimelineKind, row: u128, title: &str) -> TimelineEntry {
        TimelineEntry {
            at: "2026-11-20 09:30".into(),
            kind,
            title: title.into(),
            detail: String::new(),
            row_id: id(row),
        }
    }

    /// Newest first, as the store gives them: a task's three steps, a visit, a register change,
    /// then 25 older visits.
    fn timeline() -> Vec<TimelineEntry> {
        let mut all = vec![
            entry(TimelineKind::TaskEvent, 1, "接单：修水管"),
            entry(TimelineKind::Register, 9, "张三：修改电话"),
            entry(TimelineKind::TaskEvent, 1, "派单：修水管"),
            entry(TimelineKind::Visit, 2, "入户走访（见到人）"),
            entry(TimelineKind::TaskEvent, 1, "点单：修水管"),
            entry(TimelineKind::TaskEvent, 3, "点单：换灯泡"),
        ];
        all.extend((100..125).map(|n| entry(TimelineKind::Visit, n, "电话走访（见到人）")));
        all
    }

    #[test]
    fn a_filter_keeps_its_kind_in_order_and_the_rest_waits_behind_show_more() {
        let all = timeline();
        let (lines, left) = shown(&all, Filter::All, PAGE);
        assert_eq!((lines.len(), left), (20, 11));
        assert_eq!(lines[0].title, "接单：修水管", "newest first, as given");
        let (lines, left) = shown(&all, Filter::All, 2 * PAGE);
        assert_eq!((lines.len(), left), (31, 0));

        let (tasks, left) = shown(&all, Filter::Tasks, PAGE);
        let titles: Vec<&str> = tasks.iter().map(|e| e.title.as_str()).collect();
        assert_eq!(
            titles,
            [
                "接单：修水管",
                "派单：修水管",
                "点单：修水管",
                "点单：换灯泡"
            ]
        );
        assert_eq!(left, 0);
        let (visits, left) = shown(&all, Filter::Visits, PAGE);
        assert_eq!((visits.len(), left), (20, 6));
        assert!(visits.iter().all(|e| e.kind == TimelineKind::Visit));
        let (register, _) = shown(&all, Filter::Register, PAGE);
        assert_eq!(register.len(), 1);
        assert_eq!(register[0].row_id, id(9));
    }

    #[test]
    fn a_tasks_photos_go_on_its_newest_line_only() {
        let all = timeline();
        let (lines, _) = shown(&all, Filter::All, 6);
        assert_eq!(
            first_of_each_task(&lines),
            [true, false, false, false, false, true]
        );
        assert_eq!(task_ids(&all), [id(1), id(3)]);
    }

    #[test]
    fn kinds_and_filters_read_in_both_languages() {
        let zh = Lang::Zh.texts();
        let labels: Vec<&str> = Filter::ALL.iter().map(|f| f.label(zh)).collect();
        assert_eq!(labels, ["全部", "走访", "诉求", "登记", "借用"]);
        assert_eq!(kind_label(zh, TimelineKind::Loan), ("loan", "驿站借用"));
        assert_eq!(
            kind_label(zh, TimelineKind::Register),
            ("register", "登记变更")
        );
        assert_eq!((zh.timeline.show_more)(11), "显示更多（还有 11 条）");
        let en = Lang::En.texts();
        assert_eq!(kind_label(en, TimelineKind::TaskEvent), ("task", "Task"));
        assert_eq!((en.timeline.count)(1), "1 entry");
    }
}
