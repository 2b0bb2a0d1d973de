//! The one font of a PDF: found on the system, offline. `LINLI_PDF_FONT=path` wins; otherwise
//! the first of the usual CJK fonts that exists — on Debian `fonts-noto-cjk`
//! (`/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc`) or `fonts-wqy-microhei`, on Windows
//! Microsoft YaHei (`msyh.ttc`), SimHei or SimSun from the Windows fonts folder. In a collection
//! (.ttc) the Simplified Chinese face is taken (Noto Sans CJK SC), else the first.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use skrifa::instance::{LocationRef, Size};
use skrifa::metrics::GlyphMetrics;
use skrifa::raw::FileRef;
use skrifa::string::StringId;
use skrifa::{FontRef, GlyphId, MetadataProvider};

use crate::text::Measure;
use crate::Error;

/// The variable naming a font file to use instead of the system's.
pub const ENV: &str = "LINLI_PDF_FONT";

/// Where the usual Chinese fonts are on Debian (and other Linux systems).
pub const UNIX_FONTS: &[&str] = &[
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
];

/// The Chinese fonts every Windows has, in the Windows fonts folder.
pub const WINDOWS_FONTS: &[&str] = &["msyh.ttc", "simhei.ttf", "simsun.ttc", "Deng.ttf"];

/// A font file read into memory, and the face of it to use.
#[derive(Clone)]
pub struct FontFile {
    pub path: PathBuf,
    pub data: Arc<Vec<u8>>,
    pub index: u32,
}

impl std::fmt::Debug for FontFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FontFile")
            .field("path", &self.path)
            .field("bytes", &self.data.len())
            .field("index", &self.index)
            .finish()
    }
}

/// The paths looked at, in order, on this system.
pub fn candidates() -> Vec<PathBuf> {
    if cfg!(windows) {
        let root = std::env::var_os("SystemRoot")
            .or_else(|| std::env::var_os("WINDIR"))
            .map_or_else(|| PathBuf::from(r"C:\Windows"), PathBuf::from);
        WINDOWS_FONTS
            .iter()
            .map(|f| root.join("Fonts").join(f))
            .collect()
    } else {
        UNIX_FONTS.iter().map(PathBuf::from).collect()
    }
}

/// The font to use: `LINLI_PDF_FONT` when set, else the first of [`candidates`] that exists.
pub fn find() -> Result<FontFile, Error> {
    find_in(std::env::var_os(ENV).map(PathBuf::from), &candidates())
}

/// As [`find`], with the override and the candidates given (for tests).
pub fn find_in(over: Option<PathBuf>, candidates: &[PathBuf]) -> Result<FontFile, Error> {
    if let Some(p) = over.filter(|p| !p.as_os_str().is_empty()) {
        if !p.is_file() {
            return Err(Error::FontMissing {
                tried: vec![p.display().to_string()],
            });
        }
        return FontFile::load(&p);
    }
    match candidates.iter().find(|p| p.is_file()) {
        Some(p) => FontFile::load(p),
        None => Err(Error::FontMissing {
            tried: candidates.iter().map(|p| p.display().to_string()).collect(),
        }),
    }
}

fn family(f: &FontRef<'_>) -> String {
    f.localized_strings(StringId::FAMILY_NAME)
        .english_or_first()
        .map(|s| s.chars().collect())
        .unwrap_or_default()
}

impl FontFile {
    /// Reads a font file (.ttf, .otf, or a .ttc collection: its Simplified Chinese face).
    pub fn load(path: &Path) -> Result<FontFile, Error> {
        let unreadable = |reason: String| Error::FontUnreadable {
            path: path.display().to_string(),
            reason,
        };
        let data = std::fs::read(path).map_err(|e| unreadable(e.to_string()))?;
        let index = match FileRef::new(&data).map_err(|e| unreadable(e.to_string()))? {
            FileRef::Font(_) => 0,
            FileRef::Collection(c) => (0..c.len())
                .find(|i| {
                    c.get(*i).is_ok_and(|f| {
                        let name = family(&f);
                        name.ends_with(" SC") || name.contains("Simplified")
                    })
                })
                .unwrap_or(0),
        };
        let font = FontFile {
            path: path.to_owned(),
            data: Arc::new(data),
            index,
        };
        let m = font.metrics()?;
        if m.charmap_glyph('中').is_none() {
            return Err(unreadable("it has no Chinese characters".into()));
        }
        Ok(font)
    }

    /// The face's family name ("Noto Sans CJK SC").
    pub fn family(&self) -> String {
        FontRef::from_index(&self.data, self.index)
            .map(|f| family(&f))
            .unwrap_or_default()
    }

    /// The face's advances and character map.
    pub fn metrics(&self) -> Result<FontMetrics<'_>, Error> {
        let f = FontRef::from_index(&self.data, self.index).map_err(|e| Error::FontUnreadable {
            path: self.path.display().to_string(),
            reason: e.to_string(),
        })?;
        let upem = f.head().map(|h| h.units_per_em()).unwrap_or(1000);
        Ok(FontMetrics {
            charmap: f.charmap(),
            glyphs: f.glyph_metrics(Size::unscaled(), LocationRef::default()),
            upem: f32::from(upem.max(1)),
        })
    }
}

use skrifa::raw::TableProvider as _;

/// A face's character map and advances: the widths the layout uses and the glyphs the PDF draws.
pub struct FontMetrics<'a> {
    charmap: skrifa::charmap::Charmap<'a>,
    glyphs: GlyphMetrics<'a>,
    upem: f32,
}

impl FontMetrics<'_> {
    fn charmap_glyph(&self, c: char) -> Option<GlyphId> {
        self.charmap.map(c)
    }

    /// The glyph drawn for `c` (the font's .notdef box when it has none) and its advance in ems.
    pub fn glyph(&self, c: char) -> (GlyphId, f32) {
        let g = self.charmap.map(c).unwrap_or(GlyphId::NOTDEF);
        let adv = self.glyphs.advance_width(g).unwrap_or(self.upem);
        (g, adv / self.upem)
    }
}

impl Measure for FontMetrics<'_> {
    fn advance(&self, c: char, size: f32) -> f32 {
        self.glyph(c).1 * size
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_override_or_no_font_at_all_is_font_missing() {
        let dir = tempfile::tempdir().unwrap();
        let nowhere = dir.path().join("no-such-font.ttc");
        match find_in(Some(nowhere.clone()), &candidates()) {
            Err(Error::FontMissing { tried }) => {
                assert_eq!(tried, [nowhere.display().to_string()])
            }
            other => panic!("{other:?}"),
        }
        match find_in(None, std::slice::from_ref(&nowhere)) {
            Err(Error::FontMissing { tried }) => assert_eq!(tried.len(), 1),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_file_that_is_not_a_font_is_unreadable() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("fake.ttf");
        std::fs::write(&p, b"not a font").unwrap();
        assert!(matches!(
            find_in(Some(p), &[]),
            Err(Error::FontUnreadable { .. })
        ));
    }

    /// Debian's fonts-noto-cjk, which `cargo xtask test` installs: the SC face of the collection,
    /// Han characters one em wide, Latin narrower.
    #[test]
    fn the_system_font_is_found_and_measured() {
        let f = find_in(None, &candidates()).expect("a CJK font (fonts-noto-cjk)");
        let m = f.metrics().unwrap();
        assert_eq!(m.advance('中', 10.0), 10.0);
        assert!(m.advance('i', 10.0) < 5.0);
        if f.path.ends_with("NotoSansCJK-Regular.ttc") {
            assert_eq!(f.family(), "Noto Sans CJK SC");
        }
    }
}
