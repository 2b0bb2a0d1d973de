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

    sync: super::sync::ZH,
};
