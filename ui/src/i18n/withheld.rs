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
    /// Under the care tags of a member form for a restricted role: the sensitive tags (marked)
    /// are not shown as set or unset; picking one adds it, and what is there stays.
    pub care_write_only: &'static str,
    /// Before such a tag's name: set or not is unknown to this role.
    pub care_unknown_mark: &'static str,
}

pub const ZH: WithheldTexts = WithheldTexts {
    not_permitted: "无权查看",
    why: "你的角色（楼栋长、志愿者协调员）看不到居民的身份证号、电话和敏感关爱标签",
    write_only: "无权查看（可填写新号码）",
    care_write_only: "标“？”的敏感标签无权查看，不显示是否已有；点选会添加，原有的不会被清除",
    care_unknown_mark: "？",
};

pub const EN: WithheldTexts = WithheldTexts {
    not_permitted: "Not permitted to view",
    why: "Your role (steward, volunteer coordinator) does not see residents' ID numbers, phones and sensitive care tags",
    write_only: "Not permitted to view (you may enter a new number)",
    care_write_only: "Tags marked “?” are sensitive and not shown to your role, set or not; picking one adds it, and any already there stays",
    care_unknown_mark: "? ",
};
