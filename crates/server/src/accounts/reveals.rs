//! The county's reveal log (issue 16 item 3): every `reveals` fact the laptops pushed, as the
//! server stamped it on arrival (`seen_by`: the authenticated user, `seen_at`: the server's time),
//! beside what the laptop claimed (`author`, `at`). Both backends read the merged rows of
//! `field_state` and the users' names; this file turns them into [`RevealEntry`]s and filters them.

use std::collections::{BTreeMap, HashMap};

use linli_domain::Id;
use serde::Serialize;

/// Which reveals `linli admin reveals` lists.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RevealFilter {
    /// Only those the server received from this UTC instant on (ms since the epoch).
    pub since_ms: Option<i64>,
    /// Only those pushed by this user (by name).
    pub user: Option<String>,
    /// Only those of this resident.
    pub resident: Option<Id>,
}

/// One reveal as the server recorded it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RevealEntry {
    pub county: String,
    pub reveal_id: String,
    pub resident_id: String,
    /// `id_number` or `phone`.
    pub field: String,
    /// The user who pushed it (the authenticated one), by name; `None` for a reveal stored before
    /// the server stamped reveals.
    pub user: Option<String>,
    pub user_id: Option<String>,
    /// When the server received it, in UTC ("YYYY-MM-DDTHH:MM:SS+00:00").
    pub received_at: Option<String>,
    /// What the laptop said: its time and author (not trusted) and its device.
    pub claimed_at: Option<String>,
    pub claimed_author: Option<String>,
    pub device_id: Option<String>,
}

/// Builds the entries from `(county, row id, field, JSON value)` rows of `field_state` and the
/// `(county, user id) → name` of every user, filtered and in the order the server received them.
pub(crate) fn entries(
    rows: Vec<(String, String, String, String)>,
    names: &HashMap<(String, String), String>,
    filter: &RevealFilter,
) -> Vec<RevealEntry> {
    let mut by_row: BTreeMap<(String, String), HashMap<String, Option<String>>> = BTreeMap::new();
    for (county, row, field, value) in rows {
        let text = match serde_json::from_str::<serde_json::Value>(&value) {
            Ok(serde_json::Value::String(s)) => Some(s),
            _ => None,
        };
        by_row.entry((county, row)).or_default().insert(field, text);
    }
    let since = filter
        .since_ms
        .map(|ms| linli_domain::now::Now::at(ms.max(0) as u64, 0).stamp());
    let mut out: Vec<RevealEntry> = by_row
        .into_iter()
        .map(|((county, row), mut f)| {
            let mut take = |k: &str| f.remove(k).flatten();
            let user_id = take("seen_by");
            RevealEntry {
                user: user_id
                    .as_ref()
                    .and_then(|u| names.get(&(county.clone(), u.clone())).cloned()),
                reveal_id: row,
                resident_id: take("resident_id").unwrap_or_default(),
                field: take("field").unwrap_or_default(),
                user_id,
                received_at: take("seen_at"),
                claimed_at: take("at"),
                claimed_author: take("author"),
                device_id: take("device_id"),
                county,
            }
        })
        .filter(|e| {
            since
                .as_ref()
                .is_none_or(|s| e.received_at.as_ref().is_some_and(|at| at >= s))
                && filter
                    .user
                    .as_ref()
                    .is_none_or(|u| e.user.as_ref() == Some(u))
                && filter
                    .resident
                    .is_none_or(|r| e.resident_id == r.to_string())
        })
        .collect();
    out.sort_by(|a, b| {
        (&a.received_at, &a.county, &a.reveal_id).cmp(&(&b.received_at, &b.county, &b.reveal_id))
    });
    out
}
