//! The points side of the time bank: each community's rules, the ledger (earn, redeem, reverse,
//! adjust), balances and statements derived from it, the catalogue with its stock (a sum of
//! stock moves), redemptions, and the reviews the server's ledger floor asks for.
//!
//! A balance is what this laptop knows: every ledger fact it holds, synced or made here and not
//! yet pushed. Another station may have redeemed meanwhile; the balance says when it cannot be
//! sure, and the server marks an overdrawing fact for review after sync.

use std::collections::BTreeMap;

use linli_domain::volunteers::{points_for, validate_count, ItemKind, LedgerKind};
use linli_domain::{DomainError, Id};
use linli_protocol::{
    AddCatalogueItem, AdjustPoints, Balance, CatalogueItem, GetPointsRules, LedgerStatement,
    ListCatalogue, ListReviews, PointsBalance, PointsRules, Redeem, Redemption, ResolveReview,
    Restock, ReverseLedger, Review, ReviewResolution, SetPointsRules, Statement, StatementLine,
};
use rusqlite::{params, Connection, OptionalExtension};
use serde_json::json;

use super::{check_community, community_scope, text_field, volunteer_head, with_fresh, Stamp};
use crate::register::parse_id;
use crate::write::{RowWrite, Writer};
use crate::{Error, Result, Store};

/// Points per hour when a community has set no rules.
pub const DEFAULT_RATE: i64 = 10;

/// The ledger facts marked as overdrawing: recorded as `ledger_reviews` facts, or kept by the
/// sync engine in `sync_reviews` when a push is answered or a pull carries the server's mark.
const REVIEWS: &str = "(SELECT ledger_id, reason, at FROM ledger_reviews
    UNION SELECT row_id, '服务器标记：这笔记录使积分余额低于零', '' FROM sync_reviews WHERE tbl = 'ledger')";

/// How long after the last successful sync a balance still counts as certain.
pub const FRESH_SYNC_MS: i64 = 10 * 60 * 1000;

// ---- rules ----

pub(crate) fn rules_of(conn: &Connection, community: Id) -> Result<PointsRules> {
    type Row = (String, i64, Option<i64>, Option<i64>, Option<i64>);
    let row: Option<Row> = conn
        .prepare_cached(
            "SELECT rates, default_rate, entry_cap, month_cap, expiry_months FROM points_rules
             WHERE id = ?1 AND deleted = 0",
        )?
        .query_row([community.to_string()], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })
        .optional()?;
    let (rates, default_rate, entry_cap, month_cap, expiry_months) =
        row.unwrap_or_else(|| ("{}".into(), DEFAULT_RATE, None, None, None));
    let mut rules = PointsRules {
        community_id: community,
        rates: serde_json::from_str(&rates).unwrap_or_default(),
        default_rate,
        entry_cap,
        month_cap,
        expiry_months,
        description: String::new(),
    };
    rules.description = describe(&rules);
    Ok(rules)
}

/// The rules in plain words.
pub fn describe(r: &PointsRules) -> String {
    let mut s = format!("每服务1小时记{}分", r.default_rate);
    if !r.rates.is_empty() {
        let parts: Vec<String> = r
            .rates
            .iter()
            .map(|(c, p)| format!("{c}每小时{p}分"))
            .collect();
        s.push_str(&format!("，其中{}", parts.join("、")));
    }
    s.push('。');
    if let Some(c) = r.entry_cap {
        s.push_str(&format!("一次服务最多记{c}分。"));
    }
    if let Some(c) = r.month_cap {
        s.push_str(&format!("每人每月最多记{c}分。"));
    }
    match r.expiry_months {
        Some(m) => s.push_str(&format!("积分自服务之日起{m}个月内有效，先得的先用。")),
        None => s.push_str("积分长期有效。"),
    }
    s.push_str("服务时长经协调员审核后才记分。");
    s
}

/// Points an entry earns by the rules, after the per-entry and per-month caps.
pub(crate) fn points_earned(
    conn: &Connection,
    community: Id,
    volunteer: Id,
    category: &str,
    date: &str,
    minutes: i64,
) -> Result<i64> {
    let rules = rules_of(conn, community)?;
    let rate = rules
        .rates
        .get(category)
        .copied()
        .unwrap_or(rules.default_rate);
    let mut points = points_for(minutes, rate).max(0);
    if let Some(cap) = rules.entry_cap {
        points = points.min(cap.max(0));
    }
    if let Some(cap) = rules.month_cap {
        let month = date.get(..7).unwrap_or(date);
        let earned: i64 = conn
            .prepare_cached(
                "SELECT coalesce(sum(points), 0) FROM ledger WHERE volunteer_id = ?1
                 AND entry_id IS NOT NULL AND substr(date, 1, 7) = ?2",
            )?
            .query_row(params![volunteer.to_string(), month], |r| r.get(0))?;
        points = points.min((cap - earned).max(0));
    }
    Ok(points)
}

fn check_rules(req: &SetPointsRules) -> Result<()> {
    let bad = |field: &'static str, m: &str| -> Result<()> {
        Err(DomainError::invalid(field, m.to_owned()).into())
    };
    if !(0..=1000).contains(&req.default_rate) {
        return bad("default_rate", "每小时积分应在0到1000之间");
    }
    for (c, p) in &req.rates {
        linli_domain::volunteers::validate_category(c)?;
        if !(0..=1000).contains(p) {
            return bad("rates", "每小时积分应在0到1000之间");
        }
    }
    if req.entry_cap.is_some_and(|c| c < 1) || req.month_cap.is_some_and(|c| c < 1) {
        return bad("entry_cap", "积分上限至少为1分；不设上限请留空");
    }
    if req.expiry_months.is_some_and(|m| !(1..=120).contains(&m)) {
        return bad("expiry_months", "有效期应在1到120个月之间；长期有效请留空");
    }
    Ok(())
}

pub(crate) fn write_rules(w: &mut Writer<'_>, req: &SetPointsRules) -> Result<()> {
    w.write(RowWrite {
        table: "points_rules",
        row_id: req.community_id,
        fields: vec![
            ("community_id", json!(req.community_id.to_string())),
            ("rates", json!(serde_json::to_string(&req.rates)?)),
            ("default_rate", json!(req.default_rate)),
            ("entry_cap", json!(req.entry_cap)),
            ("month_cap", json!(req.month_cap)),
            ("expiry_months", json!(req.expiry_months)),
            ("deleted", json!(false)),
        ],
        scope: community_scope(req.community_id),
    })?;
    Ok(())
}

// ---- ledger facts ----

/// A ledger fact as written.
pub(crate) struct NewLedger<'a> {
    pub volunteer: Id,
    pub community: Id,
    pub kind: LedgerKind,
    pub points: i64,
    pub date: &'a str,
    pub entry: Option<Id>,
    pub item: Option<Id>,
    pub quantity: Option<i64>,
    pub reverses: Option<Id>,
    pub note: &'a str,
}

pub(crate) fn insert_ledger(
    w: &mut Writer<'_>,
    s: &mut Stamp<'_>,
    l: &NewLedger<'_>,
) -> Result<Id> {
    let id = s.id();
    w.insert_fact(RowWrite {
        table: "ledger",
        row_id: id,
        fields: vec![
            ("volunteer_id", json!(l.volunteer.to_string())),
            ("community_id", json!(l.community.to_string())),
            ("kind", json!(l.kind.code())),
            ("points", json!(l.points)),
            ("date", json!(l.date)),
            ("entry_id", json!(l.entry.map(|e| e.to_string()))),
            ("item_id", json!(l.item.map(|e| e.to_string()))),
            ("quantity", json!(l.quantity)),
            ("reverses", json!(l.reverses.map(|e| e.to_string()))),
            ("note", json!(l.note)),
            ("at", json!(s.at)),
        ],
        scope: community_scope(l.community),
    })?;
    Ok(id)
}

fn stock_move(
    w: &mut Writer<'_>,
    s: &mut Stamp<'_>,
    community: Id,
    item: Id,
    delta: i64,
    ledger: Option<Id>,
) -> Result<()> {
    let id = s.id();
    w.insert_fact(RowWrite {
        table: "stock_moves",
        row_id: id,
        fields: vec![
            ("item_id", json!(item.to_string())),
            ("delta", json!(delta)),
            ("ledger_id", json!(ledger.map(|l| l.to_string()))),
            ("at", json!(s.at)),
        ],
        scope: community_scope(community),
    })?;
    Ok(())
}

struct Fact {
    volunteer: Id,
    community: Id,
    kind: LedgerKind,
    points: i64,
    entry: Option<Id>,
    item: Option<Id>,
    quantity: Option<i64>,
}

fn fact(conn: &Connection, id: Id) -> Result<Fact> {
    type Row = (
        String,
        Option<String>,
        String,
        i64,
        Option<String>,
        Option<String>,
        Option<i64>,
    );
    let row: Option<Row> = conn
        .prepare_cached(
            "SELECT volunteer_id, community_id, kind, points, entry_id, item_id, quantity
             FROM ledger WHERE id = ?1",
        )?
        .query_row([id.to_string()], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
            ))
        })
        .optional()?;
    let (v, c, kind, points, entry, item, quantity) = row.ok_or(Error::NotFound {
        what: "积分记录",
        id: id.to_string(),
    })?;
    let volunteer: Id = v.parse()?;
    let community = match parse_id(c)? {
        Some(c) => c,
        None => volunteer_head(conn, volunteer)?.0,
    };
    Ok(Fact {
        volunteer,
        community,
        kind: LedgerKind::from_code(&kind).unwrap_or(LedgerKind::Adjust),
        points,
        entry: parse_id(entry)?,
        item: parse_id(item)?,
        quantity,
    })
}

/// Writes the reversal of a ledger fact (a redemption's goods go back into stock). A reversal
/// cannot be reversed, nor a fact twice.
pub(crate) fn reverse_fact(
    w: &mut Writer<'_>,
    s: &mut Stamp<'_>,
    id: Id,
    reason: &str,
    date: Option<&str>,
) -> Result<Id> {
    let f = fact(w.tx(), id)?;
    if f.kind == LedgerKind::Reverse {
        return Err(DomainError::invalid("ledger_id", "这是一笔冲正记录，不能再冲正").into());
    }
    let done: Option<String> = w
        .tx()
        .prepare_cached("SELECT id FROM ledger WHERE reverses = ?1 LIMIT 1")?
        .query_row([id.to_string()], |r| r.get(0))
        .optional()?;
    if done.is_some() {
        return Err(Error::Conflict {
            message: "这笔积分记录已经冲正过".into(),
        });
    }
    let today = s.today.clone();
    let rid = insert_ledger(
        w,
        s,
        &NewLedger {
            volunteer: f.volunteer,
            community: f.community,
            kind: LedgerKind::Reverse,
            points: -f.points,
            date: date.unwrap_or(&today),
            entry: f.entry,
            item: f.item,
            quantity: f.quantity,
            reverses: Some(id),
            note: reason,
        },
    )?;
    if let (LedgerKind::Redeem, Some(item), Some(q)) = (f.kind, f.item, f.quantity) {
        if item_kind(w.tx(), item)? == ItemKind::Goods {
            stock_move(w, s, f.community, item, q, Some(rid))?;
        }
    }
    Ok(rid)
}

// ---- balances ----

fn meta_i64(conn: &Connection, key: &str) -> Result<Option<i64>> {
    let v: Option<String> = conn
        .prepare_cached("SELECT value FROM meta WHERE key = ?1")?
        .query_row([key], |r| r.get(0))
        .optional()?;
    Ok(v.and_then(|s| s.parse().ok()))
}

/// The date `months` months before `today` ("YYYY-MM-DD"), the day clamped to 28.
fn months_before(today: &str, months: i64) -> String {
    let y: i64 = today.get(..4).and_then(|s| s.parse().ok()).unwrap_or(2000);
    let m: i64 = today.get(5..7).and_then(|s| s.parse().ok()).unwrap_or(1);
    let d: i64 = today.get(8..10).and_then(|s| s.parse().ok()).unwrap_or(1);
    let total = y * 12 + (m - 1) - months;
    format!(
        "{:04}-{:02}-{:02}",
        total.div_euclid(12),
        total.rem_euclid(12) + 1,
        d.min(28)
    )
}

/// Points that expired by the rules. The facts are walked in date order: each credit is a lot
/// dated by its fact; a debit uses the oldest lots still valid on its date (first earned, first
/// used); a lot past `expiry_months` on a later fact's date, or today, expires with what is left
/// of it. A debit no lot covers is a debt that later credits pay first. So `sum of the facts =
/// balance + expired` always, and with no expiry nothing expires.
pub(crate) fn expired(
    conn: &Connection,
    volunteer: Id,
    expiry_months: Option<i64>,
    today: &str,
) -> Result<i64> {
    let Some(months) = expiry_months else {
        return Ok(0);
    };
    let facts: Vec<(String, i64)> = conn
        .prepare_cached(
            "SELECT date, points FROM ledger WHERE volunteer_id = ?1 ORDER BY date, at, id",
        )?
        .query_map([volunteer.to_string()], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut lots: std::collections::VecDeque<(String, i64)> = Default::default();
    let (mut expired, mut debt) = (0i64, 0i64);
    let expire =
        |lots: &mut std::collections::VecDeque<(String, i64)>, on: &str, expired: &mut i64| {
            let cutoff = months_before(on, months);
            while lots
                .front()
                .is_some_and(|(d, _)| d.as_str() < cutoff.as_str())
            {
                if let Some((_, left)) = lots.pop_front() {
                    *expired += left;
                }
            }
        };
    for (date, points) in facts {
        expire(&mut lots, &date, &mut expired);
        if points > 0 {
            let paid = points.min(debt);
            debt -= paid;
            if points > paid {
                lots.push_back((date, points - paid));
            }
        } else {
            let mut need = -points;
            while need > 0 {
                let Some(front) = lots.front_mut() else { break };
                let used = front.1.min(need);
                front.1 -= used;
                need -= used;
                if front.1 == 0 {
                    lots.pop_front();
                }
            }
            debt += need;
        }
    }
    expire(&mut lots, today, &mut expired);
    Ok(expired)
}

/// What the laptop knows of a volunteer's balance, and how sure it can be.
pub(crate) fn balance_at(
    conn: &Connection,
    volunteer: Id,
    now_ms: i64,
    today: &str,
) -> Result<Balance> {
    let (community, _) = volunteer_head(conn, volunteer)?;
    let total: i64 = conn
        .prepare_cached("SELECT coalesce(sum(points), 0) FROM ledger WHERE volunteer_id = ?1")?
        .query_row([volunteer.to_string()], |r| r.get(0))?;
    // the outbox is the journal of this device past the sequence the server acknowledged
    // (meta.sync_acked_seq, kept by the sync engine; 0 before the first sync)
    let acked = meta_i64(conn, "sync_acked_seq")?.unwrap_or(0);
    let device: Option<String> = conn
        .prepare_cached("SELECT value FROM meta WHERE key = 'device_id'")?
        .query_row([], |r| r.get(0))
        .optional()?;
    let pending_here: i64 = conn
        .prepare_cached(
            "SELECT coalesce(sum(l.points), 0) FROM ledger l
             WHERE l.volunteer_id = ?1 AND EXISTS (SELECT 1 FROM journal j
                 WHERE j.tbl = 'ledger' AND j.row_id = l.id AND j.device_id = ?2 AND j.device_seq > ?3)",
        )?
        .query_row(params![volunteer.to_string(), device, acked], |r| r.get(0))?;
    let rules = rules_of(conn, community)?;
    let expired = expired(conn, volunteer, rules.expiry_months, today)?;
    let open_reviews: u32 = conn
        .prepare_cached(
            &format!("SELECT count(DISTINCT rv.ledger_id) FROM {REVIEWS} rv JOIN ledger l ON l.id = rv.ledger_id
             WHERE l.volunteer_id = ?1
             AND NOT EXISTS (SELECT 1 FROM ledger_resolutions rs WHERE rs.ledger_id = rv.ledger_id)"),
        )?
        .query_row([volunteer.to_string()], |r| r.get(0))?;
    let last_sync = meta_i64(conn, "sync_last_success_ms")?;
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

pub(crate) fn balance_of(conn: &Connection, volunteer: Id) -> Result<Balance> {
    balance_at(
        conn,
        volunteer,
        crate::write::now_ms() as i64,
        &super::today(),
    )
}

// ---- catalogue ----

fn item_kind(conn: &Connection, item: Id) -> Result<ItemKind> {
    Ok(catalogue_item(conn, item)?.kind)
}

pub(crate) fn catalogue_item(conn: &Connection, id: Id) -> Result<CatalogueItem> {
    type Row = (String, String, String, i64, String, i64);
    let row: Option<Row> = conn
        .prepare_cached(
            "SELECT community_id, kind, name, cost, unit,
                    (SELECT coalesce(sum(delta), 0) FROM stock_moves m WHERE m.item_id = c.id)
             FROM catalogue_items c WHERE id = ?1 AND deleted = 0",
        )?
        .query_row([id.to_string()], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
            ))
        })
        .optional()?;
    let (community, kind, name, cost, unit, stock) = row.ok_or(Error::NotFound {
        what: "兑换物品",
        id: id.to_string(),
    })?;
    let kind = ItemKind::from_code(&kind).unwrap_or_default();
    Ok(CatalogueItem {
        id,
        community_id: community.parse()?,
        kind,
        name,
        cost,
        unit,
        stock: (kind == ItemKind::Goods).then_some(stock),
    })
}

#[allow(clippy::too_many_arguments)]
pub(crate) fn insert_item(
    w: &mut Writer<'_>,
    s: &mut Stamp<'_>,
    id: Id,
    community: Id,
    kind: ItemKind,
    name: &str,
    cost: i64,
    unit: &str,
    stock: i64,
) -> Result<()> {
    w.write(RowWrite {
        table: "catalogue_items",
        row_id: id,
        fields: vec![
            ("community_id", json!(community.to_string())),
            ("kind", json!(kind.code())),
            ("name", json!(name)),
            ("cost", json!(cost)),
            ("unit", json!(unit)),
            ("deleted", json!(false)),
        ],
        scope: community_scope(community),
    })?;
    if stock > 0 && kind == ItemKind::Goods {
        stock_move(w, s, community, id, stock, None)?;
    }
    Ok(())
}

/// Redeems `quantity` of `item` for a volunteer: refuses when the stock or the balance the
/// laptop knows is short, so a redemption never overdraws here without saying so.
pub(crate) fn redeem_in(
    w: &mut Writer<'_>,
    s: &mut Stamp<'_>,
    volunteer: Id,
    item_id: Id,
    quantity: i64,
    now_ms: i64,
) -> Result<(Id, i64)> {
    let quantity = validate_count("quantity", quantity, 100)?;
    let (community, name) = volunteer_head(w.tx(), volunteer)?;
    let item = catalogue_item(w.tx(), item_id)?;
    if item.community_id != community {
        return Err(DomainError::invalid("item_id", "这件物品不在本社区的兑换目录里").into());
    }
    if let Some(stock) = item.stock {
        if stock < quantity {
            return Err(Error::Conflict {
                message: format!(
                    "库存不足：{}只剩{stock}{}，不能兑换{quantity}{}",
                    item.name, item.unit, item.unit
                ),
            });
        }
    }
    let cost = item.cost * quantity;
    let today = s.today.clone();
    let b = balance_at(w.tx(), volunteer, now_ms, &today)?;
    if b.balance < cost {
        return Err(Error::Conflict {
            message: format!(
                "积分不足：{name}现有{}分（本机所知），兑换{}×{quantity}需要{cost}分。",
                b.balance, item.name
            ),
        });
    }
    let note = format!("{} ×{quantity}", item.name);
    let id = insert_ledger(
        w,
        s,
        &NewLedger {
            volunteer,
            community,
            kind: LedgerKind::Redeem,
            points: -cost,
            date: &today,
            entry: None,
            item: Some(item_id),
            quantity: Some(quantity),
            reverses: None,
            note: &note,
        },
    )?;
    if item.kind == ItemKind::Goods {
        stock_move(w, s, community, item_id, -quantity, Some(id))?;
    }
    Ok((id, cost))
}

// ---- statements and reviews ----

pub(crate) fn statement_lines(conn: &Connection, volunteer: Id) -> Result<Vec<StatementLine>> {
    type Row = (
        String,
        String,
        String,
        i64,
        Option<String>,
        String,
        bool,
        Option<String>,
    );
    let rows: Vec<Row> = conn
        .prepare_cached(&format!(
            "SELECT l.id, l.date, l.kind, l.points, l.reverses, l.note,
                    EXISTS (SELECT 1 FROM {REVIEWS} rv WHERE rv.ledger_id = l.id),
                    (SELECT rs.resolution FROM ledger_resolutions rs WHERE rs.ledger_id = l.id
                     ORDER BY rs.at DESC, rs.id DESC LIMIT 1)
             FROM ledger l WHERE l.volunteer_id = ?1 ORDER BY l.date, l.at, l.id"
        ))?
        .query_map([volunteer.to_string()], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
                r.get(7)?,
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut running = 0;
    rows.into_iter()
        .map(
            |(id, date, kind, points, reverses, note, reviewed, resolution)| {
                running += points;
                let kind = LedgerKind::from_code(&kind).unwrap_or(LedgerKind::Adjust);
                let description = match kind {
                    LedgerKind::Earn => format!("{}：{note}", kind.label_zh()),
                    _ if note.is_empty() => kind.label_zh().to_owned(),
                    _ => format!("{}：{note}", kind.label_zh()),
                };
                Ok(StatementLine {
                    id: id.parse()?,
                    date,
                    kind,
                    points,
                    running,
                    description,
                    reverses: parse_id(reverses)?,
                    needs_review: reviewed && resolution.is_none(),
                    resolution: resolution.map(|r| match r.as_str() {
                        "accepted" => "已核查，兑换保留".to_owned(),
                        "reversed" => "已核查并冲正".to_owned(),
                        other => other.to_owned(),
                    }),
                })
            },
        )
        .collect()
}

/// Records the server's mark that a ledger fact overdrew its volunteer's balance. Called when
/// sync pulls the mark; the row's id is the fact's, so a mark recorded twice is one row.
pub(crate) fn insert_review(
    w: &mut Writer<'_>,
    ledger_id: Id,
    reason: &str,
    at: &str,
) -> Result<()> {
    let f = fact(w.tx(), ledger_id)?;
    let exists: Option<i64> = w
        .tx()
        .prepare_cached("SELECT 1 FROM ledger_reviews WHERE id = ?1")?
        .query_row([ledger_id.to_string()], |r| r.get(0))
        .optional()?;
    if exists.is_some() {
        return Ok(());
    }
    w.insert_fact(RowWrite {
        table: "ledger_reviews",
        row_id: ledger_id,
        fields: vec![
            ("ledger_id", json!(ledger_id.to_string())),
            ("reason", json!(reason)),
            ("at", json!(at)),
        ],
        scope: community_scope(f.community),
    })?;
    Ok(())
}

impl Store {
    pub fn set_points_rules(&mut self, req: &SetPointsRules) -> Result<PointsRules> {
        check_community(&self.conn, req.community_id)?;
        check_rules(req)?;
        let mut w = self.begin()?;
        write_rules(&mut w, req)?;
        w.commit()?;
        rules_of(&self.conn, req.community_id)
    }

    pub fn get_points_rules(&self, req: &GetPointsRules) -> Result<PointsRules> {
        check_community(&self.conn, req.community_id)?;
        rules_of(&self.conn, req.community_id)
    }

    pub fn points_balance(&self, req: &PointsBalance) -> Result<Balance> {
        balance_of(&self.conn, req.volunteer_id)
    }

    pub fn ledger_statement(&self, req: &LedgerStatement) -> Result<Statement> {
        let (community, name) = volunteer_head(&self.conn, req.volunteer_id)?;
        let community_name = self.place(community).map(|p| p.name).unwrap_or_default();
        Ok(Statement {
            volunteer_id: req.volunteer_id,
            volunteer_name: name,
            community_name,
            lines: statement_lines(&self.conn, req.volunteer_id)?,
            balance: balance_of(&self.conn, req.volunteer_id)?,
            hours: super::hours::verified_hours_of(&self.conn, req.volunteer_id)?,
        })
    }

    pub fn add_catalogue_item(&mut self, req: &AddCatalogueItem) -> Result<CatalogueItem> {
        check_community(&self.conn, req.community_id)?;
        let name = text_field("name", "物品名称", &req.name, 30, false)?;
        let unit = text_field("unit", "单位", &req.unit, 6, true)?;
        let cost = validate_count("cost", req.cost, 100_000)?;
        if req.stock < 0 {
            return Err(DomainError::invalid("stock", "库存不能为负数").into());
        }
        let id = Id::new();
        let mut w = self.begin()?;
        with_fresh(|s| {
            insert_item(
                &mut w,
                s,
                id,
                req.community_id,
                req.kind,
                &name,
                cost,
                &unit,
                req.stock,
            )
        })?;
        w.commit()?;
        catalogue_item(&self.conn, id)
    }

    pub fn restock(&mut self, req: &Restock) -> Result<CatalogueItem> {
        let item = catalogue_item(&self.conn, req.item_id)?;
        if item.kind != ItemKind::Goods {
            return Err(DomainError::invalid("item_id", "儿童课时不计库存，无需入库").into());
        }
        let q = validate_count("quantity", req.quantity, 100_000)?;
        let mut w = self.begin()?;
        with_fresh(|s| stock_move(&mut w, s, item.community_id, item.id, q, None))?;
        w.commit()?;
        catalogue_item(&self.conn, req.item_id)
    }

    pub fn list_catalogue(&self, req: &ListCatalogue) -> Result<Vec<CatalogueItem>> {
        let ids: Vec<String> = self
            .conn
            .prepare_cached(
                "SELECT id FROM catalogue_items WHERE community_id = ?1 AND deleted = 0
                 ORDER BY kind, cost, name",
            )?
            .query_map([req.community_id.to_string()], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        ids.iter()
            .map(|id| catalogue_item(&self.conn, id.parse()?))
            .collect()
    }

    pub fn redeem(&mut self, req: &Redeem) -> Result<Redemption> {
        let now = crate::write::now_ms() as i64;
        let mut w = self.begin()?;
        let (id, cost) =
            with_fresh(|s| redeem_in(&mut w, s, req.volunteer_id, req.item_id, req.quantity, now))?;
        w.commit()?;
        Ok(Redemption {
            ledger_id: id,
            points: cost,
            item: catalogue_item(&self.conn, req.item_id)?,
            balance: balance_of(&self.conn, req.volunteer_id)?,
        })
    }

    pub fn adjust_points(&mut self, req: &AdjustPoints) -> Result<Balance> {
        let (community, name) = volunteer_head(&self.conn, req.volunteer_id)?;
        let reason = text_field("reason", "调整原因", &req.reason, 200, false)?;
        if req.points == 0 || req.points.abs() > 100_000 {
            return Err(
                DomainError::invalid("points", "调整的积分应为非零整数，最多十万分").into(),
            );
        }
        let b = balance_of(&self.conn, req.volunteer_id)?;
        if b.balance + req.points < 0 {
            return Err(Error::Conflict {
                message: format!(
                    "{name}现有{}分（本机所知），扣减{}分后将为负数，不能调整",
                    b.balance, -req.points
                ),
            });
        }
        let mut w = self.begin()?;
        with_fresh(|s| {
            let today = s.today.clone();
            insert_ledger(
                &mut w,
                s,
                &NewLedger {
                    volunteer: req.volunteer_id,
                    community,
                    kind: LedgerKind::Adjust,
                    points: req.points,
                    date: &today,
                    entry: None,
                    item: None,
                    quantity: None,
                    reverses: None,
                    note: &reason,
                },
            )
        })?;
        w.commit()?;
        balance_of(&self.conn, req.volunteer_id)
    }

    pub fn reverse_ledger(&mut self, req: &ReverseLedger) -> Result<Balance> {
        let reason = text_field("reason", "冲正原因", &req.reason, 200, false)?;
        let f = fact(&self.conn, req.ledger_id)?;
        if f.kind == LedgerKind::Earn {
            return Err(DomainError::invalid(
                "ledger_id",
                "服务积分请通过冲正对应的服务时长记录来更正",
            )
            .into());
        }
        let mut w = self.begin()?;
        with_fresh(|s| reverse_fact(&mut w, s, req.ledger_id, &reason, None))?;
        w.commit()?;
        balance_of(&self.conn, f.volunteer)
    }

    /// Records the server's review mark on a ledger fact (the sync engine calls this on pull).
    pub fn record_ledger_review(&mut self, ledger_id: Id, reason: &str) -> Result<()> {
        let mut w = self.begin()?;
        insert_review(&mut w, ledger_id, reason, &super::now_text())?;
        w.commit()
    }

    pub fn resolve_review(&mut self, req: &ResolveReview) -> Result<Balance> {
        let f = fact(&self.conn, req.ledger_id)?;
        let marked: Option<i64> = self
            .conn
            .prepare_cached(&format!(
                "SELECT 1 FROM {REVIEWS} rv WHERE rv.ledger_id = ?1"
            ))?
            .query_row([req.ledger_id.to_string()], |r| r.get(0))
            .optional()?;
        if marked.is_none() {
            return Err(DomainError::invalid("ledger_id", "这笔记录没有被标记为待核查").into());
        }
        let done: Option<i64> = self
            .conn
            .prepare_cached("SELECT 1 FROM ledger_resolutions WHERE ledger_id = ?1")?
            .query_row([req.ledger_id.to_string()], |r| r.get(0))
            .optional()?;
        if done.is_some() {
            return Err(Error::Conflict {
                message: "这笔记录已经核查处理过".into(),
            });
        }
        let note = text_field("note", "说明", &req.note, 200, true)?;
        let mut w = self.begin()?;
        with_fresh(|s| {
            let (resolution, reversal) = match req.resolution {
                ReviewResolution::Accept => ("accepted", None),
                ReviewResolution::Reverse => {
                    let reason = if note.is_empty() {
                        "超支核查后冲正"
                    } else {
                        &note
                    };
                    (
                        "reversed",
                        Some(reverse_fact(&mut w, s, req.ledger_id, reason, None)?),
                    )
                }
            };
            let id = s.id();
            w.insert_fact(RowWrite {
                table: "ledger_resolutions",
                row_id: id,
                fields: vec![
                    ("ledger_id", json!(req.ledger_id.to_string())),
                    ("resolution", json!(resolution)),
                    ("reversal_id", json!(reversal.map(|r| r.to_string()))),
                    ("note", json!(note)),
                    ("at", json!(s.at)),
                ],
                scope: community_scope(f.community),
            })?;
            Ok::<_, Error>(())
        })?;
        w.commit()?;
        balance_of(&self.conn, f.volunteer)
    }

    pub fn list_reviews(&self, req: &ListReviews) -> Result<Vec<Review>> {
        type Row = (String, String, String, String);
        let rows: Vec<Row> = self
            .conn
            .prepare_cached(
                &format!("SELECT rv.ledger_id, l.volunteer_id, coalesce(v.name, ''), max(rv.reason)
                 FROM {REVIEWS} rv JOIN ledger l ON l.id = rv.ledger_id
                 LEFT JOIN volunteers v ON v.id = l.volunteer_id
                 WHERE (?1 IS NULL OR l.community_id = ?1)
                 AND NOT EXISTS (SELECT 1 FROM ledger_resolutions rs WHERE rs.ledger_id = rv.ledger_id)
                 GROUP BY rv.ledger_id ORDER BY l.date, l.at, l.id"),
            )?
            .query_map([req.community_id.map(|c| c.to_string())], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut by_volunteer: BTreeMap<Id, Vec<StatementLine>> = BTreeMap::new();
        rows.into_iter()
            .map(|(lid, vid, name, reason)| {
                let (lid, vid): (Id, Id) = (lid.parse()?, vid.parse()?);
                if let std::collections::btree_map::Entry::Vacant(e) = by_volunteer.entry(vid) {
                    e.insert(statement_lines(&self.conn, vid)?);
                }
                let line = by_volunteer[&vid]
                    .iter()
                    .find(|l| l.id == lid)
                    .cloned()
                    .ok_or(Error::NotFound {
                        what: "积分记录",
                        id: lid.to_string(),
                    })?;
                Ok(Review {
                    ledger_id: lid,
                    volunteer_id: vid,
                    volunteer_name: name,
                    line,
                    reason,
                })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_before_wraps_years() {
        assert_eq!(months_before("2026-03-31", 12), "2025-03-28");
        assert_eq!(months_before("2026-01-15", 1), "2025-12-15");
        assert_eq!(months_before("2026-01-15", 25), "2023-12-15");
    }

    #[test]
    fn rules_read_as_plain_words() {
        let r = PointsRules {
            community_id: Id::new(),
            rates: [("护学".to_owned(), 15)].into(),
            default_rate: 10,
            entry_cap: Some(40),
            month_cap: None,
            expiry_months: Some(24),
            description: String::new(),
        };
        assert_eq!(
            describe(&r),
            "每服务1小时记10分，其中护学每小时15分。一次服务最多记40分。积分自服务之日起24个月内有效，先得的先用。服务时长经协调员审核后才记分。"
        );
    }
}
