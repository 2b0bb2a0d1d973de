-- Issue 20 item 2's gap: a meeting's own rule of the vote (表决规则): its quorum (法定人数) and what
-- a topic needs to pass (通过标准). The default is the rule every meeting had before: more than
-- half of the members present, more than half of those present for (docs/councils.md).
ALTER TABLE council_meetings ADD COLUMN quorum TEXT NOT NULL DEFAULT 'majority';
ALTER TABLE council_meetings ADD COLUMN pass_rule TEXT NOT NULL DEFAULT 'present_majority';
