//! Service hours of a period, party members by work unit, and a volunteer's points statement.

use linli_domain::Id;
use linli_sheets::Cell;
use rusqlite::params;

use super::*;
use crate::register::id_text;
use crate::volunteers::opt_date;
use crate::{Result, Store};

impl Store {
    /// Service-hour entries dated `from..=to` in `place`'s community, newest first, each with
    /// whether it counts in the verified total (verified, or reversing a verified entry).
    pub(crate) fn hour_rows(
        &self,
        place: Option<Id>,
        from: Option<&str>,
        to: Option<&str>,
    ) -> Result<Vec<Vec<Cell>>> {
        let community = match place {
            Some(p) => crate::register::community_of(&self.conn, p)?,
            None => None,
        };
        self.hour_rows_of(community, from, to)
    }

    /// [`Store::hour_rows`] of a community (every community when none).
    pub(crate) fn hour_rows_of(
        &self,
        community: Option<Id>,
        from: Option<&str>,
        to: Option<&str>,
    ) -> Result<Vec<Vec<Cell>>> {
        self.hour_rows_of_team(community, from, to, None)
    }

    /// [`Store::hour_rows_of`], with `team` only the entries of that team's activities (its id,
    /// or "" for entries of no team, as `hours_report`'s `by_team` groups them).
    pub(crate) fn hour_rows_of_team(
        &self,
        community: Option<Id>,
        from: Option<&str>,
        to: Option<&str>,
        team: Option<&str>,
    ) -> Result<Vec<Vec<Cell>>> {
        let from = opt_date("from", from)?;
        let to = opt_date("to", to)?;
        let sql = format!(
            "SELECT e.date, coalesce(v.name, '') AS volunteer, e.category, e.minutes, e.note,
                e.reverses IS NOT NULL AS reversal,
                EXISTS (SELECT 1 FROM service_hours r WHERE r.reverses = e.id) AS reversed,
                EXISTS (SELECT 1 FROM hour_verifications hv WHERE hv.entry_id = e.id) AS verified,
                {COUNTS} AS counts,
                (SELECT sum(l.points) FROM ledger l WHERE l.entry_id = e.id AND l.kind = 'earn')
                  AS points,
                EXISTS (SELECT 1 FROM hour_rejections hr WHERE hr.entry_id = e.id) AS rejected
             FROM service_hours e LEFT JOIN volunteers v ON v.id = e.volunteer_id
             WHERE (?1 IS NULL OR e.community_id = ?1)
               AND (?2 IS NULL OR e.date >= ?2) AND (?3 IS NULL OR e.date <= ?3)
               AND (?4 IS NULL OR coalesce((SELECT t.id FROM activities a
                     JOIN teams t ON t.id = a.team_id WHERE a.id = e.activity_id), '') = ?4)
             ORDER BY e.date DESC, e.id DESC",
            COUNTS = crate::volunteers::totals::COUNTS,
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map(params![id_text(community), from, to, team], |r| {
            let minutes: i64 = r.get("minutes")?;
            let (reversal, reversed, verified): (bool, bool, bool) =
                (r.get("reversal")?, r.get("reversed")?, r.get("verified")?);
            let status = if reversal {
                "冲正"
            } else if reversed {
                "已冲正"
            } else if r.get::<_, bool>("rejected")? {
                "已退回"
            } else if verified {
                "已审核"
            } else {
                "待审核"
            };
            Ok(vec![
                r.get::<_, String>("date")?.into(),
                r.get::<_, String>("volunteer")?.into(),
                r.get::<_, String>("category")?.into(),
                Cell::Number(linli_domain::volunteers::minutes_to_hours(minutes)),
                status.into(),
                yes_no(r.get("counts")?),
                r.get::<_, Option<i64>>("points")?.map(Cell::from).into(),
                non_empty(r.get("note")?),
            ])
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Party members' points by work unit, for the community of `place` (every community when
    /// none): the rows of `linli report work-units`, from the same store call.
    pub(crate) fn work_unit_rows(&self, place: Option<Id>) -> Result<Vec<Vec<Cell>>> {
        let community_id = match place {
            Some(p) => crate::register::community_of(&self.conn, p)?,
            None => None,
        };
        Ok(self
            .work_unit_points(&linli_protocol::WorkUnitPointsQuery { community_id })?
            .into_iter()
            .map(|u| {
                vec![
                    u.work_unit.into(),
                    Cell::from(i64::from(u.members)),
                    Cell::Number(u.hours),
                    Cell::from(u.earned),
                    Cell::from(u.balance),
                ]
            })
            .collect())
    }

    /// Writes a volunteer's statement (see [`linli_protocol::ExportStatement`]).
    pub fn export_statement(
        &mut self,
        req: &linli_protocol::ExportStatement,
    ) -> Result<linli_protocol::ExportedList> {
        let st = self.ledger_statement(&linli_protocol::LedgerStatement {
            volunteer_id: req.volunteer_id,
        })?;
        let today = self.now().today();
        let rows: Vec<Vec<Cell>> = st
            .lines
            .iter()
            .map(|l| {
                vec![
                    l.date.clone().into(),
                    l.description.clone().into(),
                    Cell::from(l.points),
                    Cell::from(l.running),
                    match (&l.resolution, l.needs_review) {
                        (Some(r), _) => r.clone().into(),
                        (None, true) => "超支待核查".into(),
                        (None, false) => Cell::Empty,
                    },
                ]
            })
            .collect();
        let title = statement_title(&st, &today);
        let path = std::path::Path::new(&req.path);
        if crate::pdf::is_pdf(&req.path) {
            crate::pdf::write(path, &crate::pdf::statement(&st, &title))?;
            return Ok(linli_protocol::ExportedList {
                path: req.path.clone(),
                rows: rows.len() as u32,
            });
        }
        match req.format {
            linli_protocol::SheetFormat::Xlsx => linli_sheets::write_book_marked(
                path,
                &[linli_sheets::Sheet {
                    name: "积分对账单",
                    title: &title,
                    headers: &STATEMENT_HEADERS,
                    rows: &rows,
                }],
                &self.export_mark(),
            )?,
            linli_protocol::SheetFormat::Csv => {
                linli_sheets::write_csv(path, &STATEMENT_HEADERS, &rows)?
            }
        }
        Ok(linli_protocol::ExportedList {
            path: req.path.clone(),
            rows: rows.len() as u32,
        })
    }
}

/// The lines above a statement: what it is, whose, where, the period, when it was written and
/// the balance with how sure it is.
pub(crate) fn statement_title(st: &linli_protocol::Statement, today: &str) -> Vec<String> {
    let first = st.lines.first().map_or(today, |l| l.date.as_str());
    let sure = if st.balance.certain {
        ""
    } else {
        "（不确定）"
    };
    vec![
        "志愿服务积分对账单".to_owned(),
        format!("志愿者：{}　社区：{}", st.volunteer_name, st.community_name),
        format!("期间：{first} 至 {today}　打印日期：{today}"),
        format!("余额：{} 分{sure}　{}", st.balance.balance, st.balance.note),
    ]
}
