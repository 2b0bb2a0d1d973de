//! Builders shared by the tests: made-up ID numbers with right check digits, and a minimal BIFF8
//! (.xls) writer, since no Rust crate writes .xls.

#![allow(dead_code)]

use std::io::{Cursor, Write};

pub use linli_sheets::synth::with_check_digit as id;

/// A valid ID number whose check digit is X, for the given region + birth date (14 digits).
pub fn id_ending_in_x(prefix14: &str) -> String {
    (0..1000)
        .map(|seq| id(&format!("{prefix14}{seq:03}")))
        .find(|s| s.ends_with('X'))
        .expect("one in eleven ends in X")
}

/// ASCII digits → full-width digits, as some input methods type them.
pub fn full_width(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '0'..='9' => char::from_u32('０' as u32 + (c as u32 - '0' as u32)).unwrap(),
            c => c,
        })
        .collect()
}

/// A cell of an .xls sheet.
pub enum X {
    T(&'static str),
    S(String),
    N(f64),
    /// A date cell: the serial number with a built-in date format (XF 1 → format 14).
    D(chrono::NaiveDate),
}

pub struct XlsSheet {
    pub name: &'static str,
    /// (row, col, value), 0-based.
    pub cells: Vec<(u16, u16, X)>,
    /// (first_row, last_row, first_col, last_col), 0-based.
    pub merges: Vec<(u16, u16, u16, u16)>,
}

fn record(out: &mut Vec<u8>, typ: u16, data: &[u8]) {
    assert!(
        data.len() <= 8224,
        "a BIFF8 record holds at most 8224 bytes"
    );
    out.extend(typ.to_le_bytes());
    out.extend((data.len() as u16).to_le_bytes());
    out.extend(data);
}

fn bof(dt: u16) -> Vec<u8> {
    let mut d = Vec::new();
    d.extend(0x0600u16.to_le_bytes()); // BIFF8
    d.extend(dt.to_le_bytes()); // 0x0005 globals, 0x0010 worksheet
    d.extend(0x0DBBu16.to_le_bytes()); // build
    d.extend(0x07CCu16.to_le_bytes()); // year
    d.extend([0u8; 8]); // file history flags, lowest BIFF version
    d
}

fn utf16(s: &str) -> Vec<u8> {
    s.encode_utf16().flat_map(u16::to_le_bytes).collect()
}

/// The Workbook stream: globals (BOF, two XF, BOUNDSHEET8 per sheet, EOF), then each sheet's
/// substream (BOF, LABEL/NUMBER cells, MERGEDCELLS, EOF). Strings are stored as UTF-16 (fHighByte = 1).
fn workbook_stream(sheets: &[XlsSheet]) -> Vec<u8> {
    let mut bodies = Vec::new();
    for sheet in sheets {
        let mut s = Vec::new();
        record(&mut s, 0x0809, &bof(0x0010));
        for (r, c, v) in &sheet.cells {
            let mut d = Vec::new();
            d.extend(r.to_le_bytes());
            d.extend(c.to_le_bytes());
            d.extend(0u16.to_le_bytes()); // XF index
            match v {
                X::D(date) => {
                    let epoch = chrono::NaiveDate::from_ymd_opt(1899, 12, 30).unwrap();
                    d[4..6].copy_from_slice(&1u16.to_le_bytes());
                    d.extend(((*date - epoch).num_days() as f64).to_le_bytes());
                    record(&mut s, 0x0203, &d); // NUMBER, date-formatted
                }
                X::N(n) => {
                    d.extend(n.to_le_bytes());
                    record(&mut s, 0x0203, &d); // NUMBER
                }
                X::T(_) | X::S(_) => {
                    let text = match v {
                        X::T(t) => t.to_string(),
                        X::S(t) => t.clone(),
                        X::N(_) | X::D(_) => unreachable!(),
                    };
                    d.extend((text.encode_utf16().count() as u16).to_le_bytes());
                    d.push(1);
                    d.extend(utf16(&text));
                    record(&mut s, 0x0204, &d); // LABEL
                }
            }
        }
        if !sheet.merges.is_empty() {
            let mut d = Vec::new();
            d.extend((sheet.merges.len() as u16).to_le_bytes());
            for (rf, rl, cf, cl) in &sheet.merges {
                for v in [rf, rl, cf, cl] {
                    d.extend(v.to_le_bytes());
                }
            }
            record(&mut s, 0x00E5, &d); // MERGEDCELLS
        }
        record(&mut s, 0x000A, &[]);
        bodies.push(s);
    }

    let boundsheet = |pos: u32, name: &str| {
        let mut d = Vec::new();
        d.extend(pos.to_le_bytes());
        d.extend([0u8, 0u8]); // visible worksheet
        d.push(name.encode_utf16().count() as u8);
        d.push(1);
        d.extend(utf16(name));
        d
    };
    // Two cell formats: XF 0 general, XF 1 the built-in date format 14.
    let xf = |ifmt: u16| {
        let mut d = vec![0u8; 20];
        d[2..4].copy_from_slice(&ifmt.to_le_bytes());
        d
    };
    let mut globals_len = 4 + bof(0x0005).len() + 2 * (4 + 20) + 4;
    for sheet in sheets {
        globals_len += 4 + boundsheet(0, sheet.name).len();
    }
    let mut out = Vec::new();
    record(&mut out, 0x0809, &bof(0x0005));
    record(&mut out, 0x00E0, &xf(0));
    record(&mut out, 0x00E0, &xf(14));
    let mut pos = globals_len;
    for (sheet, body) in sheets.iter().zip(&bodies) {
        record(&mut out, 0x0085, &boundsheet(pos as u32, sheet.name));
        pos += body.len();
    }
    record(&mut out, 0x000A, &[]);
    assert_eq!(out.len(), globals_len);
    for body in bodies {
        out.extend(body);
    }
    out
}

/// An .xls file (OLE2 compound file holding a BIFF8 Workbook stream).
pub fn xls_bytes(sheets: &[XlsSheet]) -> Vec<u8> {
    let mut cf = cfb::CompoundFile::create(Cursor::new(Vec::new())).unwrap();
    {
        let mut stream = cf.create_stream("/Workbook").unwrap();
        stream.write_all(&workbook_stream(sheets)).unwrap();
    }
    cf.flush().unwrap();
    cf.into_inner().into_inner()
}
