-- 0002: the bytes of attachments (photos), by sha256 per county, as bytea (at most 5 MiB each).
-- The key leads with county_id like every other table. Never edit a landed migration.
CREATE TABLE blobs (
    county_id TEXT NOT NULL,
    hash      TEXT NOT NULL,
    size      BIGINT NOT NULL,
    bytes     BYTEA NOT NULL,
    stored_ms BIGINT NOT NULL,
    PRIMARY KEY (county_id, hash)
);

-- Finds the attachment rows naming a hash, for the scope check of a blob upload or download.
CREATE INDEX field_state_attachment_hash ON field_state (county_id, value)
    WHERE tbl = 'attachments' AND field = 'hash';
