//! What 统计 counts, read once for all its periods (issue 24): the period, its trend's months
//! and the ranking's period before ask for the same coverage and requests over nine periods,
//! and reading the whole town's visits and requests for each took two thirds of its 3.1 s at
//! 100,000 households. A [`Span`] reads them once over a period holding all of those, and
//! answers for each period within as a read of that period would (the store test
//! `a_span_answers_as_each_period_read_apart` holds it so).

use std::sync::Arc;

use linli_domain::Id;
use linli_protocol::{Ratio, TaskRatesReport};

use super::coverage_in;
use crate::field::coverage::{CoverageCount, VisitDays};
use crate::field::tasks::{facts_within, rates_of_facts, RaisedTask};
use crate::field::Area;
use crate::{Result, Store};

/// A community's (everything's for none) reached households and raised requests over a span.
pub(crate) struct Span {
    community: Option<Id>,
    from: String,
    to: String,
    visits: VisitDays,
    facts: Vec<RaisedTask>,
}

/// A span read and where the data stood then.
pub(crate) struct KeptSpan {
    key: (u64, i64),
    span: Arc<Span>,
}

/// How many spans are kept: 工作台's community and 统计's scope, opened in turn, each keep theirs.
const KEPT_SPANS: usize = 3;

impl Store {
    /// The span `from..=to` of a community (everything's for none): one of the last read while
    /// the data has not changed since, when it holds this one (统计 asks its dashboard and then
    /// its targets, whose two months lie within the dashboard's span, and asks again each time
    /// it opens), else read and kept.
    pub(crate) fn span(&self, community: Option<Id>, from: &str, to: &str) -> Result<Arc<Span>> {
        let key = self.data_state()?;
        let mut kept = self.kept_spans.borrow_mut();
        kept.retain(|k| k.key == key);
        if let Some(k) = kept.iter().find(|k| k.span.holds(community, from, to)) {
            return Ok(k.span.clone());
        }
        let span = Arc::new(Span {
            community,
            from: from.to_owned(),
            to: to.to_owned(),
            visits: self.visit_days(community, from, to)?,
            facts: self.community_raised_facts(community, from, to)?,
        });
        if kept.len() == KEPT_SPANS {
            kept.remove(0);
        }
        kept.push(KeptSpan {
            key,
            span: span.clone(),
        });
        Ok(span)
    }
}

impl Span {
    /// Whether it answers for `community`'s periods in `from..=to`.
    pub(crate) fn holds(&self, community: Option<Id>, from: &str, to: &str) -> bool {
        self.community == community && self.from.as_str() <= from && to <= self.to.as_str()
    }

    /// The coverage counts and the requests of `from..=to`, as `coverage_counts` and
    /// `community_raised_facts` read them.
    pub(crate) fn period(&self, from: &str, to: &str) -> (Vec<CoverageCount>, Vec<RaisedTask>) {
        (
            self.visits.counts(from, to),
            facts_within(&self.facts, from, to),
        )
    }

    /// An area's coverage over `from..=to` (`Store::coverage_ratio`).
    pub(crate) fn coverage(&self, area: &Area, from: &str, to: &str) -> Ratio {
        coverage_in(&self.visits.counts(from, to), area)
    }

    /// An area's requests raised in `from..=to` (`Store::raised_facts`).
    pub(crate) fn facts(&self, area: &Area, from: &str, to: &str) -> Vec<RaisedTask> {
        let mut tasks = facts_within(&self.facts, from, to);
        tasks.retain(|t| t.lies_in(area));
        tasks
    }

    /// An area's rates over `from..=to` (`Store::rates_of`).
    pub(crate) fn rates(&self, area: &Area, from: &str, to: &str) -> TaskRatesReport {
        rates_of_facts(&self.facts(area, from, to), from.to_owned(), to.to_owned())
    }
}

#[cfg(test)]
#[path = "span_tests.rs"]
mod tests;
