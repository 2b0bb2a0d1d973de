//! linli-store's integration tests, one binary (issue 18): each module is one subject, on real
//! SQLite files; `common` holds the helpers more than one of them uses.
//!
//! mod list:
//! - `addresses`: the one full-address formatter and search by address
//! - `at_rest`: the encrypted file, its log, its key file and attachments (issue 16)
//! - `councils`: residents' councils, liaison points and suggestions (issue 20 items 2 and 5)
//! - `board`: the month's theme, duty boards and notices (issue 20 items 3, 4, 5a)
//! - `export_marks`: what every export says about itself; CSV cells that would be formulas
//! - `field_work`: visits, corrections, Today, coverage, tasks, attachments, review, timeline
//! - `household_checks`: editing residents and the household-level checks
//! - `import`: registers imported from .xlsx and .csv
//! - `lending`: 米邻驿站, the sharing station's lending register (issue 19)
//! - `mediation`: the mediation register (人民调解, issue 20 item 1)
//! - `patrols`: security patrols (巡防, issue 25 item 2)
//! - `programmes`: programmes for residents' children (托管, issue 25 item 1)
//! - `circle`: the 15-minute neighbourhood service circle (服务圈, issue 25 item 3)
//! - `places`: compounds, buildings with units and units added, renamed and moved
//! - `place_details`: a building's floors, with the building and changed later (synced)
//! - `register`: households, residents, grids and search through the one write path
//! - `reveals_seen`: 查看记录, a reveal stamped by the server and pulled, and one not yet synced
//! - `rules`: a community's rules (station name, care tags, intervals, escalation, points)
//! - `unknown_codes`: codes a newer laptop wrote, kept, shown as unknown and exported as written
//! - `unknown_places`: a place of a kind a newer laptop wrote: the tree loads, the export keeps it
//! - `round_trip`: a register handed from one station to another through its own files
//! - `volunteer_lists`: volunteers and teams lists handed to another laptop
//! - `volunteers`: the volunteer time bank

mod common;

mod addresses;
mod at_rest;
mod board;
mod circle;
mod council_gaps;
mod councils;
mod export_marks;
mod field_work;
mod household_checks;
mod import;
mod lending;
mod mediation;
mod patrols;
mod place_details;
mod places;
mod programme_staff;
mod programmes;
mod register;
mod reveals_seen;
mod round_trip;
mod rules;
mod unknown_codes;
mod unknown_places;
mod volunteer_lists;
mod volunteers;
// issue 16 item 2: a steward's laptop exports, reveals and searches no number
mod withheld;
