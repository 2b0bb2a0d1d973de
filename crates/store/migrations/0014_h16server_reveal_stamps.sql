-- A reveal as the county server recorded it (issue 16 item 3): the authenticated user who pushed
-- it (id and name) and the server's time on arrival. The laptop's own `author` and `at` stay as it
-- claimed them; these are set only on the copies other laptops pull (the revealing laptop keeps
-- them NULL).
ALTER TABLE reveals ADD COLUMN seen_by TEXT;
ALTER TABLE reveals ADD COLUMN seen_name TEXT;
ALTER TABLE reveals ADD COLUMN seen_at TEXT;
