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
        self.resolve(reference, 0)
    }

    /// What `reference` points at, without its last `drop_last` segments.
    fn resolve(&self, reference: &Reference, drop_last: usize) -> Found<'_> {
        let path = &reference.path;
        match &reference.root {
            Root::Step(id) => match self.step(id) {
                Some(output) => path.find_between(0, drop_last, output),
                None => Found::Missing,
            },
            Root::Trigger => match (path.key(0), path.key(1)) {
                (Some("data"), Some("object")) if path.len() >= 2 + drop_last => {
                    path.find_between(2, drop_last, &self.event.data.object)
                }
                (Some("data"), Some("previous_attributes")) if path.len() >= 2 + drop_last => {
                    match &self.event.data.previous_attributes {
                        Some(previous) => path.find_between(2, drop_last, previous),
                        None => Found::Missing,
                    }
                }
                _ => path.find_between(
                    0,
                    drop_last,
                    self.envelope.get_or_init(|| self.event.to_value()),
                ),
            },
        }
    }

    /// The value under `key` in the object that holds the field `reference` points at,
    /// used to find the `currency` next to an amount.
    pub fn sibling(&self, reference: &Reference, key: &str) -> Option<&Value> {
        if reference.path.is_empty() {
            return None;
        }
        self.resolve(reference, 1).one()?.get(key)
    }
}
