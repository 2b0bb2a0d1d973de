pub mod household;
pub mod not_built;
pub mod register;
