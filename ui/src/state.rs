//! The app-wide state: the language and the page shown. A `Reducible` with one `Action` enum, so
//! it is tested natively without a browser.

use std::rc::Rc;

use yew::Reducible;

use crate::i18n::Lang;

/// The pages of the navigation, in the order it shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    Today,
    Register,
    Visits,
    Tasks,
    Volunteers,
    Reports,
    Sync,
}

impl Page {
    pub const ALL: [Page; 7] = [
        Page::Today,
        Page::Register,
        Page::Visits,
        Page::Tasks,
        Page::Volunteers,
        Page::Reports,
        Page::Sync,
    ];

    /// A stable name for ids and tests.
    pub fn slug(self) -> &'static str {
        match self {
            Page::Today => "today",
            Page::Register => "register",
            Page::Visits => "visits",
            Page::Tasks => "tasks",
            Page::Volunteers => "volunteers",
            Page::Reports => "reports",
            Page::Sync => "sync",
        }
    }

    pub fn built(self) -> bool {
        matches!(
            self,
            Page::Register
                | Page::Today
                | Page::Visits
                | Page::Tasks
                | Page::Volunteers
                | Page::Reports
        )
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct AppState {
    pub lang: Lang,
    pub page: Page,
}

impl Default for AppState {
    fn default() -> Self {
        AppState {
            lang: Lang::Zh,
            page: Page::Register,
        }
    }
}

pub enum Action {
    Navigate(Page),
    ToggleLang,
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::Navigate(page) => next.page = page,
            Action::ToggleLang => next.lang = self.lang.other(),
        }
        Rc::new(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn starts_in_chinese_on_the_register() {
        let s = AppState::default();
        assert_eq!(s.lang, Lang::Zh);
        assert_eq!(s.page, Page::Register);
        assert_eq!(s.lang.texts().nav_register, "网格");
    }

    #[test]
    fn actions_switch_language_and_page() {
        let s = Rc::new(AppState::default());
        let s = s.reduce(Action::ToggleLang);
        assert_eq!(s.lang, Lang::En);
        assert_eq!(s.lang.texts().nav_register, "Register");
        let s = s.reduce(Action::Navigate(Page::Sync));
        assert_eq!(s.page, Page::Sync);
        let s = s.reduce(Action::ToggleLang);
        assert_eq!(s.lang, Lang::Zh);
    }

    #[test]
    fn the_navigation_names_all_seven_pages_in_both_languages() {
        let zh = Lang::Zh.texts();
        let names = [
            zh.nav_today,
            zh.nav_register,
            zh.nav_visits,
            zh.nav_tasks,
            zh.nav_volunteers,
            zh.nav_reports,
            zh.nav_sync,
        ];
        assert_eq!(
            names,
            ["今日", "网格", "走访", "诉求", "志愿", "报表", "同步"]
        );
        assert_eq!(Page::ALL.len(), names.len());
        assert_eq!(Lang::from_code(Lang::En.code()), Some(Lang::En));
    }

    #[test]
    fn counts_read_naturally() {
        assert_eq!((Lang::Zh.texts().count)(3, 3), "共 3 个社区");
        assert_eq!((Lang::Zh.texts().count)(1, 3), "显示 1 个，共 3 个社区");
        assert_eq!((Lang::En.texts().count)(1, 3), "1 of 3 communities");
    }
}
