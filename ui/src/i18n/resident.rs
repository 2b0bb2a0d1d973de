//! The strings of editing a resident in place, the care tags (a fixed list of needs) and the 党员
//! flag, in both languages; `Texts::resident` holds them (h14a, issue 14).

/// Every string of the member editor and the care tags.
#[derive(Debug)]
pub struct ResidentTexts {
    pub edit: &'static str,
    pub edit_hint: &'static str,
    pub edit_title: fn(name: &str) -> String,
    pub save: &'static str,
    pub saved: fn(name: &str) -> String,
    pub id_keep: fn(masked: &str) -> String,
    pub phone_keep: fn(masked: &str) -> String,
    pub moved_out: &'static str,
    pub moved_out_hint: &'static str,
    pub party_member: &'static str,
    pub party_hint: &'static str,
    pub notes_placeholder: &'static str,
    /// A care tag in this language (the register keeps the Chinese word).
    pub care_tag: fn(tag: &str) -> &str,
    /// A relation to the head in this language (the register keeps the Chinese word, one of
    /// `linli_domain::register::RELATIONS` or a short word of the worker's own).
    pub relation: fn(relation: &str) -> &str,
    /// Between the items of a short list ("、", ", ").
    pub sep: &'static str,
}

pub const ZH: ResidentTexts = ResidentTexts {
    edit: "编辑",
    edit_hint: "修改姓名、关系、证件、电话、关爱标签、备注和迁入迁出",
    edit_title: |n| format!("编辑成员：{n}"),
    save: "保存修改",
    saved: |n| format!("已保存“{n}”的修改"),
    id_keep: |m| format!("留空则保留原号码 {m}"),
    phone_keep: |m| format!("留空则保留原号码 {m}"),
    moved_out: "迁出日期",
    moved_out_hint: "留空表示仍在本户居住",
    party_member: "党员",
    party_hint: "政治面貌，单独记录，不作为关爱走访的理由",
    notes_placeholder: "如：行动不便、子女在外地",
    care_tag: |t| t,
    relation: |r| r,
    sep: "、",
};

pub const EN: ResidentTexts = ResidentTexts {
    edit: "Edit",
    edit_hint: "Change name, relation, ID, phone, care tags, notes, moving in and out",
    edit_title: |n| format!("Edit member: {n}"),
    save: "Save changes",
    saved: |n| format!("Saved the changes to {n}"),
    id_keep: |m| format!("Leave empty to keep {m}"),
    phone_keep: |m| format!("Leave empty to keep {m}"),
    moved_out: "Moved out on",
    moved_out_hint: "Leave empty while they live here",
    party_member: "Party member",
    party_hint: "Political status, kept apart; never a reason for a care visit",
    notes_placeholder: "e.g. walks with difficulty, children live far away",
    care_tag: |t| match t {
        "独居老人" => "Elderly, living alone",
        "空巢老人" => "Elderly, empty nest",
        "高龄老人" => "Aged 80+",
        "低保" => "Minimum living allowance",
        "特困" => "Extreme hardship",
        "残疾" => "Disability",
        "留守儿童" => "Left-behind child",
        "退役军人" => "Veteran",
        "重病" => "Serious illness",
        "失业" => "Unemployed",
        "党员" => "Party member",
        other => other,
    },
    relation: |r| match r {
        "户主" => "Head",
        "配偶" => "Spouse",
        "子" => "Son",
        "女" => "Daughter",
        "儿媳" => "Daughter-in-law",
        "女婿" => "Son-in-law",
        "孙子" => "Grandson",
        "孙女" => "Granddaughter",
        "父亲" => "Father",
        "母亲" => "Mother",
        "兄弟" => "Brother",
        "姐妹" => "Sister",
        "租户" => "Tenant",
        "其他" => "Other",
        other => other,
    },
    sep: ", ",
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_relation_of_the_register_has_an_english_word() {
        for r in linli_domain::register::RELATIONS {
            assert_ne!((EN.relation)(r), *r, "{r}");
            assert_eq!((ZH.relation)(r), *r);
        }
        // a worker's own word is shown as written
        assert_eq!((EN.relation)("干女儿"), "干女儿");
    }
}
