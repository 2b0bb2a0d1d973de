//! The message catalogue, one section: the store's refusals of a field (linli-store).

use super::Msg;

catalogue! {
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
}
