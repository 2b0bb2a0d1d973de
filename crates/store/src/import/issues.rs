//! Why an import refuses or warns about a row, as the window is told it: always a catalogue code
//! and its arguments (`Said`), a store error by its own code; the issues in the order of the
//! file's sheets and rows.

use linli_domain::{args, msg};
use linli_protocol::RowIssue;
use linli_sheets::{ImportReport, Issue, Resident as SheetResident, Said};

use super::Run;

pub(super) fn issue(i: &Issue) -> RowIssue {
    row_issue(i.clone())
}

/// A row's issue as the protocol carries it: the reason with its catalogue code and arguments.
pub(crate) fn row_issue(i: Issue) -> RowIssue {
    RowIssue::coded(i.sheet, i.row, i.reason, i.code, i.args)
}

/// A store error as a row's reason: its catalogue code and arguments (every refusal of the store
/// has one), else the sentence inside `import_row_other`.
pub(crate) fn said(e: &crate::Error) -> Said {
    match e.code() {
        Some((code, args)) => Said::coded(code, args, e.to_string()),
        None => Said::new(msg::IMPORT_ROW_OTHER, args![reason = e]),
    }
}

/// Sheets in the order the file has them, then rows in order.
pub(super) fn sort_issues(report: &ImportReport, list: &mut [RowIssue]) {
    let sheet_order = |name: &str| {
        report
            .sheets
            .iter()
            .position(|s| match s {
                linli_sheets::SheetOutcome::Read { layout, .. } => layout.sheet == name,
                linli_sheets::SheetOutcome::Skipped { sheet, .. } => sheet == name,
            })
            .unwrap_or(usize::MAX)
    };
    list.sort_by_key(|i| (sheet_order(&i.sheet), i.row));
}

impl Run {
    pub(super) fn refuse(&mut self, r: &SheetResident, reason: Said) {
        self.summary
            .refused
            .push(row_issue(Issue::new(r.sheet.clone(), r.row, reason)));
    }

    pub(super) fn warn(&mut self, r: &SheetResident, reason: Said) {
        self.summary
            .warnings
            .push(row_issue(Issue::new(r.sheet.clone(), r.row, reason)));
    }
}

#[cfg(test)]
mod tests {
    /// Every row an import refuses or warns about gets its reason from the message catalogue
    /// (`linli_domain::msg`), so the window can say it in the chosen language: the reasons are
    /// built only as `Said` (a code and its arguments), and no `RowIssue` or sheet `Issue` is
    /// written out by hand with a plain sentence. A new one fails here: give it a code instead.
    #[test]
    fn no_new_row_issue_without_a_catalogue_code() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let dirs = [root.join("src/import"), root.join("../sheets/src")];
        let mut plain = Vec::new();
        for dir in dirs {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                let text = std::fs::read_to_string(&path).unwrap();
                let name = path.file_name().unwrap().to_string_lossy();
                // `Issue::new`, the one constructor, beside its type
                let own = usize::from(name == "report.rs");
                let literals = text
                    .lines()
                    .map(str::trim)
                    .filter(|l| l.ends_with(concat!("Issue", " {")))
                    .filter(|l| {
                        !l.starts_with("impl") && !l.contains("struct") && !l.contains("fn ")
                    })
                    .count();
                if literals > own
                    || text.contains(concat!("reason: ", "format!("))
                    || text.contains(concat!("issue(", "format!("))
                    || text.contains(concat!("warn(", "format!("))
                    || text.contains(concat!("refuse(", "format!("))
                {
                    plain.push(path.display().to_string());
                }
            }
        }
        assert!(
            plain.is_empty(),
            "a row issue built without a catalogue code in:\n{}",
            plain.join("\n")
        );
    }
}
