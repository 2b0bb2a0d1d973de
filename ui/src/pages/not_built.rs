use yew::prelude::*;

use crate::hooks::use_texts;
use crate::state::Page;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub page: Page,
}

/// What a page that is not built yet shows: plainly that, and where to go instead.
#[function_component(NotBuilt)]
pub fn not_built(props: &Props) -> Html {
    let t = use_texts();
    html! {
        <section class="panel not-built" data-page={props.page.slug()}>
            <h1>{t.not_built_title}</h1>
            <p class="muted">{t.not_built_body}</p>
        </section>
    }
}
