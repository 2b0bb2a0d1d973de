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
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::components::community_select::{use_communities, CommunitySelect};
use crate::hooks::{use_kept_state, use_texts};
use crate::ipc;

const TABS: [&str; 3] = ["theme", "notices", "duty"];

/// A labelled one-line input whose text goes to `on`.
pub(super) fn input(id: &str, label: &str, value: &str, kind: &str, on: Callback<String>) -> Html {
    let oninput = Callback::from(move |e: InputEvent| {
        on.emit(e.target_unchecked_into::<HtmlInputElement>().value())
    });
    html! {
        <label class="field">
            <span class="label">{label.to_owned()}</span>
            <input class="input" id={id.to_owned()} type={kind.to_owned()} value={value.to_owned()} {oninput} />
        </label>
    }
}

/// A labelled text area whose text goes to `on`.
pub(super) fn area(id: &str, label: &str, value: &str, on: Callback<String>) -> Html {
    let oninput = Callback::from(move |e: InputEvent| {
        on.emit(e.target_unchecked_into::<HtmlTextAreaElement>().value())
    });
    html! {
        <label class="field field-wide">
            <span class="label">{label.to_owned()}</span>
            <textarea class="input" id={id.to_owned()} rows="4" value={value.to_owned()} {oninput} />
        </label>
    }
}

/// A labelled choice among `(code, label)` pairs whose code goes to `on`.
pub(super) fn choice(
    id: &str,
    label: &str,
    value: &str,
    options: &[(String, String)],
    on: Callback<String>,
) -> Html {
    let onchange = Callback::from(move |e: Event| {
        on.emit(e.target_unchecked_into::<HtmlSelectElement>().value())
    });
    html! {
        <label class="field">
            <span class="label">{label.to_owned()}</span>
            <select class="input" id={id.to_owned()} {onchange}>
                { for options.iter().map(|(code, text)| html! {
                    <option value={code.clone()} selected={*code == value}>{text.clone()}</option>
                }) }
            </select>
        </label>
    }
}

/// `(code, label)` pairs of a word list, after a blank first option when `blank` is given.
pub(super) fn options<T: Copy>(
    blank: Option<&str>,
    all: &[T],
    code: fn(T) -> &'static str,
    label: fn(T) -> &'static str,
) -> Vec<(String, String)> {
    blank
        .map(|b| (String::new(), b.to_owned()))
        .into_iter()
        .chain(
            all.iter()
                .map(|k| (code(*k).to_owned(), label(*k).to_owned())),
        )
        .collect()
}

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
        <section class="page board">
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
