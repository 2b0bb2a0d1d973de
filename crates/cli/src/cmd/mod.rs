pub mod communities;
pub mod demo;
pub mod exec;
pub mod export;
pub mod import;
pub mod search;
