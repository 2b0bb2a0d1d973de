pub mod chips;
pub mod highlighted;
pub mod masked_value;
pub mod nav;
pub mod search_box;
