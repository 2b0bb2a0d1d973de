//! Linli's PDFs (issue 21): a small document model — a title, headings, paragraphs, key/value
//! lines, tables whose header row repeats on every page, QR blocks, page numbers — laid out on A4
//! (portrait or landscape) and written as PDF bytes.
//!
//! The layout is pure (`layout::lay_out` takes the document and a [`Measure`] of the text and
//! gives pages of positioned text and rectangles), so it is tested without a font. Chinese text
//! breaks between any two Han characters, a Latin word or number stays whole (unless it alone is
//! wider than the line), closing punctuation never starts a line, and widths are the font's real
//! advances. The PDF is written by krilla with ONE font, found on the system (`font::find`:
//! `LINLI_PDF_FONT`, then Noto Sans CJK / WenQuanYi on Debian, YaHei / SimHei / SimSun on
//! Windows), of which only the glyphs used are embedded (krilla subsets it). QR codes are vector
//! squares. This crate knows nothing of the store: callers hand it plain data.

pub mod font;
pub mod layout;
mod pdf;
pub mod text;

pub use font::{find as find_font, FontFile};
pub use layout::{lay_out, Item, Page};
pub use text::Measure;

/// Portrait or landscape A4.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Orientation {
    #[default]
    Portrait,
    Landscape,
}

/// The language of the page numbers: "第 N 页 / 共 M 页" or "Page N of M".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

/// A table: headers, relative column widths (one per header; all equal when empty) and rows of
/// text (a short row is padded with empty cells). The header row is drawn again at the top of
/// every page the table runs onto.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    pub headers: Vec<String>,
    pub widths: Vec<f32>,
    pub rows: Vec<Vec<String>>,
}

/// One block of a document, laid out top to bottom.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// The document's title: large, centred.
    Title(String),
    Heading(String),
    Paragraph(String),
    /// "key：value" lines, the keys in a column of their own.
    KeyValues(Vec<(String, String)>),
    Table(Table),
    /// A framed block kept on one page: a QR code of `code` on the left and the lines beside it
    /// (the first in bold size). A visit sheet is a list of these.
    Qr {
        code: String,
        lines: Vec<String>,
    },
    /// Empty space, in points.
    Space(f32),
    PageBreak,
}

/// A document: its blocks, the page's orientation and the page numbers' language.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Document {
    /// The PDF's metadata title.
    pub title: String,
    pub orientation: Orientation,
    pub lang: Lang,
    pub blocks: Vec<Block>,
}

/// Why a PDF could not be made.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// No usable CJK font: none of these paths exists (or `LINLI_PDF_FONT` names a missing file).
    #[error("no Chinese font found for PDF (tried: {})", tried.join(", "))]
    FontMissing { tried: Vec<String> },
    /// The font file exists but is not a font krilla can read.
    #[error("the font file {path} cannot be read as a font: {reason}")]
    FontUnreadable { path: String, reason: String },
    /// A QR code's text does not fit a QR code.
    #[error("QR code: {0}")]
    Qr(String),
    /// krilla refused the document.
    #[error("PDF: {0}")]
    Pdf(String),
}

/// The document as PDF bytes, in `font` (see [`font::find`]).
pub fn render(doc: &Document, font: &FontFile) -> Result<Vec<u8>, Error> {
    pdf::render(doc, font)
}

/// The page number's line for page `n` of `m`.
pub fn page_number(lang: Lang, n: usize, m: usize) -> String {
    match lang {
        Lang::Zh => format!("第 {n} 页 / 共 {m} 页"),
        Lang::En => format!("Page {n} of {m}"),
    }
}
