//! A progress bar: a share from 0 to 1, or moving stripes when the end is not known.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    /// 0.0 ..= 1.0
    pub value: f64,
    /// The end is not known yet (pulling pages): animate.
    #[prop_or_default]
    pub active: bool,
    #[prop_or_default]
    pub id: Option<AttrValue>,
}

#[function_component(ProgressBar)]
pub fn progress_bar(props: &Props) -> Html {
    let pct = (props.value.clamp(0.0, 1.0) * 100.0).round();
    html! {
        <div class="progress" id={props.id.clone()} role="progressbar"
            aria-valuemin="0" aria-valuemax="100" aria-valuenow={pct.to_string()}>
            <div class={classes!("progress-bar", props.active.then_some("progress-active"))}
                style={format!("width: {pct}%")}></div>
        </div>
    }
}
