use yew::prelude::*;

use crate::hooks::{use_app, MeHandle};
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
        Page::Councils => t.councils.nav,
        Page::Board => t.board.nav,
        Page::Programmes => t.programmes.nav,
        Page::Patrols => t.patrols.nav,
        Page::Circle => t.circle.nav,
    }
}

/// The pages the navigation offers: 管理 only to a laptop signed in as an administrator (anyone
/// else would only meet the server's refusal).
pub fn offered(admin: bool) -> impl Iterator<Item = Page> {
    Page::ALL
        .into_iter()
        .filter(move |&page| admin || page != Page::Admin)
}

#[function_component(Nav)]
pub fn nav() -> Html {
    let app = use_app();
    let t = app.lang.texts();
    let admin = use_context::<MeHandle>()
        .and_then(|me| me.me().map(|m| m.admin))
        .unwrap_or(false);
    html! {
        <nav class="nav">
            <ul>
            { for offered(admin).map(|page| {
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
    fn only_an_administrator_is_offered_the_admin_page() {
        assert!(!offered(false).any(|p| p == Page::Admin));
        assert_eq!(offered(false).count(), Page::ALL.len() - 1);
        assert!(offered(true).any(|p| p == Page::Admin));
    }

    #[test]
    fn every_page_has_a_label_in_every_language() {
        for lang in [Lang::Zh, Lang::En] {
            for page in Page::ALL {
                assert!(!label(lang.texts(), page).is_empty());
            }
        }
    }
}
