//! Any pull page applied by a laptop: arbitrary bytes as a `PullResponse` (JSON) into a store in
//! memory. Applying must never panic; a change the laptop cannot apply is kept aside and the rest
//! of the page commits, so a page that parses always applies.
#![no_main]

use libfuzzer_sys::fuzz_target;
use linli_protocol::sync::PullResponse;
use linli_store::{Schema, Store};

fuzz_target!(|data: &[u8]| {
    let Ok(mut page) = serde_json::from_slice::<PullResponse>(data) else {
        return;
    };
    page.changes.truncate(64);
    let mut store = Store::open_in_memory().unwrap();
    let applied = store.apply_pulled(&Schema::default(), &page);
    if let Ok(stats) = applied {
        let n = page.changes.iter().filter(|c| c.server_seq > 0).count() as u64;
        assert!(stats.changed + stats.unchanged + stats.kept_aside <= n.max(page.changes.len() as u64));
    }
});
