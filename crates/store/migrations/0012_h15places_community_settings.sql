-- 0012 (h15places): a community's own settings that are no rule of their own table: the station's
-- name (printed on volunteer statements above the 签字/盖章 lines) and the care tags the community
-- uses (a subset of linli-domain's KNOWN_CARE_TAGS, as a JSON list; '' for "all of them").
-- Entity: synced and merged per field like visit_rules; its id is the community's id.
CREATE TABLE IF NOT EXISTS community_settings (
    id           TEXT PRIMARY KEY,
    community_id TEXT,
    station_name TEXT NOT NULL DEFAULT '',
    care_tags    TEXT NOT NULL DEFAULT '',
    deleted      INTEGER NOT NULL DEFAULT 0,
    _v           TEXT NOT NULL DEFAULT '{}'
) STRICT;
