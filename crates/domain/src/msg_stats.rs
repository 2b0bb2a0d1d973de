//! The message catalogue, one section: the dashboards (统计, issue 21).

use super::Msg;

catalogue! {
    // the dashboards (issue 21): periods and the records behind a chart
    STATS_BAD_PERIOD = "stats_bad_period" {
        zh: "统计期“{from}”至“{to}”不对：请写成YYYY-MM-DD，且开始日期不晚于结束日期",
        en: "The period “{from}” to “{to}” does not read: write YYYY-MM-DD, and start no later than the end",
    }
    STATS_PERIOD_TOO_LONG = "stats_period_too_long" {
        zh: "统计期最长{max}个月，“{from}”至“{to}”太长；请分段查看",
        en: "A period can be at most {max} months; “{from}” to “{to}” is longer, so look at it in parts",
    }
    STATS_NO_CHART = "stats_no_chart" {
        zh: "统计页没有“{chart}”（{bucket}）这项数字",
        en: "The dashboard has no figure “{chart}” ({bucket})",
    }
}
