//! The households of the selected place, in walking order (building, unit, floor, room): a page
//! at a time, filterable on the page by address, head or tag.

use linli_protocol::{ApiError, Household, HouseholdPage, ListHouseholds, ListKind, Place};
use web_sys::{HtmlInputElement, KeyboardEvent};
use yew::prelude::*;

use crate::components::chips::StatusChips;
use crate::components::export_button::ExportButton;
use crate::hooks::{use_app, use_kept_state};
use crate::ipc;
use crate::state::Action;

/// Households per page: about what a worker walks in a building.
pub const PAGE: u32 = 50;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub place: Place,
    /// Bumped when a household is added, to fetch again.
    pub version: u32,
}

/// The rows whose address, head or tags contain `filter`.
pub fn filtered<'a>(rows: &'a [Household], filter: &str) -> Vec<&'a Household> {
    let f = filter.trim();
    rows.iter()
        .filter(|h| {
            f.is_empty()
                || h.address.contains(f)
                || h.head_name.as_deref().is_some_and(|n| n.contains(f))
                || h.tags.iter().any(|t| t.contains(f))
        })
        .collect()
}

#[function_component(HouseholdList)]
pub fn household_list(props: &Props) -> Html {
    let app = use_app();
    let t = app.lang.texts();
    // fields by role: a steward's or coordinator's laptop holds no phone
    let withheld = crate::components::masked_value::use_withheld();
    let t_withheld = &t.withheld;
    // the page, the filter and 含已迁出 are kept across navigation
    let offset = use_kept_state("register.offset", || 0u32);
    let offset_of = use_kept_state("register.offset_place", || None as Option<linli_domain::Id>);
    let moved_out = use_kept_state("register.moved_out", || false);
    let filter = use_kept_state("register.filter", String::new);
    let page = use_state(|| None as Option<Result<HouseholdPage, ApiError>>);

    // a new place starts at its first page (coming back to the same place keeps its page)
    {
        let (offset, offset_of) = (offset.clone(), offset_of.clone());
        use_effect_with(props.place.id, move |id| {
            if *offset_of != Some(*id) {
                offset_of.set(Some(*id));
                offset.set(0);
            }
        });
    }
    {
        let page = page.clone();
        let req = ListHouseholds {
            place_id: Some(props.place.id),
            include_moved_out: *moved_out,
            offset: *offset,
            limit: PAGE,
        };
        use_effect_with((req, props.version), move |(req, _)| {
            let req = req.clone();
            wasm_bindgen_futures::spawn_local(async move {
                page.set(Some(ipc::call(&req).await));
            });
        });
    }

    let on_filter = {
        let filter = filter.clone();
        Callback::from(move |e: InputEvent| {
            filter.set(e.target_unchecked_into::<HtmlInputElement>().value())
        })
    };
    let on_moved_out = {
        let (moved_out, offset) = (moved_out.clone(), offset.clone());
        Callback::from(move |e: Event| {
            moved_out.set(e.target_unchecked_into::<HtmlInputElement>().checked());
            offset.set(0);
        })
    };
    let go = |to: u32| {
        let offset = offset.clone();
        Callback::from(move |_| offset.set(to))
    };

    let body = match &*page {
        None => html! { <p class="muted">{t.loading}</p> },
        Some(Err(e)) => {
            html! { <p class="alert alert-error" role="alert">{crate::i18n::say(e)}</p> }
        }
        Some(Ok(p)) if p.total == 0 => html! { <p class="empty">{t.no_households}</p> },
        Some(Ok(p)) => {
            let rows = filtered(&p.rows, &filter);
            let first = *offset + 1;
            let last = *offset + p.rows.len() as u32;
            html! {
                <>
                <div class="list-bar">
                    <span class="count" id="household-count">{(t.household_range)(first, last, p.total)}</span>
                    <span class="pager">
                        <button class="btn btn-small" id="page-prev" disabled={*offset == 0}
                            onclick={go(offset.saturating_sub(PAGE))}>{t.prev_page}</button>
                        <button class="btn btn-small" id="page-next" disabled={last >= p.total}
                            onclick={go(*offset + PAGE)}>{t.next_page}</button>
                    </span>
                </div>
                if rows.is_empty() {
                    <p class="empty">{t.no_household_match}</p>
                } else {
                    <table class="table table-click" id="household-list">
                        <thead>
                            <tr>
                                <th>{t.address}</th>
                                <th>{t.head}</th>
                                <th class="num">{t.members}</th>
                                <th>{t.phone}</th>
                                <th>{t.status_and_tags}</th>
                            </tr>
                        </thead>
                        <tbody>
                        { for rows.iter().map(|h| {
                            let open = {
                                let (app, id) = (app.clone(), h.id);
                                Callback::from(move |_| app.dispatch(Action::OpenHousehold(id)))
                            };
                            let on_key = {
                                let (app, id) = (app.clone(), h.id);
                                Callback::from(move |e: KeyboardEvent| {
                                    if e.key() == "Enter" {
                                        app.dispatch(Action::OpenHousehold(id))
                                    }
                                })
                            };
                            html! {
                                <tr key={h.id.to_string()} class={classes!("household-row", h.moved_out.is_some().then_some("moved-out"))}
                                    data-id={h.id.to_string()} onclick={open} onkeydown={on_key} tabindex="0">
                                    <td class="address">{&h.address}</td>
                                    <td>{h.head_name.as_deref().unwrap_or("—")}</td>
                                    <td class="num">{h.members}</td>
                                    <td class="mono">{if withheld { t_withheld.not_permitted } else { h.phone_masked.as_deref().unwrap_or("—") }}</td>
                                    <td><StatusChips household={(*h).clone()} /></td>
                                </tr>
                            }
                        }) }
                        </tbody>
                    </table>
                }
                </>
            }
        }
    };

    html! {
        <div class="panel" id="households">
            <div class="panel-head">
                <h2>{(t.households_of)(&props.place.name)}</h2>
                <div class="panel-tools">
                    <label class="check">
                        <input type="checkbox" id="show-moved-out" checked={*moved_out} onchange={on_moved_out} />
                        {t.show_moved_out}
                    </label>
                    <input id="household-filter" class="input input-search" type="search"
                        placeholder={t.household_filter} value={(*filter).clone()} oninput={on_filter} />
                </div>
            </div>
            <div class="list-exports">
                <ExportButton kind={ListKind::Households} place_id={props.place.id} />
                <ExportButton kind={ListKind::Residents} place_id={props.place.id} />
                <crate::components::print::PrintButton id="households-print" />
            </div>
            {body}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use linli_domain::{register::ResidenceStatus, Id};

    fn household(address: &str, head: Option<&str>, tags: &[&str]) -> Household {
        Household {
            id: Id::from_uuid(Default::default()),
            community_id: None,
            building_id: None,
            unit_id: None,
            room: String::new(),
            address: address.into(),
            compound_name: None,
            head_name: head.map(Into::into),
            phone_masked: None,
            members: 1,
            residence_status: ResidenceStatus::Consistent,
            floating: false,
            tags: tags.iter().map(|t| t.to_string()).collect(),
            notes: String::new(),
            moved_out: None,
            residence_status_code: None,
        }
    }

    #[test]
    fn the_filter_reads_address_head_and_tags() {
        let rows = [
            household("3栋1单元301", Some("林秀英"), &[]),
            household("3栋2单元302", None, &["出租"]),
        ];
        let addr = |v: Vec<&Household>| v.iter().map(|h| h.address.clone()).collect::<Vec<_>>();
        assert_eq!(addr(filtered(&rows, " 2单元 ")), ["3栋2单元302"]);
        assert_eq!(addr(filtered(&rows, "秀英")), ["3栋1单元301"]);
        assert_eq!(addr(filtered(&rows, "出租")), ["3栋2单元302"]);
        assert_eq!(filtered(&rows, "").len(), 2);
        assert!(filtered(&rows, "5栋").is_empty());
    }
}
