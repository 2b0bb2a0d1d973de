//! Fields by role on the server (issue 16, item 2): the policy of `linli_protocol::privacy`
//! applied where the server sends rows to a device (each backend's pull page calls
//! [`on_pull`] once per change, and parses and rewrites a body only for [`OnPull::Redact`]) and
//! where a restricted user writes care tags (the merge engine calls [`on_push`]).

use linli_protocol::privacy;
use linli_protocol::sync::{Change, Role};
use serde_json::Value;

use crate::db::DeviceAuth;

/// What a pull does with a change of some table for a device of some role.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum OnPull {
    /// Sent as stored (administrators and grid workers, and every table the policy leaves alone).
    Send,
    /// Not sent at all (the reveal log to anyone but an administrator).
    Withhold,
    /// Sent without the fields the role may not read ([`redacted`]).
    Redact,
}

pub(crate) fn on_pull(role: Role, table: &str) -> OnPull {
    if !privacy::may_read_table(role, table) {
        OnPull::Withhold
    } else if privacy::redacts(role, table) {
        OnPull::Redact
    } else {
        OnPull::Send
    }
}

/// A stored change as the device of `auth` may receive it, `on_pull` being what [`on_pull`]
/// answered for its table; `None` when nothing of it is left to send.
pub(crate) fn redacted(auth: &DeviceAuth, on_pull: OnPull, change: Change) -> Option<Change> {
    match on_pull {
        OnPull::Send => Some(change),
        OnPull::Withhold => None,
        OnPull::Redact => privacy::redact(auth.role, change),
    }
}

/// A change a restricted user pushes, as the server merges it: a `residents.care_tags` it writes
/// keeps the sensitive tags the row holds (`stored` answers the merged value as JSON text, asked
/// only for such a write), which that user never received. `None` when the change is merged as
/// sent.
pub(crate) fn on_push<'a>(
    role: Role,
    c: &Change,
    stored: impl FnOnce() -> Option<&'a str>,
) -> Option<Change> {
    if !privacy::restricted(role) || c.table != "residents" {
        return None;
    }
    let pushed = c.fields.get("care_tags")?.as_str()?;
    let stored: Option<Value> = stored().and_then(|s| serde_json::from_str(s).ok());
    let kept = privacy::keep_withheld_tags(pushed, stored.as_ref().and_then(Value::as_str));
    if kept == pushed {
        return None;
    }
    let mut c = c.clone();
    c.fields.insert("care_tags".into(), Value::String(kept));
    Some(c)
}
