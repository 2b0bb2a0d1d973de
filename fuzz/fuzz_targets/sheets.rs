//! The spreadsheet reader on any bytes, as an .xlsx, an .xls and a .csv (UTF-8 or GBK): it answers
//! with sheets, a report or an error, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use linli_sheets::{inspect, read_register, ImportOptions};

fuzz_target!(|data: &[u8]| {
    let dir = std::env::temp_dir().join(format!("linli-fuzz-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    for ext in ["xlsx", "xls", "csv"] {
        let path = dir.join(format!("input.{ext}"));
        if std::fs::write(&path, data).is_err() {
            return;
        }
        let options = ImportOptions::default();
        let _ = inspect(&path, &options);
        let _ = read_register(&path, &options);
    }
});
