//! The `linli` binary's tests, one binary (issue 18): real processes on real database files, and
//! real `linli serve` processes on 127.0.0.1 where a test syncs. `common` holds what more than one
//! module uses.
//!
//! mod list:
//! - `accounts`: the admin commands' audit rows, disabled users, HTTPS with the county CA
//! - `board`: the month's theme, a notice and a duty board through `linli exec` (issue 20)
//! - `backups`: `linli backup` and `linli restore`, byte-identical, and the refusals
//! - `circle`: the service circle through `linli exec` and `linli report circle`
//! - `cli`: `exec`, `--db`/`LINLI_DB`, unusable files, `import`, `export`, `report`, `search`
//! - `councils`: a council topic and a suggestion through `linli exec`, `linli report councils|suggestions`
//! - `counties`: two counties on one `linli serve`
//! - `dashboard`: `linli report dashboard`, its figures against the exported lists
//! - `erasure`: `linli admin erase` and `linli admin purge`, and laptops following them
//! - `mediation_erasure`: an outsider party of a mediation case erased, a resident party following its resident
//! - `exec_sync`: `linli exec` carrying out the Sync page's requests
//! - `hand_over`: a register moved between stations with two files
//! - `lending`: `linli report lending`, `linli export loans` and the desk through `linli exec`
//! - `mediation`: a mediation case through `linli exec` and `linli report mediation`
//! - `patrols`: a patrol team, rota, log and a finding made a request through `linli exec`, and `linli report patrols`
//! - `programmes`: a 四点半学校 through `linli exec` and `linli report programmes`
//! - `laptop_handover`: `linli login` as another user, refusing while changes cannot go
//! - `pdf`: the monthly report, a statement, visit sheets and a 楼盘表 as PDF, their text read back by pdftotext
//! - `reveals`: `linli admin reveals` lists the reveals laptops synced, as the server stamped them
//! - `server_config`: `linli serve --config` and `linli admin --config`, flags over the file
//! - `sheets_out`: visits, tasks, hours and the monthly report written as sheets
//! - `sync_processes`: a laptop killed mid-sync loses and doubles nothing
//! - `targets`: `linli report targets` and the targets through `linli exec`
//! - `time_bank`: `linli report hours` and `linli ledger`
//! - `updates`: `linli admin release` signs, `linli serve --updates` serves, a laptop's code verifies

mod common;

mod accounts;
mod backups;
mod board;
mod circle;
mod cli;
mod councils;
mod counties;
mod dashboard;
mod erasure;
mod exec_sync;
mod hand_over;
mod laptop_handover;
mod lending;
mod mediation;
mod mediation_erasure;
mod patrols;
mod pdf;
mod programmes;
mod reveals;
mod server_config;
mod sheets_out;
mod sync_processes;
mod targets;
mod time_bank;
mod updates;
