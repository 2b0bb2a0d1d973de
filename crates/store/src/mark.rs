//! What every export says about itself (issue 16): who made it (this laptop's "me", with its sync
//! account), on which laptop (the device id), when, and 内部资料 注意保密.

use linli_protocol::GetMe;

use crate::Store;

impl Store {
    /// The mark of a workbook exported now.
    pub fn export_mark(&self) -> linli_sheets::Mark {
        let me = self.get_me(&GetMe {}).ok();
        let person = me
            .as_ref()
            .and_then(|m| m.person.as_ref())
            .map(|p| p.name.clone());
        let account = me.as_ref().and_then(|m| m.sync_user.clone());
        let by = match (person, account) {
            (Some(p), Some(a)) if p != a => format!("{p}（{a}）"),
            (Some(p), _) => p,
            (None, Some(a)) => a,
            (None, None) => "未登记的使用者".to_owned(),
        };
        linli_sheets::Mark {
            by,
            device: self.device_id().to_string(),
            at: self.now().local_minute(),
        }
    }
}
