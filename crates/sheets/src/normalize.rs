//! Cell values as people type them → the values the domain wants.

use chrono::NaiveDate;

use linli_domain::register::ResidenceStatus;
use linli_domain::Gender;
use linli_domain::{args, msg};

use crate::grid::Value;
use crate::validate::idcard::{self, ResidentId};
use crate::Said;

/// Why a row holding a masked number (`3501**********123X`, `138****8000`) is refused: `what`
/// is the column ("身份证号", "联系电话").
pub(crate) fn masked(what: &str) -> Said {
    Said::new(msg::IMPORT_MASKED, args![what = what])
}

/// Why an ID number cell could not be accepted.
#[derive(Debug, PartialEq)]
pub(crate) enum IdProblem {
    DigitsLost,
    Masked,
    Invalid(Said),
}

/// An ID number cell → a valid ID. A numeric cell, scientific notation ("3.50102E+17") or 18
/// digits ending in 000 with a wrong check digit (what a 15-significant-digit number leaves behind)
/// mean the digits are gone: refused, never guessed.
pub(crate) fn id_number(v: &Value) -> Result<Option<ResidentId>, IdProblem> {
    let text = match v {
        Value::Empty => return Ok(None),
        Value::Number(_) => return Err(IdProblem::DigitsLost),
        Value::Date(_) => {
            return Err(IdProblem::Invalid(Said::new(
                msg::IMPORT_ID_IS_DATE,
                vec![],
            )))
        }
        Value::Text(s) => s,
    };
    // Excel's text mark (a leading apostrophe) and a stray byte-order mark are spreadsheet
    // artefacts, not typing: they go before the domain's normalisation.
    let n = idcard::normalize(text.trim().trim_start_matches(['\'', '‘', '’', '\u{feff}']));
    if n.is_empty() {
        return Ok(None);
    }
    if n.contains(['*', '＊']) {
        return Err(IdProblem::Masked);
    }
    if n.contains(['E', 'e']) && n.contains('+') || n.contains('.') {
        return Err(IdProblem::DigitsLost);
    }
    match ResidentId::parse(&n) {
        Ok(id) => Ok(Some(id)),
        Err(_) if n.len() == 18 && n.ends_with("000") && n.bytes().all(|b| b.is_ascii_digit()) => {
            Err(IdProblem::DigitsLost)
        }
        Err(e) => Err(IdProblem::Invalid(e.into())),
    }
}

/// A birth date as written: a date cell, `1988-03-15`, `1988.03.15`, `1988/3/15`,
/// `1988年3月15日`, `19880315` (text or number), with an optional time after a space.
pub(crate) fn date(v: &Value) -> Option<NaiveDate> {
    match v {
        Value::Date(d) => Some(*d),
        Value::Number(n) if n.fract() == 0.0 => yyyymmdd(&format!("{}", *n as i64)),
        Value::Number(_) | Value::Empty => None,
        Value::Text(s) => date_text(s),
    }
}

fn yyyymmdd(s: &str) -> Option<NaiveDate> {
    if s.len() != 8 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    NaiveDate::from_ymd_opt(
        s[..4].parse().ok()?,
        s[4..6].parse().ok()?,
        s[6..].parse().ok()?,
    )
}

fn date_text(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    let s = s.split([' ', 'T']).next().unwrap_or(s);
    if let Some(d) = yyyymmdd(s) {
        return Some(d);
    }
    let unified: String = s
        .chars()
        .map(|c| match c {
            '年' | '月' | '.' | '/' | '－' | '．' => '-',
            c => c,
        })
        .filter(|c| *c != '日' && *c != '号')
        .collect();
    let mut parts = unified.split('-').map(str::trim);
    let y: i32 = parts.next()?.parse().ok()?;
    let m: u32 = parts.next()?.parse().ok()?;
    let d: u32 = parts.next()?.parse().ok()?;
    if parts.next().is_some() || !(1900..=2100).contains(&y) {
        return None;
    }
    NaiveDate::from_ymd_opt(y, m, d)
}

pub(crate) fn gender(s: &str) -> Option<Gender> {
    match s.trim() {
        "男" | "男性" | "M" | "m" | "1" => Some(Gender::Male),
        "女" | "女性" | "F" | "f" | "2" => Some(Gender::Female),
        _ => None,
    }
}

/// Care tags split on 、,，/;； and spaces, empty pieces and repeats dropped.
pub(crate) fn tags(s: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for t in s.split(|c: char| c.is_whitespace() || "、,，/;；".contains(c)) {
        let t = t.trim();
        if !t.is_empty() && !matches!(t, "无" | "/" | "-") && !out.iter().any(|o| o == t) {
            out.push(t.to_string());
        }
    }
    out
}

/// 人户状态 as registers word it: the domain's labels, also inside longer text ("人户一致（本地）"),
/// and its synonyms (人户分离, 外来, 流动). `Err` carries unrecognised wording for a warning; an
/// empty cell is `Ok(None)`.
pub(crate) fn residence(s: &str) -> Result<Option<ResidenceStatus>, String> {
    let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    if s.is_empty() {
        return Ok(None);
    }
    if s == "一致" {
        return Ok(Some(ResidenceStatus::Consistent));
    }
    ResidenceStatus::ALL
        .into_iter()
        .find(|r| s.contains(r.label_zh()))
        .or_else(|| ResidenceStatus::from_label(&s))
        .map(Some)
        .ok_or(s)
}

/// Names padded with spaces for alignment ("张  三") lose the spaces; "·" in names stays.
pub(crate) fn name(s: &str) -> String {
    let t = s.trim();
    if t.chars().all(|c| c.is_whitespace() || !c.is_ascii()) {
        t.chars().filter(|c| !c.is_whitespace()).collect()
    } else {
        t.split_whitespace().collect::<Vec<_>>().join(" ")
    }
}

/// Building, unit and room as written, spaces removed; `3.0` from a number cell shows as `3`.
pub(crate) fn place_part(v: &Value) -> Option<String> {
    let t: String = v.text().chars().filter(|c| !c.is_whitespace()).collect();
    (!t.is_empty()).then_some(t)
}

/// 流动人口 as written: 是/否 and their usual spellings; `Err` carries unrecognised wording.
pub(crate) fn yes_no(s: &str) -> Result<Option<bool>, String> {
    match s.trim() {
        "" => Ok(None),
        "是" | "Y" | "y" | "√" | "✓" | "1" | "流动" | "流动人口" => Ok(Some(true)),
        "否" | "N" | "n" | "×" | "0" | "不是" | "非流动" => Ok(Some(false)),
        other => Err(other.to_owned()),
    }
}

/// 党员 as written: 是/否, or a 政治面貌 (中共党员, 中共预备党员 are; 群众, 共青团员 and the like are
/// not); `Err` carries unrecognised wording.
pub(crate) fn party_member(s: &str) -> Result<Option<bool>, String> {
    let t: String = s.chars().filter(|c| !c.is_whitespace()).collect();
    match t.as_str() {
        "" => Ok(None),
        "是" | "Y" | "y" | "√" | "✓" | "1" | "党员" | "预备党员" => Ok(Some(true)),
        "否" | "N" | "n" | "×" | "0" | "不是" | "非党员" | "群众" | "团员" | "共青团员"
        | "中共团员" | "无党派" | "无党派人士" | "无" => Ok(Some(false)),
        t if t.starts_with("中共") || t.starts_with("中国共产党") => {
            if t.ends_with("党员") {
                Ok(Some(true))
            } else {
                Err(s.trim().to_owned())
            }
        }
        // 民革党员, 民盟盟员, 九三学社社员…: members of other parties are not 党员 here.
        t if t.starts_with('民')
            || t.starts_with("九三")
            || t.starts_with("台盟")
            || t.starts_with("致公") =>
        {
            Ok(Some(false))
        }
        _ => Err(s.trim().to_owned()),
    }
}

pub(crate) fn is_head(relation: &str) -> bool {
    matches!(
        relation.trim(),
        "户主" | "本人" | "户主本人" | "本人(户主)" | "本人（户主）"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Value {
        Value::Text(s.into())
    }

    #[test]
    fn party_membership_as_written() {
        for s in [
            "是",
            "党员",
            "中共党员",
            "中共预备党员",
            "中国共产党党员",
            " 是 ",
        ] {
            assert_eq!(party_member(s), Ok(Some(true)), "{s}");
        }
        for s in [
            "否",
            "群众",
            "共青团员",
            "民盟盟员",
            "九三学社社员",
            "无党派人士",
        ] {
            assert_eq!(party_member(s), Ok(Some(false)), "{s}");
        }
        assert_eq!(party_member(""), Ok(None));
        assert_eq!(party_member("也许"), Err("也许".to_owned()));
        assert_eq!(party_member("中共"), Err("中共".to_owned()));
    }

    #[test]
    fn dates_as_written() {
        let want = NaiveDate::from_ymd_opt(1988, 3, 15);
        for s in [
            "1988-03-15",
            "1988.03.15",
            "1988/3/15",
            "1988年3月15日",
            "19880315",
            "1988-03-15 00:00:00",
        ] {
            assert_eq!(date(&t(s)), want, "{s}");
        }
        assert_eq!(date(&Value::Number(19880315.0)), want);
        assert_eq!(date(&t("1988-02-30")), None);
        assert_eq!(date(&t("不详")), None);
    }

    #[test]
    fn id_numbers_from_excel() {
        assert_eq!(
            id_number(&Value::Number(3.501021990031e17)),
            Err(IdProblem::DigitsLost)
        );
        assert_eq!(id_number(&t("3.50102E+17")), Err(IdProblem::DigitsLost));
        assert_eq!(
            id_number(&t("110105194912310000")),
            Err(IdProblem::DigitsLost)
        );
        assert!(id_number(&t("１１０１０５ 1949 1231 002x"))
            .unwrap()
            .is_some());
        // Excel's text mark is not part of the number.
        assert!(id_number(&t("'11010519491231002X")).unwrap().is_some());
        assert!(matches!(
            id_number(&t("110105194912310021")),
            Err(IdProblem::Invalid(_))
        ));
        // a masked export is refused, never read as a number
        assert_eq!(id_number(&t("1101**********002X")), Err(IdProblem::Masked));
    }

    #[test]
    fn tags_and_names() {
        assert_eq!(
            tags("独居老人、低保,残疾 / 独居老人"),
            vec!["独居老人", "低保", "残疾"]
        );
        assert_eq!(name(" 张  三 "), "张三");
        assert_eq!(
            residence("人户一致（本地）"),
            Ok(Some(ResidenceStatus::Consistent))
        );
        assert_eq!(
            residence("人户分离"),
            Ok(Some(ResidenceStatus::RegisteredElsewhere))
        );
        assert_eq!(residence(""), Ok(None));
        assert_eq!(residence("不详"), Err("不详".to_string()));
        assert_eq!(name("买买提·吐尔逊"), "买买提·吐尔逊");
    }
}
