use linli_domain::field::{TaskCategory, TaskStatus};
use linli_protocol::{DueReason, ListKind};

use super::Texts;

pub const TEXTS: Texts = Texts {
    app_name: "邻里",
    app_tagline: "社区网格工作台",
    switch_lang: "English",

    nav_today: "今日",
    nav_register: "网格",
    nav_visits: "走访",
    nav_tasks: "诉求",
    nav_volunteers: "志愿",
    nav_reports: "报表",
    nav_sync: "同步",

    not_built_title: "此页尚未建成",
    not_built_body: "这一页还在建设中，后续版本会提供。现在可以使用“网格”页管理社区。",

    loading: "正在加载…",
    retry: "重试",

    register_title: "网格登记",
    communities: "社区",
    community_name: "社区名称",
    community_town: "所属镇(街道)",
    community_id: "编号",
    community_name_placeholder: "例如：北门社区",
    no_town: "（不属于任何镇）",
    add_community: "添加社区",
    adding: "正在添加…",
    filter_placeholder: "按名称筛选社区",
    no_communities: "还没有社区。在下方填写名称即可添加第一个社区。",
    no_match: "没有名称符合筛选条件的社区。",
    count: |shown, total| {
        if shown == total {
            format!("共 {total} 个社区")
        } else {
            format!("显示 {shown} 个，共 {total} 个社区")
        }
    },
    added: |name| format!("已添加“{name}”"),
    sort_by_name: "按名称排序",

    today_title: "今日走访",
    coverage_line: |visited, total, rate| format!("近30天走访覆盖：{visited}/{total} 户（{rate}）"),
    due_count: |n| format!("今日应走访 {n} 户"),
    nothing_due: "今天没有需要走访的住户。",
    col_address: "地址",
    col_head: "户主",
    col_care: "关爱对象",
    col_last_visit: "上次走访",
    col_reason: "原因",
    never: "从未走访",
    due_reason: |r| match r {
        DueReason::NeverVisited => "从未走访",
        DueReason::Care => "关爱对象到期",
        DueReason::Routine => "常规走访到期",
        DueReason::NotDue => "未到期",
    },
    review_title: "夜研判",
    review_empty: "今天的走访没有需要研判的情况。",
    col_time: "时间",
    col_visitor: "走访人",
    col_findings: "走访情况",
    col_review: "研判",
    reviewed: "已研判",
    to_review: "待研判",
    follow_up: "已转事项",
    tasks_title: "诉求（五单）",
    rates_line: |raised, resolved, rate, on_time, overdue| {
        format!("近30天点单 {raised} 件，办结 {resolved} 件（办结率 {rate}，按时率 {on_time}），逾期未办 {overdue} 件")
    },
    task_status: TaskStatus::label_zh,
    task_category: TaskCategory::label_zh,
    overdue: "已逾期",
    vol_title: "志愿服务与时间银行",
    vol_no_community: "还没有社区。请先在“网格”页添加社区。",
    vol_volunteers: "志愿者",
    vol_none: "本社区还没有登记志愿者。",
    vol_selected: |selected, total| format!("已选 {selected} 位，共 {total} 位"),
    vol_name: "姓名",
    vol_teams: "服务队",
    vol_work_unit: "报到单位",
    vol_hours: "已审核时长",
    vol_balance: "积分",
    vol_activity: "活动",
    vol_hours_unit: "小时",
    vol_credit: "为所选志愿者登记时长",
    vol_verify: |n| format!("审核待审核记录（{n}条）"),
    vol_credited: |people, hours| {
        format!("已为 {people} 位志愿者登记共 {hours} 小时，待审核后计分。")
    },
    vol_verified: |n| format!("已审核 {n} 条记录，积分已按规则记入。"),
    vol_item: "兑换物品",
    vol_item_line: |name, cost, stock| match stock {
        Some(s) => format!("{name} · {cost}分 · 库存{s}"),
        None => format!("{name} · {cost}分"),
    },
    vol_redeem: "为所选志愿者兑换",
    vol_redeemed: |item, points, balance| format!("已兑换“{item}”，扣{points}分，余{balance}分。"),
    vol_pick_one: "请先勾选一位志愿者",
    vol_pick_only_one: "一次只能为一位志愿者兑换，请只勾选一位",
    vol_statement_of: |name| format!("{name}的积分对账单"),
    vol_balance_line: |balance, certain| {
        if certain {
            format!("余额 {balance} 分")
        } else {
            format!("余额 {balance} 分（不确定）")
        }
    },
    vol_date: "日期",
    vol_what: "摘要",
    vol_points: "积分",
    vol_running: "余额",
    vol_needs_review: " ⚠ 超支待核查",
    rep_title: "报表",
    rep_monthly: "月报",
    rep_month: "月份",
    rep_place: "范围",
    rep_all: "全部",
    rep_path: "保存到",
    rep_make_monthly: "生成月报",
    rep_working: "正在处理…",
    rep_written: |path| format!("已保存到 {path}"),
    rep_period: |from, to, cum| format!("本月 {from} 至 {to}；本年累计 {cum} 至 {to}"),
    rep_col_item: "项目",
    rep_col_month: "本月",
    rep_col_cumulative: "本年累计",
    rep_col_source: "口径（可由此名单核对）",
    rep_import: "导入台账",
    rep_import_file: "台账文件（.xlsx、.xls 或 .csv 的完整路径）",
    rep_import_into: "导入到",
    rep_import_hint: "先预览：预览不写入任何数据，确认后才导入。",
    rep_preview: "预览",
    rep_preview_line: |hn, hc, rn, rc| {
        format!("住户：新增 {hn} 户，更新 {hc} 户；居民：新增 {rn} 人，更新 {rc} 人")
    },
    rep_refused: |n| format!("拒收 {n} 行（不会导入）"),
    rep_warnings: |n| format!("提醒 {n} 行（会导入，请核对）"),
    rep_col_sheet: "工作表",
    rep_col_row: "行号",
    rep_col_reason: "原因",
    rep_confirm: "确认导入",
    rep_imported: |hn, hc, rn, rc| {
        format!("已导入。住户：新增 {hn} 户，更新 {hc} 户；居民：新增 {rn} 人，更新 {rc} 人")
    },
    rep_export: "导出名单",
    rep_kind: "名单",
    list_kind: ListKind::label_zh,
    rep_format: "格式",
    rep_reveal: "显示完整证件号",
    rep_reveal_warning: "文件将含完整的身份证号和电话，请妥善保管，用后删除。",
    rep_from: "起始日期",
    rep_to: "结束日期",
    rep_export_button: "导出",
    rep_exported: |rows, path| format!("已导出 {rows} 行到 {path}"),
    rep_need_path: "请填写文件路径",
    rep_need_place: "请选择要导入到的地点",
    rep_quick_export: "一键导出（Excel，证件号打码，存到默认文件夹）：",
};
