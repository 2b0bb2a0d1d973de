//! The foot of a printed volunteer statement: the station's name (设置 → 社区规则) and the lines
//! for the volunteer's and the station's signatures, the stamp and the date. Placed in the
//! statement's print view with one line.

use linli_domain::Id;
use linli_protocol::{Station, StationOf};
use yew::prelude::*;

use crate::hooks::use_texts;
use crate::ipc;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub volunteer_id: Id,
}

#[function_component(StationSign)]
pub fn station_sign(props: &Props) -> Html {
    let t = use_texts();
    let station = use_state(|| None as Option<Station>);
    {
        let station = station.clone();
        use_effect_with(props.volunteer_id, move |v| {
            let v = *v;
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(s) = ipc::call(&StationOf { volunteer_id: v }).await {
                    station.set(Some(s));
                }
            });
        });
    }
    let name = station
        .as_ref()
        .map(|s| {
            if s.station_name.is_empty() {
                s.community_name.clone()
            } else {
                s.station_name.clone()
            }
        })
        .unwrap_or_default();
    html! {
        <footer class="print-sign" id="statement-sign">
            <p class="print-station" id="statement-station">{(t.rules.sign_station)(&name)}</p>
            <div class="print-sign-lines">
                <p>{t.rules.sign_volunteer}<span class="sign-line"></span></p>
                <p>{t.rules.sign_handler}<span class="sign-line"></span>{t.rules.sign_stamp}</p>
                <p>{t.rules.sign_date}<span class="sign-line"></span></p>
            </div>
        </footer>
    }
}
