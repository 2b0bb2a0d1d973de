-- 0022 (h20med): the mediation register (人民调解, issue 20 item 1). A community's numbering
-- (its prefix and committee's name), the cases and their parties are entities (merged per
-- field); every stage of the case file — 告知, investigation, session, outcome, carrying out,
-- 回访, 结案, an extension, a change of mediator, 司法确认 — is a fact, inserted once. Where a
-- case stands, its term and its current mediators are derived from the facts, never stored.
-- A case's number is stored when it is registered (the next free one on that laptop); two
-- laptops numbering offline may give one number twice, which every laptop then shows as a clash
-- until the later case is renumbered (docs/mediation.md).
CREATE TABLE IF NOT EXISTS mediation_settings (
    id           TEXT PRIMARY KEY,
    community_id TEXT,
    prefix       TEXT NOT NULL DEFAULT '',
    committee    TEXT NOT NULL DEFAULT '',
    deleted      INTEGER NOT NULL DEFAULT 0,
    _v           TEXT NOT NULL DEFAULT '{}'
) STRICT;

CREATE TABLE IF NOT EXISTS mediation_cases (
    id            TEXT PRIMARY KEY,
    community_id  TEXT,
    place_id      TEXT,
    year          INTEGER NOT NULL DEFAULT 0,
    number        INTEGER NOT NULL DEFAULT 0,
    kind          TEXT NOT NULL DEFAULT 'other',
    source        TEXT NOT NULL DEFAULT 'application',
    brief         TEXT NOT NULL DEFAULT '',
    registered_on TEXT NOT NULL DEFAULT '',
    mediators     TEXT NOT NULL DEFAULT '[]',
    deleted       INTEGER NOT NULL DEFAULT 0,
    _v            TEXT NOT NULL DEFAULT '{}'
) STRICT;
CREATE INDEX IF NOT EXISTS mediation_cases_by_number ON mediation_cases (community_id, year, number);

CREATE TABLE IF NOT EXISTS mediation_parties (
    id           TEXT PRIMARY KEY,
    case_id      TEXT,
    community_id TEXT,
    side         TEXT NOT NULL DEFAULT 'applicant',
    resident_id  TEXT,
    name         TEXT NOT NULL DEFAULT '',
    gender       TEXT,
    age          INTEGER,
    phone        TEXT NOT NULL DEFAULT '',
    address      TEXT NOT NULL DEFAULT '',
    unit         TEXT NOT NULL DEFAULT '',
    deleted      INTEGER NOT NULL DEFAULT 0,
    _v           TEXT NOT NULL DEFAULT '{}'
) STRICT;
CREATE INDEX IF NOT EXISTS mediation_parties_by_case ON mediation_parties (case_id);

CREATE TABLE IF NOT EXISTS mediation_events (
    id           TEXT PRIMARY KEY,
    case_id      TEXT NOT NULL,
    community_id TEXT,
    kind         TEXT NOT NULL,
    date         TEXT NOT NULL,
    time         TEXT NOT NULL,
    place        TEXT NOT NULL,
    present      TEXT NOT NULL,
    text         TEXT NOT NULL,
    outcome      TEXT,
    route        TEXT,
    carry_how    TEXT NOT NULL,
    carry_where  TEXT NOT NULL,
    carry_by     TEXT,
    days         INTEGER,
    parties      TEXT NOT NULL,
    mediators    TEXT NOT NULL,
    court        TEXT NOT NULL,
    result       TEXT,
    risks        TEXT NOT NULL,
    at           TEXT NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS mediation_events_by_case ON mediation_events (case_id);
