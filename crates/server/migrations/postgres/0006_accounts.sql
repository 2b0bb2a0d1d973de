-- 0006 (issue 17): users an administrator can disable, and the append-only audit log of every
-- admin action (a trigger refuses UPDATE, DELETE and TRUNCATE). Never edit a landed migration.

ALTER TABLE users ADD COLUMN disabled BOOLEAN NOT NULL DEFAULT false;

-- Tokens now expire when idle, and pulls now count as use; until this upgrade they did not, so
-- every device enrolled so far is counted as seen now rather than locked out at once.
UPDATE devices SET last_seen_ms = (extract(epoch FROM now()) * 1000)::bigint
WHERE NOT revoked;

CREATE TABLE audit (
    county_id TEXT NOT NULL,
    audit_id  BIGINT GENERATED ALWAYS AS IDENTITY,
    at_ms     BIGINT NOT NULL,
    actor     TEXT NOT NULL,
    action    TEXT NOT NULL,
    target    TEXT NOT NULL,
    detail    TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (county_id, audit_id)
);

CREATE INDEX audit_at ON audit (at_ms);

CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the audit log is append-only';
END;
$$;

CREATE TRIGGER audit_no_change BEFORE UPDATE OR DELETE ON audit
    FOR EACH ROW EXECUTE FUNCTION audit_append_only();

CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit
    FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();
