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
pub mod clock;
pub mod event_type_picker;
pub mod json_view;
pub mod recent_runs;
pub mod run_badge;
pub mod timestamp;
pub mod add_step;
pub mod step_list;
pub mod step_panel;
pub mod metadata_editor;
pub mod download;
pub mod reset_menu;
pub mod template_gallery;
