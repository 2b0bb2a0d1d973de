//! The board's filters: only mine, only overdue, a category, a grid of the community, words of the
//! title or place (sent once typing pauses).

use linli_domain::field::TaskCategory;
use linli_domain::Id;
use linli_protocol::{Grid, ListGrids};
use yew::prelude::*;

use super::state::{Action, BoardState, Filters};
use crate::hooks::{use_debounced, use_me, use_texts};
use crate::ipc;
use crate::pages::field::{checked_of, selected_of, value_of};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub community: Id,
    pub filters: Filters,
    pub dispatch: UseReducerDispatcher<BoardState>,
}

#[function_component(BoardFilters)]
pub fn board_filters(props: &Props) -> Html {
    let t = use_texts();
    let me = use_me();
    let grids = use_state(Vec::<Grid>::new);
    let typed = use_state(|| props.filters.query.clone());
    let settled = use_debounced((*typed).clone(), 250);
    {
        let grids = grids.clone();
        use_effect_with(props.community, move |c| {
            let c = *c;
            wasm_bindgen_futures::spawn_local(async move {
                grids.set(
                    ipc::call(&ListGrids { community_id: c })
                        .await
                        .unwrap_or_default(),
                );
            });
        });
    }
    {
        let dispatch = props.dispatch.clone();
        use_effect_with(settled, move |q| {
            dispatch.dispatch(Action::Query(q.clone()))
        });
    }
    let d = props.dispatch.clone();
    let on_mine = {
        let d = d.clone();
        Callback::from(move |e: Event| d.dispatch(Action::Mine(checked_of(e))))
    };
    let on_overdue = {
        let d = d.clone();
        Callback::from(move |e: Event| d.dispatch(Action::Overdue(checked_of(e))))
    };
    let on_category = {
        let d = d.clone();
        Callback::from(move |e: Event| {
            d.dispatch(Action::Category(TaskCategory::from_code(&selected_of(e))))
        })
    };
    let on_grid = {
        let d = d.clone();
        Callback::from(move |e: Event| d.dispatch(Action::Grid(selected_of(e).parse().ok())))
    };
    let on_query = {
        let typed = typed.clone();
        Callback::from(move |e: InputEvent| typed.set(value_of(e)))
    };
    let f = &props.filters;
    let no_me = me.person_id().is_none();
    html! {
        <div class="form-row board-filters" id="board-filters">
            <label class="check" title={no_me.then_some(t.work.no_me_for_mine)}>
                <input type="checkbox" id="filter-mine" checked={f.mine} disabled={no_me}
                    onchange={on_mine} />
                {t.work.filter_mine}
            </label>
            <label class="check">
                <input type="checkbox" id="filter-overdue" checked={f.overdue} onchange={on_overdue} />
                {t.work.filter_overdue}
            </label>
            <label class="field">
                <span class="label">{t.work.filter_category}</span>
                <select id="filter-category" class="input" onchange={on_category}>
                    <option value="" selected={f.category.is_none()}>{t.work.all}</option>
                    { for TaskCategory::ALL.iter().map(|c| html! {
                        <option value={c.code()} selected={f.category == Some(*c)}>{(t.task_category)(*c)}</option>
                    }) }
                </select>
            </label>
            <label class="field">
                <span class="label">{t.work.filter_grid}</span>
                <select id="filter-grid" class="input" onchange={on_grid}>
                    <option value="" selected={f.grid.is_none()}>{t.work.all}</option>
                    { for grids.iter().map(|g| html! {
                        <option value={g.id.to_string()} selected={f.grid == Some(g.id)}>{&g.name}</option>
                    }) }
                </select>
            </label>
            <label class="field field-grow">
                <span class="label">{t.work.search_titles}</span>
                <input id="filter-query" class="input" type="search" value={(*typed).clone()}
                    oninput={on_query} />
            </label>
        </div>
    }
}
