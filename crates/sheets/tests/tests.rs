//! linli-sheets integration tests. Every sheet is built in code; no binary fixtures.

mod support;

// An .xlsx as a community really keeps it: title, merged two-row header, merged addresses,
// numeric and broken ID numbers, date cells, total and note rows, an instructions sheet.
mod xlsx;
// A GBK .csv as WPS saves it, with blank-below-head addresses and every date wording.
mod csv;
// An .xls (BIFF8 written by tests/support) with a merged header and merged addresses.
mod xls;
// The reviewable mapping: JSON round trip, corrections applied, columns ignored.
mod mapping;
// Export: .xlsx and .csv read back, ID numbers intact as text, BOM present.
mod export;
