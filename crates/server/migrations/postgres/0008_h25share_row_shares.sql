-- 0008 (issue 25 item 3, h25share): rows shared with the places they serve besides their home
-- (`scope::SHARED_BY`: a service point with the communities it serves, a joint activity with the
-- communities taking part). A share reaches the devices seeing its place, read-only; until_seq
-- is NULL while it holds, else the server sequence of the change that took the place off the
-- row's list (that change still reaches them, later ones do not). The log entries of shared
-- tables are indexed by row, so that a place newly shared with gets the row's changes again.
-- Never edit a landed migration; add the next number instead.

CREATE TABLE row_shares (
    county_id TEXT NOT NULL,
    tbl       TEXT NOT NULL,
    row_id    UUID NOT NULL,
    place_id  UUID NOT NULL,
    until_seq BIGINT,
    PRIMARY KEY (county_id, tbl, row_id, place_id)
);

CREATE INDEX changes_shared_rows ON changes (county_id, tbl, row_id, server_seq)
    WHERE tbl IN ('circle_points', 'circle_activities');
