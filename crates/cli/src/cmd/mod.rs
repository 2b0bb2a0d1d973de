pub mod communities;
pub mod demo;
pub mod exec;
