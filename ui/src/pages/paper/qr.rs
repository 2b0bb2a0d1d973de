//! A QR code drawn as SVG: the `qrcode` crate makes the module matrix (no renderer features),
//! this draws it as one path of unit squares with a quiet zone of four modules. Vector, so it
//! prints sharply at any size.

use qrcode::{Color, EcLevel, QrCode};
use yew::prelude::*;

/// The SVG path of `text`'s QR code, and its side in modules with the quiet zone; `None` when
/// the text does not fit a QR code.
pub fn qr_path(text: &str) -> Option<(String, usize)> {
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M).ok()?;
    let w = code.width();
    let mut d = String::new();
    for (i, c) in code.to_colors().into_iter().enumerate() {
        if c == Color::Dark {
            let (x, y) = (i % w + 4, i / w + 4);
            d.push_str(&format!("M{x} {y}h1v1h-1z"));
        }
    }
    Some((d, w + 8))
}

#[derive(Properties, PartialEq)]
pub struct QrProps {
    pub text: String,
    /// Printed size in millimetres.
    #[prop_or(28)]
    pub mm: u32,
}

/// A QR code of `text`; the text itself rides in `data-qr` (what a scanner reads back).
#[function_component(Qr)]
pub fn qr(props: &QrProps) -> Html {
    let Some((d, side)) = qr_path(&props.text) else {
        return html! {};
    };
    let size = format!("{}mm", props.mm);
    html! {
        <svg class="qr" xmlns="http://www.w3.org/2000/svg" viewBox={format!("0 0 {side} {side}")}
            width={size.clone()} height={size} shape-rendering="crispEdges" data-qr={props.text.clone()}
            role="img" aria-label={props.text.clone()}>
            <rect width={side.to_string()} height={side.to_string()} fill="#fff" />
            <path d={d} fill="#000" />
        </svg>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_household_qr_is_drawn_with_its_quiet_zone() {
        let text = "LINLI-HH:0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b";
        let (d, side) = qr_path(text).unwrap();
        let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M).unwrap();
        assert_eq!(side, code.width() + 8);
        let dark = code
            .to_colors()
            .iter()
            .filter(|c| **c == Color::Dark)
            .count();
        assert_eq!(d.matches('M').count(), dark, "one square per dark module");
        // the finder pattern's corner sits at the quiet zone's edge
        assert!(d.starts_with("M4 4h1v1h-1z"));
    }
}
