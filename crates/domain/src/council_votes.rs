//! A meeting's rule of the vote (表决规则): its quorum (法定人数, the share of the members expected
//! who must be present) and what a topic needs to pass (通过标准). The default is the usual 过半数
//! rule of residents' meetings (居民委员会组织法 第十二条): more than half of the members present,
//! and more than half of those present for. A community whose 议事规则 says otherwise sets it on
//! the meeting; the meeting keeps it, so its votes are always counted as they were. docs/councils.md.

use serde::{Deserialize, Serialize};

use crate::councils::Votes;
use crate::lending::words;
use crate::{msg, DomainError, Result};

words! {
    /// How many of the members expected must be present for a meeting to vote.
    QuorumRule {
        Majority = "majority", "过半数到会", "more than half present";
        TwoThirds = "two_thirds", "三分之二以上到会", "two thirds or more present";
    }
}

words! {
    /// What a topic needs to pass. Abstaining never counts as for.
    PassRule {
        PresentMajority = "present_majority", "实到人数过半数赞成", "more than half of those present for";
        CastMajority = "cast_majority", "赞成票多于反对票（弃权不计）", "more for than against (abstentions not counted)";
        TwoThirds = "two_thirds", "实到人数三分之二以上赞成", "two thirds of those present for";
    }
}

// the enums are made by `words!`, which derives no Default
#[allow(clippy::derivable_impls)]
impl Default for QuorumRule {
    fn default() -> Self {
        QuorumRule::Majority
    }
}

#[allow(clippy::derivable_impls)]
impl Default for PassRule {
    fn default() -> Self {
        PassRule::PresentMajority
    }
}

/// A meeting's rule of the vote.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct VoteRule {
    #[serde(default)]
    pub quorum: QuorumRule,
    #[serde(default)]
    pub pass: PassRule,
}

impl VoteRule {
    /// The rule as a line of the record: "过半数到会，实到人数过半数赞成".
    pub fn label_zh(self) -> String {
        format!("{}，{}", self.quorum.label_zh(), self.pass.label_zh())
    }

    pub fn label_en(self) -> String {
        format!("{}; {}", self.quorum.label_en(), self.pass.label_en())
    }

    /// The rule, checked: a word this build does not know is refused.
    pub fn check(self) -> Result<VoteRule> {
        if self.quorum == QuorumRule::Unknown {
            return Err(DomainError::coded("quorum", msg::UNKNOWN_CHOICE, vec![]));
        }
        if self.pass == PassRule::Unknown {
            return Err(DomainError::coded("pass_rule", msg::UNKNOWN_CHOICE, vec![]));
        }
        Ok(self)
    }

    /// The fewest present for the meeting to vote (0: it cannot, nobody being expected).
    pub fn need_present(self, expected: u32) -> u32 {
        if expected == 0 {
            return 0;
        }
        match self.quorum {
            QuorumRule::TwoThirds => (expected * 2).div_ceil(3),
            _ => expected / 2 + 1,
        }
    }

    /// The meeting may vote.
    pub fn quorate(self, expected: u32, present: u32) -> bool {
        expected > 0 && present >= self.need_present(expected)
    }

    /// A topic passes with these votes at a meeting with `present` members there.
    pub fn passes(self, present: u32, v: Votes) -> bool {
        let f = u64::from(v.for_);
        let present = u64::from(present);
        present > 0
            && match self.pass {
                PassRule::CastMajority => f > u64::from(v.against),
                PassRule::TwoThirds => f * 3 >= present * 2,
                _ => f * 2 > present,
            }
    }

    /// Checks a vote at a meeting of `expected` members with `present` there: the meeting is
    /// quorate by this rule and no more votes are cast than members present. Answers whether
    /// it passes.
    pub fn check_vote(self, expected: u32, present: u32, v: Votes) -> Result<bool> {
        if !self.quorate(expected, present) {
            return Err(if self.quorum == QuorumRule::Majority {
                DomainError::coded(
                    "votes",
                    msg::CNC_NO_QUORUM,
                    crate::args![expected = expected, present = present],
                )
            } else {
                DomainError::coded(
                    "votes",
                    msg::CNC_NO_QUORUM_OF,
                    crate::args![
                        expected = expected,
                        present = present,
                        rule = self.quorum.label_zh(),
                        need = self.need_present(expected)
                    ],
                )
            });
        }
        if v.total() > u64::from(present) {
            return Err(DomainError::coded(
                "votes",
                msg::CNC_VOTES_EXCEED,
                crate::args![total = v.total(), present = present],
            ));
        }
        Ok(self.passes(present, v))
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn v(f: u32, a: u32, b: u32) -> Votes {
        Votes {
            for_: f,
            against: a,
            abstain: b,
        }
    }

    fn rule(q: QuorumRule, p: PassRule) -> VoteRule {
        VoteRule { quorum: q, pass: p }
    }

    #[test]
    fn the_default_is_the_majority_rule_of_before() {
        let r = VoteRule::default();
        assert_eq!(
            (r.quorum, r.pass),
            (QuorumRule::Majority, PassRule::PresentMajority)
        );
        assert!(!r.quorate(10, 5) && r.quorate(10, 6) && r.quorate(1, 1) && !r.quorate(0, 3));
        assert_eq!(r.check_vote(10, 6, v(4, 1, 1)), Ok(true));
        assert_eq!(r.check_vote(10, 6, v(3, 1, 2)), Ok(false));
        let e = r.check_vote(10, 5, v(5, 0, 0)).unwrap_err();
        assert_eq!(e.to_string(), "会议应到10人，实到5人，未过半数，不能表决");
        let json = serde_json::to_string(&r).unwrap();
        assert_eq!(json, r#"{"quorum":"majority","pass":"present_majority"}"#);
        assert_eq!(serde_json::from_str::<VoteRule>("{}").unwrap(), r);
    }

    #[test]
    fn other_rules_count_otherwise() {
        let two = rule(QuorumRule::TwoThirds, PassRule::TwoThirds);
        assert_eq!(two.need_present(15), 10);
        assert_eq!(two.need_present(10), 7);
        assert!(!two.quorate(15, 9) && two.quorate(15, 10));
        let e = two.check_vote(15, 9, v(9, 0, 0)).unwrap_err();
        assert!(e.to_string().contains("至少要10人"), "{e}");
        // 10 present: 7 for passes two thirds (7 × 3 ≥ 20), 6 does not
        assert_eq!(two.check_vote(15, 10, v(7, 3, 0)), Ok(true));
        assert_eq!(two.check_vote(15, 10, v(6, 0, 4)), Ok(false));
        // votes cast: abstentions left out, 4 for against 3 passes with 3 abstaining
        let cast = rule(QuorumRule::Majority, PassRule::CastMajority);
        assert_eq!(cast.check_vote(11, 10, v(4, 3, 3)), Ok(true));
        assert_eq!(cast.check_vote(11, 10, v(3, 3, 4)), Ok(false));
        assert_eq!(
            VoteRule::default().check_vote(11, 10, v(4, 3, 3)),
            Ok(false)
        );
        let unknown = rule(QuorumRule::Unknown, PassRule::PresentMajority);
        assert!(unknown.check().is_err());
        assert!(rule(QuorumRule::Majority, PassRule::Unknown)
            .check()
            .is_err());
        assert!(cast.check().is_ok());
    }

    fn any_rule() -> impl Strategy<Value = VoteRule> {
        (0usize..2, 0usize..3).prop_map(|(q, p)| VoteRule {
            quorum: QuorumRule::ALL[q],
            pass: PassRule::ALL[p],
        })
    }

    proptest! {
        /// Under every rule, more for-votes never turn a pass into a fail: one more vote for
        /// (a member who had not voted), or an against or abstaining vote turned for.
        #[test]
        fn more_for_votes_never_fail_a_pass(r in any_rule(), expected in 1u32..60,
                                            f in 0u32..20, a in 0u32..20, b in 0u32..20,
                                            silent in 0u32..20) {
            let votes = v(f, a, b);
            let present = f + a + b + silent;
            if let Ok(true) = r.check_vote(expected, present, votes) {
                if votes.total() < u64::from(present) {
                    prop_assert_eq!(r.check_vote(expected, present, v(f + 1, a, b)), Ok(true));
                }
                if a > 0 {
                    prop_assert_eq!(r.check_vote(expected, present, v(f + 1, a - 1, b)), Ok(true));
                }
                if b > 0 {
                    prop_assert_eq!(r.check_vote(expected, present, v(f + 1, a, b - 1)), Ok(true));
                }
            }
        }

        /// More members present never make a quorate meeting not quorate, and a stricter
        /// quorum is never met where the looser one is not; two opposite outcomes never both
        /// pass.
        #[test]
        fn quorum_is_monotone_and_outcomes_exclusive(r in any_rule(), expected in 0u32..60,
                                                     present in 0u32..60, f in 0u32..30,
                                                     a in 0u32..30) {
            if r.quorate(expected, present) {
                prop_assert!(r.quorate(expected, present + 1));
            }
            let strict = VoteRule { quorum: QuorumRule::TwoThirds, ..r };
            let loose = VoteRule { quorum: QuorumRule::Majority, ..r };
            prop_assert!(!strict.quorate(expected, present) || loose.quorate(expected, present));
            prop_assert_eq!(loose.quorate(expected, present), crate::councils::quorate(expected, present));
            if f + a <= present {
                let p = r.passes(present, v(f, a, 0));
                prop_assert!(!(p && r.passes(present, v(a, f, 0))));
            }
        }
    }
}
