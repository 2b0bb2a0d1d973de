//! Adding a grid: a big grid (大网格) of the community, or a building section (楼段) under one.

use linli_domain::register::GridKind;
use linli_domain::Id;
use linli_protocol::{AddGrid, Grid};
use yew::prelude::*;

use crate::hooks::{use_command, use_texts};
use crate::pages::field::{selected_of, value_of};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub community: Id,
    /// The community's big grids, for a section's parent.
    pub bigs: Vec<Grid>,
    pub on_added: Callback<Grid>,
}

#[function_component(AddGridForm)]
pub fn add_grid_form(props: &Props) -> Html {
    let t = use_texts();
    let name = use_state(String::new);
    // none: a big grid; a big grid's id: a section under it
    let parent = use_state(|| None as Option<Id>);
    let add = use_command::<AddGrid>();
    let on_name = {
        let name = name.clone();
        Callback::from(move |e: InputEvent| name.set(value_of(e)))
    };
    let on_parent = {
        let parent = parent.clone();
        Callback::from(move |e: Event| parent.set(selected_of(e).parse().ok()))
    };
    let on_submit = {
        let (add, name, parent, on_added) = (
            add.clone(),
            name.clone(),
            parent.clone(),
            props.on_added.clone(),
        );
        let community = props.community;
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let req = AddGrid {
                community_id: community,
                kind: if parent.is_some() {
                    GridKind::Section
                } else {
                    GridKind::Big
                },
                name: name.trim().to_owned(),
                parent_id: *parent,
            };
            let (name, on_added) = (name.clone(), on_added.clone());
            add.submit(req, move |g| {
                name.set(String::new());
                on_added.emit(g);
            });
        })
    };
    html! {
        <form class="form-row" id="grid-add" onsubmit={on_submit} novalidate=true>
            <label class="field">
                <span class="label">{t.work.grid_under}</span>
                <select id="grid-add-parent" class="input" onchange={on_parent}>
                    <option value="" selected={parent.is_none()}>{t.work.grid_big}</option>
                    { for props.bigs.iter().map(|g| html! {
                        <option value={g.id.to_string()} selected={*parent == Some(g.id)}>{(t.work.grid_section_of)(&g.name)}</option>
                    }) }
                </select>
            </label>
            <label class="field field-grow">
                <span class="label">{t.work.grid_name}</span>
                <input id="grid-add-name" class="input" value={(*name).clone()} oninput={on_name}
                    placeholder={t.work.grid_name_placeholder} />
            </label>
            <div class="form-actions">
                <button type="submit" class="btn btn-primary" id="grid-add-save" disabled={add.busy()}>
                    { if add.busy() { t.saving } else { t.work.grid_add } }
                </button>
                if let Some(e) = add.error() {
                    <span class="field-error" id="grid-add-error" role="alert">{crate::i18n::say(e)}</span>
                }
            </div>
        </form>
    }
}
