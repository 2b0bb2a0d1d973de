-- 0022 (h21tgt): targets (目标, issue 21, docs/targets.md). Each row is one version of a
-- community's (place_id) or a grid's (grid_id) monthly targets, applying from `from_month`
-- ("YYYY-MM") on until a later version; a fact, inserted once and never changed, so every
-- version stays and two laptops setting targets offline both keep theirs (for one place and
-- month the later set wins, by its time-ordered UUIDv7 id). A target left NULL is no target from
-- that month on.
CREATE TABLE IF NOT EXISTS targets (
    id           TEXT PRIMARY KEY,
    community_id TEXT,
    place_id     TEXT,
    grid_id      TEXT,
    from_month   TEXT NOT NULL,
    visits       INTEGER,
    coverage_pct INTEGER,
    on_time_pct  INTEGER,
    at           TEXT NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS targets_by_place ON targets (place_id, from_month);
CREATE INDEX IF NOT EXISTS targets_by_grid ON targets (grid_id, from_month);
