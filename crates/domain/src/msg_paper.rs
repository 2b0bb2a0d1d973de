//! The message catalogue, one section: paper for door-knocking days (visit sheets, the 楼盘表;
//! issue 21).

use super::Msg;

catalogue! {
    // visit sheets and the 楼盘表 (issue 21)
    PAPER_TOO_MANY = "paper_too_many" {
        zh: "“{place}”有{count}户，超过一次最多{max}户；请选一栋楼或一个网格再打印走访单",
        en: "“{place}” has {count} households, more than the {max} one request can hold; choose a building or a grid for the visit sheets",
    }
    PAPER_NOT_A_PLACE = "paper_not_a_place" {
        zh: "找不到“{id}”这个地点或网格",
        en: "There is no place or grid “{id}”",
    }
}
