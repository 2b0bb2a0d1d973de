//! Updates from the county's own server (issue 22 item 4): `linli admin release keygen` and
//! `sign` make the signed manifest of a folder of installers, `linli serve --updates` serves it
//! over real HTTP on 127.0.0.1, and a laptop's code (linli-sync's `updates`, linli-updates'
//! checks: what the desktop runs) fetches and verifies it. A tampered manifest, another key and a
//! tampered installer are each refused with their catalogue message; a request climbing out of
//! the folder gets nothing.

use std::io::{Read as _, Write as _};
use std::net::TcpStream;
use std::path::PathBuf;

use linli_domain::msg;
use linli_sync::updates::{check, download};
use linli_updates::{platform, KeyPair, PublicKey};

use crate::common::{failed, linli, ok, Server};

const DEB: &str = "linli-desktop_0.2.0_amd64.deb";
const EXE: &str = "linli-setup-0.2.0.exe";

/// A raw `GET` of `path` (sent as written, nothing normalised): the status line, the headers
/// and the body.
fn raw_get(url: &str, path: &str) -> (String, String, Vec<u8>) {
    let host = url.strip_prefix("http://").unwrap();
    let mut s = TcpStream::connect(host).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut out = Vec::new();
    s.read_to_end(&mut out).unwrap();
    let split = out.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
    let head = String::from_utf8_lossy(&out[..split]).into_owned();
    let (status, headers) = head.split_once("\r\n").unwrap();
    (
        status.to_owned(),
        headers.to_ascii_lowercase(),
        out[split + 4..].to_vec(),
    )
}

/// A folder with a key pair, an updates folder of two installers and a secret beside it.
struct County {
    _dir: tempfile::TempDir,
    root: PathBuf,
    updates: PathBuf,
    key: PathBuf,
}

fn county() -> County {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().to_path_buf();
    let updates = root.join("updates");
    std::fs::create_dir_all(&updates).unwrap();
    std::fs::write(updates.join(DEB), b"a debian package, version 0.2.0").unwrap();
    std::fs::write(updates.join(EXE), b"MZ a windows setup, version 0.2.0").unwrap();
    std::fs::write(updates.join("README.txt"), "not an installer").unwrap();
    std::fs::write(root.join("secret.txt"), "the server's secret").unwrap();
    let key = root.join("county-release-key");
    let out = ok(linli("-")
        .args(["admin", "release", "keygen", "--out"])
        .arg(&key)
        .output()
        .unwrap());
    let public = PublicKey::read(&root.join("county-release-key.pub")).unwrap();
    assert!(
        out.contains(&format!("LINLI_UPDATE_PUBKEY={}", public.hex())),
        "{out}"
    );
    County {
        _dir: dir,
        root,
        updates,
        key,
    }
}

fn sign(c: &County, version: &str) -> String {
    ok(linli("-")
        .args(["admin", "release", "sign", version, "--key"])
        .arg(&c.key)
        .arg("--dir")
        .arg(&c.updates)
        .args([
            "--notes",
            "新增：从县里的服务器更新",
            "--notes-en",
            "New: updates from the county's server",
        ])
        .output()
        .unwrap())
}

fn verify_cli(c: &County) -> std::process::Output {
    linli("-")
        .args(["admin", "release", "verify", "--public-key"])
        .arg(c.root.join("county-release-key.pub"))
        .arg("--dir")
        .arg(&c.updates)
        .output()
        .unwrap()
}

fn serve(c: &County) -> Server {
    Server::start_with(
        &c.root.join("server.db"),
        "-",
        &["--updates".as_ref(), c.updates.as_os_str()],
    )
}

fn public(c: &County) -> PublicKey {
    PublicKey::read(&c.root.join("county-release-key.pub")).unwrap()
}

#[test]
fn a_signed_manifest_is_served_fetched_and_verified_and_tampering_is_refused() {
    let c = county();
    let out = sign(&c, "0.2.0");
    assert!(out.contains(DEB) && out.contains(EXE), "{out}");
    assert!(!out.contains("README"), "{out}");
    assert!(ok(verify_cli(&c)).contains("0.2.0"));
    let server = serve(&c);

    // the laptop's side: fetched over HTTP, verified, newer than 0.1.0, this platform's file
    let offer = check(&server.url, &public(&c), "0.1.0", platform::DEBIAN_AMD64)
        .unwrap()
        .expect("an update offered");
    assert_eq!(offer.manifest.version, "0.2.0");
    assert_eq!(offer.manifest.notes_zh, "新增：从县里的服务器更新");
    assert_eq!(offer.installer.file, DEB);
    assert_eq!(
        download(&offer).unwrap(),
        std::fs::read(c.updates.join(DEB)).unwrap()
    );
    let windows = check(&server.url, &public(&c), "0.1.0", platform::WINDOWS_X86_64)
        .unwrap()
        .unwrap();
    assert_eq!(windows.installer.file, EXE);
    // not newer than what runs: nothing offered
    assert_eq!(
        check(&server.url, &public(&c), "0.2.0", platform::DEBIAN_AMD64).unwrap(),
        None
    );

    // sensible content types, and no sign-in asked
    let (status, headers, _) = raw_get(&server.url, "/v1/updates/manifest.json");
    assert!(status.contains("200"), "{status}");
    assert!(
        headers.contains("content-type: application/json"),
        "{headers}"
    );
    let (_, headers, body) = raw_get(&server.url, &format!("/v1/updates/{DEB}"));
    assert!(
        headers.contains("content-type: application/vnd.debian.binary-package"),
        "{headers}"
    );
    assert_eq!(body, std::fs::read(c.updates.join(DEB)).unwrap());
    let (_, headers, _) = raw_get(&server.url, &format!("/v1/updates/{EXE}"));
    assert!(
        headers.contains("application/vnd.microsoft.portable-executable"),
        "{headers}"
    );

    // nothing outside the folder, however it is spelled
    for path in [
        "/v1/updates/..%2Fsecret.txt",
        "/v1/updates/%2e%2e%2fsecret.txt",
        "/v1/updates/..%5Csecret.txt",
        "/v1/updates/../secret.txt",
        "/v1/updates/%2Fetc%2Fpasswd",
        "/v1/updates/.manifest.json.tmp",
        "/v1/updates/",
    ] {
        let (status, _, body) = raw_get(&server.url, path);
        assert!(status.contains("404"), "{path}: {status}");
        let body = String::from_utf8_lossy(&body);
        assert!(
            !body.contains("the server's secret") && !body.contains("root:"),
            "{path}: {body}"
        );
    }
    let (_, _, body) = raw_get(&server.url, "/v1/updates/..%2Fsecret.txt");
    assert!(String::from_utf8_lossy(&body).contains(msg::UPDATE_FILE_NOT_FOUND.code));

    // another key: refused as not the trusted key
    let other = KeyPair::generate().unwrap().public();
    let e = check(&server.url, &other, "0.1.0", platform::DEBIAN_AMD64).unwrap_err();
    assert_eq!(e.msg, msg::UPDATE_WRONG_KEY);
    assert!(
        e.to_string().contains("不是用本程序信任的密钥签名的"),
        "{e}"
    );

    // a tampered manifest: its version raised after signing
    let manifest = c.updates.join("manifest.json");
    let signed = std::fs::read_to_string(&manifest).unwrap();
    let tampered = signed.replace("0.2.0", "9.9.9");
    assert_ne!(tampered, signed);
    std::fs::write(&manifest, &tampered).unwrap();
    let e = check(&server.url, &public(&c), "0.1.0", platform::DEBIAN_AMD64).unwrap_err();
    assert_eq!(e.msg, msg::UPDATE_BAD_SIGNATURE);
    assert!(e.en().contains("signature is wrong"), "{}", e.en());
    assert!(failed(verify_cli(&c)).contains("update_bad_signature"));
    std::fs::write(&manifest, &signed).unwrap();

    // a tampered installer, the same size: refused for its hash, nothing handed on
    let offer = check(&server.url, &public(&c), "0.1.0", platform::DEBIAN_AMD64)
        .unwrap()
        .unwrap();
    std::fs::write(c.updates.join(DEB), b"a debian package, version 6.6.6").unwrap();
    let e = download(&offer).unwrap_err();
    assert_eq!(e.msg, msg::UPDATE_BAD_HASH);
    assert!(e.to_string().contains("校验值"), "{e}");
    assert!(failed(verify_cli(&c)).contains("update_bad_hash"));
    // and a longer one: refused for its size
    std::fs::write(
        c.updates.join(DEB),
        b"a debian package, version 0.2.0 and more",
    )
    .unwrap();
    assert_eq!(download(&offer).unwrap_err().msg, msg::UPDATE_BAD_SIZE);
}

#[test]
fn the_config_file_names_the_updates_folder_and_sign_refuses_what_it_cannot_sign() {
    let c = county();
    // a version that is not numbers, and a folder of no installers, sign nothing
    let bad = failed(
        linli("-")
            .args(["admin", "release", "sign", "0.2-beta", "--key"])
            .arg(&c.key)
            .arg("--dir")
            .arg(&c.updates)
            .output()
            .unwrap(),
    );
    assert!(bad.contains("update_sign_bad_version"), "{bad}");
    let empty = c.root.join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    let none = failed(
        linli("-")
            .args(["admin", "release", "sign", "0.2.0", "--key"])
            .arg(&c.key)
            .arg("--dir")
            .arg(&empty)
            .output()
            .unwrap(),
    );
    assert!(none.contains("update_sign_no_installers"), "{none}");
    assert!(!c.updates.join("manifest.json").exists());
    // keygen never overwrites a key
    let again = failed(
        linli("-")
            .args(["admin", "release", "keygen", "--out"])
            .arg(&c.key)
            .output()
            .unwrap(),
    );
    assert!(again.contains("update_key_exists"), "{again}");

    // `updates` in the configuration file, relative to it: `admin release sign` and `serve` use it
    let cfg = c.root.join("server.toml");
    std::fs::write(&cfg, "database = \"server.db\"\nupdates = \"updates\"\n").unwrap();
    ok(linli("-")
        .arg("admin")
        .arg("--config")
        .arg(&cfg)
        .args(["release", "sign", "0.3.0", "--key"])
        .arg(&c.key)
        .output()
        .unwrap());
    let server = Server::start_with(
        &c.root.join("server.db"),
        "-",
        &["--config".as_ref(), cfg.as_os_str()],
    );
    let offer = check(&server.url, &public(&c), "0.2.0", platform::DEBIAN_AMD64)
        .unwrap()
        .unwrap();
    assert_eq!(offer.manifest.version, "0.3.0");
    drop(server);

    // a folder that is not there is refused before anything starts
    std::fs::write(&cfg, "updates = \"nowhere\"\n").unwrap();
    let e = failed(
        linli("-")
            .arg("serve")
            .arg("--config")
            .arg(&cfg)
            .output()
            .unwrap(),
    );
    assert!(e.contains("config_invalid") && e.contains("nowhere"), "{e}");
    let e = failed(
        linli("-")
            .args(["serve", "--db"])
            .arg(c.root.join("server.db"))
            .arg("--updates")
            .arg(c.root.join("nowhere"))
            .output()
            .unwrap(),
    );
    assert!(e.contains("updates_dir_missing"), "{e}");
}
