//! Where the marks of a chart go, in SVG user units (y grows downward): bars in slots, stacked
//! segments, the points of a line, the slices of a donut and the fill of a progress bar. Pure
//! arithmetic on a [`Scale`], tested on the host.

use super::scale::Scale;

/// A rectangle: left, top, width, height.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

/// The plot area inside a chart's margins.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Frame {
    pub left: f64,
    pub top: f64,
    pub width: f64,
    pub height: f64,
}

impl Frame {
    pub fn bottom(&self) -> f64 {
        self.top + self.height
    }

    /// The y of a value on `scale`.
    pub fn y(&self, scale: &Scale, v: f64) -> f64 {
        self.bottom() - scale.at(v, self.height)
    }

    /// The centre x of slot `i` of `n` equal slots.
    pub fn slot_centre(&self, i: usize, n: usize) -> f64 {
        let slot = self.width / n.max(1) as f64;
        self.left + slot * (i as f64 + 0.5)
    }
}

/// The width a label takes at `font` (user units): a wide (CJK, full-width) character about a
/// font's size, any other about 0.6 of it.
pub fn label_width(label: &str, font: f64) -> f64 {
    label
        .chars()
        .map(|c| if c >= '\u{2e80}' { font } else { font * 0.6 })
        .sum()
}

/// A slot's label fitted to `width`: as it is when it fits, else cut with an ellipsis (at least
/// its first character); answers whether it was cut (the chart then gives the whole as a tooltip).
pub fn fit_label(label: &str, width: f64, font: f64) -> (String, bool) {
    if label_width(label, font) <= width {
        return (label.to_owned(), false);
    }
    let room = width - font * 0.6;
    let mut out = String::new();
    let mut used = 0.0;
    for c in label.chars() {
        let w = label_width(c.encode_utf8(&mut [0; 4]), font);
        if used + w > room && !out.is_empty() {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push('…');
    (out, true)
}

/// One bar per value in `n` equal slots, `fill` (0–1) of each slot wide, rising from the
/// scale's zero (or its min when the axis does not hold zero).
pub fn bars(values: &[f64], scale: &Scale, f: &Frame, fill: f64) -> Vec<Rect> {
    let n = values.len().max(1) as f64;
    let slot = f.width / n;
    let w = slot * fill.clamp(0.05, 1.0);
    let base = f.y(scale, 0.0f64.clamp(scale.min, scale.max));
    values
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let x = f.left + slot * i as f64 + (slot - w) / 2.0;
            let top = f.y(scale, *v);
            Rect {
                x,
                y: top.min(base),
                w,
                h: (base - top).abs(),
            }
        })
        .collect()
}

/// Stacked bars: `stacks[i]` the segments of bar `i`, bottom first; each segment's rectangle.
/// Negative parts count as zero (stacks hold counts and hours).
pub fn stacked(stacks: &[Vec<f64>], scale: &Scale, f: &Frame, fill: f64) -> Vec<Vec<Rect>> {
    let totals: Vec<f64> = stacks
        .iter()
        .map(|s| s.iter().map(|v| v.max(0.0)).sum())
        .collect();
    let outline = bars(&totals, scale, f, fill);
    stacks
        .iter()
        .zip(outline)
        .map(|(segments, r)| {
            let mut below = 0.0;
            segments
                .iter()
                .map(|v| {
                    let v = v.max(0.0);
                    let y0 = f.y(scale, below);
                    below += v;
                    let y1 = f.y(scale, below);
                    Rect {
                        x: r.x,
                        y: y1,
                        w: r.w,
                        h: y0 - y1,
                    }
                })
                .collect()
        })
        .collect()
}

/// The points of a line through `values`, one per slot centre.
pub fn line(values: &[f64], scale: &Scale, f: &Frame) -> Vec<(f64, f64)> {
    values
        .iter()
        .enumerate()
        .map(|(i, v)| (f.slot_centre(i, values.len()), f.y(scale, *v)))
        .collect()
}

/// The `points` attribute of an SVG polyline.
pub fn points_attr(points: &[(f64, f64)]) -> String {
    points
        .iter()
        .map(|(x, y)| format!("{},{}", round2(*x), round2(*y)))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The slices of a donut centred on (`cx`, `cy`) between radii `inner` and `outer`, starting at
/// twelve o'clock and going clockwise: one SVG path per value, empty for a zero or negative
/// value. A value that is the whole is a full ring.
pub fn donut(values: &[f64], cx: f64, cy: f64, outer: f64, inner: f64) -> Vec<String> {
    let total: f64 = values.iter().map(|v| v.max(0.0)).sum();
    let mut start = 0.0;
    values
        .iter()
        .map(|v| {
            let v = v.max(0.0);
            if total <= 0.0 || v <= 0.0 {
                return String::new();
            }
            let share = v / total;
            let end = start + share;
            let path = if share >= 0.999_999 {
                ring(cx, cy, outer, inner)
            } else {
                slice(cx, cy, outer, inner, start, end)
            };
            start = end;
            path
        })
        .collect()
}

/// The point at `turn` (0–1, clockwise from twelve o'clock) on a circle.
pub fn on_circle(cx: f64, cy: f64, r: f64, turn: f64) -> (f64, f64) {
    let a = turn * std::f64::consts::TAU;
    (cx + r * a.sin(), cy - r * a.cos())
}

fn slice(cx: f64, cy: f64, outer: f64, inner: f64, from: f64, to: f64) -> String {
    let large = u8::from(to - from > 0.5);
    let (x0, y0) = on_circle(cx, cy, outer, from);
    let (x1, y1) = on_circle(cx, cy, outer, to);
    let (x2, y2) = on_circle(cx, cy, inner, to);
    let (x3, y3) = on_circle(cx, cy, inner, from);
    let r = round2;
    format!(
        "M{} {} A{} {} 0 {large} 1 {} {} L{} {} A{} {} 0 {large} 0 {} {} Z",
        r(x0),
        r(y0),
        r(outer),
        r(outer),
        r(x1),
        r(y1),
        r(x2),
        r(y2),
        r(inner),
        r(inner),
        r(x3),
        r(y3)
    )
}

/// A whole ring: two half arcs outside, two inside (one arc cannot close a circle).
fn ring(cx: f64, cy: f64, outer: f64, inner: f64) -> String {
    let r = round2;
    format!(
        "M{} {} A{o} {o} 0 1 1 {} {} A{o} {o} 0 1 1 {} {} Z M{} {} A{i} {i} 0 1 0 {} {} A{i} {i} 0 1 0 {} {} Z",
        r(cx),
        r(cy - outer),
        r(cx),
        r(cy + outer),
        r(cx),
        r(cy - outer),
        r(cx),
        r(cy - inner),
        r(cx),
        r(cy + inner),
        r(cx),
        r(cy - inner),
        o = r(outer),
        i = r(inner),
    )
}

/// How much of a progress bar `width` long `value` of `goal` fills (clamped; 0 with no goal).
pub fn progress(value: f64, goal: f64, width: f64) -> f64 {
    if goal <= 0.0 || !value.is_finite() {
        return 0.0;
    }
    (value / goal).clamp(0.0, 1.0) * width
}

/// Two decimals are plenty for screen units and keep the markup short.
pub fn round2(v: f64) -> f64 {
    let r = (v * 100.0).round() / 100.0;
    if r == 0.0 {
        0.0
    } else {
        r
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const F: Frame = Frame {
        left: 40.0,
        top: 10.0,
        width: 300.0,
        height: 100.0,
    };

    #[test]
    fn long_labels_are_cut_to_their_slot_with_an_ellipsis() {
        assert_eq!(fit_label("轮椅", 60.0, 11.0), ("轮椅".to_owned(), false));
        let (cut, was) = fit_label("成人折叠轮椅（带刹车）", 60.0, 11.0);
        assert!(was && cut.ends_with('…'), "{cut}");
        assert!(label_width(&cut, 11.0) <= 60.0 + 0.01, "{cut}");
        assert!(cut.starts_with("成人折"));
        let (en, was) = fit_label("Folding wheelchair with brakes", 60.0, 11.0);
        assert!(
            was && en.starts_with("Fold") && label_width(&en, 11.0) <= 60.01,
            "{en}"
        );
        // a slot too narrow for anything keeps the first character
        assert_eq!(fit_label("血压计", 4.0, 11.0).0, "血…");
    }

    #[test]
    fn bars_fill_equal_slots_and_rise_from_zero() {
        let s = Scale::from_zero([5.0, 10.0, 0.0], 2); // 0..10
        let b = bars(&[5.0, 10.0, 0.0], &s, &F, 0.5);
        assert_eq!(b.len(), 3);
        assert_eq!(
            b[0],
            Rect {
                x: 65.0,
                y: 60.0,
                w: 50.0,
                h: 50.0
            }
        );
        assert_eq!(
            b[1],
            Rect {
                x: 165.0,
                y: 10.0,
                w: 50.0,
                h: 100.0
            }
        );
        assert_eq!(b[2].h, 0.0);
        assert_eq!(b[2].y, F.bottom());
        // a negative bar hangs below zero
        let s = Scale::nice(-10.0, 10.0, 2);
        let b = bars(&[-10.0], &s, &F, 1.0);
        assert_eq!((b[0].y, b[0].h), (60.0, 50.0));
    }

    #[test]
    fn stacked_segments_sit_on_each_other_up_to_the_total() {
        let s = Scale::from_zero([10.0], 2);
        let st = stacked(&[vec![2.0, 3.0, -1.0, 5.0]], &s, &F, 1.0);
        let seg = &st[0];
        assert_eq!(seg.len(), 4);
        assert_eq!(seg[0].y + seg[0].h, F.bottom());
        assert_eq!(seg[1].y + seg[1].h, seg[0].y);
        assert_eq!(seg[2].h, 0.0, "a negative part is drawn as nothing");
        assert_eq!(seg[3].y, F.top, "the stack reaches its total");
        let total: f64 = seg.iter().map(|r| r.h).sum();
        assert!((total - 100.0).abs() < 1e-9);
    }

    #[test]
    fn a_line_passes_through_slot_centres() {
        let p = line(&[0.0, 0.5, 1.0], &Scale::rate(), &F);
        assert_eq!(p, vec![(90.0, 110.0), (190.0, 60.0), (290.0, 10.0)]);
        assert_eq!(points_attr(&p[..2]), "90,110 190,60");
        assert!(line(&[], &Scale::rate(), &F).is_empty());
    }

    #[test]
    fn donut_slices_go_clockwise_and_share_the_circle() {
        let (x, y) = on_circle(0.0, 0.0, 10.0, 0.25);
        assert!(
            (x - 10.0).abs() < 1e-9 && y.abs() < 1e-9,
            "a quarter turn is three o'clock"
        );
        let d = donut(&[1.0, 3.0, 0.0], 50.0, 50.0, 40.0, 25.0);
        assert_eq!(d.len(), 3);
        assert!(d[0].starts_with("M50 10 A40 40 0 0 1 90 50 "), "{}", d[0]);
        assert!(d[1].starts_with("M90 50 A40 40 0 1 1 50 10 "), "{}", d[1]);
        assert!(d[2].is_empty());
        let whole = donut(&[0.0, 7.0], 50.0, 50.0, 40.0, 25.0);
        assert!(whole[0].is_empty());
        assert_eq!(
            whole[1].matches('A').count(),
            4,
            "a full ring: {}",
            whole[1]
        );
        assert!(donut(&[0.0, 0.0], 50.0, 50.0, 40.0, 25.0)
            .iter()
            .all(String::is_empty));
    }

    #[test]
    fn progress_is_clamped_to_its_bar() {
        assert_eq!(progress(3.0, 4.0, 200.0), 150.0);
        assert_eq!(progress(9.0, 4.0, 200.0), 200.0);
        assert_eq!(progress(-1.0, 4.0, 200.0), 0.0);
        assert_eq!(progress(1.0, 0.0, 200.0), 0.0);
    }
}
