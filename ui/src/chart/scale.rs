//! Axis scales: "nice" bounds and ticks for a value range (1, 2 or 5 × a power of ten, the
//! way a person would label an axis), and where a value falls along an axis of some length. Pure
//! arithmetic, tested on the host.

/// A nice number near `x` (> 0): 1, 2, 5 or 10 × 10ⁿ, rounded to the nearest when `round`, else
/// the smallest not below `x`.
pub fn nice_number(x: f64, round: bool) -> f64 {
    if !x.is_finite() || x <= 0.0 {
        return 1.0;
    }
    let exp = x.log10().floor();
    let pow = 10f64.powf(exp);
    let f = x / pow;
    let nice = if round {
        if f < 1.5 {
            1.0
        } else if f < 3.0 {
            2.0
        } else if f < 7.0 {
            5.0
        } else {
            10.0
        }
    } else if f <= 1.0 {
        1.0
    } else if f <= 2.0 {
        2.0
    } else if f <= 5.0 {
        5.0
    } else {
        10.0
    };
    nice * pow
}

/// An axis from `min` to `max` in steps of `step`: both bounds are multiples of the step and
/// enclose the data.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scale {
    pub min: f64,
    pub max: f64,
    pub step: f64,
}

impl Scale {
    /// A nice axis holding `lo..=hi` with about `ticks` intervals (at least one). A range of one
    /// value, or no finite value, still gets an axis one step high; counts and rates start at 0.
    pub fn nice(lo: f64, hi: f64, ticks: usize) -> Scale {
        let (mut lo, mut hi) = if lo.is_finite() && hi.is_finite() {
            (lo.min(hi), lo.max(hi))
        } else {
            (0.0, 0.0)
        };
        if lo == hi {
            if lo == 0.0 {
                hi = 1.0;
            } else if lo > 0.0 {
                lo = 0.0;
            } else {
                hi = 0.0;
            }
        }
        let ticks = ticks.max(1) as f64;
        let range = nice_number(hi - lo, false);
        let step = nice_number(range / ticks, true);
        let min = (lo / step).floor() * step;
        let max = (hi / step).ceil() * step;
        Scale {
            min: clean(min),
            max: clean(max),
            step,
        }
    }

    /// A nice axis from 0 to the largest of `values` (bars, lines of counts). When every value
    /// is whole (a count), so is every tick: a count of 1 is not drawn against 0.25, 0.5, 0.75.
    pub fn from_zero(values: impl IntoIterator<Item = f64>, ticks: usize) -> Scale {
        let (hi, whole) = values
            .into_iter()
            .filter(|v| v.is_finite())
            .fold((0.0, true), |(hi, whole), v| {
                (f64::max(hi, v), whole && v.fract() == 0.0)
            });
        let scale = Scale::nice(0.0, hi, ticks);
        if whole && scale.step < 1.0 {
            Scale {
                min: 0.0,
                max: hi.ceil().max(1.0),
                step: 1.0,
            }
        } else {
            scale
        }
    }

    /// The axis of a rate: 0 to 100 % in steps of 20 %.
    pub fn rate() -> Scale {
        Scale {
            min: 0.0,
            max: 1.0,
            step: 0.2,
        }
    }

    /// The tick values from `min` to `max`, both included.
    pub fn ticks(&self) -> Vec<f64> {
        let n = ((self.max - self.min) / self.step).round() as i64;
        (0..=n.max(0))
            .map(|i| clean(self.min + i as f64 * self.step))
            .collect()
    }

    /// How far along an axis `len` long `v` lies (0 at `min`, `len` at `max`), clamped to the axis.
    pub fn at(&self, v: f64, len: f64) -> f64 {
        let span = self.max - self.min;
        if span <= 0.0 || !v.is_finite() {
            return 0.0;
        }
        ((v - self.min) / span).clamp(0.0, 1.0) * len
    }

    /// Decimals a tick label needs so that neighbouring ticks read differently.
    pub fn decimals(&self) -> usize {
        if self.step >= 1.0 {
            0
        } else {
            (-self.step.log10().floor()) as usize + usize::from(nice_is_quarter(self.step))
        }
    }

    /// A tick's label: a plain number, or a percentage on a rate axis.
    pub fn label(&self, v: f64, percent: bool) -> String {
        if percent {
            let s = Scale {
                min: self.min * 100.0,
                max: self.max * 100.0,
                step: self.step * 100.0,
            };
            format!("{:.*}%", s.decimals(), v * 100.0)
        } else {
            format!("{:.*}", self.decimals(), v)
        }
    }
}

/// 0.25, 0.025…: a step with one digit more than its power of ten.
fn nice_is_quarter(step: f64) -> bool {
    let pow = 10f64.powf(step.log10().floor());
    ((step / pow) * 10.0).round() as i64 % 10 != 0
}

/// Drops the float noise of repeated steps (0.30000000000000004 → 0.3) and −0.
fn clean(v: f64) -> f64 {
    let r = (v * 1e9).round() / 1e9;
    if r == 0.0 {
        0.0
    } else {
        r
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nice_numbers_are_one_two_or_five_times_a_power_of_ten() {
        assert_eq!(nice_number(0.0, true), 1.0);
        assert_eq!(nice_number(7.3, false), 10.0);
        assert_eq!(nice_number(7.3, true), 10.0);
        assert_eq!(nice_number(3.1, true), 5.0);
        assert_eq!(nice_number(2.9, true), 2.0);
        assert_eq!(nice_number(140.0, false), 200.0);
        assert_eq!(nice_number(0.042, false), 0.05);
        assert_eq!(nice_number(1.0, false), 1.0);
    }

    #[test]
    fn an_axis_encloses_its_data_in_round_steps() {
        let s = Scale::from_zero([3.0, 17.0, 9.0], 5);
        assert_eq!(
            s,
            Scale {
                min: 0.0,
                max: 20.0,
                step: 5.0
            }
        );
        assert_eq!(s.ticks(), vec![0.0, 5.0, 10.0, 15.0, 20.0]);
        let s = Scale::nice(-3.0, 41.0, 4);
        assert!(s.min <= -3.0 && s.max >= 41.0, "{s:?}");
        assert_eq!(s.step, 10.0);
        assert_eq!(s.ticks().first(), Some(&-10.0));
        let s = Scale::from_zero([0.7, 0.31], 5);
        assert_eq!(s.step, 0.2);
        assert_eq!(s.ticks(), vec![0.0, 0.2, 0.4, 0.6, 0.8]);
    }

    #[test]
    fn an_empty_or_flat_range_still_has_an_axis() {
        // nothing to draw is a count of nothing: whole ticks
        assert_eq!(Scale::from_zero([], 5).ticks(), vec![0.0, 1.0]);
        assert_eq!(
            Scale::nice(0.0, 0.0, 5).ticks(),
            vec![0.0, 0.2, 0.4, 0.6, 0.8, 1.0]
        );
        assert_eq!(Scale::from_zero([0.0, 0.0], 4).max, 1.0);
        let s = Scale::nice(5.0, 5.0, 5);
        assert_eq!((s.min, s.max), (0.0, 5.0));
        let s = Scale::nice(-5.0, -5.0, 5);
        assert_eq!((s.min, s.max), (-5.0, 0.0));
        let s = Scale::nice(f64::NAN, 3.0, 5);
        assert_eq!((s.min, s.max), (0.0, 1.0));
        assert_eq!(Scale::from_zero([f64::INFINITY, 2.0], 2).max, 2.0);
    }

    #[test]
    fn values_are_placed_along_the_axis_and_clamped() {
        let s = Scale::from_zero([40.0], 4);
        assert_eq!(s.at(0.0, 200.0), 0.0);
        assert_eq!(s.at(20.0, 200.0), 100.0);
        assert_eq!(s.at(40.0, 200.0), 200.0);
        assert_eq!(s.at(90.0, 200.0), 200.0);
        assert_eq!(s.at(-1.0, 200.0), 0.0);
        assert_eq!(s.at(f64::NAN, 200.0), 0.0);
    }

    #[test]
    fn tick_labels_have_the_decimals_their_step_needs() {
        let s = Scale::from_zero([17.0], 5);
        assert_eq!(s.label(15.0, false), "15");
        let s = Scale::from_zero([0.7], 5);
        assert_eq!(s.label(0.4, false), "0.4");
        let s = Scale {
            min: 0.0,
            max: 1.0,
            step: 0.25,
        };
        assert_eq!(s.label(0.25, false), "0.25");
        assert_eq!(s.label(0.5, false), "0.50");
        assert_eq!(Scale::rate().label(0.4, true), "40%");
        assert_eq!(Scale::rate().ticks().len(), 6);
        // long step runs do not drift
        let s = Scale::nice(0.0, 3.0, 30);
        assert!(
            s.ticks().iter().all(|t| (t * 10.0).fract() == 0.0),
            "{:?}",
            s.ticks()
        );
    }

    #[test]
    fn counts_get_whole_ticks_and_fractions_keep_theirs() {
        let one = Scale::from_zero([0.0, 1.0], 4);
        assert_eq!(one.ticks(), vec![0.0, 1.0]);
        assert_eq!(one.decimals(), 0);
        let two = Scale::from_zero([1.0, 2.0, 0.0], 4);
        assert_eq!(two.ticks(), vec![0.0, 1.0, 2.0]);
        let none = Scale::from_zero(Vec::<f64>::new(), 4);
        assert_eq!(none.ticks(), vec![0.0, 1.0]);
        // hours are not counts: half an hour keeps its fractional ticks
        let hours = Scale::from_zero([0.5, 1.0], 4);
        assert!(hours.step < 1.0, "{hours:?}");
        // larger counts are untouched
        assert_eq!(Scale::from_zero([37.0], 4).step, 10.0);
    }
}
