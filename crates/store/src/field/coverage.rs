//! Who is due and who was reached: the day's visit list (今日) in walking order, households not
//! visited in N days per building section, coverage per community, grid and building with the
//! households behind each figure, and the weekly agenda. All computed from the visit facts.

use std::collections::{BTreeMap, HashMap};

use linli_domain::address::floor_of;
use linli_domain::field::{self, TaskStatus};
use linli_domain::register::PARTY_MEMBER;
use linli_domain::Id;
use linli_protocol::{
    AgendaGrid, Coverage, CoverageHouseholds, CoverageLevel, CoverageReport, CoverageRow,
    DueReason, GetVisitRules, HouseholdLine, NotVisited, SectionHouseholds, Today, WeeklyAgenda,
};
use rusqlite::params;

use super::visits::EFFECTIVE;
use super::{day_or_today, period, Area, GridPairs};
use crate::register::{address_text, id_text, json_list, parse_id};
use crate::{Result, Store};

/// One household as field work sees it.
#[derive(Debug, Clone)]
pub(crate) struct State {
    pub line: HouseholdLine,
    pub community: Option<Id>,
    pub section: Option<Id>,
    pub big: Option<Id>,
    /// Reached by a visit in the period asked about.
    pub in_period: bool,
}

impl State {
    /// Walking order: compound, building, unit, floor, room; numbers as numbers.
    fn walk_key(&self) -> (String, i64, String, i64, String, i64, i64, String) {
        let num = |s: &str| -> i64 {
            let d: String = s.chars().take_while(char::is_ascii_digit).collect();
            d.parse().unwrap_or(i64::MAX)
        };
        let l = &self.line;
        let unit = l.unit.clone().unwrap_or_default();
        (
            l.compound.clone().unwrap_or_default(),
            num(&l.building),
            l.building.clone(),
            num(&unit),
            unit,
            l.floor,
            num(&l.room),
            l.room.clone(),
        )
    }
}

pub(crate) fn walking_sort(states: &mut [State]) {
    states.sort_by_cached_key(State::walk_key);
}

/// A household's row as [`Store::states`] reads it, by its columns' names.
struct Row {
    id: String,
    community: Option<String>,
    building: Option<String>,
    unit: Option<String>,
    bname: Option<String>,
    uname: Option<String>,
    room: String,
    compound: Option<String>,
    head: Option<String>,
    tags: Option<String>,
    last: Option<String>,
}

/// Live households of one community, building and unit: (community, building, unit, reached in
/// the period, all).
pub(crate) type CoverageCount = (Option<Id>, Option<Id>, Option<Id>, u32, u32);

/// The days live households were reached, per community, building and unit
/// ([`Store::visit_days`]).
pub(crate) struct VisitDays {
    groups: Vec<VisitGroup>,
}

/// The live households of one community, building and unit.
struct VisitGroup {
    place: (Option<Id>, Option<Id>, Option<Id>),
    total: u32,
    /// Each reached household's days, `,` between days and `;` between households.
    days: String,
}

impl VisitDays {
    /// Households reached in `from..=to` (a period within the one read) and in all.
    pub(crate) fn counts(&self, from: &str, to: &str) -> Vec<CoverageCount> {
        let within = from..=to;
        self.groups
            .iter()
            .map(|g| {
                let reached = g
                    .days
                    .split(';')
                    .filter(|days| days.split(',').any(|d| within.contains(&d)))
                    .count();
                let (c, b, u) = g.place;
                (c, b, u, reached as u32, g.total)
            })
            .collect()
    }
}

impl Store {
    /// Every live household of an area with the day of its last reached visit up to `to` (the
    /// day the figures are as of, today for the day's list) and whether a reached visit falls in
    /// `from..=to`: the last one does exactly when one does, so each household's visits are
    /// looked up once (issue 24).
    pub(crate) fn states(&self, area: &Area, from: &str, to: &str) -> Result<Vec<State>> {
        let sql = format!(
            // NOT MATERIALIZED: each household's visits are read through `visits_by_household`,
            // where a materialized `eff` read every visit of the town for every first screen
            "WITH eff AS NOT MATERIALIZED (SELECT v.household_id, substr(v.at, 1, 10) AS day FROM visits v
                          WHERE v.outcome != 'nobody_home' AND {EFFECTIVE})
             SELECT h.id, h.community_id, h.building_id, h.unit_id, b.name AS building_name,
                u.name AS unit_name, h.room, k.name AS compound,
                (SELECT r.name FROM residents r WHERE r.household_id = h.id AND r.relation = '户主'
                    AND r.deleted = 0 AND r.moved_out IS NULL LIMIT 1) AS head,
                (SELECT group_concat(r.care_tags, '|') FROM residents r WHERE r.household_id = h.id
                    AND r.deleted = 0 AND r.moved_out IS NULL AND r.care_tags != '[]') AS care_tags,
                (SELECT max(day) FROM eff WHERE eff.household_id = h.id AND day <= ?2) AS last_visit
             FROM households h
             LEFT JOIN places b ON b.id = h.building_id
             LEFT JOIN places u ON u.id = h.unit_id
             LEFT JOIN places k ON k.id = b.parent_id
             WHERE h.deleted = 0 AND h.moved_out IS NULL AND (?1 IS NULL OR h.community_id = ?1)"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params![id_text(area.community), to], |r| {
            Ok(Row {
                id: r.get("id")?,
                community: r.get("community_id")?,
                building: r.get("building_id")?,
                unit: r.get("unit_id")?,
                bname: r.get("building_name")?,
                uname: r.get("unit_name")?,
                room: r.get("room")?,
                compound: r.get("compound")?,
                head: r.get("head")?,
                tags: r.get("care_tags")?,
                last: r.get("last_visit")?,
            })
        })?;
        let grids = GridPairs::read(&self.conn)?;
        let mut out = Vec::new();
        for row in rows {
            let Row {
                id,
                community,
                building,
                unit,
                bname,
                uname,
                room,
                compound,
                head,
                tags,
                last,
            } = row?;
            let (building_id, unit_id) = (parse_id(building)?, parse_id(unit)?);
            if !area.holds(building_id, unit_id) {
                continue;
            }
            let pair = grids.pair(building_id, unit_id);
            let mut care_tags: Vec<String> = Vec::new();
            for part in tags
                .as_deref()
                .unwrap_or("")
                .split('|')
                .filter(|s| !s.is_empty())
            {
                for t in json_list(part) {
                    // 党员 written among the tags by an older device or an import is a flag, not
                    // a care need: never a reason to visit
                    if t != PARTY_MEMBER && !care_tags.contains(&t) {
                        care_tags.push(t);
                    }
                }
            }
            let days_since = last.as_deref().and_then(|l| field::days_between(l, to));
            let in_period = last.as_deref().is_some_and(|l| l >= from);
            let building = bname.unwrap_or_default();
            out.push(State {
                line: HouseholdLine {
                    id: id.parse()?,
                    address: address_text(Some(&building), uname.as_deref(), &room),
                    head_name: head,
                    compound,
                    floor: floor_of(&room),
                    building,
                    unit: uname,
                    room,
                    care_tags,
                    last_visit: last,
                    days_since,
                    due: DueReason::NotDue,
                    section: None,
                },
                community: parse_id(community)?,
                section: pair.0,
                big: pair.1,
                in_period,
            });
        }
        Ok(out)
    }

    /// Sets each household's due reason from its community's visit rules.
    fn mark_due(&self, states: &mut [State]) -> Result<()> {
        let mut rules: HashMap<Option<Id>, (i64, i64)> = HashMap::new();
        for s in states.iter_mut() {
            let (care, everyone) = match rules.get(&s.community) {
                Some(r) => *r,
                None => {
                    let r = match s.community {
                        Some(c) => {
                            let r = self.get_visit_rules(&GetVisitRules { community_id: c })?;
                            (i64::from(r.care_days), i64::from(r.everyone_days))
                        }
                        None => (
                            i64::from(super::visits::DEFAULT_CARE_DAYS),
                            i64::from(super::visits::DEFAULT_EVERYONE_DAYS),
                        ),
                    };
                    rules.insert(s.community, r);
                    r
                }
            };
            s.line.due = match s.line.days_since {
                None => DueReason::NeverVisited,
                Some(d) if !s.line.care_tags.is_empty() && d >= care => DueReason::Care,
                Some(d) if d >= everyone => DueReason::Routine,
                Some(_) => DueReason::NotDue,
            };
        }
        Ok(())
    }

    /// Today: the households due, never-visited first, then in walking order.
    pub fn today(&self, req: &Today) -> Result<Vec<HouseholdLine>> {
        let today = day_or_today(&self.now(), "today", &req.today)?;
        let area = match (req.grid_id, req.person_id, req.place_id) {
            (Some(g), _, _) => self.area_of_grid(g)?,
            (None, Some(p), _) => self.area_of_person(p)?,
            (None, None, p) => self.area_of_place(p)?,
        };
        let mut states = self.states(&area, &today, &today)?;
        self.mark_due(&mut states)?;
        states.retain(|s| s.line.due != DueReason::NotDue);
        let mut names: BTreeMap<Id, String> = BTreeMap::new();
        for s in &mut states {
            if let Some(g) = s.section {
                let name = match names.entry(g) {
                    std::collections::btree_map::Entry::Occupied(e) => e.into_mut(),
                    std::collections::btree_map::Entry::Vacant(e) => e.insert(self.grid_name(g)?),
                };
                s.line.section = Some(name.clone());
            }
        }
        walking_sort(&mut states);
        states.sort_by_key(|s| s.line.due != DueReason::NeverVisited);
        Ok(states.into_iter().map(|s| s.line).collect())
    }

    /// Households not reached in `days` days (never-visited included), per building section.
    pub fn not_visited(&self, req: &NotVisited) -> Result<Vec<SectionHouseholds>> {
        let today = day_or_today(&self.now(), "today", &req.today)?;
        let area = self.area_of_place(Some(req.community_id))?;
        let mut states = self.states(&area, &today, &today)?;
        self.mark_due(&mut states)?;
        walking_sort(&mut states);
        let days = i64::from(req.days);
        let mut groups: BTreeMap<(String, Option<Id>), SectionHouseholds> = BTreeMap::new();
        let mut names: HashMap<Option<Id>, String> = HashMap::new();
        for s in states {
            let name = match names.get(&s.section) {
                Some(name) => name.clone(),
                None => {
                    let name = match s.section {
                        Some(g) => self.grid_name(g)?,
                        None => "未划入楼段".to_owned(),
                    };
                    names.insert(s.section, name.clone());
                    name
                }
            };
            let g = groups
                .entry((sort_name(&name), s.section))
                .or_insert_with(|| SectionHouseholds {
                    grid_id: s.section,
                    name,
                    total: 0,
                    households: Vec::new(),
                });
            g.total += 1;
            if s.line.days_since.is_none_or(|d| d >= days) {
                g.households.push(s.line);
            }
        }
        Ok(groups.into_values().collect())
    }

    /// Coverage for a period: visited / total per community, grid (sections and big grids) and
    /// building of the area.
    pub fn coverage(&self, req: &Coverage) -> Result<CoverageReport> {
        let (from, to) = period(&self.now(), &req.from, &req.to)?;
        let area = self.area_of_place(req.place_id)?;
        let mut counts: BTreeMap<(CoverageLevel, Id), (u32, u32)> = BTreeMap::new();
        let grids = GridPairs::read(&self.conn)?;
        for (community, building_id, unit_id, visited, total) in
            self.coverage_counts(&area, &from, &to)?
        {
            if !area.holds(building_id, unit_id) {
                continue;
            }
            let (section, big) = grids.pair(building_id, unit_id);
            let keys = [
                community.map(|c| (CoverageLevel::Community, c)),
                section.map(|g| (CoverageLevel::Grid, g)),
                big.map(|g| (CoverageLevel::Grid, g)),
                building_id.map(|b| (CoverageLevel::Building, b)),
            ];
            for k in keys.into_iter().flatten() {
                let e = counts.entry(k).or_default();
                e.1 += total;
                e.0 += visited;
            }
        }
        let mut report = CoverageReport {
            from,
            to,
            communities: Vec::new(),
            grids: Vec::new(),
            buildings: Vec::new(),
        };
        let several = counts
            .keys()
            .filter(|(l, _)| *l == CoverageLevel::Community)
            .count()
            > 1;
        for ((level, id), (visited, total)) in counts {
            let name = match level {
                CoverageLevel::Grid if several => {
                    let g = self.grid(id)?;
                    format!("{} {}", self.place(g.community_id)?.name, g.name)
                }
                CoverageLevel::Grid => self.grid_name(id)?,
                CoverageLevel::Building => {
                    let b = self.place(id)?;
                    format!("{}{}", b.parent_name.unwrap_or_default(), b.name)
                }
                CoverageLevel::Community => self.place(id)?.name,
            };
            let row = CoverageRow {
                level,
                id,
                name,
                visited,
                total,
                rate: if total == 0 {
                    0.0
                } else {
                    f64::from(visited) / f64::from(total)
                },
            };
            match level {
                CoverageLevel::Community => report.communities.push(row),
                CoverageLevel::Grid => report.grids.push(row),
                CoverageLevel::Building => report.buildings.push(row),
            }
        }
        for list in [
            &mut report.communities,
            &mut report.grids,
            &mut report.buildings,
        ] {
            list.sort_by_cached_key(|r| (sort_name(&r.name), r.id));
        }
        Ok(report)
    }

    /// Live households reached by a visit in `from..=to` and in all, per community, building and
    /// unit (issue 24): [`Store::visit_days`] of the period, counted for the period.
    pub(crate) fn coverage_counts(
        &self,
        area: &Area,
        from: &str,
        to: &str,
    ) -> Result<Vec<CoverageCount>> {
        Ok(self.visit_days(area.community, from, to)?.counts(from, to))
    }

    /// The days in `from..=to` each live household of a community (everything's for none) was
    /// reached, per building and unit: what coverage counts over any period within, so 统计
    /// reads a town's visits once for its period, trend and ranking (nine periods; issue 24).
    /// Counted by SQLite in one pass over the households, each one's visits looked up by
    /// household (`visits_by_household`), instead of reading every household whole as
    /// [`Store::states`] does for the lists (385–473 ms at 100,000 households). Listing the
    /// period's reached households first, by day, read every visit of the town's month (280 ms
    /// against 18 ms for a community of 7,693 households).
    pub(crate) fn visit_days(
        &self,
        community: Option<Id>,
        from: &str,
        to: &str,
    ) -> Result<VisitDays> {
        let sql = format!(
            "SELECT community_id, building_id, unit_id, count(*), group_concat(days, ';')
             FROM (SELECT h.community_id, h.building_id, h.unit_id,
                     (SELECT group_concat(substr(v.at, 1, 10)) FROM visits v
                      WHERE v.household_id = h.id
                        AND v.at >= ?2 AND v.at < ?3 || '~'
                        AND substr(v.at, 1, 10) BETWEEN ?2 AND ?3
                        AND v.outcome != 'nobody_home' AND {EFFECTIVE}) AS days
                   FROM households h
                   WHERE h.deleted = 0 AND h.moved_out IS NULL
                     AND (?1 IS NULL OR h.community_id = ?1))
             GROUP BY community_id, building_id, unit_id"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(params![id_text(community), from, to], |r| {
            Ok((
                r.get::<_, Option<String>>(0)?,
                r.get::<_, Option<String>>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, u32>(3)?,
                r.get::<_, Option<String>>(4)?,
            ))
        })?;
        let mut groups = Vec::new();
        for row in rows {
            let (c, b, u, total, days) = row?;
            groups.push(VisitGroup {
                place: (parse_id(c)?, parse_id(b)?, parse_id(u)?),
                total,
                days: days.unwrap_or_default(),
            });
        }
        Ok(VisitDays { groups })
    }

    /// The households behind a coverage figure, in walking order.
    pub fn coverage_households(&self, req: &CoverageHouseholds) -> Result<Vec<HouseholdLine>> {
        let (from, to) = period(&self.now(), &req.from, &req.to)?;
        let area = match req.level {
            CoverageLevel::Grid => {
                let g = self.grid(req.id)?;
                Area {
                    community: Some(g.community_id),
                    places: None,
                }
            }
            _ => self.area_of_place(Some(req.id))?,
        };
        let mut states = self.states(&area, &from, &to)?;
        if req.level == CoverageLevel::Grid {
            states.retain(|s| s.section == Some(req.id) || s.big == Some(req.id));
        }
        states.retain(|s| s.in_period == req.visited);
        self.mark_due(&mut states)?;
        walking_sort(&mut states);
        Ok(states.into_iter().map(|s| s.line).collect())
    }

    /// The weekly consultation agenda: open tasks and the last week's unreviewed findings, per
    /// building section (the section of the household or place; the rest under "其他").
    pub fn weekly_agenda(&self, req: &WeeklyAgenda) -> Result<Vec<AgendaGrid>> {
        let today = day_or_today(&self.now(), "today", &req.today)?;
        let area = self.area_of_place(Some(req.community_id))?;
        let week_ago = field::add_days(&today, -6).unwrap_or_else(|| today.clone());
        let mut groups: BTreeMap<(String, Option<Id>), AgendaGrid> = BTreeMap::new();
        let grids = GridPairs::read(&self.conn)?;
        // the open tasks only: resolved ones are left out before they are read whole (issue 24)
        for t in self.open_tasks_in(&area, &today)? {
            debug_assert!(t.status < TaskStatus::Finished);
            let (b, u) = match (t.household_id, t.place_id) {
                (Some(h), _) => self.household_place(h)?,
                (None, p) => (p, None),
            };
            self.agenda_entry(&mut groups, grids.pair(b, u).0)?
                .open_tasks
                .push(t);
        }
        let visits = self.visits_where(
            &format!(
                "v.community_id = ?1 AND v.at >= ?2 AND v.at < ?3 || '~'
                 AND substr(v.at, 1, 10) BETWEEN ?2 AND ?3
                 AND (v.findings != '' OR v.needs_follow_up = 1) AND {EFFECTIVE}
                 AND NOT EXISTS (SELECT 1 FROM visit_reviews r WHERE r.visit_id = v.id)"
            ),
            params![req.community_id.to_string(), week_ago, today],
        )?;
        for v in visits {
            let (b, u) = self.household_place(v.household_id)?;
            self.agenda_entry(&mut groups, grids.pair(b, u).0)?
                .unreviewed
                .push(v);
        }
        Ok(groups.into_values().collect())
    }

    /// The agenda's group of a section (of "其他" when none), named once.
    fn agenda_entry<'a>(
        &self,
        groups: &'a mut BTreeMap<(String, Option<Id>), AgendaGrid>,
        section: Option<Id>,
    ) -> Result<&'a mut AgendaGrid> {
        if let Some(key) = groups.keys().find(|(_, g)| *g == section).cloned() {
            return Ok(groups.get_mut(&key).expect("the key just found"));
        }
        let name = match section {
            Some(g) => self.grid_name(g)?,
            None => "其他".to_owned(),
        };
        Ok(groups
            .entry((sort_name(&name), section))
            .or_insert_with(|| AgendaGrid {
                grid_id: section,
                name,
                open_tasks: Vec::new(),
                unreviewed: Vec::new(),
            }))
    }
}

/// A name as it sorts among its siblings: "第2楼段" before "第10楼段".
pub(crate) fn sort_name(name: &str) -> String {
    let mut out = String::new();
    let mut digits = String::new();
    for c in name.chars().chain(std::iter::once('\u{0}')) {
        if c.is_ascii_digit() {
            digits.push(c);
        } else {
            if !digits.is_empty() {
                out.push_str(&format!("{digits:0>8}"));
                digits.clear();
            }
            if c != '\u{0}' {
                out.push(c);
            }
        }
    }
    out
}
