//! The case list: filtered by where a case stands, its type, its year, overdue, or a text in its
//! number, brief or parties' names; sorted by number, registration or days left.

use linli_domain::Id;
use linli_protocol::*;

use super::cases::case_view;
use crate::{Result, Store};

fn line(c: MediationCase) -> MediationCaseLine {
    let names = |side| {
        c.parties
            .iter()
            .filter(|p| p.fields.side == side)
            .map(|p| {
                if p.withheld {
                    "无权查看".to_owned()
                } else {
                    p.fields.name.clone()
                }
            })
            .collect::<Vec<_>>()
            .join("、")
    };
    use linli_domain::mediation::PartySide;
    MediationCaseLine {
        id: c.id,
        parties: format!(
            "{} 与 {}",
            names(PartySide::Applicant),
            names(PartySide::Respondent)
        ),
        mediators: c
            .mediators
            .iter()
            .map(|m| m.name.as_str())
            .collect::<Vec<_>>()
            .join("、"),
        number_text: c.number_text,
        number: c.number,
        clash: c.clash,
        kind: c.kind,
        source: c.source,
        brief: c.brief,
        registered_on: c.registered_on,
        state: c.state,
        term_end: c.term_end,
        days_left: c.days_left,
        escalation: c.escalation,
    }
}

impl Store {
    pub fn list_mediation_cases(
        &mut self,
        req: &ListMediationCases,
    ) -> Result<Vec<MediationCaseLine>> {
        let today = crate::field::day_or_today(&self.now(), "today", &req.today)?;
        let withheld = self.mediation_withheld()?;
        let ids: Vec<Id> = self
            .conn
            .prepare_cached(
                "SELECT id FROM mediation_cases WHERE deleted = 0
                 AND (?1 IS NULL OR community_id = ?1) AND (?2 IS NULL OR year = ?2)",
            )?
            .query_map(
                rusqlite::params![req.community_id.map(|c| c.to_string()), req.year],
                |r| r.get(0),
            )?
            .collect::<rusqlite::Result<_>>()?;
        let text = req.text.trim();
        let mut out = Vec::new();
        for id in ids {
            let c = case_view(&self.conn, id, &today, withheld)?;
            let keep = req.state.is_none_or(|s| s == c.state)
                && req.kind.is_none_or(|k| k == c.kind)
                && (!req.overdue || c.days_left.is_some_and(|d| d < 0))
                && (text.is_empty()
                    || c.number_text.contains(text)
                    || c.brief.contains(text)
                    || c.parties.iter().any(|p| p.fields.name.contains(text)));
            if keep {
                out.push(line(c));
            }
        }
        match req.sort {
            CaseSort::Number => out.sort_by(|a, b| {
                (b.registered_on.get(..4), b.number).cmp(&(a.registered_on.get(..4), a.number))
            }),
            CaseSort::Registered => out.sort_by(|a, b| b.registered_on.cmp(&a.registered_on)),
            CaseSort::DaysLeft => out.sort_by_key(|l| (l.days_left.is_none(), l.days_left)),
        }
        Ok(out)
    }
}
