//! One column of the board (one status) drawn [`PAGE`] cards at a time, with 再显示 and 显示全部
//! under it (issue 24): at 100,000 households a community's board holds over 1,500 tasks, and
//! drawing every card at once took 诉求 over a second. The count in the column's head is the
//! whole column's.

use linli_domain::Id;
use linli_protocol::BoardColumn;
use yew::prelude::*;

use super::card::TaskCard;
use crate::components::show_more::show_more;
use crate::hooks::use_texts;

/// How many cards a column draws at first, and how many more each 再显示 adds.
pub const PAGE: usize = 100;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub column: BoardColumn,
    pub onopen: Callback<Id>,
}

#[function_component(Column)]
pub fn column(props: &Props) -> Html {
    let t = use_texts();
    let col = &props.column;
    let limit = use_state(|| PAGE);
    let total = col.tasks.len();
    let shown = total.min(*limit);
    let code = col.status.code();
    let more = show_more(
        &format!("board-{code}"),
        &limit,
        PAGE,
        total,
        t.pages.tasks_shown_of,
        t.pages.tasks_show_more,
        t.pages.show_all,
    );
    html! {
        <div class="board-column" data-status={code}>
            <h2>{(t.task_status)(col.status)}{" "}<span class="muted">{total}</span></h2>
            { for col.tasks.iter().take(shown).map(|task| html! {
                <TaskCard key={task.id.to_string()} task={task.clone()} onopen={props.onopen.clone()} />
            }) }
            {more}
        </div>
    }
}
