//! The communities in the local store, and a form to add one: what the Register shows before a
//! place is picked in the tree (or when a county or town is).

use linli_domain::{place::validate_name, Id, PlaceKind};
use linli_protocol::{AddPlace, ApiError, ListPlaces, Place};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::components::toast::Toast;
use crate::hooks::{use_kept_state, use_texts};
use crate::ipc;

type Loaded = Option<Result<Vec<Place>, ApiError>>;

fn list(kind: PlaceKind, target: UseStateHandle<Loaded>) {
    wasm_bindgen_futures::spawn_local(async move {
        let res = ipc::call(&ListPlaces {
            kind: Some(kind),
            parent_id: None,
        })
        .await;
        target.set(Some(res));
    });
}

/// The communities whose name contains `filter`, sorted by name (descending when asked).
pub fn visible<'a>(all: &'a [Place], filter: &str, descending: bool) -> Vec<&'a Place> {
    let filter = filter.trim();
    let mut shown: Vec<&Place> = all
        .iter()
        .filter(|p| filter.is_empty() || p.name.contains(filter))
        .collect();
    shown.sort_by(|a, b| a.name.cmp(&b.name));
    if descending {
        shown.reverse();
    }
    shown
}

/// The tail of an id: UUIDv7s made together share their head (the time), so the tail tells apart.
fn short_id(id: &Id) -> String {
    let s = id.to_string();
    s[s.len() - 8..].to_owned()
}

#[derive(Properties, PartialEq)]
pub struct Props {
    /// Called once a community is added (the place tree shows it too).
    pub on_added: Callback<()>,
}

#[function_component(Communities)]
pub fn communities(props: &Props) -> Html {
    let t = use_texts();
    let communities = use_state(|| None as Loaded);
    let towns = use_state(|| None as Loaded);
    let reload = use_state(|| 0u32);
    let filter = use_kept_state("register.communities_filter", String::new);
    let descending = use_kept_state("register.communities_descending", || false);
    let name = use_state(String::new);
    let town = use_state(|| None as Option<Id>);
    let touched = use_state(|| false);
    let error = use_state(|| None as Option<String>);
    let notice = use_state(|| None as Option<String>);
    let busy = use_state(|| false);

    {
        let communities = communities.clone();
        let towns = towns.clone();
        use_effect_with(*reload, move |_| {
            list(PlaceKind::Community, communities);
            list(PlaceKind::Town, towns);
        });
    }

    // the first town is the default parent once the towns are known
    {
        let town = town.clone();
        use_effect_with((*towns).clone(), move |towns| {
            if town.is_none() {
                if let Some(Ok(list)) = towns {
                    if let Some(first) = list.first() {
                        town.set(Some(first.id));
                    }
                }
            }
        });
    }

    let on_name = {
        let (name, touched, error, notice) =
            (name.clone(), touched.clone(), error.clone(), notice.clone());
        Callback::from(move |e: InputEvent| {
            let value = e.target_unchecked_into::<HtmlInputElement>().value();
            error.set(validate_name(&value).err().map(|e| e.to_string()));
            notice.set(None);
            touched.set(true);
            name.set(value);
        })
    };
    let on_town = {
        let town = town.clone();
        Callback::from(move |e: Event| {
            let value = e.target_unchecked_into::<HtmlSelectElement>().value();
            town.set(value.parse::<Id>().ok());
        })
    };
    let on_filter = {
        let filter = filter.clone();
        Callback::from(move |e: InputEvent| {
            filter.set(e.target_unchecked_into::<HtmlInputElement>().value());
        })
    };
    let on_sort = {
        let descending = descending.clone();
        Callback::from(move |_| descending.set(!*descending))
    };
    let on_submit = {
        let (name, town, touched, error, notice, busy, reload) = (
            name.clone(),
            town.clone(),
            touched.clone(),
            error.clone(),
            notice.clone(),
            busy.clone(),
            reload.clone(),
        );
        let on_added = props.on_added.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            touched.set(true);
            if *busy {
                return;
            }
            if let Err(e) = validate_name(&name) {
                error.set(Some(e.to_string()));
                return;
            }
            let req = AddPlace {
                kind: PlaceKind::Community,
                name: (*name).clone(),
                parent_id: *town,
            };
            let (name, touched, error, notice, busy, reload, on_added) = (
                name.clone(),
                touched.clone(),
                error.clone(),
                notice.clone(),
                busy.clone(),
                reload.clone(),
                on_added.clone(),
            );
            busy.set(true);
            wasm_bindgen_futures::spawn_local(async move {
                match ipc::call(&req).await {
                    Ok(place) => {
                        notice.set(Some((t.added)(&place.name)));
                        error.set(None);
                        name.set(String::new());
                        touched.set(false);
                        reload.set(*reload + 1);
                        on_added.emit(());
                    }
                    Err(e) => error.set(Some(crate::i18n::say(&e))),
                }
                busy.set(false);
            });
        })
    };

    let table = match &*communities {
        None => html! { <p class="muted">{t.loading}</p> },
        Some(Err(e)) => {
            let retry = {
                let reload = reload.clone();
                Callback::from(move |_| reload.set(*reload + 1))
            };
            html! {
                <div class="alert alert-error" role="alert">
                    <p>{crate::i18n::say(e)}</p>
                    <button class="btn" onclick={retry}>{t.retry}</button>
                </div>
            }
        }
        Some(Ok(all)) if all.is_empty() => html! { <p class="empty">{t.no_communities}</p> },
        Some(Ok(all)) => {
            let shown = visible(all, &filter, *descending);
            html! {
                <>
                <p class="count">{(t.count)(shown.len(), all.len())}</p>
                if shown.is_empty() {
                    <p class="empty">{t.no_match}</p>
                } else {
                    <table class="table" id="community-list">
                        <thead>
                            <tr>
                                <th>
                                    <button class="th-sort" title={t.sort_by_name} onclick={on_sort}>
                                        {t.community_name}{if *descending { " ▼" } else { " ▲" }}
                                    </button>
                                </th>
                                <th>{t.community_town}</th>
                                <th>{t.community_id}</th>
                            </tr>
                        </thead>
                        <tbody>
                        { for shown.iter().map(|p| html! {
                            <tr key={p.id.to_string()}>
                                <td class="community-name">{&p.name}</td>
                                <td>{p.parent_name.as_deref().unwrap_or("—")}</td>
                                <td class="mono muted" title={p.id.to_string()}>{short_id(&p.id)}</td>
                            </tr>
                        }) }
                        </tbody>
                    </table>
                }
                </>
            }
        }
    };

    let town_options = match &*towns {
        Some(Ok(list)) => list.clone(),
        _ => Vec::new(),
    };
    let show_error = *touched && error.is_some();

    html! {
        <>
            <header class="page-head">
                <h1>{t.register_title}</h1>
                <p class="muted">{t.pick_a_place}</p>
            </header>
            <form class="panel form-row" id="community-form" onsubmit={on_submit} novalidate=true>
                <label class="field">
                    <span class="label">{t.community_name}</span>
                    <input id="community-name" class={classes!("input", show_error.then_some("invalid"))}
                        placeholder={t.community_name_placeholder} value={(*name).clone()}
                        oninput={on_name} aria-invalid={show_error.to_string()} />
                </label>
                <label class="field">
                    <span class="label">{t.community_town}</span>
                    <select id="community-town" class="input" onchange={on_town}>
                        { for town_options.iter().map(|p| html! {
                            <option value={p.id.to_string()} selected={*town == Some(p.id)}>{&p.name}</option>
                        }) }
                        <option value="" selected={town.is_none()}>{t.no_town}</option>
                    </select>
                </label>
                <button id="community-add" class="btn btn-primary" type="submit" disabled={*busy}>
                    {if *busy { t.adding } else { t.add_community }}
                </button>
                if show_error {
                    <p id="community-error" class="field-error" role="alert">{error.as_deref().unwrap_or_default()}</p>
                }
                if let Some(n) = &*notice {
                    <Toast id="community-notice" text={n.clone()} block=true />
                }
            </form>
            <div class="panel">
                <div class="panel-head">
                    <h2>{t.communities}</h2>
                    <input id="community-filter" class="input input-search" type="search"
                        placeholder={t.filter_placeholder} value={(*filter).clone()} oninput={on_filter} />
                </div>
                {table}
            </div>
        </>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place(name: &str) -> Place {
        Place {
            id: Id::from_uuid(Default::default()),
            kind: PlaceKind::Community,
            name: name.into(),
            parent_id: None,
            parent_name: None,
            kind_code: None,
        }
    }

    #[test]
    fn the_list_filters_by_name_and_sorts_both_ways() {
        let all = [place("北门社区"), place("东门社区"), place("北山社区")];
        let names = |v: Vec<&Place>| v.iter().map(|p| p.name.clone()).collect::<Vec<_>>();
        assert_eq!(
            names(visible(&all, " 北 ", false)),
            ["北山社区", "北门社区"]
        );
        assert_eq!(names(visible(&all, "北", true)), ["北门社区", "北山社区"]);
        assert_eq!(visible(&all, "", false).len(), 3);
        assert!(visible(&all, "西", false).is_empty());
    }
}
