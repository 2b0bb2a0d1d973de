-- 0020 (h24pages, issue 24): what 今日's coverage counts, in indexes that answer it alone.
-- The live households of a community by building and unit, with their ids: counted per place
-- from this index, already grouped, without reading the table.
CREATE INDEX IF NOT EXISTS households_live_by_place ON households (community_id, building_id, unit_id, id)
    WHERE deleted = 0 AND moved_out IS NULL;
-- The visits that reached someone, by time, with their household and id: the period's visits
-- found without reading each visit row (440 ms for a month of visits at 100,000 households).
CREATE INDEX IF NOT EXISTS visits_reached_by_day ON visits (at, household_id, id)
    WHERE outcome != 'nobody_home' AND void = 0;
