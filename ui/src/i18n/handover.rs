//! The strings of handing a laptop over to another user (issue 16 item 4, h16handover): the 同步
//! page's 换人登录 button, the confirmation that names the previous user and what happens, its
//! progress, and what to do when the previous user's changes cannot be sent. `Texts::handover`
//! holds them, Chinese first and English complete.

#[derive(Debug)]
pub struct HandoverTexts {
    pub switch_user: &'static str,
    pub switch_intro: fn(previous: &str) -> String,
    pub cancel: &'static str,
    pub title: &'static str,
    pub signed_in_as: fn(previous: &str) -> String,
    pub push_some: fn(previous: &str, count: u64) -> String,
    pub push_none: fn(previous: &str) -> String,
    pub replace: fn(next: &str) -> String,
    pub kept: &'static str,
    pub confirm: &'static str,
    pub working: fn(previous: &str) -> String,
    pub unsent_title: &'static str,
    pub retry: &'static str,
    pub discard_tick: fn(previous: &str) -> String,
    pub discard: &'static str,
}

pub const ZH: HandoverTexts = HandoverTexts {
    switch_user: "换人登录",
    switch_intro: |p| {
        format!("以另一位工作人员的账号登录这台电脑。现在登录的是 {p}；登录前会先请你确认。")
    },
    cancel: "取消",
    title: "把这台电脑交给另一位工作人员",
    signed_in_as: |p| format!("这台电脑现在登录的是 {p}。"),
    push_some: |p, n| format!("① 先用 {p} 的账号上传 {p} 未同步的 {n} 条修改。"),
    push_none: |p| format!("① {p} 没有未同步的修改，不需要上传。"),
    replace: |n| {
        format!(
            "② 然后清除本机上这个社区的全部数据（住户、居民、走访、诉求、附件和同步记录），\
             改为下载 {n} 能看到的数据。"
        )
    },
    kept: "本机的语言设置和数据库 PIN 不变。",
    confirm: "确认交接并登录",
    working: |p| format!("正在交接：上传 {p} 的修改，清除本机数据……"),
    unsent_title: "有修改没能上传",
    retry: "再试一次",
    discard_tick: |p| format!("我确认放弃 {p} 的这些修改：它们不会再上传，也无法找回"),
    discard: "放弃这些修改并登录",
};

pub const EN: HandoverTexts = HandoverTexts {
    switch_user: "Sign in as someone else",
    switch_intro: |p| {
        format!(
            "Sign this laptop in with another worker's account. It is signed in as {p} now; \
             you will be asked to confirm before anything changes."
        )
    },
    cancel: "Cancel",
    title: "Hand this laptop over to another worker",
    signed_in_as: |p| format!("This laptop is signed in as {p}."),
    push_some: |p, n| {
        format!(
            "1. First {p}'s {n} unsent {} sent under {p}'s account.",
            if n == 1 { "change is" } else { "changes are" }
        )
    },
    push_none: |p| format!("1. {p} has no unsent changes: nothing needs sending."),
    replace: |n| {
        format!(
            "2. Then the laptop's copy of the community's data (households, residents, visits, \
             requests, attachments and sync records) is cleared and replaced by what {n} sees."
        )
    },
    kept: "The laptop's language and its database PIN stay as they are.",
    confirm: "Hand over and sign in",
    working: |p| format!("Handing over: sending {p}'s changes, clearing this laptop…"),
    unsent_title: "Some changes could not be sent",
    retry: "Try again",
    discard_tick: |p| {
        format!("I confirm that these changes of {p} are discarded: they will never be sent and cannot be recovered")
    },
    discard: "Discard them and sign in",
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_languages_name_the_previous_user_and_the_count() {
        for t in [&ZH, &EN] {
            assert!((t.push_some)("王芳", 3).contains('3'));
            assert!((t.push_some)("王芳", 3).contains("王芳"));
            assert!((t.replace)("李强").contains("李强"));
            assert!((t.discard_tick)("王芳").contains("王芳"));
        }
        assert_eq!(
            (EN.push_some)("a", 1),
            "1. First a's 1 unsent change is sent under a's account."
        );
    }
}
