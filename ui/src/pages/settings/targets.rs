//! 设置 → 目标 (h21tgt): a community's or a grid's monthly targets — visits, coverage and the
//! on-time rate — set from a month on, checked here as the store checks them (the store refuses
//! the same, and anyone but an administrator), and every version listed, newest month first.

use linli_domain::targets::MAX_VISITS;
use linli_domain::Id;
use linli_protocol::{ApiError, Grid, ListGrids, ListTargets, SetTarget, TargetVersion};
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::components::toast::Toast;
use crate::hooks::{use_me, use_texts};
use crate::i18n::Texts;
use crate::ipc;
use crate::pages::field::{value_of, CommunityPicker};

/// The form as typed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TargetForm {
    pub month: String,
    pub visits: String,
    pub coverage: String,
    pub on_time: String,
}

/// A whole number in `0..=max`, or none when blank; `Err(())` otherwise.
fn number(s: &str, max: i64) -> Result<Option<i64>, ()> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(None);
    }
    match s.parse::<i64>() {
        Ok(n) if (0..=max).contains(&n) => Ok(Some(n)),
        _ => Err(()),
    }
}

/// The request the form makes, or what is wrong with it (the first problem).
pub fn request(
    t: &Texts,
    f: &TargetForm,
    place_id: Option<Id>,
    grid_id: Option<Id>,
) -> Result<SetTarget, &'static str> {
    let g = &t.targets;
    let month = f.month.trim();
    if linli_domain::calendar::month_bounds(month).is_none() {
        return Err(g.err_month);
    }
    Ok(SetTarget {
        place_id,
        grid_id,
        from_month: month.to_owned(),
        visits: number(&f.visits, MAX_VISITS).map_err(|_| g.err_visits)?,
        coverage_pct: number(&f.coverage, 100).map_err(|_| g.err_coverage)?,
        on_time_pct: number(&f.on_time, 100).map_err(|_| g.err_on_time)?,
    })
}

fn pct(p: Option<u32>) -> String {
    p.map_or_else(|| "—".into(), |p| format!("{p}%"))
}

#[function_component(TargetSettings)]
pub fn target_settings() -> Html {
    let t = use_texts();
    let g = &t.targets;
    let me = use_me();
    let community = use_state(|| {
        me.me()
            .and_then(|m| m.person.as_ref())
            .map(|p| p.community_id)
    });
    let grids = use_state(Vec::<Grid>::new);
    let grid = use_state(|| None as Option<Id>);
    let versions = use_state(|| None as Option<Result<Vec<TargetVersion>, ApiError>>);
    let form = use_state(|| TargetForm {
        month: crate::clock::today()
            .get(..7)
            .unwrap_or_default()
            .to_owned(),
        ..Default::default()
    });
    let said = use_state(|| None as Option<Result<(), String>>);
    let busy = use_state(|| false);
    let reload = use_state(|| 0u32);
    {
        let (grids, grid) = (grids.clone(), grid.clone());
        use_effect_with(*community, move |c| {
            grid.set(None);
            grids.set(Vec::new());
            if let Some(c) = *c {
                wasm_bindgen_futures::spawn_local(async move {
                    if let Ok(list) = ipc::call(&ListGrids { community_id: c }).await {
                        grids.set(list);
                    }
                });
            }
        });
    }
    {
        let versions = versions.clone();
        use_effect_with((*community, *grid, *reload), move |(c, g, _)| {
            let req = ListTargets {
                place_id: if g.is_some() { None } else { *c },
                grid_id: *g,
            };
            let whole = g.is_none();
            if c.is_some() {
                wasm_bindgen_futures::spawn_local(async move {
                    // a community's own versions (its grids' show under each grid)
                    let got = ipc::call(&req).await.map(|all| {
                        all.into_iter()
                            .filter(|v| !whole || v.grid_id.is_none())
                            .collect()
                    });
                    versions.set(Some(got));
                });
            }
        });
    }
    let on_community = {
        let (community, said) = (community.clone(), said.clone());
        Callback::from(move |c: Option<Id>| {
            said.set(None);
            community.set(c);
        })
    };
    let on_grid = {
        let (grid, said) = (grid.clone(), said.clone());
        Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<HtmlSelectElement>().value();
            said.set(None);
            grid.set(v.parse().ok());
        })
    };
    let field = |id: &'static str,
                 label: &'static str,
                 value: &str,
                 hint: &'static str,
                 set: fn(&mut TargetForm, String)| {
        let form = form.clone();
        let oninput = Callback::from(move |e: InputEvent| {
            let mut f = (*form).clone();
            set(&mut f, value_of(e));
            form.set(f);
        });
        html! {
            <label class="field">
                <span class="label">{label}</span>
                <input {id} class="input input-narrow" value={value.to_owned()} {oninput} placeholder={hint} />
            </label>
        }
    };
    let on_save = {
        let (community, grid, form, said, busy, reload) = (
            community.clone(),
            grid.clone(),
            form.clone(),
            said.clone(),
            busy.clone(),
            reload.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if *busy || community.is_none() {
                return;
            }
            let (place, g) = match *grid {
                Some(g) => (None, Some(g)),
                None => (*community, None),
            };
            let req = match request(t, &form, place, g) {
                Ok(r) => r,
                Err(m) => {
                    said.set(Some(Err(m.to_owned())));
                    return;
                }
            };
            busy.set(true);
            said.set(None);
            let (said, busy, reload) = (said.clone(), busy.clone(), reload.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let got = ipc::call(&req).await;
                busy.set(false);
                match got {
                    Ok(_) => {
                        reload.set(*reload + 1);
                        said.set(Some(Ok(())));
                    }
                    Err(e) => said.set(Some(Err(crate::i18n::say(&e)))),
                }
            });
        })
    };
    let f = &*form;
    let list = match &*versions {
        _ if community.is_none() => html! {},
        None => html! { <p class="muted">{t.loading}</p> },
        Some(Err(e)) => html! { <p class="alert alert-error">{crate::i18n::say(e)}</p> },
        Some(Ok(v)) if v.is_empty() => {
            html! { <p class="muted" id="targets-versions-none">{g.no_versions}</p> }
        }
        Some(Ok(v)) => html! {
            <table class="table" id="targets-versions">
                <thead><tr>
                    <th>{g.col_name}</th><th>{g.from_month}</th><th>{g.visits}</th>
                    <th>{g.coverage}</th><th>{g.on_time}</th><th>{g.col_set_at}</th>
                </tr></thead>
                <tbody>
                { for v.iter().map(|v| html! {
                    <tr class={classes!("target-version", v.replaced.then_some("muted"))}
                        title={if v.replaced { g.replaced } else { "" }}>
                        <td>{&v.name}</td>
                        <td>{&v.from_month}</td>
                        <td class="num">{v.visits.map_or_else(|| "—".to_owned(), |n| n.to_string())}</td>
                        <td class="num">{pct(v.coverage_pct)}</td>
                        <td class="num">{pct(v.on_time_pct)}</td>
                        <td class="muted">{crate::clock::format_ms(js_sys::Date::parse(&v.at).max(0.0) as u64)}
                            if v.replaced { {" · "}{g.replaced} }</td>
                    </tr>
                }) }
                </tbody>
            </table>
        },
    };
    html! {
        <div class="target-settings" id="target-settings">
            <h2>{g.title}</h2>
            <p class="muted">{g.intro}</p>
            <form class="panel form-row" id="targets-form" onsubmit={on_save} novalidate=true>
                <CommunityPicker value={*community} onchange={on_community} />
                <label class="field">
                    <span class="label">{g.which}</span>
                    <select class="input" id="targets-grid" onchange={on_grid}>
                        <option value="" selected={grid.is_none()}>{g.whole_community}</option>
                        { for grids.iter().map(|x| {
                            let name = if x.parent_id.is_some() { format!("\u{a0}\u{a0}{}", x.name) } else { x.name.clone() };
                            html! { <option value={x.id.to_string()} selected={*grid == Some(x.id)}>{name}</option> }
                        }) }
                    </select>
                </label>
                { field("targets-month", g.from_month, &f.month, g.month_hint, |f, v| f.month = v) }
                { field("targets-visits", g.visits, &f.visits, g.blank_none, |f, v| f.visits = v) }
                { field("targets-coverage", g.coverage, &f.coverage, g.blank_none, |f, v| f.coverage = v) }
                { field("targets-on-time", g.on_time, &f.on_time, g.blank_none, |f, v| f.on_time = v) }
                <button id="targets-save" class="btn btn-primary" type="submit" disabled={*busy}>{g.save}</button>
                { match &*said {
                    Some(Ok(())) => html! { <Toast id="targets-saved" text={g.saved} /> },
                    Some(Err(e)) => html! { <p id="targets-error" class="field-error" role="alert">{e}</p> },
                    None => html! {},
                } }
            </form>
            <h3>{g.versions}</h3>
            {list}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_form_says_what_is_wrong_before_the_store_is_asked() {
        let t = crate::i18n::Lang::Zh.texts();
        let ok = TargetForm {
            month: "2026-03".into(),
            visits: "300".into(),
            coverage: "90".into(),
            on_time: String::new(),
        };
        let r = request(t, &ok, None, None).unwrap();
        assert_eq!(
            (r.visits, r.coverage_pct, r.on_time_pct),
            (Some(300), Some(90), None)
        );
        let bad = |f: TargetForm| request(t, &f, None, None).unwrap_err();
        assert_eq!(
            bad(TargetForm {
                month: "2026-13".into(),
                ..ok.clone()
            }),
            t.targets.err_month
        );
        assert_eq!(
            bad(TargetForm {
                coverage: "101".into(),
                ..ok.clone()
            }),
            t.targets.err_coverage
        );
        assert_eq!(
            bad(TargetForm {
                on_time: "-1".into(),
                ..ok.clone()
            }),
            t.targets.err_on_time
        );
        assert_eq!(
            bad(TargetForm {
                visits: "1.5".into(),
                ..ok.clone()
            }),
            t.targets.err_visits
        );
    }
}
