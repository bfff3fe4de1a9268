//! Parts of the interface several pages share, one public component per file. The
//! workflow editor's own parts are in [`editor`](crate::editor).

pub mod clock;
pub mod customer_form;
pub mod definition_view;
pub mod download;
pub mod empty_state;
pub mod event_type_picker;
pub mod grouped_search;
pub mod import_events;
pub mod json_view;
pub mod key_value_rows;
pub mod link;
pub mod modal;
pub mod overflow_menu;
pub mod recent_runs;
pub mod reset_menu;
pub mod run_badge;
pub mod run_diff_view;
pub mod save_as_test;
pub mod sidebar;
pub mod status_badge;
pub mod storage_room;
pub mod template_gallery;
pub mod timestamp;
pub mod update_notice;
