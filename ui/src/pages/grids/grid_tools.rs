//! What an administrator does to one grid: map a building or a unit to it (MapGrid) or take one
//! out (UnmapGrid), and assign a person to it as its grid worker or steward (Assign) or end that
//! (Unassign).

use linli_domain::register::Role;
use linli_domain::Id;
use linli_protocol::{Assign, Grid, MapGrid, Person, Unassign, UnmapGrid};
use yew::prelude::*;

use crate::components::place_picker::PlacePicker;
use crate::components::staff_picker::StaffPicker;
use crate::hooks::{use_command, use_texts};
use crate::pages::field::selected_of;

/// The roles a person takes on a grid.
const GRID_ROLES: [Role; 4] = [
    Role::GridWorker,
    Role::PartTimeGridWorker,
    Role::BuildingSteward,
    Role::CorridorSteward,
];

#[derive(Properties, PartialEq)]
pub struct Props {
    pub grid: Grid,
    pub people: Vec<Person>,
    /// Says what was saved.
    pub on_saved: Callback<String>,
}

#[function_component(GridTools)]
pub fn grid_tools(props: &Props) -> Html {
    let t = use_texts();
    let place = use_state(|| None as Option<Id>);
    let person = use_state(|| None as Option<Id>);
    let role = use_state(|| Role::GridWorker);
    let map = use_command::<MapGrid>();
    let assign = use_command::<Assign>();
    let unmap = use_command::<UnmapGrid>();
    let unassign = use_command::<Unassign>();
    let g = &props.grid;
    let mapped = g.place_ids.iter().enumerate().map(|(i, p)| {
        let name = g.place_names.get(i).cloned().unwrap_or_default();
        let onclick = {
            let (unmap, on_saved, grid, gname, p) =
                (unmap.clone(), props.on_saved.clone(), g.id, g.name.clone(), *p);
            let name = name.clone();
            Callback::from(move |_| {
                let (on_saved, gname, name) = (on_saved.clone(), gname.clone(), name.clone());
                unmap.submit(
                    UnmapGrid {
                        grid_id: grid,
                        place_ids: vec![p],
                    },
                    move |_| on_saved.emit((t.work.grid_unmapped)(&name, &gname)),
                );
            })
        };
        html! {
            <li key={p.to_string()} class="grid-place" data-id={p.to_string()}>
                <span>{name}</span>{" "}
                <button type="button" class="btn btn-small grid-unmap" disabled={unmap.busy()} {onclick}>
                    {t.work.grid_unmap}
                </button>
            </li>
        }
    });
    let staff = props.people.iter().flat_map(|person| {
        person
            .assignments
            .iter()
            .filter(|a| a.grid_id == Some(g.id))
            .map(move |a| (person, a))
    });
    let staff: Vec<Html> = staff
        .map(|(person, a)| {
            let onclick = {
                let (unassign, on_saved, gname, who, id) = (
                    unassign.clone(),
                    props.on_saved.clone(),
                    g.name.clone(),
                    person.name.clone(),
                    a.id,
                );
                Callback::from(move |_| {
                    let (on_saved, gname, who) = (on_saved.clone(), gname.clone(), who.clone());
                    unassign.submit(Unassign { assignment_id: id }, move |_| {
                        on_saved.emit((t.work.grid_unassigned)(&who, &gname))
                    });
                })
            };
            html! {
                <li key={a.id.to_string()} class="grid-person" data-id={a.id.to_string()}>
                    <span>{&person.name}{" · "}{(t.work.role)(a.role)}</span>{" "}
                    <button type="button" class="btn btn-small grid-unassign" disabled={unassign.busy()} {onclick}>
                        {t.work.grid_unassign}
                    </button>
                </li>
            }
        })
        .collect();
    let on_place = {
        let place = place.clone();
        Callback::from(move |p: Option<Id>| place.set(p))
    };
    let on_person = {
        let person = person.clone();
        Callback::from(move |p: Option<Id>| person.set(p))
    };
    let on_role = {
        let role = role.clone();
        Callback::from(move |e: Event| {
            if let Some(r) = Role::from_code(&selected_of(e)) {
                role.set(r);
            }
        })
    };
    let on_map = {
        let (map, place, on_saved) = (map.clone(), place.clone(), props.on_saved.clone());
        let (grid, name) = (g.id, g.name.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(p) = *place else {
                return;
            };
            let (on_saved, name) = (on_saved.clone(), name.clone());
            map.submit(
                MapGrid {
                    grid_id: grid,
                    place_ids: vec![p],
                },
                move |_| on_saved.emit((t.work.grid_mapped)(&name)),
            );
        })
    };
    let on_assign = {
        let (assign, person, role, on_saved) = (
            assign.clone(),
            person.clone(),
            role.clone(),
            props.on_saved.clone(),
        );
        let (grid, name) = (g.id, g.name.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(p) = *person else {
                return;
            };
            let (on_saved, name) = (on_saved.clone(), name.clone());
            assign.submit(
                Assign {
                    person_id: p,
                    role: *role,
                    grid_id: Some(grid),
                    place_id: None,
                },
                move |who| on_saved.emit((t.work.grid_assigned)(&who.name, &name)),
            );
        })
    };
    html! {
        <div class="panel grid-tools" id="grid-tools">
            <div class="panel-head"><h2>{&g.name}</h2></div>
            <div class="grid-now">
                <div class="grid-now-col">
                    <h3>{t.work.grid_holds}</h3>
                    if g.place_ids.is_empty() {
                        <p class="muted">{t.work.grid_holds_none}</p>
                    } else {
                        <ul class="plain-list" id="grid-places">{ for mapped }</ul>
                    }
                    if let Some(e) = unmap.error() {
                        <span class="field-error" id="grid-unmap-error" role="alert">{crate::i18n::say(e)}</span>
                    }
                </div>
                <div class="grid-now-col">
                    <h3>{t.work.grid_staff}</h3>
                    if staff.is_empty() {
                        <p class="muted">{t.work.grid_staff_none}</p>
                    } else {
                        <ul class="plain-list" id="grid-staff">{ for staff }</ul>
                    }
                    if let Some(e) = unassign.error() {
                        <span class="field-error" id="grid-unassign-error" role="alert">{crate::i18n::say(e)}</span>
                    }
                </div>
            </div>
            <form class="form-row" id="grid-map" onsubmit={on_map} novalidate=true>
                <PlacePicker id="grid-map-place" label={t.work.grid_map_label} blank={t.work.place_blank}
                    onchange={on_place} />
                <div class="form-actions">
                    <button type="submit" class="btn" id="grid-map-save" disabled={map.busy() || place.is_none()}>
                        {t.work.grid_map}
                    </button>
                    if let Some(e) = map.error() {
                        <span class="field-error" id="grid-map-error" role="alert">{crate::i18n::say(e)}</span>
                    }
                </div>
            </form>
            <form class="form-row" id="grid-assign" onsubmit={on_assign} novalidate=true>
                <StaffPicker id="grid-assign-person" label={t.work.grid_person} people={props.people.clone()}
                    value={*person} onchange={on_person} none={Some(AttrValue::from(t.work.place_blank))} />
                <label class="field">
                    <span class="label">{t.work.grid_role}</span>
                    <select id="grid-assign-role" class="input" onchange={on_role}>
                    { for GRID_ROLES.iter().map(|r| html! {
                        <option value={r.code()} selected={*role == *r}>{(t.work.role)(*r)}</option>
                    }) }
                    </select>
                </label>
                <div class="form-actions">
                    <button type="submit" class="btn" id="grid-assign-save" disabled={assign.busy() || person.is_none()}>
                        {t.work.grid_assign}
                    </button>
                    if let Some(e) = assign.error() {
                        <span class="field-error" id="grid-assign-error" role="alert">{crate::i18n::say(e)}</span>
                    }
                </div>
            </form>
        </div>
    }
}
