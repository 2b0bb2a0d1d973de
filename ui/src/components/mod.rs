pub mod nav;
pub mod progress;
pub mod sync_login;
