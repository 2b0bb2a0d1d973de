-- 0012 (h15desk): the volunteer desk in the window.
-- Who credited an hours entry (a person of the register: this laptop's "me" when it was credited;
-- null for entries made before, or where no one was chosen). Nobody verifies their own entry.
ALTER TABLE service_hours ADD COLUMN credited_by TEXT;

-- An activity's start time ("09:00", '' when not said) and how many may sign up (null: no limit).
ALTER TABLE activities ADD COLUMN start_time TEXT NOT NULL DEFAULT '';
ALTER TABLE activities ADD COLUMN capacity INTEGER;

-- Fact: a coordinator rejected a pending hours entry (it earns no points, and cannot be verified
-- after); the reason is said to the volunteer.
CREATE TABLE hour_rejections (
    id          TEXT PRIMARY KEY,
    entry_id    TEXT NOT NULL,
    rejected_by TEXT,
    reason      TEXT NOT NULL DEFAULT '',
    at          TEXT NOT NULL
) STRICT;
CREATE INDEX hour_rejections_by_entry ON hour_rejections (entry_id);
