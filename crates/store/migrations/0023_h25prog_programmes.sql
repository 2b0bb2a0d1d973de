-- 0023 (h25prog): programmes for residents' children (托管, issue 25 item 1): 四点半学校,
-- 妈妈小屋, 周末学吧. A programme (its schedule, capacity, age range and staff rota as a JSON
-- list) and a child's enrolment (its guardians as a JSON list; enrolled, waiting or left; when it
-- joined the waiting list, which orders the list) are entities. Each sign-in and sign-out is a
-- fact with a stable id (enrolment, day, act): two laptops signing a child in on one day write
-- one row. A shift credited to a volunteer of the rota is a fact with a stable id (programme,
-- day, volunteer) beside the time bank's own service_hours entry, so a shift is credited once.
CREATE TABLE IF NOT EXISTS programmes (
    id           TEXT PRIMARY KEY,
    community_id TEXT,
    place_id     TEXT,
    room         TEXT NOT NULL DEFAULT '',
    kind         TEXT NOT NULL DEFAULT 'other',
    name         TEXT NOT NULL DEFAULT '',
    weekdays     TEXT NOT NULL DEFAULT '12345',
    opens        TEXT NOT NULL DEFAULT '16:30',
    closes       TEXT NOT NULL DEFAULT '18:30',
    term_start   TEXT NOT NULL DEFAULT '',
    term_end     TEXT NOT NULL DEFAULT '',
    capacity     INTEGER NOT NULL DEFAULT 0,
    age_min      INTEGER NOT NULL DEFAULT 0,
    age_max      INTEGER NOT NULL DEFAULT 18,
    staff        TEXT NOT NULL DEFAULT '[]',
    note         TEXT NOT NULL DEFAULT '',
    deleted      INTEGER NOT NULL DEFAULT 0,
    _v           TEXT NOT NULL DEFAULT '{}'
) STRICT;
CREATE INDEX IF NOT EXISTS programmes_by_community ON programmes (community_id);

CREATE TABLE IF NOT EXISTS programme_enrolments (
    id           TEXT PRIMARY KEY,
    programme_id TEXT,
    community_id TEXT,
    resident_id  TEXT,
    guardians    TEXT NOT NULL DEFAULT '[]',
    state        TEXT NOT NULL DEFAULT 'waiting',
    since        TEXT NOT NULL DEFAULT '',
    queued_at    TEXT NOT NULL DEFAULT '',
    left_on      TEXT NOT NULL DEFAULT '',
    note         TEXT NOT NULL DEFAULT '',
    deleted      INTEGER NOT NULL DEFAULT 0,
    _v           TEXT NOT NULL DEFAULT '{}'
) STRICT;
CREATE INDEX IF NOT EXISTS programme_enrolments_by_programme ON programme_enrolments (programme_id);

CREATE TABLE IF NOT EXISTS programme_attendance (
    id             TEXT PRIMARY KEY,
    programme_id   TEXT NOT NULL,
    enrolment_id   TEXT NOT NULL,
    community_id   TEXT,
    date           TEXT NOT NULL,
    act            TEXT NOT NULL,
    time           TEXT NOT NULL,
    collector      TEXT,
    collector_name TEXT NOT NULL,
    reason         TEXT NOT NULL,
    at             TEXT NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS programme_attendance_by_day ON programme_attendance (programme_id, date);
CREATE INDEX IF NOT EXISTS programme_attendance_by_enrolment ON programme_attendance (enrolment_id);

CREATE TABLE IF NOT EXISTS programme_shifts (
    id           TEXT PRIMARY KEY,
    programme_id TEXT NOT NULL,
    community_id TEXT,
    date         TEXT NOT NULL,
    volunteer_id TEXT NOT NULL,
    minutes      INTEGER NOT NULL,
    entry_id     TEXT NOT NULL,
    at           TEXT NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS programme_shifts_by_day ON programme_shifts (programme_id, date);
