-- 0021 (h20council): residents' councils, liaison points and suggestions (议事会、居民联络点、
-- 居民建议; issue 20 items 2 and 5, docs/councils.md). Liaison points, meetings, topics and
-- suggestions are entities (merged per field); each stage of a topic — review, publication,
-- a comment, the meeting it is put to, the vote, the resolution, a request made from it — is a
-- fact, inserted once. Where a topic stands is derived from its facts and its requests' status.
CREATE TABLE IF NOT EXISTS liaison_points (
    id                 TEXT PRIMARY KEY,
    community_id       TEXT,
    place_id           TEXT,
    name               TEXT NOT NULL DEFAULT '',
    keeper_person_id   TEXT,
    keeper_resident_id TEXT,
    hours              TEXT NOT NULL DEFAULT '',
    note               TEXT NOT NULL DEFAULT '',
    deleted            INTEGER NOT NULL DEFAULT 0,
    _v                 TEXT NOT NULL DEFAULT '{}'
) STRICT;
CREATE INDEX IF NOT EXISTS liaison_points_by_community ON liaison_points (community_id);

CREATE TABLE IF NOT EXISTS council_meetings (
    id           TEXT PRIMARY KEY,
    community_id TEXT,
    point_id     TEXT,
    place        TEXT NOT NULL DEFAULT '',
    date         TEXT NOT NULL DEFAULT '',
    time         TEXT NOT NULL DEFAULT '',
    host         TEXT NOT NULL DEFAULT '',
    expected     INTEGER NOT NULL DEFAULT 0,
    attendees    TEXT NOT NULL DEFAULT '[]',
    minutes      TEXT NOT NULL DEFAULT '',
    deleted      INTEGER NOT NULL DEFAULT 0,
    _v           TEXT NOT NULL DEFAULT '{}'
) STRICT;
CREATE INDEX IF NOT EXISTS council_meetings_by_date ON council_meetings (community_id, date);

CREATE TABLE IF NOT EXISTS council_topics (
    id                    TEXT PRIMARY KEY,
    community_id          TEXT,
    place_id              TEXT,
    title                 TEXT NOT NULL DEFAULT '',
    text                  TEXT NOT NULL DEFAULT '',
    category              TEXT NOT NULL DEFAULT 'other',
    origin                TEXT NOT NULL DEFAULT 'official',
    origin_id             TEXT,
    proposer_person_id    TEXT,
    proposer_household_id TEXT,
    proposer_name         TEXT NOT NULL DEFAULT '',
    proposed_on           TEXT NOT NULL DEFAULT '',
    deleted               INTEGER NOT NULL DEFAULT 0,
    _v                    TEXT NOT NULL DEFAULT '{}'
) STRICT;
CREATE INDEX IF NOT EXISTS council_topics_by_community ON council_topics (community_id, proposed_on);

CREATE TABLE IF NOT EXISTS council_topic_events (
    id            TEXT PRIMARY KEY,
    topic_id      TEXT NOT NULL,
    community_id  TEXT,
    kind          TEXT NOT NULL,
    date          TEXT NOT NULL,
    text          TEXT NOT NULL,
    accepted      INTEGER,
    until         TEXT,
    meeting_id    TEXT,
    votes_for     INTEGER,
    votes_against INTEGER,
    votes_abstain INTEGER,
    task_id       TEXT,
    at            TEXT NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS council_topic_events_by_topic ON council_topic_events (topic_id);
CREATE INDEX IF NOT EXISTS council_topic_events_by_meeting ON council_topic_events (meeting_id);

CREATE TABLE IF NOT EXISTS council_suggestions (
    id           TEXT PRIMARY KEY,
    community_id TEXT,
    point_id     TEXT,
    place_id     TEXT,
    source       TEXT NOT NULL DEFAULT 'desk',
    household_id TEXT,
    name         TEXT NOT NULL DEFAULT '',
    text         TEXT NOT NULL DEFAULT '',
    received_on  TEXT NOT NULL DEFAULT '',
    taken_by     TEXT,
    answer       TEXT NOT NULL DEFAULT '',
    answered_on  TEXT,
    topic_id     TEXT,
    task_id      TEXT,
    deleted      INTEGER NOT NULL DEFAULT 0,
    _v           TEXT NOT NULL DEFAULT '{}'
) STRICT;
CREATE INDEX IF NOT EXISTS council_suggestions_by_community ON council_suggestions (community_id, received_on);
