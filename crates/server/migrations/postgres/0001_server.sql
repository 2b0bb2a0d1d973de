-- 0001: the server's first PostgreSQL schema. The same tables as the SQLite backend, with ids as
-- uuid and flags as boolean. Every table leads with the tenant key county_id, and every primary
-- key and unique constraint includes it, so Citus can distribute each table by county_id and keep
-- a county's rows together on one worker (see docs/scaling.md). Never edit a landed migration;
-- add the next number instead.

-- One row per county: its last server sequence. A push locks its county's row for the length of
-- its transaction, so the log of a county is written by one push at a time and server sequences
-- become visible in order, without gaps that fill later.
CREATE TABLE counties (
    county_id TEXT NOT NULL PRIMARY KEY,
    last_seq  BIGINT NOT NULL DEFAULT 0
);

CREATE TABLE users (
    county_id     TEXT NOT NULL,
    user_id       UUID NOT NULL,
    name          TEXT NOT NULL,
    role          TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    PRIMARY KEY (county_id, user_id),
    UNIQUE (county_id, name)
);

-- A grant to a place covers everything under it, and shows the places above it read-only.
CREATE TABLE grants (
    county_id TEXT NOT NULL,
    user_id   UUID NOT NULL,
    place_id  UUID NOT NULL,
    PRIMARY KEY (county_id, user_id, place_id)
);

-- Enrolled laptops. Only the SHA-256 of a device token is kept.
CREATE TABLE devices (
    county_id    TEXT NOT NULL,
    device_id    UUID NOT NULL,
    user_id      UUID NOT NULL,
    name         TEXT NOT NULL,
    token_hash   TEXT NOT NULL,
    enrolled_ms  BIGINT NOT NULL,
    last_seen_ms BIGINT,
    revoked      BOOLEAN NOT NULL DEFAULT false,
    PRIMARY KEY (county_id, device_id),
    UNIQUE (county_id, token_hash)
);
-- A bearer token arrives without its county: this index finds it (on Citus, in every shard).
CREATE INDEX devices_token ON devices (token_hash);

-- The change log: every accepted change, stamped with a server sequence, idempotent on
-- (device_id, device_seq). body is the change as JSON text, exactly as it is sent on pull.
CREATE TABLE changes (
    county_id    TEXT NOT NULL,
    server_seq   BIGINT NOT NULL,
    device_id    UUID NOT NULL,
    device_seq   BIGINT NOT NULL,
    tbl          TEXT NOT NULL,
    row_id       UUID NOT NULL,
    scope_place  UUID,
    needs_review BOOLEAN NOT NULL DEFAULT false,
    body         TEXT NOT NULL,
    PRIMARY KEY (county_id, server_seq),
    UNIQUE (county_id, device_id, device_seq)
);
CREATE INDEX changes_review ON changes (county_id, server_seq) WHERE needs_review;

-- The merged state of every row, field by field, with the version that set it. value is JSON text.
CREATE TABLE field_state (
    county_id TEXT NOT NULL,
    tbl       TEXT NOT NULL,
    row_id    UUID NOT NULL,
    field     TEXT NOT NULL,
    hlc       TEXT NOT NULL,
    device_id UUID NOT NULL,
    value     TEXT NOT NULL,
    PRIMARY KEY (county_id, tbl, row_id, field)
);

-- The place each row belongs to (for places, the row itself), and whether it is a fact.
CREATE TABLE row_scope (
    county_id   TEXT NOT NULL,
    tbl         TEXT NOT NULL,
    row_id      UUID NOT NULL,
    scope_place UUID,
    fact        BOOLEAN NOT NULL DEFAULT false,
    PRIMARY KEY (county_id, tbl, row_id)
);

-- The place tree, from the merged parent_id of synced places rows.
CREATE TABLE place_tree (
    county_id TEXT NOT NULL,
    place_id  UUID NOT NULL,
    parent_id UUID,
    PRIMARY KEY (county_id, place_id)
);

-- Running sums of fact tables with a floor, in server order.
CREATE TABLE balances (
    county_id TEXT NOT NULL,
    tbl       TEXT NOT NULL,
    account   TEXT NOT NULL,
    balance   BIGINT NOT NULL,
    PRIMARY KEY (county_id, tbl, account)
);
