use super::Texts;

pub const TEXTS: Texts = Texts {
    app_name: "Linli",
    app_tagline: "Neighbourhood grid workbook",
    switch_lang: "中文",

    nav_today: "Today",
    nav_register: "Register",
    nav_visits: "Visits",
    nav_tasks: "Tasks",
    nav_volunteers: "Volunteers",
    nav_reports: "Reports",
    nav_sync: "Sync",

    not_built_title: "Not built yet",
    not_built_body: "This page is still being built and will come in a later version. The Register page manages communities now.",

    loading: "Loading…",
    retry: "Retry",

    register_title: "Grid register",
    communities: "Communities",
    community_name: "Community name",
    community_town: "Town / street",
    community_id: "ID",
    community_name_placeholder: "e.g. 北门社区",
    no_town: "(no town)",
    add_community: "Add community",
    adding: "Adding…",
    filter_placeholder: "Filter communities by name",
    no_communities: "No communities yet. Type a name below to add the first one.",
    no_match: "No community matches the filter.",
    count: |shown, total| {
        if shown == total {
            format!("{total} communities")
        } else {
            format!("{shown} of {total} communities")
        }
    },
    added: |name| format!("Added “{name}”"),
    sort_by_name: "Sort by name",

    sync: super::sync::EN,
};
