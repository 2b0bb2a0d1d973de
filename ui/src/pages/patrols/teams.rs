//! The 队伍 tab: a community's patrol teams with their area and members (role, name, phone
//! masked, resident or outside), a team's form, and the member form (`members.rs`).

use std::rc::Rc;

use linli_domain::Id;
use linli_protocol::{ApiError, PatrolTeam, PatrolTeamFields, RemovePatrolMember, SavePatrolTeam};
use yew::prelude::*;

use super::members::MemberForm;
use crate::components::fields::{area, input, setter};
use crate::components::print::PrintButton;
use crate::hooks::use_texts;
use crate::ipc;
use crate::pages::lending::error_line;

#[derive(Properties, PartialEq)]
pub struct TeamListProps {
    pub community: Id,
    pub teams: Rc<Vec<PatrolTeam>>,
    pub on_change: Callback<()>,
}

#[derive(Debug, Clone, Default, PartialEq)]
struct TeamDraft {
    id: Option<Id>,
    name: String,
    area: String,
    note: String,
}

#[function_component(TeamList)]
pub fn team_list(p: &TeamListProps) -> Html {
    let t = use_texts();
    let g = &t.patrols;
    let draft = use_state(|| None as Option<TeamDraft>);
    let adding = use_state(|| None as Option<Id>);
    let error = use_state(|| None as Option<ApiError>);
    let save = {
        let (draft, error, on_change, community) = (
            draft.clone(),
            error.clone(),
            p.on_change.clone(),
            p.community,
        );
        Callback::from(move |_: MouseEvent| {
            let Some(d) = (*draft).clone() else { return };
            let (draft, error, on_change) = (draft.clone(), error.clone(), on_change.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let req = SavePatrolTeam {
                    id: d.id,
                    fields: PatrolTeamFields {
                        community_id: community,
                        name: d.name,
                        area: d.area,
                        note: d.note,
                    },
                };
                match ipc::call(&req).await {
                    Ok(_) => {
                        error.set(None);
                        draft.set(None);
                        on_change.emit(());
                    }
                    Err(e) => error.set(Some(e)),
                }
            });
        })
    };
    let form = (*draft).clone().map(|d| {
        let set = |f: fn(&mut TeamDraft, String)| {
            let draft = draft.clone();
            Callback::from(move |v: String| {
                let mut next = (*draft).clone().unwrap_or_default();
                f(&mut next, v);
                draft.set(Some(next));
            })
        };
        let cancel = {
            let draft = draft.clone();
            Callback::from(move |_: MouseEvent| draft.set(None))
        };
        html! {
            <div class="panel" id="patrol-team-form">
                <div class="form-row">
                    {input("patrol-team-name", g.team_name, &d.name, "text", set(|d, v| d.name = v))}
                    {input("patrol-team-area", g.area, &d.area, "text", set(|d, v| d.area = v))}
                </div>
                {area("patrol-team-note", g.note, &d.note, set(|d, v| d.note = v))}
                { error.as_ref().map(|e| error_line(e, "patrol-team-error")).unwrap_or_default() }
                <div class="form-row">
                    <button class="btn btn-primary" id="patrol-team-save" onclick={save.clone()}>{g.save}</button>
                    <button class="btn" onclick={cancel}>{g.cancel}</button>
                </div>
            </div>
        }
    });
    let new = {
        let draft = draft.clone();
        Callback::from(move |_: MouseEvent| draft.set(Some(TeamDraft::default())))
    };
    let _ = setter::<TeamDraft>;
    html! {
        <div class="panel patrol-teams">
            <div class="form-row no-print">
                <button class="btn btn-primary" id="patrol-new-team" onclick={new}>{g.new_team}</button>
                <PrintButton id="patrol-teams-print" />
            </div>
            {form.unwrap_or_default()}
            { for p.teams.iter().map(|team| {
                let edit = {
                    let (draft, team) = (draft.clone(), team.clone());
                    Callback::from(move |_: MouseEvent| draft.set(Some(TeamDraft {
                        id: Some(team.id),
                        name: team.fields.name.clone(),
                        area: team.fields.area.clone(),
                        note: team.fields.note.clone(),
                    })))
                };
                let add = {
                    let (adding, id) = (adding.clone(), team.id);
                    Callback::from(move |_: MouseEvent| adding.set(Some(id)))
                };
                let member_form = (*adding == Some(team.id)).then(|| {
                    let done = {
                        let (adding, on_change) = (adding.clone(), p.on_change.clone());
                        Callback::from(move |_: ()| { adding.set(None); on_change.emit(()); })
                    };
                    let cancel = { let adding = adding.clone(); Callback::from(move |_: ()| adding.set(None)) };
                    html! { <MemberForm team={team.id} on_done={done} on_cancel={cancel} /> }
                });
                html! {
                    <div class="card patrol-team" id={format!("patrol-team-{}", team.id)}>
                        <h2>{team.fields.name.clone()}</h2>
                        <p>{format!("{}：{}", g.area, team.fields.area)}</p>
                        if !team.fields.note.is_empty() { <p class="muted">{team.fields.note.clone()}</p> }
                        if team.members.is_empty() {
                            <p class="muted">{g.no_members}</p>
                        } else {
                            <table class="table patrol-members">
                                <thead><tr><th>{g.role}</th><th>{g.name}</th><th>{g.phone}</th><th>{g.member_from}</th><th class="no-print"></th></tr></thead>
                                <tbody>
                                { for team.members.iter().map(|m| {
                                    let remove = {
                                        let (id, on_change) = (m.id, p.on_change.clone());
                                        Callback::from(move |_: MouseEvent| {
                                            let on_change = on_change.clone();
                                            wasm_bindgen_futures::spawn_local(async move {
                                                if ipc::call(&RemovePatrolMember { id }).await.is_ok() {
                                                    on_change.emit(());
                                                }
                                            });
                                        })
                                    };
                                    html! {
                                        <tr>
                                            <td>{(g.role_label)(m.role)}</td>
                                            <td>{m.name.clone()}</td>
                                            <td>{m.phone.clone()}</td>
                                            <td>{ if m.resident_id.is_some() { g.resident } else { g.outside } }</td>
                                            <td class="no-print"><button class="btn btn-small" onclick={remove}>{g.remove}</button></td>
                                        </tr>
                                    }
                                }) }
                                </tbody>
                            </table>
                        }
                        <div class="form-row no-print">
                            <button class="btn" id={format!("patrol-add-member-{}", team.id)} onclick={add}>{g.add_member}</button>
                            <button class="btn" onclick={edit}>{g.edit_team}</button>
                        </div>
                        {member_form.unwrap_or_default()}
                    </div>
                }
            }) }
        </div>
    }
}
