//! Dynamic values: parameters that take their value from the trigger event or from an
//! earlier step when the step runs.
//!
//! # Syntax
//!
//! Inside any text parameter, `{{ reference }}` is replaced by the value the
//! [reference](crate::Reference) points at when the step runs:
//!
//! - `{{trigger.data.object.email}}`: a field of the trigger event's object;
//! - `{{trigger.data.previous_attributes.name}}`: its value before an update;
//! - `{{trigger.id}}`, `{{trigger.type}}`: fields of the event envelope;
//! - `{{steps.step_1.id}}`: a field of the output of the earlier step `step_1`;
//! - `{{trigger.data.object.lines.data.0.amount}}`: a numeric part picks a list item.
//!
//! Spaces inside the braces are ignored. A parameter that is **exactly one** reference keeps
//! the JSON type of what it points at (a number stays a number, an object stays an object);
//! a missing field then gives `null`, which an action treats as an empty parameter. Mixed
//! with text, values are written out: text as is, numbers and booleans as JSON, a missing
//! field or `null` as nothing, objects and lists as compact JSON. `{{` always opens a
//! reference; there is no escape, since Stripe parameters never need one.
//!
//! A dynamic value is a snapshot taken when its step runs: a later change to the object
//! does not change it. The action itself still acts on the latest version of the object.

use std::fmt;

use serde_json::{Map, Value};

use crate::path::Found;
use crate::reference::{Reference, ReferenceError};
use crate::scope::Scope;

/// A parsed text with dynamic values.
#[derive(Clone, Debug, PartialEq)]
pub struct Template {
    parts: Vec<Part>,
}

#[derive(Clone, Debug, PartialEq)]
enum Part {
    Text(String),
    Ref(Reference),
}

/// One piece of a text as written, before its references are parsed.
///
/// This is how the editor shows a parameter, as text inputs and value chips, even while a
/// reference is half typed or names nothing: [`Piece::split`] never fails. [`Template::parse`]
/// reads the same pieces and refuses what it cannot run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Piece {
    /// Plain text; a `{{` without a closing `}}` stays in it.
    Text(String),
    /// What is between `{{` and `}}`, trimmed, e.g. `trigger.data.object.email`.
    Value(String),
}

impl Piece {
    /// Splits a text at its `{{ … }}` dynamic values, in order, without empty texts.
    /// Writing the pieces back in order (their [`Display`](fmt::Display)) gives the text
    /// again when no spaces sit inside the braces; spaces there are dropped.
    pub fn split(text: &str) -> Vec<Piece> {
        let mut out = Vec::new();
        let mut rest = text;
        while let Some(open) = rest.find("{{") {
            let after = &rest[open + 2..];
            let Some(close) = after.find("}}") else {
                break;
            };
            if open > 0 {
                out.push(Piece::Text(rest[..open].to_owned()));
            }
            out.push(Piece::Value(after[..close].trim().to_owned()));
            rest = &after[close + 2..];
        }
        if !rest.is_empty() {
            out.push(Piece::Text(rest.to_owned()));
        }
        out
    }
}

impl fmt::Display for Piece {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Piece::Text(t) => f.write_str(t),
            Piece::Value(r) => write!(f, "{{{{{r}}}}}"),
        }
    }
}

/// Why a text with dynamic values could not be parsed.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum TemplateError {
    /// `{{` without a matching `}}`.
    #[error("a dynamic value opened with `{{{{` is not closed: add `}}}}` after `{text}`")]
    Unclosed {
        /// The text from the opening braces on.
        text: String,
    },
    /// What is between the braces is not a reference.
    #[error("dynamic value `{{{{{text}}}}}` is not valid: {source}")]
    Reference {
        /// What was between the braces.
        text: String,
        /// Why.
        source: ReferenceError,
    },
}

impl Template {
    /// Parses a text with `{{ … }}` dynamic values.
    pub fn parse(text: &str) -> Result<Self, TemplateError> {
        let mut parts = Vec::new();
        for piece in Piece::split(text) {
            match piece {
                // Only the text after the last closed value can hold a `{{`: it is unclosed.
                Piece::Text(t) => match t.find("{{") {
                    Some(open) => {
                        return Err(TemplateError::Unclosed {
                            text: t[open..].chars().take(40).collect(),
                        })
                    }
                    None => parts.push(Part::Text(t)),
                },
                Piece::Value(inner) => {
                    let reference =
                        Reference::parse(&inner).map_err(|source| TemplateError::Reference {
                            text: inner,
                            source,
                        })?;
                    parts.push(Part::Ref(reference));
                }
            }
        }
        Ok(Self { parts })
    }

    /// Whether the text has any dynamic value.
    pub fn is_dynamic(&self) -> bool {
        self.parts.iter().any(|p| matches!(p, Part::Ref(_)))
    }

    /// The reference, when the whole text is exactly one.
    pub fn single_reference(&self) -> Option<&Reference> {
        match self.parts.as_slice() {
            [Part::Ref(r)] => Some(r),
            _ => None,
        }
    }

    /// Every reference, in order.
    pub fn references(&self) -> impl Iterator<Item = &Reference> {
        self.parts.iter().filter_map(|p| match p {
            Part::Ref(r) => Some(r),
            Part::Text(_) => None,
        })
    }

    /// The value now: JSON-typed for a single reference, text otherwise.
    pub fn render(&self, scope: &Scope<'_>) -> Value {
        if let Some(reference) = self.single_reference() {
            return found_value(scope.find(reference));
        }
        Value::String(self.render_text(scope))
    }

    /// The value now, always as text.
    pub fn render_text(&self, scope: &Scope<'_>) -> String {
        let mut out = String::new();
        for part in &self.parts {
            match part {
                Part::Text(t) => out.push_str(t),
                Part::Ref(r) => out.push_str(&text_of(&found_value(scope.find(r)))),
            }
        }
        out
    }
}

/// A lookup result as one JSON value: `null` when missing, an array for list items.
pub fn found_value(found: Found<'_>) -> Value {
    match found {
        Found::Missing => Value::Null,
        Found::One(v) => v.clone(),
        Found::Many(vs) => Value::Array(vs.into_iter().cloned().collect()),
    }
}

/// How a value reads inside a text.
pub fn text_of(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Renders every text inside a parameter value (objects and lists included). A saved step's
/// values are at most [`MAX_DEPTH`](crate::limits::MAX_DEPTH) levels deep
/// ([`check_field`](crate::bounds::check_field)), which bounds this recursion.
pub fn render_value(value: &Value, scope: &Scope<'_>) -> Result<Value, TemplateError> {
    Ok(match value {
        Value::String(s) if s.contains("{{") => Template::parse(s)?.render(scope),
        Value::Array(items) => Value::Array(
            items
                .iter()
                .map(|v| render_value(v, scope))
                .collect::<Result<_, _>>()?,
        ),
        Value::Object(map) => {
            let mut out = Map::new();
            for (k, v) in map {
                out.insert(k.clone(), render_value(v, scope)?);
            }
            Value::Object(out)
        }
        other => other.clone(),
    })
}

/// Renders a text parameter (an email's subject, say) to text.
pub fn render_text(text: &str, scope: &Scope<'_>) -> Result<String, TemplateError> {
    if !text.contains("{{") {
        return Ok(text.to_owned());
    }
    Ok(Template::parse(text)?.render_text(scope))
}

/// Every reference inside a parameter value, for validation.
pub fn references_in(value: &Value) -> Result<Vec<Reference>, TemplateError> {
    let mut out = Vec::new();
    collect(value, &mut out)?;
    Ok(out)
}

fn collect(value: &Value, out: &mut Vec<Reference>) -> Result<(), TemplateError> {
    match value {
        Value::String(s) if s.contains("{{") => {
            out.extend(Template::parse(s)?.references().cloned());
        }
        Value::Array(items) => {
            for v in items {
                collect(v, out)?;
            }
        }
        Value::Object(map) => {
            for v in map.values() {
                collect(v, out)?;
            }
        }
        _ => {}
    }
    Ok(())
}
