//! The council lists as sheets (`export_list`'s 议事议题, 居民联络点, 议事会议, 居民建议), for a
//! place's communities (every one when none) and a period: what the 议事 page lists, one row
//! each. Who proposed or suggested is withheld on a steward's or coordinator's laptop.

use linli_domain::Id;
use linli_protocol::ListKind;
use linli_sheets::Cell;

use super::figures::RECORD_HEADERS;
use super::meetings::meeting_row;
use super::suggestions::{suggestion_row, suggestion_view};
use super::{communities, place_name};
use crate::{Result, Store};

fn ids(store: &Store, table: &str, community: Id) -> Result<Vec<Id>> {
    let sql = format!("SELECT id FROM {table} WHERE community_id = ?1 AND deleted = 0 ORDER BY id");
    Ok(store
        .conn
        .prepare_cached(&sql)?
        .query_map([community.to_string()], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?)
}

fn headers(kind: &str, extra: &[&'static str]) -> Vec<&'static str> {
    let mut h: Vec<&'static str> = RECORD_HEADERS
        .iter()
        .find(|(k, _)| *k == kind)
        .map(|(_, h)| h.to_vec())
        .unwrap_or_default();
    h.extend_from_slice(extra);
    h
}

fn text(s: impl Into<String>) -> Cell {
    Cell::Text(s.into())
}

/// A sheet: its name, headers and rows.
pub(crate) type Sheet = (&'static str, Vec<&'static str>, Vec<Vec<Cell>>);

/// A council list: its sheet's name, headers and rows.
pub(crate) fn council_list(
    store: &Store,
    kind: ListKind,
    place: Option<Id>,
    from: Option<&str>,
    to: Option<&str>,
) -> Result<Sheet> {
    let today = store.now().today();
    let within = |d: &str| from.is_none_or(|f| d >= f) && to.is_none_or(|t| d <= t);
    let withheld = store.council_withheld()?;
    let hidden = |s: String| {
        if withheld {
            crate::WITHHELD_TEXT.to_owned()
        } else {
            s
        }
    };
    let mut rows = Vec::new();
    for c in communities(&store.conn, place)? {
        let cname = place_name(&store.conn, Some(c))?;
        match kind {
            ListKind::CouncilTopics => {
                for id in ids(store, "council_topics", c)? {
                    let t = store.topic_view(id, &today, false)?;
                    let day = t
                        .meeting_on
                        .clone()
                        .unwrap_or_else(|| t.proposed_on.clone());
                    if within(&day) {
                        rows.push(vec![
                            text(cname.clone()),
                            text(t.title.clone()),
                            text(t.category.label_zh()),
                            text(t.origin.label_zh()),
                            text(t.proposed_on.clone()),
                            text(t.meeting_on.clone().unwrap_or_default()),
                            text(t.state.label_zh()),
                            text(super::figures::done_on(&t).unwrap_or_default()),
                            text(hidden(t.proposer.clone())),
                            text(t.resolution.clone()),
                            Cell::Number(t.requests.len() as f64),
                        ]);
                    }
                }
            }
            ListKind::CouncilMeetings => {
                for id in ids(store, "council_meetings", c)? {
                    let m = meeting_row(&store.conn, id)?;
                    if within(&m.date) {
                        let (voted, passed) = store.votes_at(id)?;
                        rows.push(vec![
                            text(cname.clone()),
                            text(m.date.clone()),
                            text(m.place.clone()),
                            text(m.host.clone()),
                            Cell::Number(f64::from(m.expected)),
                            Cell::Number(f64::from(m.present())),
                            Cell::Number(f64::from(voted)),
                            Cell::Number(f64::from(passed)),
                        ]);
                    }
                }
            }
            ListKind::Suggestions => {
                for id in ids(store, "council_suggestions", c)? {
                    let s = suggestion_view(&store.conn, suggestion_row(&store.conn, id)?, false)?;
                    if within(&s.received_on) {
                        rows.push(vec![
                            text(cname.clone()),
                            text(s.received_on.clone()),
                            text(s.source.label_zh()),
                            text(s.text.clone()),
                            text(s.state.label_zh()),
                            text(s.answered_on.clone().unwrap_or_default()),
                            text(s.answer.clone()),
                            text(hidden(s.name.clone())),
                            text(hidden(s.household.clone())),
                        ]);
                    }
                }
            }
            _ => {
                for id in ids(store, "liaison_points", c)? {
                    let p = super::point_view(&store.conn, id)?;
                    rows.push(vec![
                        text(cname.clone()),
                        text(p.name),
                        text(p.place),
                        text(p.keeper),
                        text(p.hours),
                        text(p.note),
                    ]);
                }
            }
        }
    }
    Ok(match kind {
        ListKind::CouncilTopics => (
            "议事议题",
            headers("topic", &["提议人", "决议", "诉求件数"]),
            rows,
        ),
        ListKind::CouncilMeetings => ("议事会议", headers("meeting", &[]), rows),
        ListKind::Suggestions => ("居民建议", headers("suggestion", &["建议人", "住户"]), rows),
        _ => (
            "居民联络点",
            vec!["社区", "名称", "地点", "负责人", "开放时间", "备注"],
            rows,
        ),
    })
}
