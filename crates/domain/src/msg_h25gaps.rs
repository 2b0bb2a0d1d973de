//! The message catalogue, one section: what issue 25's gaps added — a service point's opening
//! and closing dates.

use super::Msg;

catalogue! {
    CIRCLE_CLOSED_BEFORE_OPENED = "circle_closed_before_opened" {
        zh: "停用日期{closed}早于启用日期{opened}",
        en: "The closing date {closed} is before the opening date {opened}",
    }
    CIRCLE_CLOSED_NOT_OPENED = "circle_closed_not_opened" {
        zh: "填了停用日期，请同时填写启用日期",
        en: "A point with a closing date needs its opening date too",
    }
}
