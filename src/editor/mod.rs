//! The workflow editor's own parts: the builder that holds the draft, the flow of steps,
//! the configuration panel and what it is made of (trigger and action pickers, parameter
//! inputs, the condition editor, the field and dynamic value pickers). Only the workflow
//! page uses them; parts several pages share are in [`components`](crate::components).

pub mod action_picker;
pub mod add_step;
pub mod builder;
pub mod condition_editor;
pub mod coverage;
pub mod field_picker;
pub mod panel_resizer;
pub mod param_input;
pub mod sources;
pub mod step_list;
pub mod step_panel;
pub mod test_bench;
pub mod trigger_picker;
pub mod value_picker;
