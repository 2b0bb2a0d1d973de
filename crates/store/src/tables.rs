//! The synced tables and their columns: the one whitelist that local writes, applied remote
//! changes and the canonical export all go through. A table or column not listed here cannot be
//! written through the journal, whoever asks.

use linli_domain::DomainError;

/// Entities merge per field; facts are inserted once and never change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableKind {
    Entity,
    Fact,
}

/// A synced table.
#[derive(Debug)]
pub struct TableDef {
    pub name: &'static str,
    pub kind: TableKind,
    /// Every column but `id`.
    pub columns: &'static [&'static str],
}

/// Every synced table, in the order the canonical export lists them.
pub const TABLES: &[TableDef] = &[
    TableDef {
        name: "places",
        kind: TableKind::Entity,
        columns: &["kind", "name", "parent_id", "deleted"],
    },
    TableDef {
        name: "grids",
        kind: TableKind::Entity,
        columns: &["kind", "name", "parent_id", "community_id", "deleted"],
    },
    TableDef {
        name: "grid_places",
        kind: TableKind::Entity,
        columns: &["grid_id", "place_id", "deleted"],
    },
    TableDef {
        name: "households",
        kind: TableKind::Entity,
        columns: &[
            "community_id",
            "building_id",
            "unit_id",
            "room",
            "phone",
            "residence_status",
            "floating",
            "tags",
            "notes",
            "moved_out",
            "deleted",
        ],
    },
    TableDef {
        name: "residents",
        kind: TableKind::Entity,
        columns: &[
            "household_id",
            "community_id",
            "name",
            "gender",
            "birth_date",
            "id_number",
            "phone",
            "relation",
            "care_tags",
            "moved_in",
            "moved_out",
            "notes",
            "deleted",
            "party_member",
        ],
    },
    TableDef {
        name: "people",
        kind: TableKind::Entity,
        columns: &["community_id", "name", "phone", "roles", "deleted"],
    },
    TableDef {
        name: "assignments",
        kind: TableKind::Entity,
        columns: &["person_id", "grid_id", "place_id", "role", "deleted"],
    },
    TableDef {
        name: "reveals",
        kind: TableKind::Fact,
        columns: &[
            "resident_id",
            "field",
            "at",
            "device_id",
            "author",
            "seen_by",
            "seen_name",
            "seen_at",
        ],
    },
    TableDef {
        name: "visits",
        kind: TableKind::Fact,
        columns: &[
            "household_id",
            "community_id",
            "visitor_id",
            "at",
            "kind",
            "outcome",
            "findings",
            "member_updates",
            "needs_follow_up",
            "corrects",
            "void",
        ],
    },
    TableDef {
        name: "visit_reviews",
        kind: TableKind::Fact,
        columns: &["visit_id", "reviewer_id", "at", "note", "task_id"],
    },
    TableDef {
        name: "visit_rules",
        kind: TableKind::Entity,
        columns: &["community_id", "care_days", "everyone_days", "deleted"],
    },
    TableDef {
        name: "tasks",
        kind: TableKind::Entity,
        columns: &[
            "community_id",
            "title",
            "category",
            "subcategory",
            "description",
            "household_id",
            "place_id",
            "raised_by",
            "visit_id",
            "due_date",
            "raised_at",
            "deleted",
            "source",
        ],
    },
    TableDef {
        name: "task_events",
        kind: TableKind::Fact,
        columns: &[
            "task_id",
            "kind",
            "at",
            "by_id",
            "assignee_id",
            "team",
            "due_date",
            "result",
            "photos",
            "rating",
            "comment",
            "level",
        ],
    },
    TableDef {
        name: "task_rules",
        kind: TableKind::Entity,
        columns: &["community_id", "category", "escalate_after_days", "deleted"],
    },
    TableDef {
        name: "attachments",
        kind: TableKind::Fact,
        columns: &[
            "owner_table",
            "owner_id",
            "hash",
            "size",
            "mime",
            "name",
            "at",
        ],
    },
    TableDef {
        name: "volunteers",
        kind: TableKind::Entity,
        columns: &[
            "community_id",
            "resident_id",
            "name",
            "phone",
            "skills",
            "availability",
            "deleted",
        ],
    },
    TableDef {
        name: "teams",
        kind: TableKind::Entity,
        columns: &["community_id", "kind", "name", "deleted"],
    },
    TableDef {
        name: "team_members",
        kind: TableKind::Entity,
        columns: &["team_id", "volunteer_id", "leader", "deleted"],
    },
    TableDef {
        name: "party_members",
        kind: TableKind::Entity,
        columns: &[
            "volunteer_id",
            "community_id",
            "work_unit",
            "pledges",
            "registered_on",
            "deleted",
        ],
    },
    TableDef {
        name: "activities",
        kind: TableKind::Entity,
        columns: &[
            "community_id",
            "team_id",
            "title",
            "category",
            "date",
            "minutes",
            "place",
            "deleted",
            "start_time",
            "capacity",
        ],
    },
    TableDef {
        name: "activity_signups",
        kind: TableKind::Fact,
        columns: &["activity_id", "volunteer_id", "at"],
    },
    TableDef {
        name: "attendance",
        kind: TableKind::Fact,
        columns: &["activity_id", "volunteer_id", "present", "at"],
    },
    TableDef {
        name: "service_hours",
        kind: TableKind::Fact,
        columns: &[
            "volunteer_id",
            "community_id",
            "activity_id",
            "minutes",
            "category",
            "date",
            "reverses",
            "note",
            "at",
            "credited_by",
        ],
    },
    TableDef {
        name: "hour_verifications",
        kind: TableKind::Fact,
        columns: &["entry_id", "verified_by", "at"],
    },
    TableDef {
        name: "hour_rejections",
        kind: TableKind::Fact,
        columns: &["entry_id", "rejected_by", "reason", "at"],
    },
    TableDef {
        name: "points_rules",
        kind: TableKind::Entity,
        columns: &[
            "community_id",
            "rates",
            "default_rate",
            "entry_cap",
            "month_cap",
            "expiry_months",
            "deleted",
        ],
    },
    TableDef {
        name: "ledger",
        kind: TableKind::Fact,
        columns: &[
            "volunteer_id",
            "community_id",
            "kind",
            "points",
            "date",
            "entry_id",
            "item_id",
            "quantity",
            "reverses",
            "note",
            "at",
        ],
    },
    TableDef {
        name: "ledger_reviews",
        kind: TableKind::Fact,
        columns: &["ledger_id", "reason", "at"],
    },
    TableDef {
        name: "ledger_resolutions",
        kind: TableKind::Fact,
        columns: &["ledger_id", "resolution", "reversal_id", "note", "at"],
    },
    TableDef {
        name: "catalogue_items",
        kind: TableKind::Entity,
        columns: &["community_id", "kind", "name", "cost", "unit", "deleted"],
    },
    TableDef {
        name: "stock_moves",
        kind: TableKind::Fact,
        columns: &["item_id", "delta", "ledger_id", "at"],
    },
    TableDef {
        name: "community_settings",
        kind: TableKind::Entity,
        columns: &["community_id", "station_name", "care_tags", "deleted"],
    },
    TableDef {
        name: "place_details",
        kind: TableKind::Entity,
        columns: &["community_id", "floors", "deleted"],
    },
    // the sharing station's lending register (issue 19)
    TableDef {
        name: "lend_rules",
        kind: TableKind::Entity,
        columns: &[
            "community_id",
            "max_loans",
            "block_overdue_days",
            "renew_overdue_days",
            "pickup_days",
            "deleted",
        ],
    },
    TableDef {
        name: "lend_kinds",
        kind: TableKind::Entity,
        columns: &[
            "community_id",
            "name",
            "category",
            "loan_days",
            "max_renewals",
            "buffer_days",
            "deposit_unit",
            "deposit",
            "needs_approval",
            "consumable",
            "care_notes",
            "parts",
            "deleted",
        ],
    },
    TableDef {
        name: "lend_copies",
        kind: TableKind::Entity,
        columns: &[
            "community_id",
            "kind_id",
            "code",
            "serial",
            "condition",
            "location",
            "value",
            "donor_resident_id",
            "donor_unit",
            "deleted",
        ],
    },
    TableDef {
        name: "loans",
        kind: TableKind::Fact,
        columns: &[
            "community_id",
            "copy_id",
            "kind_id",
            "household_id",
            "resident_id",
            "lent_on",
            "due",
            "handout",
            "note",
            "at",
        ],
    },
    TableDef {
        name: "loan_events",
        kind: TableKind::Fact,
        columns: &[
            "loan_id",
            "community_id",
            "kind",
            "date",
            "due",
            "outcome",
            "condition",
            "missing_parts",
            "note",
            "at",
        ],
    },
    TableDef {
        name: "lend_holds",
        kind: TableKind::Fact,
        columns: &[
            "community_id",
            "kind_id",
            "household_id",
            "resident_id",
            "placed_on",
            "at",
        ],
    },
    TableDef {
        name: "hold_events",
        kind: TableKind::Fact,
        columns: &[
            "hold_id",
            "community_id",
            "kind",
            "copy_id",
            "pickup_by",
            "date",
            "at",
        ],
    },
    TableDef {
        name: "copy_events",
        kind: TableKind::Fact,
        columns: &[
            "copy_id",
            "community_id",
            "kind",
            "date",
            "next_due",
            "note",
            "at",
        ],
    },
    TableDef {
        name: "lend_deposits",
        kind: TableKind::Fact,
        columns: &[
            "community_id",
            "loan_id",
            "household_id",
            "kind",
            "unit",
            "amount",
            "volunteer_id",
            "ledger_id",
            "settles",
            "date",
            "note",
            "at",
        ],
    },
    // targets per community or grid, versioned by month (issue 21, docs/targets.md)
    TableDef {
        name: "targets",
        kind: TableKind::Fact,
        columns: &[
            "community_id",
            "place_id",
            "grid_id",
            "from_month",
            "visits",
            "coverage_pct",
            "on_time_pct",
            "at",
        ],
    },
    // the mediation register (人民调解, issue 20 item 1, docs/mediation.md)
    TableDef {
        name: "mediation_settings",
        kind: TableKind::Entity,
        columns: &["community_id", "prefix", "committee", "deleted"],
    },
    TableDef {
        name: "mediation_cases",
        kind: TableKind::Entity,
        columns: &[
            "community_id",
            "place_id",
            "year",
            "number",
            "kind",
            "source",
            "brief",
            "registered_on",
            "mediators",
            "deleted",
        ],
    },
    TableDef {
        name: "mediation_parties",
        kind: TableKind::Entity,
        columns: &[
            "case_id",
            "community_id",
            "side",
            "resident_id",
            "name",
            "gender",
            "age",
            "phone",
            "address",
            "unit",
            "deleted",
        ],
    },
    TableDef {
        name: "mediation_events",
        kind: TableKind::Fact,
        columns: &[
            "case_id",
            "community_id",
            "kind",
            "date",
            "time",
            "place",
            "present",
            "text",
            "outcome",
            "route",
            "carry_how",
            "carry_where",
            "carry_by",
            "days",
            "parties",
            "mediators",
            "court",
            "result",
            "risks",
            "at",
        ],
    },
    // programmes for residents' children (托管, issue 25 item 1, docs/programmes.md)
    TableDef {
        name: "programmes",
        kind: TableKind::Entity,
        columns: &[
            "community_id",
            "place_id",
            "room",
            "kind",
            "name",
            "weekdays",
            "opens",
            "closes",
            "term_start",
            "term_end",
            "capacity",
            "age_min",
            "age_max",
            "staff",
            "note",
            "deleted",
        ],
    },
    TableDef {
        name: "programme_enrolments",
        kind: TableKind::Entity,
        columns: &[
            "programme_id",
            "community_id",
            "resident_id",
            "guardians",
            "state",
            "since",
            "queued_at",
            "left_on",
            "note",
            "deleted",
        ],
    },
    TableDef {
        name: "programme_attendance",
        kind: TableKind::Fact,
        columns: &[
            "programme_id",
            "enrolment_id",
            "community_id",
            "date",
            "act",
            "time",
            "collector",
            "collector_name",
            "reason",
            "at",
        ],
    },
    TableDef {
        name: "programme_shifts",
        kind: TableKind::Fact,
        columns: &[
            "programme_id",
            "community_id",
            "date",
            "volunteer_id",
            "minutes",
            "entry_id",
            "at",
        ],
    },
];

/// The definition of a synced table.
pub fn table(name: &str) -> Option<&'static TableDef> {
    TABLES.iter().find(|t| t.name == name)
}

/// `name` as the column of `def` it names (a `'static` name), if it is one.
pub(crate) fn column(def: &'static TableDef, name: &str) -> Option<&'static str> {
    def.columns.iter().copied().find(|c| *c == name)
}

/// Refuses a write to a table or column that is not synced, or of the wrong kind.
pub(crate) fn check_write<'a>(
    name: &str,
    kind: TableKind,
    mut fields: impl Iterator<Item = &'a str>,
) -> crate::Result<&'static TableDef> {
    let def = table(name).filter(|d| d.kind == kind).ok_or_else(|| {
        DomainError::coded(
            "table",
            linli_domain::msg::NOT_A_SYNC_TABLE,
            linli_domain::args![name = name],
        )
    })?;
    if let Some(bad) = fields.find(|f| !def.columns.contains(f)) {
        return Err(DomainError::coded(
            "field",
            linli_domain::msg::TABLE_NO_FIELD,
            linli_domain::args![table = name, field = bad],
        )
        .into());
    }
    Ok(def)
}

#[cfg(test)]
#[path = "tables_tests.rs"]
mod tests;
