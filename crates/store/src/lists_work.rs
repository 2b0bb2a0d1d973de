//! The dated lists for export: visits, requests (五单) and service hours in a period, with
//! Chinese headers. Each is the set of facts behind a figure of the monthly report: the visits
//! that count (as coverage counts them), the tasks raised in the period (as `task_rates` takes
//! them, with its resolved and on-time verdicts), the hour entries with whether they count (as
//! `hours_report` sums them). Phones are masked unless the caller reveals them. And the weekly
//! consultation agenda (周会商) as `weekly_agenda` draws it up, one row per item.

use linli_domain::code::unknown_label_zh;
use linli_domain::field::{TaskCategory, VisitKind, VisitOutcome, ESCALATION_LEVELS};
use linli_domain::{Code, Coded, Id, PlaceKind};
use linli_protocol::{TaskRates, WeeklyAgenda};
use linli_sheets::Cell;
use rusqlite::params;

use crate::field::visits::EFFECTIVE;
use crate::register::households::mask_phone;
use crate::register::{id_text, parse_id};
use crate::volunteers::opt_date;
use crate::{Result, Store};

pub(crate) const VISIT_HEADERS: [&str; 13] = [
    "走访时间",
    "小区",
    "楼栋",
    "单元",
    "门牌号",
    "户主姓名",
    "联系电话",
    "走访人",
    "走访类型",
    "走访结果",
    "计入覆盖",
    "发现情况",
    "需跟进",
];

pub(crate) const TASK_HEADERS: [&str; 14] = [
    "点单时间",
    "类别",
    "标题",
    "地点",
    "状态",
    "承办人",
    "服务队",
    "办理期限",
    "办结时间",
    "已办结",
    "按时办结",
    "逾期",
    "评分",
    "上报级别",
];

pub(crate) const AGENDA_HEADERS: [&str; 12] = [
    "社区",
    "网格",
    "事项类型",
    "时间",
    "地点",
    "内容",
    "类别",
    "状态",
    "承办人",
    "办理期限",
    "逾期",
    "处理层级",
];

pub(crate) const HOUR_HEADERS: [&str; 8] = [
    "日期",
    "志愿者",
    "服务类别",
    "时长（小时）",
    "状态",
    "计入时长",
    "积分",
    "备注",
];

pub(crate) const WORK_UNIT_HEADERS: [&str; 5] = [
    "报到单位",
    "党员人数",
    "服务时长（小时）",
    "获得积分",
    "现有积分",
];

pub(crate) const STATEMENT_HEADERS: [&str; 5] = ["日期", "摘要", "积分", "余额", "核查"];

fn yes_no(b: bool) -> Cell {
    Cell::Text(if b { "是" } else { "否" }.into())
}

/// The Chinese word for a code in a list: a code a newer Linli wrote shows as unknown with the
/// code itself, so the sheet keeps it.
fn label_zh<T: Coded>(code: &Code<T>, label: fn(T) -> &'static str) -> String {
    match code {
        Code::Known(v) => label(*v).to_owned(),
        Code::Unknown(c) => unknown_label_zh(c),
    }
}

fn non_empty(s: Option<String>) -> Cell {
    s.filter(|s| !s.trim().is_empty()).into()
}

/// The earliest day any list can hold, for an open-ended `from`.
const EARLIEST: &str = "1900-01-01";

impl Store {
    /// Visits that count (not corrected by a later one, not voids) dated `from..=to`, of the
    /// households under `place`, newest first.
    pub(crate) fn visit_rows(
        &self,
        place: Option<Id>,
        from: Option<&str>,
        to: Option<&str>,
        reveal: bool,
    ) -> Result<Vec<Vec<Cell>>> {
        self.visit_rows_in(&self.area_of_place(place)?, from, to, reveal)
    }

    /// [`Store::visit_rows`] of the households in an area.
    pub(crate) fn visit_rows_in(
        &self,
        area: &crate::field::Area,
        from: Option<&str>,
        to: Option<&str>,
        reveal: bool,
    ) -> Result<Vec<Vec<Cell>>> {
        let from = opt_date("from", from)?;
        let to = opt_date("to", to)?;
        let sql = format!(
            "SELECT v.at, k.name AS compound, b.name AS building, u.name AS unit, h.room,
                (SELECT r.name FROM residents r WHERE r.household_id = h.id AND r.relation = '户主'
                    AND r.deleted = 0 AND r.moved_out IS NULL LIMIT 1) AS head,
                coalesce(h.phone, (SELECT r.phone FROM residents r WHERE r.household_id = h.id
                    AND r.relation = '户主' AND r.deleted = 0 AND r.moved_out IS NULL LIMIT 1))
                  AS phone,
                pe.name AS visitor, v.kind, v.outcome, v.findings, v.needs_follow_up, h.building_id, h.unit_id
             FROM visits v JOIN households h ON h.id = v.household_id
             LEFT JOIN places b ON b.id = h.building_id
             LEFT JOIN places u ON u.id = h.unit_id
             LEFT JOIN places k ON k.id = b.parent_id
             LEFT JOIN people pe ON pe.id = v.visitor_id
             WHERE {EFFECTIVE} AND (?1 IS NULL OR h.community_id = ?1)
               AND (?2 IS NULL OR substr(v.at, 1, 10) >= ?2)
               AND (?3 IS NULL OR substr(v.at, 1, 10) <= ?3)
             ORDER BY v.at DESC, v.id DESC"
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let now = self.now();
        let rows = stmt.query_map(params![id_text(area.community), from, to], |r| {
            let text = |c: &str| r.get::<_, Option<String>>(c);
            let at = r.get::<_, String>("at")?;
            let kind: Code<VisitKind> = r.get("kind")?;
            let outcome: Code<VisitOutcome> = r.get("outcome")?;
            let phone = text("phone")?.map(|p| if reveal { p } else { mask_phone(&p) });
            let row: Vec<Cell> = vec![
                crate::field::shown_time(&at, &now).into(),
                text("compound")?.into(),
                text("building")?.into(),
                text("unit")?.into(),
                text("room")?.into(),
                text("head")?.into(),
                phone.into(),
                text("visitor")?.into(),
                label_zh(&kind, VisitKind::label_zh).into(),
                label_zh(&outcome, VisitOutcome::label_zh).into(),
                yes_no(VisitOutcome::read(outcome.as_code()).reached()),
                non_empty(text("findings")?),
                yes_no(r.get("needs_follow_up")?),
            ];
            Ok((row, text("building_id")?, text("unit_id")?))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (row, building, unit) = row?;
            if area.holds(parse_id(building)?, parse_id(unit)?) {
                out.push(row);
            }
        }
        Ok(out)
    }

    /// Requests raised `from..=to` under `place` (as [`Store::task_rates`] takes them), oldest
    /// first, with its verdicts: resolved, on time, overdue as of `to`.
    pub(crate) fn task_rows(
        &self,
        place: Option<Id>,
        from: Option<&str>,
        to: Option<&str>,
    ) -> Result<Vec<Vec<Cell>>> {
        self.task_rows_in(&self.area_of_place(place)?, from, to)
    }

    /// [`Store::task_rows`] of the requests in an area.
    pub(crate) fn task_rows_in(
        &self,
        area: &crate::field::Area,
        from: Option<&str>,
        to: Option<&str>,
    ) -> Result<Vec<Vec<Cell>>> {
        let rates = self.task_rates_in(
            area,
            &TaskRates {
                place_id: None,
                from: Some(from.unwrap_or(EARLIEST).to_owned()),
                to: to.map(str::to_owned),
            },
        )?;
        let mut out = Vec::new();
        for id in &rates.raised {
            let t = self.task(*id, Some(&rates.to))?;
            let category = match t.subcategory {
                Some(sub) if t.category == TaskCategory::Snapshot => {
                    format!("{}·{}", t.category.label_zh(), sub.label_zh())
                }
                _ => t.category.label_zh().to_owned(),
            };
            out.push(vec![
                t.raised_at.clone().into(),
                category.into(),
                t.title.clone().into(),
                non_empty(Some(t.where_text.clone())),
                t.status.label_zh().into(),
                t.assignee_name.clone().into(),
                non_empty(t.team.clone()),
                t.due_date.clone().into(),
                t.finished_at.clone().into(),
                yes_no(rates.resolved.contains(id)),
                yes_no(rates.on_time.contains(id)),
                yes_no(rates.overdue.contains(id)),
                t.rating.map(|r| Cell::Number(f64::from(r))).into(),
                Cell::Number(f64::from(t.escalation_level)),
            ]);
        }
        Ok(out)
    }

    /// The weekly agenda as of `day` (today when none) of `place`'s community — of every
    /// community under `place` when it lies above one, of every community when it is none — one
    /// row per open task, then per unreviewed finding, grid by grid as [`Store::weekly_agenda`]
    /// groups them.
    pub(crate) fn agenda_rows(
        &self,
        place: Option<Id>,
        day: Option<&str>,
    ) -> Result<Vec<Vec<Cell>>> {
        let day = opt_date("to", day)?;
        let communities: Vec<Id> = match place {
            Some(p) => match crate::register::community_of(&self.conn, p)? {
                Some(c) => vec![c],
                None => {
                    let area = self.area_of_place(Some(p))?;
                    self.communities()?
                        .into_iter()
                        .filter(|c| area.places.as_ref().is_none_or(|s| s.contains(c)))
                        .collect()
                }
            },
            None => self.communities()?,
        };
        let mut out = Vec::new();
        for c in communities {
            let community = self.place(c)?.name;
            for g in self.weekly_agenda(&WeeklyAgenda {
                community_id: c,
                today: day.clone(),
            })? {
                for t in &g.open_tasks {
                    out.push(vec![
                        community.clone().into(),
                        g.name.clone().into(),
                        "待办诉求".into(),
                        t.raised_at.clone().into(),
                        non_empty(Some(t.where_text.clone())),
                        t.title.clone().into(),
                        t.category.label_zh().into(),
                        t.status.label_zh().into(),
                        non_empty(t.assignee_name.clone().or(t.team.clone())),
                        t.due_date.clone().into(),
                        yes_no(t.overdue),
                        ESCALATION_LEVELS
                            .get(t.escalation_level as usize)
                            .copied()
                            .into(),
                    ]);
                }
                for v in &g.unreviewed {
                    out.push(vec![
                        community.clone().into(),
                        g.name.clone().into(),
                        "待研判走访".into(),
                        v.at.clone().into(),
                        v.address.clone().into(),
                        non_empty(Some(v.findings.clone())),
                        v.kind.label_zh().into(),
                        if v.needs_follow_up {
                            "需跟进"
                        } else {
                            "待研判"
                        }
                        .into(),
                        v.visitor_name.clone().into(),
                        Cell::Empty,
                        Cell::Empty,
                        Cell::Empty,
                    ]);
                }
            }
        }
        Ok(out)
    }

    /// Every community, by name.
    fn communities(&self) -> Result<Vec<Id>> {
        let ids: Vec<String> = self
            .conn
            .prepare_cached(
                "SELECT id FROM places WHERE kind = ?1 AND deleted = 0 ORDER BY name, id",
            )?
            .query_map([PlaceKind::Community.code()], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        ids.iter().map(|s| Ok(s.parse()?)).collect()
    }

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
             ORDER BY e.date DESC, e.id DESC",
            COUNTS = crate::volunteers::totals::COUNTS,
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map(params![id_text(community), from, to], |r| {
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
