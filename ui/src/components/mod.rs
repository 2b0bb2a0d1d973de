pub mod export_button;
pub mod nav;
pub mod place_picker;
