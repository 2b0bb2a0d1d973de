//! A copy's QR label: its code as a QR symbol drawn as SVG squares (the `qrcode` crate computes
//! the modules; no image library), the code and kind printed under it. Vector, so it prints sharp.

use qrcode::{Color, QrCode};
use yew::prelude::*;

/// The dark modules of `text`'s QR symbol, and its width in modules (None if it cannot encode).
pub fn modules(text: &str) -> Option<(usize, Vec<(usize, usize)>)> {
    let code = QrCode::new(text.as_bytes()).ok()?;
    let w = code.width();
    let dark = code
        .to_colors()
        .into_iter()
        .enumerate()
        .filter(|(_, c)| *c == Color::Dark)
        .map(|(i, _)| (i % w, i / w))
        .collect();
    Some((w, dark))
}

#[derive(Properties, PartialEq)]
pub struct LabelProps {
    pub code: AttrValue,
    pub kind: AttrValue,
}

#[function_component(QrLabel)]
pub fn qr_label(p: &LabelProps) -> Html {
    let Some((w, dark)) = modules(&p.code) else {
        return html! {};
    };
    // a quiet zone of four modules round the symbol
    let size = w + 8;
    let path: String = dark
        .iter()
        .map(|(x, y)| format!("M{} {}h1v1h-1z", x + 4, y + 4))
        .collect();
    html! {
        <figure class="qr-label" id={format!("qr-{}", p.code)}>
            <svg xmlns="http://www.w3.org/2000/svg" viewBox={format!("0 0 {size} {size}")}
                width="160" height="160" shape-rendering="crispEdges" role="img" aria-label={p.code.clone()}>
                <rect width={size.to_string()} height={size.to_string()} fill="#fff" />
                <path d={path} fill="#000" />
            </svg>
            <figcaption><strong class="mono">{p.code.clone()}</strong><br />{p.kind.clone()}</figcaption>
        </figure>
    }
}

#[cfg(test)]
mod tests {
    use super::modules;

    #[test]
    fn a_code_makes_a_square_symbol_with_dark_modules() {
        let (w, dark) = modules("LY-WC-01").unwrap();
        assert_eq!(w, 21, "a short code fits the smallest symbol");
        assert!(dark.len() > 100 && dark.len() < w * w);
        // the three finder patterns' corners are dark
        for (x, y) in [(0, 0), (w - 1, 0), (0, w - 1)] {
            assert!(dark.contains(&(x, y)), "({x}, {y})");
        }
    }
}
