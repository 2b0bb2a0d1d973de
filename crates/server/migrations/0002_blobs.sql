-- 0002: the bytes of attachments (photos), by sha256 per county. Kept in the database rather
-- than as files beside it: a blob commits with the check that let it in, a backup stays one
-- file, and the 5 MiB limit per blob keeps it reasonable. Never edit a landed migration.
CREATE TABLE blobs (
    county_id TEXT NOT NULL,
    hash      TEXT NOT NULL,
    size      BIGINT NOT NULL,
    bytes     BLOB NOT NULL,
    stored_ms BIGINT NOT NULL,
    PRIMARY KEY (county_id, hash)
);

-- Finds the attachment rows naming a hash, for the scope check of a blob upload or download.
CREATE INDEX field_state_attachment_hash ON field_state (county_id, value)
    WHERE tbl = 'attachments' AND field = 'hash';
