//! The manifest signed, verified and refused, by the code the CLI and the desktop share.

use super::*;
use linli_domain::msg;

const DEV_SECRET: &str = include_str!("../tests/fixtures/dev-release-key");
const DEV_PUBLIC: &str = include_str!("../tests/fixtures/dev-release-key.pub");

fn dev() -> KeyPair {
    KeyPair::parse(DEV_SECRET, "dev-release-key").unwrap()
}

fn manifest(installer: &[u8]) -> Manifest {
    Manifest {
        format: MANIFEST_FORMAT,
        version: "0.2.0".into(),
        notes_zh: "新增：更新".into(),
        notes_en: "New: updates".into(),
        installers: vec![describe(
            platform::DEBIAN_AMD64,
            "linli-desktop_0.2.0_amd64.deb",
            installer,
        )],
    }
}

#[test]
fn the_dev_fixture_is_the_dev_public_key() {
    assert_eq!(dev().public().hex(), keys::DEV_PUBLIC_KEY);
    assert_eq!(PublicKey::parse(DEV_PUBLIC, "pub").unwrap(), dev().public());
}

#[test]
fn a_signed_manifest_verifies_and_its_installer_checks() {
    let file = b"the installer".to_vec();
    let text = sign(&manifest(&file), &dev()).unwrap();
    let m = verify(text.as_bytes(), &dev().public()).unwrap();
    assert_eq!(m, manifest(&file));
    let i = m.installer_for(platform::DEBIAN_AMD64).unwrap();
    check_installer(&file, i).unwrap();
    assert_eq!(
        m.installer_for(platform::WINDOWS_X86_64).unwrap_err().msg,
        msg::UPDATE_NO_INSTALLER
    );
}

#[test]
fn a_tampered_manifest_a_wrong_key_and_a_tampered_file_are_refused() {
    let file = b"the installer".to_vec();
    let text = sign(&manifest(&file), &dev()).unwrap();
    // one digit of the size changed inside the signed text
    let tampered = text.replace("\\\"size\\\": 13", "\\\"size\\\": 14");
    assert_ne!(tampered, text);
    let e = verify(tampered.as_bytes(), &dev().public()).unwrap_err();
    assert_eq!(e.msg, msg::UPDATE_BAD_SIGNATURE);
    assert!(e.to_string().contains("签名不对"), "{e}");
    assert!(e.en().contains("signature is wrong"), "{}", e.en());

    let other = KeyPair::generate().unwrap();
    let e = verify(text.as_bytes(), &other.public()).unwrap_err();
    assert_eq!(e.msg, msg::UPDATE_WRONG_KEY);
    assert!(e.to_string().contains(&other.public().short()), "{e}");
    // naming the trusted key in the envelope does not help a manifest another key signed
    let forged = sign(&manifest(&file), &other)
        .unwrap()
        .replace(&other.public().hex(), &dev().public().hex());
    assert_eq!(
        verify(forged.as_bytes(), &dev().public()).unwrap_err().msg,
        msg::UPDATE_BAD_SIGNATURE
    );

    let m = verify(text.as_bytes(), &dev().public()).unwrap();
    let i = &m.installers[0];
    let e = check_installer(b"the installeR", i).unwrap_err();
    assert_eq!(e.msg, msg::UPDATE_BAD_HASH);
    let e = check_installer(b"the installer!", i).unwrap_err();
    assert_eq!(e.msg, msg::UPDATE_BAD_SIZE);
    assert!(e.to_string().contains("13"), "{e}");

    assert_eq!(
        verify(b"<html>", &dev().public()).unwrap_err().msg,
        msg::UPDATE_MANIFEST_UNREADABLE
    );
}

#[test]
fn versions_are_ordered_by_their_numbers() {
    assert!(newer("0.2.0", "0.1.0"));
    assert!(newer("0.10.0", "0.9.1"));
    assert!(!newer("1.0", "1.0.0"));
    assert!(!newer("0.1.0", "0.1.0"));
    assert!(!newer("0.0.9", "0.1.0"));
    assert!(!newer("latest", "0.1.0"));
    assert_eq!(
        parse_version("0.2.x").unwrap_err().msg,
        msg::UPDATE_SIGN_BAD_VERSION
    );
}

#[test]
fn unsafe_names_and_two_installers_of_a_platform_are_refused_when_signing() {
    for bad in [
        "../x.exe",
        "a/b.exe",
        ".hidden.exe",
        "a\\b.exe",
        "",
        "x..exe",
    ] {
        assert!(!safe_file_name(bad), "{bad}");
    }
    assert!(safe_file_name("linli-desktop_0.2.0_amd64.deb"));
    assert!(safe_file_name("邻里-安装-0.2.0.exe"));
    let mut m = manifest(b"x");
    m.installers[0].file = "../../etc/passwd".into();
    assert_eq!(
        sign(&m, &dev()).unwrap_err().msg,
        msg::UPDATE_MANIFEST_UNREADABLE
    );
    let mut m = manifest(b"x");
    m.installers
        .push(describe(platform::DEBIAN_AMD64, "other_amd64.deb", b"y"));
    assert_eq!(
        sign(&m, &dev()).unwrap_err().msg,
        msg::UPDATE_SIGN_TWO_INSTALLERS
    );
}

#[test]
fn key_files_round_trip_and_are_never_overwritten() {
    let dir = std::env::temp_dir().join(format!("linli-keys-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("county-key");
    let pair = KeyPair::generate().unwrap();
    let public = pair.write_new(&path).unwrap();
    assert_eq!(public, dir.join("county-key.pub"));
    assert_eq!(KeyPair::read(&path).unwrap().public(), pair.public());
    assert_eq!(PublicKey::read(&public).unwrap(), pair.public());
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o077, 0, "{mode:o}");
    }
    let e = KeyPair::generate().unwrap().write_new(&path).unwrap_err();
    assert_eq!(e.msg, msg::UPDATE_KEY_EXISTS);
    assert_eq!(KeyPair::read(&path).unwrap().public(), pair.public());
    assert_eq!(
        PublicKey::parse("# nothing\n", "x").unwrap_err().msg,
        msg::UPDATE_KEY_UNREADABLE
    );
    let _ = std::fs::remove_dir_all(&dir);
}
