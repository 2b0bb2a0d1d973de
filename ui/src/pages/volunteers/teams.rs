//! 队伍: the six kinds of teams, added and edited, and their members (leaders first) put in,
//! made leader or taken out.

use linli_domain::volunteers::TeamKind;
use linli_domain::Id;
use linli_protocol::{AddTeam, EditTeam, SetTeamMember, Team, Volunteer};
use yew::prelude::*;

use super::widgets::{input, job, select, Job};
use crate::hooks::use_texts;
use crate::ipc;
use crate::pages::field::selected_of;

#[derive(Properties, PartialEq)]
pub struct TeamsProps {
    pub community: Id,
    pub teams: Vec<Team>,
    pub volunteers: Vec<Volunteer>,
    pub busy: bool,
    pub run: Callback<Job>,
}

#[function_component(Teams)]
pub fn teams(p: &TeamsProps) -> Html {
    let t = use_texts();
    let d = &t.desk;
    let editing = use_state(|| None as Option<Id>);
    let kind = use_state(|| TeamKind::SchoolCrossing);
    let name = use_state(String::new);
    let name_err = use_state(|| false);
    // the volunteer chosen to join, per team
    let picks = use_state(Vec::<(Id, Id)>::new);

    let on_save = {
        let (editing, kind, name, name_err, run) = (
            editing.clone(),
            kind.clone(),
            name.clone(),
            name_err.clone(),
            p.run.clone(),
        );
        let community = p.community;
        Callback::from(move |_| {
            let n = name.trim().to_owned();
            if n.is_empty() || n.chars().count() > 30 {
                return name_err.set(true);
            }
            name_err.set(false);
            let (k, id) = (*kind, *editing);
            name.set(String::new());
            editing.set(None);
            run.emit(job(async move {
                let team = match id {
                    Some(id) => {
                        ipc::call(&EditTeam {
                            id,
                            kind: k,
                            name: n,
                        })
                        .await?
                    }
                    None => {
                        ipc::call(&AddTeam {
                            community_id: community,
                            kind: k,
                            name: n,
                        })
                        .await?
                    }
                };
                Ok((t.desk.saved)(&team.name))
            }));
        })
    };
    let member = |team: Id, volunteer: Id, leader: bool, remove: bool, who: String| {
        let run = p.run.clone();
        Callback::from(move |_| {
            let who = who.clone();
            run.emit(job(async move {
                let team = ipc::call(&SetTeamMember {
                    team_id: team,
                    volunteer_id: volunteer,
                    leader,
                    remove,
                })
                .await?;
                Ok((t.desk.saved)(&format!("{} · {who}", team.name)))
            }));
        })
    };

    let cards = p.teams.iter().map(|team| {
        let tid = team.id;
        let on_edit = {
            let (editing, kind, name, team) = (editing.clone(), kind.clone(), name.clone(), team.clone());
            Callback::from(move |_| {
                editing.set(Some(team.id));
                kind.set(team.kind);
                name.set(team.name.clone());
            })
        };
        let pick = picks.iter().find(|(t, _)| *t == tid).map(|(_, v)| *v);
        let on_pick = {
            let picks = picks.clone();
            Callback::from(move |e: Event| {
                let mut next: Vec<(Id, Id)> = picks.iter().filter(|(t, _)| *t != tid).copied().collect();
                if let Ok(v) = selected_of(e).parse() {
                    next.push((tid, v));
                }
                picks.set(next);
            })
        };
        let join = pick.map(|v| {
            let who = p.volunteers.iter().find(|x| x.id == v).map(|x| x.name.clone()).unwrap_or_default();
            member(tid, v, false, false, who)
        });
        html! {
            <div class="panel team-card" key={tid.to_string()} data-id={tid.to_string()} data-name={team.name.clone()}>
                <div class="panel-head">
                    <h3>{&team.name}{" "}<span class="chip">{(d.kind)(team.kind)}</span></h3>
                    <button class="btn btn-small team-edit" onclick={on_edit}>{d.edit}</button>
                </div>
                if team.members.is_empty() {
                    <p class="empty">{d.team_no_members}</p>
                } else {
                    <ul class="plain-list team-members">
                    { for team.members.iter().map(|m| html! {
                        <li key={m.volunteer_id.to_string()} data-id={m.volunteer_id.to_string()}>
                            {&m.name}
                            if m.leader { {" "}<span class="chip chip-tag">{d.leader}</span> }
                            {" "}
                            if !m.leader {
                                <button class="btn btn-link team-lead" onclick={member(tid, m.volunteer_id, true, false, m.name.clone())}>{d.team_leader}</button>
                            }
                            <button class="btn btn-link team-remove" onclick={member(tid, m.volunteer_id, false, true, m.name.clone())}>{d.team_remove}</button>
                        </li>
                    }) }
                    </ul>
                }
                <div class="form-row">
                    <select class="input team-add-pick" aria-label={d.team_pick} onchange={on_pick}>
                        <option value="" selected={pick.is_none()}>{d.team_pick}</option>
                        { for p.volunteers.iter()
                            .filter(|v| !team.members.iter().any(|m| m.volunteer_id == v.id))
                            .map(|v| html! { <option value={v.id.to_string()} selected={pick == Some(v.id)}>{&v.name}</option> }) }
                    </select>
                    <button class="btn btn-small team-add" disabled={p.busy || join.is_none()}
                        onclick={join.unwrap_or_default()}>{d.team_join}</button>
                </div>
            </div>
        }
    });
    let kinds: Vec<(String, String)> = TeamKind::ALL
        .iter()
        .map(|k| (k.code().to_owned(), (d.kind)(*k).to_owned()))
        .collect();
    let editing_team = editing.and_then(|id| p.teams.iter().find(|x| x.id == id));

    html! {
        <div class="desk-grid">
            <div>
                if p.teams.is_empty() {
                    <p class="empty">{d.team_none}</p>
                }
                { for cards }
            </div>
            <div class="panel" id="team-form">
                <h2 class="form-title">{match editing_team {
                    Some(x) => format!("{} · {}", d.edit, x.name),
                    None => d.team_new.to_owned(),
                }}</h2>
                {select("team-kind", d.team_kind, kinds, kind.code(), {
                    let kind = kind.clone();
                    Callback::from(move |v: String| if let Some(k) = TeamKind::from_code(&v) { kind.set(k) })
                })}
                {input("team-name", d.team_name, &name, name_err.then_some(d.err_team_name), {
                    let name = name.clone();
                    Callback::from(move |v| name.set(v))
                })}
                <div class="form-actions">
                    <button id="team-save" class="btn btn-primary" disabled={p.busy} onclick={on_save}>{d.save}</button>
                    if editing.is_some() {
                        <button class="btn" onclick={{ let e = editing.clone(); let n = name.clone(); Callback::from(move |_| { e.set(None); n.set(String::new()); }) }}>{d.cancel}</button>
                    }
                </div>
            </div>
        </div>
    }
}
