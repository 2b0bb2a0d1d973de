-- 0001: the server's first schema. Portable SQL (SQLite and PostgreSQL); every table leads with
-- the tenant key county_id. Never edit a landed migration; add the next number instead.

CREATE TABLE users (
    county_id     TEXT NOT NULL,
    user_id       TEXT NOT NULL,
    name          TEXT NOT NULL,
    role          TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    PRIMARY KEY (county_id, user_id),
    UNIQUE (county_id, name)
);

-- A grant to a place covers everything under it, and shows the places above it read-only.
CREATE TABLE grants (
    county_id TEXT NOT NULL,
    user_id   TEXT NOT NULL,
    place_id  TEXT NOT NULL,
    PRIMARY KEY (county_id, user_id, place_id)
);

-- Enrolled laptops. Only the SHA-256 of a device token is kept.
CREATE TABLE devices (
    county_id    TEXT NOT NULL,
    device_id    TEXT NOT NULL,
    user_id      TEXT NOT NULL,
    name         TEXT NOT NULL,
    token_hash   TEXT NOT NULL UNIQUE,
    enrolled_ms  BIGINT NOT NULL,
    last_seen_ms BIGINT,
    revoked      INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (county_id, device_id)
);

-- The change log: every accepted change, stamped with a server sequence, idempotent on
-- (device_id, device_seq). body is the change as JSON.
CREATE TABLE changes (
    county_id    TEXT NOT NULL,
    server_seq   BIGINT NOT NULL,
    device_id    TEXT NOT NULL,
    device_seq   BIGINT NOT NULL,
    tbl          TEXT NOT NULL,
    row_id       TEXT NOT NULL,
    scope_place  TEXT,
    needs_review INTEGER NOT NULL DEFAULT 0,
    body         TEXT NOT NULL,
    PRIMARY KEY (county_id, server_seq),
    UNIQUE (county_id, device_id, device_seq)
);

-- The merged state of every row, field by field, with the version that set it.
CREATE TABLE field_state (
    county_id TEXT NOT NULL,
    tbl       TEXT NOT NULL,
    row_id    TEXT NOT NULL,
    field     TEXT NOT NULL,
    hlc       TEXT NOT NULL,
    device_id TEXT NOT NULL,
    value     TEXT NOT NULL,
    PRIMARY KEY (county_id, tbl, row_id, field)
);

-- The place each row belongs to (for places, the row itself), and whether it is a fact.
CREATE TABLE row_scope (
    county_id   TEXT NOT NULL,
    tbl         TEXT NOT NULL,
    row_id      TEXT NOT NULL,
    scope_place TEXT,
    fact        INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (county_id, tbl, row_id)
);

-- The place tree, from the merged parent_id of synced places rows.
CREATE TABLE place_tree (
    county_id TEXT NOT NULL,
    place_id  TEXT NOT NULL,
    parent_id TEXT,
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
