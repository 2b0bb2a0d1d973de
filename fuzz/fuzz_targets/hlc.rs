//! `Hlc` parsing and the clock's arithmetic: any text parses or is refused, what parses prints and
//! parses back to itself, and ticking or observing any value never overflows.
#![no_main]

use libfuzzer_sys::fuzz_target;
use linli_domain::{Clock, Hlc};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(h) = text.parse::<Hlc>() else {
        return;
    };
    assert_eq!(h.to_string().parse::<Hlc>().ok(), Some(h));
    let mut clock = Clock::new(h);
    let a = clock.tick(h.ms);
    assert!(a >= h);
    let b = clock.observe(h, h.ms.wrapping_add(1));
    assert!(b >= a);
});
