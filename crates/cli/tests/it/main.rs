//! The `linli` binary's tests, one binary (issue 18): real processes on real database files, and
//! real `linli serve` processes on 127.0.0.1 where a test syncs. `common` holds what more than one
//! module uses.
//!
//! mod list:
//! - `accounts`: the admin commands' audit rows, disabled users, HTTPS with the county CA
//! - `cli`: `exec`, `--db`/`LINLI_DB`, unusable files, `import`, `export`, `report`, `search`
//! - `counties`: two counties on one `linli serve`
//! - `erasure`: `linli admin erase` and `linli admin purge`, and laptops following them
//! - `exec_sync`: `linli exec` carrying out the Sync page's requests
//! - `hand_over`: a register moved between stations with two files
//! - `lending`: `linli report lending`, `linli export loans` and the desk through `linli exec`
//! - `laptop_handover`: `linli login` as another user, refusing while changes cannot go
//! - `reveals`: `linli admin reveals` lists the reveals laptops synced, as the server stamped them
//! - `sheets_out`: visits, tasks, hours and the monthly report written as sheets
//! - `sync_processes`: a laptop killed mid-sync loses and doubles nothing
//! - `time_bank`: `linli report hours` and `linli ledger`

mod common;

mod accounts;
mod cli;
mod counties;
mod erasure;
mod exec_sync;
mod hand_over;
mod laptop_handover;
mod lending;
mod reveals;
mod sheets_out;
mod sync_processes;
mod time_bank;
