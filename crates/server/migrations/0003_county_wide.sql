-- 0003: county-wide sight is an explicit flag on the user (`linli admin user add … --county-wide`),
-- never inferred from having no grants. The administrators who saw the whole county by having no
-- grants keep it, now by the flag; revoking anyone's last grant afterwards leaves them nothing.
ALTER TABLE users ADD COLUMN county_wide INTEGER NOT NULL DEFAULT 0;
UPDATE users SET county_wide = 1
WHERE role = 'admin'
  AND NOT EXISTS (SELECT 1 FROM grants g WHERE g.county_id = users.county_id AND g.user_id = users.user_id);
