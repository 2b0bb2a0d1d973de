-- Issue 25's gap: a service point carries the day it opened (启用日期) and the day it closed
-- (停用日期, the first day it is closed), "" when not known or still open; the monthly report
-- and 统计 count the points open at a period's end (docs/circle.md).
ALTER TABLE circle_points ADD COLUMN opened_on TEXT NOT NULL DEFAULT '';
ALTER TABLE circle_points ADD COLUMN closed_on TEXT NOT NULL DEFAULT '';
