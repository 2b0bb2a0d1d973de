pub mod field;
pub mod not_built;
pub mod register;
pub mod reports;
pub mod tasks;
pub mod today;
pub mod visits;
pub mod volunteers;
