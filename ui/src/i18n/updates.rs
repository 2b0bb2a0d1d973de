//! The strings of the update notice (h22upd, issue 22 item 4): a newer version the county's
//! server offers after a sync, what is new, its size, the consent to install it, and a refused
//! manifest. `Texts::updates` holds them, Chinese first and English complete.

#[derive(Debug)]
pub struct UpdateTexts {
    pub offered: fn(version: &str, current: &str) -> String,
    pub size: fn(bytes: u64) -> String,
    pub whats_new: &'static str,
    pub install: &'static str,
    pub later: &'static str,
    pub busy: &'static str,
    pub started: fn(path: &str) -> String,
    pub refused: &'static str,
}

/// `12.3 MB`, `512 KB`, `13 B`.
fn size(bytes: u64) -> String {
    const MB: u64 = 1024 * 1024;
    if bytes >= MB {
        format!("{:.1} MB", bytes as f64 / MB as f64)
    } else if bytes >= 1024 {
        format!("{} KB", bytes.div_ceil(1024))
    } else {
        format!("{bytes} B")
    }
}

pub const ZH: UpdateTexts = UpdateTexts {
    offered: |v, current| format!("有新版本 {v}（当前 {current}）"),
    size: |b| format!("安装文件 {}", size(b)),
    whats_new: "新内容：",
    install: "下载并安装",
    later: "以后再说",
    busy: "正在下载并校验安装文件…",
    started: |path| {
        format!("安装文件已通过校验，安装程序已启动（{path}）。安装完成后请重新打开邻里。")
    },
    refused: "更新被拒绝：",
};

pub const EN: UpdateTexts = UpdateTexts {
    offered: |v, current| format!("Version {v} is available (this is {current})"),
    size: |b| format!("Installer {}", size(b)),
    whats_new: "What's new:",
    install: "Download and install",
    later: "Later",
    busy: "Downloading and checking the installer…",
    started: |path| {
        format!("The installer verified and has started ({path}). Open Linli again once it has finished.")
    },
    refused: "Update refused:",
};

#[cfg(test)]
mod tests {
    #[test]
    fn sizes_read_as_people_say_them() {
        assert_eq!(super::size(13), "13 B");
        assert_eq!(super::size(1500), "2 KB");
        assert_eq!(super::size(12 * 1024 * 1024 + 300_000), "12.3 MB");
    }
}
