//! Made-up registers for benchmarks and demos: realistic in shape (title row, two-row header with
//! a merged 地址 group, addresses merged down each household, date cells), valid in content
//! (every ID number has its right check digit), and fictitious (names and numbers are invented).
//!
//! `cargo run -p linli-sheets --release --example import_bench` times reading one of these.

use std::path::Path;

use rust_xlsxwriter::{ExcelDateTime, Format, FormatAlign, Workbook, XlsxError};

use crate::error::{Error, Result};

/// Appends the GB 11643 check digit to 17 digits (the domain's rule).
///
/// # Panics
/// If `first17` is not 17 ASCII digits.
pub fn with_check_digit(first17: &str) -> String {
    let check = linli_domain::idcard::check_digit(first17).expect("17 ASCII digits");
    format!("{first17}{check}")
}

const SURNAMES: &[&str] = &["林", "陈", "黄", "张", "王", "李", "郑", "吴", "刘", "杨"];
const GIVEN: &[&str] = &[
    "伟", "芳", "秀英", "建国", "丽", "强", "敏", "志明", "桂兰", "晓东", "子涵", "一诺",
];
const RELATIONS: &[&str] = &["户主", "配偶", "子", "女", "父亲", "母亲"];

/// A register of `residents` rows as .xlsx bytes, in households of one to four.
pub fn register_xlsx(residents: usize) -> Result<Vec<u8>> {
    build(residents).map_err(|e| Error::Xlsx(e.to_string()))
}

/// Writes [`register_xlsx`] to a file.
pub fn write_register(path: &Path, residents: usize) -> Result<()> {
    let bytes = register_xlsx(residents)?;
    std::fs::write(path, bytes).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })
}

fn build(residents: usize) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("居民信息")?;
    let center = Format::new().set_align(FormatAlign::Center);
    let date = Format::new().set_num_format("yyyy-mm-dd");
    ws.merge_range(0, 0, 0, 11, "某某社区居民信息登记台账", &center)?;
    for (c, h) in ["序号", "姓名", "公民身份号码", "性别", "出生日期"]
        .iter()
        .enumerate()
    {
        ws.merge_range(1, c as u16, 2, c as u16, h, &center)?;
    }
    ws.merge_range(1, 5, 1, 7, "地址", &center)?;
    for (c, h) in ["楼栋", "单元", "门牌号"].iter().enumerate() {
        ws.write_string(2, 5 + c as u16, *h)?;
    }
    for (c, h) in ["与户主关系", "联系电话", "人户状态", "重点人群"]
        .iter()
        .enumerate()
    {
        ws.merge_range(1, 8 + c as u16, 2, 8 + c as u16, h, &center)?;
    }
    let mut row = 3u32;
    let mut n = 0usize;
    let mut household = 0usize;
    while n < residents {
        let size = (1 + household % 4).min(residents - n);
        let (building, unit, room) = (
            format!("{}栋", 1 + household / 120),
            format!("{}单元", 1 + (household / 24) % 5),
            format!("{}", 101 + (household % 24) / 4 * 100 + household % 4),
        );
        for (c, v) in [building, unit, room].iter().enumerate() {
            if size > 1 {
                ws.merge_range(
                    row,
                    5 + c as u16,
                    row + size as u32 - 1,
                    5 + c as u16,
                    v,
                    &center,
                )?;
            } else {
                ws.write_string(row, 5 + c as u16, v)?;
            }
        }
        for m in 0..size {
            let r = row + m as u32;
            let (y, mo, d) = (
                1940 + (n % 70) as u16,
                1 + (n % 12) as u8,
                1 + (n % 28) as u8,
            );
            let seq = n % 1000;
            let id = with_check_digit(&format!("350102{y:04}{mo:02}{d:02}{seq:03}"));
            ws.write_number(r, 0, (n + 1) as f64)?;
            ws.write_string(r, 1, format!("{}{}", SURNAMES[n % 10], GIVEN[n % 12]))?;
            ws.write_string(r, 2, &id)?;
            ws.write_string(r, 3, if seq % 2 == 1 { "男" } else { "女" })?;
            ws.write_datetime_with_format(r, 4, &ExcelDateTime::from_ymd(y, mo, d)?, &date)?;
            ws.write_string(r, 8, RELATIONS[if m == 0 { 0 } else { 1 + (m + n) % 5 }])?;
            ws.write_string(r, 9, format!("13{:09}", n * 7919 % 1_000_000_000))?;
            ws.write_string(r, 10, "人户一致")?;
            if n % 17 == 0 {
                ws.write_string(r, 11, "独居老人、低保")?;
            }
            n += 1;
        }
        row += size as u32;
        household += 1;
    }
    book.save_to_buffer()
}
