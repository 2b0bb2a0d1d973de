//! The strings of the 服务圈 page (the 15-minute neighbourhood service circle, issue 25 item 3;
//! h25circle): the service search, the points list and its print, a point's form, the joint
//! activities. Chinese first, English complete.

use linli_domain::circle::{service_en, PointKind};

#[derive(Debug)]
pub struct CircleTexts {
    pub nav: &'static str,
    pub title: &'static str,
    pub community: &'static str,
    pub no_community: &'static str,
    pub loading: &'static str,
    pub tab_points: &'static str,
    pub tab_activities: &'static str,
    pub find_service: &'static str,
    pub find_hint: &'static str,
    pub search_text: &'static str,
    pub all_kinds: &'static str,
    pub kind: &'static str,
    pub sort: &'static str,
    pub sort_kind: &'static str,
    pub sort_name: &'static str,
    pub sort_home: &'static str,
    pub none: &'static str,
    pub none_for: fn(&str) -> String,
    pub found: fn(usize) -> String,
    pub new_point: &'static str,
    pub edit_point: &'static str,
    pub remove: &'static str,
    pub export: &'static str,
    pub print_title: fn(&str) -> String,
    pub col_name: &'static str,
    pub col_address: &'static str,
    pub col_hours: &'static str,
    pub col_services: &'static str,
    pub col_contact: &'static str,
    pub col_run_by: &'static str,
    pub col_serves: &'static str,
    pub shared: &'static str,
    pub neighbour: &'static str,
    pub kind_label: fn(PointKind) -> &'static str,
    pub service_label: fn(&str) -> &'static str,
    // the form
    pub name: &'static str,
    pub address: &'static str,
    pub hours: &'static str,
    pub hours_hint: &'static str,
    pub contact_name: &'static str,
    pub contact_phone: &'static str,
    pub run_by: &'static str,
    pub run_by_community: &'static str,
    pub run_by_unit: &'static str,
    pub unit_name: &'static str,
    pub services: &'static str,
    pub services_more: &'static str,
    pub serves: &'static str,
    pub note: &'static str,
    pub save: &'static str,
    pub cancel: &'static str,
    pub need_name: &'static str,
    pub need_kind: &'static str,
    pub need_service: &'static str,
    pub bad_hours: &'static str,
    pub opened_on: &'static str,
    pub closed_on: &'static str,
    pub show_closed: &'static str,
    pub closed_mark: &'static str,
    pub opened_mark: fn(&str) -> String,
    // the activities
    pub new_activity: &'static str,
    pub activities_none: &'static str,
    pub col_date: &'static str,
    pub col_title: &'static str,
    pub col_communities: &'static str,
    pub col_units: &'static str,
    pub col_where: &'static str,
    pub col_participants: &'static str,
    pub units_hint: &'static str,
    pub no_point: &'static str,
    pub activity_counts: fn(u32, u32) -> String,
}

fn zh_kind(k: PointKind) -> &'static str {
    k.label_zh()
}

fn en_kind(k: PointKind) -> &'static str {
    k.label_en()
}

fn zh_service(s: &str) -> &'static str {
    linli_domain::circle::SERVICES
        .iter()
        .find(|(zh, _)| *zh == s)
        .map_or("", |(zh, _)| zh)
}

fn en_service(s: &str) -> &'static str {
    linli_domain::circle::SERVICES
        .iter()
        .find(|(zh, _)| *zh == s)
        .map_or("", |(zh, _)| service_en(zh))
}

pub const ZH: CircleTexts = CircleTexts {
    nav: "服务圈",
    title: "15分钟近邻服务圈",
    community: "社区",
    no_community: "还没有社区。请先在“住户”页添加社区。",
    loading: "正在加载…",
    tab_points: "服务点",
    tab_activities: "联建活动",
    find_service: "找服务",
    find_hint: "如：理发、助餐、量血压、托管",
    search_text: "名称或地址",
    all_kinds: "全部类型",
    kind: "类型",
    sort: "排序",
    sort_kind: "按类型",
    sort_name: "按名称",
    sort_home: "本社区在前",
    none: "本社区的服务圈还没有服务点。",
    none_for: |s| format!("附近没有提供“{s}”的服务点。"),
    found: |n| format!("找到 {n} 个服务点"),
    new_point: "新增服务点",
    edit_point: "修改服务点",
    remove: "删除",
    export: "导出",
    print_title: |c| format!("{c} 15分钟近邻服务圈服务点一览"),
    col_name: "服务点",
    col_address: "地址",
    col_hours: "开放时间",
    col_services: "服务项目",
    col_contact: "联系人",
    col_run_by: "运营方",
    col_serves: "服务社区",
    shared: "共享",
    neighbour: "邻近社区",
    kind_label: zh_kind,
    service_label: zh_service,
    name: "服务点名称",
    address: "地址",
    hours: "开放时间",
    hours_hint: "如：周一至周五 08:30-17:30",
    contact_name: "联系人",
    contact_phone: "联系电话",
    run_by: "运营方",
    run_by_community: "本册社区",
    run_by_unit: "共建单位",
    unit_name: "共建单位名称",
    services: "服务项目",
    services_more: "其他服务（用顿号分隔）",
    serves: "同时服务的邻近社区",
    note: "备注",
    save: "保存",
    cancel: "取消",
    need_name: "请填写服务点名称",
    need_kind: "请选择服务点类型",
    need_service: "请至少选择或填写一项服务",
    bad_hours: "开放时间请写成“周一至周五 08:30-17:30”这样，至少一段时间",
    opened_on: "启用日期",
    closed_on: "停用日期（在用留空）",
    show_closed: "显示已停用的服务点",
    closed_mark: "已停用",
    opened_mark: |d| format!("{d}启用"),
    new_activity: "登记联建活动",
    activities_none: "还没有联建活动。",
    col_date: "日期",
    col_title: "活动",
    col_communities: "参加社区",
    col_units: "共建单位",
    col_where: "地点",
    col_participants: "人数",
    units_hint: "多个单位用顿号分隔",
    no_point: "（不在服务点）",
    activity_counts: |n, p| format!("共 {n} 次活动，参加 {p} 人次"),
};

pub const EN: CircleTexts = CircleTexts {
    nav: "Service circle",
    title: "15-minute neighbourhood service circle",
    community: "Community",
    no_community: "No community yet. Add one on the Register page first.",
    loading: "Loading…",
    tab_points: "Service points",
    tab_activities: "Joint activities",
    find_service: "Find a service",
    find_hint: "e.g. haircut, meals, blood pressure (Chinese words work too)",
    search_text: "Name or address",
    all_kinds: "All kinds",
    kind: "Kind",
    sort: "Sort",
    sort_kind: "By kind",
    sort_name: "By name",
    sort_home: "This community first",
    none: "This community's circle has no service points yet.",
    none_for: |s| format!("No service point nearby offers “{s}”."),
    found: |n| format!("{n} service point(s) found"),
    new_point: "New service point",
    edit_point: "Edit service point",
    remove: "Remove",
    export: "Export",
    print_title: |c| format!("{c}: the 15-minute neighbourhood service circle"),
    col_name: "Service point",
    col_address: "Address",
    col_hours: "Opening hours",
    col_services: "Services",
    col_contact: "Contact",
    col_run_by: "Run by",
    col_serves: "Serves",
    shared: "shared",
    neighbour: "neighbour",
    kind_label: en_kind,
    service_label: en_service,
    name: "Name of the point",
    address: "Address",
    hours: "Opening hours",
    hours_hint: "e.g. 周一至周五 08:30-17:30 (Mon–Fri)",
    contact_name: "Contact",
    contact_phone: "Contact phone",
    run_by: "Run by",
    run_by_community: "A community of the register",
    run_by_unit: "A co-building unit",
    unit_name: "Name of the unit",
    services: "Services",
    services_more: "Other services (separated by 、 or commas)",
    serves: "Also serves these neighbouring communities",
    note: "Note",
    save: "Save",
    cancel: "Cancel",
    need_name: "Write the point's name",
    need_kind: "Choose the kind of point",
    need_service: "Choose or write at least one service",
    bad_hours: "Write the opening hours like “周一至周五 08:30-17:30”, at least one span",
    opened_on: "Opened on",
    closed_on: "Closed on (blank while open)",
    show_closed: "Show closed points",
    closed_mark: "closed",
    opened_mark: |d| format!("opened {d}"),
    new_activity: "Record a joint activity",
    activities_none: "No joint activities yet.",
    col_date: "Date",
    col_title: "Activity",
    col_communities: "Communities",
    col_units: "Co-building units",
    col_where: "Where",
    col_participants: "People",
    units_hint: "Several units separated by 、 or commas",
    no_point: "(not at a service point)",
    activity_counts: |n, p| format!("{n} activities, {p} people taking part"),
};

/// The English of the circle's lines of the monthly report, by key.
pub fn figure_en(key: &str) -> Option<String> {
    Some(match key {
        "circle_points" => "Service circle: service points".to_owned(),
        "circle_activities" => "Service circle: joint activities".to_owned(),
        k => format!(
            "Service circle: of which {}",
            PointKind::from_code(k.strip_prefix("circle_kind_")?)?.label_en()
        ),
    })
}

/// The English of where the circle's lines can be checked, by key.
pub fn source_en(key: &str) -> Option<&'static str> {
    Some(match key {
        "circle_points" => {
            "Service points whose home community is in scope, open at the month's end (today for \
             this month): opened by then and not closed"
        }
        "circle_activities" => {
            "Joint activities held in the period with a community of the scope taking part"
        }
        k if k.starts_with("circle_kind_") => "Service points of that kind open at the month's end",
        _ => return None,
    })
}

/// The English of the circle records' headers.
pub fn header_en(h: &str) -> Option<&'static str> {
    Some(match h {
        "类型" => "Kind",
        "服务点" => "Service point",
        "所在社区" => "Community",
        "地址" => "Address",
        "开放时间" => "Opening hours",
        "服务项目" => "Services",
        "启用日期" => "Opened on",
        "活动" => "Activity",
        "参加社区" => "Communities",
        "共建单位" => "Co-building units",
        "人数" => "People",
        _ => return None,
    })
}
