//! Error messages as data: a stable snake_case code, its arguments, and one template per language.
//!
//! The code and the arguments are the source; the Chinese sentence every error carries as
//! `message` (what the CLI and `linli exec` print) is rendered from them here, and the window
//! renders the same pair in the chosen language from the same templates (the UI's
//! `i18n::errors`). A template names its arguments in braces: `{max}`. An argument that is a word
//! of the domain rather than user data says how to translate it: `{kind:place}` is a place kind's
//! code (`community`), rendered as 社区 or "community".

use crate::place::PlaceKind;

/// One message of the catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Msg {
    pub code: &'static str,
    pub zh: &'static str,
    pub en: &'static str,
}

/// The arguments of one message, in order.
pub type Args = Vec<(&'static str, String)>;

impl Msg {
    /// The Chinese sentence for `args`.
    pub fn zh(&self, args: &[(&'static str, String)]) -> String {
        fill(self.zh, args, &|filter, value| word_zh(filter, value))
    }
}

/// The message with code `code`, if the catalogue has it.
pub fn find(code: &str) -> Option<&'static Msg> {
    ALL.iter().find(|m| m.code == code)
}

/// A domain word in Chinese: `place` kinds by code; anything else as given.
pub fn word_zh(filter: &str, value: &str) -> Option<String> {
    use crate::field::{TaskEventKind, TaskStatus};
    match filter {
        "place" => PlaceKind::from_code(value).map(|k| k.label_zh().to_owned()),
        "task_event" => TaskEventKind::from_code(value).map(|k| k.label_zh().to_owned()),
        "task_status" => TaskStatus::from_code(value).map(|k| k.label_zh().to_owned()),
        "gender" => crate::Gender::from_code(value).map(|g| g.label_zh().to_owned()),
        _ => None,
    }
}

/// Replaces each `{name}` or `{name:filter}` in `template` with its argument; `word(filter,
/// value)` translates a filtered argument (the value itself when it answers `None`). A placeholder
/// without its argument stays as written, so a missing argument shows rather than vanishing.
pub fn fill<A: AsRef<str>>(
    template: &str,
    args: &[(A, String)],
    word: &dyn Fn(&str, &str) -> Option<String>,
) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('}') else {
            break;
        };
        let inner = &rest[open + 1..open + close];
        let (name, filter) = inner.split_once(':').unwrap_or((inner, ""));
        match args.iter().find(|(k, _)| k.as_ref() == name) {
            Some((_, v)) if filter.is_empty() => out.push_str(v),
            Some((_, v)) => out.push_str(&word(filter, v).unwrap_or_else(|| v.clone())),
            None => out.push_str(&rest[open..=open + close]),
        }
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
    out
}

/// The names of a template's placeholders, in order (for the catalogue's tests).
pub fn placeholders(template: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else {
            break;
        };
        let inner = &rest[open + 1..open + close];
        names.push(inner.split_once(':').map_or(inner, |(n, _)| n));
        rest = &rest[open + close + 1..];
    }
    names.sort_unstable();
    names.dedup();
    names
}

/// One section of the catalogue: a constant per message and `SECTION`, the section's messages.
macro_rules! catalogue {
    ($($name:ident = $code:literal { zh: $zh:literal, en: $en:literal $(,)? })*) => {
        $(pub const $name: Msg = Msg { code: $code, zh: $zh, en: $en };)*
        /// The messages of this section of the catalogue.
        pub(super) const SECTION: &[Msg] = &[$($name),*];
    };
}

// The catalogue's sections, one file each (the last, spreadsheets, is below in this file).
#[path = "msg_desk.rs"]
mod desk;
#[path = "msg_domain.rs"]
mod domain;
#[path = "msg_field.rs"]
mod field;
#[path = "msg_refusals.rs"]
mod refusals;
#[path = "msg_store.rs"]
mod store;
#[path = "msg_sync.rs"]
mod sync;
pub use desk::*;
pub use domain::*;
pub use field::*;
pub use refusals::*;
pub use store::*;
pub use sync::*;

/// Every message of the catalogue, section by section.
pub const ALL: &[Msg] = &ALL_MESSAGES;

const SECTIONS: [&[Msg]; 7] = [
    domain::SECTION,
    store::SECTION,
    field::SECTION,
    desk::SECTION,
    sync::SECTION,
    refusals::SECTION,
    SECTION,
];

const ALL_MESSAGES: [Msg; count(&SECTIONS)] = concat(&SECTIONS);

const fn count(sections: &[&[Msg]]) -> usize {
    let mut n = 0;
    let mut i = 0;
    while i < sections.len() {
        n += sections[i].len();
        i += 1;
    }
    n
}

const fn concat<const N: usize>(sections: &[&[Msg]]) -> [Msg; N] {
    let mut out = [Msg {
        code: "",
        zh: "",
        en: "",
    }; N];
    let (mut n, mut i) = (0, 0);
    while i < sections.len() {
        let mut j = 0;
        while j < sections[i].len() {
            out[n] = sections[i][j];
            n += 1;
            j += 1;
        }
        i += 1;
    }
    out
}

catalogue! {
    // spreadsheets that cannot be read or written (linli-sheets, through the store)
    SHEET_IO = "sheet_io" { zh: "无法读写文件「{path}」：{reason}", en: "Cannot read or write the file “{path}”: {reason}" }
    SHEET_UNSUPPORTED = "sheet_unsupported" {
        zh: "不支持的文件类型「{ext}」，请另存为 .xlsx、.xls 或 .csv 后再导入",
        en: "Files of type “{ext}” cannot be read: save it as .xlsx, .xls or .csv, then import it",
    }
    SHEET_EXCEL = "sheet_excel" {
        zh: "文件「{path}」无法作为Excel表格打开（{reason}），请用Excel或WPS另存为 .xlsx 后再试",
        en: "The file “{path}” cannot be opened as a spreadsheet ({reason}): save it as .xlsx with Excel or WPS and try again",
    }
    SHEET_NOT_FOUND = "sheet_not_found" { zh: "文件中没有名为「{name}」的工作表", en: "The file has no sheet named “{name}”" }
    SHEET_NO_DATA = "sheet_no_data" {
        zh: "文件「{file}」里没有可导入的工作表：没有找到姓名、身份证号等表头",
        en: "The file “{file}” has no sheet to import: no headers such as the name or the ID card number were found",
    }
    SHEET_NO_PLACES = "sheet_no_places" {
        zh: "文件「{file}」不是地点名单：没有找到县（区）、乡镇（街道）、社区、小区、楼栋、单元这些表头",
        en: "The file “{file}” is not a list of places: none of the county, township, community, compound, building and unit headers were found",
    }
    SHEET_NOT_LIST = "sheet_not_list" {
        zh: "文件「{file}」不是{list:noun}：没有找到这些表头：{headers}",
        en: "The file “{file}” is not a {list:noun}: these headers were not found: {headers}",
    }
    SHEET_MAPPING = "sheet_mapping" { zh: "表头映射文件格式有误：{reason}", en: "The header mapping file is not valid: {reason}" }
    SHEET_XLSX = "sheet_xlsx" { zh: "生成Excel表格失败：{reason}", en: "Cannot make the spreadsheet: {reason}" }
    SHEET_WRITE = "sheet_write" { zh: "写入表格「{path}」失败：{reason}", en: "Cannot write the spreadsheet “{path}”: {reason}" }

    // the rows an import refuses or warns about (issue 15: RowIssue's code and args)
    IMPORT_SECOND_HEAD = "import_second_head" {
        zh: "同一住址出现第二个户主，已作为另一户导入，请核对",
        en: "A second head at the same address: imported as another household; check it",
    }
    IMPORT_NO_ADDRESS = "import_no_address" { zh: "缺少住址", en: "The address is missing" }
    IMPORT_NO_NAME = "import_no_name" { zh: "缺少姓名", en: "The name is missing" }
    IMPORT_MASKED = "import_masked" {
        zh: "{what:noun}是打码的（中间是*），无法导入：请让导出的一方导出完整号码（linli export … --reveal，或在报表页导出时勾选“显示完整证件号”）后，导入那份文件",
        en: "The {what:noun} is masked (stars in the middle) and cannot be imported: ask whoever exported the file for the full numbers (linli export … --reveal, or tick “Show full ID numbers” when exporting on the Reports page), then import that file",
    }
    IMPORT_DIGITS_LOST = "import_digits_lost" {
        zh: "身份证号被Excel存成了数字，后几位已丢失，请把该列设为文本后重新录入",
        en: "Excel stored the ID card number as a number and its last digits are lost: make the column text and type the numbers again",
    }
    IMPORT_ID_IS_DATE = "import_id_is_date" { zh: "身份证号一栏是日期，请核对", en: "The ID card number cell holds a date: check it" }
    IMPORT_ID_TWICE = "import_id_twice" {
        zh: "身份证号与第{first}行重复",
        en: "The ID card number is the same as on row {first}",
    }
    IMPORT_ID_TWICE_SHEET = "import_id_twice_sheet" {
        zh: "身份证号与工作表「{sheet}」第{first}行重复",
        en: "The ID card number is the same as on row {first} of sheet “{sheet}”",
    }
    IMPORT_NO_ID = "import_no_id" { zh: "缺少身份证号", en: "The ID card number is missing" }
    IMPORT_GENDER_UNREAD = "import_gender_unread" { zh: "性别「{value}」无法识别", en: "Gender “{value}” is not recognised" }
    IMPORT_BIRTH_UNREAD = "import_birth_unread" {
        zh: "出生日期「{value}」无法识别",
        en: "Date of birth “{value}” is not recognised",
    }
    IMPORT_GENDER_FROM_ID = "import_gender_from_id" {
        zh: "性别填的是{given:gender}，身份证号显示为{id:gender}，已按身份证号导入",
        en: "The gender says {given:gender} but the ID card number says {id:gender}: imported as the ID card number says",
    }
    IMPORT_BIRTH_FROM_ID = "import_birth_from_id" {
        zh: "出生日期填的是{given}，身份证号显示为{id}，已按身份证号导入",
        en: "The date of birth says {given} but the ID card number says {id}: imported as the ID card number says",
    }
    IMPORT_PHONE_INVALID = "import_phone_invalid" {
        zh: "{what:noun}「{value}」无效，未导入该号码",
        en: "The {what:noun} “{value}” is not valid and was not imported",
    }
    IMPORT_FLOATING_UNREAD = "import_floating_unread" {
        zh: "流动人口「{value}」无法识别（请填“是”或“否”），未导入",
        en: "Floating population “{value}” is not recognised (write yes or no) and was not imported",
    }
    IMPORT_PARTY_UNREAD = "import_party_unread" {
        zh: "党员「{value}」无法识别（请填“是”或“否”），未导入",
        en: "Party member “{value}” is not recognised (write yes or no) and was not imported",
    }
    IMPORT_MOVED_IN_UNREAD = "import_moved_in_unread" {
        zh: "迁入日期「{value}」无法识别",
        en: "Date moved in “{value}” is not recognised",
    }
    IMPORT_RESIDENCE_UNREAD = "import_residence_unread" {
        zh: "人户状态「{value}」无法识别，未导入",
        en: "Residence status “{value}” is not recognised and was not imported",
    }
    IMPORT_TOTAL_ROW = "import_total_row" { zh: "合计行，已跳过", en: "A totals row: passed over" }
    IMPORT_NOTE_ROW = "import_note_row" { zh: "说明行，已跳过", en: "A note row: passed over" }
    IMPORT_NOT_CARE_TAGS = "import_not_care_tags" {
        zh: "重点人群「{tags}」不是关爱标签，未导入（可选：{known:care_tags}）",
        en: "Not care tags, so not imported: “{tags}” (the care tags are {known:care_tags})",
    }
    IMPORT_HOUSEHOLD_TAGS = "import_household_tags" {
        zh: "住户标签未导入：{reason}",
        en: "The household's tags were not imported: {reason}",
    }
    IMPORT_HOUSEHOLD_NOTES = "import_household_notes" {
        zh: "住户备注超过500字，未导入",
        en: "The household's notes are longer than 500 characters and were not imported",
    }
    IMPORT_SAME_RESIDENT = "import_same_resident" {
        zh: "与第{row}行是同一居民，已跳过",
        en: "The same resident as on row {row}: passed over",
    }
    IMPORT_SAME_RESIDENT_SHEET = "import_same_resident_sheet" {
        zh: "与工作表“{sheet}”第{row}行是同一居民，已跳过",
        en: "The same resident as on row {row} of sheet “{sheet}”: passed over",
    }
    IMPORT_ALIKE_RESIDENT = "import_alike_resident" {
        zh: "{address}已有同名、同出生日期的居民，已作为新居民导入，请核对是否为同一人",
        en: "{address} already has a resident with the same name and date of birth: imported as a new resident; check whether they are the same person",
    }
    IMPORT_COMPOUND_NAME = "import_compound_name" { zh: "小区“{name}”：{reason}", en: "Compound “{name}”: {reason}" }
    IMPORT_ADDRESS_UNREAD = "import_address_unread" {
        zh: "住址“{full}”无法识别，请写成“3栋2单元301”或分列填写楼栋、单元、门牌号",
        en: "Address “{full}” is not recognised: write the building, unit and room (building 3, unit 2, room 301), or give them in their own columns",
    }
    IMPORT_NO_ROOM = "import_no_room" { zh: "缺少门牌号", en: "The room number is missing" }
    IMPORT_NO_BUILDING = "import_no_building" { zh: "缺少楼栋", en: "The building is missing" }
    IMPORT_OTHER_COMPOUND_OF = "import_other_compound_of" {
        zh: "小区“{compound}”不是导入目标“{target}”所在的小区“{own}”，该行未导入",
        en: "Compound “{compound}” is not “{own}”, the compound of the import's target “{target}”: the row was not imported",
    }
    IMPORT_OTHER_BUILDING = "import_other_building" {
        zh: "楼栋“{building}”不是导入目标“{target}”",
        en: "Building “{building}” is not the import's target “{target}”",
    }
    IMPORT_OTHER_COMPOUND = "import_other_compound" {
        zh: "小区“{compound}”不是导入目标“{target}”，该行未导入；要连同其他小区一起导入，请选择社区作为导入目标",
        en: "Compound “{compound}” is not the import's target “{target}”: the row was not imported; to import other compounds with it, choose the community as the target",
    }
    IMPORT_BUILDING_AMBIGUOUS = "import_building_ambiguous" {
        zh: "社区里有多个小区都有“{building}”，请在表中加一列“小区”，或选择小区作为导入目标",
        en: "More than one compound of the community has “{building}”: add a compound column to the sheet, or choose a compound as the target",
    }
    IMPORT_NO_SUCH_BUILDING = "import_no_such_building" {
        zh: "社区里没有楼栋“{building}”；要新建楼栋，请在表中加一列“小区”，或选择它所在的小区作为导入目标",
        en: "The community has no building “{building}”: to create it, add a compound column to the sheet, or choose its compound as the target",
    }
    IMPORT_PLACE_ROW = "import_place_row" { zh: "地点“{name}”：{reason}", en: "Place “{name}”: {reason}" }
    IMPORT_TEAM_KIND = "import_team_kind" {
        zh: "服务队类型“{value}”无法识别，应为：{known:team_kinds}",
        en: "Kind of team “{value}” is not recognised; it is one of: {known:team_kinds}",
    }
    IMPORT_VOLUNTEER_NOT_RESIDENT = "import_volunteer_not_resident" {
        zh: "社区里没有身份证号为{id}的居民，已作为非本社区居民的志愿者导入；先导入居民名单可关联",
        en: "The community has no resident with ID card number {id}: imported as a volunteer from outside the community; import the residents first to link them",
    }
    IMPORT_TEAM_NOT_JOINED = "import_team_not_joined" {
        zh: "服务队“{team}”未加入：{reason}",
        en: "Not added to team “{team}”: {reason}",
    }
    IMPORT_TEAM_CREATED = "import_team_created" {
        zh: "社区里没有服务队“{team}”，已新建为跑腿代办队，请核对类型（先导入服务队名单可避免）",
        en: "The community had no team “{team}”: it was created as an errands team; check its kind (import the list of teams first to avoid this)",
    }
    IMPORT_ROW_OTHER = "import_row_other" { zh: "该行未导入：{reason}", en: "The row was not imported: {reason}" }

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
    // handing a laptop over to another user (issue 16 item 4, h16handover)
    SYNC_HANDOVER_UNCONFIRMED = "sync_handover_unconfirmed" {
        zh: "这台电脑登录的是{previous}：换成{user}登录会先上传{previous}未同步的{count}条修改，再清除本机的社区数据，改为下载{user}的数据。请确认后再登录",
        en: "This laptop is signed in as {previous}: signing in as {user} first sends {previous}'s {count} unsent changes, then clears the community's data on this laptop and downloads {user}'s. Confirm it, then sign in",
    }
    SYNC_HANDOVER_UNSENT = "sync_handover_unsent" {
        zh: "{previous}还有{count}条修改没能上传：{previous}的账号或这台电脑已被停用，或者连不上服务器。本机的数据没有清除。请联网后再试，或确认放弃这些修改",
        en: "Changes of {previous} that could not be sent: {count}. {previous}'s account or this laptop was revoked, or the server cannot be reached. Nothing on this laptop was cleared. Try again when online, or confirm that these changes are discarded",
    }
    WITHHELD_FOR_ROLE = "withheld_for_role" {
        zh: "你的角色（楼栋长、志愿者协调员）无权查看居民的身份证号、电话和敏感关爱标签",
        en: "Your role (steward, volunteer coordinator) may not view residents' ID numbers, phones and sensitive care tags",
    }
    // a change the server refuses during a push (issue 15 item 7, h15refuse)
    REFUSED_CLOCK_AHEAD = "refused_clock_ahead" {
        zh: "这台电脑的时钟比服务器快了一天以上，请校正电脑的日期和时间后再同步",
        en: "The laptop's clock is more than a day ahead of the server's: set the laptop's date and time right, then sync again",
    }
    REFUSED_NOT_SYNCED_TABLE = "refused_not_synced_table" {
        zh: "“{table}”不是可同步的数据表",
        en: "{table} is not a synced table",
    }
    REFUSED_NO_FIELDS = "refused_no_fields" {
        zh: "对“{table}”的变更没有字段",
        en: "A change to {table} has no fields",
    }
    REFUSED_TOO_MANY_FIELDS = "refused_too_many_fields" {
        zh: "数据表“{table}”的一条变更最多 {max} 个字段",
        en: "A change to {table} carries at most {max} fields",
    }
    REFUSED_NO_SUCH_FIELD = "refused_no_such_field" {
        zh: "数据表“{table}”没有字段“{field}”",
        en: "Table {table} has no field {field}",
    }
    REFUSED_FIELD_NULL = "refused_field_null" {
        zh: "{table}.{field} 不能为空",
        en: "{table}.{field} may not be null",
    }
    REFUSED_FIELD_TEXT = "refused_field_text" {
        zh: "{table}.{field} 必须是文字",
        en: "{table}.{field} must be text",
    }
    REFUSED_FIELD_INT = "refused_field_int" {
        zh: "{table}.{field} 必须是整数",
        en: "{table}.{field} must be a whole number",
    }
    REFUSED_FIELD_TOO_LONG = "refused_field_too_long" {
        zh: "{table}.{field} 超过 64 KB（{bytes} 字节）",
        en: "{table}.{field} is over 64 KiB ({bytes} bytes)",
    }
    REFUSED_FACT_AS_ENTITY = "refused_fact_as_entity" {
        zh: "“{table}”是事实表，客户端却当作实体",
        en: "The client calls {table} an entity; it holds facts",
    }
    REFUSED_ENTITY_AS_FACT = "refused_entity_as_fact" {
        zh: "“{table}”不是事实表，客户端却当作事实",
        en: "The client calls {table} a fact table; it holds entities",
    }
    REFUSED_DEVICE_MISMATCH = "refused_device_mismatch" {
        zh: "变更的设备编号与登录设备不符",
        en: "The change's device id is not this device's",
    }
    REFUSED_SEQ_START = "refused_seq_start" {
        zh: "设备序号必须从 1 开始",
        en: "The device sequence starts at 1",
    }
    REFUSED_BAD_TABLE_NAME = "refused_bad_table_name" {
        zh: "数据表名或字段无效",
        en: "Bad table name or no fields",
    }
    REFUSED_BAD_FIELD_NAME = "refused_bad_field_name" {
        zh: "字段名“{field}”无效",
        en: "Bad field name “{field}”",
    }
    REFUSED_FACT_EXISTS = "refused_fact_exists" {
        zh: "事实记录已存在，不能修改；请另记一条更正",
        en: "A fact is recorded once: add a correction instead",
    }
    REFUSED_NO_PLACE = "refused_no_place" {
        zh: "变更没有注明所属地点",
        en: "The change names no place it belongs to",
    }
    REFUSED_PARENT_NOT_ID = "refused_parent_not_id" {
        zh: "上级地点（parent_id）不是有效的编号",
        en: "parent_id is not an id",
    }
    REFUSED_PLACE_UNDER_ITSELF = "refused_place_under_itself" {
        zh: "不能把地点移到它自己或它下级的下面",
        en: "A place cannot be moved under itself or a place below it",
    }
    REFUSED_NO_PARENT = "refused_no_parent" {
        zh: "上级地点不存在",
        en: "parent_id names no place the server knows",
    }
    REFUSED_NO_ACCOUNT = "refused_no_account" {
        zh: "缺少账户",
        en: "The fact names no account",
    }
    REFUSED_NO_DELTA = "refused_no_delta" {
        zh: "缺少数额",
        en: "The fact has no whole-number delta",
    }
    REFUSED_SEQ_TAKEN = "refused_seq_taken" {
        zh: "服务器已有这台设备的第 {seq} 条变更，内容不同：这台电脑的数据文件可能是复制或从备份恢复的",
        en: "The server already holds another change as this device's number {seq}: this laptop's file was copied or restored from a backup",
    }
    REFUSED_SEQ_EARLIER = "refused_seq_earlier" {
        zh: "同一批中更早的一条变更序号冲突",
        en: "An earlier change of this batch was a seq_conflict",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn han(s: &str) -> bool {
        s.chars().any(|c| {
            ('\u{4e00}'..='\u{9fff}').contains(&c) || ('\u{3400}'..='\u{4dbf}').contains(&c)
        })
    }

    #[test]
    fn every_message_has_a_unique_snake_case_code_and_both_languages_with_the_same_arguments() {
        let mut codes = std::collections::BTreeSet::new();
        for m in ALL {
            assert!(codes.insert(m.code), "{} twice", m.code);
            assert!(
                !m.code.is_empty()
                    && m.code
                        .chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'),
                "{} is not snake_case",
                m.code
            );
            assert!(han(m.zh), "{}: the Chinese template is not Chinese", m.code);
            assert!(!m.en.trim().is_empty(), "{}: no English", m.code);
            assert!(
                !han(m.en),
                "{}: the English template has Han characters",
                m.code
            );
            assert_eq!(
                placeholders(m.zh),
                placeholders(m.en),
                "{}: the two languages name different arguments",
                m.code
            );
            assert_eq!(find(m.code), Some(m));
        }
    }

    /// Every refusal of this crate comes from the catalogue: a new `DomainError::invalid` (a plain
    /// sentence with no code, which the window could not translate) fails here.
    #[test]
    fn the_domain_crate_refuses_only_with_catalogue_codes() {
        let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        for entry in std::fs::read_dir(src).unwrap() {
            let path = entry.unwrap().path();
            if path.file_name().is_some_and(|n| n == "error.rs") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            assert!(
                !text.contains(concat!("DomainError::", "invalid(")),
                "{}: a refusal without a catalogue code",
                path.display()
            );
        }
    }

    #[test]
    fn arguments_fill_their_places_and_domain_words_translate() {
        let args: Args = vec![("kind", "building".into()), ("parent", "compound".into())];
        assert_eq!(PLACE_NEEDS_PARENT.zh(&args), "楼栋必须属于某个小区");
        let en = fill(PLACE_NEEDS_PARENT.en, &args, &|_, v| Some(format!("<{v}>")));
        assert_eq!(en, "A <building> must belong to a <compound>");
        // a missing argument shows as written
        assert_eq!(
            NAME_TOO_LONG.zh(&[("max", "50".into())]),
            "名称最多50个字，现在是{len}个字"
        );
        assert_eq!(fill("{a}{b", &[("a", "x".to_owned())], &|_, _| None), "x{b");
    }
}
