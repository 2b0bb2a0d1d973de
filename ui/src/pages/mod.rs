pub mod not_built;
pub mod register;
pub mod sync;
