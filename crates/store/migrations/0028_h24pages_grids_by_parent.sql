-- Issue 24: a big grid's sections, found by their parent. A grid's area was read with
-- `g.id = ?1 OR g.parent_id = ?1`, which no index served: every grid of the town was scanned for
-- each grid and each worker of a community (工作台's targets, 统计).
CREATE INDEX IF NOT EXISTS grids_by_parent ON grids (parent_id);
