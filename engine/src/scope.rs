//! What a running workflow can read: the trigger event and the outputs of the steps that
//! have run so far.
//!
//! A scope borrows the event rather than copying it, so checking trigger conditions costs
//! no allocation for `data.object` paths; the rest of the envelope (`id`, `type`, ...) is
//! turned into JSON once, the first time a reference reads it.

use std::cell::OnceCell;

use serde_json::Value;

use crate::event::Event;
use crate::path::Found;
use crate::reference::{Reference, Root};

/// The values references resolve against during one run.
#[derive(Debug)]
pub struct Scope<'a> {
    event: &'a Event,
    envelope: OnceCell<Value>,
    steps: Vec<(String, Value)>,
}

impl<'a> Scope<'a> {
    /// A scope with the trigger event and no step output yet.
    pub fn new(event: &'a Event) -> Self {
        Self {
            event,
            envelope: OnceCell::new(),
            steps: Vec::new(),
        }
    }

    /// The trigger event.
    pub fn event(&self) -> &'a Event {
        self.event
    }

    /// Records the output of a step that ran.
    pub fn push_step(&mut self, id: &str, output: Value) {
        self.steps.push((id.to_owned(), output));
    }

    /// The output of a step that ran.
    pub fn step(&self, id: &str) -> Option<&Value> {
        self.steps.iter().find(|(s, _)| s == id).map(|(_, v)| v)
    }

    /// What `reference` points at now.
    pub fn find(&self, reference: &Reference) -> Found<'_> {
        let path = &reference.path;
        match &reference.root {
            Root::Step(id) => match self.step(id) {
                Some(output) => path.find(output),
                None => Found::Missing,
            },
            Root::Trigger => match (path.key(0), path.key(1)) {
                (Some("data"), Some("object")) => path.find_after(2, &self.event.data.object),
                (Some("data"), Some("previous_attributes")) => {
                    match &self.event.data.previous_attributes {
                        Some(previous) => path.find_after(2, previous),
                        None => Found::Missing,
                    }
                }
                _ => path.find(self.envelope.get_or_init(|| self.event.to_value())),
            },
        }
    }

    /// The JSON object that holds the field `reference` points at (its parent), used to
    /// find the `currency` next to an amount.
    pub fn sibling(&self, reference: &Reference, key: &str) -> Option<&Value> {
        let parent = Reference {
            root: reference.root.clone(),
            path: reference.path.parent().child(key),
        };
        self.find(&parent).one()
    }
}
