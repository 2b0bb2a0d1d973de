//! 工作台's figures: each a button opening the list behind it, and the sync state (outbox, last
//! success) opening the Sync page.

use linli_protocol::{HomeDay, SyncPanel};
use yew::prelude::*;

use super::state::List;
use crate::clock::format_ms;
use crate::hooks::{use_app, use_texts};
use crate::state::{Action as AppAction, Page};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub day: HomeDay,
    pub sync: Option<SyncPanel>,
    pub open: Option<List>,
    pub ontoggle: Callback<List>,
    /// A community's day (an administrator's), not a person's.
    #[prop_or_default]
    pub community_view: bool,
}

#[function_component(Figures)]
pub fn figures(props: &Props) -> Html {
    let t = use_texts();
    let app = use_app();
    let d = &props.day;
    let care = d.due.iter().filter(|h| !h.care_tags.is_empty()).count();
    let figure = |list: List, id: &'static str, main: String, sub: Option<String>, late: bool| {
        let toggle = props.ontoggle.clone();
        html! {
            <button class={classes!("home-figure", (props.open == Some(list)).then_some("active"), late.then_some("late"))}
                {id} onclick={Callback::from(move |_| toggle.emit(list))}>
                <strong>{main}</strong>
                if let Some(s) = sub { <span class="muted">{s}</span> }
            </button>
        }
    };
    let to_sync = Callback::from(move |_| app.dispatch(AppAction::Navigate(Page::Sync)));
    let sync = match &props.sync {
        None => html! { <span class="muted">{t.loading}</span> },
        Some(p) => {
            let last = match p.status.last_success_ms {
                Some(ms) => (t.work.last_sync)(&format_ms(ms)),
                None if !p.enrolled => t.work.not_enrolled.to_owned(),
                None => t.work.never_synced.to_owned(),
            };
            html! {
                <>
                <strong id="home-outbox">{(t.work.fig_outbox)(p.status.outbox)}</strong>
                <span class="muted" id="home-last-sync">{last}</span>
                </>
            }
        }
    };
    html! {
        <div class="home-figures" id="home-figures">
            {figure(List::Due, "home-due", (t.work.fig_due)(d.due.len()), Some((t.work.fig_care)(care)), false)}
            {figure(List::Open, "home-open",
                (if props.community_view { t.work.fig_open_all } else { t.work.fig_open })(d.open_tasks.len()),
                None, false)}
            {figure(List::Overdue, "home-overdue", (t.work.fig_overdue)(d.overdue.len()), None, !d.overdue.is_empty())}
            {figure(List::Unreviewed, "home-unreviewed", (t.work.fig_unreviewed)(d.unreviewed.len()), None, false)}
            {figure(List::Activities, "home-activities", (t.work.fig_activities)(d.activities.len()), None, false)}
            <button class="home-figure home-sync" id="home-sync" onclick={to_sync}>
                <span class="label">{t.work.sync_title}</span>
                {sync}
            </button>
        </div>
    }
}
