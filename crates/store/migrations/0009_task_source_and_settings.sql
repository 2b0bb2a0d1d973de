-- 0009: how a request came in, and this laptop's own settings.
-- Never edit a landed migration; add the next number.

-- How a request came in (电话, 来访, 走访, 随手拍, 网格上报); NULL for the tasks raised before
-- sources were recorded (a task from a visit then reads as 走访).
ALTER TABLE tasks ADD COLUMN source TEXT;

-- This laptop's settings, e.g. who works at it ('me' → a person's id). Local: not in tables.rs,
-- so the write path never journals it and sync never carries it.
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;
