//! Pulling: pages asked for after the stored cursor, each applied with its cursor in one
//! transaction while the next is already on its way.

use linli_protocol::sync::{PullRequest, PullResponse};
use linli_store::{PreparedPage, Store};

use crate::wire::call;
use crate::{Engine, Progress, Report, Result, Retry, Transport};

impl<T: Transport> Engine<T> {
    pub(crate) fn pull_pages(
        &mut self,
        store: &mut Store,
        (token, own): (&str, i64),
        mut page: PullResponse,
        report: &mut Report,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<()> {
        let (schema, limit, retry) = (&self.schema, self.page, self.retry);
        // the journal text of the next page is made on the fetching thread too
        let mut prepared = PreparedPage::of(&page)?;
        loop {
            let more = page.more;
            let (applied, next) = if more {
                let after = page.next;
                std::thread::scope(|s| {
                    let applying = s.spawn(|| store.apply_prepared(schema, &page, &prepared));
                    let next = pull_page(&mut self.transport, token, (after, own), limit, retry)
                        .and_then(|p| {
                            let prepared = PreparedPage::of(&p)?;
                            Ok((p, prepared))
                        });
                    let applied = applying
                        .join()
                        .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
                    (applied, Some(next))
                })
            } else {
                (store.apply_prepared(schema, &page, &prepared), None)
            };
            let applied = applied?;
            report.pulled += page.changes.len() as u64;
            report.applied += applied.changed;
            progress(Progress::Pulled {
                received: report.pulled,
                more,
            });
            match next {
                Some(next) => (page, prepared) = next?,
                None => break,
            }
        }
        Ok(())
    }
}

/// Asks for one page of changes after `after`, leaving out this laptop's own up to `own_seq`.
pub(crate) fn pull_page(
    transport: &mut dyn Transport,
    token: &str,
    (after, own_seq): (i64, i64),
    limit: u32,
    retry: Retry,
) -> Result<PullResponse> {
    call(
        transport,
        "/v1/pull",
        Some(token),
        &PullRequest {
            after,
            limit,
            own_seq: Some(own_seq),
        },
        retry,
    )
}
