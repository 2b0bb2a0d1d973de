-- 0008: why a pulled change was kept aside instead of applied (a table or field this build does
-- not know, a value the schema refuses, a row that will not insert), shown on the Sync page.
-- Never edit a landed migration; add the next number instead.
ALTER TABLE sync_unapplied ADD COLUMN reason TEXT NOT NULL DEFAULT '';
