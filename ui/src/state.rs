//! The app-wide state: the language, the page shown, and where the Register stands (the place
//! selected in the tree, the household open). A `Reducible` with one `Action` enum, so it is tested
//! natively without a browser.

use std::rc::Rc;

use linli_domain::Id;
use linli_protocol::Place;
use yew::Reducible;

use crate::i18n::Lang;

/// The pages of the navigation, in the order it shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    /// 工作台, the first screen.
    Home,
    Today,
    Register,
    /// 网格划分: grids and sections, their workers and stewards.
    Grids,
    Visits,
    Tasks,
    Volunteers,
    /// 借还: 米邻驿站, the sharing station's lending desk (issue 19).
    Lending,
    Reports,
    /// 统计: charts, rankings and the records behind them.
    Stats,
    Sync,
    /// 设置: who I am.
    Settings,
    /// 管理: an administrator's users, places and laptops on the server (issue 22).
    Admin,
    /// 调解: the mediation register (人民调解, issue 20 item 1).
    Mediation,
    /// 议事: residents' councils, liaison points and suggestions (issue 20 items 2 and 5).
    Councils,
    /// 公告: the month's theme, notices and duty boards (issue 20 items 3, 4, 5a).
    Board,
    /// 托管: programmes for residents' children (四点半学校, 妈妈小屋, 周末学吧; issue 25 item 1).
    Programmes,
    /// 巡防: security patrols (小区治安巡防; issue 25 item 2).
    Patrols,
    /// 服务圈: the 15-minute neighbourhood service circle (issue 25 item 3).
    Circle,
}

impl Page {
    pub const ALL: [Page; 19] = [
        Page::Home,
        Page::Today,
        Page::Register,
        Page::Grids,
        Page::Visits,
        Page::Tasks,
        Page::Volunteers,
        // the community's registers together, after the time bank
        Page::Lending,
        Page::Mediation,
        Page::Councils,
        Page::Board,
        Page::Programmes,
        Page::Patrols,
        Page::Circle,
        Page::Reports,
        Page::Stats,
        Page::Sync,
        Page::Settings,
        Page::Admin,
    ];

    /// A stable name for ids and tests.
    pub fn slug(self) -> &'static str {
        match self {
            Page::Home => "home",
            Page::Today => "today",
            Page::Register => "register",
            Page::Grids => "grids",
            Page::Visits => "visits",
            Page::Tasks => "tasks",
            Page::Volunteers => "volunteers",
            Page::Lending => "lending",
            Page::Reports => "reports",
            Page::Stats => "stats",
            Page::Sync => "sync",
            Page::Settings => "settings",
            Page::Admin => "admin",
            Page::Mediation => "mediation",
            Page::Councils => "councils",
            Page::Board => "board",
            Page::Programmes => "programmes",
            Page::Patrols => "patrols",
            Page::Circle => "circle",
        }
    }

    pub fn built(self) -> bool {
        matches!(
            self,
            Page::Home
                | Page::Settings
                | Page::Grids
                | Page::Register
                | Page::Today
                | Page::Visits
                | Page::Tasks
                | Page::Volunteers
                | Page::Sync
                | Page::Reports
                | Page::Stats
                | Page::Lending
                | Page::Admin
                | Page::Mediation
                | Page::Councils
                | Page::Board
                | Page::Programmes
                | Page::Patrols
                | Page::Circle
        )
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct AppState {
    pub lang: Lang,
    pub page: Page,
    /// The place selected in the Register's tree.
    pub place: Option<Place>,
    /// The household whose page is open on the Register (from a row or a search hit).
    pub household: Option<Id>,
}

impl Default for AppState {
    fn default() -> Self {
        AppState {
            lang: Lang::Zh,
            page: Page::Home,
            place: None,
            household: None,
        }
    }
}

pub enum Action {
    Navigate(Page),
    ToggleLang,
    /// Selects a place in the tree; shows its households (closes a household page).
    SelectPlace(Place),
    /// Opens a household's page on the Register, from wherever the user is.
    OpenHousehold(Id),
    /// Back from a household page to the list.
    CloseHousehold,
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::Navigate(page) => {
                // the Register's button always leads back to the list
                if page == Page::Register && self.page == Page::Register {
                    next.household = None;
                }
                next.page = page;
            }
            Action::ToggleLang => next.lang = self.lang.other(),
            Action::SelectPlace(place) => {
                next.place = Some(place);
                next.household = None;
            }
            Action::OpenHousehold(id) => {
                next.page = Page::Register;
                next.household = Some(id);
            }
            Action::CloseHousehold => next.household = None,
        }
        Rc::new(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use linli_domain::PlaceKind;

    #[test]
    fn starts_in_chinese_on_home() {
        let s = AppState::default();
        assert_eq!(s.lang, Lang::Zh);
        assert_eq!(s.page, Page::Home, "the app opens on 工作台 (issue 14)");
        assert_eq!(s.lang.texts().nav_register, "网格");
        assert_eq!(s.lang.texts().work.nav_home, "工作台");
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
    fn a_search_hit_opens_the_household_on_the_register_and_back_keeps_the_place() {
        let place = Place {
            id: Id::from_uuid(Default::default()),
            kind: PlaceKind::Building,
            name: "3栋".into(),
            parent_id: None,
            parent_name: None,
            kind_code: None,
        };
        let household: Id = "00000000-0000-0000-0000-000000000007".parse().unwrap();
        let s = Rc::new(AppState::default())
            .reduce(Action::SelectPlace(place.clone()))
            .reduce(Action::Navigate(Page::Tasks))
            .reduce(Action::OpenHousehold(household));
        assert_eq!(s.page, Page::Register);
        assert_eq!(s.household, Some(household));
        let back = s.clone().reduce(Action::CloseHousehold);
        assert_eq!(back.household, None);
        assert_eq!(back.place.as_ref(), Some(&place));
        // the navigation's Register button also leads back to the list
        let s = s.reduce(Action::Navigate(Page::Register));
        assert_eq!(s.household, None);
        // selecting another place closes the household page
        let s = s
            .reduce(Action::OpenHousehold(household))
            .reduce(Action::SelectPlace(place));
        assert_eq!(s.household, None);
    }

    #[test]
    fn the_navigation_names_every_page_in_both_languages() {
        let zh = Lang::Zh.texts();
        let names = [
            zh.work.nav_home,
            zh.nav_today,
            zh.nav_register,
            zh.work.nav_grids,
            zh.nav_visits,
            zh.nav_tasks,
            zh.nav_volunteers,
            zh.lending.nav,
            zh.nav_reports,
            zh.stats.nav,
            zh.nav_sync,
            zh.work.nav_settings,
            zh.admin.nav,
            zh.mediation.nav,
            zh.councils.nav,
            zh.board.nav,
            zh.programmes.nav,
            zh.patrols.nav,
            zh.circle.nav,
        ];
        assert_eq!(
            names,
            [
                "工作台",
                "今日",
                "网格",
                "网格划分",
                "走访",
                "诉求",
                "志愿",
                "借还",
                "报表",
                "统计",
                "同步",
                "设置",
                "管理",
                "调解",
                "议事",
                "公告",
                "托管",
                "巡防",
                "服务圈"
            ]
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
