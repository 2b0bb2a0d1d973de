-- 0004: field work — visits, visit rules, tasks through the five-list flow, task events,
-- escalation rules per category, review marks and attachments. (0003 is sync's.) Entities end
-- with `_v` (field versions, see 0001); facts are insert-only and do not.

-- Fact: one visit to a household (入户走访). A correction is a new row whose `corrects` names the
-- visit it replaces; `void` says the corrected visit did not happen.
CREATE TABLE visits (
    id              TEXT PRIMARY KEY,
    household_id    TEXT NOT NULL DEFAULT '',
    community_id    TEXT,
    visitor_id      TEXT,
    at              TEXT NOT NULL DEFAULT '',
    kind            TEXT NOT NULL DEFAULT 'routine',
    outcome         TEXT NOT NULL DEFAULT 'met',
    findings        TEXT NOT NULL DEFAULT '',
    member_updates  TEXT NOT NULL DEFAULT '[]',
    needs_follow_up INTEGER NOT NULL DEFAULT 0,
    corrects        TEXT,
    void            INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX visits_by_household ON visits (household_id, at);
CREATE INDEX visits_by_day ON visits (at);
CREATE INDEX visits_by_corrects ON visits (corrects) WHERE corrects IS NOT NULL;

-- Fact: a visit was looked at in the nightly review (夜研判), perhaps turned into a task.
CREATE TABLE visit_reviews (
    id          TEXT PRIMARY KEY,
    visit_id    TEXT NOT NULL DEFAULT '',
    reviewer_id TEXT,
    at          TEXT NOT NULL DEFAULT '',
    note        TEXT NOT NULL DEFAULT '',
    task_id     TEXT
) STRICT;
CREATE INDEX visit_reviews_by_visit ON visit_reviews (visit_id);

-- Entity: how often a community's households are due. The row id is the community's id, so two
-- laptops setting the rules edit one row and merge per field.
CREATE TABLE visit_rules (
    id            TEXT PRIMARY KEY,
    community_id  TEXT,
    care_days     INTEGER NOT NULL DEFAULT 7,
    everyone_days INTEGER NOT NULL DEFAULT 90,
    deleted       INTEGER NOT NULL DEFAULT 0,
    _v            TEXT NOT NULL DEFAULT '{}'
) STRICT;

-- Entity: a request (点单) for a household or a place. Its status is not kept here: it is derived
-- from task_events.
CREATE TABLE tasks (
    id           TEXT PRIMARY KEY,
    community_id TEXT,
    title        TEXT NOT NULL DEFAULT '',
    category     TEXT NOT NULL DEFAULT 'household_matter',
    subcategory  TEXT,
    description  TEXT NOT NULL DEFAULT '',
    household_id TEXT,
    place_id     TEXT,
    raised_by    TEXT,
    visit_id     TEXT,
    due_date     TEXT,
    raised_at    TEXT NOT NULL DEFAULT '',
    deleted      INTEGER NOT NULL DEFAULT 0,
    _v           TEXT NOT NULL DEFAULT '{}'
) STRICT;
CREATE INDEX tasks_by_community ON tasks (community_id, raised_at);
CREATE INDEX tasks_by_household ON tasks (household_id) WHERE household_id IS NOT NULL;

-- Fact: a step in a task's life (派单, 接单, 办结, 晒单, 评单, 超时上报), with who and when.
CREATE TABLE task_events (
    id          TEXT PRIMARY KEY,
    task_id     TEXT NOT NULL DEFAULT '',
    kind        TEXT NOT NULL DEFAULT 'raised',
    at          TEXT NOT NULL DEFAULT '',
    by_id       TEXT,
    assignee_id TEXT,
    team        TEXT,
    due_date    TEXT,
    result      TEXT NOT NULL DEFAULT '',
    photos      TEXT NOT NULL DEFAULT '[]',
    rating      INTEGER,
    comment     TEXT NOT NULL DEFAULT '',
    level       INTEGER
) STRICT;
CREATE INDEX task_events_by_task ON task_events (task_id, at);

-- Entity: per community and category, days past due before an open task escalates one level.
-- The row id is made from the community and the category, so every laptop edits the same row.
CREATE TABLE task_rules (
    id                  TEXT PRIMARY KEY,
    community_id        TEXT,
    category            TEXT NOT NULL DEFAULT '',
    escalate_after_days INTEGER NOT NULL DEFAULT 7,
    deleted             INTEGER NOT NULL DEFAULT 0,
    _v                  TEXT NOT NULL DEFAULT '{}'
) STRICT;
CREATE INDEX task_rules_by_community ON task_rules (community_id, category);

-- Fact: a file attached to a task or a visit. The bytes live in blobs/<hash> beside the database.
CREATE TABLE attachments (
    id          TEXT PRIMARY KEY,
    owner_table TEXT NOT NULL DEFAULT '',
    owner_id    TEXT NOT NULL DEFAULT '',
    hash        TEXT NOT NULL DEFAULT '',
    size        INTEGER NOT NULL DEFAULT 0,
    mime        TEXT NOT NULL DEFAULT 'application/octet-stream',
    name        TEXT NOT NULL DEFAULT '',
    at          TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX attachments_by_owner ON attachments (owner_table, owner_id);
