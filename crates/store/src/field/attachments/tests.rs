use super::blobs::make_thumbnail;
use super::*;

fn png(w: u32, h: u32) -> Vec<u8> {
    let img = image::RgbImage::from_fn(w, h, |x, y| image::Rgb([x as u8, y as u8, 90]));
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png).unwrap();
    out.into_inner()
}

#[test]
fn only_jpeg_png_and_pdf_are_attached_and_a_refusal_names_the_file() {
    assert_eq!(
        allowed_kind("a.png", None, &png(4, 4)).unwrap(),
        "image/png"
    );
    assert_eq!(
        allowed_kind("scan", Some("application/pdf"), b"%PDF-1.7 ...").unwrap(),
        "application/pdf"
    );
    // by content, not by name or declared type
    assert_eq!(
        allowed_kind("x.png", Some("image/png"), &[0xFF, 0xD8, 0xFF, 0xE0]).unwrap(),
        "image/jpeg"
    );
    for (name, declared, bytes) in [
        ("宣传单.html", None, &b"<html><script>alert(1)</script>"[..]),
        ("note.txt", Some("text/plain"), &b"hello"[..]),
        (
            "disguised.svg",
            Some("image/svg+xml"),
            &b"\x89PNG\r\n\x1a\n"[..],
        ),
        ("photo.heic", None, &b"\0\0\0\x18ftypheic"[..]),
    ] {
        let err = allowed_kind(name, declared, bytes).unwrap_err().to_string();
        assert!(err.contains(name) && err.contains("image/jpeg"), "{err}");
    }
}

#[test]
fn an_image_gets_a_small_jpeg_keeping_its_shape() {
    let thumb = make_thumbnail(&png(640, 320)).expect("a PNG decodes");
    assert!(thumb.starts_with(&[0xFF, 0xD8, 0xFF]), "a JPEG");
    let small = image::load_from_memory(&thumb).unwrap();
    assert_eq!((small.width(), small.height()), (THUMB_PX, THUMB_PX / 2));
}

#[test]
fn a_camera_photo_is_shown_screen_sized_and_a_small_one_as_it_is() {
    let shown = screen_sized(&png(2400, 1800), SCREEN_PX).expect("bigger than a screen");
    assert!(shown.starts_with(&[0xFF, 0xD8, 0xFF]), "a JPEG");
    let img = image::load_from_memory(&shown).unwrap();
    assert_eq!((img.width(), img.height()), (SCREEN_PX, SCREEN_PX * 3 / 4));
    let tall = image::load_from_memory(&screen_sized(&png(900, 3200), SCREEN_PX).unwrap()).unwrap();
    assert_eq!(tall.height(), SCREEN_PX, "the longest side");
    assert_eq!(
        screen_sized(&png(1600, 900), SCREEN_PX),
        None,
        "fits already"
    );
    assert_eq!(screen_sized(b"%PDF-1.7 not an image", SCREEN_PX), None);
    let mut broken = png(2400, 1800);
    broken.truncate(200);
    assert_eq!(screen_sized(&broken, SCREEN_PX), None);
}

#[test]
fn corrupt_or_foreign_bytes_get_no_thumbnail() {
    let mut broken = png(64, 64);
    broken.truncate(40);
    assert_eq!(make_thumbnail(&broken), None);
    let fake_jpeg = [&[0xFF, 0xD8, 0xFF, 0xE0][..], &[7u8; 1000][..]].concat();
    assert_eq!(make_thumbnail(&fake_jpeg), None);
    assert_eq!(make_thumbnail(b"%PDF-1.7 not an image"), None);
}
