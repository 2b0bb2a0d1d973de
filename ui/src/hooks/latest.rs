//! Which answer may still be shown, for pages that ask again before an older answer came back.

/// Each load takes the next number; an answer is shown only if no load started after it, so an
/// older, slower answer never overwrites a newer one. Keep it in a `use_mut_ref`.
#[derive(Debug, Default)]
pub struct Latest(u64);

impl Latest {
    /// Starts a load and returns its number.
    pub fn start(&mut self) -> u64 {
        self.0 += 1;
        self.0
    }

    /// Whether the load numbered `n` is still the newest.
    pub fn is_current(&self, n: u64) -> bool {
        self.0 == n
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_newest_load_is_shown() {
        let mut loads = Latest::default();
        let older = loads.start();
        let newer = loads.start();
        assert!(!loads.is_current(older), "a slow older answer is dropped");
        assert!(loads.is_current(newer));
    }
}
