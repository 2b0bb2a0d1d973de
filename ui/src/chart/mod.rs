//! Charts of our own, drawn as SVG (no JavaScript charting library): the maths in `scale` and
//! `geometry` (pure, unit-tested on the host), the Yew components in `svg`.

#[allow(dead_code)]
pub mod geometry;
#[allow(dead_code)]
pub mod scale;
// drawn by the 统计 page (pages/stats)
#[allow(dead_code)]
pub mod svg;
