//! The strings of fields withheld by role (issue 16 item 2): a steward's or a volunteer
//! coordinator's laptop never receives residents' ID numbers, phones and sensitive care tags,
//! and shows this where they would be; in both languages. `Texts::withheld` holds them.

#[derive(Debug)]
pub struct WithheldTexts {
    /// In place of a withheld value.
    pub not_permitted: &'static str,
    /// Why, on hover.
    pub why: &'static str,
    /// The placeholder of a withheld field in a form: a new value may still be written.
    pub write_only: &'static str,
}

pub const ZH: WithheldTexts = WithheldTexts {
    not_permitted: "无权查看",
    why: "你的角色（楼栋长、志愿者协调员）看不到居民的身份证号、电话和敏感关爱标签",
    write_only: "无权查看（可填写新号码）",
};

pub const EN: WithheldTexts = WithheldTexts {
    not_permitted: "Not permitted to view",
    why: "Your role (steward, volunteer coordinator) does not see residents' ID numbers, phones and sensitive care tags",
    write_only: "Not permitted to view (you may enter a new number)",
};
