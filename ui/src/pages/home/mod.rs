//! 工作台 Home, the first screen: who I am (name, role, community, grids) and today's date; my
//! day in figures — households due in my sections (care first), my open and overdue requests,
//! unreviewed findings of my sections, this week's volunteer activities, the sync state — each
//! opening its list; 新建诉求 and 登记走访 right here. An administrator or coordinator sees the
//! same for a community they pick. Before anyone is chosen, the page asks who I am (once).

mod figures;
mod lists;
mod state;
mod targets;

use linli_domain::Id;
use linli_protocol::{Home as HomeReq, HomeDay, Me, SyncPanel, SyncStatusQuery, Task, VisitLogged};
use yew::prelude::*;

use super::field::CommunityPicker;
use super::settings::chooser::MeChooser;
use super::task_panel::TaskPanel;
use super::tasks::new_request::NewRequest;
use super::today::visit_message;
use super::visit_form::VisitForm;
use crate::components::toast::Toast;
use crate::hooks::{use_app, use_command, use_me, use_texts, MeState};
use crate::ipc;
use crate::state::{Action as AppAction, Page};
use figures::Figures;
use lists::HomeList;
use state::{Action, Form, HomeState};

/// The request for my day: a community's when I oversee one and picked it, else mine.
pub fn home_request(me: &Me, community: Option<Id>) -> Option<HomeReq> {
    let person = me.person.as_ref()?;
    Some(if me.oversees {
        HomeReq {
            person_id: None,
            community_id: Some(community.unwrap_or(person.community_id)),
            today: None,
        }
    } else {
        HomeReq {
            person_id: Some(person.id),
            community_id: None,
            today: None,
        }
    })
}

#[function_component(Home)]
pub fn home() -> Html {
    let t = use_texts();
    let app = use_app();
    let me = use_me();
    let s = use_reducer(HomeState::default);
    let day = use_state(|| None as Option<HomeDay>);
    let load = use_command::<HomeReq>();
    let sync = use_state(|| None as Option<SyncPanel>);
    let req = me.me().and_then(|m| home_request(m, s.community));
    {
        let (load, day) = (load.clone(), day.clone());
        use_effect_with((req.clone(), s.reload), move |(req, _)| {
            if let Some(req) = req.clone() {
                load.run(req, move |d| day.set(Some(d)));
            }
        });
    }
    {
        let sync = sync.clone();
        use_effect_with(s.reload, move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(p) = ipc::call(&SyncStatusQuery {}).await {
                    sync.set(Some(p));
                }
            });
        });
    }
    let d = s.dispatcher();
    let on_toggle = {
        let d = d.clone();
        Callback::from(move |l| d.dispatch(Action::Toggle(l)))
    };
    let on_visit = {
        let d = d.clone();
        Callback::from(move |h: Id| d.dispatch(Action::Open(Form::Visit(h))))
    };
    let on_task = {
        let d = d.clone();
        Callback::from(move |id: Id| d.dispatch(Action::Open(Form::Task(id))))
    };
    let close = {
        let d = d.clone();
        Callback::from(move |_| d.dispatch(Action::CloseForm))
    };
    let on_visit_saved = {
        let d = d.clone();
        Callback::from(move |saved: VisitLogged| {
            d.dispatch(Action::Saved(visit_message(t, &saved)))
        })
    };
    let on_raised = {
        let d = d.clone();
        Callback::from(move |task: Task| d.dispatch(Action::Saved((t.work.raised)(&task.title))))
    };
    let on_task_changed = {
        let d = d.clone();
        Callback::from(move |task: Task| {
            d.dispatch(Action::Saved((t.task_now)(
                &task.title,
                (t.task_status)(task.status),
            )))
        })
    };
    let new_request = {
        let d = d.clone();
        Callback::from(move |_| d.dispatch(Action::Open(Form::NewRequest)))
    };
    let pick = {
        let d = d.clone();
        Callback::from(move |c| d.dispatch(Action::Community(c)))
    };
    let to_settings = {
        let app = app.clone();
        Callback::from(move |_| app.dispatch(AppAction::Navigate(Page::Settings)))
    };

    let today = me
        .me()
        .map(|m| m.today.clone())
        .unwrap_or_else(crate::clock::today);
    let who = match me.state() {
        MeState::Loading => html! { <p class="muted">{t.loading}</p> },
        MeState::Failed(m) => html! { <p class="alert alert-error" role="alert">{m}</p> },
        MeState::Known(m) => match &m.person {
            None => html! {
                <div class="panel welcome" id="welcome">
                    <h2>{t.work.welcome_title}</h2>
                    <p>{t.work.welcome_body}</p>
                    <MeChooser />
                </div>
            },
            Some(p) => {
                let role = p.roles.first().map(|r| (t.work.role)(*r)).unwrap_or("");
                html! {
                    <div class="home-who" id="home-who">
                        <p class="home-me" id="home-me">
                            <strong>{(t.work.who_i_am)(&p.name, role, m.community_name.as_deref().unwrap_or(""))}</strong>
                        </p>
                        <p class="home-grids">
                            <span class="label">{t.work.my_grids}</span>{" "}
                            if m.grids.is_empty() {
                                <span class="muted" id="home-grids">{t.work.no_grids}</span>
                            } else {
                                <span class="grid-chips" id="home-grids">
                                { for m.grids.iter().map(|g| html! { <span class="grid-chip">{&g.name}</span> }) }
                                </span>
                            }
                        </p>
                    </div>
                }
            }
        },
    };
    let oversees = me.me().is_some_and(|m| m.oversees);
    let community = s.community.or(me
        .me()
        .and_then(|m| m.person.as_ref())
        .map(|p| p.community_id));
    let form = match (s.form, community) {
        (Some(Form::Visit(h)), Some(c)) => html! {
            <VisitForm household_id={h} community={c} on_saved={on_visit_saved} on_cancel={close.clone()} />
        },
        (Some(Form::NewRequest), Some(c)) => html! {
            <NewRequest community={c} on_raised={on_raised} on_cancel={close.clone()} />
        },
        (Some(Form::Task(id)), Some(c)) => html! {
            <TaskPanel task_id={id} community={c} reload={s.reload}
                on_changed={on_task_changed} on_close={close.clone()} />
        },
        _ => html! {},
    };
    let body = match (&*day, load.error()) {
        (_, Some(e)) => {
            html! { <p class="alert alert-error" role="alert">{crate::i18n::say(e)}</p> }
        }
        (None, None) if req.is_some() => html! { <p class="muted">{t.loading}</p> },
        (None, None) => html! {
            <p class="muted" id="home-pick-me">{t.work.home_pick_me}{" "}
                <button class="btn btn-small" id="home-to-settings" onclick={to_settings}>{t.work.to_settings}</button>
            </p>
        },
        (Some(day), None) => html! {
            <>
            <Figures day={day.clone()} sync={(*sync).clone()} open={s.list} ontoggle={on_toggle}
                community_view={oversees} />
            {form}
            if let Some(l) = s.list {
                <HomeList list={l} day={day.clone()} visit={on_visit} open_task={on_task} />
            }
            </>
        },
    };
    html! {
        <section class="panel home-page" id="home">
            <div class="page-head home-head">
                <h1>{t.work.home_title}</h1>
                <span class="muted" id="home-date">{(t.work.today_is)(&today)}</span>
                if oversees {
                    <span class="home-admin">
                        <CommunityPicker value={community} onchange={pick} />
                    </span>
                }
                if req.is_some() {
                    <button class="btn btn-primary" id="home-new-request" onclick={new_request}>{t.work.new_request}</button>
                }
            </div>
            {who}
            if let Some(m) = &s.notice {
                <Toast id="home-notice" text={m.clone()} block=true />
            }
            {body}
            // the targets are asked for beside the day, not after it (the two requests run side
            // by side on the reader and the writer: issue 24), and shown once the day is
            if let Some(c) = community.filter(|_| load.error().is_none()) {
                <div hidden={day.is_none()}>
                    <targets::HomeTargets community={c} person={me.me().and_then(|m| m.person.as_ref()).map(|p| p.id)} />
                </div>
            }
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use linli_domain::register::Role;
    use linli_protocol::{MeSource, Person};

    fn id(n: u128) -> Id {
        Id::from_uuid(linli_domain::id::Uuid::from_u128(n))
    }

    fn me(oversees: bool) -> Me {
        Me {
            person: Some(Person {
                id: id(9),
                community_id: id(1),
                name: "陈网格".into(),
                phone_masked: None,
                roles: vec![if oversees {
                    Role::Admin
                } else {
                    Role::GridWorker
                }],
                assignments: vec![],
            }),
            source: MeSource::Chosen,
            sync_user: None,
            sync_match: None,
            withheld: false,
            admin: false,
            community_name: Some("北门社区".into()),
            grids: vec![],
            oversees,
            today: "2026-12-06".into(),
        }
    }

    #[test]
    fn a_worker_sees_their_day_and_an_admin_a_community() {
        let r = home_request(&me(false), Some(id(2))).unwrap();
        assert_eq!((r.person_id, r.community_id), (Some(id(9)), None));
        let r = home_request(&me(true), None).unwrap();
        assert_eq!((r.person_id, r.community_id), (None, Some(id(1))));
        let r = home_request(&me(true), Some(id(2))).unwrap();
        assert_eq!(r.community_id, Some(id(2)));
        let nobody = Me {
            person: None,
            ..me(false)
        };
        assert_eq!(home_request(&nobody, None), None);
    }
}
