pub mod nav;
pub mod place_picker;
