-- 0002: the grid register. Entities end with `_v` (field versions, see 0001); facts do not.

-- Grids: big grids (大网格) and the building sections (楼段) under them, per community.
CREATE TABLE grids (
    id           TEXT PRIMARY KEY,
    kind         TEXT NOT NULL DEFAULT 'section',
    name         TEXT NOT NULL DEFAULT '',
    parent_id    TEXT,
    community_id TEXT,
    deleted      INTEGER NOT NULL DEFAULT 0,
    _v           TEXT NOT NULL DEFAULT '{}'
) STRICT;
CREATE INDEX grids_by_community ON grids (community_id, kind, name);

-- Which buildings or units a grid covers.
CREATE TABLE grid_places (
    id       TEXT PRIMARY KEY,
    grid_id  TEXT,
    place_id TEXT,
    deleted  INTEGER NOT NULL DEFAULT 0,
    _v       TEXT NOT NULL DEFAULT '{}'
) STRICT;
CREATE INDEX grid_places_by_place ON grid_places (place_id);
CREATE INDEX grid_places_by_grid ON grid_places (grid_id);

-- Households (户). The address is a building, an optional unit and a room; moving a household
-- is a write of those fields, so the journal keeps where it was. Moving out marks, never deletes.
CREATE TABLE households (
    id               TEXT PRIMARY KEY,
    community_id     TEXT,
    building_id      TEXT,
    unit_id          TEXT,
    room             TEXT NOT NULL DEFAULT '',
    phone            TEXT,
    residence_status TEXT NOT NULL DEFAULT 'consistent',
    floating         INTEGER NOT NULL DEFAULT 0,
    tags             TEXT NOT NULL DEFAULT '[]',
    notes            TEXT NOT NULL DEFAULT '',
    moved_out        TEXT,
    deleted          INTEGER NOT NULL DEFAULT 0,
    _v               TEXT NOT NULL DEFAULT '{}'
) STRICT;
CREATE INDEX households_by_building ON households (building_id, unit_id, room);
CREATE INDEX households_by_unit ON households (unit_id, room);
CREATE INDEX households_by_community ON households (community_id);
-- the households living there now, per building: counts in the place tree come from this alone
CREATE INDEX households_live ON households (building_id) WHERE deleted = 0 AND moved_out IS NULL;

-- Residents. The head of a household is the member whose relation is 户主.
CREATE TABLE residents (
    id           TEXT PRIMARY KEY,
    household_id TEXT,
    community_id TEXT,
    name         TEXT NOT NULL DEFAULT '',
    gender       TEXT,
    birth_date   TEXT,
    id_number    TEXT,
    phone        TEXT,
    relation     TEXT NOT NULL DEFAULT '',
    care_tags    TEXT NOT NULL DEFAULT '[]',
    moved_in     TEXT,
    moved_out    TEXT,
    notes        TEXT NOT NULL DEFAULT '',
    deleted      INTEGER NOT NULL DEFAULT 0,
    _v           TEXT NOT NULL DEFAULT '{}'
) STRICT;
CREATE INDEX residents_by_household ON residents (household_id);
CREATE INDEX residents_by_id_number ON residents (community_id, id_number) WHERE id_number IS NOT NULL;
CREATE INDEX residents_by_name_birth ON residents (community_id, name, birth_date);

-- People who work the grid (grid workers, stewards, coordinators, admins) and their roles.
CREATE TABLE people (
    id           TEXT PRIMARY KEY,
    community_id TEXT,
    name         TEXT NOT NULL DEFAULT '',
    phone        TEXT,
    roles        TEXT NOT NULL DEFAULT '[]',
    deleted      INTEGER NOT NULL DEFAULT 0,
    _v           TEXT NOT NULL DEFAULT '{}'
) STRICT;
CREATE INDEX people_by_community ON people (community_id, name);

-- A person's assignment to a grid or to a building (a steward's buildings).
CREATE TABLE assignments (
    id        TEXT PRIMARY KEY,
    person_id TEXT,
    grid_id   TEXT,
    place_id  TEXT,
    role      TEXT NOT NULL DEFAULT '',
    deleted   INTEGER NOT NULL DEFAULT 0,
    _v        TEXT NOT NULL DEFAULT '{}'
) STRICT;
CREATE INDEX assignments_by_person ON assignments (person_id);

-- Fact: someone revealed a masked ID number or phone. Insert-only, synced (an audit trail).
CREATE TABLE reveals (
    id          TEXT PRIMARY KEY,
    resident_id TEXT NOT NULL,
    field       TEXT NOT NULL,
    at          TEXT NOT NULL,
    device_id   TEXT NOT NULL,
    author      TEXT
) STRICT;
CREATE INDEX reveals_by_resident ON reveals (resident_id);

-- Local, derived: search keys for residents and households. Rebuilt from the rows, never synced.
CREATE TABLE search_index (
    row_id       TEXT PRIMARY KEY,
    kind         TEXT NOT NULL,
    household_id TEXT NOT NULL,
    name         TEXT NOT NULL DEFAULT '',
    py           TEXT NOT NULL DEFAULT '',
    ini          TEXT NOT NULL DEFAULT '',
    id_rev       TEXT,
    phone_rev    TEXT,
    addr         TEXT
) STRICT;
CREATE INDEX search_by_name ON search_index (name);
CREATE INDEX search_by_py ON search_index (py);
CREATE INDEX search_by_ini ON search_index (ini);
CREATE INDEX search_by_id ON search_index (id_rev) WHERE id_rev IS NOT NULL;
CREATE INDEX search_by_phone ON search_index (phone_rev) WHERE phone_rev IS NOT NULL;
CREATE INDEX search_by_addr ON search_index (addr) WHERE addr IS NOT NULL;

-- Local, derived: every proper suffix of each resident's name ("张小明" → "小明", "明"), so a
-- match inside a name is an index range, not a scan.
CREATE TABLE name_suffixes (
    suffix TEXT NOT NULL,
    row_id TEXT NOT NULL,
    PRIMARY KEY (suffix, row_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX name_suffixes_by_row ON name_suffixes (row_id);
