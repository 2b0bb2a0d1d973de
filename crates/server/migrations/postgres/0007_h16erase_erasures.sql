-- 0007 (issue 16 item 5, h16erase): the rows an administrator erased (`linli admin erase`,
-- `linli admin purge`). A push that later carries a personal value for one of them is redacted
-- on arrival. Never edit a landed migration; add the next number instead.

CREATE TABLE erasures (
    county_id TEXT NOT NULL,
    tbl       TEXT NOT NULL,
    row_id    UUID NOT NULL,
    erased_ms BIGINT NOT NULL,
    PRIMARY KEY (county_id, tbl, row_id)
);
