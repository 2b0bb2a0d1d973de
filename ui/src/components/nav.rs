use yew::prelude::*;

use crate::hooks::use_app;
use crate::i18n::Texts;
use crate::state::{Action, Page};

fn label(t: &Texts, page: Page) -> &'static str {
    match page {
        Page::Home => t.work.nav_home,
        Page::Settings => t.work.nav_settings,
        Page::Grids => t.work.nav_grids,
        Page::Today => t.nav_today,
        Page::Register => t.nav_register,
        Page::Visits => t.nav_visits,
        Page::Tasks => t.nav_tasks,
        Page::Volunteers => t.nav_volunteers,
        Page::Reports => t.nav_reports,
        Page::Stats => t.stats.nav,
        Page::Lending => t.lending.nav,
        Page::Sync => t.nav_sync,
        Page::Admin => t.admin.nav,
        Page::Mediation => t.mediation.nav,
    }
}

#[function_component(Nav)]
pub fn nav() -> Html {
    let app = use_app();
    let t = app.lang.texts();
    html! {
        <nav class="nav">
            <ul>
            { for Page::ALL.iter().map(|&page| {
                let onclick = {
                    let app = app.clone();
                    Callback::from(move |_| app.dispatch(Action::Navigate(page)))
                };
                let class = classes!(
                    "nav-item",
                    (app.page == page).then_some("active"),
                    (!page.built()).then_some("pending"),
                );
                html! {
                    <li>
                        <button id={format!("nav-{}", page.slug())} {class} {onclick}
                            aria-current={(app.page == page).then_some("page")}>
                            {label(t, page)}
                        </button>
                    </li>
                }
            }) }
            </ul>
        </nav>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn every_page_has_a_label_in_every_language() {
        for lang in [Lang::Zh, Lang::En] {
            for page in Page::ALL {
                assert!(!label(lang.texts(), page).is_empty());
            }
        }
    }
}
