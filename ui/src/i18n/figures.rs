//! The strings of two more points figures that open their explanation (h15gaps): a line of a
//! volunteer's statement (what kind of line, the entry that earned it, the rules) and a work
//! unit's figures among the party members' points (its members, the entries that earned the
//! points, the sums). `Texts::figures` holds them, Chinese first and English complete.

use linli_domain::volunteers::LedgerKind;

#[derive(Debug)]
pub struct FigureTexts {
    /// A statement line's heading: its date and its points.
    pub line_title: fn(date: &str, points: i64) -> String,
    /// The kind of a ledger line, in words.
    pub kind: fn(LedgerKind) -> &'static str,
    /// What the line's points are, by its kind.
    pub line_earn: &'static str,
    pub line_reverse: &'static str,
    pub line_redeem: fn(points: i64) -> String,
    pub line_adjust: fn(points: i64) -> String,
    pub line_other: &'static str,
    /// The line's own words (an item, a category, a reason): "说明：…".
    pub line_note: fn(note: &str) -> String,
    pub line_running: fn(running: i64) -> String,
    pub line_review: &'static str,
    /// The entry behind a line, its arithmetic in one button.
    pub open_entry: &'static str,
    pub the_entry: &'static str,
    /// A work unit's heading: its name and how many members it has.
    pub unit_title: fn(unit: &str, members: u32) -> String,
    /// "Points earned: 20 + 30 = 50" (the members' earned points, summed).
    pub unit_earned: fn(sum: &str, total: i64) -> String,
    pub unit_balance: fn(sum: &str, total: i64) -> String,
    pub unit_hours: fn(sum: &str, total: &str) -> String,
    pub unit_members: &'static str,
    pub unit_entries: &'static str,
    pub unit_rule: &'static str,
    pub col_member: &'static str,
    pub col_earned: &'static str,
    pub col_balance: &'static str,
    pub col_hours: &'static str,
    pub col_what: &'static str,
}

pub const ZH: FigureTexts = FigureTexts {
    line_title: |d, p| format!("{d} · {p:+} 分"),
    kind: |k| match k {
        LedgerKind::Earn => "服务积分",
        LedgerKind::Redeem => "兑换",
        LedgerKind::Reverse => "冲正",
        LedgerKind::Adjust => "调整",
        LedgerKind::Unknown => "新版本记录的积分",
    },
    line_earn: "这笔积分由下面这条服务时长记录按社区规则算出（审核通过后入账）：",
    line_reverse: "这一笔冲正了下面这条服务时长记录先前得到的积分：",
    line_redeem: |p| format!("兑换物品扣除 {} 分（物品所需积分 × 数量）。", -p),
    line_adjust: |p| format!("协调员手工调整 {p:+} 分，原因见说明。"),
    line_other: "这一笔由更新版本的邻里记录，本机只显示它的分数。",
    line_note: |n| format!("说明：{n}"),
    line_running: |r| format!("这一笔之后的余额：{r} 分"),
    line_review: "服务器标记这一笔超支，待协调员核查。",
    open_entry: "查看这条记录的计算",
    the_entry: "得分的服务时长记录",
    unit_title: |u, m| format!("{u}：{m} 名党员"),
    unit_earned: |s, t| format!("获得积分：{s} = {t} 分"),
    unit_balance: |s, t| format!("现有积分：{s} = {t} 分"),
    unit_hours: |s, t| format!("服务时长：{s} = {t} 小时"),
    unit_members: "成员",
    unit_entries: "得分的服务时长记录",
    unit_rule:
        "获得积分是各成员服务时长记录所得积分之和（已冲正的不计）；现有积分是各成员余额之和。",
    col_member: "党员",
    col_earned: "获得积分",
    col_balance: "现有积分",
    col_hours: "服务时长",
    col_what: "内容",
};

pub const EN: FigureTexts = FigureTexts {
    line_title: |d, p| format!("{d} · {p:+} points"),
    kind: |k| match k {
        LedgerKind::Earn => "Earned by service",
        LedgerKind::Redeem => "Redemption",
        LedgerKind::Reverse => "Reversal",
        LedgerKind::Adjust => "Adjustment",
        LedgerKind::Unknown => "Points recorded by a newer Linli",
    },
    line_earn: "These points were worked out from the hours entry below by the community's rules (counted once verified):",
    line_reverse: "This line takes back the points the hours entry below had earned:",
    line_redeem: |p| format!("Redeeming an item took {} points (the item's cost × the quantity).", -p),
    line_adjust: |p| format!("A coordinator adjusted the balance by {p:+} points; the reason is in the note."),
    line_other: "A newer version of Linli recorded this line; this laptop shows only its points.",
    line_note: |n| format!("Note: {n}"),
    line_running: |r| format!("Balance after this line: {r} points"),
    line_review: "The server marked this line as overdrawing; a coordinator has yet to check it.",
    open_entry: "Open this entry's arithmetic",
    the_entry: "The hours entry that earned them",
    unit_title: |u, m| format!("{u}: {m} party members"),
    unit_earned: |s, t| format!("Points earned: {s} = {t}"),
    unit_balance: |s, t| format!("Points held now: {s} = {t}"),
    unit_hours: |s, t| format!("Hours served: {s} = {t}"),
    unit_members: "Members",
    unit_entries: "The hours entries that earned the points",
    unit_rule: "The points earned are the sum of what the members' hours entries earned (reversed ones count nothing); the points held are the sum of the members' balances.",
    col_member: "Party member",
    col_earned: "Earned",
    col_balance: "Held now",
    col_hours: "Hours",
    col_what: "What",
};
