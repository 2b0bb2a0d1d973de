//! The laid-out pages written by krilla: text as glyphs of the one font (krilla embeds a subset
//! of it, with the text's Unicode so the PDF's text can be searched and copied), rectangles
//! filled in gray.

use krilla::color::luma;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::metadata::Metadata;
use krilla::page::PageSettings;
use krilla::paint::Fill;
use krilla::text::{Font, GlyphId, KrillaGlyph};
use krilla::Data;

use crate::layout::{lay_out, Item};
use crate::{Document, Error, FontFile, Lang};

pub(crate) fn render(doc: &Document, file: &FontFile) -> Result<Vec<u8>, Error> {
    let metrics = file.metrics()?;
    let pages = lay_out(doc, &metrics)?;
    let font = Font::new(Data::from(file.data.clone()), file.index).ok_or_else(|| {
        Error::FontUnreadable {
            path: file.path.display().to_string(),
            reason: "krilla cannot read it".into(),
        }
    })?;
    let mut pdf = krilla::Document::new();
    pdf.set_metadata(
        Metadata::new()
            .title(doc.title.clone())
            .creator("Linli 邻里".into())
            .language(match doc.lang {
                Lang::Zh => "zh-CN".into(),
                Lang::En => "en".into(),
            }),
    );
    for p in &pages {
        let settings = PageSettings::from_wh(p.width, p.height)
            .ok_or_else(|| Error::Pdf("bad page size".into()))?;
        let mut page = pdf.start_page_with(settings);
        let mut s = page.surface();
        for it in &p.items {
            match it {
                Item::Rect { x, y, w, h, gray } => {
                    let Some(r) = Rect::from_xywh(*x, *y, *w, *h) else {
                        continue;
                    };
                    let mut b = PathBuilder::new();
                    b.push_rect(r);
                    if let Some(path) = b.finish() {
                        s.set_fill(Some(Fill {
                            paint: luma::Color::new(*gray).into(),
                            ..Fill::default()
                        }));
                        s.draw_path(&path);
                    }
                }
                Item::Text { x, y, size, text } => {
                    let glyphs: Vec<KrillaGlyph> = text
                        .char_indices()
                        .map(|(i, c)| {
                            let (g, adv) = metrics.glyph(c);
                            KrillaGlyph::new(
                                GlyphId::new(g.to_u32()),
                                adv,
                                0.0,
                                0.0,
                                0.0,
                                i..i + c.len_utf8(),
                                None,
                            )
                        })
                        .collect();
                    s.set_fill(Some(Fill::default()));
                    s.draw_glyphs(
                        Point::from_xy(*x, *y),
                        &glyphs,
                        font.clone(),
                        text,
                        *size,
                        false,
                    );
                }
            }
        }
        s.finish();
        page.finish();
    }
    pdf.finish().map_err(|e| Error::Pdf(format!("{e:?}")))
}

#[cfg(test)]
mod tests {
    use crate::{Block, Document, Table};

    /// A real PDF in the system's CJK font: it starts and ends as a PDF should, and holds a
    /// subset of the font, far smaller than the font file (Noto Sans CJK is about 20 MB).
    #[test]
    fn a_pdf_embeds_a_subset_of_the_font() {
        let font = crate::find_font().expect("a CJK font (fonts-noto-cjk)");
        let doc = Document {
            title: "测试".into(),
            blocks: vec![
                Block::Title("幸福里社区 2026年11月 网格工作月报".into()),
                Block::Table(Table {
                    headers: vec!["项目".into(), "本月".into()],
                    widths: vec![],
                    rows: vec![vec!["走访（户次）".into(), "42".into()]],
                }),
                Block::Qr {
                    code: "LINLI-HH:1".into(),
                    lines: vec!["1号楼".into()],
                },
            ],
            ..Document::default()
        };
        let bytes = crate::render(&doc, &font).unwrap();
        assert!(bytes.starts_with(b"%PDF-"));
        assert!(bytes.len() < 200_000, "{} bytes", bytes.len());
        assert!(
            bytes.len() * 20 < font.data.len(),
            "{} bytes against a font of {}",
            bytes.len(),
            font.data.len()
        );
    }
}
