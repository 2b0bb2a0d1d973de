//! The strings of residents' privacy (issue 16) in both languages, held by `Texts::privacy`: the PIN
//! screen (the database is encrypted and its key is wrapped by a PIN where no OS keystore answers),
//! and the mark every printed page carries.

/// Every string of the PIN screen and of the printed mark.
#[derive(Debug)]
pub struct PrivacyTexts {
    pub title: &'static str,
    pub intro: &'static str,
    pub first_title: &'static str,
    pub first_intro: fn(min: usize) -> String,
    pub pin: &'static str,
    pub again: &'static str,
    pub unlock: &'static str,
    pub set: &'static str,
    pub working: &'static str,
    pub wrong: &'static str,
    pub too_short: fn(min: usize) -> String,
    pub mismatch: &'static str,
    pub failed: fn(message: &str) -> String,
    /// The footer of every printed page: internal, who printed it, when.
    pub print_mark: fn(who: &str, when: &str) -> String,
    /// Who, when no one is known at this laptop.
    pub nobody: &'static str,
}

pub const ZH: PrivacyTexts = PrivacyTexts {
    title: "输入 PIN 解锁",
    intro: "这台电脑上的居民资料是加密保存的。请输入你设置的 PIN。",
    first_title: "设置 PIN",
    first_intro: |min| {
        format!("这台电脑没有可用的系统钥匙串。请设置一个至少 {min} 位的 PIN 来保护居民资料；以后每次打开邻里都要输入它。忘记 PIN 将无法打开数据库。")
    },
    pin: "PIN",
    again: "再输入一次",
    unlock: "解锁",
    set: "设置并打开",
    working: "正在打开…",
    wrong: "PIN 不对，请重新输入。",
    too_short: |min| format!("PIN 至少 {min} 位。"),
    mismatch: "两次输入的 PIN 不一致。",
    failed: |m| format!("无法打开数据库：{m}"),
    print_mark: |who, when| format!("内部资料 注意保密 · {who} · {when}"),
    nobody: "未登记的使用者",
};

pub const EN: PrivacyTexts = PrivacyTexts {
    title: "Enter your PIN",
    intro: "Residents' records on this laptop are kept encrypted. Enter the PIN you set.",
    first_title: "Set a PIN",
    first_intro: |min| {
        format!("This laptop has no system keystore. Choose a PIN of at least {min} characters to protect residents' records; you will enter it each time Linli opens. Without the PIN the database cannot be opened.")
    },
    pin: "PIN",
    again: "Enter it again",
    unlock: "Unlock",
    set: "Set and open",
    working: "Opening…",
    wrong: "Wrong PIN. Please try again.",
    too_short: |min| format!("The PIN needs at least {min} characters."),
    mismatch: "The two PINs differ.",
    failed: |m| format!("The database cannot be opened: {m}"),
    print_mark: |who, when| format!("Internal — confidential · {who} · {when}"),
    nobody: "user not set",
};
