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
        "lend_field" => crate::lending::field_zh(value).map(str::to_owned),
        "copy_status" => Some(
            crate::lending::CopyStatus::read(value)
                .label_zh()
                .to_owned(),
        ),
        "copy_action" => Some(
            crate::lending::CopyAction::read(value)
                .label_zh()
                .to_owned(),
        ),
        "hold_state" => Some(crate::lending::HoldState::read(value).label_zh().to_owned()),
        "med_step" => Some(
            crate::mediation::StepKind::read(value)
                .label_zh()
                .to_owned(),
        ),
        "cnc_step" => Some(
            crate::councils::TopicStep::read(value)
                .label_zh()
                .to_owned(),
        ),
        "cnc_suggestion" => Some(
            crate::councils::SuggestionState::read(value)
                .label_zh()
                .to_owned(),
        ),
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
#[path = "msg_admin.rs"]
mod admin;
#[path = "msg_desk.rs"]
mod desk;
#[path = "msg_domain.rs"]
mod domain;
#[path = "msg_field.rs"]
mod field;
#[path = "msg_h20board.rs"]
mod h20board;
#[path = "msg_h20council.rs"]
mod h20council;
#[path = "msg_h20gaps.rs"]
mod h20gaps;
#[path = "msg_h20med.rs"]
mod h20med;
#[path = "msg_h22first.rs"]
mod h22first;
#[path = "msg_h22upd.rs"]
mod h22upd;
#[path = "msg_h25circle.rs"]
mod h25circle;
#[path = "msg_h25gaps.rs"]
mod h25gaps;
#[path = "msg_h25patrol.rs"]
mod h25patrol;
#[path = "msg_h25prog.rs"]
mod h25prog;
#[path = "msg_import.rs"]
mod import;
#[path = "msg_lending.rs"]
mod lending;
#[path = "msg_ops.rs"]
mod ops;
#[path = "msg_paper.rs"]
mod paper;
#[path = "msg_print.rs"]
mod print;
#[path = "msg_refusals.rs"]
mod refusals;
#[path = "msg_server.rs"]
mod server;
#[path = "msg_stats.rs"]
mod stats;
#[path = "msg_store.rs"]
mod store;
#[path = "msg_sync.rs"]
mod sync;
#[path = "msg_targets.rs"]
mod targets;
pub use admin::*;
pub use desk::*;
pub use domain::*;
pub use field::*;
pub use h20board::*;
pub use h20council::*;
pub use h20gaps::*;
pub use h20med::*;
pub use h22first::*;
pub use h22upd::*;
pub use h25circle::*;
pub use h25gaps::*;
pub use h25patrol::*;
pub use h25prog::*;
pub use import::*;
pub use lending::*;
pub use ops::*;
pub use paper::*;
pub use print::*;
pub use refusals::*;
pub use server::*;
pub use stats::*;
pub use store::*;
pub use sync::*;
pub use targets::*;

/// Every message of the catalogue, section by section.
pub const ALL: &[Msg] = &ALL_MESSAGES;

const SECTIONS: [&[Msg]; 26] = [
    domain::SECTION,
    store::SECTION,
    field::SECTION,
    desk::SECTION,
    sync::SECTION,
    refusals::SECTION,
    import::SECTION,
    server::SECTION,
    stats::SECTION,
    SECTION,
    ops::SECTION,
    lending::SECTION,
    targets::SECTION,
    print::SECTION,
    paper::SECTION,
    admin::SECTION,
    h20med::SECTION,
    h22first::SECTION,
    h22upd::SECTION,
    h20council::SECTION,
    h20board::SECTION,
    h25prog::SECTION,
    h25patrol::SECTION,
    h20gaps::SECTION,
    h25circle::SECTION,
    h25gaps::SECTION,
];

static ALL_MESSAGES: [Msg; count(&SECTIONS)] = concat(&SECTIONS);

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
