//! The strings of the 统计 page (h21stats): the scope and period pickers, the charts, the
//! ranking (晾晒) with its formulas, and the records behind a figure. `Texts::stats` holds them,
//! Chinese first and English complete.

#[derive(Debug)]
pub struct StatsTexts {
    pub nav: &'static str,
    pub title: &'static str,
    pub scope: &'static str,
    pub scope_all: &'static str,
    pub period: &'static str,
    pub kind_month: &'static str,
    pub kind_quarter: &'static str,
    pub kind_year: &'static str,
    pub kind_range: &'static str,
    pub which: &'static str,
    pub from: &'static str,
    pub to: &'static str,
    pub show: &'static str,
    pub loading: &'static str,
    pub bad_month: &'static str,
    pub bad_quarter: &'static str,
    pub bad_year: &'static str,
    pub bad_range: &'static str,
    pub period_line: fn(scope: &str, from: &str, to: &str, pfrom: &str, pto: &str) -> String,
    pub open_hint: &'static str,
    pub coverage: &'static str,
    pub resolution: &'static str,
    pub on_time: &'static str,
    pub of: fn(num: f64, den: f64) -> String,
    pub trend: &'static str,
    pub received: &'static str,
    pub resolved: &'static str,
    pub unresolved: &'static str,
    pub stages: &'static str,
    pub categories: &'static str,
    pub overdue: &'static str,
    pub hours_team: &'static str,
    pub hours_category: &'static str,
    pub no_team: &'static str,
    pub level: fn(i: usize) -> &'static str,
    pub nothing: &'static str,
    pub ranking: fn(grids: bool) -> &'static str,
    pub ranking_note: &'static str,
    pub no_ranking: &'static str,
    pub col_rank: &'static str,
    pub col_prev: &'static str,
    pub col_name: fn(grids: bool) -> &'static str,
    pub col_score: &'static str,
    pub change: &'static str,
    pub this_period: &'static str,
    pub column: fn(key: &str) -> &'static str,
    pub formula: fn(key: &str) -> &'static str,
    pub higher: &'static str,
    pub lower: &'static str,
    pub records_back: &'static str,
    pub records_title: fn(what: &str, from: &str, to: &str, n: usize) -> String,
    pub records_loading: &'static str,
    pub records_none: &'static str,
}

fn zh_column(key: &str) -> &'static str {
    match key {
        "coverage" => "走访覆盖率",
        "resolution" => "办结率",
        "on_time" => "按时办结率",
        "overdue_per_100" => "每百户逾期诉求",
        "hours_per_100" => "每百人志愿时长",
        _ => "其他",
    }
}

fn en_column(key: &str) -> &'static str {
    match key {
        "coverage" => "Visit coverage",
        "resolution" => "Resolution rate",
        "on_time" => "On-time rate",
        "overdue_per_100" => "Overdue per 100 households",
        "hours_per_100" => "Volunteer hours per 100 residents",
        _ => "Other",
    }
}

fn zh_formula(key: &str) -> &'static str {
    match key {
        "coverage" => "走访覆盖住户 ÷ 在册住户",
        "resolution" => "已办结 ÷ 受理诉求",
        "on_time" => "按时办结 ÷ 已办结",
        "overdue_per_100" => "本期受理诉求中期末逾期的件数 ÷ 在册住户 × 100",
        "hours_per_100" => "志愿服务时长 ÷ 在册居民 × 100（按社区统计）",
        _ => "",
    }
}

fn en_formula(key: &str) -> &'static str {
    match key {
        "coverage" => "households reached ÷ households on the register",
        "resolution" => "resolved ÷ requests received",
        "on_time" => "resolved on time ÷ resolved",
        "overdue_per_100" => {
            "requests received in the period and overdue at its end ÷ households × 100"
        }
        "hours_per_100" => "volunteer hours ÷ residents on the register × 100 (per community)",
        _ => "",
    }
}

fn number(v: f64) -> String {
    let s = format!("{v:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_owned()
}

pub const ZH: StatsTexts = StatsTexts {
    nav: "统计",
    title: "统计",
    scope: "范围",
    scope_all: "全部",
    period: "统计期",
    kind_month: "月",
    kind_quarter: "季度",
    kind_year: "年",
    kind_range: "起止日期",
    which: "哪一期",
    from: "开始",
    to: "结束",
    show: "查看",
    loading: "正在统计…",
    bad_month: "月份请写成2026-03这样",
    bad_quarter: "季度请写成2026-Q1这样",
    bad_year: "年份请写成2026这样",
    bad_range: "起止日期请写成2026-03-01这样，且开始不晚于结束",
    period_line: |scope, from, to, pfrom, pto| {
        format!("{scope} · {from} 至 {to}（上期 {pfrom} 至 {pto}）")
    },
    open_hint: "点开任一数字、柱条或圆点，即列出它所统计的记录。",
    coverage: "走访覆盖率",
    resolution: "办结率",
    on_time: "按时办结率",
    of: |n, d| format!("{} / {}", number(n), number(d)),
    trend: "逐月趋势",
    received: "受理诉求逐月（件）",
    resolved: "已办结",
    unresolved: "未办结",
    stages: "诉求（按状态）",
    categories: "诉求（按类别）",
    overdue: "逾期诉求（按上报级别）",
    hours_team: "志愿时长（按服务队，小时）",
    hours_category: "志愿时长（按服务类别，小时）",
    no_team: "未关联队伍",
    level: |i| ["社区", "街道", "县"].get(i).copied().unwrap_or("其他"),
    nothing: "本期没有记录",
    ranking: |grids| {
        if grids {
            "网格排名（晾晒）"
        } else {
            "社区排名（晾晒）"
        }
    },
    ranking_note: "各项按本期最好100分、最差0分折算，综合得分为各项平均；较上期为本期减上期（比率以百分点计）。",
    no_ranking: "范围为网格或更小时不排名；请选择全部、街道或社区。",
    col_rank: "名次",
    col_prev: "上期名次",
    col_name: |grids| if grids { "网格" } else { "社区" },
    col_score: "综合得分",
    change: "较上期",
    this_period: "本期",
    column: zh_column,
    formula: zh_formula,
    higher: "越高越好",
    lower: "越低越好",
    records_back: "返回统计",
    records_title: |what, from, to, n| format!("{what}：{from} 至 {to}，共 {n} 条"),
    records_loading: "正在列出记录…",
    records_none: "没有记录",
};

pub const EN: StatsTexts = StatsTexts {
    nav: "Figures",
    title: "Figures",
    scope: "Scope",
    scope_all: "Everything",
    period: "Period",
    kind_month: "Month",
    kind_quarter: "Quarter",
    kind_year: "Year",
    kind_range: "From–to",
    which: "Which",
    from: "From",
    to: "To",
    show: "Show",
    loading: "Counting…",
    bad_month: "Write the month like 2026-03",
    bad_quarter: "Write the quarter like 2026-Q1",
    bad_year: "Write the year like 2026",
    bad_range: "Write the dates like 2026-03-01, the start no later than the end",
    period_line: |scope, from, to, pfrom, pto| {
        format!("{scope} · {from} to {to} (previous period {pfrom} to {pto})")
    },
    open_hint: "Click any number, bar or point to list the records it counts.",
    coverage: "Visit coverage",
    resolution: "Resolution rate",
    on_time: "On-time rate",
    of: |n, d| format!("{} of {}", number(n), number(d)),
    trend: "Month by month",
    received: "Requests received by month",
    resolved: "Resolved",
    unresolved: "Not resolved",
    stages: "Requests by status",
    categories: "Requests by category",
    overdue: "Overdue requests by escalation level",
    hours_team: "Volunteer hours by team",
    hours_category: "Volunteer hours by service category",
    no_team: "No team",
    level: |i| {
        ["Community", "Street office", "County"]
            .get(i)
            .copied()
            .unwrap_or("Other")
    },
    nothing: "No records in this period",
    ranking: |grids| {
        if grids {
            "Ranking of grids"
        } else {
            "Ranking of communities"
        }
    },
    ranking_note: "Each figure is scored among the lines, best 100 and worst 0; the score is their mean. The change is this period minus the last (rates in percentage points).",
    no_ranking: "A grid or anything smaller is not ranked; choose everything, a town or a community.",
    col_rank: "Rank",
    col_prev: "Last rank",
    col_name: |grids| if grids { "Grid" } else { "Community" },
    col_score: "Score",
    change: "Change",
    this_period: "This period",
    column: en_column,
    formula: en_formula,
    higher: "higher is better",
    lower: "lower is better",
    records_back: "Back to the figures",
    records_title: |what, from, to, n| format!("{what}: {from} to {to}, {n} records"),
    records_loading: "Listing the records…",
    records_none: "No records",
};
