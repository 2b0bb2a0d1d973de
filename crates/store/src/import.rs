//! Importing a household register (台账) that linli-sheets has read into the store.
//!
//! Where rows go depends on the target place:
//! - a compound (小区): each building and unit the sheet names is found among the compound's
//!   buildings by its number ("3栋", "3号楼" and "3" are one building) or created under it;
//! - a building (楼栋): every row lives in it; a row naming another building is refused;
//! - a community (社区): each building the sheet names must already exist, exactly once, in one of
//!   the community's compounds; the import never guesses which compound a new building belongs
//!   to (the row is refused and the user is told to import into the compound instead).
//!
//! Households are found by address (building, unit, room) among those living there now, else
//! created. Residents are found by ID number anywhere in the community (a resident registered in
//! another household moves here: updated, not duplicated), or without one by name and birth date
//! within the household; else created. A blank cell never erases what the store holds.
//!
//! Everything is written in one transaction through the write path, so it is journalled and
//! syncs; only rows that really change are written, so importing the same file twice changes
//! nothing the second time. A dry run does the same work in the transaction and rolls it back,
//! so its counts are exactly what the import would do.

use std::collections::HashMap;
use std::path::Path;

use linli_domain::address::{parse_address_query, short_number, validate_room};
use linli_domain::register::{
    normalize_tags, validate_person_name, validate_relation, ResidenceStatus,
};
use linli_domain::{DomainError, Gender, Id, PlaceKind};
use linli_protocol::{
    HeaderMapping, HouseholdFields, ImportColumn, ImportCommit, ImportPreview, ImportSummary,
    RowIssue, SaveImportMapping,
};
use linli_sheets::{ImportReport, Issue, Mapping, Resident as SheetResident};
use rusqlite::{params, OptionalExtension};
use serde_json::{json, Value};

use crate::register::households::insert_household;
use crate::register::residents::{insert_resident, CleanResident};
use crate::register::{community_of, id_text, json_list, parse_id, scope_at};
use crate::write::{RowWrite, Scope, Writer};
use crate::{Result, Store};

/// A reviewed mapping as linli-sheets applies it (and as the mapping file holds it).
pub fn sheets_mapping(headers: &HeaderMapping) -> Mapping {
    Mapping {
        headers: headers.iter().map(|(h, f)| (h.clone(), *f)).collect(),
    }
}

/// Reads a register file with the user's choices: a sheet, a saved header mapping file, and the
/// mapping reviewed in the window, which wins over the file's.
pub fn read_file(
    path: &str,
    sheet: Option<&str>,
    mapping: Option<&str>,
    headers: Option<&HeaderMapping>,
) -> Result<ImportReport> {
    let mut mapping = mapping.map(|m| Mapping::load(Path::new(m))).transpose()?;
    if let Some(reviewed) = headers {
        mapping
            .get_or_insert_with(Mapping::default)
            .headers
            .extend(sheets_mapping(reviewed).headers);
    }
    let options = linli_sheets::ImportOptions {
        sheet: sheet.map(str::to_owned),
        mapping,
    };
    Ok(linli_sheets::read_register(Path::new(path), &options)?)
}

/// Every column of every sheet read, with the field it was mapped to.
fn columns(report: &ImportReport) -> Vec<ImportColumn> {
    report
        .sheets
        .iter()
        .filter_map(|s| match s {
            linli_sheets::SheetOutcome::Read { layout, .. } => Some(layout),
            linli_sheets::SheetOutcome::Skipped { .. } => None,
        })
        .flat_map(|l| {
            l.columns.iter().map(|c| ImportColumn {
                sheet: l.sheet.clone(),
                letter: c.letter.clone(),
                header: c.header.clone(),
                field: c.field,
            })
        })
        .collect()
}

impl Store {
    /// Reads a register file and reports what importing it would do, writing nothing.
    pub fn import_preview(&mut self, req: &ImportPreview) -> Result<ImportSummary> {
        let ImportPreview {
            path,
            place_id,
            sheet,
            mapping,
            headers,
        } = req;
        self.import_file(path, *place_id, sheet, mapping, headers, true)
    }

    /// Reads a register file and imports it in one transaction.
    pub fn import_commit(&mut self, req: &ImportCommit) -> Result<ImportSummary> {
        let ImportCommit {
            path,
            place_id,
            sheet,
            mapping,
            headers,
        } = req;
        self.import_file(path, *place_id, sheet, mapping, headers, false)
    }

    /// Reads `path` and imports it into `place`, or with `dry_run` only reports what it would do;
    /// the summary lists the columns as mapped.
    fn import_file(
        &mut self,
        path: &str,
        place: Id,
        sheet: &Option<String>,
        mapping: &Option<String>,
        headers: &Option<HeaderMapping>,
        dry_run: bool,
    ) -> Result<ImportSummary> {
        let report = read_file(path, sheet.as_deref(), mapping.as_deref(), headers.as_ref())?;
        let mut summary = self.import_register(&report, place, dry_run)?;
        summary.columns = columns(&report);
        Ok(summary)
    }

    /// Saves a reviewed header mapping as a mapping file (see [`SaveImportMapping`]).
    pub fn save_import_mapping(&mut self, req: &SaveImportMapping) -> Result<String> {
        if req.path.trim().is_empty() {
            return Err(DomainError::invalid("path", "请填写映射文件的保存位置").into());
        }
        sheets_mapping(&req.headers).save(Path::new(&req.path))?;
        Ok(req.path.clone())
    }

    /// Applies a register read by linli-sheets to the place `into` (see the module docs). With
    /// `dry_run` the transaction is rolled back: same counts, nothing written.
    pub fn import_register(
        &mut self,
        report: &ImportReport,
        into: Id,
        dry_run: bool,
    ) -> Result<ImportSummary> {
        let target = self.target(into)?;
        let mut w = self.begin()?;
        let mut run = Run {
            target,
            buildings: HashMap::new(),
            units: HashMap::new(),
            scopes: HashMap::new(),
            claimed: HashMap::new(),
            summary: ImportSummary::default(),
        };
        run.load_buildings(&w)?;
        for household in &report.households {
            run.household(&mut w, report, household)?;
        }
        let mut summary = run.summary;
        summary.refused.extend(report.refused.iter().map(issue));
        summary.warnings.extend(report.warnings.iter().map(issue));
        sort_issues(report, &mut summary.refused);
        sort_issues(report, &mut summary.warnings);
        if !dry_run {
            w.commit()?;
        }
        Ok(summary)
    }

    fn target(&self, into: Id) -> Result<Target> {
        let place = self.place(into)?;
        let community = community_of(&self.conn, into)?;
        Ok(match place.kind {
            PlaceKind::Compound => Target::Compound {
                id: into,
                community,
            },
            PlaceKind::Building => Target::Building {
                id: into,
                number: short_number(&place.name),
                name: place.name,
            },
            PlaceKind::Community => Target::Community { id: into },
            other => {
                return Err(DomainError::invalid(
                    "place_id",
                    format!(
                        "“{}”是{}，只能导入到社区、小区或楼栋，请选择其中之一",
                        place.name,
                        other.label_zh()
                    ),
                )
                .into())
            }
        })
    }
}

/// A household's building, unit and room, or why its rows are refused.
type Located = std::result::Result<(Id, Option<Id>, String), String>;

enum Target {
    Compound {
        id: Id,
        community: Option<Id>,
    },
    Building {
        id: Id,
        name: String,
        number: String,
    },
    Community {
        id: Id,
    },
}

/// A resident row checked by the store's rules, ready to be matched and written.
struct Checked<'r> {
    row: &'r SheetResident,
    name: String,
    relation: Option<String>,
    tags: Vec<String>,
}

/// What the store holds of a resident, for comparing.
struct Stored {
    id: String,
    household: Option<String>,
    community: Option<String>,
    name: String,
    gender: Option<String>,
    birth: Option<String>,
    phone: Option<String>,
    relation: String,
    tags: String,
    notes: String,
    moved_out: Option<String>,
}

struct Run {
    target: Target,
    /// Building number → the buildings with it (more than one only under a community).
    buildings: HashMap<String, Vec<Id>>,
    /// (building, unit number) → unit.
    units: HashMap<(Id, String), Id>,
    scopes: HashMap<(Id, Option<Id>), Scope>,
    /// Store residents already matched by a row of this import → that row.
    claimed: HashMap<Id, (String, u32)>,
    summary: ImportSummary,
}

fn issue(i: &Issue) -> RowIssue {
    RowIssue {
        sheet: i.sheet.clone(),
        row: i.row,
        reason: i.reason.clone(),
    }
}

/// Sheets in the order the file has them, then rows in order.
fn sort_issues(report: &ImportReport, list: &mut [RowIssue]) {
    let sheet_order = |name: &str| {
        report
            .sheets
            .iter()
            .position(|s| match s {
                linli_sheets::SheetOutcome::Read { layout, .. } => layout.sheet == name,
                linli_sheets::SheetOutcome::Skipped { sheet, .. } => sheet == name,
            })
            .unwrap_or(usize::MAX)
    };
    list.sort_by_key(|i| (sheet_order(&i.sheet), i.row));
}

/// "3" → "3栋"; names that say more ("3号楼", "A座") are kept as written.
fn place_name(written: &str, suffix: &str) -> String {
    if written.chars().all(|c| c.is_ascii_digit()) {
        format!("{written}{suffix}")
    } else {
        written.to_owned()
    }
}

fn add_place(
    w: &mut Writer<'_>,
    kind: PlaceKind,
    name: &str,
    parent: Id,
    community: Option<Id>,
) -> Result<Id> {
    let id = Id::new();
    w.write(RowWrite {
        table: "places",
        row_id: id,
        fields: vec![
            ("kind", json!(kind.code())),
            ("name", json!(name)),
            ("parent_id", json!(parent.to_string())),
            ("deleted", json!(false)),
        ],
        scope: Scope {
            community,
            grid: None,
            place: Some(id),
        },
    })?;
    Ok(id)
}

impl Run {
    fn refuse(&mut self, r: &SheetResident, reason: impl Into<String>) {
        self.summary.refused.push(RowIssue {
            sheet: r.sheet.clone(),
            row: r.row,
            reason: reason.into(),
        });
    }

    fn warn(&mut self, r: &SheetResident, reason: impl Into<String>) {
        self.summary.warnings.push(RowIssue {
            sheet: r.sheet.clone(),
            row: r.row,
            reason: reason.into(),
        });
    }

    /// The buildings rows may be matched to, by number.
    fn load_buildings(&mut self, w: &Writer<'_>) -> Result<()> {
        let (sql, parent) = match &self.target {
            Target::Building { .. } => return Ok(()),
            Target::Compound { id, .. } => (
                "SELECT id, name FROM places WHERE kind = 'building' AND deleted = 0
                 AND parent_id = ?1",
                *id,
            ),
            Target::Community { id } => (
                "SELECT b.id, b.name FROM places b JOIN places c ON c.id = b.parent_id
                 WHERE b.kind = 'building' AND b.deleted = 0 AND c.deleted = 0
                 AND c.parent_id = ?1",
                *id,
            ),
        };
        let mut stmt = w.tx().prepare(sql)?;
        let rows = stmt.query_map([parent.to_string()], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })?;
        for row in rows {
            let (id, name) = row?;
            self.buildings
                .entry(short_number(&name))
                .or_default()
                .push(id.parse()?);
        }
        Ok(())
    }

    /// The building, unit and room of a household's address, creating the building and unit
    /// where the target allows; `Err(reason)` refuses the household's rows.
    fn locate(&mut self, w: &mut Writer<'_>, address: &linli_sheets::Address) -> Result<Located> {
        let (mut building, mut unit, mut room) = (
            address.building.clone(),
            address.unit.clone(),
            address.room.clone(),
        );
        if let (Some(full), None) = (&address.full, &room) {
            match parse_address_query(full) {
                Some((b, u, r)) => {
                    building = building.or(Some(b));
                    unit = unit.or(u);
                    room = Some(r);
                }
                None => {
                    return Ok(Err(format!(
                        "住址“{full}”无法识别，请写成“3栋2单元301”或分列填写楼栋、单元、门牌号"
                    )))
                }
            }
        }
        let Some(room) = room else {
            return Ok(Err("缺少门牌号".into()));
        };
        let room = match validate_room(&room) {
            Ok(r) => r,
            Err(e) => return Ok(Err(e.to_string())),
        };
        let building = match (&self.target, building) {
            (Target::Building { id, name, number }, b) => {
                if let Some(b) = b.filter(|b| short_number(b) != *number) {
                    return Ok(Err(format!("楼栋“{b}”不是导入目标“{name}”")));
                }
                *id
            }
            (_, None) => return Ok(Err("缺少楼栋".into())),
            (Target::Compound { id, community }, Some(b)) => {
                let number = short_number(&b);
                match self.buildings.get(&number).and_then(|v| v.first()) {
                    Some(found) => *found,
                    None => {
                        let (compound, community) = (*id, *community);
                        let new = add_place(
                            w,
                            PlaceKind::Building,
                            &place_name(&b, "栋"),
                            compound,
                            community,
                        )?;
                        self.buildings.insert(number, vec![new]);
                        new
                    }
                }
            }
            (Target::Community { .. }, Some(b)) => {
                match self.buildings.get(&short_number(&b)).map(Vec::as_slice) {
                    Some([one]) => *one,
                    Some(_) => {
                        return Ok(Err(format!(
                            "社区里有多个小区都有“{b}”，请选择小区作为导入目标"
                        )))
                    }
                    None => {
                        return Ok(Err(format!(
                            "社区里没有楼栋“{b}”；要新建楼栋，请选择它所在的小区作为导入目标"
                        )))
                    }
                }
            }
        };
        let unit = match unit {
            None => None,
            Some(u) => {
                let key = (building, short_number(&u));
                match self.units.get(&key) {
                    Some(id) => Some(*id),
                    None => {
                        let found: Option<String> = w
                            .tx()
                            .prepare_cached(
                                "SELECT id, name FROM places WHERE kind = 'unit' AND deleted = 0
                                 AND parent_id = ?1",
                            )?
                            .query_map([building.to_string()], |r| {
                                Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
                            })?
                            .filter_map(std::result::Result::ok)
                            .find(|(_, name)| short_number(name) == key.1)
                            .map(|(id, _)| id);
                        let id = match parse_id(found)? {
                            Some(id) => id,
                            None => {
                                let community = community_of(w.tx(), building)?;
                                add_place(
                                    w,
                                    PlaceKind::Unit,
                                    &place_name(&u, "单元"),
                                    building,
                                    community,
                                )?
                            }
                        };
                        self.units.insert(key, id);
                        Some(id)
                    }
                }
            }
        };
        Ok(Ok((building, unit, room)))
    }

    fn scope(&mut self, w: &Writer<'_>, building: Id, unit: Option<Id>) -> Result<Scope> {
        if let Some(s) = self.scopes.get(&(building, unit)) {
            return Ok(*s);
        }
        let s = scope_at(w.tx(), building, unit)?;
        self.scopes.insert((building, unit), s);
        Ok(s)
    }

    /// Checks a resident row by the rules the store applies to every resident.
    fn check<'r>(&mut self, r: &'r SheetResident) -> Option<Checked<'r>> {
        let checked = (|| {
            let name = validate_person_name(&r.name)?;
            let relation = r.relation.as_deref().map(validate_relation).transpose()?;
            let tags = normalize_tags(&r.care_tags)?;
            if r.notes.as_deref().is_some_and(|n| n.chars().count() > 500) {
                return Err(DomainError::invalid("notes", "备注最多500字"));
            }
            Ok(Checked {
                row: r,
                name,
                relation,
                tags,
            })
        })();
        match checked {
            Ok(c) => Some(c),
            Err(e) => {
                self.refuse(r, e.to_string());
                None
            }
        }
    }

    fn household(
        &mut self,
        w: &mut Writer<'_>,
        report: &ImportReport,
        h: &linli_sheets::Household,
    ) -> Result<()> {
        let members: Vec<Checked<'_>> = h
            .members
            .iter()
            .filter_map(|&i| self.check(&report.residents[i]))
            .collect();
        if members.is_empty() {
            return Ok(());
        }
        let (building, unit, room) = match self.locate(w, &h.address)? {
            Ok(found) => found,
            Err(reason) => {
                for m in &members {
                    self.refuse(m.row, reason.clone());
                }
                return Ok(());
            }
        };
        let scope = self.scope(w, building, unit)?;
        // The household's 人户状态 is its head's, else the first member's that says one.
        let status = h
            .head
            .and_then(|i| report.residents[i].residence)
            .or_else(|| members.iter().find_map(|m| m.row.residence));

        let existing: Option<(String, String)> = w
            .tx()
            .prepare_cached(
                "SELECT id, residence_status FROM households WHERE building_id = ?1
                 AND unit_id IS ?2 AND room = ?3 AND deleted = 0 AND moved_out IS NULL LIMIT 1",
            )?
            .query_row(params![building.to_string(), id_text(unit), room], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()?;
        let household = match existing {
            Some((id, stored)) => {
                let id: Id = id.parse()?;
                if let Some(s) = status.filter(|s| s.code() != stored) {
                    w.write(RowWrite {
                        table: "households",
                        row_id: id,
                        fields: vec![("residence_status", json!(s.code()))],
                        scope,
                    })?;
                    self.summary.households.updated += 1;
                }
                id
            }
            None => {
                let id = Id::new();
                let fields = HouseholdFields {
                    residence_status: status.unwrap_or(ResidenceStatus::Consistent),
                    ..Default::default()
                };
                insert_household(w, id, building, unit, &room, &fields, scope)?;
                self.summary.households.created += 1;
                id
            }
        };
        for m in members {
            self.resident(w, household, scope, m)?;
        }
        Ok(())
    }

    fn find(
        &self,
        w: &Writer<'_>,
        household: Id,
        scope: Scope,
        c: &Checked<'_>,
    ) -> Result<Option<Stored>> {
        const COLS: &str = "id, household_id, community_id, name, gender, birth_date, phone,
            relation, care_tags, notes, moved_out";
        let birth = c.row.birth_date.map(|d| d.to_string());
        let map = |r: &rusqlite::Row<'_>| {
            Ok(Stored {
                id: r.get(0)?,
                household: r.get(1)?,
                community: r.get(2)?,
                name: r.get(3)?,
                gender: r.get(4)?,
                birth: r.get(5)?,
                phone: r.get(6)?,
                relation: r.get(7)?,
                tags: r.get(8)?,
                notes: r.get(9)?,
                moved_out: r.get(10)?,
            })
        };
        let found = match &c.row.id_number {
            Some(number) => w
                .tx()
                .prepare_cached(&format!(
                    "SELECT {COLS} FROM residents WHERE community_id IS ?1 AND id_number = ?2
                     AND deleted = 0 LIMIT 1"
                ))?
                .query_row(params![id_text(scope.community), number], map)
                .optional()?,
            None => w
                .tx()
                .prepare_cached(&format!(
                    "SELECT {COLS} FROM residents WHERE household_id = ?1 AND name = ?2
                     AND (?3 IS NULL OR birth_date IS ?3) AND deleted = 0 LIMIT 1"
                ))?
                .query_row(params![household.to_string(), c.name, birth], map)
                .optional()?,
        };
        Ok(found)
    }

    fn resident(
        &mut self,
        w: &mut Writer<'_>,
        household: Id,
        scope: Scope,
        c: Checked<'_>,
    ) -> Result<()> {
        let r = c.row;
        let birth = r.birth_date.map(|d| d.to_string());
        let Some(stored) = self.find(w, household, scope, &c)? else {
            if let (None, Some(b)) = (&r.id_number, &birth) {
                self.warn_possible_duplicate(w, household, scope, r, &c.name, b)?;
            }
            let id = Id::new();
            self.claimed.insert(id, (r.sheet.clone(), r.row));
            insert_resident(
                w,
                id,
                household,
                &CleanResident {
                    name: c.name,
                    gender: r.gender,
                    birth_date: birth,
                    id_number: r.id_number.clone(),
                    phone: r.phone.clone(),
                    relation: c.relation.unwrap_or_default(),
                    care_tags: c.tags,
                    moved_in: None,
                    notes: r.notes.clone().unwrap_or_default(),
                },
                scope,
            )?;
            self.summary.residents.created += 1;
            return Ok(());
        };
        let stored_id: Id = stored.id.parse()?;
        if let Some((sheet, row)) = self.claimed.get(&stored_id) {
            let reason = if *sheet == r.sheet {
                format!("与第{row}行是同一居民，已跳过")
            } else {
                format!("与工作表“{sheet}”第{row}行是同一居民，已跳过")
            };
            self.refuse(r, reason);
            return Ok(());
        }
        self.claimed.insert(stored_id, (r.sheet.clone(), r.row));

        let mut fields: Vec<(&'static str, Value)> = Vec::new();
        let household_text = household.to_string();
        if stored.household.as_deref() != Some(household_text.as_str()) {
            fields.push(("household_id", json!(household_text)));
        }
        if stored.community != id_text(scope.community) {
            fields.push(("community_id", json!(id_text(scope.community))));
        }
        if stored.name != c.name {
            fields.push(("name", json!(c.name)));
        }
        if let Some(g) = r.gender.map(Gender::code) {
            if stored.gender.as_deref() != Some(g) {
                fields.push(("gender", json!(g)));
            }
        }
        if birth.is_some() && stored.birth != birth {
            fields.push(("birth_date", json!(birth)));
        }
        if r.phone.is_some() && stored.phone != r.phone {
            fields.push(("phone", json!(r.phone)));
        }
        if let Some(rel) = c.relation.filter(|rel| *rel != stored.relation) {
            fields.push(("relation", json!(rel)));
        }
        if !c.tags.is_empty() && json_list(&stored.tags) != c.tags {
            fields.push(("care_tags", json!(serde_json::to_string(&c.tags)?)));
        }
        if let Some(n) = r.notes.as_deref().filter(|n| *n != stored.notes) {
            fields.push(("notes", json!(n)));
        }
        if stored.moved_out.is_some() {
            fields.push(("moved_out", Value::Null));
        }
        if !fields.is_empty() {
            w.write(RowWrite {
                table: "residents",
                row_id: stored_id,
                fields,
                scope,
            })?;
            self.summary.residents.updated += 1;
        }
        Ok(())
    }

    /// A resident without an ID number who has the name and birth date of someone in another
    /// household of the community is imported, with a warning to check.
    fn warn_possible_duplicate(
        &mut self,
        w: &Writer<'_>,
        household: Id,
        scope: Scope,
        r: &SheetResident,
        name: &str,
        birth: &str,
    ) -> Result<()> {
        let other: Option<(Option<String>, Option<String>, String)> = w
            .tx()
            .prepare_cached(
                "SELECT b.name, u.name, h.room FROM residents r
                 JOIN households h ON h.id = r.household_id
                 LEFT JOIN places b ON b.id = h.building_id LEFT JOIN places u ON u.id = h.unit_id
                 WHERE r.community_id IS ?1 AND r.name = ?2 AND r.birth_date = ?3
                 AND r.deleted = 0 AND r.household_id IS NOT ?4 LIMIT 1",
            )?
            .query_row(
                params![id_text(scope.community), name, birth, household.to_string()],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        if let Some((b, u, room)) = other {
            let address = crate::register::address_text(b.as_deref(), u.as_deref(), &room);
            self.warn(
                r,
                format!(
                    "{address}已有同名、同出生日期的居民，已作为新居民导入，请核对是否为同一人"
                ),
            );
        }
        Ok(())
    }
}
