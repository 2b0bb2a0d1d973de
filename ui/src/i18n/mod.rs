//! User-facing strings: one catalogue per language, each a value of the same struct, so a string
//! missing from one language does not compile.

mod en;
mod sync;
mod zh;

pub use sync::SyncTexts;

use serde::{Deserialize, Serialize};

/// The languages of the UI. Chinese first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    pub fn texts(self) -> &'static Texts {
        match self {
            Lang::Zh => &zh::TEXTS,
            Lang::En => &en::TEXTS,
        }
    }

    /// The other language, for the switch in the top bar.
    pub fn other(self) -> Lang {
        match self {
            Lang::Zh => Lang::En,
            Lang::En => Lang::Zh,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        [Lang::Zh, Lang::En].into_iter().find(|l| l.code() == code)
    }
}

/// Every string the UI shows.
#[derive(Debug)]
pub struct Texts {
    pub app_name: &'static str,
    pub app_tagline: &'static str,
    /// The label of the switch, in the language it switches to.
    pub switch_lang: &'static str,

    pub nav_today: &'static str,
    pub nav_register: &'static str,
    pub nav_visits: &'static str,
    pub nav_tasks: &'static str,
    pub nav_volunteers: &'static str,
    pub nav_reports: &'static str,
    pub nav_sync: &'static str,

    pub not_built_title: &'static str,
    pub not_built_body: &'static str,

    pub loading: &'static str,
    pub retry: &'static str,

    pub register_title: &'static str,
    pub communities: &'static str,
    pub community_name: &'static str,
    pub community_town: &'static str,
    pub community_id: &'static str,
    pub community_name_placeholder: &'static str,
    pub no_town: &'static str,
    pub add_community: &'static str,
    pub adding: &'static str,
    pub filter_placeholder: &'static str,
    pub no_communities: &'static str,
    pub no_match: &'static str,
    pub count: fn(shown: usize, total: usize) -> String,
    pub added: fn(name: &str) -> String,
    pub sort_by_name: &'static str,

    pub sync: SyncTexts,
}
