-- 0007: two b-tree entries fewer for every row a pull brings (issue 4's speed).
-- Never edit a landed migration; add the next number.

-- The journal keyed by (device, sequence) alone. A change is as unique by its device and that
-- device's gapless sequence as by its id, and no query looks a change up by id: the separate
-- unique index on (device_id, device_seq) goes, and the table itself is the order the outbox
-- and `journal()` read. A change arriving twice is still kept once (INSERT OR IGNORE on the key).
CREATE TABLE journal_0007 (
    change_id       TEXT NOT NULL,
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
    PRIMARY KEY (device_id, device_seq)
) STRICT, WITHOUT ROWID;
INSERT INTO journal_0007 (change_id, device_id, device_seq, hlc, author, scope_community,
                          scope_grid, scope_place, tbl, row_id, fields)
    SELECT change_id, device_id, device_seq, hlc, author, scope_community, scope_grid,
           scope_place, tbl, row_id, fields FROM journal;
DROP TABLE journal;
ALTER TABLE journal_0007 RENAME TO journal;
CREATE INDEX journal_by_row ON journal (tbl, row_id);

-- No query can use an index on a household's community alone (they filter with
-- `?1 IS NULL OR community_id = ?1`, and read households by building or unit).
DROP INDEX IF EXISTS households_by_community;
