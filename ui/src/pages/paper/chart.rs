//! The 楼盘表 of a building: each unit a table of floors (top first) × room positions, each room
//! a household coloured by what is chosen, a legend with the count of each colour, a click on a
//! room opening the household. Printable (the legend and the tables only).

use linli_domain::register::ResidenceStatus;
use linli_domain::Id;
use linli_protocol::{ApiError, BuildingChart, BuildingChartData, ChartRoom};
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::{PdfButton, PdfOf};
use crate::components::print::PrintButton;
use crate::hooks::use_app;
use crate::i18n::paper::{texts, PaperTexts};
use crate::ipc;
use crate::state::Action;

/// What the rooms are coloured by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Visited,
    Care,
    Requests,
    Residence,
    Loans,
}

impl Mode {
    pub const ALL: [Mode; 5] = [
        Mode::Visited,
        Mode::Care,
        Mode::Requests,
        Mode::Residence,
        Mode::Loans,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Mode::Visited => "visited",
            Mode::Care => "care",
            Mode::Requests => "requests",
            Mode::Residence => "residence",
            Mode::Loans => "loans",
        }
    }

    pub fn read(code: &str) -> Mode {
        Mode::ALL
            .into_iter()
            .find(|m| m.code() == code)
            .unwrap_or(Mode::Visited)
    }

    fn label(self, p: &PaperTexts) -> &'static str {
        match self {
            Mode::Visited => p.by_visited,
            Mode::Care => p.by_care,
            Mode::Requests => p.by_requests,
            Mode::Residence => p.by_residence,
            Mode::Loans => p.by_loans,
        }
    }

    /// The colours of this mode in the legend's order: (class, label).
    pub fn colours(self, p: &PaperTexts) -> Vec<(&'static str, &'static str)> {
        match self {
            Mode::Visited => vec![("good", p.visited), ("bad", p.not_visited)],
            Mode::Care => vec![("mark", p.with_care), ("plain", p.no_care)],
            Mode::Requests => vec![("bad", p.open_requests), ("plain", p.no_requests)],
            Mode::Residence => vec![("good", p.consistent), ("mark", p.tenant), ("away", p.away)],
            Mode::Loans => vec![("bad", p.overdue), ("plain", p.no_overdue)],
        }
    }
}

/// A room's colour class in a mode (one of [`Mode::colours`]'s).
pub fn colour(mode: Mode, r: &ChartRoom) -> &'static str {
    match mode {
        Mode::Visited if r.visited => "good",
        Mode::Visited => "bad",
        Mode::Care if !r.care_tags.is_empty() => "mark",
        Mode::Requests if r.open_requests > 0 => "bad",
        Mode::Loans if r.overdue_loans > 0 => "bad",
        Mode::Residence => match r.residence_status {
            ResidenceStatus::LivingElsewhere => "away",
            ResidenceStatus::RegisteredElsewhere => "mark",
            _ if r.floating => "mark",
            _ => "good",
        },
        _ => "plain",
    }
}

/// Every room of the chart (the units' and the other room numbers).
pub fn rooms(d: &BuildingChartData) -> Vec<&ChartRoom> {
    d.units
        .iter()
        .flat_map(|u| u.rows.iter().flat_map(|f| f.rooms.iter().flatten()))
        .chain(d.other_rooms.iter())
        .collect()
}

/// How many rooms of each colour, in the legend's order.
pub fn legend_counts(mode: Mode, d: &BuildingChartData) -> Vec<(&'static str, u32)> {
    let all = rooms(d);
    let classes = match mode {
        Mode::Residence => vec!["good", "mark", "away"],
        Mode::Visited => vec!["good", "bad"],
        Mode::Care => vec!["mark", "plain"],
        Mode::Requests | Mode::Loans => vec!["bad", "plain"],
    };
    classes
        .into_iter()
        .map(|c| {
            (
                c,
                all.iter().filter(|r| colour(mode, r) == c).count() as u32,
            )
        })
        .collect()
}

#[derive(Properties, PartialEq)]
pub struct ChartProps {
    pub building_id: Id,
}

#[function_component(ChartView)]
pub fn chart_view(props: &ChartProps) -> Html {
    let app = use_app();
    let (t, p) = (app.lang.texts(), texts(app.lang));
    let data = use_state(|| None as Option<Result<BuildingChartData, ApiError>>);
    let mode = use_state(|| Mode::Visited);
    {
        let data = data.clone();
        use_effect_with(props.building_id, move |id| {
            let req = BuildingChart {
                building_id: *id,
                from: None,
                to: None,
            };
            wasm_bindgen_futures::spawn_local(async move {
                data.set(Some(ipc::call(&req).await));
            });
        });
    }
    let on_mode = {
        let mode = mode.clone();
        Callback::from(move |e: Event| {
            mode.set(Mode::read(
                &e.target_unchecked_into::<HtmlSelectElement>().value(),
            ))
        })
    };
    let d = match &*data {
        None => return html! { <p class="muted">{p.loading}</p> },
        Some(Err(e)) => {
            return html! { <p class="alert alert-error" role="alert">{crate::i18n::say(e)}</p> }
        }
        Some(Ok(d)) => d,
    };
    let m = *mode;
    let labels = m.colours(p);
    let counts = legend_counts(m, d);
    let cell = |r: &ChartRoom| {
        let open = {
            let (app, id) = (app.clone(), r.household_id);
            Callback::from(move |_| app.dispatch(Action::OpenHousehold(id)))
        };
        let class = colour(m, r);
        html! {
            <button class={classes!("room", format!("room-{class}"))} data-id={r.household_id.to_string()}
                data-colour={class} onclick={open} title={r.care_tags.iter().map(|c| (t.resident.care_tag)(c)).collect::<Vec<_>>().join(t.resident.sep)}>
                <span class="room-no">{&r.room}</span>
                <span class="room-head">{r.head_name.as_deref().unwrap_or("—")}</span>
            </button>
        }
    };
    let total = rooms(d).len() as u32;
    html! {
        <div class="paper-view chart-view" id="building-chart">
            <div class="paper-head">
                <div>
                    <h2 id="chart-title">{(p.chart_title)(&d.building_name)}</h2>
                    <p class="muted">
                        {(p.period)(&d.from, &d.to)}{" · "}
                        { if d.floors_recorded { (p.floors_recorded)(d.floors) } else { (p.floors_derived)(d.floors) } }
                        {" · "}{(p.households)(total)}
                    </p>
                    if d.withheld {
                        <p class="muted">{p.withheld_note}</p>
                    }
                </div>
                <div class="paper-tools no-print">
                    <label class="field field-inline">
                        <span class="label">{p.colour_by}</span>
                        <select class="input" id="chart-mode" onchange={on_mode}>
                            { for Mode::ALL.into_iter().map(|o| html! {
                                <option value={o.code()} selected={o == m}>{o.label(p)}</option>
                            }) }
                        </select>
                    </label>
                    <PrintButton id="chart-print" />
                    <PdfButton id="chart-pdf"
                        what={PdfOf::Chart { building_id: props.building_id, from: d.from.clone(), to: d.to.clone() }}
                        file_name={(p.chart_file)(&d.building_name)} />
                </div>
            </div>
            <p class="print-only chart-mode-printed">{p.colour_by}{p.colon}{m.label(p)}</p>
            <ul class="chart-legend" id="chart-legend">
                { for labels.iter().zip(counts.iter()).map(|((class, label), (_, n))| html! {
                    <li data-colour={*class}><span class={classes!("swatch", format!("room-{class}"))}></span>
                        {*label}{" "}<strong class="legend-count">{*n}</strong></li>
                }) }
                <li data-colour="empty"><span class="swatch room-empty"></span>{p.empty}</li>
            </ul>
            <div class="chart-units">
            { for d.units.iter().map(|u| html! {
                <table class="chart-unit" data-unit={u.unit_id.map(|i| i.to_string()).unwrap_or_default()}>
                    <thead>
                        <tr><th colspan={(u.positions.len() + 1).to_string()}>
                            {u.name.clone().unwrap_or_else(|| p.no_unit.to_owned())}
                        </th></tr>
                    </thead>
                    <tbody>
                    { for u.rows.iter().map(|f| html! {
                        <tr>
                            <th class="chart-floor">{(p.floor)(f.floor)}</th>
                            { for f.rooms.iter().map(|r| html! {
                                <td>{ match r {
                                    Some(r) => cell(r),
                                    None => html! { <span class="room room-empty" title={p.empty}></span> },
                                } }</td>
                            }) }
                        </tr>
                    }) }
                    </tbody>
                </table>
            }) }
            </div>
            if !d.other_rooms.is_empty() {
                <h3>{p.other_rooms}</h3>
                <div class="chart-other">{ for d.other_rooms.iter().map(cell) }</div>
            }
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use linli_protocol::{ChartFloor, ChartUnit};

    fn room(n: &str) -> ChartRoom {
        ChartRoom {
            household_id: Id::from_uuid(Default::default()),
            room: n.into(),
            head_name: None,
            members: 1,
            visited: false,
            care_tags: vec![],
            open_requests: 0,
            residence_status: ResidenceStatus::Consistent,
            floating: false,
            overdue_loans: 0,
        }
    }

    #[test]
    fn each_mode_colours_every_room_with_one_of_its_legend_colours() {
        let mut a = room("101");
        a.visited = true;
        a.care_tags = vec!["独居老人".into()];
        let mut b = room("102");
        b.open_requests = 2;
        b.residence_status = ResidenceStatus::LivingElsewhere;
        let mut c = room("201");
        c.floating = true;
        c.overdue_loans = 1;
        let d = BuildingChartData {
            building_id: Id::from_uuid(Default::default()),
            building_name: "南湖苑3栋".into(),
            from: "2026-12-01".into(),
            to: "2026-12-31".into(),
            floors: 2,
            floors_recorded: false,
            withheld: false,
            units: vec![ChartUnit {
                unit_id: None,
                name: None,
                positions: vec!["01".into(), "02".into()],
                rows: vec![
                    ChartFloor {
                        floor: 2,
                        rooms: vec![Some(c), None],
                    },
                    ChartFloor {
                        floor: 1,
                        rooms: vec![Some(a), Some(b)],
                    },
                ],
            }],
            other_rooms: vec![room("B1")],
        };
        let expect = [
            (Mode::Visited, vec![1, 3]),
            (Mode::Care, vec![1, 3]),
            (Mode::Requests, vec![1, 3]),
            (Mode::Residence, vec![2, 1, 1]),
            (Mode::Loans, vec![1, 3]),
        ];
        for (mode, counts) in expect {
            let got = legend_counts(mode, &d);
            assert_eq!(
                got.iter().map(|c| c.1).collect::<Vec<_>>(),
                counts,
                "{mode:?}"
            );
            assert_eq!(got.iter().map(|c| c.1).sum::<u32>(), 4, "every room once");
            let classes: Vec<_> = mode
                .colours(&crate::i18n::paper::ZH)
                .into_iter()
                .map(|c| c.0)
                .collect();
            assert_eq!(got.iter().map(|c| c.0).collect::<Vec<_>>(), classes);
            assert_eq!(Mode::read(mode.code()), mode);
        }
    }
}
