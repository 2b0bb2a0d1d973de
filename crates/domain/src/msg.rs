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

macro_rules! catalogue {
    ($($name:ident = $code:literal { zh: $zh:literal, en: $en:literal $(,)? })*) => {
        $(pub const $name: Msg = Msg { code: $code, zh: $zh, en: $en };)*
        /// Every message of the catalogue.
        pub const ALL: &[Msg] = &[$($name),*];
    };
}

catalogue! {
    // the domain's own rules (linli-domain)
    ROOM_MISSING = "room_missing" { zh: "请填写门牌号（如301）", en: "Enter the room number (e.g. 301)" }
    ROOM_FORMAT = "room_format" {
        zh: "门牌号“{room}”格式不对，应为数字或字母，如301、1502、B1",
        en: "Room number “{room}” is not valid: use digits or letters, e.g. 301, 1502, B1",
    }
    BAD_ID = "bad_id" { zh: "“{value}” 不是有效的编号", en: "“{value}” is not a valid id" }
    BAD_CLOCK = "bad_clock" { zh: "“{value}” 不是有效的时钟值", en: "“{value}” is not a valid clock value" }
    PLACE_NEEDS_PARENT = "place_needs_parent" {
        zh: "{kind:place}必须属于某个{parent:place}",
        en: "A {kind:place} must belong to a {parent:place}",
    }
    PLACE_WRONG_PARENT = "place_wrong_parent" {
        zh: "{kind:place}不能建在{under:place}之下，应属于某个{parent:place}",
        en: "A {kind:place} cannot be placed under a {under:place}; it belongs to a {parent:place}",
    }
    NAME_EMPTY = "name_empty" { zh: "名称不能为空", en: "The name cannot be empty" }
    NAME_TOO_LONG = "name_too_long" {
        zh: "名称最多{max}个字，现在是{len}个字",
        en: "The name can have at most {max} characters; it has {len}",
    }
    NAME_CONTROL = "name_control" { zh: "名称不能含有控制字符", en: "The name cannot contain control characters" }
    UNKNOWN_CHOICE = "unknown_choice" {
        zh: "这一项是新版本写的，本机不认识，请选一个",
        en: "A newer version of Linli wrote this value and this laptop does not know it; choose one",
    }
    BAD_TIME = "bad_time" {
        zh: "时间“{value}”无效，应为“2026-11-28 09:30”这样的格式",
        en: "Time “{value}” is not valid; write it like “2026-11-28 09:30”",
    }
    BAD_RATING = "bad_rating" { zh: "评分应为1到5星，收到的是{stars}", en: "The rating is 1 to 5 stars, not {stars}" }
    NOT_A_CARE_TAG = "not_a_care_tag" {
        zh: "“{tag}”不是关爱标签，可选：{known}",
        en: "“{tag}” is not a care tag; choose from: {known}",
    }
    ONE_HEAD = "one_head" {
        zh: "该户已有户主（{name}），一户只能有一位户主；请先修改原户主的关系",
        en: "This household already has a head ({name}) and can have only one; change the current head's relation first",
    }
    ONE_SPOUSE = "one_spouse" {
        zh: "该户已登记户主的配偶（{name}），一户只能有一位配偶",
        en: "This household already has the head's spouse ({name}); it can have only one",
    }
    SPOUSE_TOO_YOUNG = "spouse_too_young" {
        zh: "{name}{age}岁，未到法定婚龄，不能登记为配偶",
        en: "{name} is {age}, below the legal age of marriage, and cannot be registered as a spouse",
    }
    BIRTH_IN_FUTURE = "birth_in_future" { zh: "出生日期不能晚于今天", en: "The date of birth cannot be after today" }
    AGE_GAP_YOUNGER = "age_gap_younger" {
        zh: "{name}登记为{relation:relation}（{group:relation}），应比户主至少小{gap}岁，现相差{diff}岁，请核对出生日期或关系",
        en: "{name} is registered as {relation:relation} ({group:relation}) and should be at least {gap} years younger than the head, but the difference is {diff}; check the date of birth or the relation",
    }
    AGE_GAP_OLDER = "age_gap_older" {
        zh: "{name}登记为{relation:relation}（{group:relation}），应比户主至少大{gap}岁，现相差{diff}岁，请核对出生日期或关系",
        en: "{name} is registered as {relation:relation} ({group:relation}) and should be at least {gap} years older than the head, but the difference is {diff}; check the date of birth or the relation",
    }
    TAG_TOO_LONG = "tag_too_long" { zh: "标签“{tag}”太长，最多10个字", en: "Tag “{tag}” is too long: at most 10 characters" }
    RELATION_MISSING = "relation_missing" { zh: "请填写与户主关系", en: "Enter the relation to the head" }
    RELATION_TOO_LONG = "relation_too_long" { zh: "与户主关系最多8个字", en: "The relation to the head can have at most 8 characters" }
    PERSON_NAME_EMPTY = "person_name_empty" { zh: "姓名不能为空", en: "The name cannot be empty" }
    PERSON_NAME_TOO_LONG = "person_name_too_long" { zh: "姓名最多30个字", en: "The name can have at most 30 characters" }
    PERSON_NAME_CHARS = "person_name_chars" {
        zh: "姓名不能含有数字或控制字符",
        en: "The name cannot contain digits or control characters",
    }
    BAD_DATE = "bad_date" {
        zh: "日期“{value}”无效，应为“1988-03-15”这样的格式",
        en: "Date “{value}” is not valid; write it like “1988-03-15”",
    }
    PHONE_MISSING = "phone_missing" {
        zh: "请填写电话号码。电话号码格式不对：手机号应为11位，以1开头；座机请带区号，如0591-87654321",
        en: "Enter a phone number: a mobile number has 11 digits and starts with 1; a landline has its area code, e.g. 0591-87654321",
    }
    PHONE_FORMAT = "phone_format" {
        zh: "电话号码格式不对：手机号应为11位，以1开头；座机请带区号，如0591-87654321",
        en: "The phone number is not valid: a mobile number has 11 digits and starts with 1; a landline has its area code, e.g. 0591-87654321",
    }
    CATEGORY_MISSING = "category_missing" { zh: "请选择服务类别", en: "Choose a service category" }
    CATEGORY_TOO_LONG = "category_too_long" { zh: "服务类别最多12个字", en: "The service category can have at most 12 characters" }
    HOURS_NOT_POSITIVE = "hours_not_positive" { zh: "服务时长必须大于0小时", en: "The hours served must be more than 0" }
    HOURS_OVER_DAY = "hours_over_day" { zh: "一条记录的服务时长最多24小时", en: "One entry can hold at most 24 hours" }
    QUANTITY_ZERO = "quantity_zero" { zh: "数量必须至少为1", en: "The quantity must be at least 1" }
    QUANTITY_TOO_BIG = "quantity_too_big" { zh: "数量最多为{max}", en: "The quantity can be at most {max}" }
    ID_CARD_MISSING = "id_card_missing" { zh: "请填写身份证号（18位）", en: "Enter the ID card number (18 characters)" }
    ID_CARD_LENGTH = "id_card_length" {
        zh: "身份证号应为18位，现在是{len}位",
        en: "An ID card number has 18 characters; this one has {len}",
    }
    ID_CARD_LAST_CHAR = "id_card_last_char" {
        zh: "身份证号第{pos}位“{char}”不对：最后一位应为数字或X",
        en: "Character {pos} of the ID card number (“{char}”) is wrong: the last one is a digit or X",
    }
    ID_CARD_DIGIT = "id_card_digit" {
        zh: "身份证号第{pos}位“{char}”不对：前17位应全为数字",
        en: "Character {pos} of the ID card number (“{char}”) is wrong: the first 17 are digits",
    }
    ID_CARD_REGION = "id_card_region" {
        zh: "身份证号开头的地区码不对：第1位应为1到8，现在是{first}",
        en: "The region code at the start of the ID card number is wrong: the first digit is 1 to 8, not {first}",
    }
    ID_CARD_BIRTH = "id_card_birth" {
        zh: "身份证号第7到14位应为出生日期（年月日），{value}不是有效日期",
        en: "Characters 7 to 14 of the ID card number are the date of birth; {value} is not a valid date",
    }
    ID_CARD_YEAR = "id_card_year" {
        zh: "身份证号中的出生年份{year}不对：应为1900年或以后",
        en: "The year of birth in the ID card number ({year}) is wrong: it is 1900 or later",
    }
    ID_CARD_CHECKSUM = "id_card_checksum" {
        zh: "身份证号校验位错误：最后一位应为{expected}",
        en: "The ID card number's check digit is wrong: the last character should be {expected}",
    }

    // the store's errors (linli-store)
    NOT_FOUND = "not_found" { zh: "找不到{what:noun}（编号 {id}）", en: "No {what:noun} with id {id}" }
    DB_OPEN = "db_open" {
        zh: "{path}: 无法打开数据库（{reason}）。请检查路径和权限，或用 --db 指定另一个文件。",
        en: "{path}: cannot open the database ({reason}). Check the path and permissions, or choose another file with --db.",
    }
    DB_NOT_LINLI = "db_not_linli" {
        zh: "{path}: 这不是邻里(Linli)的数据库（或是加密的邻里数据库，而这台电脑上没有它的密钥），文件未作任何改动。请用 --db 指定邻里的数据库文件，或指定一个新文件名。",
        en: "{path}: this is not a Linli database (or an encrypted one whose key this computer does not hold); the file was left untouched. Choose a Linli database with --db, or a new file name.",
    }
    DB_PIN_SET = "db_pin_set" {
        zh: "{path}: 这台电脑没有可用的系统钥匙串，请设置一个至少 6 位的 PIN 来保护数据库的密钥（桌面版会提示输入；命令行请在终端输入或设置环境变量 LINLI_PIN）。",
        en: "{path}: this computer has no system keyring: set a PIN of at least 6 characters to protect the database's key (the desktop asks for it; on the command line type it in the terminal or set LINLI_PIN).",
    }
    DB_PIN_NEEDED = "db_pin_needed" {
        zh: "{path}: 数据库已加密，请输入 PIN 解锁（桌面版会提示输入；命令行请在终端输入或设置环境变量 LINLI_PIN）。",
        en: "{path}: the database is encrypted: enter the PIN to unlock it (the desktop asks for it; on the command line type it in the terminal or set LINLI_PIN).",
    }
    DB_WRONG_PIN = "db_wrong_pin" {
        zh: "{path}: PIN 不对，数据库没有打开，文件未作任何改动。请重新输入。",
        en: "{path}: wrong PIN. The database was not opened and nothing was changed. Try again.",
    }
    DB_KEY_FILE = "db_key_file" {
        zh: "{path}: 无法读写数据库的密钥文件（{reason}）。",
        en: "{path}: cannot read or write the database's key file ({reason}).",
    }
    DB_TOO_NEW = "db_too_new" {
        zh: "{path}: 此数据库由更新版本的邻里创建（数据库版本 {found}，本程序最高支持 {supported}），文件未作任何改动。请升级邻里后再打开。",
        en: "{path}: a newer version of Linli made this database (version {found}; this program supports up to {supported}); the file was left untouched. Upgrade Linli to open it.",
    }
    DB_ERROR = "db_error" { zh: "数据库出错：{reason}", en: "Database error: {reason}" }
    DATA_FORMAT = "data_format" { zh: "数据格式出错：{reason}", en: "Data format error: {reason}" }
    PLACE_NAME_TAKEN = "place_name_taken" {
        zh: "{under}下已有名为“{name}”的{kind:place}",
        en: "{under} already has a {kind:place} named “{name}”",
    }
    PLACE_NAME_TAKEN_TOP = "place_name_taken_top" {
        zh: "已有名为“{name}”的{kind:place}",
        en: "There is already a {kind:place} named “{name}”",
    }
    ADMIN_ONLY_GRIDS = "admin_only_grids" {
        zh: "只有社区管理员可以划分网格、分配网格员和楼栋长；本机的工作人员是{name}。请由社区管理员操作，或在“设置”中改选本机的工作人员",
        en: "Only a community administrator can draw grids and assign grid workers and building stewards; this laptop's staff member is {name}. Ask a community administrator, or choose another staff member in Settings",
    }
    ADDRESS_TAKEN = "address_taken" {
        zh: "{address}已登记有住户（户主：{head}），请在该户下添加成员",
        en: "{address} already has a household (head: {head}); add the member to that household",
    }
    ADDRESS_TAKEN_NO_HEAD = "address_taken_no_head" {
        zh: "{address}已登记有住户（户主：未登记），请在该户下添加成员",
        en: "{address} already has a household (no head registered); add the member to that household",
    }
    ADDRESS_OCCUPIED = "address_occupied" {
        zh: "{address}已有住户，不能搬入",
        en: "{address} already has a household; nobody can move in there",
    }
    ID_CARD_TAKEN = "id_card_taken" {
        zh: "身份证号{id}已登记在{holder}名下，同一社区不能重复登记",
        en: "ID card number {id} is already registered to {holder}; a community registers it only once",
    }
    MOVED_OUT_NO_VISIT = "moved_out_no_visit" {
        zh: "{address}已迁出，不能再登记走访",
        en: "{address} has moved out; no more visits can be logged",
    }
    VISIT_CORRECTED = "visit_corrected" {
        zh: "这条走访记录已被更正（更正记录 {by}），请更正最新的那一条",
        en: "This visit was already corrected (by record {by}); correct the newest one",
    }
    TASK_STEP_REFUSED = "task_step_refused" {
        zh: "事项“{title}”目前{status:task_status}，不能{step:task_event}",
        en: "Request “{title}” is now {status:task_status}; it cannot be {step:task_event}",
    }
    ALREADY_VOLUNTEER = "already_volunteer" {
        zh: "居民“{name}”已经登记为志愿者",
        en: "Resident “{name}” is already registered as a volunteer",
    }
    TEAM_NAME_TAKEN = "team_name_taken" {
        zh: "本社区已有名为“{name}”的志愿服务队",
        en: "This community already has a volunteer team named “{name}”",
    }
    LEDGER_ALREADY_REVERSED = "ledger_already_reversed" {
        zh: "这笔积分记录已经冲正过",
        en: "This points entry has already been reversed",
    }
    ADJUST_BELOW_ZERO = "adjust_below_zero" {
        zh: "{name}现有{balance}分（本机所知），扣减{points}分后将为负数，不能调整",
        en: "{name} has {balance} points (as far as this laptop knows); taking {points} would leave a negative balance, so the adjustment is refused",
    }
    OUT_OF_STOCK = "out_of_stock" {
        zh: "库存不足：{item}只剩{stock}{unit}，不能兑换{quantity}{unit}",
        en: "Not enough stock: {stock} {unit} of {item} left, {quantity} asked for",
    }
    NOT_ENOUGH_POINTS = "not_enough_points" {
        zh: "积分不足：{name}现有{balance}分（本机所知），兑换{item}×{quantity}需要{cost}分。",
        en: "Not enough points: {name} has {balance} (as far as this laptop knows); {item} × {quantity} needs {cost}.",
    }
    REVIEW_ALREADY_DONE = "review_already_done" {
        zh: "这笔记录已经核查处理过",
        en: "This entry has already been reviewed",
    }
    HOURS_ALREADY_REVERSED = "hours_already_reversed" {
        zh: "{name} {date}的记录已经冲正过",
        en: "The entry of {name} on {date} has already been reversed",
    }
    HOURS_ALREADY_CREDITED = "hours_already_credited" {
        zh: "{name}已登记过这次活动的服务时长；如需更正，请先冲正原记录",
        en: "{name} already has hours for this activity; to correct them, reverse the first entry",
    }

    // the store's refusals of a field (linli-store)
    VISIT_FINDINGS_TOO_LONG = "visit_findings_too_long" { zh: "走访情况最多2000字", en: "The visit's findings can have at most 2000 characters" }
    NOTES_TOO_LONG = "notes_too_long" { zh: "备注最多500字", en: "Notes can have at most 500 characters" }
    VISIT_RULE_NEEDS_COMMUNITY = "visit_rule_needs_community" { zh: "走访频次按社区设置，请选择一个社区", en: "Visit intervals are set per community: choose a community" }
    VISIT_INTERVAL_RANGE = "visit_interval_range" { zh: "走访间隔应在1到365天之间", en: "A visit interval is 1 to 365 days" }
    TASK_TITLE_MISSING = "task_title_missing" { zh: "请填写事项标题", en: "Enter the request's title" }
    TASK_TITLE_TOO_LONG = "task_title_too_long" { zh: "事项标题最多100字", en: "The request's title can have at most 100 characters" }
    SUBCATEGORY_ONLY_SNAPSHOT = "subcategory_only_snapshot" { zh: "只有“随手拍”需要选择治安、违章或环境", en: "Only a resident snapshot takes a subcategory (public order, violation or environment)" }
    TASK_DESCRIPTION_TOO_LONG = "task_description_too_long" { zh: "事项描述最多2000字", en: "The request's description can have at most 2000 characters" }
    REASON_MISSING = "reason_missing" { zh: "请写明原因", en: "Give the reason" }
    REASON_TOO_LONG = "reason_too_long" { zh: "原因最多500字", en: "The reason can have at most 500 characters" }
    ESCALATION_NEEDS_COMMUNITY = "escalation_needs_community" { zh: "上报时限按社区设置，请选择一个社区", en: "Escalation days are set per community: choose a community" }
    ESCALATION_DAYS_RANGE = "escalation_days_range" { zh: "超时上报的天数应在1到365天之间", en: "Escalation comes after 1 to 365 days" }
    TASK_ONE_WHERE = "task_one_where" { zh: "请选择一户或一个地点（只选一个）", en: "Choose one household or one place (only one)" }
    REDISPATCH_SAME = "redispatch_same" { zh: "转派要交给另一个人或队伍，这是现在的接单人", en: "Re-dispatch to another person or team: this is the current assignee" }
    RESULT_MISSING = "result_missing" { zh: "请填写办理结果", en: "Enter the result" }
    PHOTO_NOT_ATTACHED = "photo_not_attached" { zh: "照片还没有上传到这个事项，请先添加附件", en: "This photo is not attached to the request yet: add it first" }
    PROXY_RATER_MISSING = "proxy_rater_missing" { zh: "代评要写明是哪位工作人员代居民评的", en: "A rating given for a resident names the staff member who gave it" }
    ASSIGNEE_ONE = "assignee_one" { zh: "请选择接单的人或队伍（只选一个）", en: "Choose the person or team to take it (only one)" }
    ATTACH_IN_MEMORY = "attach_in_memory" { zh: "内存中的数据库不能保存附件，请打开一个数据库文件", en: "A database in memory cannot keep attachments: open a database file" }
    ATTACH_ONE_SOURCE = "attach_one_source" { zh: "请给出一个文件（路径或内容，只给一个）", en: "Give one file (a path or the contents, only one)" }
    FILE_EMPTY = "file_empty" { zh: "文件是空的", en: "The file is empty" }
    BLOB_HASH_MISMATCH = "blob_hash_mismatch" { zh: "收到的附件与校验值不符，没有保存；下次同步会重新下载", en: "The attachment received does not match its checksum and was not kept; the next sync downloads it again" }
    PHOTO_NOT_SYNCED = "photo_not_synced" { zh: "照片尚未同步到这台电脑，联网同步后再打开", en: "This photo has not come to this laptop yet: open it after the next sync" }
    HOME_NEEDS_WHO = "home_needs_who" { zh: "请选择一位工作人员或一个社区", en: "Choose a staff member or a community" }
    NOTHING_TO_WRITE = "nothing_to_write" { zh: "没有要写入的字段", en: "There are no fields to write" }
    MOVE_UNDER_ITSELF = "move_under_itself" { zh: "不能移到它自己的下级", en: "A place cannot move under one of its own" }
    GRID_NEEDS_COMMUNITY = "grid_needs_community" { zh: "网格必须属于一个社区", en: "A grid belongs to a community" }
    GRID_KIND_MISSING = "grid_kind_missing" { zh: "请选择大网格或楼段", en: "Choose a big grid or a building section" }
    BIG_GRID_NO_PARENT = "big_grid_no_parent" { zh: "大网格不属于其他网格", en: "A big grid belongs to no other grid" }
    SECTION_NEEDS_PARENT = "section_needs_parent" { zh: "楼段必须属于一个大网格", en: "A building section belongs to a big grid" }
    SECTION_PARENT_COMMUNITY = "section_parent_community" { zh: "楼段必须属于本社区的一个大网格", en: "A building section belongs to a big grid of its own community" }
    MOVED_OUT_BEFORE_IN = "moved_out_before_in" { zh: "迁出日期不能早于迁入日期", en: "The moving-out date cannot be before the moving-in date" }
    ROLES_MISSING = "roles_missing" { zh: "请至少选择一个角色", en: "Choose at least one role" }
    STAFF_NEEDS_COMMUNITY = "staff_needs_community" { zh: "工作人员必须属于一个社区", en: "A staff member belongs to a community" }
    ASSIGN_BUILDING_OR_UNIT = "assign_building_or_unit" { zh: "只能分配到楼栋或单元", en: "Assign only to a building or a unit" }
    ASSIGN_ONE_PLACE = "assign_one_place" { zh: "请选择一个网格或一栋楼（只选一个）", en: "Choose one grid or one building (only one)" }
    FILE_NAME_MISSING = "file_name_missing" { zh: "请给出文件名", en: "Give a file name" }
    MAPPING_PATH_MISSING = "mapping_path_missing" { zh: "请填写映射文件的保存位置", en: "Enter where to save the mapping file" }
    STAFF_NOT_IN_REGISTER = "staff_not_in_register" { zh: "登记册里没有这位工作人员，请从列表中选择", en: "This staff member is not in the register: choose from the list" }
    RESIDENT_OTHER_COMMUNITY = "resident_other_community" { zh: "这位居民不在本社区登记，请在其所在社区登记为志愿者", en: "This resident is registered in another community: register them as a volunteer there" }
    LEDGER_IS_REVERSAL = "ledger_is_reversal" { zh: "这是一笔冲正记录，不能再冲正", en: "This entry is a reversal and cannot be reversed" }
    ADJUST_POINTS_RANGE = "adjust_points_range" { zh: "调整的积分应为非零整数，最多十万分", en: "An adjustment is a whole number of points other than zero, at most 100,000" }
    SERVICE_POINTS_VIA_HOURS = "service_points_via_hours" { zh: "服务积分请通过冲正对应的服务时长记录来更正", en: "Correct service points by reversing the hours entry they came from" }
    ITEM_NOT_IN_CATALOGUE = "item_not_in_catalogue" { zh: "这件物品不在本社区的兑换目录里", en: "This item is not in the community's catalogue" }
    STOCK_NEGATIVE = "stock_negative" { zh: "库存不能为负数", en: "Stock cannot be negative" }
    LESSONS_NO_STOCK = "lessons_no_stock" { zh: "儿童课时不计库存，无需入库", en: "Children's lessons keep no stock: nothing to restock" }
    LEDGER_NOT_FLAGGED = "ledger_not_flagged" { zh: "这笔记录没有被标记为待核查", en: "This entry is not flagged for review" }
    VOLUNTEERS_MISSING = "volunteers_missing" { zh: "请至少选择一位志愿者", en: "Choose at least one volunteer" }
    TEAM_OTHER_COMMUNITY = "team_other_community" { zh: "这支队伍不属于本社区", en: "This team belongs to another community" }
    COMMUNITY_MISSING = "community_missing" { zh: "请选择一个社区", en: "Choose a community" }
    HOURS_IS_REVERSAL = "hours_is_reversal" { zh: "这是一条冲正记录，不能再冲正", en: "This entry is a reversal and cannot be reversed" }
    HOURS_MISSING = "hours_missing" { zh: "请填写服务时长", en: "Enter the hours served" }
    ENTRIES_MISSING = "entries_missing" { zh: "请至少选择一条记录", en: "Choose at least one entry" }
    VISIT_IN_FUTURE = "visit_in_future" {
        zh: "走访时间{at}还没有到，不能晚于现在（{now}）",
        en: "The visit time {at} has not come yet: it cannot be later than now ({now})",
    }
    PERIOD_REVERSED = "period_reversed" {
        zh: "起始日期{from}晚于结束日期{to}",
        en: "The start date {from} is after the end date {to}",
    }
    BIRTH_NOT_ID = "birth_not_id" {
        zh: "出生日期{birth}与身份证号不符（身份证号显示为{from_id}）",
        en: "The date of birth {birth} does not match the ID card number (which says {from_id})",
    }
    GENDER_NOT_ID = "gender_not_id" {
        zh: "性别与身份证号不符（身份证号显示为{gender:gender}）",
        en: "The gender does not match the ID card number (which says {gender:gender})",
    }
    NOT_A_BUILDING = "not_a_building" {
        zh: "“{name}”不是楼栋，请选择一栋楼",
        en: "“{name}” is not a building: choose a building",
    }
    NOT_A_UNIT_OF = "not_a_unit_of" {
        zh: "“{unit}”不是{building}的单元",
        en: "“{unit}” is not a unit of {building}",
    }

    // the station desk (issue 15): rules, places, the volunteer desk
    ADMIN_ONLY_RULES = "admin_only_rules" {
        zh: "只有社区管理员可以修改社区规则；本机的工作人员是{name}。请由社区管理员操作，或在“设置”中改选本机的工作人员",
        en: "Only a community administrator can change the community's rules; this laptop's staff member is {name}. Ask a community administrator, or choose another staff member in Settings",
    }
    START_TIME_FORMAT = "start_time_format" {
        zh: "开始时间请写成“09:00”这样的时:分",
        en: "Write the start time as hours:minutes, like 09:00",
    }
    CAPACITY_RANGE = "capacity_range" {
        zh: "人数上限应在1到1000之间；不限人数请留空",
        en: "The number of places must be between 1 and 1000; leave it empty for no limit",
    }
    ACTIVITY_FULL = "activity_full" {
        zh: "“{title}”限{cap}人，已报名{signed}人，只能再报{left}人",
        en: "“{title}” takes {cap} people and {signed} have signed up: only {left} more can sign up",
    }
    HOURS_OWN_ENTRY = "hours_own_entry" {
        zh: "{name} {date}的服务时长是您本人登记的，不能由您审核；请另一位协调员审核",
        en: "You credited the hours of {name} on {date} yourself, so you cannot verify them; ask another coordinator",
    }
    HOURS_REJECTED_NO_VERIFY = "hours_rejected_no_verify" {
        zh: "{name} {date}的记录已被退回，不能再审核；如确有服务，请重新登记",
        en: "The entry of {name} on {date} was rejected and cannot be verified; if the service did happen, credit it again",
    }
    HOURS_REJECTED_NO_REVERSE = "hours_rejected_no_reverse" {
        zh: "{name} {date}的记录已被退回，不计积分，无需冲正",
        en: "The entry of {name} on {date} was rejected and earns no points: there is nothing to reverse",
    }
    HOURS_DECIDED_NO_REJECT = "hours_decided_no_reject" {
        zh: "{name} {date}的记录已审核或已冲正，不能退回；如需更正，请冲正",
        en: "The entry of {name} on {date} is already verified or reversed and cannot be rejected; reverse it to correct it",
    }

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

    // the store's remaining refusals (issue 15 item 7): every one from the catalogue
    NOT_A_MEMBER = "not_a_member" { zh: "{name}不是这一户的成员", en: "{name} is not a member of this household" }
    DUE_NOT_LATER = "due_not_later" {
        zh: "延期后的期限应晚于现在的期限{now}",
        en: "The new deadline must be later than the current one, {now}",
    }
    ATTACH_KIND = "attach_kind" {
        zh: "“{name}”不能作为附件：只接受 JPEG、PNG 照片和 PDF 文件 (only image/jpeg, image/png and application/pdf files can be attached)",
        en: "“{name}” cannot be attached: only JPEG and PNG photos and PDF files are accepted",
    }
    FILE_TOO_BIG = "file_too_big" {
        zh: "文件太大（{size} MB），附件最大 {max} MB。请压缩照片或降低拍摄分辨率后再添加。",
        en: "The file is too big ({size} MB); an attachment can be at most {max} MB. Compress the photo or take it at a lower resolution, then add it again.",
    }
    PHOTO_TOO_BIG = "photo_too_big" {
        zh: "照片“{name}”：文件太大（{size} MB），附件最大 {max} MB。请压缩照片或降低拍摄分辨率后再添加。",
        en: "Photo “{name}”: the file is too big ({size} MB); an attachment can be at most {max} MB. Compress the photo or take it at a lower resolution, then add it again.",
    }
    PHOTO_EMPTY = "photo_empty" { zh: "照片“{name}”：文件是空的", en: "Photo “{name}”: the file is empty" }
    BAD_FILE_HASH = "bad_file_hash" { zh: "“{hash}”不是有效的文件校验值", en: "“{hash}” is not a valid file checksum" }
    ATTACH_OWNER_TABLE = "attach_owner_table" {
        zh: "附件只属于事项或走访记录（收到“{table}”）",
        en: "Attachments belong only to requests or visits (got “{table}”)",
    }
    ATTACH_ADD_OWNER_TABLE = "attach_add_owner_table" {
        zh: "附件只能加到事项或走访记录上（收到“{table}”）",
        en: "Attachments can be added only to requests or visits (got “{table}”)",
    }
    FILE_UNREADABLE = "file_unreadable" { zh: "无法读取文件{path}：{reason}", en: "Cannot read the file {path}: {reason}" }
    ATTACH_SAVE_FAILED = "attach_save_failed" {
        zh: "无法保存附件到{dir}：{reason}",
        en: "Cannot save the attachment in {dir}: {reason}",
    }
    ATTACH_READ_FAILED = "attach_read_failed" {
        zh: "附件文件读取失败（{path}）：{reason}",
        en: "Cannot read the attachment's file ({path}): {reason}",
    }
    PIN_TOO_SHORT = "pin_too_short" { zh: "PIN 至少 {min} 位，请重新设置", en: "A PIN has at least {min} characters: set it again" }
    FACT_EXISTS = "fact_exists" {
        zh: "记录 {id} 已存在，事实记录不能修改，请另记一条更正",
        en: "Record {id} already exists; a recorded fact cannot be changed: record a correction instead",
    }
    UNITS_RANGE = "units_range" { zh: "单元数应在0到{max}之间", en: "The number of units is 0 to {max}" }
    FLOORS_RANGE = "floors_range" { zh: "楼层数应在1到{max}之间", en: "The number of floors is 1 to {max}" }
    UNKNOWN_PLACE_KIND = "unknown_place_kind" { zh: "未知的地点类型“{kind}”", en: "Unknown kind of place “{kind}”" }
    GRID_PLACE_KIND = "grid_place_kind" {
        zh: "“{name}”不是楼栋或单元，网格只能划到楼栋或单元",
        en: "“{name}” is not a building or a unit: a grid takes only buildings and units",
    }
    NOT_IN_GRID = "not_in_grid" {
        zh: "“{name}”不在“{grid}”里，无需移出",
        en: "“{name}” is not in “{grid}”: there is nothing to take out",
    }
    BAD_MONTH = "bad_month" {
        zh: "月份“{value}”无效，应为“2026-03”这样的格式",
        en: "Month “{value}” is not valid; write it like “2026-03”",
    }
    MONTHLY_NO_FIGURE = "monthly_no_figure" { zh: "月报中没有“{key}”这一项", en: "The monthly report has no figure “{key}”" }
    NOT_A_SYNC_TABLE = "not_a_sync_table" { zh: "“{name}”不是可同步的数据表", en: "“{name}” is not a synced table" }
    TABLE_NO_FIELD = "table_no_field" { zh: "数据表“{table}”没有字段“{field}”", en: "Table “{table}” has no field “{field}”" }
    IMPORT_NOT_REGISTER = "import_not_register" {
        zh: "这是{kind:noun}，不是居民台账；请在命令行用 linli import 导入（它会认出这种名单）",
        en: "This is a {kind:noun}, not a residents' register: import it on the command line with linli import (it recognises this kind of list)",
    }
    IMPORT_PLACE_KIND = "import_place_kind" {
        zh: "“{name}”是{kind:place}，只能导入到社区、小区或楼栋，请选择其中之一",
        en: "“{name}” is a {kind:place}: a register is imported into a community, a compound or a building; choose one of them",
    }
    STATION_NAME_TOO_LONG = "station_name_too_long" {
        zh: "站点名称最多{max}个字，现在是{len}个字",
        en: "The station's name can have at most {max} characters; it has {len}",
    }
    STATION_NAME_CONTROL = "station_name_control" { zh: "站点名称不能含有控制字符", en: "The station's name cannot contain control characters" }
    PARTY_NOT_CARE_TAG = "party_not_care_tag" {
        zh: "党员是政治面貌，不是关爱标签，请在住户的“党员”一栏登记",
        en: "Party membership is a political status, not a care tag: record it in the resident's “Party member” field",
    }
    CARE_TAGS_MISSING = "care_tags_missing" { zh: "请至少选择一个关爱标签", en: "Choose at least one care tag" }
    DEMO_NEEDS_EMPTY = "demo_needs_empty" {
        zh: "数据库里已有数据，示范数据只能写入新的数据库",
        en: "The database already holds data: demo data goes only into a new database",
    }
    SYNC_RESULTS_MISMATCH = "sync_results_mismatch" {
        zh: "服务器的回答与发送的变更不符，未作记录 (the server's answer does not match the batch)",
        en: "The server's answer does not match the changes sent; nothing was recorded",
    }
    SYNC_PAGE_MISMATCH = "sync_page_mismatch" {
        zh: "准备的日志与本页不符 (the prepared journal is not this page's)",
        en: "The prepared journal does not match this page",
    }
    TEAM_JOIN_OTHER_COMMUNITY = "team_join_other_community" {
        zh: "{name}不是本社区的志愿者，不能加入“{team}”",
        en: "{name} is not a volunteer of this community and cannot join “{team}”",
    }
    VOLUNTEER_OTHER_COMMUNITY = "volunteer_other_community" { zh: "{name}不是本社区的志愿者", en: "{name} is not a volunteer of this community" }
    CAPACITY_BELOW_SIGNED = "capacity_below_signed" {
        zh: "已有{signed}人报名，人数上限不能少于{signed}",
        en: "{signed} people have signed up: the limit cannot be less than {signed}",
    }
    POINTS_RATE_RANGE = "points_rate_range" { zh: "每小时积分应在0到1000之间", en: "Points per hour are 0 to 1000" }
    POINTS_CAP_MIN = "points_cap_min" {
        zh: "积分上限至少为1分；不设上限请留空",
        en: "The points cap is at least 1; leave it empty for no cap",
    }
    POINTS_EXPIRY_RANGE = "points_expiry_range" {
        zh: "有效期应在1到120个月之间；长期有效请留空",
        en: "Points last 1 to 120 months; leave it empty for points that never expire",
    }
    TEXT_EMPTY = "text_empty" { zh: "{label:noun}不能为空", en: "The {label:noun} cannot be empty" }
    TEXT_TOO_LONG = "text_too_long" { zh: "{label:noun}最多{max}个字", en: "The {label:noun} can have at most {max} characters" }
    WORDS_TOO_MANY = "words_too_many" { zh: "{label:noun}最多{max}项", en: "The {label:noun} can have at most {max} entries" }
    HOURS_REVERSED_NO_VERIFY = "hours_reversed_no_verify" {
        zh: "{name} {date}的记录已冲正，不能再审核",
        en: "The entry of {name} on {date} was reversed and cannot be verified",
    }
    EACH_NOT_SELECTED = "each_not_selected" {
        zh: "逐人时长里有一位未选中的志愿者，请重新勾选",
        en: "The hours per person name a volunteer who is not selected: tick the volunteers again",
    }
    EACH_HOURS_NOT_POSITIVE = "each_hours_not_positive" {
        zh: "{name}的服务时长：服务时长必须大于0小时",
        en: "Hours of {name}: the hours served must be more than 0",
    }
    EACH_HOURS_OVER_DAY = "each_hours_over_day" {
        zh: "{name}的服务时长：一条记录的服务时长最多24小时",
        en: "Hours of {name}: one entry can hold at most 24 hours",
    }

    POSSIBLE_DUPLICATE = "possible_duplicate" {
        zh: "已有同名、同出生日期的居民：{who}。如确认不是同一人，请选择“仍然保存”",
        en: "A resident with the same name and date of birth is already registered: {who}. If this is not the same person, choose “Save anyway”",
    }

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
