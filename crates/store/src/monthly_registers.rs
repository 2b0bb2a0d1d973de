//! The community's registers in the monthly report (借还, 调解, 议事, 公告, 托管 …): each register
//! gives its lines and the rows behind each of its keys, and the report and its drill-down
//! (`monthly_figure_records`) walk [`REGISTERS`] in order. To add a register: one entry here.

use linli_domain::Id;
use linli_protocol::MonthlyFigure;

use crate::councils::Records;
use crate::{Result, Store};

/// Where and when a register's lines are counted: the community (None for a wider scope), the
/// month's first day, the year's first day (for the cumulative column), the month's last day,
/// today, and whether the scope is narrower than a community (a grid: the registers, kept per
/// community, then say so).
pub(crate) struct Period<'a> {
    pub community: Option<Id>,
    pub from: &'a str,
    pub cum_from: &'a str,
    pub to: &'a str,
    pub today: &'a str,
    pub narrower: bool,
}

/// One register: its lines for a period, and the rows behind one of its keys from `from` to `to`
/// (None when the key is not the register's).
pub(crate) struct MonthlyRegister {
    pub figures: FiguresFn,
    pub records: RecordsFn,
}

pub(crate) type FiguresFn = fn(&Store, &Period) -> Result<Vec<MonthlyFigure>>;
/// (store, community, from, to, key)
pub(crate) type RecordsFn = fn(&Store, Option<Id>, &str, &str, &str) -> Result<Option<Records>>;

fn headers(h: &[&str]) -> Vec<String> {
    h.iter().map(|s| (*s).to_owned()).collect()
}

/// The registers, in the report's order.
pub(crate) const REGISTERS: &[MonthlyRegister] = &[
    // the sharing station (issue 19)
    MonthlyRegister {
        figures: |s, p| {
            crate::lending::lending_figures(
                &s.conn,
                p.community,
                (p.from, p.cum_from, p.to),
                p.today,
                p.narrower,
            )
        },
        records: |s, community, from, to, key| {
            let rows = crate::lending::lending_records(
                &s.conn,
                community,
                from,
                to,
                &s.now().today(),
                key,
            )?;
            Ok(rows.map(|r| (headers(&crate::lending::LOAN_HEADERS), r)))
        },
    },
    // the mediation register (issue 20)
    MonthlyRegister {
        figures: |s, p| {
            crate::mediation::mediation_figures(
                &s.conn,
                p.community,
                (p.from, p.cum_from, p.to),
                p.today,
                p.narrower,
            )
        },
        records: |s, community, from, to, key| {
            let rows = crate::mediation::mediation_records(
                &s.conn,
                community,
                (from, to),
                &s.now().today(),
                key,
                s.mediation_withheld()?,
            )?;
            Ok(rows.map(|r| (headers(&crate::mediation::CASE_HEADERS), r)))
        },
    },
    // the councils and suggestions (issue 20)
    MonthlyRegister {
        figures: |s, p| {
            crate::councils::council_figures(
                s,
                p.community,
                (p.from, p.cum_from, p.to),
                p.today,
                p.narrower,
            )
        },
        records: |s, community, from, to, key| {
            crate::councils::council_records(s, community, from, to, &s.now().today(), key)
        },
    },
    // the community's boards: themes, notices, duty weeks (issue 20)
    MonthlyRegister {
        figures: |s, p| {
            crate::board::board_figures(
                &s.conn,
                p.community,
                (p.from, p.cum_from, p.to),
                p.narrower,
            )
        },
        records: |s, community, from, to, key| {
            crate::board::board_records(&s.conn, community, from, to, key)
        },
    },
    // the children's programmes (issue 25)
    MonthlyRegister {
        figures: |s, p| {
            crate::programmes::programme_figures(
                &s.conn,
                p.community,
                (p.from, p.cum_from, p.to),
                p.narrower,
            )
        },
        records: |s, community, from, to, key| {
            let withheld = s
                .sync_role()?
                .is_some_and(|r| !linli_protocol::privacy::has_programme_grant(r));
            let rows =
                crate::programmes::programme_records(&s.conn, community, from, to, withheld, key)?;
            Ok(rows.map(|r| {
                (
                    crate::programmes::programme_headers(key).unwrap_or_default(),
                    r,
                )
            }))
        },
    },
    // the security patrols (issue 25)
    MonthlyRegister {
        figures: |s, p| {
            crate::patrols::patrol_figures(s, p.community, (p.from, p.cum_from, p.to), p.narrower)
        },
        records: |s, community, from, to, key| {
            let rows = crate::patrols::patrol_records(s, community, from, to, key)?;
            Ok(rows.map(|r| (headers(&crate::patrols::PATROL_HEADERS), r)))
        },
    },
    // the 15-minute neighbourhood service circle (issue 25)
    MonthlyRegister {
        figures: |s, p| {
            crate::circle::circle_figures(
                &s.conn,
                p.community,
                (p.from, p.cum_from, p.to),
                p.today,
                p.narrower,
            )
        },
        records: |s, community, from, to, key| {
            let today = s.now().today();
            let rows = crate::circle::circle_records(&s.conn, community, (from, to), &today, key)?;
            Ok(rows.map(|r| (crate::circle::circle_headers(key).unwrap_or_default(), r)))
        },
    },
];
