//! Addresses inside a compound: building (楼栋), unit (单元) and room (室), as grid workers write
//! them — "3栋2单元301", "3-2-301", "3号楼2单元301室" — and the walking order they imply.

use crate::{DomainError, Result};

/// A household's full address as people write it: compound (小区), building, unit and room run
/// together — "南湖苑1栋1单元502". A part the register does not have is left out. The one
/// formatter for every list, card, search hit, review line and message.
pub fn full_address(
    compound: Option<&str>,
    building: Option<&str>,
    unit: Option<&str>,
    room: &str,
) -> String {
    let mut s = String::new();
    for part in [compound, building, unit].into_iter().flatten() {
        s.push_str(part.trim());
    }
    s.push_str(room.trim());
    s
}

/// A full address with its community in front ("北门社区 南湖苑1栋1单元502"), for lists that
/// span several communities.
pub fn with_community(community: Option<&str>, address: &str) -> String {
    match community.map(str::trim).filter(|c| !c.is_empty()) {
        Some(c) => format!("{c} {address}"),
        None => address.to_owned(),
    }
}

/// Splits a search query that starts with one of `compounds` ("南湖苑1-1-502") into that
/// compound (the longest that fits) and the rest ("1-1-502", or "" for the compound alone).
pub fn split_compound<'a, 'c>(query: &'a str, compounds: &[&'c str]) -> Option<(&'c str, &'a str)> {
    compounds
        .iter()
        .filter(|c| !c.is_empty() && query.starts_with(**c))
        .max_by_key(|c| c.len())
        .map(|c| (*c, query[c.len()..].trim()))
}

/// The number in a building or unit name: "3栋" → "3", "12号楼" → "12", "A座" → "A".
pub fn short_number(name: &str) -> String {
    let n = name.trim();
    let stripped = n
        .trim_end_matches(['栋', '幢', '座', '楼', '号', '单', '元', '室'])
        .trim_end_matches("号楼")
        .trim_end_matches('号')
        .trim_end_matches("单元");
    let digits: String = stripped.chars().filter(char::is_ascii_digit).collect();
    if !digits.is_empty() && stripped.chars().all(|c| c.is_ascii_digit()) {
        // "03" and "3" are the same building
        return digits
            .trim_start_matches('0')
            .to_owned()
            .max("0".to_owned());
    }
    stripped.to_uppercase()
}

/// Checks and tidies a room number: 1–10 characters, letters, digits and '-'.
pub fn validate_room(room: &str) -> Result<String> {
    let r = room.trim().trim_end_matches('室').trim();
    if r.is_empty() {
        return Err(DomainError::coded("room", crate::msg::ROOM_MISSING, vec![]));
    }
    if r.chars().count() > 10 || !r.chars().all(|c| c.is_alphanumeric() || c == '-') {
        return Err(DomainError::coded(
            "room",
            crate::msg::ROOM_FORMAT,
            crate::args![room = r],
        ));
    }
    Ok(r.to_uppercase())
}

/// The floor of a room for walking order: "301" → 3, "1502" → 15, "B1" or "12" → 0.
pub fn floor_of(room: &str) -> i64 {
    let digits: String = room.chars().filter(char::is_ascii_digit).collect();
    if digits.len() >= 3 {
        digits[..digits.len() - 2].parse().unwrap_or(0)
    } else {
        0
    }
}

/// The search key of an address: building, unit and room numbers joined by '-' ("3-2-301").
pub fn address_key(building: &str, unit: Option<&str>, room: &str) -> String {
    format!(
        "{}-{}-{}",
        short_number(building),
        unit.map(short_number).unwrap_or_default(),
        room.trim().to_uppercase()
    )
}

/// Reads an address as typed in a search box: "3栋2单元301", "3-2-301", "3号楼2单元301室",
/// "3栋301" (no unit). Returns `(building, unit, room)`; `None` if it does not look like one.
pub fn parse_address_query(q: &str) -> Option<(String, Option<String>, String)> {
    let q = q.trim();
    if let Some((b, rest)) = q.split_once(['-', '－', '—']) {
        let parts: Vec<&str> = std::iter::once(b)
            .chain(rest.split(['-', '－', '—']))
            .collect();
        return match parts.as_slice() {
            [b, u, r] if !b.is_empty() && !r.is_empty() => {
                Some((short_number(b), Some(short_number(u)), r.to_uppercase()))
            }
            [b, r] if !b.is_empty() && !r.is_empty() => {
                Some((short_number(b), None, r.to_uppercase()))
            }
            _ => None,
        };
    }
    let (b, rest) = split_after(q, &["号楼", "栋", "幢", "座"])?;
    let (u, room) = match split_after(rest, &["单元"]) {
        Some((u, room)) => (Some(short_number(u)), room),
        None => (None, rest),
    };
    let room = room.trim().trim_end_matches('室').trim();
    if b.trim().is_empty() || room.is_empty() {
        return None;
    }
    Some((short_number(b), u, room.to_uppercase()))
}

fn split_after<'a>(s: &'a str, marks: &[&str]) -> Option<(&'a str, &'a str)> {
    marks
        .iter()
        .filter_map(|m| s.find(m).map(|i| (&s[..i], &s[i + m.len()..])))
        .next()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_read_in_every_usual_shape() {
        let want = Some(("3".into(), Some("2".into()), "301".into()));
        assert_eq!(parse_address_query("3栋2单元301"), want);
        assert_eq!(parse_address_query("3-2-301"), want);
        assert_eq!(parse_address_query("3号楼2单元301室"), want);
        assert_eq!(parse_address_query(" 03栋2单元301 "), want);
        assert_eq!(
            parse_address_query("3栋301"),
            Some(("3".into(), None, "301".into()))
        );
        assert_eq!(parse_address_query("张三"), None);
        assert_eq!(parse_address_query("3-"), None);
    }

    #[test]
    fn keys_match_what_search_parses() {
        assert_eq!(address_key("3栋", Some("2单元"), "301"), "3-2-301");
        assert_eq!(address_key("12号楼", None, "b1"), "12--B1");
        assert_eq!(short_number("A座"), "A");
    }

    #[test]
    fn full_addresses_run_the_parts_together() {
        assert_eq!(
            full_address(Some("南湖苑"), Some("1栋"), Some("1单元"), "502"),
            "南湖苑1栋1单元502"
        );
        assert_eq!(full_address(None, Some("3栋"), None, "101"), "3栋101");
        assert_eq!(
            with_community(Some("北门社区"), "南湖苑1栋1单元502"),
            "北门社区 南湖苑1栋1单元502"
        );
        assert_eq!(with_community(None, "3栋101"), "3栋101");
    }

    #[test]
    fn a_query_may_start_with_a_compound() {
        let compounds = ["南湖苑", "南湖苑二期", "金山"];
        assert_eq!(
            split_compound("南湖苑1-1-502", &compounds),
            Some(("南湖苑", "1-1-502"))
        );
        assert_eq!(
            split_compound("南湖苑二期3栋101", &compounds),
            Some(("南湖苑二期", "3栋101"))
        );
        assert_eq!(split_compound("南湖苑", &compounds), Some(("南湖苑", "")));
        assert_eq!(split_compound("张三", &compounds), None);
    }

    #[test]
    fn floors_and_rooms() {
        assert_eq!(floor_of("301"), 3);
        assert_eq!(floor_of("1502"), 15);
        assert_eq!(floor_of("12"), 0);
        assert_eq!(validate_room(" 301室").unwrap(), "301");
        assert!(validate_room("3 01").is_err());
        assert!(validate_room("").is_err());
    }
}
