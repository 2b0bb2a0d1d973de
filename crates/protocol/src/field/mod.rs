//! Field work on the wire: visits and their corrections, the day's visit list, coverage, the
//! nightly review and weekly agenda, tasks through the five-list flow, attachments, and a
//! household's timeline. Times are "YYYY-MM-DD HH:MM" text, days "YYYY-MM-DD"; a request's
//! `today` defaults to the laptop's local date.

mod attachments;
mod tasks;
mod timeline;
mod visits;

pub use attachments::*;
pub use tasks::*;
pub use timeline::*;
pub use visits::*;
