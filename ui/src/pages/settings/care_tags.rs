//! The care tags a resident form offers: those the household's community uses (设置 → 社区规则),
//! in linli-domain's order, plus any the member already has (a tag never vanishes from a record
//! because the community stopped offering it). All of them until the community is known.

use linli_domain::register::KNOWN_CARE_TAGS;
use linli_protocol::{GetCommunityRules, GetHousehold};
use yew::prelude::*;

use crate::hooks::use_app;
use crate::ipc;

/// The tags to offer, given the community's list (None: not known) and the member's own.
pub fn offered(community: Option<&[String]>, chosen: &[String]) -> Vec<&'static str> {
    KNOWN_CARE_TAGS
        .iter()
        .copied()
        .filter(|t| {
            community.is_none_or(|l| l.iter().any(|x| x == t)) || chosen.iter().any(|x| x == t)
        })
        .collect()
}

/// [`offered`] for the household open in the app.
#[hook]
pub fn use_offered_care_tags(chosen: &[String]) -> Vec<&'static str> {
    let app = use_app();
    let community_tags = use_state(|| None as Option<Vec<String>>);
    {
        let community_tags = community_tags.clone();
        use_effect_with(app.household, move |h| {
            if let Some(h) = *h {
                wasm_bindgen_futures::spawn_local(async move {
                    let Ok(d) = ipc::call(&GetHousehold { id: h }).await else {
                        return;
                    };
                    let Some(c) = d.household.community_id else {
                        return;
                    };
                    if let Ok(r) = ipc::call(&GetCommunityRules { community_id: c }).await {
                        community_tags.set(Some(r.care_tags));
                    }
                });
            }
        });
    }
    offered(community_tags.as_deref(), chosen)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_communitys_tags_and_the_members_own_are_offered() {
        assert_eq!(offered(None, &[]).len(), KNOWN_CARE_TAGS.len());
        let community = ["残疾".to_owned(), "独居老人".to_owned()];
        assert_eq!(offered(Some(&community), &[]), ["独居老人", "残疾"]);
        assert_eq!(
            offered(Some(&community), &["低保".to_owned()]),
            ["独居老人", "低保", "残疾"]
        );
    }
}
