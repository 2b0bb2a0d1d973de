-- 0006: fewer b-tree entries per written row; a pull of 100,000 households writes a journal
-- entry, a row and a search key for each. Never edit a landed migration; add the next number.

-- The journal keyed by its change id alone (WITHOUT ROWID): the table is its primary-key index,
-- one b-tree fewer per change. Same columns, same constraints, same indexes.
CREATE TABLE journal_0006 (
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
) STRICT, WITHOUT ROWID;
INSERT INTO journal_0006 (change_id, device_id, device_seq, hlc, author, scope_community,
                          scope_grid, scope_place, tbl, row_id, fields)
    SELECT change_id, device_id, device_seq, hlc, author, scope_community, scope_grid,
           scope_place, tbl, row_id, fields FROM journal;
DROP TABLE journal;
ALTER TABLE journal_0006 RENAME TO journal;
CREATE INDEX journal_by_row ON journal (tbl, row_id);

-- The search index likewise keyed by row id alone, and its name, pinyin and initials indexes
-- partial: a household's entry has none of the three (''), so they held an empty key for every
-- household. Queries on them say `AND name != ''` (and so on) so SQLite may use them.
CREATE TABLE search_index_0006 (
    row_id       TEXT PRIMARY KEY,
    kind         TEXT NOT NULL,
    household_id TEXT NOT NULL,
    name         TEXT NOT NULL DEFAULT '',
    py           TEXT NOT NULL DEFAULT '',
    ini          TEXT NOT NULL DEFAULT '',
    id_rev       TEXT,
    phone_rev    TEXT,
    addr         TEXT
) STRICT, WITHOUT ROWID;
INSERT INTO search_index_0006 (row_id, kind, household_id, name, py, ini, id_rev, phone_rev, addr)
    SELECT row_id, kind, household_id, name, py, ini, id_rev, phone_rev, addr FROM search_index;
DROP TABLE search_index;
ALTER TABLE search_index_0006 RENAME TO search_index;
CREATE INDEX search_by_name ON search_index (name) WHERE name != '';
CREATE INDEX search_by_py ON search_index (py) WHERE py != '';
CREATE INDEX search_by_ini ON search_index (ini) WHERE ini != '';
CREATE INDEX search_by_id ON search_index (id_rev) WHERE id_rev IS NOT NULL;
CREATE INDEX search_by_phone ON search_index (phone_rev) WHERE phone_rev IS NOT NULL;
CREATE INDEX search_by_addr ON search_index (addr) WHERE addr IS NOT NULL;
