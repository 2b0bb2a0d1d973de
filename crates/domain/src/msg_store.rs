//! The message catalogue, one section: the store's errors (linli-store).

use super::Msg;

catalogue! {
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
}
