//! The footer under a long list drawn a page at a time (issue 24): how many rows are shown of
//! how many, 再显示 (the next page) and 显示全部. 今日's household lists and 诉求's board columns
//! use it.

use yew::prelude::*;

/// The footer for a list of `total` rows showing `limit` of them (nothing when all are shown):
/// `<id>-more` holding `<id>-show-more`, which adds `page` rows, and `<id>-show-all`.
pub fn show_more(
    id: &str,
    limit: &UseStateHandle<usize>,
    page: usize,
    total: usize,
    shown_of: fn(usize, usize) -> String,
    show_next: fn(usize) -> String,
    show_all: &'static str,
) -> Option<Html> {
    let shown = total.min(**limit);
    (shown < total).then(|| {
        let next = page.min(total - shown);
        let (l1, l2) = (limit.clone(), limit.clone());
        html! {
            <div class="list-more no-print" id={format!("{id}-more")}>
                <span class="muted">{shown_of(shown, total)}</span>
                <button class="btn btn-small" id={format!("{id}-show-more")}
                    onclick={Callback::from(move |_| l1.set(*l1 + page))}>{show_next(next)}</button>
                <button class="btn btn-small" id={format!("{id}-show-all")}
                    onclick={Callback::from(move |_| l2.set(usize::MAX))}>{show_all}</button>
            </div>
        }
    })
}
