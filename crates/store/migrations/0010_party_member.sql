-- 0010: 党员 is a flag of its own, no longer a care tag (a political identity is not a
-- reason to visit). Every resident tagged 党员 gets the flag and loses the tag, the other tags
-- kept in order. Every device runs the same rewrite, so their rows stay equal.
ALTER TABLE residents ADD COLUMN party_member INTEGER NOT NULL DEFAULT 0;

UPDATE residents
SET party_member = 1,
    care_tags = (SELECT json_group_array(j.value)
                 FROM (SELECT value FROM json_each(residents.care_tags)
                       WHERE value != '党员' ORDER BY key) j)
WHERE json_valid(care_tags)
  AND EXISTS (SELECT 1 FROM json_each(residents.care_tags) WHERE value = '党员');
