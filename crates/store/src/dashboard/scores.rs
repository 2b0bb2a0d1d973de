//! The ranking's arithmetic (晾晒, `ranking.rs` gathers the figures): its five columns, each
//! column's values normalised among the lines (best 100, worst 0), and each line's mean score
//! and rank. Pure functions of the figures, tested on their own.

/// The columns: key, name, formula, higher is better.
pub(super) const COLUMNS: [(&str, &str, &str, bool); 5] = [
    ("coverage", "走访覆盖率", "走访覆盖住户 ÷ 在册住户", true),
    ("resolution", "办结率", "已办结 ÷ 受理诉求", true),
    ("on_time", "按时办结率", "按时办结 ÷ 已办结", true),
    (
        "overdue_per_100",
        "每百户逾期诉求",
        "本期受理诉求中期末逾期的件数 ÷ 在册住户 × 100",
        false,
    ),
    (
        "hours_per_100",
        "每百人志愿时长",
        "志愿服务时长 ÷ 在册居民 × 100（按社区统计）",
        true,
    ),
];

/// Scores 0–100 (to 0.1) for one column's values: best 100, worst 0, all equal 100.
fn normalise(values: &[Option<f64>], higher_is_better: bool) -> Vec<Option<f64>> {
    let known = values.iter().flatten().copied();
    let (lo, hi) = known.fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), v| {
        (a.min(v), b.max(v))
    });
    values
        .iter()
        .map(|v| {
            v.map(|v| {
                let s = if hi - lo <= f64::EPSILON {
                    100.0
                } else if higher_is_better {
                    (v - lo) / (hi - lo) * 100.0
                } else {
                    (hi - v) / (hi - lo) * 100.0
                };
                // 0.1 is plenty for a score and keeps 50 from reading 49.99999
                (s * 10.0).round() / 10.0
            })
        })
        .collect()
}

/// Each line's scores per column, their mean, and its rank (equal scores share a rank; 0 for a
/// line with no figure in the period).
pub(super) fn score(lines: &[Vec<Option<f64>>]) -> (Vec<Vec<Option<f64>>>, Vec<f64>, Vec<u32>) {
    let n = lines.len();
    let mut scores = vec![vec![None; COLUMNS.len()]; n];
    for (c, col) in COLUMNS.iter().enumerate() {
        let values: Vec<Option<f64>> = lines.iter().map(|l| l[c]).collect();
        for (i, s) in normalise(&values, col.3).into_iter().enumerate() {
            scores[i][c] = s;
        }
    }
    let means: Vec<f64> = scores
        .iter()
        .map(|s| {
            let known: Vec<f64> = s.iter().flatten().copied().collect();
            if known.is_empty() {
                0.0
            } else {
                (known.iter().sum::<f64>() / known.len() as f64 * 10.0).round() / 10.0
            }
        })
        .collect();
    // A line with no figure at all (nothing to count in the period) is not ranked: rank 0.
    let ranked: Vec<bool> = lines
        .iter()
        .map(|l| l.iter().any(Option::is_some))
        .collect();
    let ranks = means
        .iter()
        .zip(&ranked)
        .map(|(m, &r)| {
            if !r {
                return 0;
            }
            let above = means
                .iter()
                .zip(&ranked)
                .filter(|(o, &or)| or && *o > m)
                .count();
            1 + above as u32
        })
        .collect();
    (scores, means, ranks)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_run_from_worst_to_best_whichever_way_is_better() {
        let v = [Some(0.2), Some(0.6), None, Some(1.0)];
        assert_eq!(
            normalise(&v, true),
            [Some(0.0), Some(50.0), None, Some(100.0)]
        );
        assert_eq!(
            normalise(&v, false),
            [Some(100.0), Some(50.0), None, Some(0.0)]
        );
        assert_eq!(normalise(&[Some(3.0), Some(3.0)], true), [Some(100.0); 2]);
    }

    #[test]
    fn equal_means_share_a_rank() {
        let line = |c: f64| vec![Some(c), Some(c), Some(c), Some(1.0 - c), None];
        let (_, means, ranks) = score(&[line(0.5), line(1.0), line(0.5), line(0.0)]);
        assert_eq!(ranks, [2, 1, 2, 4]);
        assert_eq!(means[1], 100.0);
        assert_eq!(means[3], 0.0);
    }

    #[test]
    fn a_line_without_figures_has_no_rank() {
        // An empty period (the month before the register began) ranked everyone 1st.
        let empty = || vec![None; COLUMNS.len()];
        let (_, _, ranks) = score(&[empty(), empty()]);
        assert_eq!(ranks, [0, 0]);
        let line = |c: f64| vec![Some(c), None, None, None, None];
        let (_, _, ranks) = score(&[line(0.2), empty(), line(0.9)]);
        assert_eq!(ranks, [2, 0, 1]);
    }
}
