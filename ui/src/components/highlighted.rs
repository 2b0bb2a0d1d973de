//! Text with one part marked (`<mark>`): how a search hit shows what matched.

use yew::prelude::*;

/// Splits `text` into before, marked and after, by a char range `(start, len)` from the store
/// (clamped to the text, so a stale range never panics).
pub fn split(text: &str, (start, len): (u32, u32)) -> (String, String, String) {
    let chars: Vec<char> = text.chars().collect();
    let start = (start as usize).min(chars.len());
    let end = start.saturating_add(len as usize).min(chars.len());
    (
        chars[..start].iter().collect(),
        chars[start..end].iter().collect(),
        chars[end..].iter().collect(),
    )
}

#[derive(Properties, PartialEq)]
pub struct Props {
    pub text: String,
    /// The char range to mark; none marks nothing.
    #[prop_or_default]
    pub range: Option<(u32, u32)>,
}

#[function_component(Highlighted)]
pub fn highlighted(props: &Props) -> Html {
    match props.range {
        Some(range) => {
            let (before, marked, after) = split(&props.text, range);
            html! { <>{before}if !marked.is_empty() { <mark>{marked}</mark> }{after}</> }
        }
        None => html! { {props.text.clone()} },
    }
}

#[cfg(test)]
mod tests {
    use super::split;

    fn parts(t: &str, r: (u32, u32)) -> [String; 3] {
        let (a, b, c) = split(t, r);
        [a, b, c]
    }

    #[test]
    fn splits_by_characters_not_bytes() {
        assert_eq!(parts("林秀英", (1, 2)), ["林", "秀英", ""]);
        assert_eq!(parts("张三", (0, 2)), ["", "张三", ""]);
        assert_eq!(
            parts("3501**********123X", (14, 4)),
            ["3501**********", "123X", ""]
        );
    }

    #[test]
    fn ranges_past_the_end_are_clamped() {
        assert_eq!(parts("王芳", (0, 5)), ["", "王芳", ""]);
        assert_eq!(parts("王芳", (7, 1)), ["王芳", "", ""]);
        assert_eq!(parts("", (0, 0)), ["", "", ""]);
    }
}
