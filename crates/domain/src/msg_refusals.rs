//! The message catalogue, one section: the store's remaining refusals (issue 15 item 7): every one from the catalogue.

use super::Msg;

catalogue! {
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
        zh: "附件只属于事项、走访记录或驿站物品（收到“{table}”）",
        en: "Attachments belong only to requests, visits or the station's items (got “{table}”)",
    }
    ATTACH_ADD_OWNER_TABLE = "attach_add_owner_table" {
        zh: "附件只能加到事项、走访记录或驿站物品上（收到“{table}”）",
        en: "Attachments can be added only to requests, visits or the station's items (got “{table}”)",
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
}
