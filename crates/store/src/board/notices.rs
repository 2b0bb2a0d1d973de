//! Notices (通知公告) for a community, a compound or a building: posted, changed, withdrawn, read
//! with where they stand today and the text a worker pastes into the residents' WeChat group.

use linli_domain::board::{self as rules, Audience, NoticeState};
use linli_domain::Id;
use linli_protocol::*;
use rusqlite::{Connection, OptionalExtension};
use serde_json::json;

use super::{coded, place_head, place_name, scope};
use crate::volunteers::check_community;
use crate::write::RowWrite;
use crate::{Error, Result, Store};

const SELECT: &str = "SELECT id, community_id, place_id, title, text, start_date, end_date,
        audience FROM notices WHERE deleted = 0";

fn notice_row(conn: &Connection, r: &rusqlite::Row<'_>, today: &str) -> rusqlite::Result<Notice> {
    let community: Id = r.get("community_id")?;
    let place: Id = r.get("place_id")?;
    let notice = NoticeFields {
        place_id: place,
        title: r.get("title")?,
        text: r.get("text")?,
        start_date: r.get("start_date")?,
        end_date: r.get("end_date")?,
        audience: Audience::read(&r.get::<_, String>("audience")?),
    };
    let community_name = place_name(conn, community);
    Ok(Notice {
        id: r.get("id")?,
        community_id: community,
        state: rules::notice_state(&notice.start_date, &notice.end_date, today),
        wechat_text: rules::wechat_text(
            &community_name,
            &notice.title,
            &notice.start_date,
            &notice.end_date,
            notice.audience,
            &notice.text,
        ),
        place_name: place_name(conn, place),
        community_name,
        notice,
    })
}

pub(super) fn notice(conn: &Connection, id: Id, today: &str) -> Result<Notice> {
    conn.prepare_cached(&format!("{SELECT} AND id = ?1"))?
        .query_row([id.to_string()], |r| notice_row(conn, r, today))
        .optional()?
        .ok_or(Error::NotFound {
            what: "通知",
            id: id.to_string(),
        })
}

/// The community's notices, newest start first.
pub(crate) fn notices_of(conn: &Connection, community: Id, today: &str) -> Result<Vec<Notice>> {
    let mut st = conn.prepare_cached(&format!(
        "{SELECT} AND community_id = ?1 ORDER BY start_date DESC, id DESC"
    ))?;
    let rows = st.query_map([community.to_string()], |r| notice_row(conn, r, today))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

impl Store {
    /// Posts a notice, or changes one (`id`).
    pub fn post_notice(&mut self, req: &PostNotice) -> Result<Notice> {
        check_community(&self.conn, req.community_id)?;
        let n = &req.notice;
        let p = place_head(&self.conn, n.place_id)?;
        let here = n.place_id == req.community_id
            || (p.community == Some(req.community_id)
                && matches!(p.kind.as_str(), "compound" | "building"));
        if !here {
            return Err(coded(
                "place_id",
                linli_domain::msg::BOARD_NOT_IN_COMMUNITY,
                vec![],
            ));
        }
        let title = n.title.trim();
        if title.is_empty() || title.chars().count() > 40 {
            return Err(coded(
                "title",
                linli_domain::msg::BOARD_NOTICE_TITLE,
                vec![],
            ));
        }
        let text = n.text.trim();
        if text.is_empty() || text.chars().count() > 1000 {
            return Err(coded("text", linli_domain::msg::BOARD_NOTICE_TEXT, vec![]));
        }
        if n.audience == Audience::Unknown {
            return Err(coded("audience", linli_domain::msg::UNKNOWN_CHOICE, vec![]));
        }
        let (start, end) = rules::check_notice_dates(&n.start_date, &n.end_date)?;
        if let Some(id) = req.id {
            let c = notice(&self.conn, id, "")?.community_id;
            if c != req.community_id {
                return Err(coded(
                    "community_id",
                    linli_domain::msg::BOARD_NOT_IN_COMMUNITY,
                    vec![],
                ));
            }
        }
        let mut w = self.begin()?;
        let id = match req.id {
            Some(id) => id,
            None => w.id(),
        };
        w.write(RowWrite {
            table: "notices",
            row_id: id,
            fields: vec![
                ("community_id", json!(req.community_id.to_string())),
                ("place_id", json!(n.place_id.to_string())),
                ("title", json!(title)),
                ("text", json!(text)),
                ("start_date", json!(start)),
                ("end_date", json!(end)),
                ("audience", json!(n.audience.code())),
                ("deleted", json!(0)),
            ],
            scope: scope(req.community_id),
        })?;
        w.commit()?;
        notice(&self.conn, id, &self.now().today())
    }

    pub fn withdraw_notice(&mut self, req: &WithdrawNotice) -> Result<()> {
        let c = notice(&self.conn, req.id, "")?.community_id;
        let mut w = self.begin()?;
        w.write(RowWrite {
            table: "notices",
            row_id: req.id,
            fields: vec![("deleted", json!(1))],
            scope: scope(c),
        })?;
        w.commit()?;
        Ok(())
    }

    /// A community's notices, newest first, in a state or a month when asked.
    pub fn list_notices(&mut self, req: &ListNotices) -> Result<Vec<Notice>> {
        check_community(&self.conn, req.community_id)?;
        let today = self.now().today();
        let month = match req.month.as_deref().filter(|m| !m.trim().is_empty()) {
            Some(m) => {
                let m = rules::check_month(m)?;
                linli_domain::calendar::month_bounds(&m)
            }
            None => None,
        };
        Ok(notices_of(&self.conn, req.community_id, &today)?
            .into_iter()
            .filter(|n| {
                req.state
                    .is_none_or(|s| s == n.state || s == NoticeState::Unknown)
            })
            .filter(|n| {
                month.as_ref().is_none_or(|(a, b)| {
                    rules::overlaps(&n.notice.start_date, &n.notice.end_date, a, b)
                })
            })
            .collect())
    }
}
