//! The message catalogue, one section: updates from the county's own server (issue 22 item 4):
//! the signed manifest, its installers, `linli admin release` and `linli serve --updates`.

use super::Msg;

catalogue! {
    UPDATE_NO_KEY = "update_no_key" {
        zh: "这个版本的邻里没有内置更新公钥，不能检查更新；请安装县（区）提供的正式版本",
        en: "This build of Linli has no update key built in and cannot check for updates; install the release your county provides",
    }
    UPDATE_MANIFEST_UNREADABLE = "update_manifest_unreadable" {
        zh: "更新清单无法读取（{reason}），已拒绝",
        en: "The update manifest cannot be read ({reason}) and was refused",
    }
    UPDATE_WRONG_KEY = "update_wrong_key" {
        zh: "更新清单不是用本程序信任的密钥签名的（信任 {trusted}，清单的签名密钥 {signer}），已拒绝；请联系县（区）管理员",
        en: "The update manifest is not signed by the key this app trusts (trusted {trusted}, signed by {signer}) and was refused; tell the county office",
    }
    UPDATE_BAD_SIGNATURE = "update_bad_signature" {
        zh: "更新清单的签名不对（清单可能被改动过），已拒绝；请联系县（区）管理员",
        en: "The update manifest's signature is wrong (it may have been altered) and was refused; tell the county office",
    }
    UPDATE_NO_INSTALLER = "update_no_installer" {
        zh: "新版本 {version} 没有适合这台电脑（{platform}）的安装文件",
        en: "Version {version} has no installer for this computer ({platform})",
    }
    UPDATE_BAD_SIZE = "update_bad_size" {
        zh: "下载的安装文件 {file} 大小不对（应为 {expected} 字节，收到 {got} 字节），已拒绝，没有安装",
        en: "The downloaded installer {file} has the wrong size ({expected} bytes expected, {got} received); refused, nothing installed",
    }
    UPDATE_BAD_HASH = "update_bad_hash" {
        zh: "下载的安装文件 {file} 的校验值（SHA-256）与签名清单不符（文件可能被改动过），已拒绝，没有安装",
        en: "The downloaded installer {file} does not match the signed manifest's SHA-256 (it may have been altered); refused, nothing installed",
    }
    UPDATE_DOWNLOAD_FAILED = "update_download_failed" {
        zh: "无法从服务器下载 {what}（{reason}）；联网后再试",
        en: "Could not download {what} from the server ({reason}); try again when online",
    }
    UPDATE_INSTALL_FAILED = "update_install_failed" {
        zh: "安装程序没有启动（{reason}）；安装文件在 {path}，可以手动打开它",
        en: "The installer did not start ({reason}); the installer is at {path}, you can open it by hand",
    }
    UPDATE_NOTHING_OFFERED = "update_nothing_offered" {
        zh: "现在没有可安装的更新",
        en: "There is no update to install now",
    }
    UPDATE_FILE_NOT_FOUND = "update_file_not_found" {
        zh: "服务器上没有更新文件 {file}",
        en: "The server has no update file {file}",
    }
    UPDATE_KEY_UNREADABLE = "update_key_unreadable" {
        zh: "密钥文件 {path} 无法使用（{reason}）",
        en: "The key file {path} cannot be used ({reason})",
    }
    UPDATE_KEY_EXISTS = "update_key_exists" {
        zh: "{path} 已经存在，没有覆盖；请换一个文件名，或先把旧密钥移走",
        en: "{path} already exists and was not overwritten; choose another name or move the old key away first",
    }
    UPDATE_SIGN_BAD_VERSION = "update_sign_bad_version" {
        zh: "版本号 {version} 不对：应为用点分隔的数字，例如 0.2.0",
        en: "The version {version} is not valid: numbers separated by dots, e.g. 0.2.0",
    }
    UPDATE_SIGN_NO_INSTALLERS = "update_sign_no_installers" {
        zh: "文件夹 {dir} 里没有安装文件（Windows 的 .exe，Debian 的 _amd64.deb 或 _arm64.deb）",
        en: "The folder {dir} holds no installer (a Windows .exe, a Debian _amd64.deb or _arm64.deb)",
    }
    UPDATE_SIGN_TWO_INSTALLERS = "update_sign_two_installers" {
        zh: "文件夹里有两个 {platform} 的安装文件（{first} 和 {second}）；每个平台只能放一个",
        en: "The folder holds two installers for {platform} ({first} and {second}); keep one per platform",
    }
    UPDATES_DIR_MISSING = "updates_dir_missing" {
        zh: "更新文件夹 {dir} 不存在或不是文件夹",
        en: "The updates folder {dir} does not exist or is not a folder",
    }
}
