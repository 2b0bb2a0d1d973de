-- 0017 (h19lend): 米邻驿站, the sharing station's lending register (issue 19). Kinds, copies and
-- each community's lending rules are entities (merged per field); everything that happens to a
-- copy — a loan, its renewals and return, a hold and its turns, a service or status event, a
-- deposit taken, refunded or forfeited — is a fact, inserted once. A copy's status is derived
-- from the facts, never stored, so two laptops lending the same copy offline leave two open
-- loans that both laptops show as a conflict after sync.
CREATE TABLE IF NOT EXISTS lend_rules (
    id                 TEXT PRIMARY KEY,
    community_id       TEXT,
    max_loans          INTEGER NOT NULL DEFAULT 5,
    block_overdue_days INTEGER NOT NULL DEFAULT 14,
    renew_overdue_days INTEGER NOT NULL DEFAULT 7,
    pickup_days        INTEGER NOT NULL DEFAULT 3,
    deleted            INTEGER NOT NULL DEFAULT 0,
    _v                 TEXT NOT NULL DEFAULT '{}'
) STRICT;

CREATE TABLE IF NOT EXISTS lend_kinds (
    id             TEXT PRIMARY KEY,
    community_id   TEXT,
    name           TEXT NOT NULL DEFAULT '',
    category       TEXT NOT NULL DEFAULT '',
    loan_days      INTEGER NOT NULL DEFAULT 14,
    max_renewals   INTEGER NOT NULL DEFAULT 1,
    buffer_days    INTEGER NOT NULL DEFAULT 0,
    deposit_unit   TEXT NOT NULL DEFAULT 'none',
    deposit        INTEGER NOT NULL DEFAULT 0,
    needs_approval INTEGER NOT NULL DEFAULT 0,
    consumable     INTEGER NOT NULL DEFAULT 0,
    care_notes     TEXT NOT NULL DEFAULT '',
    parts          TEXT NOT NULL DEFAULT '[]',
    deleted        INTEGER NOT NULL DEFAULT 0,
    _v             TEXT NOT NULL DEFAULT '{}'
) STRICT;
CREATE INDEX IF NOT EXISTS lend_kinds_by_community ON lend_kinds (community_id);

CREATE TABLE IF NOT EXISTS lend_copies (
    id                TEXT PRIMARY KEY,
    community_id      TEXT,
    kind_id           TEXT,
    code              TEXT NOT NULL DEFAULT '',
    serial            TEXT NOT NULL DEFAULT '',
    condition         TEXT NOT NULL DEFAULT '',
    location          TEXT NOT NULL DEFAULT '',
    value             INTEGER,
    donor_resident_id TEXT,
    donor_unit        TEXT NOT NULL DEFAULT '',
    deleted           INTEGER NOT NULL DEFAULT 0,
    _v                TEXT NOT NULL DEFAULT '{}'
) STRICT;
CREATE INDEX IF NOT EXISTS lend_copies_by_kind ON lend_copies (kind_id);
CREATE INDEX IF NOT EXISTS lend_copies_by_code ON lend_copies (community_id, code);

CREATE TABLE IF NOT EXISTS loans (
    id           TEXT PRIMARY KEY,
    community_id TEXT,
    copy_id      TEXT NOT NULL,
    kind_id      TEXT NOT NULL,
    household_id TEXT NOT NULL,
    resident_id  TEXT,
    lent_on      TEXT NOT NULL,
    due          TEXT NOT NULL,
    handout      INTEGER NOT NULL,
    note         TEXT NOT NULL,
    at           TEXT NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS loans_by_copy ON loans (copy_id);
CREATE INDEX IF NOT EXISTS loans_by_household ON loans (household_id);
CREATE INDEX IF NOT EXISTS loans_by_community ON loans (community_id, lent_on);

CREATE TABLE IF NOT EXISTS loan_events (
    id            TEXT PRIMARY KEY,
    loan_id       TEXT NOT NULL,
    community_id  TEXT,
    kind          TEXT NOT NULL,
    date          TEXT NOT NULL,
    due           TEXT,
    outcome       TEXT,
    condition     TEXT NOT NULL,
    missing_parts TEXT NOT NULL,
    note          TEXT NOT NULL,
    at            TEXT NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS loan_events_by_loan ON loan_events (loan_id);

CREATE TABLE IF NOT EXISTS lend_holds (
    id           TEXT PRIMARY KEY,
    community_id TEXT,
    kind_id      TEXT NOT NULL,
    household_id TEXT NOT NULL,
    resident_id  TEXT,
    placed_on    TEXT NOT NULL,
    at           TEXT NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS lend_holds_by_kind ON lend_holds (kind_id);

CREATE TABLE IF NOT EXISTS hold_events (
    id           TEXT PRIMARY KEY,
    hold_id      TEXT NOT NULL,
    community_id TEXT,
    kind         TEXT NOT NULL,
    copy_id      TEXT,
    pickup_by    TEXT,
    date         TEXT NOT NULL,
    at           TEXT NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS hold_events_by_hold ON hold_events (hold_id);
CREATE INDEX IF NOT EXISTS hold_events_by_copy ON hold_events (copy_id);

CREATE TABLE IF NOT EXISTS copy_events (
    id           TEXT PRIMARY KEY,
    copy_id      TEXT NOT NULL,
    community_id TEXT,
    kind         TEXT NOT NULL,
    date         TEXT NOT NULL,
    next_due     TEXT,
    note         TEXT NOT NULL,
    at           TEXT NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS copy_events_by_copy ON copy_events (copy_id);

CREATE TABLE IF NOT EXISTS lend_deposits (
    id           TEXT PRIMARY KEY,
    community_id TEXT,
    loan_id      TEXT,
    household_id TEXT NOT NULL,
    kind         TEXT NOT NULL,
    unit         TEXT NOT NULL,
    amount       INTEGER NOT NULL,
    volunteer_id TEXT,
    ledger_id    TEXT,
    settles      TEXT,
    date         TEXT NOT NULL,
    note         TEXT NOT NULL,
    at           TEXT NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS lend_deposits_by_household ON lend_deposits (household_id);
CREATE INDEX IF NOT EXISTS lend_deposits_by_loan ON lend_deposits (loan_id);
