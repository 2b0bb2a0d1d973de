//! Every synced table's columns with their types and whether they may be null: the one list the
//! server checks pushed values against and the laptop checks pulled values against (its SQL
//! schema is tested to match it). A value that passes here can be stored by every laptop.

use serde_json::Value;

/// Entities merge per field; facts are inserted once and never change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableKind {
    Entity,
    Fact,
}

/// The type of a synced column as it travels: SQLite `TEXT` or `INTEGER`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColType {
    /// A JSON string (JSON lists such as `tags` travel as their text).
    Text,
    /// A JSON whole number in `i64`, or `true`/`false` (stored as 1/0).
    Int,
}

/// One column of a synced table (every column but `id`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    pub name: &'static str,
    pub ty: ColType,
    pub nullable: bool,
}

/// A synced table: its name, kind and columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SyncedTable {
    pub name: &'static str,
    pub kind: TableKind,
    pub columns: &'static [Column],
}

impl SyncedTable {
    pub fn column(&self, name: &str) -> Option<&'static Column> {
        self.columns.iter().find(|c| c.name == name)
    }
}

/// The most fields one change may carry.
pub const MAX_FIELDS: usize = 64;

/// The largest value (as JSON text) one field may carry: 64 KiB.
pub const MAX_VALUE_BYTES: usize = 64 * 1024;

const fn text(name: &'static str) -> Column {
    Column {
        name,
        ty: ColType::Text,
        nullable: false,
    }
}

const fn text_or_null(name: &'static str) -> Column {
    Column {
        name,
        ty: ColType::Text,
        nullable: true,
    }
}

const fn int(name: &'static str) -> Column {
    Column {
        name,
        ty: ColType::Int,
        nullable: false,
    }
}

const fn int_or_null(name: &'static str) -> Column {
    Column {
        name,
        ty: ColType::Int,
        nullable: true,
    }
}

const fn entity(name: &'static str, columns: &'static [Column]) -> SyncedTable {
    SyncedTable {
        name,
        kind: TableKind::Entity,
        columns,
    }
}

const fn fact(name: &'static str, columns: &'static [Column]) -> SyncedTable {
    SyncedTable {
        name,
        kind: TableKind::Fact,
        columns,
    }
}

/// Every synced table of the laptop, in the order the canonical export lists them.
pub const SYNCED_TABLES: &[SyncedTable] = &[
    entity(
        "places",
        &[
            text("kind"),
            text("name"),
            text_or_null("parent_id"),
            int("deleted"),
        ],
    ),
    entity(
        "grids",
        &[
            text("kind"),
            text("name"),
            text_or_null("parent_id"),
            text_or_null("community_id"),
            int("deleted"),
        ],
    ),
    entity(
        "grid_places",
        &[
            text_or_null("grid_id"),
            text_or_null("place_id"),
            int("deleted"),
        ],
    ),
    entity(
        "households",
        &[
            text_or_null("community_id"),
            text_or_null("building_id"),
            text_or_null("unit_id"),
            text("room"),
            text_or_null("phone"),
            text("residence_status"),
            int("floating"),
            text("tags"),
            text("notes"),
            text_or_null("moved_out"),
            int("deleted"),
        ],
    ),
    entity(
        "residents",
        &[
            text_or_null("household_id"),
            text_or_null("community_id"),
            text("name"),
            text_or_null("gender"),
            text_or_null("birth_date"),
            text_or_null("id_number"),
            text_or_null("phone"),
            text("relation"),
            text("care_tags"),
            text_or_null("moved_in"),
            text_or_null("moved_out"),
            text("notes"),
            int("deleted"),
            int("party_member"),
        ],
    ),
    entity(
        "people",
        &[
            text_or_null("community_id"),
            text("name"),
            text_or_null("phone"),
            text("roles"),
            int("deleted"),
        ],
    ),
    entity(
        "assignments",
        &[
            text_or_null("person_id"),
            text_or_null("grid_id"),
            text_or_null("place_id"),
            text("role"),
            int("deleted"),
        ],
    ),
    fact(
        "reveals",
        &[
            text("resident_id"),
            text("field"),
            text("at"),
            text("device_id"),
            text_or_null("author"),
            // stamped by the server on arrival (whatever the laptop sent): the authenticated
            // user (id and name) and the server's own time; empty on the laptop that made it
            text_or_null("seen_by"),
            text_or_null("seen_name"),
            text_or_null("seen_at"),
        ],
    ),
    fact(
        "visits",
        &[
            text("household_id"),
            text_or_null("community_id"),
            text_or_null("visitor_id"),
            text("at"),
            text("kind"),
            text("outcome"),
            text("findings"),
            text("member_updates"),
            int("needs_follow_up"),
            text_or_null("corrects"),
            int("void"),
        ],
    ),
    fact(
        "visit_reviews",
        &[
            text("visit_id"),
            text_or_null("reviewer_id"),
            text("at"),
            text("note"),
            text_or_null("task_id"),
        ],
    ),
    entity(
        "visit_rules",
        &[
            text_or_null("community_id"),
            int("care_days"),
            int("everyone_days"),
            int("deleted"),
        ],
    ),
    entity(
        "tasks",
        &[
            text_or_null("community_id"),
            text("title"),
            text("category"),
            text_or_null("subcategory"),
            text("description"),
            text_or_null("household_id"),
            text_or_null("place_id"),
            text_or_null("raised_by"),
            text_or_null("visit_id"),
            text_or_null("due_date"),
            text("raised_at"),
            int("deleted"),
            text_or_null("source"),
        ],
    ),
    fact(
        "task_events",
        &[
            text("task_id"),
            text("kind"),
            text("at"),
            text_or_null("by_id"),
            text_or_null("assignee_id"),
            text_or_null("team"),
            text_or_null("due_date"),
            text("result"),
            text("photos"),
            int_or_null("rating"),
            text("comment"),
            int_or_null("level"),
        ],
    ),
    entity(
        "task_rules",
        &[
            text_or_null("community_id"),
            text("category"),
            int("escalate_after_days"),
            int("deleted"),
        ],
    ),
    fact(
        "attachments",
        &[
            text("owner_table"),
            text("owner_id"),
            text("hash"),
            int("size"),
            text("mime"),
            text("name"),
            text("at"),
        ],
    ),
    entity(
        "volunteers",
        &[
            text_or_null("community_id"),
            text_or_null("resident_id"),
            text("name"),
            text_or_null("phone"),
            text("skills"),
            text("availability"),
            int("deleted"),
        ],
    ),
    entity(
        "teams",
        &[
            text_or_null("community_id"),
            text("kind"),
            text("name"),
            int("deleted"),
        ],
    ),
    entity(
        "team_members",
        &[
            text_or_null("team_id"),
            text_or_null("volunteer_id"),
            int("leader"),
            int("deleted"),
        ],
    ),
    entity(
        "party_members",
        &[
            text_or_null("volunteer_id"),
            text_or_null("community_id"),
            text("work_unit"),
            text("pledges"),
            text_or_null("registered_on"),
            int("deleted"),
        ],
    ),
    entity(
        "activities",
        &[
            text_or_null("community_id"),
            text_or_null("team_id"),
            text("title"),
            text("category"),
            text("date"),
            int("minutes"),
            text("place"),
            int("deleted"),
            text("start_time"),
            int_or_null("capacity"),
        ],
    ),
    fact(
        "activity_signups",
        &[text("activity_id"), text("volunteer_id"), text("at")],
    ),
    fact(
        "attendance",
        &[
            text("activity_id"),
            text("volunteer_id"),
            int("present"),
            text("at"),
        ],
    ),
    fact(
        "service_hours",
        &[
            text("volunteer_id"),
            text_or_null("community_id"),
            text_or_null("activity_id"),
            int("minutes"),
            text("category"),
            text("date"),
            text_or_null("reverses"),
            text("note"),
            text("at"),
            text_or_null("credited_by"),
        ],
    ),
    fact(
        "hour_verifications",
        &[text("entry_id"), text_or_null("verified_by"), text("at")],
    ),
    fact(
        "hour_rejections",
        &[
            text("entry_id"),
            text_or_null("rejected_by"),
            text("reason"),
            text("at"),
        ],
    ),
    entity(
        "points_rules",
        &[
            text_or_null("community_id"),
            text("rates"),
            int("default_rate"),
            int_or_null("entry_cap"),
            int_or_null("month_cap"),
            int_or_null("expiry_months"),
            int("deleted"),
        ],
    ),
    fact(
        "ledger",
        &[
            text("volunteer_id"),
            text_or_null("community_id"),
            text("kind"),
            int("points"),
            text("date"),
            text_or_null("entry_id"),
            text_or_null("item_id"),
            int_or_null("quantity"),
            text_or_null("reverses"),
            text("note"),
            text("at"),
        ],
    ),
    fact(
        "ledger_reviews",
        &[text("ledger_id"), text("reason"), text("at")],
    ),
    fact(
        "ledger_resolutions",
        &[
            text("ledger_id"),
            text("resolution"),
            text_or_null("reversal_id"),
            text("note"),
            text("at"),
        ],
    ),
    entity(
        "catalogue_items",
        &[
            text_or_null("community_id"),
            text("kind"),
            text("name"),
            int("cost"),
            text("unit"),
            int("deleted"),
        ],
    ),
    fact(
        "stock_moves",
        &[
            text("item_id"),
            int("delta"),
            text_or_null("ledger_id"),
            text("at"),
        ],
    ),
    entity(
        "community_settings",
        &[
            text_or_null("community_id"),
            text("station_name"),
            text("care_tags"),
            int("deleted"),
        ],
    ),
    entity(
        "place_details",
        &[
            text_or_null("community_id"),
            int_or_null("floors"),
            int("deleted"),
        ],
    ),
    // the sharing station's lending register (issue 19, docs/lending.md)
    entity(
        "lend_rules",
        &[
            text_or_null("community_id"),
            int("max_loans"),
            int("block_overdue_days"),
            int("renew_overdue_days"),
            int("pickup_days"),
            int("deleted"),
        ],
    ),
    entity(
        "lend_kinds",
        &[
            text_or_null("community_id"),
            text("name"),
            text("category"),
            int("loan_days"),
            int("max_renewals"),
            int("buffer_days"),
            text("deposit_unit"),
            int("deposit"),
            int("needs_approval"),
            int("consumable"),
            text("care_notes"),
            text("parts"),
            int("deleted"),
        ],
    ),
    entity(
        "lend_copies",
        &[
            text_or_null("community_id"),
            text_or_null("kind_id"),
            text("code"),
            text("serial"),
            text("condition"),
            text("location"),
            int_or_null("value"),
            text_or_null("donor_resident_id"),
            text("donor_unit"),
            int("deleted"),
        ],
    ),
    fact(
        "loans",
        &[
            text_or_null("community_id"),
            text("copy_id"),
            text("kind_id"),
            text("household_id"),
            text_or_null("resident_id"),
            text("lent_on"),
            text("due"),
            int("handout"),
            text("note"),
            text("at"),
        ],
    ),
    fact(
        "loan_events",
        &[
            text("loan_id"),
            text_or_null("community_id"),
            text("kind"),
            text("date"),
            text_or_null("due"),
            text_or_null("outcome"),
            text("condition"),
            text("missing_parts"),
            text("note"),
            text("at"),
        ],
    ),
    fact(
        "lend_holds",
        &[
            text_or_null("community_id"),
            text("kind_id"),
            text("household_id"),
            text_or_null("resident_id"),
            text("placed_on"),
            text("at"),
        ],
    ),
    fact(
        "hold_events",
        &[
            text("hold_id"),
            text_or_null("community_id"),
            text("kind"),
            text_or_null("copy_id"),
            text_or_null("pickup_by"),
            text("date"),
            text("at"),
        ],
    ),
    fact(
        "copy_events",
        &[
            text("copy_id"),
            text_or_null("community_id"),
            text("kind"),
            text("date"),
            text_or_null("next_due"),
            text("note"),
            text("at"),
        ],
    ),
    fact(
        "lend_deposits",
        &[
            text_or_null("community_id"),
            text_or_null("loan_id"),
            text("household_id"),
            text("kind"),
            text("unit"),
            int("amount"),
            text_or_null("volunteer_id"),
            text_or_null("ledger_id"),
            text_or_null("settles"),
            text("date"),
            text("note"),
            text("at"),
        ],
    ),
];

/// `test_ledger`: a fact table with a floor (`FLOOR_RULES`) that the sync tests exercise the
/// mechanism with. The server accepts it like any synced table; a laptop without it keeps its
/// changes aside.
pub const TEST_LEDGER: SyncedTable = fact("test_ledger", &[text("account"), int("delta")]);

/// A synced table of the laptop by name.
pub fn synced_table(name: &str) -> Option<&'static SyncedTable> {
    SYNCED_TABLES.iter().find(|t| t.name == name)
}

/// A table the server accepts changes for: every synced table and [`TEST_LEDGER`].
pub fn server_table(name: &str) -> Option<&'static SyncedTable> {
    synced_table(name).or((name == TEST_LEDGER.name).then_some(&TEST_LEDGER))
}

/// Why a value does not fit its column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueProblem {
    /// null in a column that may not be null
    Null,
    /// not text in a text column
    NotText,
    /// not a whole number (or a bool) in an integer column
    NotInt,
}

impl ValueProblem {
    /// The reason in Chinese and English, as the laptop's kept-aside changes give it.
    pub fn why(self) -> &'static str {
        match self {
            ValueProblem::Null => "不能为空 (may not be null)",
            ValueProblem::NotText => "必须是文字 (must be text)",
            ValueProblem::NotInt => "必须是整数 (must be a whole number)",
        }
    }
}

/// Why a value does not fit its column, if it does not.
pub fn value_problem(col: &Column, v: &Value) -> Option<ValueProblem> {
    match (v, col.ty) {
        (Value::Null, _) if col.nullable => None,
        (Value::Null, _) => Some(ValueProblem::Null),
        (Value::String(_), ColType::Text) => None,
        (Value::Bool(_), ColType::Int) => None,
        (Value::Number(n), ColType::Int) if n.is_i64() => None,
        (_, ColType::Text) => Some(ValueProblem::NotText),
        (_, ColType::Int) => Some(ValueProblem::NotInt),
    }
}

/// What is wrong with a change's fields against its table (the one rule; [`check_fields`] says
/// it as a sentence, the server as a catalogue code).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldProblem {
    /// more than [`MAX_FIELDS`] fields
    TooMany,
    /// a field the table does not have
    NoSuchField(String),
    /// a value that does not fit its column
    Value(String, ValueProblem),
    /// a text value over [`MAX_VALUE_BYTES`] (its length in bytes)
    TooLong(String, usize),
}

/// Checks a change's fields against `table`: each a known column, of its type, null only where
/// allowed, at most [`MAX_FIELDS`] of them, none over [`MAX_VALUE_BYTES`]. Answers the first
/// problem.
pub fn field_problem<'a>(
    table: &SyncedTable,
    fields: impl ExactSizeIterator<Item = (&'a String, &'a Value)>,
) -> Option<FieldProblem> {
    if fields.len() > MAX_FIELDS {
        return Some(FieldProblem::TooMany);
    }
    for (name, v) in fields {
        let Some(col) = table.column(name) else {
            return Some(FieldProblem::NoSuchField(name.clone()));
        };
        if let Some(why) = value_problem(col, v) {
            return Some(FieldProblem::Value(name.clone(), why));
        }
        if let Value::String(s) = v {
            if s.len() > MAX_VALUE_BYTES {
                return Some(FieldProblem::TooLong(name.clone(), s.len()));
            }
        }
    }
    None
}

/// [`field_problem`] as one sentence in Chinese and English naming the table, the field and why.
pub fn check_fields<'a>(
    table: &SyncedTable,
    fields: impl ExactSizeIterator<Item = (&'a String, &'a Value)>,
) -> Result<(), String> {
    let t = table.name;
    match field_problem(table, fields) {
        None => Ok(()),
        Some(FieldProblem::TooMany) => Err(format!(
            "数据表“{t}”的一条变更最多 {MAX_FIELDS} 个字段 (a change to {t} carries at most {MAX_FIELDS} fields)"
        )),
        Some(FieldProblem::NoSuchField(name)) => Err(format!(
            "数据表“{t}”没有字段“{name}” (table {t} has no field {name})"
        )),
        Some(FieldProblem::Value(name, why)) => Err(format!("{t}.{name} {}", why.why())),
        Some(FieldProblem::TooLong(name, len)) => Err(format!(
            "{t}.{name} 超过 64 KB (is over 64 KiB: {len} bytes)"
        )),
    }
}

#[cfg(test)]
#[path = "schema_tests.rs"]
mod tests;
