//! The strings of 查看记录 on an administrator's household page (issue 16 item 3): who saw which
//! number of the household's residents, and when; in both languages. `Texts::reveals` holds them.

#[derive(Debug)]
pub struct RevealTexts {
    pub title: &'static str,
    pub hint: &'static str,
    pub empty: &'static str,
    pub col_resident: &'static str,
    pub col_number: &'static str,
    pub id_number: &'static str,
    pub phone: &'static str,
    /// In place of a name: a reveal this laptop made, not yet stamped by the server.
    pub this_laptop: &'static str,
}

pub const ZH: RevealTexts = RevealTexts {
    title: "查看记录",
    hint: "谁在何时查看了本户居民的完整号码：用户和时间以服务器收到时记录的为准。",
    empty: "还没有人查看过本户的完整号码。",
    col_resident: "居民",
    col_number: "号码",
    id_number: "身份证号",
    phone: "电话",
    this_laptop: "本机（尚未同步）",
};

pub const EN: RevealTexts = RevealTexts {
    title: "Who saw the numbers",
    hint: "Who saw a full number of this household's residents, and when: the user and time as the server recorded them on arrival.",
    empty: "Nobody has seen a full number of this household yet.",
    col_resident: "Resident",
    col_number: "Number",
    id_number: "ID number",
    phone: "Phone",
    this_laptop: "This laptop (not yet synced)",
};
