//! A place chosen down the tree: one select per level (town → community → compound → building →
//! unit), each filled from `PlaceChildren` of the level above. The deepest place chosen is the
//! value; choosing the blank option of a level goes back up to the level above.

use linli_domain::Id;
use linli_protocol::{PlaceChildren, PlaceNode};
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::ipc;

/// One level of the tree: its places and the one chosen, if any.
#[derive(Debug, Clone, PartialEq)]
pub struct Level {
    pub nodes: Vec<PlaceNode>,
    pub chosen: Option<Id>,
}

/// The deepest place chosen.
pub fn deepest(levels: &[Level]) -> Option<Id> {
    levels.iter().rev().find_map(|l| l.chosen)
}

/// The levels after choosing `value` at level `at`: the levels below are dropped, and the caller
/// loads the children of the new choice when it has any.
pub fn choose(levels: &[Level], at: usize, value: Option<Id>) -> Vec<Level> {
    let mut next: Vec<Level> = levels.iter().take(at + 1).cloned().collect();
    if let Some(l) = next.get_mut(at) {
        l.chosen = value;
    }
    next
}

#[derive(Properties, PartialEq)]
pub struct PlacePickerProps {
    /// Prefix of the selects' ids (`{id}-0`, `{id}-1`…).
    pub id: AttrValue,
    pub label: AttrValue,
    /// The blank option's text ("全部", "请选择").
    pub blank: AttrValue,
    pub onchange: Callback<Option<Id>>,
}

fn load(parent: Option<Id>, levels: Vec<Level>, state: UseStateHandle<Vec<Level>>) {
    wasm_bindgen_futures::spawn_local(async move {
        let nodes = ipc::call(&PlaceChildren { parent_id: parent })
            .await
            .unwrap_or_default();
        let mut levels = levels;
        if !nodes.is_empty() {
            levels.push(Level {
                nodes,
                chosen: None,
            });
        }
        state.set(levels);
    });
}

#[function_component(PlacePicker)]
pub fn place_picker(props: &PlacePickerProps) -> Html {
    let levels = use_state(Vec::<Level>::new);
    {
        let levels = levels.clone();
        use_effect_with((), move |_| load(None, Vec::new(), levels));
    }
    let selects = levels.iter().enumerate().map(|(i, level)| {
        let on = {
            let (levels, onchange) = (levels.clone(), props.onchange.clone());
            Callback::from(move |e: Event| {
                let v = e.target_unchecked_into::<HtmlSelectElement>().value();
                let value = v.parse::<Id>().ok();
                let next = choose(&levels, i, value);
                onchange.emit(deepest(&next));
                let has_children = value.is_some_and(|v| {
                    levels[i]
                        .nodes
                        .iter()
                        .any(|n| n.place.id == v && n.children > 0)
                });
                if has_children {
                    load(value, next, levels.clone());
                } else {
                    levels.set(next);
                }
            })
        };
        html! {
            <select class="input" id={format!("{}-{i}", props.id)} onchange={on}>
                <option value="" selected={level.chosen.is_none()}>{props.blank.clone()}</option>
                { for level.nodes.iter().map(|n| html! {
                    <option value={n.place.id.to_string()} selected={level.chosen == Some(n.place.id)}>
                        {&n.place.name}
                    </option>
                }) }
            </select>
        }
    });
    html! {
        <label class="field">
            <span class="label">{props.label.clone()}</span>
            <span class="form-row">{ for selects }</span>
        </label>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use linli_domain::PlaceKind;
    use linli_protocol::Place;

    fn node(n: u128) -> PlaceNode {
        PlaceNode {
            place: Place {
                id: Id::from_uuid(linli_domain::id::Uuid::from_u128(n)),
                kind: PlaceKind::Community,
                name: format!("{n}"),
                parent_id: None,
                parent_name: None,
                kind_code: None,
            },
            children: 1,
            households: 0,
        }
    }

    #[test]
    fn choosing_higher_up_drops_the_levels_below_and_blank_goes_back_up() {
        let (a, b) = (node(1), node(2));
        let levels = vec![
            Level {
                nodes: vec![a.clone()],
                chosen: Some(a.place.id),
            },
            Level {
                nodes: vec![b.clone()],
                chosen: Some(b.place.id),
            },
        ];
        assert_eq!(deepest(&levels), Some(b.place.id));
        let up = choose(&levels, 1, None);
        assert_eq!(deepest(&up), Some(a.place.id));
        let top = choose(&levels, 0, Some(a.place.id));
        assert_eq!(top.len(), 1);
        assert_eq!(deepest(&choose(&levels, 0, None)), None);
    }
}
