//! CSV in and out. In: UTF-8 with or without a BOM, or GBK as WPS and older Excel save it (valid
//! UTF-8 is taken as UTF-8, anything else is decoded as GBK). Out: UTF-8 with a BOM, which is what
//! makes Excel on Windows open Chinese text correctly.

use crate::grid::{Grid, Value};

/// Decodes the bytes: UTF-8 (BOM dropped) when they are valid UTF-8, else GBK.
pub(crate) fn decode(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => encoding_rs::GBK
            .decode_without_bom_handling(bytes)
            .0
            .into_owned(),
    }
}

/// RFC 4180 records: quoted fields may hold commas, doubled quotes and line breaks.
pub(crate) fn parse(text: &str) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    let mut any = false;
    while let Some(c) = chars.next() {
        any = true;
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => quoted = false,
                c => field.push(c),
            }
            continue;
        }
        match c {
            '"' if field.is_empty() => quoted = true,
            ',' => record.push(std::mem::take(&mut field)),
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => {
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
                any = false;
            }
            c => field.push(c),
        }
    }
    if any {
        record.push(field);
        records.push(record);
    }
    records
}

pub(crate) fn grid(bytes: &[u8], name: String) -> Grid {
    let rows = parse(&decode(bytes))
        .into_iter()
        .map(|r| {
            r.into_iter()
                .map(|s| {
                    if s.trim().is_empty() {
                        Value::Empty
                    } else {
                        Value::Text(unneutralise(s))
                    }
                })
                .collect()
        })
        .collect();
    Grid::new(name, rows, Vec::new())
}

/// A cell that would start with `=`, `+`, `-` or `@` is written with a leading `'` so that Excel
/// and WPS take it as text, never as a formula (issue 16).
pub(crate) fn neutralise(field: String) -> String {
    if field.starts_with(['=', '+', '-', '@']) {
        format!("'{field}")
    } else {
        field
    }
}

/// Undoes [`neutralise`] on read: `'-5` is `-5` again, `'+86 138…` a phone again.
pub(crate) fn unneutralise(field: String) -> String {
    match field.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@']) => rest.to_owned(),
        _ => field,
    }
}

/// Quotes a field when it holds a comma, quote or line break.
pub(crate) fn escape(field: &str, out: &mut String) {
    if field.contains([',', '"', '\n', '\r']) {
        out.push('"');
        out.push_str(&field.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(field);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_fields_and_line_endings() {
        let rows = parse("a,\"b,1\",\"say \"\"hi\"\"\"\r\n\"two\nlines\",,x\n");
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0], vec!["a", "b,1", "say \"hi\""]);
        assert_eq!(rows[1], vec!["two\nlines", "", "x"]);
    }

    #[test]
    fn formula_cells_are_neutralised_and_read_back_as_they_were() {
        for (cell, written) in [
            ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
            ("+86 138 0013 8000", "'+86 138 0013 8000"),
            ("-5", "'-5"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("张三", "张三"),
            ("'quoted", "'quoted"),
        ] {
            assert_eq!(neutralise(cell.to_owned()), written);
            assert_eq!(unneutralise(written.to_owned()), cell);
        }
    }

    #[test]
    fn gbk_and_bom() {
        let (gbk, _, _) = encoding_rs::GBK.encode("姓名,身份证号");
        assert_eq!(decode(&gbk), "姓名,身份证号");
        assert_eq!(decode("\u{feff}姓名".as_bytes()), "姓名");
    }
}
