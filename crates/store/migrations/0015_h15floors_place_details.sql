-- 0015 (h15floors): a building's details that the synced `places` table does not hold, so that
-- older laptops (whose `places` has no such column) keep syncing: for now its number of floors
-- (1 to 99, NULL when not recorded). Entity: synced and merged per field; its id is the
-- building's id.
CREATE TABLE IF NOT EXISTS place_details (
    id           TEXT PRIMARY KEY,
    community_id TEXT,
    floors       INTEGER,
    deleted      INTEGER NOT NULL DEFAULT 0,
    _v           TEXT NOT NULL DEFAULT '{}'
) STRICT;
