//! The message catalogue, one section: the rows an import refuses or warns about (RowIssue's code and args).

use super::Msg;

catalogue! {
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
}
