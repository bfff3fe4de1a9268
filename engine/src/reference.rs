//! References to a field of the trigger event or of an earlier step's output.
//!
//! One syntax serves both conditions and dynamic values:
//!
//! - `trigger.<path>` reads the trigger event's envelope, so `trigger.data.object.email`
//!   is the email of the customer in a `customer.created` event, and
//!   `trigger.data.previous_attributes.name` its name before an update;
//! - `steps.<step id>.<path>` reads the output of an earlier step, such as
//!   `steps.step_1.id` (the id of the object an action returned).
//!
//! A reference is stored as that text and parsed when the workflow is loaded.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::path::{Path, PathError};

/// Where a reference starts.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Root {
    /// The trigger event's envelope.
    Trigger,
    /// The output of the step with this id.
    Step(String),
}

/// A parsed reference such as `trigger.data.object.email` (conditions call it a field).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Reference {
    /// Where it starts.
    pub root: Root,
    /// The path from there.
    pub path: Path,
}

/// A field a condition compares: the same thing as a [`Reference`].
pub type FieldRef = Reference;

/// Why a reference could not be parsed.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ReferenceError {
    /// Nothing between the braces, or an empty field.
    #[error("a dynamic value is empty: pick a field")]
    Empty,
    /// Starts with something other than `trigger` or `steps`.
    #[error("`{text}` must start with `trigger.` or `steps.<step id>.`")]
    UnknownRoot {
        /// The text as written.
        text: String,
    },
    /// `steps` without a step id.
    #[error("`{text}` names no step: write `steps.<step id>.<field>`")]
    MissingStep {
        /// The text as written.
        text: String,
    },
    /// The path part is malformed.
    #[error(transparent)]
    Path(#[from] PathError),
}

impl Reference {
    /// A reference to `path` in the trigger event (`data.object.email`).
    pub fn trigger(path: &str) -> Result<Self, ReferenceError> {
        Ok(Self {
            root: Root::Trigger,
            path: Path::parse(path)?,
        })
    }

    /// A reference to `path` in the output of step `step`.
    pub fn step(step: &str, path: &str) -> Result<Self, ReferenceError> {
        Ok(Self {
            root: Root::Step(step.to_owned()),
            path: Path::parse(path)?,
        })
    }

    /// Parses `trigger.…` or `steps.<id>.…`.
    pub fn parse(text: &str) -> Result<Self, ReferenceError> {
        let text = text.trim();
        if text.is_empty() {
            return Err(ReferenceError::Empty);
        }
        let (head, rest) = text.split_once('.').unwrap_or((text, ""));
        match head {
            "trigger" => Self::trigger(rest),
            "steps" => {
                let (step, path) = rest.split_once('.').unwrap_or((rest, ""));
                if step.is_empty() {
                    return Err(ReferenceError::MissingStep { text: text.into() });
                }
                Self::step(step, path)
            }
            _ => Err(ReferenceError::UnknownRoot { text: text.into() }),
        }
    }

    /// The step this reference reads, if it reads one.
    pub fn step_id(&self) -> Option<&str> {
        match &self.root {
            Root::Step(id) => Some(id),
            Root::Trigger => None,
        }
    }

    /// For `trigger.data.object.<rest>`, the `<rest>` part as its own path.
    pub fn object_path(&self) -> Option<Path> {
        (self.root == Root::Trigger
            && self.path.key(0) == Some("data")
            && self.path.key(1) == Some("object"))
        .then(|| self.path.skip(2))
    }
}

impl fmt::Display for Reference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.root {
            Root::Trigger => f.write_str("trigger")?,
            Root::Step(id) => write!(f, "steps.{id}")?,
        }
        if !self.path.is_root() {
            write!(f, ".{}", self.path)?;
        }
        Ok(())
    }
}

impl TryFrom<String> for Reference {
    type Error = ReferenceError;
    fn try_from(text: String) -> Result<Self, Self::Error> {
        Reference::parse(&text)
    }
}

impl From<Reference> for String {
    fn from(r: Reference) -> String {
        r.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints() {
        let cases = [
            ("trigger.data.object.email", true),
            ("steps.step_1.id", true),
            ("steps.step_1", true),
            ("trigger", true),
            ("steps", false),
            ("steps..id", false),
            ("event.data", false),
            ("", false),
            ("trigger.data..x", false),
        ];
        for (text, ok) in cases {
            let parsed = Reference::parse(text);
            assert_eq!(parsed.is_ok(), ok, "{text}: {parsed:?}");
            if let Ok(r) = parsed {
                assert_eq!(r.to_string(), text);
            }
        }
    }

    #[test]
    fn object_path_only_for_trigger_object() {
        let r = Reference::parse("trigger.data.object.address.city").unwrap();
        assert_eq!(r.object_path().unwrap().to_string(), "address.city");
        assert!(Reference::parse("steps.a.data.object.x")
            .unwrap()
            .object_path()
            .is_none());
        assert!(Reference::parse("trigger.id")
            .unwrap()
            .object_path()
            .is_none());
    }
}
