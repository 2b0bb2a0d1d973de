//! A household's timeline: its visits, its tasks' events, its register changes (from the
//! change journal) and its loans from the sharing station (`lending::loan_lines`), newest first.

use linli_domain::field::TaskEventKind;
use linli_domain::register::ResidenceStatus;
use linli_domain::{Gender, Now};
use linli_protocol::{HouseholdTimeline, TimelineEntry, TimelineKind};

use crate::register::households::history_entry;
use crate::{Result, Store};

/// A journal entry's wall time as the forms show a time, at this laptop's offset.
fn local_time(ms: u64, now: &Now) -> String {
    Now::at(ms, now.offset_minutes()).local_minute()
}

/// The label of a register field in a line's title; none for ids and bookkeeping.
fn field_label(f: &str) -> Option<&'static str> {
    Some(match f {
        "phone" => "电话",
        "moved_out" => "迁出",
        "moved_in" => "迁入",
        "care_tags" => "关爱标签",
        "party_member" => "党员",
        "notes" => "备注",
        "name" => "姓名",
        "relation" => "与户主关系",
        "id_number" => "身份证号",
        "room" | "building_id" | "unit_id" => "地址",
        "tags" => "标签",
        "residence_status" => "人户状态",
        "gender" => "性别",
        "birth_date" => "出生日期",
        "floating" => "流动人口",
        _ => return None,
    })
}

/// A field's value in words: codes as their labels, lists joined, yes/no; none for a blank
/// value. The building and unit are ids (the room and the page's address say where).
fn value_text(field: &str, value: &serde_json::Value) -> Option<String> {
    use serde_json::Value;
    if matches!(field, "building_id" | "unit_id") {
        return None;
    }
    let text = match value {
        Value::Null => return None,
        Value::Bool(b) => if *b { "是" } else { "否" }.to_owned(),
        Value::String(s) if s.is_empty() => return None,
        Value::String(s) => match field {
            "residence_status" => ResidenceStatus::from_code(s)
                .map(|r| r.label_zh().to_owned())
                .unwrap_or_else(|| s.clone()),
            "gender" => Gender::from_code(s)
                .map(|g| g.label_zh().to_owned())
                .unwrap_or_else(|| s.clone()),
            "tags" | "care_tags" => match serde_json::from_str::<Vec<String>>(s) {
                Ok(list) if list.is_empty() => return None,
                Ok(list) => list.join("、"),
                Err(_) => s.clone(),
            },
            _ => s.clone(),
        },
        other => other.to_string(),
    };
    Some(text)
}

impl Store {
    pub fn household_timeline(&self, req: &HouseholdTimeline) -> Result<Vec<TimelineEntry>> {
        let now = self.now();
        let h = self.household(req.household_id)?;
        let mut out = Vec::new();
        for v in self.visits_where("v.household_id = ?1", rusqlite::params![h.id.to_string()])? {
            let mut title = format!("{}（{}）", v.kind.label_zh(), v.outcome.label_zh());
            if v.corrects.is_some() {
                title = if v.void {
                    "更正：此前的走访作废".to_owned()
                } else {
                    format!("更正走访：{title}")
                };
            } else if v.corrected_by.is_some() {
                title.push_str("（已更正）");
            }
            let who = v.visitor_name.clone().unwrap_or_default();
            out.push(TimelineEntry {
                at: v.at.clone(),
                kind: TimelineKind::Visit,
                title,
                detail: [who, v.findings.clone()]
                    .into_iter()
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>()
                    .join("：")
                    .to_string(),
                row_id: v.id,
            });
        }
        let task_ids: Vec<String> = self
            .conn
            .prepare_cached("SELECT id FROM tasks WHERE household_id = ?1 AND deleted = 0")?
            .query_map([h.id.to_string()], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for id in task_ids {
            let detail = self.get_task(&linli_protocol::GetTask {
                id: id.parse()?,
                today: None,
            })?;
            for e in detail.events {
                let extra = match e.kind {
                    TaskEventKind::Dispatched | TaskEventKind::Redispatched => {
                        let to = e.assignee_name.clone().or(e.team.clone());
                        [to.unwrap_or_default(), e.comment.clone()]
                            .into_iter()
                            .filter(|s| !s.is_empty())
                            .collect::<Vec<_>>()
                            .join("：")
                    }
                    TaskEventKind::Extended => {
                        format!("{} {}", e.due_date.clone().unwrap_or_default(), e.comment)
                    }
                    TaskEventKind::Finished => e.result.clone(),
                    TaskEventKind::Rated => {
                        format!("{}星 {}", e.rating.unwrap_or(0), e.comment)
                    }
                    _ => e.comment.clone(),
                };
                out.push(TimelineEntry {
                    at: e.at,
                    kind: TimelineKind::TaskEvent,
                    title: format!("{}：{}", e.kind.label_zh(), detail.task.title),
                    detail: [e.by_name.unwrap_or_default(), extra]
                        .into_iter()
                        .filter(|s| !s.trim().is_empty())
                        .collect::<Vec<_>>()
                        .join("　"),
                    row_id: detail.task.id,
                });
            }
        }
        let mut changes = self.row_history("households", h.id)?;
        for m in self.members(h.id)? {
            changes.extend(self.row_history("residents", m.id)?);
        }
        let names: std::collections::HashMap<_, _> = self
            .members(h.id)?
            .into_iter()
            .map(|m| (m.id, m.name))
            .collect();
        let withheld = self.withheld()?;
        for c in changes {
            let mut e = history_entry(c);
            if withheld {
                crate::withheld::withhold_history(&mut e);
            }
            let who = if e.table == "residents" {
                names.get(&e.row_id).cloned().unwrap_or_default()
            } else {
                "本户".to_owned()
            };
            let created = e.fields.get("deleted") == Some(&serde_json::Value::Bool(false));
            let deleted = e.fields.get("deleted") == Some(&serde_json::Value::Bool(true));
            let mut labels: Vec<&str> = Vec::new();
            for l in e.fields.keys().filter_map(|k| field_label(k)) {
                if !labels.contains(&l) {
                    labels.push(l);
                }
            }
            let title = if created {
                format!("登记{who}")
            } else if deleted {
                format!("{who}：删除登记")
            } else {
                format!("{who}：修改{}", labels.join("、"))
            };
            // a new row leaves its blank fields out; a change that empties a field says so
            let detail = e
                .fields
                .iter()
                .filter_map(|(k, v)| {
                    let label = field_label(k)?;
                    match value_text(k, v) {
                        Some(v) => Some(format!("{label}：{v}")),
                        None if created || matches!(k.as_str(), "building_id" | "unit_id") => None,
                        None => Some(format!("{label}：—")),
                    }
                })
                .collect::<Vec<_>>()
                .join("；");
            out.push(TimelineEntry {
                at: local_time(e.at_ms, &now),
                kind: TimelineKind::Register,
                title,
                detail,
                row_id: e.row_id,
            });
        }
        // the household's loans from the sharing station: lent, renewed, returned, overdue
        out.extend(crate::lending::loan_lines(&self.conn, h.id, &now)?);
        // each source comes oldest first and times are to the minute: reversed before the
        // (stable) sort, the later of two lines of the same minute comes first
        out.reverse();
        out.sort_by(|a, b| b.at.cmp(&a.at));
        Ok(out)
    }
}
