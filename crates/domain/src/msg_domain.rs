//! The message catalogue, one section: the domain's own rules (linli-domain).

use super::Msg;

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
}
