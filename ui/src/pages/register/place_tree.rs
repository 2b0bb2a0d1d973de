//! The place tree on the Register's left: county → town → community → compound → building → unit,
//! children fetched when a place is opened, each with its count of households.

use linli_domain::Id;
use linli_protocol::{PlaceChildren, PlaceNode};
use yew::prelude::*;

use super::tree_state::{TreeAction, TreeState};
use crate::hooks::{use_app, use_kept_state};
use crate::i18n::Texts;
use crate::ipc;
use crate::state::Action;

#[derive(Properties, PartialEq)]
pub struct Props {
    /// Bumped when counts change (a household added), to fetch the tree again.
    pub version: u32,
}

#[function_component(PlaceTree)]
pub fn place_tree(props: &Props) -> Html {
    let app = use_app();
    let t = app.lang.texts();
    // the places left open are kept across navigation (their children are fetched again)
    let kept_open = use_kept_state("register.tree_open", std::collections::HashSet::<Id>::new);
    let tree = {
        let open = (*kept_open).clone();
        use_reducer(move || TreeState {
            open,
            ..TreeState::default()
        })
    };
    {
        let kept_open = kept_open.clone();
        use_effect_with(tree.open.clone(), move |open| kept_open.set(open.clone()));
    }
    let error = use_state(|| None as Option<String>);

    {
        let tree = tree.clone();
        use_effect_with(props.version, move |v| {
            if *v > 0 {
                tree.dispatch(TreeAction::Reset);
            }
        });
    }
    // fetch what is open and not loaded, whenever the tree changes
    {
        let handle = tree.clone();
        let error = error.clone();
        use_effect_with((*tree).clone(), move |state| {
            for parent in state.to_fetch() {
                handle.dispatch(TreeAction::Fetching(parent));
                let (handle, error) = (handle.clone(), error.clone());
                wasm_bindgen_futures::spawn_local(async move {
                    match ipc::call(&PlaceChildren { parent_id: parent }).await {
                        Ok(nodes) => handle.dispatch(TreeAction::Loaded(parent, nodes)),
                        Err(e) => error.set(Some(crate::i18n::say(&e))),
                    }
                });
            }
        });
    }

    let selected = app.place.as_ref().map(|p| p.id);
    html! {
        <nav class="panel tree" id="place-tree" aria-label={t.place_tree}>
            <h2 class="tree-title">{t.place_tree}</h2>
            if let Some(e) = &*error {
                <p class="field-error" role="alert">{e}</p>
            }
            { level(&tree, &app, t, None, selected) }
        </nav>
    }
}

fn level(
    tree: &UseReducerHandle<TreeState>,
    app: &crate::hooks::StateHandle,
    t: &'static Texts,
    parent: Option<Id>,
    selected: Option<Id>,
) -> Html {
    let Some(nodes) = tree.children.get(&parent) else {
        return html! { <p class="muted tree-loading">{t.loading}</p> };
    };
    if nodes.is_empty() {
        return html! {};
    }
    html! {
        <ul class="tree-level" role={if parent.is_none() { "tree" } else { "group" }}>
            { for nodes.iter().map(|n| node(tree, app, t, n, selected)) }
        </ul>
    }
}

fn node(
    tree: &UseReducerHandle<TreeState>,
    app: &crate::hooks::StateHandle,
    t: &'static Texts,
    n: &PlaceNode,
    selected: Option<Id>,
) -> Html {
    let id = n.place.id;
    let open = tree.open.contains(&id);
    let toggle = {
        let tree = tree.clone();
        Callback::from(move |_| tree.dispatch(TreeAction::Toggle(id)))
    };
    let select = {
        let (tree, app, place) = (tree.clone(), app.clone(), n.place.clone());
        let has_children = n.children > 0;
        Callback::from(move |_| {
            // selecting a closed place opens it too: people click names, not carets
            if has_children && !tree.open.contains(&place.id) {
                tree.dispatch(TreeAction::Toggle(place.id));
            }
            app.dispatch(Action::SelectPlace(place.clone()))
        })
    };
    let is_selected = selected == Some(id);
    html! {
        <li class="tree-node" key={id.to_string()} data-kind={n.place.kind.code()}
            data-name={n.place.name.clone()} role="treeitem"
            aria-expanded={(n.children > 0).then(|| open.to_string())}
            aria-selected={is_selected.to_string()}>
            <div class={classes!("tree-row", is_selected.then_some("selected"))}>
                if n.children > 0 {
                    <button class="tree-caret" onclick={toggle}
                        aria-label={if open { t.collapse } else { t.expand }}>
                        {if open { "▾" } else { "▸" }}
                    </button>
                } else {
                    <span class="tree-caret-space"></span>
                }
                <button class="tree-label" onclick={select} title={super::place_kind_label(t, &n.place)}>
                    <span class="tree-name">{&n.place.name}</span>
                    <span class="tree-count">{(t.households_short)(n.households)}</span>
                </button>
            </div>
            if open {
                { level(tree, app, t, Some(id), selected) }
            }
        </li>
    }
}
