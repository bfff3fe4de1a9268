//! Reusable parts of the interface, one public component per file.

pub mod action_picker;
pub mod add_step;
pub mod builder;
pub mod clock;
pub mod condition_editor;
pub mod download;
pub mod empty_state;
pub mod event_type_picker;
pub mod field_picker;
pub mod json_view;
pub mod metadata_editor;
pub mod modal;
pub mod overflow_menu;
pub mod param_input;
pub mod recent_runs;
pub mod reset_menu;
pub mod run_badge;
pub mod sidebar;
pub mod sources;
pub mod status_badge;
pub mod step_list;
pub mod step_panel;
pub mod template_gallery;
pub mod timestamp;
pub mod trigger_picker;
pub mod value_picker;
