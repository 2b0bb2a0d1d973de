//! Pinyin keys for search as you type over Chinese names: the full reading without tones
//! ("张三" → `zhangsan`) and the initials ("张三" → `zs`), both lower-case ASCII.
//!
//! Each character gets its most common reading from the `pinyin` crate's data, except a
//! surname at the start of a name, which gets its reading as a surname (曾 `zeng`, not `ceng`;
//! 单 `shan`, not `dan`) from a small table. Given names with a polyphonic character may still be
//! read the other way; a search that must find them either way needs more than one key, which
//! this module does not make. `ü` is written `v` (吕 → `lv`), as pinyin keyboards type it.

use std::borrow::Cow;

use ::pinyin::ToPinyin;

/// Surnames whose usual reading differs from the character's most common one (or that are
/// compound), with one syllable per character. Only used for the first characters of a name.
const SURNAMES: &[(&str, &[&str])] = &[
    // Compound surnames (复姓), matched before single characters.
    ("长孙", &["zhang", "sun"]),
    ("尉迟", &["yu", "chi"]),
    ("万俟", &["mo", "qi"]),
    ("单于", &["chan", "yu"]),
    ("澹台", &["tan", "tai"]),
    ("令狐", &["ling", "hu"]),
    // Single-character surnames.
    ("单", &["shan"]),
    ("曾", &["zeng"]),
    ("解", &["xie"]),
    ("仇", &["qiu"]),
    ("朴", &["piao"]),
    ("区", &["ou"]),
    ("查", &["zha"]),
    ("乐", &["yue"]),
    // 尉 alone is read wei as a surname; yu only in the compound 尉迟 above.
    ("尉", &["wei"]),
    ("缪", &["miao"]),
    ("翟", &["zhai"]),
    ("祭", &["zhai"]),
    ("覃", &["qin"]),
    ("盖", &["ge"]),
    ("秘", &["bi"]),
    ("召", &["shao"]),
    ("种", &["chong"]),
    ("重", &["chong"]),
    ("员", &["yun"]),
    ("宿", &["su"]),
    ("折", &["she"]),
    ("谌", &["chen"]),
    ("牟", &["mou"]),
    ("繁", &["po"]),
    ("句", &["gou"]),
    ("能", &["nai"]),
    ("柏", &["bai"]),
    ("薄", &["bo"]),
    ("黑", &["he"]),
    ("沈", &["shen"]),
    ("纪", &["ji"]),
    ("任", &["ren"]),
    ("叶", &["ye"]),
    ("华", &["hua"]),
    ("贲", &["ben"]),
    ("隗", &["wei"]),
    ("长", &["chang"]),
];

/// Turns a full-width ASCII letter or digit (`Ａ`, `ａ`, `０`) into its ASCII form.
fn fold_full_width(c: char) -> char {
    match c {
        '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ' => {
            char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
        }
        c => c,
    }
}

/// A toneless reading as lower-case ASCII: `ü` becomes `v`, `ê` becomes `e`, and anything else
/// outside a–z (combining marks of rare readings) is dropped.
fn ascii_syllable(plain: &'static str) -> Cow<'static, str> {
    if plain.bytes().all(|b| b.is_ascii_lowercase()) {
        return Cow::Borrowed(plain);
    }
    Cow::Owned(
        plain
            .chars()
            .filter_map(|c| match c {
                'ü' => Some('v'),
                'ê' => Some('e'),
                c if c.is_ascii_alphabetic() => Some(c.to_ascii_lowercase()),
                _ => None,
            })
            .collect(),
    )
}

/// The name cut into search syllables: one per Chinese character with a reading, and one per run
/// of ASCII letters and digits (lower-cased). Everything else separates runs and is dropped.
fn syllables(name: &str) -> Vec<Cow<'static, str>> {
    let mut rest = name.trim_start();
    let mut out: Vec<Cow<'static, str>> = Vec::new();
    if let Some((surname, readings)) = SURNAMES
        .iter()
        .filter(|(surname, _)| rest.starts_with(surname))
        .max_by_key(|(surname, _)| surname.len())
    {
        out.extend(readings.iter().map(|r| Cow::Borrowed(*r)));
        rest = &rest[surname.len()..];
    }
    let mut word = String::new();
    for c in rest.chars().map(fold_full_width) {
        if c.is_ascii_alphanumeric() {
            word.push(c.to_ascii_lowercase());
            continue;
        }
        if !word.is_empty() {
            out.push(Cow::Owned(std::mem::take(&mut word)));
        }
        if let Some(reading) = c.to_pinyin() {
            let syllable = ascii_syllable(reading.plain());
            if !syllable.is_empty() {
                out.push(syllable);
            }
        }
    }
    if !word.is_empty() {
        out.push(Cow::Owned(word));
    }
    out
}

/// The full reading of `name` without tones, lower-case, for search as you type: "张三" →
/// `zhangsan`, "曾小明" → `zengxiaoming`, "Tom李" → `tomli`. ASCII letters and digits are kept
/// (lower-cased, full-width ones too); other characters without a reading are dropped.
pub fn pinyin_full(name: &str) -> String {
    syllables(name).concat()
}

/// The initials of `name`: the first letter of each character's reading and of each run of
/// ASCII letters or digits: "张三" → `zs`, "曾小明" → `zxm`, "Tom李" → `tl`. `zh`, `ch` and `sh`
/// give `z`, `c` and `s`, as people type them.
pub fn pinyin_initials(name: &str) -> String {
    syllables(name)
        .iter()
        .filter_map(|s| s.chars().next())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn keys(name: &str) -> (String, String) {
        (pinyin_full(name), pinyin_initials(name))
    }

    fn k(full: &str, initials: &str) -> (String, String) {
        (full.to_owned(), initials.to_owned())
    }

    #[test]
    fn plain_names() {
        assert_eq!(keys("张三"), k("zhangsan", "zs"));
        assert_eq!(keys("李四"), k("lisi", "ls"));
        assert_eq!(keys("欧阳娜娜"), k("ouyangnana", "oynn"));
        assert_eq!(keys("吕小绿"), k("lvxiaolv", "lxl"));
        assert_eq!(keys(""), k("", ""));
    }

    #[test]
    fn polyphonic_surnames_read_as_surnames() {
        assert_eq!(keys("曾小明"), k("zengxiaoming", "zxm"));
        assert_eq!(keys("单田芳"), k("shantianfang", "stf"));
        assert_eq!(keys("解缙"), k("xiejin", "xj"));
        assert_eq!(keys("仇英"), k("qiuying", "qy"));
        assert_eq!(keys("朴海"), k("piaohai", "ph"));
        assert_eq!(keys("区伟"), k("ouwei", "ow"));
        assert_eq!(keys("查良镛"), k("zhaliangyong", "zly"));
        assert_eq!(keys("乐嘉"), k("yuejia", "yj"));
        assert_eq!(keys("缪可"), k("miaoke", "mk"));
        assert_eq!(keys("尉迟恭"), k("yuchigong", "ycg"));
        assert_eq!(keys("长孙无忌"), k("zhangsunwuji", "zswj"));
        assert_eq!(keys(" 曾小明"), k("zengxiaoming", "zxm"));
    }

    #[test]
    fn surname_table_applies_only_at_the_start() {
        // 曾 inside a name keeps the character's common reading.
        assert_eq!(pinyin_full("张曾"), "zhangceng");
        assert_eq!(pinyin_full("Tom曾"), "tomceng");
    }

    #[test]
    fn ascii_and_mixed_names() {
        assert_eq!(keys("Tom李"), k("tomli", "tl"));
        assert_eq!(keys("李 Amy"), k("liamy", "la"));
        assert_eq!(keys("ＴＯＭ李"), k("tomli", "tl"));
        assert_eq!(keys("王3号"), k("wang3hao", "w3h"));
    }

    #[test]
    fn punctuation_and_symbols_are_dropped() {
        assert_eq!(keys("阿依古丽·买买提"), k("ayigulimaimaiti", "ayglmmt"));
        assert_eq!(keys("（张）三！"), k("zhangsan", "zs"));
        assert_eq!(keys("😀"), k("", ""));
    }

    proptest! {
        #[test]
        fn keys_are_lower_ascii_and_initials_follow_the_full_key(name in "[a-zA-Z0-9 ·一-龥]{0,8}") {
            let full = pinyin_full(&name);
            let initials = pinyin_initials(&name);
            prop_assert!(full.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()), "{}", full);
            prop_assert!(initials.len() <= full.len());
            // Every initial starts a syllable of the full key, in order.
            let mut rest = full.chars();
            for i in initials.chars() {
                prop_assert!(rest.any(|c| c == i), "{} not a subsequence of {}", initials, full);
            }
        }

        #[test]
        fn one_initial_per_chinese_character(name in "[一-龥]{1,6}") {
            let initials = pinyin_initials(&name);
            let with_reading = name.chars().filter(|c| c.to_pinyin().is_some()).count();
            prop_assert_eq!(initials.chars().count(), with_reading);
        }
    }
}
