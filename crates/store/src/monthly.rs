//! The monthly report upward (月报): households under grid management, visits and coverage,
//! requests received, resolved and on time, micro-wishes fulfilled, volunteer hours — each for
//! the month and for the year to date (1 January to the month's last day). Every figure is
//! taken from the same store function as the list that reproduces it (named in its `source`):
//! `coverage`, `task_rates`, `hours_report`, and the visit list of the export. Nothing is
//! stored; asking again gives the same figures while the records stay the same.

use std::path::Path;

use linli_domain::field::TaskCategory;
use linli_domain::{DomainError, Id};
use linli_protocol::{
    Coverage, CoverageReport, FigureUnit, HoursReportQuery, MonthlyFigure, MonthlyReport,
    MonthlyReportData, TaskRates, TaskRatesReport,
};
use linli_sheets::{Cell, Sheet};

use crate::{Result, Store};

/// The first and last days of "YYYY-MM" ("YYYY-MM-DD"), by linli-domain's calendar.
pub(crate) fn month_bounds(month: &str) -> Result<(String, String)> {
    linli_domain::calendar::month_bounds(month).ok_or_else(|| {
        DomainError::coded(
            "month",
            linli_domain::msg::BAD_MONTH,
            linli_domain::args![value = month],
        )
        .into()
    })
}

/// Visited and total households summed over the report's communities.
fn reached(c: &CoverageReport) -> (u32, u32) {
    c.communities
        .iter()
        .fold((0, 0), |(v, t), r| (v + r.visited, t + r.total))
}

fn rate(a: f64, b: f64) -> f64 {
    if b == 0.0 {
        0.0
    } else {
        a / b
    }
}

/// What a monthly report covers: everything, a place, or a grid.
pub(crate) struct Scope {
    pub area: crate::field::Area,
    /// Whose volunteer hours count (every community's when none).
    pub community: Option<Id>,
    pub name: String,
    /// Narrower than a community: the hours are still the community's.
    pub narrower: bool,
    pub grid: bool,
}

impl Store {
    /// The scope of a report: a grid when given, else a place, else everything.
    pub(crate) fn report_scope(&self, place: Option<Id>, grid: Option<Id>) -> Result<Scope> {
        if let Some(g) = grid {
            let grid = self.grid(g)?;
            return Ok(Scope {
                area: self.area_of_grid(g)?,
                community: Some(grid.community_id),
                name: grid.name,
                narrower: true,
                grid: true,
            });
        }
        let Some(p) = place else {
            return Ok(Scope {
                area: crate::field::Area::default(),
                community: None,
                name: "全部".to_owned(),
                narrower: false,
                grid: false,
            });
        };
        let community = crate::register::community_of(&self.conn, p)?;
        Ok(Scope {
            area: self.area_of_place(place)?,
            community,
            name: self.place(p)?.name,
            narrower: community.is_some() && community != place,
            grid: false,
        })
    }

    /// The monthly report (see [`MonthlyReport`]); written as .xlsx when a path is given.
    pub fn monthly_report(&self, req: &MonthlyReport) -> Result<MonthlyReportData> {
        let (from, to) = month_bounds(&req.month)?;
        let month = linli_domain::calendar::month_of(&from).to_owned();
        let cum_from = format!("{}-01-01", &from[..4]);
        let scope = self.report_scope(req.place_id, req.grid_id)?;
        // a grid's coverage sheet is its community's
        let place = if scope.grid {
            scope.community
        } else {
            req.place_id
        };
        let place_name = scope.name.clone();

        // households: the register as it stands (the households list), and those in a grid
        let area = &scope.area;
        let states = self.states(area, &from, &to)?;
        let households = states.len() as f64;
        let in_grid = states
            .iter()
            .filter(|s| s.section.or(s.big).is_some())
            .count() as f64;

        // visits and coverage
        let cov = |from: &str| {
            self.coverage(&Coverage {
                place_id: place,
                from: Some(from.to_owned()),
                to: Some(to.clone()),
            })
        };
        let (cov_month, cov_year) = (cov(&from)?, cov(&cum_from)?);
        let (vm, tm, vy, ty) = if scope.grid {
            // the grid's households reached, as `coverage` counts them
            let reached = |from: &str| -> Result<(u32, u32)> {
                let s = self.states(area, from, &to)?;
                Ok((
                    s.iter().filter(|s| s.in_period).count() as u32,
                    s.len() as u32,
                ))
            };
            let ((vm, tm), (vy, ty)) = (reached(&from)?, reached(&cum_from)?);
            (vm, tm, vy, ty)
        } else {
            let ((vm, tm), (vy, ty)) = (reached(&cov_month), reached(&cov_year));
            (vm, tm, vy, ty)
        };
        let visits_month = self
            .visit_rows_in(area, Some(&from), Some(&to), false)?
            .len() as f64;
        let visits_year = self
            .visit_rows_in(area, Some(&cum_from), Some(&to), false)?
            .len() as f64;

        // requests (五单) and micro-wishes
        let rates = |from: &str| {
            self.task_rates_in(
                area,
                &TaskRates {
                    place_id: None,
                    from: Some(from.to_owned()),
                    to: Some(to.clone()),
                },
            )
        };
        let (rm, ry) = (rates(&from)?, rates(&cum_from)?);
        let wishes = |r: &TaskRatesReport, ids: &[Id]| -> Result<f64> {
            let mut n = 0;
            for id in ids {
                if self.task(*id, Some(&r.to))?.category == TaskCategory::MicroWish {
                    n += 1;
                }
            }
            Ok(f64::from(n))
        };

        // volunteer hours: kept per community, so a narrower place reports its community's
        let community = scope.community;
        let hours = |from: &str| {
            self.hours_report(&HoursReportQuery {
                community_id: community,
                from: Some(from.to_owned()),
                to: Some(to.clone()),
            })
        };
        let (hm, hy) = (hours(&from)?, hours(&cum_from)?);
        let narrower = scope.narrower;

        let n = |x: usize| x as f64;
        let fig = |key: &str, label: &str, unit, month: f64, cumulative: f64, source: &str| {
            MonthlyFigure {
                key: key.to_owned(),
                label: label.to_owned(),
                unit,
                month,
                cumulative,
                source: source.to_owned(),
            }
        };
        use FigureUnit::{Count, Hours, Rate};
        let hours_note = if narrower {
            "志愿时长名单中“计入时长”为“是”的时长之和（志愿时长按所在社区统计）"
        } else {
            "志愿时长名单中“计入时长”为“是”的时长之和"
        };
        let figures = vec![
            fig(
                "households",
                "在册住户（户）",
                Count,
                households,
                households,
                "住户名单的行数（当前在册，两栏相同）",
            ),
            fig(
                "grid_households",
                "纳入网格管理住户（户）",
                Count,
                in_grid,
                in_grid,
                "住户名单中楼栋或单元已划入网格的户数（两栏相同）",
            ),
            fig(
                "visits",
                "走访（户次）",
                Count,
                visits_month,
                visits_year,
                "走访名单（按统计期导出）的行数",
            ),
            fig(
                "visited_households",
                "走访覆盖住户（户）",
                Count,
                f64::from(vm),
                f64::from(vy),
                "走访名单中“计入覆盖”为“是”的不同在册住户数",
            ),
            fig(
                "coverage_rate",
                "走访覆盖率",
                Rate,
                rate(f64::from(vm), f64::from(tm)),
                rate(f64::from(vy), f64::from(ty)),
                "走访覆盖住户 ÷ 在册住户",
            ),
            fig(
                "tasks_raised",
                "受理诉求（件）",
                Count,
                n(rm.raised.len()),
                n(ry.raised.len()),
                "诉求名单（按统计期导出）的行数",
            ),
            fig(
                "tasks_resolved",
                "已办结（件）",
                Count,
                n(rm.resolved.len()),
                n(ry.resolved.len()),
                "诉求名单中“已办结”为“是”的行数",
            ),
            fig(
                "tasks_on_time",
                "按时办结（件）",
                Count,
                n(rm.on_time.len()),
                n(ry.on_time.len()),
                "诉求名单中“按时办结”为“是”的行数",
            ),
            fig(
                "resolution_rate",
                "办结率",
                Rate,
                rm.resolution_rate,
                ry.resolution_rate,
                "已办结 ÷ 受理诉求",
            ),
            fig(
                "on_time_rate",
                "按时办结率",
                Rate,
                rm.on_time_rate,
                ry.on_time_rate,
                "按时办结 ÷ 已办结",
            ),
            fig(
                "micro_wishes_fulfilled",
                "点亮微心愿（个）",
                Count,
                wishes(&rm, &rm.resolved)?,
                wishes(&ry, &ry.resolved)?,
                "诉求名单中类别为“微心愿”且“已办结”为“是”的行数",
            ),
            fig(
                "volunteer_hours",
                "志愿服务时长（小时）",
                Hours,
                hm.total_hours,
                hy.total_hours,
                hours_note,
            ),
            fig(
                "volunteers",
                "参与志愿者（人）",
                Count,
                f64::from(hm.volunteers),
                f64::from(hy.volunteers),
                "志愿时长名单中计入时长的不同志愿者数",
            ),
        ];
        // the community's registers (借还, 调解, 议事, 公告, 托管 …), kept per community
        let mut figures = figures;
        let today = self.now().today();
        let period = crate::monthly_registers::Period {
            community,
            from: &from,
            cum_from: &cum_from,
            to: &to,
            today: &today,
            narrower,
        };
        for register in crate::monthly_registers::REGISTERS {
            figures.extend((register.figures)(self, &period)?);
        }
        let data = MonthlyReportData {
            month,
            place_name,
            from,
            to,
            cumulative_from: cum_from,
            figures,
            path: req.path.clone(),
        };
        if let Some(path) = &req.path {
            if crate::pdf::is_pdf(path) {
                let doc = crate::pdf::monthly(&data, &cov_month, &self.now().today());
                crate::pdf::write(Path::new(path), &doc)?;
            } else {
                write_monthly(Path::new(path), &data, &cov_month, &self.export_mark())?;
            }
        }
        Ok(data)
    }
}

/// The report's footnote: where each figure can be checked, in the window's words (a secretary
/// reading the sheet has no command line).
pub(crate) const FOOTNOTE: &str =
    "每个数字都由邻里按记录算出，可逐条核对：在邻里“报表”页点开数字即列出其记录，或按统计期导出“口径”一栏所列名单";

pub(crate) const FIGURE_HEADERS: [&str; 5] =
    ["序号", "项目", "本月", "本年累计", "口径（可由此名单核对）"];
pub(crate) const GRID_HEADERS: [&str; 5] = ["层级", "名称", "已走访（户）", "在册（户）", "覆盖率"];

fn value(unit: FigureUnit, v: f64) -> Cell {
    match unit {
        FigureUnit::Rate => Cell::Percent(v),
        _ => Cell::Number(v),
    }
}

/// The report as a workbook: the figures, then the month's coverage per grid and building.
fn write_monthly(
    path: &Path,
    d: &MonthlyReportData,
    cov: &CoverageReport,
    mark: &linli_sheets::Mark,
) -> Result<()> {
    let (y, m) = d.month.split_once('-').unwrap_or((&d.month, ""));
    let m = m.trim_start_matches('0');
    let title = vec![
        format!("{} {y}年{m}月 网格工作月报", d.place_name),
        format!(
            "本月：{} 至 {}；本年累计：{} 至 {}",
            d.from, d.to, d.cumulative_from, d.to
        ),
        FOOTNOTE.to_owned(),
    ];
    let rows: Vec<Vec<Cell>> = d
        .figures
        .iter()
        .enumerate()
        .map(|(i, f)| {
            vec![
                Cell::Number(i as f64 + 1.0),
                f.label.clone().into(),
                value(f.unit, f.month),
                value(f.unit, f.cumulative),
                f.source.clone().into(),
            ]
        })
        .collect();
    let cov_title = vec![format!("{} {y}年{m}月 走访覆盖", d.place_name)];
    let cov_rows: Vec<Vec<Cell>> = [
        ("社区", &cov.communities),
        ("网格", &cov.grids),
        ("楼栋", &cov.buildings),
    ]
    .into_iter()
    .flat_map(|(level, rows)| {
        rows.iter().map(move |r| {
            vec![
                level.into(),
                r.name.clone().into(),
                Cell::Number(f64::from(r.visited)),
                Cell::Number(f64::from(r.total)),
                Cell::Percent(r.rate),
            ]
        })
    })
    .collect();
    linli_sheets::write_book_marked(
        path,
        &[
            Sheet {
                name: "月报",
                title: &title,
                headers: &FIGURE_HEADERS,
                rows: &rows,
            },
            Sheet {
                name: "走访覆盖",
                title: &cov_title,
                headers: &GRID_HEADERS,
                rows: &cov_rows,
            },
        ],
        mark,
    )?;
    Ok(())
}

impl Store {
    /// A default place for an exported file (see [`linli_protocol::SuggestPath`]).
    pub fn suggest_path(&self, req: &linli_protocol::SuggestPath) -> Result<String> {
        let name = Path::new(req.file_name.trim())
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .filter(|n| !n.is_empty())
            .ok_or_else(|| {
                DomainError::coded("file_name", linli_domain::msg::FILE_NAME_MISSING, vec![])
            })?;
        let dir = dirs::download_dir()
            .filter(|d| d.is_dir())
            .or_else(|| dirs::document_dir().filter(|d| d.is_dir()))
            .or_else(dirs::home_dir)
            .unwrap_or_else(|| ".".into());
        Ok(dir.join(name).display().to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::month_bounds;

    #[test]
    fn a_suggested_path_keeps_only_the_file_name() {
        let s = crate::Store::open_in_memory().unwrap();
        let p = s
            .suggest_path(&linli_protocol::SuggestPath {
                file_name: "../../etc/月报-2026-03.xlsx".into(),
            })
            .unwrap();
        assert!(p.ends_with("月报-2026-03.xlsx") && !p.contains(".."), "{p}");
        assert!(std::path::Path::new(&p).is_absolute() || p.starts_with('.'));
    }

    #[test]
    fn the_footnote_cites_no_command_line() {
        let f = super::FOOTNOTE;
        assert!(!f.contains("linli") && !f.contains("--"), "{f}");
        assert!(f.contains("报表"), "it says where in the window: {f}");
    }

    #[test]
    fn months_end_on_their_last_day() {
        let (a, b) = month_bounds("2024-02").unwrap();
        assert_eq!(
            (a.to_string(), b.to_string()),
            ("2024-02-01".into(), "2024-02-29".into())
        );
        let (_, b) = month_bounds("2026-12").unwrap();
        assert_eq!(b.to_string(), "2026-12-31");
        assert!(month_bounds("2026-13").is_err());
        assert!(month_bounds("三月").is_err());
    }
}
