//! 网格 Register: the place tree on the left; on the right the communities (nothing picked), the
//! households of the picked place with "添加住户" for a building or unit, or a household's page.

mod add_household;
mod building_floors;
mod communities;
mod households;
mod place_edit;
mod place_tree;
mod tree_state;

use linli_domain::PlaceKind;
use yew::prelude::*;

use crate::hooks::use_app;
use crate::i18n::Texts;
use crate::pages::household::HouseholdPage;
use add_household::AddHouseholdForm;
use communities::Communities;
use households::HouseholdList;
use place_edit::PlaceEditor;
use place_tree::PlaceTree;

#[function_component(Register)]
pub fn register() -> Html {
    let app = use_app();
    let t = app.lang.texts();
    // bumped when a household is added: the list and the tree's counts are fetched again
    let version = use_state(|| 0u32);
    let on_added = {
        let version = version.clone();
        Callback::from(move |()| version.set(*version + 1))
    };

    let main = match (&app.household, &app.place) {
        (Some(id), _) => html! { <HouseholdPage id={*id} on_changed={on_added.clone()} /> },
        (None, Some(place)) if place.kind >= PlaceKind::Community => html! {
            <>
            <header class="page-head">
                <div>
                    <p class="eyebrow">
                        {place_kind_label(t, place)}
                        if let Some(parent) = &place.parent_name {
                            {" · "}{parent}
                        }
                    </p>
                    <h1 id="place-title">
                        if place.kind == PlaceKind::Unit {
                            {place.parent_name.as_deref().unwrap_or_default()}
                        }
                        {&place.name}
                    </h1>
                </div>
            </header>
            <crate::pages::paper::PaperTools id={place.id} kind={Some(place.kind)} />
            <PlaceEditor place={place.clone()} on_changed={on_added.clone()} />
            if matches!(place.kind, PlaceKind::Building | PlaceKind::Unit) {
                <AddHouseholdForm place={place.clone()} on_added={on_added.clone()} />
            }
            <HouseholdList place={place.clone()} version={*version} />
            </>
        },
        _ => html! { <Communities on_added={on_added.clone()} /> },
    };
    html! {
        <section class="register">
            <PlaceTree version={*version} />
            <div class="register-main">{main}</div>
        </section>
    }
}

/// A place's level in the page's language; a level a newer Linli wrote is shown as unknown with
/// its code (未知（district）/ Unknown (district)).
pub fn place_kind_label(t: &Texts, place: &linli_protocol::Place) -> String {
    match &place.kind_code {
        Some(code) => (t.unknown_code)(code),
        None => (t.kind_label)(place.kind).to_owned(),
    }
}
