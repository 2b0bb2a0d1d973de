-- 0008: why a pulled change was kept aside instead of applied (a table or field this build does
-- not know, a value the schema refuses, a row that will not insert), shown on the Sync page.
-- The table is made again rather than altered, so that running this over a file that has it
-- already (a file rolled back by hand) works too. Never edit a landed migration; add the next
-- number instead.
CREATE TABLE sync_unapplied_0008 (
    server_seq INTEGER PRIMARY KEY,
    change     TEXT NOT NULL,
    reason     TEXT NOT NULL DEFAULT ''
) STRICT;
INSERT INTO sync_unapplied_0008 (server_seq, change) SELECT server_seq, change FROM sync_unapplied;
DROP TABLE sync_unapplied;
ALTER TABLE sync_unapplied_0008 RENAME TO sync_unapplied;
