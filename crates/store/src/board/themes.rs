//! The month's theme (一月一主题): one per community and month, and what it groups — the
//! month's volunteer activities, the notices running in the month, the council topics proposed
//! or put to a meeting in the month, and the stewards' campaign lines — as a list of sections.

use linli_domain::board::{self as rules, SectionKind, ThemeKind};
use linli_domain::{calendar, Id};
use linli_protocol::*;
use rusqlite::{Connection, OptionalExtension};
use serde_json::json;

use super::{building_of, coded, scope};
use crate::field::stable_id;
use crate::volunteers::{check_community, text_field};
use crate::write::RowWrite;
use crate::{Error, Result, Store};

fn theme_id(community: Id, month: &str) -> Id {
    stable_id(&format!("month_themes/{community}/{month}"))
}

pub(super) fn theme_of(
    conn: &Connection,
    community: Id,
    month: &str,
) -> Result<Option<MonthThemeFields>> {
    Ok(conn
        .prepare_cached("SELECT kind, title, text FROM month_themes WHERE id = ?1 AND deleted = 0")?
        .query_row([theme_id(community, month).to_string()], |r| {
            Ok(MonthThemeFields {
                kind: ThemeKind::read(&r.get::<_, String>(0)?),
                title: r.get(1)?,
                text: r.get(2)?,
            })
        })
        .optional()?)
}

/// The community's volunteer activities of `first`..=`last`, by day.
pub(super) fn activities_in(
    conn: &Connection,
    community: Id,
    first: &str,
    last: &str,
) -> Result<Vec<ThemeItem>> {
    let mut st = conn.prepare_cached(
        "SELECT a.id, a.date, a.title, a.place, coalesce(t.name, '') FROM activities a
         LEFT JOIN teams t ON t.id = a.team_id
         WHERE a.community_id = ?1 AND a.deleted = 0 AND substr(a.date, 1, 10) BETWEEN ?2 AND ?3
         ORDER BY a.date, a.id",
    )?;
    let rows = st.query_map(rusqlite::params![community.to_string(), first, last], |r| {
        let place: String = r.get(3)?;
        let team: String = r.get(4)?;
        Ok(ThemeItem {
            id: r.get(0)?,
            date: r.get::<_, String>(1)?.chars().take(10).collect(),
            title: r.get(2)?,
            detail: [team, place]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(" · "),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The community's notices running at some time in `first`..=`last`, by start.
pub(super) fn notices_in(
    conn: &Connection,
    community: Id,
    first: &str,
    last: &str,
) -> Result<Vec<ThemeItem>> {
    let mut st = conn.prepare_cached(
        "SELECT n.id, n.start_date, n.end_date, n.title, coalesce(p.name, '') FROM notices n
         LEFT JOIN places p ON p.id = n.place_id
         WHERE n.community_id = ?1 AND n.deleted = 0 AND n.start_date <= ?3 AND n.end_date >= ?2
         ORDER BY n.start_date, n.id",
    )?;
    let rows = st.query_map(rusqlite::params![community.to_string(), first, last], |r| {
        let end: String = r.get(2)?;
        let place: String = r.get(4)?;
        Ok(ThemeItem {
            id: r.get(0)?,
            date: r.get(1)?,
            title: r.get(3)?,
            detail: format!("{place} · 至{end}"),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The community's campaign lines of `first`..=`last`, by day.
pub(super) fn lines_in(
    conn: &Connection,
    community: Id,
    first: &str,
    last: &str,
) -> Result<Vec<ThemeItem>> {
    let mut st = conn.prepare_cached(
        "SELECT l.id, l.date, l.text, l.by_name, l.building_id FROM campaign_lines l
         WHERE l.community_id = ?1 AND l.deleted = 0 AND l.date BETWEEN ?2 AND ?3
         ORDER BY l.date, l.id",
    )?;
    let rows = st
        .query_map(rusqlite::params![community.to_string(), first, last], |r| {
            Ok((
                r.get::<_, Id>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, Option<Id>>(4)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows
        .into_iter()
        .map(|(id, date, text, by, building)| {
            let place = building
                .and_then(|b| building_of(conn, community, b).ok())
                .unwrap_or_default();
            ThemeItem {
                id,
                date,
                title: text,
                detail: [place, by]
                    .into_iter()
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>()
                    .join(" · "),
            }
        })
        .collect())
}

fn bounds(month: &str) -> Result<(String, String)> {
    calendar::month_bounds(month).ok_or_else(|| {
        coded(
            "month",
            linli_domain::msg::BOARD_BAD_MONTH,
            linli_domain::args![value = month],
        )
    })
}

pub(super) fn month_view(store: &Store, community: Id, month: &str) -> Result<MonthTheme> {
    let conn = &store.conn;
    let (first, last) = bounds(month)?;
    let sections = SectionKind::ALL
        .iter()
        .map(|kind| {
            let items = match kind {
                SectionKind::Activities => activities_in(conn, community, &first, &last)?,
                SectionKind::Notices => notices_in(conn, community, &first, &last)?,
                SectionKind::Topics => store.theme_topics(community, month)?,
                SectionKind::Campaign => lines_in(conn, community, &first, &last)?,
                SectionKind::Unknown => Vec::new(),
            };
            Ok(ThemeSection { kind: *kind, items })
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(MonthTheme {
        community_id: community,
        month: month.to_owned(),
        theme: theme_of(conn, community, month)?,
        sections,
    })
}

impl Store {
    /// Sets a community's theme of a month (one per month: setting it again changes it).
    pub fn set_month_theme(&mut self, req: &SetMonthTheme) -> Result<MonthTheme> {
        check_community(&self.conn, req.community_id)?;
        let month = rules::check_month(&req.month)?;
        let t = &req.theme;
        if t.kind == ThemeKind::Unknown {
            return Err(coded("kind", linli_domain::msg::UNKNOWN_CHOICE, vec![]));
        }
        let title = t.title.trim();
        if title.is_empty() || title.chars().count() > 30 {
            return Err(coded("title", linli_domain::msg::BOARD_THEME_TITLE, vec![]));
        }
        let text = text_field("text", "说明", &t.text, 500, true)?;
        let mut w = self.begin()?;
        w.write(RowWrite {
            table: "month_themes",
            row_id: theme_id(req.community_id, &month),
            fields: vec![
                ("community_id", json!(req.community_id.to_string())),
                ("month", json!(month)),
                ("kind", json!(t.kind.code())),
                ("title", json!(title)),
                ("text", json!(text)),
                ("deleted", json!(0)),
            ],
            scope: scope(req.community_id),
        })?;
        w.commit()?;
        month_view(self, req.community_id, &month)
    }

    pub fn month_theme(&mut self, req: &GetMonthTheme) -> Result<MonthTheme> {
        check_community(&self.conn, req.community_id)?;
        let month = rules::check_month(&req.month)?;
        month_view(self, req.community_id, &month)
    }

    /// The themes of a community's year, with how many records each grouped.
    pub fn list_month_themes(&mut self, req: &ListMonthThemes) -> Result<Vec<MonthThemeLine>> {
        check_community(&self.conn, req.community_id)?;
        let year = match req.year.as_deref().map(str::trim).filter(|y| !y.is_empty()) {
            Some(y) => y.to_owned(),
            None => self.now().today()[..4].to_owned(),
        };
        let mut out = Vec::new();
        for m in 1..=12 {
            let month = format!("{year}-{m:02}");
            let Ok((first, last)) = bounds(&month) else {
                return Err(coded(
                    "year",
                    linli_domain::msg::BOARD_BAD_MONTH,
                    linli_domain::args![value = year],
                ));
            };
            if let Some(theme) = theme_of(&self.conn, req.community_id, &month)? {
                let c = req.community_id;
                out.push(MonthThemeLine {
                    activities: activities_in(&self.conn, c, &first, &last)?.len() as u32,
                    notices: notices_in(&self.conn, c, &first, &last)?.len() as u32,
                    campaign_lines: lines_in(&self.conn, c, &first, &last)?.len() as u32,
                    topics: self.theme_topics(c, &month)?.len() as u32,
                    month,
                    theme,
                });
            }
        }
        Ok(out)
    }

    /// A steward's line under the month's theme: the month of its day needs a theme.
    pub fn add_campaign_line(&mut self, req: &AddCampaignLine) -> Result<MonthTheme> {
        check_community(&self.conn, req.community_id)?;
        building_of(&self.conn, req.community_id, req.building_id)?;
        let now = self.now();
        let today = now.today();
        let date = crate::field::day_or_today(&now, "date", &req.date)?;
        if date > today {
            return Err(coded(
                "date",
                linli_domain::msg::BOARD_IN_FUTURE,
                linli_domain::args![date = date],
            ));
        }
        let month = calendar::month_of(&date).to_owned();
        if theme_of(&self.conn, req.community_id, &month)?.is_none() {
            return Err(coded(
                "date",
                linli_domain::msg::BOARD_NO_THEME,
                linli_domain::args![month = month],
            ));
        }
        let text = req.text.trim();
        if text.is_empty() || text.chars().count() > 200 {
            return Err(coded("text", linli_domain::msg::BOARD_LINE_TEXT, vec![]));
        }
        let by = text_field("by_name", "登记人", &req.by_name, 30, true)?;
        let mut w = self.begin()?;
        let id = w.id();
        w.write(RowWrite {
            table: "campaign_lines",
            row_id: id,
            fields: vec![
                ("community_id", json!(req.community_id.to_string())),
                ("building_id", json!(req.building_id.to_string())),
                ("date", json!(date)),
                ("text", json!(text)),
                ("by_name", json!(by)),
                ("deleted", json!(0)),
            ],
            scope: scope(req.community_id),
        })?;
        w.commit()?;
        month_view(self, req.community_id, &month)
    }

    pub fn remove_campaign_line(&mut self, req: &RemoveCampaignLine) -> Result<MonthTheme> {
        let row: Option<(Id, String)> = self
            .conn
            .prepare_cached(
                "SELECT community_id, date FROM campaign_lines WHERE id = ?1 AND deleted = 0",
            )?
            .query_row([req.id.to_string()], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        let (community, date) = row.ok_or(Error::NotFound {
            what: "楼栋行动",
            id: req.id.to_string(),
        })?;
        let mut w = self.begin()?;
        w.write(RowWrite {
            table: "campaign_lines",
            row_id: req.id,
            fields: vec![("deleted", json!(1))],
            scope: scope(community),
        })?;
        w.commit()?;
        month_view(self, community, calendar::month_of(&date))
    }
}
