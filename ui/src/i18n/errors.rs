//! Errors in the chosen language. Every store, domain and sync error carries a catalogue code and
//! its arguments (`linli_domain::msg`, where both languages' templates live beside each other);
//! [`Texts::error`] renders them. An error without a known code (an older peer, a message not yet
//! in the catalogue) shows its Chinese `message`, or in English the English half of a server's
//! bilingual sentence ("中文 (English)").

use linli_domain::field::{TaskEventKind, TaskStatus};
use linli_domain::msg::{self, Msg};
use linli_domain::PlaceKind;
use linli_protocol::{ApiError, RowIssue};

use std::cell::Cell;
use std::collections::BTreeMap;

use super::{Lang, Texts};

/// How one language renders an error.
#[derive(Debug)]
pub struct ErrorTexts {
    /// The template of a catalogue message in this language.
    pub template: fn(&Msg) -> &'static str,
    /// A domain word (`{kind:place}`, `{relation:relation}`) in this language, `None` to keep it.
    pub word: fn(texts: &Texts, filter: &str, value: &str) -> Option<String>,
    /// Whether a server's bilingual sentence shows its English half.
    pub english: bool,
}

pub const ZH: ErrorTexts = ErrorTexts {
    template: |m| m.zh,
    word: |_, filter, value| msg::word_zh(filter, value),
    english: false,
};

pub const EN: ErrorTexts = ErrorTexts {
    template: |m| m.en,
    word: |t, filter, value| {
        Some(match filter {
            "place" => (t.kind_label)(PlaceKind::from_code(value)?).to_lowercase(),
            "task_status" => (t.task_status)(TaskStatus::from_code(value)?).to_lowercase(),
            "task_event" => (t.task_event_label)(TaskEventKind::from_code(value)?).to_lowercase(),
            "relation" => match value {
                "子女" => "child".to_owned(),
                "孙辈" => "grandchild".to_owned(),
                "父母" => "parent".to_owned(),
                // the longer words the age rules also know, beside the register's own
                "儿子" => "son".to_owned(),
                "女儿" => "daughter".to_owned(),
                "外孙" => "grandson".to_owned(),
                "外孙女" => "granddaughter".to_owned(),
                v => (t.resident.relation)(v).to_lowercase(),
            },
            "noun" => noun_en(value)?.to_owned(),
            "gender" => (t.gender_label)(linli_domain::Gender::from_code(value)?).to_lowercase(),
            "copy_status" => linli_domain::lending::CopyStatus::read(value)
                .label_en()
                .to_owned(),
            "copy_action" => linli_domain::lending::CopyAction::read(value)
                .label_en()
                .to_owned(),
            "hold_state" => linli_domain::lending::HoldState::read(value)
                .label_en()
                .to_owned(),
            "lend_field" => value.replace('_', " "),
            "med_step" => linli_domain::mediation::StepKind::read(value)
                .label_en()
                .to_owned(),
            "cnc_step" => linli_domain::councils::TopicStep::read(value)
                .label_en()
                .to_owned(),
            "cnc_suggestion" => linli_domain::councils::SuggestionState::read(value)
                .label_en()
                .to_owned(),
            // lists of domain words joined with 、 (an import's known care tags, team kinds)
            "care_tags" => value
                .split('、')
                .map(|w| (t.resident.care_tag)(w))
                .collect::<Vec<_>>()
                .join(", "),
            "team_kinds" => value
                .split('、')
                .map(|w| {
                    linli_domain::volunteers::TeamKind::ALL
                        .iter()
                        .find(|k| k.label_zh() == w)
                        .map_or(w, |k| (t.desk.kind)(*k))
                })
                .collect::<Vec<_>>()
                .join(", "),
            _ => return None,
        })
    },
    english: true,
};

/// What the store could not find, in English.
fn noun_en(zh: &str) -> Option<&'static str> {
    Some(match zh {
        "事项" => "request",
        "住户" => "household",
        "兑换物品" => "catalogue item",
        "分配" => "assignment",
        "地点" => "place",
        "居民" => "resident",
        "工作人员" => "staff member",
        "志愿服务队" => "volunteer team",
        "志愿者" => "volunteer",
        "服务时长记录" => "hours entry",
        "楼栋" => "building",
        "活动" => "activity",
        "社区" => "community",
        "积分记录" => "points entry",
        "网格" => "grid",
        "走访记录" => "visit",
        "附件" => "attachment",
        // the labels of the volunteer desk's text fields (`{label:noun}`)
        "服务队" => "team",
        "队名" => "team name",
        "特长" => "skills",
        "服务时间" => "availability",
        "工作单位" => "work unit",
        "承诺事项" => "pledges",
        "调整原因" => "reason for the adjustment",
        "冲正原因" => "reason for the reversal",
        "退回原因" => "reason for sending it back",
        "物品名称" => "item's name",
        "单位" => "unit",
        "说明" => "note",
        "备注" => "note",
        "活动名称" => "activity's title",
        // 米邻驿站's records and text fields (issue 19)
        "物品种类" => "kind of item",
        "物品" => "item",
        "借用记录" => "loan",
        "预约" => "hold",
        "押金记录" => "deposit",
        "类别" => "category",
        "保养说明" => "care notes",
        "配件" => "part",
        "序列号" => "serial number",
        "成色" => "condition",
        "存放位置" => "location",
        "捐赠单位" => "donor unit",
        "批准人" => "approver",
        "缺少配件" => "missing part",
        "作废原因" => "reason for voiding",
        // the community's boards (h20board)
        "值日牌" => "duty board",
        "通知" => "notice",
        "楼栋行动" => "campaign line",
        "登记人" => "recorder",
        "楼道" => "corridor",
        // the kinds of list a spreadsheet can be (`{kind:noun}`)
        "居民台账" => "residents' register",
        "地点名单" => "list of places",
        "志愿者名单" => "list of volunteers",
        "服务队名单" => "list of teams",
        // the columns an import names in its reasons (`{what:noun}`)
        "身份证号" => "ID card number",
        "居民身份证号" => "ID card number",
        "联系电话" => "phone number",
        "住户电话" => "household's phone number",
        _ => return None,
    })
}

/// The English half of a bilingual server sentence: "中文 (English)" gives "English".
fn english_half(message: &str) -> Option<&str> {
    let inner = message.trim_end().strip_suffix(')')?;
    let open = inner.find(" (")?;
    let en = &inner[open + 2..];
    let han = |c: char| ('\u{4e00}'..='\u{9fff}').contains(&c);
    (!en.is_empty() && !en.chars().any(han) && inner[..open].chars().any(han)).then_some(en)
}

thread_local! {
    /// The language the window shows, for errors rendered away from a component's hooks (in an
    /// async reply handler). Set by the app on every render.
    static CURRENT: Cell<Lang> = const { Cell::new(Lang::Zh) };
}

/// Makes `lang` the language [`say`] renders in.
pub fn set_lang(lang: Lang) {
    CURRENT.with(|c| c.set(lang));
}

/// An error in the window's language.
pub fn say(e: &ApiError) -> String {
    CURRENT.with(|c| c.get()).texts().error(e)
}

/// Any coded sentence (an import's row reason, a refused change) in the window's language.
pub fn say_coded(code: Option<&str>, args: &BTreeMap<String, String>, message: &str) -> String {
    CURRENT.with(|c| c.get()).texts().coded(code, args, message)
}

/// Why an import refused or warned about a row, in the window's language.
pub fn say_row(i: &RowIssue) -> String {
    say_coded(i.code.as_deref(), &i.args, &i.reason)
}

impl Texts {
    /// An error in this language: from its code and arguments when the catalogue knows the code,
    /// else its message as sent.
    pub fn error(&self, e: &ApiError) -> String {
        self.coded(e.code.as_deref(), &e.args, &e.message)
    }

    /// A sentence of the catalogue in this language: `code` with `args` when the catalogue knows
    /// it, else `message` as sent (in English, the English half of a bilingual one). A sentence
    /// nested in another's `{reason}` (arguments `reason_code` and `reason.<name>`) is rendered
    /// in this language too.
    pub fn coded(
        &self,
        code: Option<&str>,
        args: &BTreeMap<String, String>,
        message: &str,
    ) -> String {
        match code.and_then(msg::find) {
            Some(m) => {
                let mut plain: Vec<(&str, String)> = args
                    .iter()
                    .filter(|(k, _)| !k.starts_with("reason."))
                    .map(|(k, v)| (k.as_str(), v.clone()))
                    .collect();
                if let Some(inner_code) = args.get("reason_code") {
                    let inner_args: BTreeMap<String, String> = args
                        .iter()
                        .filter_map(|(k, v)| {
                            Some((k.strip_prefix("reason.")?.to_owned(), v.clone()))
                        })
                        .collect();
                    let inner_zh = args.get("reason").map_or("", String::as_str);
                    let inner = self.coded(Some(inner_code), &inner_args, inner_zh);
                    for (k, v) in &mut plain {
                        if *k == "reason" {
                            *v = inner.clone();
                        }
                    }
                }
                let mut said = msg::fill((self.errors.template)(m), &plain, &|f, v| {
                    (self.errors.word)(self, f, v)
                });
                // a server's answer names its request id, for the administrator's log
                if let Some(id) = args.get("request_id") {
                    let t = (self.errors.template)(&msg::SERVER_REQUEST_ID);
                    said.push_str(&msg::fill(t, &[("id", id.clone())], &|_, _| None));
                }
                said
            }
            None if self.errors.english => english_half(message)
                .map(str::to_owned)
                .unwrap_or_else(|| message.to_owned()),
            None => message.to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use linli_domain::{args, DomainError};
    use linli_protocol::ErrorKind;

    use super::*;

    #[test]
    fn a_coded_error_reads_in_either_language_from_the_same_data() {
        let e: ApiError = DomainError::coded(
            "parent_id",
            msg::PLACE_WRONG_PARENT,
            args![kind = "building", under = "community", parent = "compound"],
        )
        .into();
        assert_eq!(Lang::Zh.texts().error(&e), e.message);
        let en = Lang::En.texts().error(&e);
        assert!(
            en.starts_with("A building cannot be placed under a community"),
            "{en}"
        );
    }

    /// The store's refusals that name a field label or a kind of list read in English too.
    #[test]
    fn a_labelled_refusal_reads_in_english() {
        let e: ApiError =
            DomainError::coded("work_unit", msg::TEXT_EMPTY, args![label = "工作单位"]).into();
        assert_eq!(e.message, "工作单位不能为空");
        assert_eq!(Lang::En.texts().error(&e), "The work unit cannot be empty");
        let e: ApiError =
            DomainError::coded("path", msg::IMPORT_NOT_REGISTER, args![kind = "地点名单"]).into();
        let en = Lang::En.texts().error(&e);
        assert!(en.starts_with("This is a list of places, not"), "{en}");
    }

    #[test]
    fn every_word_the_catalogue_translates_has_english() {
        let en = Lang::En.texts();
        for k in PlaceKind::ALL {
            assert!((EN.word)(en, "place", k.code()).is_some());
        }
        for g in ["male", "female"] {
            assert!((EN.word)(en, "gender", g).is_some(), "{g}");
        }
        for s in TaskStatus::ALL {
            assert!((EN.word)(en, "task_status", s.code()).is_some());
        }
        for k in TaskEventKind::ALL {
            assert!((EN.word)(en, "task_event", k.code()).is_some());
        }
        // every relation the age rules name (linli_domain::register), and their groups
        for w in [
            "子女",
            "孙辈",
            "父母",
            "子",
            "女",
            "儿子",
            "女儿",
            "儿媳",
            "女婿",
            "孙子",
            "孙女",
            "外孙",
            "外孙女",
            "父亲",
            "母亲",
        ] {
            let got = (EN.word)(en, "relation", w).unwrap();
            assert!(!got.chars().any(|c| c > '\u{2e80}'), "{w}: {got}");
        }
        // every label the store's text fields name, and every kind of list
        for w in [
            "服务队",
            "队名",
            "特长",
            "服务时间",
            "工作单位",
            "承诺事项",
            "调整原因",
            "冲正原因",
            "退回原因",
            "物品名称",
            "单位",
            "说明",
            "备注",
            "活动名称",
            "地点",
            "居民台账",
            "地点名单",
            "志愿者名单",
            "服务队名单",
        ] {
            assert!((EN.word)(en, "noun", w).is_some(), "{w}");
        }
    }

    fn han(s: &str) -> bool {
        s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
    }

    /// 米邻驿站's refusals (issue 19) read in English with no Chinese but the user's data: every
    /// domain word they carry (a copy's status, an action, a hold's state, a field, a noun).
    #[test]
    fn the_lending_refusals_read_in_english() {
        use linli_domain::lending::{CopyAction, CopyStatus, HoldState};
        let en = Lang::En.texts();
        for s in CopyStatus::ALL {
            let e: ApiError = DomainError::coded(
                "code",
                msg::LEND_NOT_AVAILABLE,
                args![code = "WC-01", kind = "wheelchair", status = s.code()],
            )
            .into();
            let said = en.error(&e);
            assert!(!han(&said) && said.contains(s.label_en()), "{said}");
        }
        for a in CopyAction::ALL {
            let e: ApiError = DomainError::coded(
                "action",
                msg::COPY_ACTION_NOW,
                args![code = "WC-01", status = "lost", action = a.code()],
            )
            .into();
            assert!(!han(&en.error(&e)), "{}", en.error(&e));
        }
        for h in HoldState::ALL {
            let e: ApiError =
                DomainError::coded("hold_id", msg::HOLD_CLOSED, args![state = h.code()]).into();
            assert!(!han(&en.error(&e)), "{}", en.error(&e));
        }
        for f in ["loan_days", "max_loans", "pickup_days", "deposit"] {
            let e: ApiError = DomainError::coded(
                f,
                msg::LEND_NUMBER_RANGE,
                args![field = f, lo = 1, hi = 365],
            )
            .into();
            assert!(!han(&en.error(&e)), "{}", en.error(&e));
        }
        for w in [
            "物品种类",
            "物品",
            "借用记录",
            "预约",
            "押金记录",
            "类别",
            "保养说明",
            "配件",
            "序列号",
            "成色",
            "存放位置",
            "捐赠单位",
            "批准人",
            "缺少配件",
            "作废原因",
        ] {
            assert!((EN.word)(en, "noun", w).is_some(), "{w}");
        }
    }

    /// An import's row reasons read in English, a nested one (the domain's refusal of a compound
    /// name inside "小区“…”：…") and the lists of domain words included.
    #[test]
    fn an_import_row_reason_reads_in_english_nested_and_listed_words_too() {
        let en = Lang::En.texts();
        let map = |pairs: &[(&str, &str)]| -> BTreeMap<String, String> {
            pairs
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect()
        };
        let row = RowIssue::coded(
            "Sheet1",
            7,
            "小区“Oak”：名称最多50个字，现在是60个字".into(),
            "import_compound_name",
            map(&[
                ("name", "Oak"),
                ("reason", "名称最多50个字，现在是60个字"),
                ("reason_code", "name_too_long"),
                ("reason.max", "50"),
                ("reason.len", "60"),
            ]),
        );
        assert_eq!(
            en.coded(row.code.as_deref(), &row.args, &row.reason),
            "Compound “Oak”: The name can have at most 50 characters; it has 60"
        );
        assert_eq!(
            Lang::Zh
                .texts()
                .coded(row.code.as_deref(), &row.args, &row.reason),
            row.reason
        );
        let tags = en.coded(
            Some("import_not_care_tags"),
            &map(&[
                ("tags", "X"),
                ("known", &linli_domain::register::KNOWN_CARE_TAGS.join("、")),
            ]),
            "",
        );
        assert!(!han(&tags), "{tags}");
        let all: Vec<&str> = linli_domain::volunteers::TeamKind::ALL
            .iter()
            .map(|k| k.label_zh())
            .collect();
        let kinds = en.coded(
            Some("import_team_kind"),
            &map(&[("value", "X"), ("known", &all.join("、"))]),
            "",
        );
        assert!(!han(&kinds), "{kinds}");
        for what in ["身份证号", "居民身份证号", "联系电话", "住户电话"] {
            let s = en.coded(Some("import_masked"), &map(&[("what", what)]), "");
            assert!(!han(&s), "{s}");
        }
        let g = en.coded(
            Some("import_gender_from_id"),
            &map(&[("given", "male"), ("id", "female")]),
            "",
        );
        assert!(!han(&g), "{g}");
    }

    /// A server's refusal (the sync client passes its code, arguments and request id through)
    /// reads in English, request id included; in Chinese it reads as the catalogue's Chinese.
    #[test]
    fn a_server_refusal_reads_in_english_with_its_request_id() {
        let mut args = BTreeMap::new();
        args.insert("secs".to_owned(), "30".to_owned());
        args.insert("request_id".to_owned(), "00ab".to_owned());
        let en = Lang::En
            .texts()
            .coded(Some("server_slow_down"), &args, "密码错误次数太多");
        assert_eq!(
            en,
            "Too many failed sign-ins: try again in 30 seconds (request id 00ab)"
        );
        let zh = Lang::Zh.texts().coded(Some("server_slow_down"), &args, "");
        assert_eq!(zh, "密码错误次数太多，请 30 秒后再试（请求编号 00ab）");
        // a refused change's sentence, which travels without a code, shows its English half
        let outside = msg::SERVER_OUTSIDE_GRANTS;
        let bilingual = format!("{} ({})", outside.zh, outside.en);
        let shown = Lang::En.texts().coded(None, &BTreeMap::new(), &bilingual);
        assert_eq!(shown, outside.en);
    }

    #[test]
    fn an_unknown_code_falls_back_to_the_message_and_a_bilingual_one_to_its_english() {
        let mut e = ApiError::new(ErrorKind::Invalid, "旧版本的消息");
        e.code = Some("from_a_newer_peer".into());
        assert_eq!(Lang::En.texts().error(&e), "旧版本的消息");
        let s = ApiError::new(
            ErrorKind::Invalid,
            "服务器正忙，请稍后再同步 (the server is busy: sync again in a moment)",
        );
        assert_eq!(
            Lang::En.texts().error(&s),
            "the server is busy: sync again in a moment"
        );
        assert_eq!(Lang::Zh.texts().error(&s), s.message);
    }
}
