//! Charts of our own, drawn as SVG (no JavaScript charting library): the maths in `scale` and
//! `geometry` (pure, unit-tested on the host), the Yew components in `svg`.

pub mod geometry;
pub mod scale;
pub mod svg;
