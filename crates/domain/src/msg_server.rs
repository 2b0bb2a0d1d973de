//! The message catalogue, one section: the sync server's refusals (linli-server).

use super::Msg;

catalogue! {
    // the sync server's refusals (linli-server): its answers carry these codes beside the
    // bilingual sentence, and the laptop's window says them in its language
    SERVER_UNAUTHENTICATED = "server_unauthenticated" {
        zh: "未登录或登录已失效，请运行 linli login 重新登录",
        en: "Not signed in, or the sign-in has lapsed: sign in again (linli login)",
    }
    SERVER_WRONG_PASSWORD = "server_wrong_password" { zh: "用户名或密码不对", en: "Wrong user name or password" }
    SERVER_SLOW_DOWN = "server_slow_down" {
        zh: "密码错误次数太多，请 {secs} 秒后再试",
        en: "Too many failed sign-ins: try again in {secs} seconds",
    }
    SERVER_PASSWORD_TOO_LONG = "server_password_too_long" {
        zh: "密码太长：最多 {max} 字节",
        en: "The password is too long: at most {max} bytes",
    }
    SERVER_ENROL_TOO_LARGE = "server_enrol_too_large" {
        zh: "登录请求太大：用户名、密码或设备名过长",
        en: "The sign-in request is too large: the name, password or device name is too long",
    }
    SERVER_BODY_TOO_LARGE = "server_body_too_large" {
        zh: "请求太大，请分批同步",
        en: "The request is too large: send smaller batches",
    }
    SERVER_BODY_UNREADABLE = "server_body_unreadable" {
        zh: "请求正文读取失败",
        en: "Could not read the request's body",
    }
    SERVER_NOT_ZSTD = "server_not_zstd" {
        zh: "请求正文必须用 zstd 压缩",
        en: "The request's body must be sent with Content-Encoding: zstd",
    }
    SERVER_BAD_ZSTD = "server_bad_zstd" {
        zh: "请求正文不是有效的 zstd 数据，或不完整",
        en: "The request's body is not valid or complete zstd",
    }
    SERVER_BAD_REQUEST_BODY = "server_bad_request_body" {
        zh: "请求内容无法解析",
        en: "The request's body is not a valid request",
    }
    SERVER_NO_ENDPOINT = "server_no_endpoint" { zh: "没有这个地址", en: "No such address on the server" }
    SERVER_NO_VERSION = "server_no_version" {
        zh: "请求缺少协议版本 {header}",
        en: "The request lacks the protocol version header {header}",
    }
    SERVER_BAD_VERSION = "server_bad_version" { zh: "协议版本无效", en: "The protocol version is not valid" }
    SERVER_UPGRADE = "server_upgrade" {
        zh: "请升级邻里：这台电脑的邻里太旧（同步协议 {have}，服务器需要 {need}）。本机数据都还在，升级后再同步即可。",
        en: "Please upgrade Linli: this laptop speaks sync protocol {have}, the server needs {need}. The data on this laptop is safe: sync again after upgrading.",
    }
    SERVER_TOO_OLD = "server_too_old" {
        zh: "服务器的邻里比这台电脑旧（协议 {need} < {have}），请管理员升级服务器",
        en: "The server's Linli is older than this laptop's (protocol {need} < {have}): ask the administrator to upgrade the server",
    }
    SERVER_REVOKED = "server_revoked" {
        zh: "这台设备已被管理员停用，无法再同步；请联系社区管理员",
        en: "The administrator revoked this device and it can no longer sync: contact the community administrator",
    }
    SERVER_EXPIRED = "server_expired" {
        zh: "这台电脑太久没有同步，登录已过期，请重新登录",
        en: "This laptop has not synced for too long and its sign-in expired: sign in again",
    }
    SERVER_DISABLED = "server_disabled" {
        zh: "账号“{user}”已被管理员停用，这台电脑不能再同步；本机数据都还在，请联系县（区）管理员",
        en: "The administrator disabled the account “{user}”: this laptop can no longer sync; its data stays on it. Contact the county administrator",
    }
    SERVER_PUSH_TOO_MANY = "server_push_too_many" {
        zh: "一次最多同步 {max} 条变更",
        en: "At most {max} changes per push",
    }
    SERVER_CURSOR_NEGATIVE = "server_cursor_negative" { zh: "游标不能为负", en: "The cursor cannot be negative" }
    SERVER_BLOB_TOO_LARGE = "server_blob_too_large" {
        zh: "附件太大（{size} MB），服务器只收 {max} MB 以内的文件；请压缩照片后重新添加",
        en: "The attachment is too large ({size} MB): the server takes files up to {max} MB; compress the photo and attach it again",
    }
    SERVER_BAD_HASH = "server_bad_hash" {
        zh: "文件校验值无效，应为 64 位小写十六进制的 sha256",
        en: "Not a file checksum: a sha256 is 64 lowercase hexadecimal characters",
    }
    SERVER_BLOB_OUTSIDE = "server_blob_outside" {
        zh: "这个附件不在你负责的范围内，或它的记录还没有同步到服务器",
        en: "No attachment within your grants names this file, or its record has not reached the server yet",
    }
    SERVER_BLOB_QUERY_TOO_MANY = "server_blob_query_too_many" {
        zh: "一次最多询问 {max} 个文件",
        en: "At most {max} files per question",
    }
    SERVER_BLOB_EMPTY = "server_blob_empty" { zh: "附件是空的", en: "The attachment is empty" }
    SERVER_HASH_MISMATCH = "server_hash_mismatch" {
        zh: "上传的文件与它的校验值不符，可能在传输中损坏，服务器没有保存；下次同步会重新上传",
        en: "The uploaded file does not match its checksum (damaged on the way?): nothing was stored; the next sync uploads it again",
    }
    SERVER_BLOB_NOT_YET = "server_blob_not_yet" {
        zh: "这个附件还没有上传到服务器，下次同步再取",
        en: "This attachment has not been uploaded to the server yet: the next sync fetches it",
    }
    SERVER_BUSY = "server_busy" { zh: "服务器正忙，请稍后再同步", en: "The server is busy: sync again in a moment" }
    SERVER_TIMEOUT = "server_timeout" {
        zh: "服务器处理超时，请稍后再同步；已经收下的数据不会重复",
        en: "The server took too long: sync again later; nothing it already received is stored twice",
    }
    SERVER_UNAVAILABLE = "server_unavailable" {
        zh: "服务器的数据库暂时无法连接，数据未作改动，请 {secs} 秒后再同步",
        en: "The server's database cannot be reached right now and nothing was changed: sync again in {secs} seconds",
    }
    SERVER_INTERNAL = "server_internal" {
        zh: "服务器内部出错，请稍后再同步，并把请求编号告诉管理员",
        en: "Internal server error: try again later and give the request id to the administrator",
    }
    SERVER_DEVICE_OF_ANOTHER = "server_device_of_another" {
        zh: "这个设备编号属于另一位用户的电脑，不能用来登录；请在自己的电脑上登录",
        en: "This device id belongs to another user's laptop and cannot be enrolled for you: sign in on your own laptop",
    }
    SERVER_DEVICE_ID_TAKEN = "server_device_id_taken" {
        zh: "这个设备编号已经登记过，请换一个新的",
        en: "This device id is already enrolled: take a new one",
    }
    SERVER_REQUEST_ID = "server_request_id" { zh: "（请求编号 {id}）", en: " (request id {id})" }
    SERVER_OUTSIDE_GRANTS = "server_outside_grants" {
        zh: "这条记录不在你的授权范围内，服务器未接收；请联系社区管理员",
        en: "This record is outside your grants and the server did not accept it: ask your community administrator",
    }
}
