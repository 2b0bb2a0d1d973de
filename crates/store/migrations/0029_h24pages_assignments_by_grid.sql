-- Issue 24: a grid's workers, found by grid. `list_grids` (网格, 今日, 诉求's filters, 报表) read
-- every assignment of the town for each grid: 396 ms for a community of 715 grids at 100,000
-- households, asked on most page opens.
CREATE INDEX IF NOT EXISTS assignments_by_grid ON assignments (grid_id);
