pub mod chips;
pub mod highlighted;
pub mod masked_value;
pub mod nav;
pub mod progress;
pub mod search_box;
pub mod sync_login;
