//! HTTPS end to end (issue 17): the server serves TLS with a certificate issued by a county CA
//! made in the test; a laptop told to trust that CA enrols, pushes, pulls and moves a photo both
//! ways; a laptop that does not trust it is refused with a sentence saying what to do; plain HTTP
//! to another machine is refused unless allowed.

use linli_tests::{pki, Spawn, Town};

use linli_domain::field::TaskCategory;
use linli_domain::Id;
use linli_protocol::sync::Role;
use linli_protocol::*;
use linli_store::Store;
use linli_sync::{Engine, Error, HttpTransport, Trust};

fn trusting(ca_pem: &str) -> Trust {
    Trust {
        ca_pem: Some(ca_pem.to_owned()),
        insecure: false,
    }
}

fn photo() -> Vec<u8> {
    let img = image::RgbImage::from_fn(320, 240, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, ((x * y) % 251) as u8])
    });
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png).unwrap();
    out.into_inner()
}

#[test]
fn a_laptop_trusting_the_county_ca_enrols_pushes_pulls_and_moves_files_over_https() {
    let dir = tempfile::tempdir().unwrap();
    let pki = pki::make(dir.path());
    let srv = Spawn::new().tls(&pki).start();
    assert!(srv.url.starts_with("https://127.0.0.1:"));
    srv.user("admin", Role::Admin, &[]);
    let trust = trusting(&pki.ca_pem);
    let laptop = |name: &str| {
        std::fs::create_dir_all(dir.path().join(name)).unwrap();
        let mut s = Store::open(dir.path().join(name).join("linli.db")).unwrap();
        let mut t = HttpTransport::with_trust(&srv.url, &trust).unwrap();
        linli_sync::login(&mut s, &mut t, &srv.url, "admin", "secret", name).unwrap();
        s
    };
    let sync = |s: &mut Store| {
        Engine::new(HttpTransport::with_trust(&srv.url, &trust).unwrap())
            .sync(s, &mut |_| {})
            .unwrap()
    };
    let (mut a, mut b) = (laptop("a"), laptop("b"));

    let town = Town::new("樟城镇").build(&mut a)["樟城镇"];
    let task = a
        .raise_task(&RaiseTask {
            task: NewTask {
                title: "修好楼道灯".into(),
                category: TaskCategory::PublicMatter,
                subcategory: None,
                description: String::new(),
                due_date: None,
            },
            household_id: None,
            place_id: Some(town),
            raised_by: None,
            visit_id: None,
            at: None,
            source: None,
        })
        .unwrap()
        .id;
    let bytes = photo();
    let added = a
        .add_attachment(&AddAttachment {
            owner_table: "tasks".into(),
            owner_id: task,
            path: None,
            bytes: Some(bytes.clone()),
            name: "灯.png".into(),
            mime: None,
        })
        .unwrap();

    let up = sync(&mut a);
    assert!(up.accepted >= 2, "{up:?}");
    assert_eq!(up.blobs_sent, 1);
    let down = sync(&mut b);
    assert!(down.applied >= 2, "{down:?}");
    assert_eq!(down.blobs_fetched, 1);
    assert_eq!(
        b.blob_bytes(&added.hash).unwrap(),
        bytes,
        "the photo arrives byte-identical over HTTPS"
    );
    let got: Vec<Id> = b
        .get_task(&GetTask {
            id: task,
            today: None,
        })
        .unwrap()
        .attachments
        .iter()
        .map(|x| x.id)
        .collect();
    assert_eq!(got.len(), 1);
}

#[test]
fn a_laptop_not_trusting_the_ca_is_refused_with_a_sentence() {
    let dir = tempfile::tempdir().unwrap();
    let pki = pki::make(dir.path());
    let srv = Spawn::new().tls(&pki).start();
    srv.user("admin", Role::Admin, &[]);
    let mut s = Store::open(dir.path().join("linli.db")).unwrap();
    // the system's roots only: the county CA is not among them
    let mut t = HttpTransport::with_trust(&srv.url, &Trust::default()).unwrap();
    let err = linli_sync::login(&mut s, &mut t, &srv.url, "admin", "secret", "x").unwrap_err();
    let Error::Offline(why) = err else {
        panic!("expected a refused connection, got {err:?}");
    };
    assert!(why.contains("证书不受信任"), "{why}");
    assert!(why.contains("--ca"), "{why}");
    assert!(s.enrolment().unwrap().is_none(), "nothing was stored");

    // another county's CA is no better
    let other = pki::make(&dir.path().join("other").tap_mkdir());
    let mut t = HttpTransport::with_trust(&srv.url, &trusting(&other.ca_pem)).unwrap();
    let err = linli_sync::login(&mut s, &mut t, &srv.url, "admin", "secret", "x").unwrap_err();
    assert!(err.to_string().contains("证书不受信任"), "{err}");
}

#[test]
fn plain_http_to_another_machine_is_refused_unless_allowed() {
    // nothing is sent: the refusal comes before any connection
    let err = HttpTransport::with_trust("http://192.0.2.10:8470", &Trust::default()).unwrap_err();
    assert!(
        err.contains("http://192.0.2.10:8470") && err.contains("--insecure"),
        "{err}"
    );
    assert!(HttpTransport::with_trust(
        "http://192.0.2.10:8470",
        &Trust {
            ca_pem: None,
            insecure: true
        }
    )
    .is_ok());
    for local in [
        "http://127.0.0.1:8470",
        "http://localhost:8470/",
        "http://[::1]:8470",
    ] {
        assert!(
            HttpTransport::with_trust(local, &Trust::default()).is_ok(),
            "{local}"
        );
    }
    assert!(!linli_sync::plain_http_elsewhere("https://192.0.2.10"));
    assert!(linli_sync::plain_http_elsewhere(
        "http://127.0.0.1.evil.example:80"
    ));
    assert!(linli_sync::plain_http_elsewhere("http://user@192.0.2.10"));
    // a transport made by URL alone refuses at its first request, with the same sentence
    let mut s = Store::open_in_memory().unwrap();
    let mut t = HttpTransport::new("http://192.0.2.10:8470");
    let err = linli_sync::login(&mut s, &mut t, "http://192.0.2.10:8470", "a", "b", "x")
        .unwrap_err()
        .to_string();
    assert!(err.contains("--insecure"), "{err}");
}

trait TapMkdir {
    fn tap_mkdir(self) -> Self;
}

impl TapMkdir for std::path::PathBuf {
    fn tap_mkdir(self) -> Self {
        std::fs::create_dir_all(&self).unwrap();
        self
    }
}
