//! Field paths into Stripe JSON, and the one place that decides how they are looked up.
//!
//! A path is a dotted list of keys, such as `customer`, `address.city` or
//! `lines.data.0.amount`. Conditions and dynamic values both read fields through it, so
//! the rules live here once:
//!
//! - a missing key, or a key on something that is not an object, finds nothing;
//! - a numeric segment on an array picks that item (`lines.data.0`);
//! - any other segment on an array looks into each item in turn (`lines.data.amount` is
//!   the list of every line's amount), and only the first [`LIST_ITEM_LIMIT`] items of a
//!   list are ever looked at, as Stripe Workflows does.
//!
//! Paths are parsed once, when a workflow is loaded; lookups then borrow from the JSON and
//! allocate only when they look into a list. A path has at most
//! [`MAX_PATH_SEGMENTS`](crate::limits::MAX_PATH_SEGMENTS) segments, and a lookup looks
//! into one list per segment at most, which bounds how deep [`Path::find`] recurses.

use std::fmt;

use serde_json::Value;

use crate::bounds::{check_path, BoundsError};
use crate::limits::LIST_ITEM_LIMIT;

/// One dotted segment of a [`Path`].
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct Segment {
    key: String,
    /// The segment read as an array index, when it is a number.
    index: Option<usize>,
}

/// A parsed field path, such as `address.city`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Path {
    segments: Vec<Segment>,
}

/// Why a path could not be parsed.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum PathError {
    /// Two dots in a row, or a dot at either end.
    #[error("`{path}` has an empty part: remove the extra dot")]
    EmptySegment {
        /// The text as written.
        path: String,
    },
    /// A character that no Stripe field name has.
    #[error("`{path}` contains `{found}`: field names use letters, digits, `_` and `-` only")]
    BadCharacter {
        /// The text as written.
        path: String,
        /// The offending character.
        found: char,
    },
    /// Too long, or too many segments.
    #[error(transparent)]
    OutOfBounds(#[from] BoundsError),
}

/// What a lookup found.
#[derive(Clone, Debug, PartialEq)]
pub enum Found<'a> {
    /// Nothing at that path.
    Missing,
    /// One value (which may itself be an array).
    One(&'a Value),
    /// The values found by looking into each item of a list (at most the first 100 items
    /// of each list on the way).
    Many(Vec<&'a Value>),
}

impl<'a> Found<'a> {
    /// The single value found, if exactly one was.
    pub fn one(&self) -> Option<&'a Value> {
        match self {
            Found::One(v) => Some(v),
            _ => None,
        }
    }
}

impl Path {
    /// Parses a dotted path. The empty string is the root itself. A path has at most
    /// [`MAX_PATH_SEGMENTS`](crate::limits::MAX_PATH_SEGMENTS) segments, so a lookup never
    /// goes deeper than that.
    pub fn parse(text: &str) -> Result<Self, PathError> {
        if text.is_empty() {
            return Ok(Self::default());
        }
        check_path(text)?;
        let mut segments = Vec::new();
        for part in text.split('.') {
            if part.is_empty() {
                return Err(PathError::EmptySegment { path: text.into() });
            }
            if let Some(found) = part
                .chars()
                .find(|c| !(c.is_ascii_alphanumeric() || *c == '_' || *c == '-'))
            {
                return Err(PathError::BadCharacter {
                    path: text.into(),
                    found,
                });
            }
            segments.push(Segment {
                key: part.to_owned(),
                index: part.parse().ok(),
            });
        }
        Ok(Self { segments })
    }

    /// Is this the root (no segment)?
    pub fn is_root(&self) -> bool {
        self.segments.is_empty()
    }

    /// The number of segments.
    pub fn len(&self) -> usize {
        self.segments.len()
    }

    /// Whether the path has no segment.
    pub fn is_empty(&self) -> bool {
        self.segments.is_empty()
    }

    /// The keys, in order.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.segments.iter().map(|s| s.key.as_str())
    }

    /// The first key, if any.
    pub fn first(&self) -> Option<&str> {
        self.segments.first().map(|s| s.key.as_str())
    }

    /// The path without its first `n` segments.
    pub fn skip(&self, n: usize) -> Path {
        Path {
            segments: self.segments.iter().skip(n).cloned().collect(),
        }
    }

    /// The path without its last segment (the root stays the root).
    pub fn parent(&self) -> Path {
        let mut segments = self.segments.clone();
        segments.pop();
        Path { segments }
    }

    /// The path with one more key at the end.
    pub fn child(&self, key: &str) -> Path {
        let mut segments = self.segments.clone();
        segments.push(Segment {
            key: key.to_owned(),
            index: key.parse().ok(),
        });
        Path { segments }
    }

    /// The path with its array indices removed, the form field lists use
    /// (`lines.data.0.amount` → `lines.data.amount`).
    pub fn schema_form(&self) -> String {
        let keys: Vec<&str> = self
            .segments
            .iter()
            .filter(|s| s.index.is_none())
            .map(|s| s.key.as_str())
            .collect();
        keys.join(".")
    }

    /// Looks the path up in `root`, reading lists item by item (see the module doc).
    pub fn find<'a>(&self, root: &'a Value) -> Found<'a> {
        find_in(root, &self.segments)
    }

    /// Like [`Path::find`], ignoring the first `n` and the last `drop_last` segments.
    pub(crate) fn find_between<'a>(
        &self,
        n: usize,
        drop_last: usize,
        root: &'a Value,
    ) -> Found<'a> {
        let end = self.segments.len().saturating_sub(drop_last);
        find_in(root, &self.segments[n.min(end)..end])
    }

    /// The key at position `i`.
    pub(crate) fn key(&self, i: usize) -> Option<&str> {
        self.segments.get(i).map(|s| s.key.as_str())
    }

    /// Looks the path up without ever looking into list items: a plain, borrowed read.
    pub fn get<'a>(&self, root: &'a Value) -> Option<&'a Value> {
        let mut here = root;
        for segment in &self.segments {
            here = step(here, segment)?;
        }
        Some(here)
    }
}

/// One segment down, without looking into lists.
fn step<'a>(value: &'a Value, segment: &Segment) -> Option<&'a Value> {
    match value {
        Value::Object(map) => map.get(&segment.key),
        Value::Array(items) => segment.index.and_then(|i| items.get(i)),
        _ => None,
    }
}

fn find_in<'a>(value: &'a Value, segments: &[Segment]) -> Found<'a> {
    let mut here = value;
    for (at, segment) in segments.iter().enumerate() {
        match here {
            Value::Array(items) if segment.index.is_none() => {
                let mut out = Vec::new();
                for item in items.iter().take(LIST_ITEM_LIMIT) {
                    match find_in(item, &segments[at..]) {
                        Found::Missing => {}
                        Found::One(v) => out.push(v),
                        Found::Many(vs) => out.extend(vs),
                    }
                }
                return Found::Many(out);
            }
            _ => match step(here, segment) {
                Some(next) => here = next,
                None => return Found::Missing,
            },
        }
    }
    Found::One(here)
}

impl fmt::Display for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, segment) in self.segments.iter().enumerate() {
            if i > 0 {
                f.write_str(".")?;
            }
            f.write_str(&segment.key)?;
        }
        Ok(())
    }
}

impl std::str::FromStr for Path {
    type Err = PathError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Path::parse(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn looks_into_each_item_of_a_list() {
        let v = json!({"lines": {"data": [{"amount": 1}, {"amount": 2}, {}]}});
        let path = Path::parse("lines.data.amount").unwrap();
        assert_eq!(path.find(&v), Found::Many(vec![&json!(1), &json!(2)]));
        assert_eq!(path.get(&v), None);
    }

    #[test]
    fn numeric_segment_indexes_a_list() {
        let v = json!({"lines": {"data": [{"amount": 1}, {"amount": 2}]}});
        let path = Path::parse("lines.data.1.amount").unwrap();
        assert_eq!(path.get(&v), Some(&json!(2)));
        assert_eq!(path.schema_form(), "lines.data.amount");
    }

    #[test]
    fn rejects_malformed_paths() {
        assert!(matches!(
            Path::parse("a..b"),
            Err(PathError::EmptySegment { .. })
        ));
        assert!(matches!(
            Path::parse("a b"),
            Err(PathError::BadCharacter { found: ' ', .. })
        ));
        assert_eq!(Path::parse("a.b").unwrap().to_string(), "a.b");
    }
}
