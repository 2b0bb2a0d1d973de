-- 0024 (h25patrol): security patrols (小区治安巡防, issue 25 item 2). A community's patrol teams,
-- their members (a resident of the register, or an outside person such as the community police
-- officer with a name and phone), the rota's slots (a slot's id is made from its team, day and
-- start, so two laptops generating one rota write one row), the patrol logs (each fulfilling a
-- slot or none; the members who went as a JSON list) and what a log found (each finding the
-- request it became, once: the request's id is made from the finding's). All entities.
CREATE TABLE IF NOT EXISTS patrol_teams (
    id           TEXT PRIMARY KEY,
    community_id TEXT,
    name         TEXT NOT NULL DEFAULT '',
    area         TEXT NOT NULL DEFAULT '',
    note         TEXT NOT NULL DEFAULT '',
    deleted      INTEGER NOT NULL DEFAULT 0,
    _v           TEXT NOT NULL DEFAULT '{}'
) STRICT;
CREATE INDEX IF NOT EXISTS patrol_teams_by_community ON patrol_teams (community_id);

CREATE TABLE IF NOT EXISTS patrol_members (
    id           TEXT PRIMARY KEY,
    team_id      TEXT,
    community_id TEXT,
    resident_id  TEXT,
    name         TEXT NOT NULL DEFAULT '',
    phone        TEXT,
    role         TEXT NOT NULL DEFAULT 'volunteer',
    deleted      INTEGER NOT NULL DEFAULT 0,
    _v           TEXT NOT NULL DEFAULT '{}'
) STRICT;
CREATE INDEX IF NOT EXISTS patrol_members_by_team ON patrol_members (team_id);

CREATE TABLE IF NOT EXISTS patrol_slots (
    id           TEXT PRIMARY KEY,
    team_id      TEXT,
    community_id TEXT,
    date         TEXT NOT NULL DEFAULT '',
    starts       TEXT NOT NULL DEFAULT '',
    ends         TEXT NOT NULL DEFAULT '',
    members      TEXT NOT NULL DEFAULT '[]',
    note         TEXT NOT NULL DEFAULT '',
    deleted      INTEGER NOT NULL DEFAULT 0,
    _v           TEXT NOT NULL DEFAULT '{}'
) STRICT;
CREATE INDEX IF NOT EXISTS patrol_slots_by_day ON patrol_slots (community_id, date);

CREATE TABLE IF NOT EXISTS patrol_logs (
    id           TEXT PRIMARY KEY,
    team_id      TEXT,
    community_id TEXT,
    slot_id      TEXT,
    date         TEXT NOT NULL DEFAULT '',
    starts       TEXT NOT NULL DEFAULT '',
    ends         TEXT NOT NULL DEFAULT '',
    route        TEXT NOT NULL DEFAULT '',
    members      TEXT NOT NULL DEFAULT '[]',
    note         TEXT NOT NULL DEFAULT '',
    deleted      INTEGER NOT NULL DEFAULT 0,
    _v           TEXT NOT NULL DEFAULT '{}'
) STRICT;
CREATE INDEX IF NOT EXISTS patrol_logs_by_day ON patrol_logs (community_id, date);
CREATE INDEX IF NOT EXISTS patrol_logs_by_slot ON patrol_logs (slot_id);

CREATE TABLE IF NOT EXISTS patrol_findings (
    id           TEXT PRIMARY KEY,
    log_id       TEXT,
    community_id TEXT,
    category     TEXT NOT NULL DEFAULT 'other',
    place        TEXT NOT NULL DEFAULT '',
    description  TEXT NOT NULL DEFAULT '',
    task_id      TEXT,
    deleted      INTEGER NOT NULL DEFAULT 0,
    _v           TEXT NOT NULL DEFAULT '{}'
) STRICT;
CREATE INDEX IF NOT EXISTS patrol_findings_by_log ON patrol_findings (log_id);
