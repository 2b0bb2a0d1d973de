-- 0001: the first schema. Never edit a landed migration; add the next number instead.
PRAGMA application_id = 1280199753; -- 'LNLI'

-- Local bookkeeping of this laptop: its device id, its clock, sync cursors. Never synced.
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

-- Entity: places of the administrative tree. Every column has a default so that a change carrying
-- only some fields can create the row (sync merges per field). Every entity table ends with `_v`.
CREATE TABLE places (
    id        TEXT PRIMARY KEY,
    kind      TEXT NOT NULL DEFAULT 'community',
    name      TEXT NOT NULL DEFAULT '',
    parent_id TEXT,
    deleted   INTEGER NOT NULL DEFAULT 0,
    -- the version of each field: {"field": "HLC DEVICE", …}, "*" standing for every field not
    -- named; what per-field last-writer-wins compares against. Local bookkeeping, never exported.
    _v        TEXT NOT NULL DEFAULT '{}'
) STRICT;
CREATE INDEX places_by_parent ON places (parent_id, name);
CREATE INDEX places_by_kind ON places (kind, name);

-- The change journal: one entry per write, written in the same transaction as the row.
CREATE TABLE journal (
    change_id       TEXT PRIMARY KEY,
    device_id       TEXT NOT NULL,
    device_seq      INTEGER NOT NULL,
    hlc             TEXT NOT NULL,
    author          TEXT,
    scope_community TEXT,
    scope_grid      TEXT,
    scope_place     TEXT,
    tbl             TEXT NOT NULL,
    row_id          TEXT NOT NULL,
    fields          TEXT NOT NULL,
    UNIQUE (device_id, device_seq)
) STRICT;
CREATE INDEX journal_by_row ON journal (tbl, row_id);
