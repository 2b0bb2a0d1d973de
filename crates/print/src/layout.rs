//! The document laid out on pages: positioned lines of text and filled rectangles (rules, table
//! header shading, QR modules), in points from the page's top-left corner. Pure: the widths come
//! from a [`Measure`], so tests lay out without a font.

use crate::text::{break_lines, Measure};
use crate::{page_number, Block, Document, Error, Orientation, Table};

/// A4 in points.
pub const A4: (f32, f32) = (595.28, 841.89);
const MARGIN: f32 = 48.0;
const BOTTOM: f32 = 60.0;
pub const TITLE: f32 = 17.0;
pub const HEADING: f32 = 12.5;
pub const BODY: f32 = 10.0;
pub const SMALL: f32 = 9.0;
const LEADING: f32 = 1.45;
const PAD: f32 = 3.5;
const RULE: f32 = 0.6;
const QR_SIDE: f32 = 92.0;

/// One thing drawn on a page.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// A line of text; `y` is its baseline.
    Text {
        x: f32,
        y: f32,
        size: f32,
        text: String,
    },
    /// A filled rectangle, `gray` 0 black … 255 white.
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        gray: u8,
    },
}

/// A laid-out page.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    pub width: f32,
    pub height: f32,
    pub items: Vec<Item>,
}

impl Page {
    /// Its lines of text, top to bottom as laid out.
    pub fn texts(&self) -> Vec<&str> {
        self.items
            .iter()
            .filter_map(|i| match i {
                Item::Text { text, .. } => Some(text.as_str()),
                Item::Rect { .. } => None,
            })
            .collect()
    }
}

struct Flow<'a> {
    m: &'a dyn Measure,
    w: f32,
    h: f32,
    pages: Vec<Page>,
    items: Vec<Item>,
    y: f32,
}

impl Flow<'_> {
    fn left(&self) -> f32 {
        MARGIN
    }
    fn width(&self) -> f32 {
        self.w - 2.0 * MARGIN
    }
    fn bottom(&self) -> f32 {
        self.h - BOTTOM
    }
    fn at_top(&self) -> bool {
        self.y <= MARGIN + 0.01
    }
    fn new_page(&mut self) {
        let items = std::mem::take(&mut self.items);
        self.pages.push(Page {
            width: self.w,
            height: self.h,
            items,
        });
        self.y = MARGIN;
    }
    /// Makes room for `h` points: a new page unless it fits here (or this page is still empty).
    fn need(&mut self, h: f32) {
        if self.y + h > self.bottom() && !self.at_top() {
            self.new_page();
        }
    }
    fn text(&mut self, x: f32, top: f32, size: f32, text: &str) {
        if !text.is_empty() {
            self.items.push(Item::Text {
                x,
                y: top + size * 0.88 + (LEADING - 1.0) * size / 2.0,
                size,
                text: text.to_owned(),
            });
        }
    }
    fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, gray: u8) {
        self.items.push(Item::Rect { x, y, w, h, gray });
    }
    /// Lines of `s` at `size` across `width` from `x`, each kept on a page.
    fn lines(&mut self, x: f32, width: f32, size: f32, s: &str) {
        for l in break_lines(s, width, size, self.m) {
            self.need(size * LEADING);
            let y = self.y;
            self.text(x, y, size, &l);
            self.y += size * LEADING;
        }
    }

    fn block(&mut self, b: &Block) -> Result<(), Error> {
        match b {
            Block::Title(t) => {
                let lines = break_lines(t, self.width(), TITLE, self.m);
                for l in lines {
                    self.need(TITLE * LEADING);
                    let x = self.left() + (self.width() - self.m.width(&l, TITLE)).max(0.0) / 2.0;
                    let y = self.y;
                    self.text(x, y, TITLE, &l);
                    self.y += TITLE * LEADING;
                }
                self.y += 6.0;
            }
            Block::Heading(t) => {
                self.need(HEADING * LEADING * 2.0 + 6.0); // not alone at a page's foot
                self.y += 6.0;
                let (x, w) = (self.left(), self.width());
                self.lines(x, w, HEADING, t);
                self.y += 2.0;
            }
            Block::Paragraph(t) => {
                let (x, w) = (self.left(), self.width());
                self.lines(x, w, BODY, t);
                self.y += 4.0;
            }
            Block::KeyValues(kv) => {
                let keys = kv
                    .iter()
                    .map(|(k, _)| self.m.width(k, BODY))
                    .fold(0.0, f32::max);
                let kw = (keys + BODY).min(self.width() * 0.35);
                for (k, v) in kv {
                    let kl = break_lines(k, kw - BODY / 2.0, BODY, self.m);
                    let vl = break_lines(v, self.width() - kw, BODY, self.m);
                    let n = kl.len().max(vl.len());
                    self.need(n as f32 * BODY * LEADING);
                    for (i, l) in kl.iter().enumerate() {
                        let y = self.y + i as f32 * BODY * LEADING;
                        self.text(self.left(), y, BODY, l);
                    }
                    for (i, l) in vl.iter().enumerate() {
                        let y = self.y + i as f32 * BODY * LEADING;
                        self.text(self.left() + kw, y, BODY, l);
                    }
                    self.y += n as f32 * BODY * LEADING;
                }
                self.y += 4.0;
            }
            Block::Table(t) => self.table(t),
            Block::Qr { code, lines } => self.qr(code, lines)?,
            Block::Space(h) => {
                self.y += h;
            }
            Block::PageBreak => {
                if !self.at_top() {
                    self.new_page();
                }
            }
        }
        Ok(())
    }

    /// A row of cells: its lines per cell and its height.
    fn row_lines(&self, cells: &[String], cols: &[f32]) -> (Vec<Vec<String>>, f32) {
        let lines: Vec<Vec<String>> = cols
            .iter()
            .enumerate()
            .map(|(i, w)| {
                let s = cells.get(i).map_or("", String::as_str);
                break_lines(s, w - 2.0 * PAD, SMALL, self.m)
            })
            .collect();
        let n = lines.iter().map(Vec::len).max().unwrap_or(1).max(1);
        (lines, n as f32 * SMALL * LEADING + 2.0 * PAD)
    }

    fn draw_row(&mut self, lines: &[Vec<String>], cols: &[f32], h: f32, shade: bool) {
        let (x0, y0) = (self.left(), self.y);
        let total: f32 = cols.iter().sum();
        if shade {
            self.rect(x0, y0, total, h, 232);
        }
        self.rect(x0, y0, total, RULE, 0);
        self.rect(x0, y0 + h - RULE, total, RULE, 0);
        let mut x = x0;
        for (i, w) in cols.iter().enumerate() {
            self.rect(x, y0, RULE, h, 0);
            for (j, l) in lines[i].iter().enumerate() {
                self.text(x + PAD, y0 + PAD + j as f32 * SMALL * LEADING, SMALL, l);
            }
            x += w;
        }
        self.rect(x - RULE, y0, RULE, h, 0);
        self.y += h;
    }

    fn table(&mut self, t: &Table) {
        let n = t.headers.len().max(1);
        let rel: Vec<f32> = if t.widths.len() == n {
            t.widths.clone()
        } else {
            vec![1.0; n]
        };
        let sum: f32 = rel.iter().sum::<f32>().max(f32::EPSILON);
        let cols: Vec<f32> = rel.iter().map(|r| r / sum * self.width()).collect();
        let (head, hh) = self.row_lines(&t.headers, &cols);
        let first = t.rows.first().map(|r| self.row_lines(r, &cols).1);
        self.need(hh + first.unwrap_or(0.0));
        self.draw_row(&head, &cols, hh, true);
        for r in &t.rows {
            let (lines, h) = self.row_lines(r, &cols);
            if self.y + h > self.bottom() {
                self.new_page();
                self.draw_row(&head, &cols, hh, true);
            }
            self.draw_row(&lines, &cols, h, false);
        }
        self.y += 8.0;
    }

    fn qr(&mut self, code: &str, lines: &[String]) -> Result<(), Error> {
        let qr = qrcode::QrCode::new(code.as_bytes()).map_err(|e| Error::Qr(e.to_string()))?;
        let n = qr.width();
        let colors = qr.to_colors();
        let text_x = self.left() + QR_SIDE + 2.0 * PAD + 8.0;
        let text_w = self.width() - (text_x - self.left()) - PAD;
        let mut text: Vec<(f32, String)> = Vec::new();
        for (i, l) in lines.iter().enumerate() {
            let size = if i == 0 { HEADING } else { BODY };
            for b in break_lines(l, text_w, size, self.m) {
                text.push((size, b));
            }
        }
        let text_h: f32 = text.iter().map(|(s, _)| s * LEADING).sum();
        let h = text_h.max(QR_SIDE) + 2.0 * PAD + 4.0;
        self.need(h + 6.0);
        let (x0, y0, w) = (self.left(), self.y, self.width());
        // the frame
        self.rect(x0, y0, w, RULE, 0);
        self.rect(x0, y0 + h - RULE, w, RULE, 0);
        self.rect(x0, y0, RULE, h, 0);
        self.rect(x0 + w - RULE, y0, RULE, h, 0);
        // the code: dark modules, runs along a row as one rectangle
        let quiet = 4.0; // the quiet zone the QR standard asks for, in modules
        let module = QR_SIDE / (n as f32 + 2.0 * quiet);
        let (qx, qy) = (x0 + PAD + module * quiet, y0 + PAD + 2.0 + module * quiet);
        for row in 0..n {
            let mut col = 0;
            while col < n {
                if colors[row * n + col] == qrcode::Color::Dark {
                    let start = col;
                    while col < n && colors[row * n + col] == qrcode::Color::Dark {
                        col += 1;
                    }
                    let (x, y) = (qx + start as f32 * module, qy + row as f32 * module);
                    // a hair wider, so neighbouring runs leave no seams
                    self.rect(x, y, (col - start) as f32 * module + 0.05, module + 0.05, 0);
                } else {
                    col += 1;
                }
            }
        }
        let mut y = y0 + PAD + 2.0;
        for (size, l) in &text {
            self.text(text_x, y, *size, l);
            y += size * LEADING;
        }
        self.y = y0 + h + 6.0;
        Ok(())
    }
}

/// The document on pages, each with its page number ("第 N 页 / 共 M 页" or "Page N of M") at
/// the foot.
pub fn lay_out(doc: &Document, m: &dyn Measure) -> Result<Vec<Page>, Error> {
    let (w, h) = match doc.orientation {
        Orientation::Portrait => A4,
        Orientation::Landscape => (A4.1, A4.0),
    };
    let mut f = Flow {
        m,
        w,
        h,
        pages: Vec::new(),
        items: Vec::new(),
        y: MARGIN,
    };
    for b in &doc.blocks {
        f.block(b)?;
    }
    if !f.items.is_empty() || f.pages.is_empty() {
        f.new_page();
    }
    let total = f.pages.len();
    for (i, p) in f.pages.iter_mut().enumerate() {
        let s = page_number(doc.lang, i + 1, total);
        let x = (w - m.width(&s, SMALL)) / 2.0;
        p.items.push(Item::Text {
            x,
            y: h - BOTTOM / 2.0,
            size: SMALL,
            text: s,
        });
    }
    Ok(f.pages)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tests::Fixed;
    use crate::{Block, Lang};

    fn doc(blocks: Vec<Block>) -> Document {
        Document {
            title: "t".into(),
            blocks,
            ..Document::default()
        }
    }

    fn table(rows: usize) -> Block {
        Block::Table(Table {
            headers: vec!["序号".into(), "项目".into(), "本月".into()],
            widths: vec![1.0, 4.0, 2.0],
            rows: (0..rows)
                .map(|i| vec![format!("{}", i + 1), format!("第{i}行"), "3".into()])
                .collect(),
        })
    }

    #[test]
    fn a_short_document_is_one_page_numbered_1_of_1() {
        let pages = lay_out(&doc(vec![Block::Title("月报".into()), table(3)]), &Fixed).unwrap();
        assert_eq!(pages.len(), 1);
        assert_eq!(pages[0].texts().last(), Some(&"第 1 页 / 共 1 页"));
        let en = Document {
            lang: Lang::En,
            ..doc(vec![])
        };
        let pages = lay_out(&en, &Fixed).unwrap();
        assert_eq!(
            pages[0].texts(),
            ["Page 1 of 1"],
            "an empty document is one page"
        );
    }

    #[test]
    fn a_long_table_repeats_its_header_on_every_page() {
        let pages = lay_out(&doc(vec![Block::Title("月报".into()), table(120)]), &Fixed).unwrap();
        assert!(pages.len() >= 3, "{} pages", pages.len());
        let total = pages.len();
        let mut seen = Vec::new();
        for (i, p) in pages.iter().enumerate() {
            let t = p.texts();
            assert_eq!(
                t.iter().filter(|s| **s == "项目").count(),
                1,
                "page {} has the header once",
                i + 1
            );
            let header_at = t.iter().position(|s| *s == "序号").unwrap();
            let first_row = t
                .iter()
                .position(|s| s.starts_with("第") && s.ends_with("行"));
            assert!(header_at < first_row.unwrap(), "header above the rows");
            assert_eq!(
                t.last().unwrap().to_string(),
                format!("第 {} 页 / 共 {total} 页", i + 1)
            );
            seen.extend(
                t.into_iter()
                    .filter(|s| s.ends_with("行"))
                    .map(str::to_owned),
            );
        }
        let want: Vec<String> = (0..120).map(|i| format!("第{i}行")).collect();
        assert_eq!(seen, want, "every row once, in order");
        // nothing below the foot margin but the page number
        for p in &pages {
            for it in &p.items[..p.items.len() - 1] {
                if let Item::Rect { y, h, .. } = it {
                    assert!(y + h <= p.height - BOTTOM + 0.01);
                }
            }
        }
    }

    #[test]
    fn landscape_is_wider_than_tall_and_holds_fewer_rows_per_page() {
        let portrait = lay_out(&doc(vec![table(200)]), &Fixed).unwrap();
        let landscape = lay_out(
            &Document {
                orientation: Orientation::Landscape,
                ..doc(vec![table(200)])
            },
            &Fixed,
        )
        .unwrap();
        assert!(landscape[0].width > landscape[0].height);
        assert!(landscape.len() > portrait.len());
    }

    #[test]
    fn qr_blocks_are_never_split_across_pages() {
        let blocks: Vec<Block> = (0..20)
            .map(|i| Block::Qr {
                code: format!("LINLI-HH:{i}"),
                lines: vec![format!("幸福里{i}号楼"), "张*三（户主）".into()],
            })
            .collect();
        let pages = lay_out(&doc(blocks), &Fixed).unwrap();
        assert!(pages.len() > 1);
        for p in &pages {
            for it in &p.items {
                if let Item::Rect { y, h, .. } = it {
                    assert!(y + h <= p.height - BOTTOM + 0.01);
                }
            }
        }
        let names: usize = pages
            .iter()
            .map(|p| p.texts().iter().filter(|s| s.ends_with("号楼")).count())
            .sum();
        assert_eq!(names, 20);
    }

    #[test]
    fn a_bad_qr_text_is_an_error_not_a_panic() {
        let long = "x".repeat(8000);
        let r = lay_out(
            &doc(vec![Block::Qr {
                code: long,
                lines: vec![],
            }]),
            &Fixed,
        );
        assert!(matches!(r, Err(Error::Qr(_))));
    }
}
