-- 0011 (h18feat): one format for every synced `at`: RFC 3339 local time with its offset, to the
-- second ("2026-11-20T09:30:00+08:00", linli_domain::now). Before, three were written: UTC
-- "…T…Z" (reveals), UTC with milliseconds "…T….000Z" (the time bank) and local "YYYY-MM-DD HH:MM"
-- with no offset (field work). The stored ones are rewritten at this laptop's offset now (what
-- SQLite's 'localtime' reads, as the app does); values that arrive later from an older laptop in
-- an old format are still read (linli_domain::now::parse_stamp), and left as they came.

CREATE TEMP TABLE h18_offset AS
    SELECT CAST(round((julianday('now', 'localtime') - julianday('now')) * 1440) AS INTEGER) AS m;
CREATE TEMP TABLE h18_suffix AS
    SELECT (CASE WHEN m < 0 THEN '-' ELSE '+' END) || printf('%02d:%02d', abs(m) / 60, abs(m) % 60) AS s,
           printf('%+d minutes', m) AS shift
    FROM h18_offset;

-- local minutes with no offset: the field's times
UPDATE visits SET at = substr(at, 1, 10) || 'T' || substr(at, 12, 5) || ':00' || (SELECT s FROM h18_suffix)
    WHERE length(at) = 16 AND substr(at, 11, 1) = ' ';
UPDATE visit_reviews SET at = substr(at, 1, 10) || 'T' || substr(at, 12, 5) || ':00' || (SELECT s FROM h18_suffix)
    WHERE length(at) = 16 AND substr(at, 11, 1) = ' ';
UPDATE tasks SET raised_at = substr(raised_at, 1, 10) || 'T' || substr(raised_at, 12, 5) || ':00' || (SELECT s FROM h18_suffix)
    WHERE length(raised_at) = 16 AND substr(raised_at, 11, 1) = ' ';
UPDATE task_events SET at = substr(at, 1, 10) || 'T' || substr(at, 12, 5) || ':00' || (SELECT s FROM h18_suffix)
    WHERE length(at) = 16 AND substr(at, 11, 1) = ' ';
UPDATE attachments SET at = substr(at, 1, 10) || 'T' || substr(at, 12, 5) || ':00' || (SELECT s FROM h18_suffix)
    WHERE length(at) = 16 AND substr(at, 11, 1) = ' ';

-- UTC: reveals and the time bank, shown at this laptop's offset
UPDATE reveals SET at = strftime('%Y-%m-%dT%H:%M:%S', at, (SELECT shift FROM h18_suffix)) || (SELECT s FROM h18_suffix)
    WHERE at LIKE '____-__-__T__:__:__%Z' AND strftime('%s', at) IS NOT NULL;
UPDATE activity_signups SET at = strftime('%Y-%m-%dT%H:%M:%S', at, (SELECT shift FROM h18_suffix)) || (SELECT s FROM h18_suffix)
    WHERE at LIKE '____-__-__T__:__:__%Z' AND strftime('%s', at) IS NOT NULL;
UPDATE attendance SET at = strftime('%Y-%m-%dT%H:%M:%S', at, (SELECT shift FROM h18_suffix)) || (SELECT s FROM h18_suffix)
    WHERE at LIKE '____-__-__T__:__:__%Z' AND strftime('%s', at) IS NOT NULL;
UPDATE service_hours SET at = strftime('%Y-%m-%dT%H:%M:%S', at, (SELECT shift FROM h18_suffix)) || (SELECT s FROM h18_suffix)
    WHERE at LIKE '____-__-__T__:__:__%Z' AND strftime('%s', at) IS NOT NULL;
UPDATE hour_verifications SET at = strftime('%Y-%m-%dT%H:%M:%S', at, (SELECT shift FROM h18_suffix)) || (SELECT s FROM h18_suffix)
    WHERE at LIKE '____-__-__T__:__:__%Z' AND strftime('%s', at) IS NOT NULL;
UPDATE ledger SET at = strftime('%Y-%m-%dT%H:%M:%S', at, (SELECT shift FROM h18_suffix)) || (SELECT s FROM h18_suffix)
    WHERE at LIKE '____-__-__T__:__:__%Z' AND strftime('%s', at) IS NOT NULL;
UPDATE ledger_reviews SET at = strftime('%Y-%m-%dT%H:%M:%S', at, (SELECT shift FROM h18_suffix)) || (SELECT s FROM h18_suffix)
    WHERE at LIKE '____-__-__T__:__:__%Z' AND strftime('%s', at) IS NOT NULL;
UPDATE ledger_resolutions SET at = strftime('%Y-%m-%dT%H:%M:%S', at, (SELECT shift FROM h18_suffix)) || (SELECT s FROM h18_suffix)
    WHERE at LIKE '____-__-__T__:__:__%Z' AND strftime('%s', at) IS NOT NULL;
UPDATE stock_moves SET at = strftime('%Y-%m-%dT%H:%M:%S', at, (SELECT shift FROM h18_suffix)) || (SELECT s FROM h18_suffix)
    WHERE at LIKE '____-__-__T__:__:__%Z' AND strftime('%s', at) IS NOT NULL;

DROP TABLE h18_suffix;
DROP TABLE h18_offset;
