//! The message catalogue, one section: 米邻驿站, the sharing station's lending register (issue 19).

use super::Msg;

catalogue! {
    // kinds, copies and rules
    LEND_NUMBER_RANGE = "lend_number_range" {
        zh: "{field:lend_field}应在{lo}到{hi}之间",
        en: "The {field:lend_field} must be between {lo} and {hi}",
    }
    LEND_BAD_CODE = "lend_bad_code" {
        zh: "物品编码“{code}”不对：编码由1到40个字母、数字或“-”组成，如 WC-01",
        en: "The item code “{code}” is not valid: a code is 1 to 40 letters, digits or “-”, like WC-01",
    }
    LEND_TOO_MANY_PARTS = "lend_too_many_parts" {
        zh: "配件清单最多{max}项",
        en: "The parts checklist holds at most {max} parts",
    }
    LEND_CODE_TAKEN = "lend_code_taken" {
        zh: "编码“{code}”已是本驿站另一件物品（{kind}）的编码，请换一个",
        en: "The code “{code}” already belongs to another item of this station ({kind}); choose another",
    }
    LEND_NO_SUCH_CODE = "lend_no_such_code" {
        zh: "本驿站没有编码为“{code}”的物品，请核对标签",
        en: "This station has no item with the code “{code}”; check the label",
    }
    LEND_CODE_TWICE = "lend_code_twice" {
        zh: "编码“{code}”同时属于{n}件物品（两台电脑各登记了一件）；请在物品清单中改掉其中一件的编码",
        en: "The code “{code}” belongs to {n} items (two laptops each registered one); change the code of one of them in the item list",
    }
    LEND_HOUSEHOLD_NOT_HERE = "lend_household_not_here" {
        zh: "这户不在本驿站所在的社区，不能在这里借用",
        en: "This household is not in the station's community and cannot borrow here",
    }
    // lending at the desk
    LEND_BASKET_EMPTY = "lend_basket_empty" {
        zh: "请先扫描或输入要借出的物品编码",
        en: "Scan or type the code of an item to lend first",
    }
    LEND_BASKET_TOO_BIG = "lend_basket_too_big" {
        zh: "一次最多办理{max}件",
        en: "At most {max} items at once",
    }
    LEND_CODE_IN_BASKET_TWICE = "lend_code_in_basket_twice" {
        zh: "“{code}”在本次清单中出现了两次",
        en: "“{code}” is in the basket twice",
    }
    LEND_NOT_AVAILABLE = "lend_not_available" {
        zh: "“{code}”（{kind}）现在是“{status:copy_status}”，不能借出",
        en: "“{code}” ({kind}) is {status:copy_status} and cannot be lent",
    }
    LEND_IN_BUFFER = "lend_in_buffer" {
        zh: "“{code}”（{kind}）刚归还，需清洁检查，{from}起才能再借出",
        en: "“{code}” ({kind}) just came back and is being cleaned and checked: it can be lent from {from}",
    }
    LEND_HELD_FOR_OTHER = "lend_held_for_other" {
        zh: "“{code}”（{kind}）已为预约的住户留存，保留到{until}；请借另一件，或等预约过期",
        en: "“{code}” ({kind}) is set aside for a household's hold until {until}; lend another one or wait for the hold to lapse",
    }
    LEND_LIMIT = "lend_limit" {
        zh: "这户已借{open}件，每户最多在借{max}件，本次还要借{more}件；请先归还一些",
        en: "This household has {open} items on loan and may have at most {max}; this would add {more}. Return some first",
    }
    LEND_OVERDUE_BLOCK = "lend_overdue_block" {
        zh: "这户借的“{code}”（{kind}）已逾期{days}天（超过{limit}天停借），归还前不能再借或预约",
        en: "This household's “{code}” ({kind}) is {days} days overdue (more than {limit}): no new loans or holds until it is returned",
    }
    LEND_NEEDS_APPROVAL = "lend_needs_approval" {
        zh: "“{kind}”需经审批才能借出；请填写批准人",
        en: "“{kind}” needs approval before it is lent; say who approved it",
    }
    LEND_BAD_DUE = "lend_bad_due" {
        zh: "归还日期{due}早于今天{today}",
        en: "The due date {due} is before today, {today}",
    }
    LEND_DEPOSIT_WHO = "lend_deposit_who" {
        zh: "“{kind}”押金{amount}积分，需从一位志愿者的积分中扣除；请选择志愿者",
        en: "“{kind}” takes a deposit of {amount} points from a volunteer's balance; choose the volunteer",
    }
    LEND_DEPOSIT_SHORT = "lend_deposit_short" {
        zh: "{name}的积分余额为{balance}分，不够“{kind}”的押金{amount}分",
        en: "{name} has {balance} points, not enough for the deposit of {amount} points for “{kind}”",
    }
    LEND_NOT_ON_LOAN = "lend_not_on_loan" {
        zh: "“{code}”没有借出，无需归还",
        en: "“{code}” is not on loan: there is nothing to return",
    }
    LEND_LOAN_CLOSED = "lend_loan_closed" {
        zh: "这笔借用已结束（已归还或已作废）",
        en: "This loan has already ended (returned or voided)",
    }
    LEND_TWO_LOANS = "lend_two_loans" {
        zh: "“{code}”同时记在{n}笔借用上（两台电脑离线时都借出了它）；请在“借用冲突”中逐笔处理",
        en: "“{code}” is on {n} loans at once (two laptops lent it while offline); settle them one by one under loan conflicts",
    }
    // renewals
    RENEW_HOLD_WAITING = "renew_hold_waiting" {
        zh: "不能续借：有{n}户在排队预约“{kind}”，请按时归还",
        en: "Cannot renew: {n} households are waiting for “{kind}”; please return it on time",
    }
    RENEW_LONG_OVERDUE = "renew_long_overdue" {
        zh: "不能续借：“{code}”已逾期{days}天（超过{limit}天不可续借），请先归还",
        en: "Cannot renew: “{code}” is {days} days overdue (renewal stops after {limit}); return it first",
    }
    RENEW_LIMIT = "renew_limit" {
        zh: "不能续借：“{kind}”最多续借{max}次，已续借{n}次",
        en: "Cannot renew: “{kind}” may be renewed {max} times and has been renewed {n} times",
    }
    RENEW_HANDOUT = "renew_handout" {
        zh: "发放的消耗品不用归还，无需续借",
        en: "A handed-out consumable is not returned and needs no renewal",
    }
    // holds
    HOLD_ALREADY = "hold_already" {
        zh: "这户已在预约“{kind}”",
        en: "This household already holds “{kind}”",
    }
    HOLD_CONSUMABLE = "hold_consumable" {
        zh: "“{kind}”是消耗品，直接发放，无需预约",
        en: "“{kind}” is a consumable, handed out directly: no hold needed",
    }
    HOLD_CLOSED = "hold_closed" {
        zh: "这条预约已结束（{state:hold_state}）",
        en: "This hold has ended ({state:hold_state})",
    }
    // deposits and the service desk
    DEPOSIT_SETTLED = "deposit_settled" {
        zh: "这笔押金已退还或已扣除",
        en: "This deposit has already been refunded or forfeited",
    }
    DEPOSIT_NOT_TAKE = "deposit_not_take" {
        zh: "只能退还或扣除收取的押金",
        en: "Only a deposit taken can be refunded or forfeited",
    }
    COPY_ACTION_NOW = "copy_action_now" {
        zh: "“{code}”现在是“{status:copy_status}”，不能{action:copy_action}",
        en: "“{code}” is {status:copy_status}: it cannot be {action:copy_action} now",
    }
    // points for a donor (h19desk)
    LEND_DONOR_POINTS = "lend_donor_points" {
        zh: "捐赠积分应为0到1000之间的整数，现为{value}",
        en: "Points for a donor must be a whole number from 0 to 1000, not {value}",
    }
    LEND_DONOR_NO_VOLUNTEER = "lend_donor_no_volunteer" {
        zh: "捐赠人不是登记的志愿者，无法记积分；请先登记为志愿者，或不记积分",
        en: "The donor is not a registered volunteer, so no points can be credited; register them as a volunteer first, or give no points",
    }
}
