//! Attachment bytes through the real server over HTTP on 127.0.0.1: a photo attached on one laptop
//! arrives byte-identical (with a thumbnail) on another; a laptop whose files cannot come down
//! still gets every row and shows the photo as not yet synced; the server refuses a tampered
//! upload, an oversize one (413, with the limit in the message) and a fetch from outside a
//! device's grants.

use linli_tests::{spawn_server, TestServer as Server, Town};

use linli_domain::field::TaskCategory;
use linli_domain::Id;
use linli_protocol::sync::{
    BlobsMissing, BlobsQuery, Role, SyncError, MAX_BLOB_BYTES, SYNC_PROTOCOL_VERSION,
    VERSION_HEADER,
};
use linli_protocol::*;
use linli_server::auth;
use linli_store::Store;
use linli_sync::{Engine, HttpTransport, Post, Reply, Transport};

trait Laptops {
    fn laptop(&self, name: &str, user: &str) -> Store;
    fn sync(&self, s: &mut Store) -> linli_sync::Report;
}

impl Laptops for Server {
    /// A laptop with its database in a folder of its own (the blobs go beside it).
    fn laptop(&self, name: &str, user: &str) -> Store {
        let dir = self.dir.path().join(name);
        std::fs::create_dir_all(&dir).unwrap();
        let mut s = Store::open(dir.join("linli.db")).unwrap();
        let mut t = HttpTransport::new(&self.url);
        linli_sync::login(&mut s, &mut t, &self.url, user, "secret", name).unwrap();
        s
    }

    fn sync(&self, s: &mut Store) -> linli_sync::Report {
        Engine::new(HttpTransport::new(&self.url))
            .sync(s, &mut |_| {})
            .unwrap()
    }
}

/// HTTP for rows, but files never get through (a laptop that went offline mid-sync).
struct NoFiles(HttpTransport);

impl Transport for NoFiles {
    fn post(&mut self, req: Post) -> Result<Reply, String> {
        self.0.post(req)
    }
}

/// The town these tests share: two compounds of one building each.
fn town(s: &mut Store) -> Town {
    Town::new("樟城镇")
        .community("北门社区")
        .compound("幸福小区")
        .building("1栋")
        .compound("和平小区")
        .building("2栋")
        .build(s)
}

fn task_at(s: &mut Store, place: Id) -> Id {
    s.raise_task(&RaiseTask {
        task: NewTask {
            title: "修好楼道灯".into(),
            category: TaskCategory::PublicMatter,
            subcategory: None,
            description: String::new(),
            due_date: None,
        },
        household_id: None,
        place_id: Some(place),
        raised_by: None,
        visit_id: None,
        at: None,
        source: None,
    })
    .unwrap()
    .id
}

/// A real PNG photo, 400×300, with some detail in it.
fn photo() -> Vec<u8> {
    let img = image::RgbImage::from_fn(400, 300, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, ((x * y) % 251) as u8])
    });
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png).unwrap();
    out.into_inner()
}

fn attach(s: &mut Store, task: Id, bytes: Vec<u8>, name: &str) -> Attachment {
    s.add_attachment(&AddAttachment {
        owner_table: "tasks".into(),
        owner_id: task,
        path: None,
        bytes: Some(bytes),
        name: name.into(),
        mime: None,
    })
    .unwrap()
}

fn attachments(s: &Store, task: Id) -> Vec<Attachment> {
    s.get_task(&GetTask {
        id: task,
        today: None,
    })
    .unwrap()
    .attachments
}

#[test]
fn a_photo_attached_on_one_laptop_arrives_byte_identical_on_the_other() {
    let srv = spawn_server();
    srv.user("admin", Role::Admin, &[]);
    let mut a = srv.laptop("a", "admin");
    let mut b = srv.laptop("b", "admin");
    let t = town(&mut a);
    let task = task_at(&mut a, t["1栋"]);
    let bytes = photo();
    let added = attach(&mut a, task, bytes.clone(), "灯修好了.png");
    assert!(!added.pending);
    let thumb = added.thumb.clone().expect("an image gets a thumbnail");
    assert!(thumb.starts_with("data:image/jpeg;base64,"), "{thumb:.40}");

    let up = srv.sync(&mut a);
    assert_eq!((up.blobs_sent, up.blobs_pending), (1, 0));
    // a second sync asks nothing more and sends nothing again
    assert_eq!(srv.sync(&mut a).blobs_sent, 0);

    // B's files cannot come down: the rows still do, the photo shows as not yet here
    let r = Engine::new(NoFiles(HttpTransport::new(&srv.url)))
        .sync(&mut b, &mut |_| {})
        .unwrap();
    assert!(r.applied > 0);
    assert_eq!((r.blobs_fetched, r.blobs_pending), (0, 1));
    let seen = attachments(&b, task);
    assert_eq!(seen.len(), 1);
    assert!(seen[0].pending && seen[0].thumb.is_none());
    assert!(b
        .get_attachment_file(&GetAttachmentFile {
            hash: added.hash.clone()
        })
        .unwrap_err()
        .to_string()
        .contains("照片尚未同步"));

    // online again: the file arrives byte-identical, with its thumbnail
    let down = srv.sync(&mut b);
    assert_eq!((down.blobs_fetched, down.blobs_pending), (1, 0));
    assert_eq!(b.blob_bytes(&added.hash).unwrap(), bytes);
    let seen = attachments(&b, task);
    assert!(!seen[0].pending);
    assert_eq!(seen[0].thumb.as_deref(), Some(thumb.as_str()));
    let file = b
        .get_attachment_file(&GetAttachmentFile {
            hash: added.hash.clone(),
        })
        .unwrap();
    assert_eq!(file.mime, "image/png");
    assert!(file.data_url.starts_with("data:image/png;base64,"));
    assert_eq!(srv.sync(&mut b).blobs_fetched, 0, "nothing left to fetch");

    // the thumbnail is derived: deleted, it is made again
    std::fs::remove_file(b.thumb_path(&added.hash).unwrap()).unwrap();
    assert_eq!(
        attachments(&b, task)[0].thumb.as_deref(),
        Some(thumb.as_str())
    );
}

/// A raw request to the blob endpoints, as a misbehaving client would send it.
fn raw(
    agent: &ureq::Agent,
    srv: &Server,
    token: &str,
    hash: &str,
    put: Option<&[u8]>,
) -> (u16, Vec<u8>) {
    let url = format!("{}/v1/blobs/{hash}", srv.url);
    let auth = format!("Bearer {token}");
    let mut resp = match put {
        Some(b) => agent
            .put(url)
            .header(VERSION_HEADER, SYNC_PROTOCOL_VERSION.to_string())
            .header("authorization", auth)
            .send(b),
        None => agent
            .get(url)
            .header(VERSION_HEADER, SYNC_PROTOCOL_VERSION.to_string())
            .header("authorization", auth)
            .call(),
    }
    .unwrap();
    let status = resp.status().as_u16();
    (status, resp.body_mut().read_to_vec().unwrap())
}

fn message(body: &[u8]) -> SyncError {
    serde_json::from_slice(body).unwrap()
}

fn missing(srv: &Server, token: &str, hash: &str) -> Vec<String> {
    let mut t = HttpTransport::new(&srv.url);
    let reply = t
        .post(Post {
            path: "/v1/blobs/missing",
            token: Some(token.to_owned()),
            body: linli_sync::encode(&BlobsQuery {
                hashes: vec![hash.to_owned()],
            }),
        })
        .unwrap();
    assert_eq!(reply.status, 200);
    let json = zstd::stream::decode_all(&reply.body[..]).unwrap();
    serde_json::from_slice::<BlobsMissing>(&json)
        .unwrap()
        .missing
}

#[test]
fn the_server_refuses_tampered_oversize_and_out_of_scope_blobs() {
    let srv = spawn_server();
    srv.user("admin", Role::Admin, &[]);
    let mut a = srv.laptop("a", "admin");
    let t = town(&mut a);
    let task = task_at(&mut a, t["1栋"]);
    let bytes = photo();
    let added = attach(&mut a, task, bytes.clone(), "before.png");
    // rows only, so the server knows the attachment but not its bytes
    Engine::new(NoFiles(HttpTransport::new(&srv.url)))
        .sync(&mut a, &mut |_| {})
        .unwrap();
    let token = a.enrolment().unwrap().unwrap().token;
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    assert_eq!(missing(&srv, &token, &added.hash), vec![added.hash.clone()]);
    let (status, body) = raw(&agent, &srv, &token, &added.hash, None);
    assert_eq!(status, 404, "not uploaded yet");
    assert_eq!(message(&body).kind, "blob_not_yet");

    // tampered: one byte changed; refused and nothing stored
    let mut tampered = bytes.clone();
    tampered[100] ^= 0xFF;
    let (status, body) = raw(&agent, &srv, &token, &added.hash, Some(&tampered));
    assert_eq!(status, 400);
    assert_eq!(message(&body).kind, "hash_mismatch");
    assert_eq!(missing(&srv, &token, &added.hash), vec![added.hash.clone()]);

    // over the limit: 413 saying what the limit is
    let big = vec![7u8; MAX_BLOB_BYTES as usize + 1];
    let big_hash = auth::sha256_hex(&big);
    let (status, body) = raw(&agent, &srv, &token, &big_hash, Some(&big));
    assert_eq!(status, 413);
    let err = message(&body);
    assert_eq!(err.kind, "blob_too_large");
    assert!(err.message.contains("5 MB"), "{}", err.message);
    assert_eq!(missing(&srv, &token, &big_hash), vec![big_hash.clone()]);

    // no token, a wrong token, a malformed hash
    let (status, _) = raw(&agent, &srv, "", &added.hash, None);
    assert_eq!(status, 401);
    let (status, _) = raw(&agent, &srv, "not-a-token", &added.hash, Some(&bytes));
    assert_eq!(status, 401);
    let (status, _) = raw(&agent, &srv, &token, &added.hash.to_uppercase(), None);
    assert_eq!(status, 400);
    assert_eq!(missing(&srv, &token, &added.hash), vec![added.hash.clone()]);

    // bytes no attachment names are not stored either
    let stray = b"not an attachment".to_vec();
    let (status, _) = raw(
        &agent,
        &srv,
        &token,
        &auth::sha256_hex(&stray),
        Some(&stray),
    );
    assert_eq!(status, 403);

    // the right bytes go in
    let (status, _) = raw(&agent, &srv, &token, &added.hash, Some(&bytes));
    assert_eq!(status, 200);
    assert!(missing(&srv, &token, &added.hash).is_empty());

    // a steward of the other building cannot fetch it; one of this building can
    t.worker(&srv, "wang", Role::Steward, &["2栋"]);
    t.worker(&srv, "li", Role::Steward, &["1栋"]);
    let mut wang = srv.laptop("wang", "wang");
    let mut li = srv.laptop("li", "li");
    let r = srv.sync(&mut wang);
    assert_eq!(
        (r.blobs_fetched, r.blobs_pending),
        (0, 0),
        "no row, no file"
    );
    let wang_token = wang.enrolment().unwrap().unwrap().token;
    let (status, body) = raw(&agent, &srv, &wang_token, &added.hash, None);
    assert_eq!(status, 403);
    assert_eq!(message(&body).kind, "outside_grants");
    assert_eq!(srv.sync(&mut li).blobs_fetched, 1);
    assert_eq!(li.blob_bytes(&added.hash).unwrap(), bytes);
}
