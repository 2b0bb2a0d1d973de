-- 0016 (h15refuse): a change the server refused keeps the refusal's catalogue code and its
-- arguments (a JSON object of text values), so the Sync page says it in the window's language.
-- NULL for a refusal kept before this migration or sent by an older server: the page shows its
-- message as sent.
ALTER TABLE sync_refusals ADD COLUMN code TEXT;
ALTER TABLE sync_refusals ADD COLUMN args TEXT;
