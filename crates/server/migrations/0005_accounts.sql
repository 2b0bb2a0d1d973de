-- 0005 (issue 17): users an administrator can disable, and the append-only audit log of every
-- admin action. Never edit a landed migration; add the next number instead.

ALTER TABLE users ADD COLUMN disabled INTEGER NOT NULL DEFAULT 0;

-- Tokens now expire when idle, and pulls now count as use; until this upgrade they did not, so
-- every device enrolled so far is counted as seen now rather than locked out at once.
UPDATE devices SET last_seen_ms = CAST(strftime('%s', 'now') AS INTEGER) * 1000
WHERE revoked = 0;

CREATE TABLE audit (
    audit_id  INTEGER PRIMARY KEY,
    county_id TEXT NOT NULL,
    at_ms     BIGINT NOT NULL,
    actor     TEXT NOT NULL,
    action    TEXT NOT NULL,
    target    TEXT NOT NULL,
    detail    TEXT NOT NULL DEFAULT ''
);

CREATE INDEX audit_at ON audit (at_ms);

CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;

CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN
    SELECT RAISE(ABORT, 'the audit log is append-only');
END;
