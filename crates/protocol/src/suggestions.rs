//! Residents' suggestions (居民建议; issue 20 item 5, docs/councils.md): taken at the desk, by
//! phone, from a steward or at a liaison point, answered, made a council topic or a request. Who
//! made one is withheld from restricted roles (`privacy::COUNCIL_WITHHELD`).

use linli_domain::councils::{SuggestionSource, SuggestionState, TopicCategory};
use linli_domain::field::TaskCategory;
use linli_domain::Id;
use serde::{Deserialize, Serialize};

use crate::Command;

/// A suggestion (居民建议) as read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suggestion {
    pub id: Id,
    pub community_id: Id,
    pub point_id: Option<Id>,
    pub point: String,
    pub place_id: Option<Id>,
    pub source: SuggestionSource,
    pub household_id: Option<Id>,
    /// The household's address (empty where withheld or none).
    pub household: String,
    pub name: String,
    pub text: String,
    pub received_on: String,
    pub taken_by: Option<Id>,
    pub answer: String,
    pub answered_on: Option<String>,
    pub topic_id: Option<Id>,
    pub task_id: Option<Id>,
    pub state: SuggestionState,
    #[serde(default)]
    pub withheld: bool,
}

/// Takes a suggestion at the desk, by phone, from a steward, at a liaison point.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TakeSuggestion {
    pub community_id: Id,
    #[serde(default)]
    pub point_id: Option<Id>,
    /// Where it is about (a compound or building).
    #[serde(default)]
    pub place_id: Option<Id>,
    pub source: SuggestionSource,
    /// The suggester's household, and/or a name.
    #[serde(default)]
    pub household_id: Option<Id>,
    #[serde(default)]
    pub name: String,
    pub text: String,
    #[serde(default)]
    pub received_on: Option<String>,
    /// Who took it (a person).
    #[serde(default)]
    pub taken_by: Option<Id>,
}

impl Command for TakeSuggestion {
    const NAME: &'static str = "take_suggestion";
    type Response = Suggestion;
}

/// What is done with a suggestion; the answer is recorded each time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SuggestionAction {
    /// Answered (答复).
    Answer {
        answer: String,
        #[serde(default)]
        date: Option<String>,
    },
    /// Made a council topic.
    Topic {
        title: String,
        category: TopicCategory,
        #[serde(default)]
        answer: String,
        #[serde(default)]
        date: Option<String>,
    },
    /// Made a request (诉求), dispatched to its owner when one is given.
    Request {
        title: String,
        #[serde(default = "crate::councils::default_category")]
        category: TaskCategory,
        #[serde(default)]
        owner_id: Option<Id>,
        #[serde(default)]
        due_date: Option<String>,
        #[serde(default)]
        answer: String,
        #[serde(default)]
        date: Option<String>,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HandleSuggestion {
    pub id: Id,
    pub action: SuggestionAction,
}

impl Command for HandleSuggestion {
    const NAME: &'static str = "handle_suggestion";
    type Response = Suggestion;
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SuggestionSort {
    /// newest first
    #[default]
    Received,
    /// waiting the longest first
    Waiting,
    Source,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListSuggestions {
    #[serde(default)]
    pub community_id: Option<Id>,
    #[serde(default)]
    pub month: Option<String>,
    #[serde(default)]
    pub state: Option<SuggestionState>,
    #[serde(default)]
    pub source: Option<SuggestionSource>,
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub sort: SuggestionSort,
}

impl Command for ListSuggestions {
    const NAME: &'static str = "list_suggestions";
    type Response = Vec<Suggestion>;
}
