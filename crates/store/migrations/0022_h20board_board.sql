-- 0022 (h20board): the community's boards (issue 20 items 3, 4 and the notices of 5;
-- docs/board.md). The month's theme (one row per community and month: its id is derived from
-- both, so two laptops setting one month's theme merge into one row), the stewards' campaign
-- lines, notices, duty boards and the households on their rota are entities (merged per
-- field); a week's done / not done mark is a fact, inserted once, the latest one counting.
-- Who is on duty in a week is derived from the rota by linli_domain::board::rota, never stored.
CREATE TABLE IF NOT EXISTS month_themes (
    id           TEXT PRIMARY KEY,
    community_id TEXT,
    month        TEXT NOT NULL DEFAULT '',
    kind         TEXT NOT NULL DEFAULT 'other',
    title        TEXT NOT NULL DEFAULT '',
    text         TEXT NOT NULL DEFAULT '',
    deleted      INTEGER NOT NULL DEFAULT 0,
    _v           TEXT NOT NULL DEFAULT '{}'
) STRICT;
CREATE INDEX IF NOT EXISTS month_themes_by_community ON month_themes (community_id, month);

CREATE TABLE IF NOT EXISTS campaign_lines (
    id           TEXT PRIMARY KEY,
    community_id TEXT,
    building_id  TEXT,
    date         TEXT NOT NULL DEFAULT '',
    text         TEXT NOT NULL DEFAULT '',
    by_name      TEXT NOT NULL DEFAULT '',
    deleted      INTEGER NOT NULL DEFAULT 0,
    _v           TEXT NOT NULL DEFAULT '{}'
) STRICT;
CREATE INDEX IF NOT EXISTS campaign_lines_by_community ON campaign_lines (community_id, date);

CREATE TABLE IF NOT EXISTS notices (
    id           TEXT PRIMARY KEY,
    community_id TEXT,
    place_id     TEXT,
    title        TEXT NOT NULL DEFAULT '',
    text         TEXT NOT NULL DEFAULT '',
    start_date   TEXT NOT NULL DEFAULT '',
    end_date     TEXT NOT NULL DEFAULT '',
    audience     TEXT NOT NULL DEFAULT 'all',
    deleted      INTEGER NOT NULL DEFAULT 0,
    _v           TEXT NOT NULL DEFAULT '{}'
) STRICT;
CREATE INDEX IF NOT EXISTS notices_by_community ON notices (community_id, start_date);

CREATE TABLE IF NOT EXISTS duty_boards (
    id           TEXT PRIMARY KEY,
    community_id TEXT,
    place_id     TEXT,
    label        TEXT NOT NULL DEFAULT '',
    chore        TEXT NOT NULL DEFAULT '',
    start_week   TEXT NOT NULL DEFAULT '',
    deleted      INTEGER NOT NULL DEFAULT 0,
    _v           TEXT NOT NULL DEFAULT '{}'
) STRICT;
CREATE INDEX IF NOT EXISTS duty_boards_by_community ON duty_boards (community_id);

CREATE TABLE IF NOT EXISTS duty_members (
    id           TEXT PRIMARY KEY,
    board_id     TEXT,
    community_id TEXT,
    household_id TEXT,
    position     INTEGER NOT NULL DEFAULT 0,
    from_week    TEXT NOT NULL DEFAULT '',
    until_week   TEXT,
    deleted      INTEGER NOT NULL DEFAULT 0,
    _v           TEXT NOT NULL DEFAULT '{}'
) STRICT;
CREATE INDEX IF NOT EXISTS duty_members_by_board ON duty_members (board_id);

CREATE TABLE IF NOT EXISTS duty_marks (
    id           TEXT PRIMARY KEY,
    board_id     TEXT NOT NULL,
    community_id TEXT,
    week         TEXT NOT NULL,
    household_id TEXT,
    done         INTEGER NOT NULL,
    note         TEXT NOT NULL,
    at           TEXT NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS duty_marks_by_board ON duty_marks (board_id, week);
