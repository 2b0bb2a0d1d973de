//! The message catalogue, one section: the desktop's sync client (linli-sync).

use super::Msg;

catalogue! {
    // the desktop's sync client (linli-sync)
    SYNC_SERVER_MISSING = "sync_server_missing" {
        zh: "请填写服务器地址，例如 http://192.168.1.10:8470",
        en: "Enter the server's address, e.g. http://192.168.1.10:8470",
    }
    SYNC_USER_MISSING = "sync_user_missing" { zh: "请填写用户名", en: "Enter the user name" }
    SYNC_UNREACHABLE = "sync_unreachable" {
        zh: "连不上 {server}：请检查服务器地址和网络连接",
        en: "Cannot reach {server}: check the server's address and the network connection",
    }
    SYNC_NOT_ENROLLED = "sync_not_enrolled" {
        zh: "这台电脑还没有登录同步服务器，请先在“同步”页登录",
        en: "This laptop has not signed in to a sync server yet: sign in on the Sync page first",
    }
}
