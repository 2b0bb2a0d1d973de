//! The message catalogue, one section: the server's admin API (管理, issue 22).

use super::Msg;

catalogue! {
    // the admin API's refusals (linli-server, /v1/admin/…): the 管理 page says them
    ADMIN_NOT_ADMIN = "admin_not_admin" {
        zh: "只有管理员可以管理用户和设备",
        en: "Only an administrator may manage users and devices",
    }
    ADMIN_USER_OUT_OF_GRANTS = "admin_user_out_of_grants" {
        zh: "用户“{name}”不存在，或不在您管辖的范围内",
        en: "There is no user {name} within your grants",
    }
    ADMIN_DEVICE_OUT_OF_GRANTS = "admin_device_out_of_grants" {
        zh: "这台设备不存在，或不属于您管辖范围内的用户",
        en: "There is no such device of a user within your grants",
    }
    ADMIN_PLACE_OUT_OF_GRANTS = "admin_place_out_of_grants" {
        zh: "所选地点不在您管辖的范围内",
        en: "A chosen place is outside your grants",
    }
    ADMIN_PLACE_UNKNOWN = "admin_place_unknown" {
        zh: "服务器上还没有所选地点：请先同步，再分配",
        en: "The server does not know a chosen place yet: sync first, then grant it",
    }
    ADMIN_NAME_EMPTY = "admin_name_empty" {
        zh: "请填写用户名",
        en: "Enter a user name",
    }
    ADMIN_NAME_BAD = "admin_name_bad" {
        zh: "用户名最多 {max} 个字符，不能含空格或控制字符",
        en: "A user name is at most {max} characters, without spaces or control characters",
    }
    ADMIN_NAME_TAKEN = "admin_name_taken" {
        zh: "用户名“{name}”已被使用",
        en: "The user name {name} is taken",
    }
    ADMIN_PASSWORD_SHORT = "admin_password_short" {
        zh: "密码太短：至少 {min} 个字符",
        en: "The password is too short: at least {min} characters",
    }
    ADMIN_NO_GRANTS = "admin_no_grants" {
        zh: "请至少选择一个工作地点",
        en: "Choose at least one place to work in",
    }
    ADMIN_LAST_GRANT = "admin_last_grant" {
        zh: "至少要保留一个工作地点；要停止这位用户，请停用账号",
        en: "At least one place must remain; to stop this user, disable the account",
    }
    ADMIN_NOT_YOURSELF = "admin_not_yourself" {
        zh: "不能停用自己的账号",
        en: "You cannot disable your own account",
    }
}
