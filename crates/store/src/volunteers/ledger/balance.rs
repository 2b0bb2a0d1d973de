//! What the laptop knows of a volunteer's balance — the sum of the ledger facts it holds, less
//! what expired — and how sure it can be, given when it last synced and what it has not pushed.

use linli_domain::{points, Id, Now};
use linli_protocol::{Balance, PointsBalance};
use rusqlite::{params, Connection};

use super::rules::rules_of;
use super::{FRESH_SYNC_MS, REVIEWS};
use crate::volunteers::volunteer_head;
use crate::{Result, Store};

/// Points of `volunteer` that expired by the rules on `today` (see
/// [`linli_domain::points::expired`]): the ledger's facts in date order.
pub(crate) fn expired(
    conn: &Connection,
    volunteer: Id,
    expiry_months: Option<i64>,
    today: &str,
) -> Result<i64> {
    if expiry_months.is_none() {
        return Ok(0);
    }
    let facts: Vec<(String, i64)> = conn
        .prepare_cached(
            "SELECT date, points FROM ledger WHERE volunteer_id = ?1 ORDER BY date, at, id",
        )?
        .query_map([volunteer.to_string()], |r| {
            Ok((r.get("date")?, r.get("points")?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(points::expired(
        facts.iter().map(|(d, p)| (d.as_str(), *p)),
        expiry_months,
        today,
    ))
}

/// What the laptop knows of a volunteer's balance, and how sure it can be.
pub(crate) fn balance_of(conn: &Connection, volunteer: Id, now: &Now) -> Result<Balance> {
    let (now_ms, today) = (now.wall_ms() as i64, now.today());
    let (community, _) = volunteer_head(conn, volunteer)?;
    let total: i64 = conn
        .prepare_cached("SELECT coalesce(sum(points), 0) FROM ledger WHERE volunteer_id = ?1")?
        .query_row([volunteer.to_string()], |r| r.get(0))?;
    // the outbox is the journal of this device past the sequence the server acknowledged
    let sync = crate::replica::status::sync_position(conn)?;
    let pending_here: i64 = conn
        .prepare_cached(
            "SELECT coalesce(sum(l.points), 0) FROM ledger l
             WHERE l.volunteer_id = ?1 AND EXISTS (SELECT 1 FROM journal j
                 WHERE j.tbl = 'ledger' AND j.row_id = l.id AND j.device_id = ?2 AND j.device_seq > ?3)",
        )?
        .query_row(
            params![
                volunteer.to_string(),
                sync.device_id.map(|d| d.to_string()),
                sync.acked_seq
            ],
            |r| r.get(0),
        )?;
    let rules = rules_of(conn, community)?;
    let expired = expired(conn, volunteer, rules.expiry_months, &today)?;
    let open_reviews: u32 = conn
        .prepare_cached(
            &format!("SELECT count(DISTINCT rv.ledger_id) FROM {REVIEWS} rv JOIN ledger l ON l.id = rv.ledger_id
             WHERE l.volunteer_id = ?1
             AND NOT EXISTS (SELECT 1 FROM ledger_resolutions rs WHERE rs.ledger_id = rv.ledger_id)"),
        )?
        .query_row([volunteer.to_string()], |r| r.get(0))?;
    let last_sync = sync.last_success_ms;
    let balance = total - expired;
    let (certain, mut note) = match last_sync {
        None => (
            false,
            format!(
                "这台电脑还没有与服务器同步过：{balance}分只是本机记录的积分，其他站点的服务和兑换都未计入，余额不能确定。"
            ),
        ),
        Some(at) if now_ms - at > FRESH_SYNC_MS => (
            false,
            format!(
                "上次同步在{}前：{balance}分含本机尚未同步的{pending_here}分；其他站点此后的兑换可能未计入，余额不能确定。如兑换超支，同步后服务器会标记为待核查。",
                ago(now_ms - at)
            ),
        ),
        Some(at) => (
            true,
            format!(
                "{}前刚与服务器同步：{balance}分含本机尚未同步的{pending_here}分。",
                ago(now_ms - at)
            ),
        ),
    };
    if expired > 0 {
        note.push_str(&format!("另有{expired}分已过有效期，未计入余额。"));
    }
    if open_reviews > 0 {
        note.push_str(&format!(
            "有{open_reviews}笔记录被服务器标记为超支，待协调员处理。"
        ));
    }
    Ok(Balance {
        volunteer_id: volunteer,
        balance,
        pending_here,
        expired,
        certain: certain && open_reviews == 0,
        note,
        open_reviews,
    })
}

fn ago(ms: i64) -> String {
    let min = ms.max(0) / 60_000;
    if min < 1 {
        "不到1分钟".into()
    } else if min < 60 {
        format!("{min}分钟")
    } else if min < 48 * 60 {
        format!("{}小时", min / 60)
    } else {
        format!("{}天", min / (24 * 60))
    }
}

impl Store {
    pub fn points_balance(&self, req: &PointsBalance) -> Result<Balance> {
        balance_of(&self.conn, req.volunteer_id, &self.now())
    }
}
