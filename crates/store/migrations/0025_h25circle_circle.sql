-- 0025 (h25circle): the 15-minute neighbourhood service circle (15分钟近邻服务圈, issue 25 item 3).
-- A service point (its kind, address, hours, contact, who runs it: a community of the register
-- or a co-building unit by name; the services it offers and the communities it serves, both as
-- JSON lists) and a joint activity between communities and co-building units (the communities
-- and units taking part as JSON lists, the point where it was held, how many came) are entities.
-- `community_id` is the point's or the activity's home community, which scopes its sync.
CREATE TABLE IF NOT EXISTS circle_points (
    id            TEXT PRIMARY KEY,
    community_id  TEXT,
    kind          TEXT NOT NULL DEFAULT 'other',
    name          TEXT NOT NULL DEFAULT '',
    address       TEXT NOT NULL DEFAULT '',
    hours         TEXT NOT NULL DEFAULT '',
    contact_name  TEXT NOT NULL DEFAULT '',
    contact_phone TEXT NOT NULL DEFAULT '',
    run_by_community_id TEXT,
    run_by_unit   TEXT NOT NULL DEFAULT '',
    services      TEXT NOT NULL DEFAULT '[]',
    serves        TEXT NOT NULL DEFAULT '[]',
    note          TEXT NOT NULL DEFAULT '',
    deleted       INTEGER NOT NULL DEFAULT 0,
    _v            TEXT NOT NULL DEFAULT '{}'
) STRICT;
CREATE INDEX IF NOT EXISTS circle_points_by_community ON circle_points (community_id);

CREATE TABLE IF NOT EXISTS circle_activities (
    id            TEXT PRIMARY KEY,
    community_id  TEXT,
    date          TEXT NOT NULL DEFAULT '',
    title         TEXT NOT NULL DEFAULT '',
    communities   TEXT NOT NULL DEFAULT '[]',
    units         TEXT NOT NULL DEFAULT '[]',
    point_id      TEXT,
    participants  INTEGER NOT NULL DEFAULT 0,
    note          TEXT NOT NULL DEFAULT '',
    deleted       INTEGER NOT NULL DEFAULT 0,
    _v            TEXT NOT NULL DEFAULT '{}'
) STRICT;
CREATE INDEX IF NOT EXISTS circle_activities_by_date ON circle_activities (date);
