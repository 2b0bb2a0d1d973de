-- 0005: volunteers and the time bank (志愿时间银行). Entities end with `_v` and every column has
-- a default (sync merges per field); facts are insert-only and a correction is a new fact that
-- points at the one it corrects. No balance, stock or total is stored: they are sums of facts.

-- Entity: a volunteer, linked to the register when they are a resident.
CREATE TABLE volunteers (
    id           TEXT PRIMARY KEY,
    community_id TEXT,
    resident_id  TEXT,
    name         TEXT NOT NULL DEFAULT '',
    phone        TEXT,
    skills       TEXT NOT NULL DEFAULT '[]',
    availability TEXT NOT NULL DEFAULT '',
    deleted      INTEGER NOT NULL DEFAULT 0,
    _v           TEXT NOT NULL DEFAULT '{}'
) STRICT;
CREATE INDEX volunteers_by_community ON volunteers (community_id, name);
CREATE INDEX volunteers_by_resident ON volunteers (resident_id) WHERE resident_id IS NOT NULL;

-- Entity: a volunteer team (志愿服务队) of one of six kinds.
CREATE TABLE teams (
    id           TEXT PRIMARY KEY,
    community_id TEXT,
    kind         TEXT NOT NULL DEFAULT 'errands',
    name         TEXT NOT NULL DEFAULT '',
    deleted      INTEGER NOT NULL DEFAULT 0,
    _v           TEXT NOT NULL DEFAULT '{}'
) STRICT;
CREATE INDEX teams_by_community ON teams (community_id, name);

-- Entity: a volunteer's membership of a team; leaving is `deleted`.
CREATE TABLE team_members (
    id           TEXT PRIMARY KEY,
    team_id      TEXT,
    volunteer_id TEXT,
    leader       INTEGER NOT NULL DEFAULT 0,
    deleted      INTEGER NOT NULL DEFAULT 0,
    _v           TEXT NOT NULL DEFAULT '{}'
) STRICT;
CREATE INDEX team_members_by_team ON team_members (team_id);
CREATE INDEX team_members_by_volunteer ON team_members (volunteer_id);

-- Entity: an in-service party member registered with the community (双报到). The row's id is
-- the volunteer's id, so two laptops registering the same person merge into one row.
CREATE TABLE party_members (
    id            TEXT PRIMARY KEY,
    volunteer_id  TEXT,
    community_id  TEXT,
    work_unit     TEXT NOT NULL DEFAULT '',
    pledges       TEXT NOT NULL DEFAULT '[]',
    registered_on TEXT,
    deleted       INTEGER NOT NULL DEFAULT 0,
    _v            TEXT NOT NULL DEFAULT '{}'
) STRICT;
CREATE INDEX party_members_by_unit ON party_members (community_id, work_unit);

-- Entity: an activity volunteers sign up for.
CREATE TABLE activities (
    id           TEXT PRIMARY KEY,
    community_id TEXT,
    team_id      TEXT,
    title        TEXT NOT NULL DEFAULT '',
    category     TEXT NOT NULL DEFAULT '',
    date         TEXT NOT NULL DEFAULT '',
    minutes      INTEGER NOT NULL DEFAULT 0,
    place        TEXT NOT NULL DEFAULT '',
    deleted      INTEGER NOT NULL DEFAULT 0,
    _v           TEXT NOT NULL DEFAULT '{}'
) STRICT;
CREATE INDEX activities_by_community ON activities (community_id, date);

-- Fact: a volunteer signed up for an activity.
CREATE TABLE activity_signups (
    id           TEXT PRIMARY KEY,
    activity_id  TEXT NOT NULL,
    volunteer_id TEXT NOT NULL,
    at           TEXT NOT NULL
) STRICT;
CREATE INDEX activity_signups_by_activity ON activity_signups (activity_id);

-- Fact: attendance was marked (present or absent); the latest mark per volunteer counts.
CREATE TABLE attendance (
    id           TEXT PRIMARY KEY,
    activity_id  TEXT NOT NULL,
    volunteer_id TEXT NOT NULL,
    present      INTEGER NOT NULL,
    at           TEXT NOT NULL
) STRICT;
CREATE INDEX attendance_by_activity ON attendance (activity_id);

-- Fact: service hours, in minutes. A correction is a reversing entry (`reverses` the original,
-- minutes negated, same volunteer, category and date). An entry counts once verified; a
-- reversal counts when the entry it reverses does.
CREATE TABLE service_hours (
    id           TEXT PRIMARY KEY,
    volunteer_id TEXT NOT NULL,
    community_id TEXT,
    activity_id  TEXT,
    minutes      INTEGER NOT NULL,
    category     TEXT NOT NULL,
    date         TEXT NOT NULL,
    reverses     TEXT,
    note         TEXT NOT NULL DEFAULT '',
    at           TEXT NOT NULL
) STRICT;
CREATE INDEX service_hours_by_volunteer ON service_hours (volunteer_id, date);
CREATE INDEX service_hours_by_date ON service_hours (community_id, date);
CREATE INDEX service_hours_by_reverses ON service_hours (reverses) WHERE reverses IS NOT NULL;

-- Fact: a coordinator verified a service-hour entry.
CREATE TABLE hour_verifications (
    id          TEXT PRIMARY KEY,
    entry_id    TEXT NOT NULL,
    verified_by TEXT,
    at          TEXT NOT NULL
) STRICT;
CREATE INDEX hour_verifications_by_entry ON hour_verifications (entry_id);

-- Entity: a community's points rules. The row's id is the community's id (one per community).
-- rates: {"category": points per hour}; caps and expiry are null when not set.
CREATE TABLE points_rules (
    id            TEXT PRIMARY KEY,
    community_id  TEXT,
    rates         TEXT NOT NULL DEFAULT '{}',
    default_rate  INTEGER NOT NULL DEFAULT 10,
    entry_cap     INTEGER,
    month_cap     INTEGER,
    expiry_months INTEGER,
    deleted       INTEGER NOT NULL DEFAULT 0,
    _v            TEXT NOT NULL DEFAULT '{}'
) STRICT;

-- Fact: the points ledger. The account is the volunteer; `points` is the signed delta (the
-- server's ledger floor replays these per volunteer in server order). kind: earn | redeem |
-- reverse | adjust. `entry_id` is the service-hour entry an earn (or its reversal) comes from;
-- `item_id`/`quantity` what a redemption took; `reverses` the ledger fact a reversal undoes.
CREATE TABLE ledger (
    id           TEXT PRIMARY KEY,
    volunteer_id TEXT NOT NULL,
    community_id TEXT,
    kind         TEXT NOT NULL,
    points       INTEGER NOT NULL,
    date         TEXT NOT NULL,
    entry_id     TEXT,
    item_id      TEXT,
    quantity     INTEGER,
    reverses     TEXT,
    note         TEXT NOT NULL DEFAULT '',
    at           TEXT NOT NULL
) STRICT;
CREATE INDEX ledger_by_volunteer ON ledger (volunteer_id, date);
CREATE INDEX ledger_by_entry ON ledger (entry_id) WHERE entry_id IS NOT NULL;
CREATE INDEX ledger_by_reverses ON ledger (reverses) WHERE reverses IS NOT NULL;

-- Fact: the server marked a ledger fact as overdrawing its volunteer's balance (the ledger
-- floor); written when the mark is pulled. Its id is the ledger fact's id, so the marks that
-- several laptops record are one row.
CREATE TABLE ledger_reviews (
    id        TEXT PRIMARY KEY,
    ledger_id TEXT NOT NULL,
    reason    TEXT NOT NULL DEFAULT '',
    at        TEXT NOT NULL
) STRICT;

-- Fact: a coordinator resolved a review: `accepted` (the overdraft stands, to be made up) or
-- `reversed` (a reversing ledger fact was written, `reversal_id`).
CREATE TABLE ledger_resolutions (
    id          TEXT PRIMARY KEY,
    ledger_id   TEXT NOT NULL,
    resolution  TEXT NOT NULL,
    reversal_id TEXT,
    note        TEXT NOT NULL DEFAULT '',
    at          TEXT NOT NULL
) STRICT;
CREATE INDEX ledger_resolutions_by_ledger ON ledger_resolutions (ledger_id);

-- Entity: what points can be exchanged for: goods (with stock) or children's class hours.
CREATE TABLE catalogue_items (
    id           TEXT PRIMARY KEY,
    community_id TEXT,
    kind         TEXT NOT NULL DEFAULT 'goods',
    name         TEXT NOT NULL DEFAULT '',
    cost         INTEGER NOT NULL DEFAULT 0,
    unit         TEXT NOT NULL DEFAULT '',
    deleted      INTEGER NOT NULL DEFAULT 0,
    _v           TEXT NOT NULL DEFAULT '{}'
) STRICT;
CREATE INDEX catalogue_by_community ON catalogue_items (community_id, name);

-- Fact: stock came in (+) or went out (−, a redemption) for a catalogue item; stock is the sum.
CREATE TABLE stock_moves (
    id        TEXT PRIMARY KEY,
    item_id   TEXT NOT NULL,
    delta     INTEGER NOT NULL,
    ledger_id TEXT,
    at        TEXT NOT NULL
) STRICT;
CREATE INDEX stock_moves_by_item ON stock_moves (item_id);
