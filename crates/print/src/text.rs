//! Breaking text into lines of a given width: between any two Han (or other CJK) characters,
//! at spaces, never inside a Latin word or number unless that word alone is wider than the line,
//! and never before closing punctuation (，。、；：？！）》」』” …) nor after opening punctuation.

/// How wide text is: the font's advances, or a stand-in in tests.
pub trait Measure {
    /// The width of `c` at `size` points, in points.
    fn advance(&self, c: char, size: f32) -> f32;

    fn width(&self, s: &str, size: f32) -> f32 {
        s.chars().map(|c| self.advance(c, size)).sum()
    }
}

/// A character after which a line may break, and before which it may: Han and the other CJK
/// scripts (and their punctuation), where Chinese breaks anywhere.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x2FDF   // radicals
        | 0x3000..=0x303F // CJK symbols and punctuation
        | 0x3040..=0x30FF // kana
        | 0x3100..=0x312F // bopomofo
        | 0x3400..=0x4DBF // extension A
        | 0x4E00..=0x9FFF // unified ideographs
        | 0xF900..=0xFAFF // compatibility ideographs
        | 0xFF00..=0xFFEF // full-width forms
        | 0x20000..=0x3FFFF)
}

/// Punctuation that must not start a line (it stays with what comes before).
fn no_start(c: char) -> bool {
    "，。、；：？！）》」』”’】〕…—·%,.;:?!)]}".contains(c)
}

/// Punctuation that must not end a line (it goes with what comes after).
fn no_end(c: char) -> bool {
    "（《「『“‘【〔([{".contains(c)
}

/// The text as units that are never split (unless wider than a line): one CJK character, a run
/// of other non-space characters (a word), or a run of spaces; punctuation glued to its
/// neighbour.
fn units(s: &str) -> Vec<&str> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    let mut start = None::<usize>;
    let mut kind = 0u8; // 1 word, 2 spaces
    for (i, c) in s.char_indices() {
        let k = if c.is_whitespace() {
            2
        } else if is_cjk(c) && !no_start(c) && !no_end(c) {
            3
        } else {
            1
        };
        if let Some(st) = start {
            if k == 3 || k != kind {
                out.push((st, i));
                start = None;
            }
        }
        if k == 3 {
            out.push((i, i + c.len_utf8()));
        } else if start.is_none() {
            start = Some(i);
            kind = k;
        }
    }
    if let Some(st) = start {
        out.push((st, s.len()));
    }
    // glue: closing punctuation to the unit before, opening punctuation to the unit after
    let mut glued: Vec<(usize, usize)> = Vec::new();
    let mut carry: Option<usize> = None;
    for (a, b) in out {
        let text = &s[a..b];
        let first = text.chars().next().unwrap_or(' ');
        let last = text.chars().last().unwrap_or(' ');
        let a = carry.take().unwrap_or(a);
        if no_start(first) && !first.is_whitespace() {
            if let Some(prev) = glued.last_mut() {
                if !s[prev.0..prev.1].chars().all(char::is_whitespace) {
                    prev.1 = b;
                    if no_end(last) {
                        carry = glued.pop().map(|p| p.0);
                    }
                    continue;
                }
            }
        }
        if no_end(last) && !last.is_whitespace() {
            carry = Some(a);
            continue;
        }
        glued.push((a, b));
    }
    if let Some(a) = carry {
        glued.push((a, s.len()));
    }
    glued.into_iter().map(|(a, b)| &s[a..b]).collect()
}

/// `s` broken into lines no wider than `width` at `size`; an explicit '\n' always breaks. Spaces
/// at a line's ends are dropped. An empty text is one empty line.
pub fn break_lines(s: &str, width: f32, size: f32, m: &dyn Measure) -> Vec<String> {
    let mut lines = Vec::new();
    for para in s.split('\n') {
        let mut line = String::new();
        let mut w = 0.0f32;
        for u in units(para) {
            let uw = m.width(u, size);
            let blank = u.chars().all(char::is_whitespace);
            if w + uw <= width + 0.01 || (line.is_empty() && blank) {
                if !(line.is_empty() && blank) {
                    line.push_str(u);
                    w += uw;
                }
                continue;
            }
            if blank {
                // a space at the end of a line: break here, drop it
                lines.push(std::mem::take(&mut line).trim_end().to_owned());
                w = 0.0;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line).trim_end().to_owned());
                w = 0.0;
            }
            if uw <= width + 0.01 {
                line.push_str(u);
                w = uw;
                continue;
            }
            // a word wider than the line: break it between characters
            for c in u.chars() {
                let cw = m.advance(c, size);
                if w + cw > width + 0.01 && !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                    w = 0.0;
                }
                line.push(c);
                w += cw;
            }
        }
        lines.push(line.trim_end().to_owned());
    }
    lines
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Han and full-width characters one em, everything else half an em.
    pub(crate) struct Fixed;
    impl Measure for Fixed {
        fn advance(&self, c: char, size: f32) -> f32 {
            if is_cjk(c) {
                size
            } else {
                size / 2.0
            }
        }
    }

    fn lines(s: &str, ems: f32) -> Vec<String> {
        break_lines(s, ems * 10.0, 10.0, &Fixed)
    }

    #[test]
    fn chinese_breaks_between_any_two_characters() {
        assert_eq!(lines("社区网格工作月报", 3.0), ["社区网", "格工作", "月报"]);
    }

    #[test]
    fn latin_words_stay_whole_in_mixed_text() {
        // "Linli" is 2.5 em: it does not fit after 走访 on a 4-em line, so it moves down whole
        assert_eq!(lines("走访Linli记录", 4.0), ["走访", "Linli记", "录"]);
        assert_eq!(lines("hello world 邻里", 6.0), ["hello world", "邻里"]);
        assert_eq!(
            lines("hello world 邻里", 4.0),
            ["hello", "world 邻", "里"],
            "the spaces at the breaks are dropped"
        );
        // numbers are words too
        assert_eq!(lines("共12345户", 3.0), ["共", "12345", "户"]);
    }

    #[test]
    fn closing_punctuation_never_starts_a_line() {
        assert_eq!(lines("走访了，然后", 3.0), ["走访", "了，然", "后"]);
        assert_eq!(lines("甲乙（丙）", 3.0), ["甲乙", "（丙）"]);
    }

    #[test]
    fn a_word_wider_than_the_line_is_cut_between_characters() {
        assert_eq!(lines("abcdefgh", 2.0), ["abcd", "efgh"]);
    }

    #[test]
    fn newlines_break_and_empty_text_is_one_line() {
        assert_eq!(lines("甲\n乙", 5.0), ["甲", "乙"]);
        assert_eq!(lines("", 5.0), [""]);
    }

    #[test]
    fn no_line_is_wider_than_asked() {
        let s =
            "2026年12月 网格工作月报：走访覆盖率 87.5%，受理诉求 42 件（其中 micro-wishes 3 个）。";
        for ems in [3.0, 4.5, 7.0, 11.0] {
            let ls = lines(s, ems);
            for l in &ls {
                assert!(Fixed.width(l, 10.0) <= ems * 10.0 + 0.01, "{l:?} at {ems}");
            }
            let joined: String = ls.concat();
            assert_eq!(
                joined.replace(' ', ""),
                s.replace(' ', ""),
                "nothing lost or added"
            );
        }
    }
}
