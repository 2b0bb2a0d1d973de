//! The volunteers page's pure rules: hours as written, picking volunteers, who a redemption is
//! for, a statement's period. Tested natively.

use linli_domain::Id;
use linli_protocol::Statement;

use crate::i18n::Texts;

/// Hours as people write them: "2", "1.5", "0.25".
pub fn fmt_hours(h: f64) -> String {
    let s = format!("{h:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_owned()
}

/// Toggles `id` in the selection, keeping the order volunteers were picked in.
pub fn toggle(selected: &[Id], id: Id) -> Vec<Id> {
    if selected.contains(&id) {
        selected.iter().copied().filter(|s| *s != id).collect()
    } else {
        selected.iter().copied().chain(Some(id)).collect()
    }
}

/// The one volunteer a redemption is for, or the sentence saying why there is none.
pub fn redeem_for(t: &Texts, selected: &[Id]) -> Result<Id, &'static str> {
    match selected {
        [one] => Ok(*one),
        [] => Err(t.vol_pick_one),
        _ => Err(t.vol_pick_only_one),
    }
}

/// The statement's period: from its first line's date (today when it has none) to today.
pub fn statement_period(st: &Statement, today: &str) -> (String, String) {
    let from = st.lines.first().map_or(today, |l| l.date.as_str());
    (from.to_owned(), today.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    fn id(n: u128) -> Id {
        Id::from_uuid(linli_domain::id::Uuid::from_u128(n))
    }

    #[test]
    fn picking_toggles_and_a_redemption_needs_exactly_one() {
        let t = Lang::Zh.texts();
        let s = toggle(&[], id(1));
        let s = toggle(&s, id(2));
        assert_eq!(s, [id(1), id(2)]);
        assert_eq!(
            redeem_for(t, &s),
            Err("一次只能为一位志愿者兑换，请只勾选一位")
        );
        let s = toggle(&s, id(1));
        assert_eq!(redeem_for(t, &s), Ok(id(2)));
        assert!(redeem_for(t, &[]).is_err());
        assert_eq!(fmt_hours(2.0), "2");
        assert_eq!(fmt_hours(1.5), "1.5");
        assert_eq!(
            (t.vol_item_line)("大米", 50, Some(3)),
            "大米 · 50分 · 库存3"
        );
        assert_eq!(
            (Lang::En.texts().vol_credited)(3, "6"),
            "Credited 6 hours to 3 volunteers; waiting for verification."
        );
    }
}
