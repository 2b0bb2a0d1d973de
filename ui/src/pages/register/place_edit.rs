//! Editing the picked place in the Register (issue 15 item 2): rename it, move it under another
//! place of the level above, and add what hangs under it — a compound under a community, a
//! building with its units under a compound, a unit under a building. The same checks as the
//! store before sending (a name, a different parent, 0–30 units), and the store's refusal next to
//! the form that caused it.

use linli_domain::{place::validate_name, Id, PlaceKind};
use linli_protocol::{AddBuilding, AddPlace, ApiError, ListPlaces, MovePlace, Place, RenamePlace};
use yew::prelude::*;

use super::building_floors::BuildingFloors;
use crate::components::toast::Toast;
use crate::hooks::{use_app, use_command};
use crate::i18n::Texts;
use crate::ipc;
use crate::pages::field::{selected_of, value_of};
use crate::state::Action;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub place: Place,
    /// Called after any change (the tree is fetched again).
    pub on_changed: Callback<()>,
}

/// The level a place of `kind` holds, if any.
pub fn child_kind(kind: PlaceKind) -> Option<PlaceKind> {
    match kind {
        PlaceKind::County => Some(PlaceKind::Town),
        PlaceKind::Town => Some(PlaceKind::Community),
        PlaceKind::Community => Some(PlaceKind::Compound),
        PlaceKind::Compound => Some(PlaceKind::Building),
        PlaceKind::Building => Some(PlaceKind::Unit),
        PlaceKind::Unit | PlaceKind::Unknown => None,
    }
}

/// The name check of the store, said in the page's language.
pub fn name_problem(t: &Texts, name: &str) -> Option<String> {
    match validate_name(name) {
        Ok(_) => None,
        Err(_) if name.trim().is_empty() => Some(t.places.err_name_empty.to_owned()),
        Err(_) if name.trim().chars().count() > 50 => {
            Some((t.places.err_name_long)(name.trim().chars().count()))
        }
        Err(e) => Some(crate::i18n::say(&ApiError::from(e))),
    }
}

/// The floors field: `Ok(None)` when empty (not recorded), `Ok(Some(n))` for 1–99, else `Err`.
#[allow(clippy::result_unit_err)]
pub fn floors_of(text: &str) -> Result<Option<u32>, ()> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    match t.parse::<u32>() {
        Ok(n) if (1..=99).contains(&n) => Ok(Some(n)),
        _ => Err(()),
    }
}

/// The units field as a count, when it is one of 0–30.
pub fn units_of(text: &str) -> Option<u32> {
    let t = text.trim();
    if t.is_empty() {
        return Some(0);
    }
    t.parse::<u32>().ok().filter(|n| *n <= 30)
}

#[function_component(PlaceEditor)]
pub fn place_editor(props: &Props) -> Html {
    let app = use_app();
    let t = app.lang.texts();
    let place = props.place.clone();

    let new_name = use_state(|| place.name.clone());
    let rename_error = use_state(|| None as Option<String>);
    let parents = use_state(Vec::<Place>::new);
    let parent = use_state(|| place.parent_id);
    let move_error = use_state(|| None as Option<String>);
    let child_name = use_state(String::new);
    let units = use_state(|| "2".to_owned());
    let floors = use_state(String::new);
    let add_error = use_state(|| None as Option<String>);
    let notice = use_state(|| None as Option<String>);
    // which place (and name) the store's answer to each form is about: a refusal is shown only
    // beside the form and the place it came from, and until the user types again
    let renamed_at = use_state(|| None as Option<Id>);
    let moved_at = use_state(|| None as Option<Id>);
    let added_at = use_state(|| None as Option<(Id, bool, String)>);
    let rename = use_command::<RenamePlace>();
    let mover = use_command::<MovePlace>();
    let add_one = use_command::<AddPlace>();
    let add_building = use_command::<AddBuilding>();

    // a new place picked: the forms start again from it
    {
        let (new_name, parent, parents) = (new_name.clone(), parent.clone(), parents.clone());
        let (re, me, ae) = (rename_error.clone(), move_error.clone(), add_error.clone());
        let (ra, ma, aa) = (renamed_at.clone(), moved_at.clone(), added_at.clone());
        use_effect_with(place.clone(), move |p| {
            new_name.set(p.name.clone());
            parent.set(p.parent_id);
            re.set(None);
            me.set(None);
            ae.set(None);
            ra.set(None);
            ma.set(None);
            aa.set(None);
            if let Some(up) = p.kind.parent_kind() {
                wasm_bindgen_futures::spawn_local(async move {
                    let found = ipc::call(&ListPlaces {
                        kind: Some(up),
                        parent_id: None,
                    })
                    .await
                    .unwrap_or_default();
                    parents.set(found);
                });
            }
        });
    }

    let on_rename = {
        let (rename, new_name, error, notice, app) = (
            rename.clone(),
            new_name.clone(),
            rename_error.clone(),
            notice.clone(),
            app.clone(),
        );
        let (id, on_changed) = (place.id, props.on_changed.clone());
        let at = renamed_at.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            notice.set(None);
            if let Some(p) = name_problem(t, &new_name) {
                error.set(Some(p));
                return;
            }
            error.set(None);
            let (notice, app, on_changed, error) = (
                notice.clone(),
                app.clone(),
                on_changed.clone(),
                error.clone(),
            );
            at.set(Some(id));
            let req = RenamePlace {
                id,
                name: (*new_name).clone(),
            };
            rename.submit(req, move |p: Place| {
                notice.set(Some((t.places.renamed)(&p.name)));
                error.set(None);
                app.dispatch(Action::SelectPlace(p));
                on_changed.emit(());
            });
        })
    };
    let on_move = {
        let (mover, parent, error, notice, app, parents) = (
            mover.clone(),
            parent.clone(),
            move_error.clone(),
            notice.clone(),
            app.clone(),
            parents.clone(),
        );
        let (id, now_under, on_changed) = (place.id, place.parent_id, props.on_changed.clone());
        let at = moved_at.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            notice.set(None);
            let Some(to) = *parent else {
                error.set(Some(t.places.pick_parent.to_owned()));
                return;
            };
            if Some(to) == now_under {
                error.set(Some(t.places.err_same_parent.to_owned()));
                return;
            }
            error.set(None);
            at.set(Some(id));
            let under = parents
                .iter()
                .find(|p| p.id == to)
                .map(|p| p.name.clone())
                .unwrap_or_default();
            let (notice, app, on_changed) = (notice.clone(), app.clone(), on_changed.clone());
            mover.submit(MovePlace { id, parent_id: to }, move |p: Place| {
                notice.set(Some((t.places.moved)(&p.name, &under)));
                app.dispatch(Action::SelectPlace(p));
                on_changed.emit(());
            });
        })
    };
    let child = child_kind(place.kind).filter(|k| *k >= PlaceKind::Compound);
    let on_add = {
        let (add_one, add_building, child_name, units, error, notice) = (
            add_one.clone(),
            add_building.clone(),
            child_name.clone(),
            units.clone(),
            add_error.clone(),
            notice.clone(),
        );
        let (id, on_changed) = (place.id, props.on_changed.clone());
        let at = added_at.clone();
        let floors = floors.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            notice.set(None);
            let Some(kind) = child else { return };
            if let Some(p) = name_problem(t, &child_name) {
                error.set(Some(p));
                return;
            }
            let done = {
                let (notice, child_name, on_changed, error) = (
                    notice.clone(),
                    child_name.clone(),
                    on_changed.clone(),
                    error.clone(),
                );
                move |p: Place| {
                    notice.set(Some((t.places.added)(&p.name)));
                    error.set(None);
                    child_name.set(String::new());
                    on_changed.emit(());
                }
            };
            if kind == PlaceKind::Building {
                let Some(n) = units_of(&units) else {
                    error.set(Some(t.places.err_units.to_owned()));
                    return;
                };
                let Ok(f) = floors_of(&floors) else {
                    error.set(Some(t.places.err_floors.to_owned()));
                    return;
                };
                error.set(None);
                at.set(Some((id, true, (*child_name).clone())));
                let req = AddBuilding {
                    compound_id: id,
                    name: (*child_name).clone(),
                    units: n,
                    floors: f,
                };
                add_building.submit(req, done);
            } else {
                error.set(None);
                at.set(Some((id, false, (*child_name).clone())));
                let req = AddPlace {
                    kind,
                    name: (*child_name).clone(),
                    parent_id: Some(id),
                };
                add_one.submit(req, done);
            }
        })
    };

    // the store's refusal, said next to the form that caused it
    let here = Some(place.id);
    let rename_err = (*rename_error).clone().or_else(|| {
        rename
            .error()
            .filter(|_| *renamed_at == here)
            .map(crate::i18n::say)
    });
    let move_err = (*move_error).clone().or_else(|| {
        mover
            .error()
            .filter(|_| *moved_at == here)
            .map(crate::i18n::say)
    });
    let add_err = (*add_error).clone().or_else(|| match &*added_at {
        Some((at, building, name)) if *at == place.id => {
            let e = if *building {
                add_building.error()
            } else {
                add_one.error()
            };
            e.map(crate::i18n::say)
        }
        _ => None,
    });

    let move_form = place.kind.parent_kind().map(|_| {
        let options: Vec<&Place> = parents.iter().filter(|p| p.id != place.id).collect();
        let on_parent = {
            let parent = parent.clone();
            Callback::from(move |e: Event| parent.set(selected_of(e).parse::<Id>().ok()))
        };
        html! {
            <form class="form-row" id="place-move-form" onsubmit={on_move} novalidate=true>
                <label class="field">
                    <span class="label">{t.places.move_to}</span>
                    <select id="place-move-to" class={classes!("input", move_err.is_some().then_some("invalid"))}
                        onchange={on_parent} aria-invalid={move_err.is_some().to_string()}>
                        if options.is_empty() {
                            <option value="">{t.places.nowhere_to_move}</option>
                        }
                        { for options.iter().map(|p| {
                            let label = match &p.parent_name {
                                Some(up) => format!("{} · {up}", p.name),
                                None => p.name.clone(),
                            };
                            html! { <option value={p.id.to_string()} selected={*parent == Some(p.id)}>{label}</option> }
                        }) }
                    </select>
                </label>
                <button id="place-move" class="btn" type="submit" disabled={mover.busy()}>{t.places.move_btn}</button>
                if let Some(e) = &move_err {
                    <p id="place-move-error" class="field-error" role="alert">{e}</p>
                }
            </form>
        }
    });

    let add_form = child.map(|kind| {
        let word = (t.kind_label)(kind);
        let on_child = {
            let (child_name, error, at) = (child_name.clone(), add_error.clone(), added_at.clone());
            Callback::from(move |e: InputEvent| {
                error.set(None);
                at.set(None);
                child_name.set(value_of(e));
            })
        };
        let on_units = {
            let units = units.clone();
            Callback::from(move |e: InputEvent| units.set(value_of(e)))
        };
        let on_floors = {
            let floors = floors.clone();
            Callback::from(move |e: InputEvent| floors.set(value_of(e)))
        };
        html! {
            <form class="form-row" id="place-add-form" data-kind={kind.code()} onsubmit={on_add} novalidate=true>
                <label class="field">
                    <span class="label">{(t.places.child_name)(word)}</span>
                    <input id="place-add-name" class={classes!("input", add_err.is_some().then_some("invalid"))}
                        value={(*child_name).clone()} oninput={on_child}
                        aria-invalid={add_err.is_some().to_string()} />
                </label>
                if kind == PlaceKind::Building {
                    <label class="field" title={t.places.units_hint}>
                        <span class="label">{t.places.units}</span>
                        <input id="place-add-units" class="input input-narrow" inputmode="numeric"
                            value={(*units).clone()} oninput={on_units} />
                    </label>
                    <label class="field" title={t.places.floors_hint}>
                        <span class="label">{t.places.floors}</span>
                        <input id="place-add-floors" class="input input-narrow" inputmode="numeric"
                            value={(*floors).clone()} oninput={on_floors} />
                    </label>
                }
                <button id="place-add" class="btn btn-primary" type="submit"
                    disabled={add_one.busy() || add_building.busy()}>{(t.places.add_child)(word)}</button>
                if let Some(e) = &add_err {
                    <p id="place-add-error" class="field-error" role="alert">{e}</p>
                }
            </form>
        }
    });

    let on_new_name = {
        let (new_name, error, at) = (new_name.clone(), rename_error.clone(), renamed_at.clone());
        Callback::from(move |e: InputEvent| {
            error.set(None);
            at.set(None);
            new_name.set(value_of(e));
        })
    };
    html! {
        <div class="panel place-edit" id="place-edit" data-kind={place.kind.code()}>
            <h2>{t.places.edit_title}</h2>
            <form class="form-row" id="place-rename-form" onsubmit={on_rename} novalidate=true>
                <label class="field">
                    <span class="label">{t.places.name}</span>
                    <input id="place-rename-name" class={classes!("input", rename_err.is_some().then_some("invalid"))}
                        value={(*new_name).clone()} oninput={on_new_name}
                        aria-invalid={rename_err.is_some().to_string()} />
                </label>
                <button id="place-rename" class="btn" type="submit" disabled={rename.busy()}>{t.places.rename}</button>
                if let Some(e) = &rename_err {
                    <p id="place-rename-error" class="field-error" role="alert">{e}</p>
                }
            </form>
            {move_form.unwrap_or_default()}
            if place.kind == PlaceKind::Building {
                <BuildingFloors key={place.id.to_string()} building={place.clone()} />
            }
            {add_form.unwrap_or_default()}
            if let Some(n) = &*notice {
                <Toast id="place-edit-notice" text={n.clone()} block=true />
            }
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_and_names_are_checked_as_the_store_does() {
        assert_eq!(units_of(""), Some(0));
        assert_eq!(units_of(" 3 "), Some(3));
        assert_eq!(units_of("31"), None);
        assert_eq!(units_of("-1"), None);
        assert_eq!(units_of("两"), None);
        let zh = crate::i18n::Lang::Zh.texts();
        let en = crate::i18n::Lang::En.texts();
        assert_eq!(name_problem(zh, "  ").as_deref(), Some("名称不能为空"));
        assert_eq!(name_problem(en, "").as_deref(), Some("Enter a name"));
        assert!(name_problem(en, &"楼".repeat(51)).unwrap().contains("51"));
        assert_eq!(name_problem(en, "7栋"), None);
        assert_eq!(child_kind(PlaceKind::Compound), Some(PlaceKind::Building));
        assert_eq!(child_kind(PlaceKind::Unit), None);
    }

    #[test]
    fn floors_are_checked_as_the_store_does() {
        assert_eq!(floors_of(""), Ok(None));
        assert_eq!(floors_of("  "), Ok(None));
        assert_eq!(floors_of(" 1 "), Ok(Some(1)));
        assert_eq!(floors_of("18"), Ok(Some(18)));
        assert_eq!(floors_of("99"), Ok(Some(99)));
        assert_eq!(floors_of("0"), Err(()));
        assert_eq!(floors_of("100"), Err(()));
        assert_eq!(floors_of("-3"), Err(()));
        assert_eq!(floors_of("六"), Err(()));
        let en = crate::i18n::Lang::En.texts();
        assert!(!en
            .places
            .err_floors
            .chars()
            .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)));
        assert_eq!(
            (en.places.floors_saved)("7栋", Some(18)),
            "“7栋” has 18 floors"
        );
    }
}
