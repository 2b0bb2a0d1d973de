//! The message catalogue, one section: the desktop's first start (issue 22 item 2).

use super::Msg;

catalogue! {
    // the shell's answers while the first-start page is shown, and about the demo it offers
    FIRST_START_NOT_OPEN = "first_start_not_open" {
        zh: "还没有数据库：请先在首次启动页选择加入服务器、新建社区或看示范",
        en: "There is no database yet: first join a server, create a community or look at the demo",
    }
    FIRST_START_EXISTS = "first_start_exists" {
        zh: "数据库已经存在，不能再次首次启动：{path}",
        en: "A database already exists, so this is not a first start: {path}",
    }
    FIRST_START_DEMO_FAILED = "first_start_demo_failed" {
        zh: "无法生成示范数据：{reason}",
        en: "Could not make the demo data: {reason}",
    }
    DEMO_NO_SYNC = "demo_no_sync" {
        zh: "示范数据不会同步到服务器：请先离开示范，再加入服务器",
        en: "Demo data is never synced to a server: leave the demo first, then join the server",
    }
}
