-- 0002: the county is real. A device token names its county (`<county>.<hex>`, bare hex for the
-- county 'default'), so a token is found by (county_id, token_hash) — the unique key devices
-- already have — and the index on the hash alone, which a Citus cluster would have to ask every
-- shard, goes. A user name is unique on the whole server (a laptop signs in with name and
-- password only); the server checks that under an advisory lock, and finds a user's county by
-- name through this index. Enrolment and the admin commands naming a user are the only lookups
-- without a county; on Citus they fan out, and they are rare.
DROP INDEX devices_token;
CREATE INDEX users_name ON users (name);
