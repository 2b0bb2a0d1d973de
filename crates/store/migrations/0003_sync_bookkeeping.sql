-- 0003: the laptop's sync bookkeeping (the outbox is the journal past meta.sync_acked_seq; the
-- pull cursor is meta.sync_cursor). Never edit a landed migration; add the next number instead.

-- Local changes the server refused (outside the user's grants, or invalid), so the Sync page can
-- show them. The local row keeps the refused write until someone corrects it.
CREATE TABLE sync_refusals (
    device_seq INTEGER PRIMARY KEY,
    tbl        TEXT NOT NULL,
    row_id     TEXT NOT NULL,
    reason     TEXT NOT NULL,
    message    TEXT NOT NULL,
    at_ms      INTEGER NOT NULL
) STRICT;

-- Rows the server marked as needing review (a fact that overdrew its floor).
CREATE TABLE sync_reviews (
    tbl        TEXT NOT NULL,
    row_id     TEXT NOT NULL,
    server_seq INTEGER NOT NULL,
    PRIMARY KEY (tbl, row_id)
) STRICT;

-- Pulled changes this build cannot apply (a table or field a newer Linli added), kept to apply
-- after an upgrade instead of being lost behind the pull cursor.
CREATE TABLE sync_unapplied (
    server_seq INTEGER PRIMARY KEY,
    change     TEXT NOT NULL
) STRICT;
