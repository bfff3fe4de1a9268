//! Reusable parts of the interface, one public component per file.

pub mod empty_state;
pub mod sidebar;
pub mod action_picker;
pub mod builder;
pub mod condition_editor;
pub mod field_picker;
pub mod modal;
pub mod overflow_menu;
pub mod param_input;
pub mod sources;
pub mod status_badge;
pub mod trigger_picker;
pub mod value_picker;
pub mod add_step;
pub mod step_list;
pub mod step_panel;
pub mod download;
pub mod template_gallery;
