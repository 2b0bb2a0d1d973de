//! 网格划分 Grids: a community's big grids (大网格) and their building sections (楼段), each with
//! how many buildings and units it holds and its grid workers and stewards. An administrator adds
//! a grid or a section, maps buildings and units to one, and assigns a worker or a steward to it;
//! others see the grids only.

mod add_grid;
mod grid_tools;
mod state;

use linli_domain::register::GridKind;
use linli_domain::Id;
use linli_protocol::{Grid, ListGrids, ListPeople, Person};
use yew::prelude::*;

use super::field::CommunityPicker;
use crate::components::toast::Toast;
use crate::hooks::{use_me, use_texts};
use crate::ipc;
use add_grid::AddGridForm;
use grid_tools::GridTools;
use state::{people_of, Action, GridsState};

#[function_component(Grids)]
pub fn grids() -> Html {
    let t = use_texts();
    let me = use_me();
    let s = {
        let community = me
            .me()
            .and_then(|m| m.person.as_ref())
            .map(|p| p.community_id);
        use_reducer(move || GridsState {
            community,
            ..GridsState::default()
        })
    };
    // me may be known only after the page opened: then my community is the one shown
    {
        let d = s.dispatcher();
        let mine = me
            .me()
            .and_then(|m| m.person.as_ref())
            .map(|p| p.community_id);
        use_effect_with(mine, move |mine| {
            if let Some(c) = *mine {
                d.dispatch(Action::Community(Some(c)));
            }
        });
    }
    let grids = use_state(|| None as Option<Vec<Grid>>);
    let people = use_state(Vec::<Person>::new);
    // the community asked for last: an answer for one asked before it (the page opened before
    // the app knew who works here, then moved to my community) is dropped, not shown
    let asked = use_mut_ref(|| None as Option<Id>);
    {
        let (grids, people, asked) = (grids.clone(), people.clone(), asked.clone());
        use_effect_with((s.community, s.reload), move |(c, _)| {
            if let Some(c) = *c {
                *asked.borrow_mut() = Some(c);
                wasm_bindgen_futures::spawn_local(async move {
                    let g = ipc::call(&ListGrids { community_id: c })
                        .await
                        .unwrap_or_default();
                    let p = ipc::call(&ListPeople { community_id: c })
                        .await
                        .unwrap_or_default();
                    if *asked.borrow() != Some(c) {
                        return;
                    }
                    people.set(p);
                    grids.set(Some(g));
                });
            }
        });
    }
    let d = s.dispatcher();
    let pick = {
        let (d, grids) = (d.clone(), grids.clone());
        Callback::from(move |c| {
            grids.set(None);
            d.dispatch(Action::Community(c))
        })
    };
    let on_saved = {
        let d = d.clone();
        Callback::from(move |m: String| d.dispatch(Action::Saved(m)))
    };
    let on_added = {
        let d = d.clone();
        Callback::from(move |g: Grid| {
            d.dispatch(Action::Choose(Some(g.id)));
            d.dispatch(Action::Saved((t.work.grid_added)(&g.name)))
        })
    };
    // only an administrator draws the grid
    let admin = me.me().is_some_and(|m| {
        m.person
            .as_ref()
            .is_some_and(|p| p.roles.contains(&linli_domain::register::Role::Admin))
    });
    let list = match &*grids {
        None => html! { <p class="muted">{t.loading}</p> },
        Some(list) if list.is_empty() => html! { <p class="empty">{t.work.grids_none}</p> },
        Some(list) => {
            let bigs: Vec<&Grid> = list.iter().filter(|g| g.kind == GridKind::Big).collect();
            let row = |g: &Grid, section: bool| {
                let (workers, stewards) = people_of(&people, g.id);
                let id = g.id;
                let choose = {
                    let d = d.clone();
                    Callback::from(move |_| d.dispatch(Action::Choose(Some(id))))
                };
                html! {
                    <tr key={g.id.to_string()} data-id={g.id.to_string()}
                        class={classes!(section.then_some("grid-section"), (s.chosen == Some(g.id)).then_some("selected"))}>
                        <td>{ if section { format!("　{}", g.name) } else { g.name.clone() } }</td>
                        <td>{(t.work.grid_places)(g.place_ids.len())}</td>
                        <td>{workers.join("、")}</td>
                        <td>{stewards.join("、")}</td>
                        <td class="actions no-print">
                            if admin {
                                <button class="btn btn-small grid-choose" onclick={choose}>{t.work.grid_edit}</button>
                            } else {
                                // anyone may print a grid's visit sheets
                                <button class="btn btn-small grid-sheets" onclick={choose}>{t.work.grid_sheets}</button>
                            }
                        </td>
                    </tr>
                }
            };
            let orphans: Vec<&Grid> = list
                .iter()
                .filter(|g| {
                    g.kind == GridKind::Section && !bigs.iter().any(|b| Some(b.id) == g.parent_id)
                })
                .collect();
            html! {
                <table class="table" id="grid-list">
                    <thead><tr>
                        <th>{t.work.grid_name}</th><th>{t.work.grid_area}</th>
                        <th>{t.work.grid_workers}</th><th>{t.work.grid_stewards}</th>
                        <th class="no-print"></th>
                    </tr></thead>
                    <tbody>
                    { for bigs.iter().map(|b| html! {
                        <>
                        {row(b, false)}
                        { for list.iter().filter(|g| g.parent_id == Some(b.id)).map(|g| row(g, true)) }
                        </>
                    }) }
                    { for orphans.iter().map(|g| row(g, true)) }
                    </tbody>
                </table>
            }
        }
    };
    let chosen: Option<Grid> = s.chosen.and_then(|c| {
        grids
            .as_ref()
            .and_then(|l| l.iter().find(|g| g.id == c).cloned())
    });
    let bigs: Vec<Grid> = grids
        .as_ref()
        .map(|l| {
            l.iter()
                .filter(|g| g.kind == GridKind::Big)
                .cloned()
                .collect()
        })
        .unwrap_or_default();
    let community: Option<Id> = s.community;
    html! {
        <section class="panel" id="grids">
            <div class="page-head">
                <h1>{t.work.grids_title}</h1>
                <CommunityPicker value={community} onchange={pick} />
            </div>
            if let Some(m) = &s.said {
                <Toast id="grids-notice" text={m.clone()} block=true />
            }
            if !admin {
                <p class="muted" id="grids-admin-only">{t.work.grids_admin_only}</p>
            }
            if let (true, Some(c)) = (admin, community) {
                <AddGridForm community={c} bigs={bigs} on_added={on_added} />
            }
            if let Some(g) = &chosen {
                <crate::pages::paper::PaperTools key={format!("paper-{}", g.id)} id={g.id} grid=true />
            }
            if let (true, Some(g)) = (admin, chosen) {
                <GridTools key={g.id.to_string()} grid={g.clone()} people={(*people).clone()} on_saved={on_saved} />
            }
            {list}
        </section>
    }
}
