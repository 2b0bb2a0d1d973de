//! 公告: the community's boards (issue 20 items 3, 4 and the notices of 5; docs/board.md). A
//! community, then three tabs: 本月主题 (a month's theme and what it groups: the month's
//! volunteer activities, notices and the stewards' campaign lines, and the year's themes),
//! 通知 (notices filtered and sorted, posted and changed, each printable as an A4 poster with a
//! text to paste into a WeChat group) and 值日牌 (duty boards: who is on duty this week and next,
//! the weeks marked, the board printed for the stairwell). Every refusal is the catalogue's.

mod duty;
mod duty_board;
mod notices;
mod poster;
mod theme;

use linli_domain::Id;
use linli_protocol::{BoardPlace, ListBoardPlaces};
use yew::prelude::*;

use crate::components::community_select::{use_communities, CommunitySelect};
pub(super) use crate::components::fields::{area, choice, input, options};
use crate::hooks::{use_kept_state, use_texts};
use crate::ipc;

const TABS: [&str; 3] = ["theme", "notices", "duty"];

/// The community's compounds, buildings and entrances (for the pickers), reloaded with it.
#[hook]
pub(super) fn use_places(community: Id) -> UseStateHandle<Vec<BoardPlace>> {
    let places = use_state(Vec::<BoardPlace>::new);
    {
        let places = places.clone();
        use_effect_with(community, move |&community_id| {
            wasm_bindgen_futures::spawn_local(async move {
                places.set(
                    ipc::call(&ListBoardPlaces { community_id })
                        .await
                        .unwrap_or_default(),
                );
            });
        });
    }
    places
}

#[function_component(Board)]
pub fn board() -> Html {
    let t = use_texts();
    let b = &t.board;
    let tab = use_kept_state("board.tab", || "theme".to_owned());
    let (communities, community) = use_communities("board.community");
    let on_community = {
        let community = community.clone();
        Callback::from(move |c: Option<Id>| community.set(c))
    };
    let label = |id: &str| match id {
        "theme" => b.tab_theme,
        "notices" => b.tab_notices,
        _ => b.tab_duty,
    };
    let tabs = TABS.iter().map(|&id| {
        let onclick = {
            let tab = tab.clone();
            Callback::from(move |_| tab.set(id.to_owned()))
        };
        let active = *tab == id;
        html! {
            <button id={format!("board-tab-{id}")} class={classes!("tab", active.then_some("active"))}
                aria-selected={active.to_string()} role="tab" {onclick}>{label(id)}</button>
        }
    });
    let name = communities
        .as_ref()
        .and_then(|l| l.iter().find(|p| Some(p.id) == *community))
        .map(|p| p.name.clone())
        .unwrap_or_default();
    let body = match (&*communities, *community) {
        (None, _) => html! { <p class="muted">{b.loading}</p> },
        (Some(_), None) => html! { <p class="muted" id="board-no-community">{b.no_community}</p> },
        (Some(_), Some(c)) => match tab.as_str() {
            "notices" => html! { <notices::Notices community={c} {name} /> },
            "duty" => html! { <duty::DutyBoards community={c} /> },
            _ => html! { <theme::MonthThemeTab community={c} {name} /> },
        },
    };
    html! {
        <section class="page notice-board">
            <header class="page-head no-print">
                <h1>{b.title}</h1>
                <CommunitySelect id="board-community" label={b.community} list={(*communities).clone()}
                    chosen={*community} on_change={on_community} />
            </header>
            <div class="settings-tabs no-print" role="tablist">{ for tabs }</div>
            {body}
        </section>
    }
}
