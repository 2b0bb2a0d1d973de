-- Issue 24: the visits with findings or a follow-up, by day and community: 工作台's week of
-- unreviewed findings and 走访's 周会商 read these. Through `visits_by_day` every visit of the
-- week was read from the table for its community and findings (45,000 at 100,000 households:
-- 124–132 ms for the biggest community's week; 1.6–7.6 ms from this index). A first pull sets
-- it aside.
CREATE INDEX IF NOT EXISTS visits_flagged_by_day ON visits (at, community_id)
    WHERE findings != '' OR needs_follow_up = 1;
