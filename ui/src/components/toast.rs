//! What an action said, next to the action: a short line (`role="status"`) placed by the page
//! beside the button or the part of the page that caused it, and brought into view when it
//! changes, so a message after a long form (which closes as it saves) is never out of sight at
//! the top of a scrolled page.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub id: AttrValue,
    pub text: AttrValue,
    /// `p` for a line of its own, else a `span` beside a button.
    #[prop_or_default]
    pub block: bool,
}

#[function_component(Toast)]
pub fn toast(props: &Props) -> Html {
    let node = use_node_ref();
    {
        let node = node.clone();
        use_effect_with(props.text.clone(), move |_| {
            if let Some(el) = node.cast::<web_sys::Element>() {
                let opts = web_sys::ScrollIntoViewOptions::new();
                opts.set_block(web_sys::ScrollLogicalPosition::Nearest);
                el.scroll_into_view_with_scroll_into_view_options(&opts);
            }
        });
    }
    let class = classes!("notice", "toast");
    if props.block {
        html! { <p ref={node} id={props.id.clone()} {class} role="status">{&props.text}</p> }
    } else {
        html! { <span ref={node} id={props.id.clone()} {class} role="status">{&props.text}</span> }
    }
}
