//! What any input may hold: the bounds a value, a path or a text a person enters is checked
//! against before the engine stores it.
//!
//! Every way data enters the engine (the Event generator's overrides, the sandbox API's
//! parameters, workflows saved or imported) passes these checks first, so nothing stored
//! can be too deep for `serde_json` to read back ([`MAX_DEPTH`]), too large to keep
//! ([`MAX_VALUE_BYTES`], [`MAX_STRING_CHARS`]), or deep enough to overflow the stack of the
//! code that walks it later (path lookups, condition evaluation, template rendering). The
//! checks read their input with an explicit stack, never by recursion, and stop reading once
//! it is past [`MAX_VALUE_BYTES`], so no input can overflow them either.
//!
//! Depth counts the objects and arrays around the deepest point of a value, from where the
//! value lands: `{"a": {"b": 1}}` is 2 levels deep on its own, 3 once set at `metadata`,
//! and a condition counts its groups, its comparison and the comparison's value.
//!
//! The engine's recursive code over what people enter only ever sees what passed here:
//! condition evaluation and description (only saved workflows run, and validation checks
//! the bounds before anything else), template rendering of step parameters, path lookups
//! (one level per segment at most, and [`Path::parse`](crate::Path::parse) applies
//! [`check_path`]), and `serde_json`'s own writing, reading and dropping of stored values.

use std::fmt;

use serde_json::{Map, Value};

use crate::condition::Condition;
use crate::limits::{
    MAX_DEPTH, MAX_METADATA_KEYS, MAX_METADATA_KEY_CHARS, MAX_METADATA_VALUE_CHARS, MAX_NAME_CHARS,
    MAX_PATH_CHARS, MAX_PATH_SEGMENTS, MAX_STRING_CHARS, MAX_VALUE_BYTES,
};

/// Why an input was refused: which bound it crosses, where, and the limit.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum BoundsError {
    /// A value nested deeper than [`MAX_DEPTH`].
    #[error("{} is nested {depth} levels deep; at most {limit} levels are accepted: flatten it", at(.path))]
    TooDeep {
        /// Where it first goes past the limit, as a dotted path from where the value lands
        /// (empty for the value itself).
        path: String,
        /// How deep it goes, as far as it was read (reading stops past
        /// [`MAX_VALUE_BYTES`]).
        depth: usize,
        /// The limit.
        limit: usize,
    },
    /// A value larger than [`MAX_VALUE_BYTES`] written as compact JSON.
    #[error("{} is larger than {limit} bytes as JSON: shorten it or split it up", at(.path))]
    TooBig {
        /// Where the value lands (empty for the value itself).
        path: String,
        /// The limit.
        limit: usize,
    },
    /// A text (or an object's key) longer than its limit.
    #[error("{} is {chars} characters long; at most {limit} are accepted: shorten it", at(.path))]
    TooLong {
        /// Where the text is, as a dotted path (empty for the value itself).
        path: String,
        /// Its length.
        chars: usize,
        /// The limit.
        limit: usize,
    },
    /// A dotted path with more segments than [`MAX_PATH_SEGMENTS`].
    #[error(
        "path `{start}` has {segments} parts; at most {limit} are accepted: use a shorter path"
    )]
    PathTooDeep {
        /// The beginning of the path.
        start: String,
        /// Its segments.
        segments: usize,
        /// The limit.
        limit: usize,
    },
    /// A dotted path longer than [`MAX_PATH_CHARS`].
    #[error("path `{start}` is {chars} characters long; at most {limit} are accepted: use a shorter path")]
    PathTooLong {
        /// The beginning of the path.
        start: String,
        /// Its length.
        chars: usize,
        /// The limit.
        limit: usize,
    },
    /// Metadata that is not key / value pairs.
    #[error("metadata must be key / value pairs: enter each value under a key")]
    MetadataNotObject,
    /// More metadata keys than Stripe accepts ([`MAX_METADATA_KEYS`]).
    #[error("metadata has {count} keys; at most {limit} are accepted: remove {excess}", excess = count - limit)]
    MetadataTooManyKeys {
        /// Keys given.
        count: usize,
        /// The limit.
        limit: usize,
    },
    /// A metadata key longer than Stripe accepts ([`MAX_METADATA_KEY_CHARS`]).
    #[error(
        "metadata key `{key}` is {chars} characters long; at most {limit} are accepted: shorten it"
    )]
    MetadataKeyTooLong {
        /// The key (its beginning, when long).
        key: String,
        /// Its length.
        chars: usize,
        /// The limit.
        limit: usize,
    },
    /// A metadata key with a square bracket, which Stripe refuses.
    #[error("metadata key `{key}` contains `[` or `]`, which Stripe does not accept: remove them")]
    MetadataKeyBracket {
        /// The key (its beginning, when long).
        key: String,
    },
    /// A metadata value longer than Stripe accepts ([`MAX_METADATA_VALUE_CHARS`]).
    #[error("the metadata value of `{key}` is {chars} characters long; at most {limit} are accepted: shorten it")]
    MetadataValueTooLong {
        /// The key (its beginning, when long).
        key: String,
        /// The value's length.
        chars: usize,
        /// The limit.
        limit: usize,
    },
    /// A metadata value that is an object or a list.
    #[error(
        "the metadata value of `{key}` is {found}, and metadata values are text: enter it as text"
    )]
    MetadataNotText {
        /// The key (its beginning, when long).
        key: String,
        /// "an object" or "a list".
        found: String,
    },
    /// A workflow's name longer than [`MAX_NAME_CHARS`].
    #[error("the name is {chars} characters long; at most {limit} are accepted: shorten it")]
    NameTooLong {
        /// Its length.
        chars: usize,
        /// The limit.
        limit: usize,
    },
    /// A workflow larger than [`MAX_WORKFLOW_BYTES`](crate::limits::MAX_WORKFLOW_BYTES)
    /// written as compact JSON.
    #[error("the workflow takes {bytes} bytes as JSON; at most {limit} are accepted: remove steps or shorten their texts")]
    WorkflowTooBig {
        /// Its size.
        bytes: usize,
        /// The limit.
        limit: usize,
    },
}

/// How a path reads in a message.
fn at(path: &str) -> String {
    if path.is_empty() {
        "the value".to_owned()
    } else {
        format!("`{path}`")
    }
}

/// The beginning of a long text, for messages: at most 40 characters and an ellipsis.
pub(crate) fn start_of(text: &str) -> String {
    const SHOWN: usize = 40;
    match text.char_indices().nth(SHOWN) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_owned(),
    }
}

/// Its length in characters, when over `limit`.
fn over(text: &str, limit: usize) -> Option<usize> {
    // A text of at most `limit` bytes has at most `limit` characters: no need to count.
    if text.len() <= limit {
        return None;
    }
    let chars = text.chars().count();
    (chars > limit).then_some(chars)
}

/// Checks a value a person entered on its own: at most [`MAX_DEPTH`] levels deep, texts and
/// keys of at most [`MAX_STRING_CHARS`], at most [`MAX_VALUE_BYTES`] as JSON.
pub fn check_value(value: &Value) -> Result<(), BoundsError> {
    let mut budget = MAX_VALUE_BYTES;
    Reader::new("", 0, &mut budget).read(value)
}

/// Checks a dotted field path (an override path, a condition's field, a dynamic value): at
/// most [`MAX_PATH_CHARS`] characters and [`MAX_PATH_SEGMENTS`] segments. Whether the path
/// is well formed is [`Path::parse`](crate::Path::parse)'s job.
pub fn check_path(path: &str) -> Result<(), BoundsError> {
    if let Some(chars) = over(path, MAX_PATH_CHARS) {
        return Err(BoundsError::PathTooLong {
            start: start_of(path),
            chars,
            limit: MAX_PATH_CHARS,
        });
    }
    let segments = segments(path);
    if segments > MAX_PATH_SEGMENTS {
        return Err(BoundsError::PathTooDeep {
            start: start_of(path),
            segments,
            limit: MAX_PATH_SEGMENTS,
        });
    }
    Ok(())
}

fn segments(path: &str) -> usize {
    if path.is_empty() {
        0
    } else {
        path.split('.').count()
    }
}

/// Checks a value to be set at a dotted `path` (a workflow step's parameter): the path, then
/// the value, its levels counted from the path's last segment.
pub fn check_field(path: &str, value: &Value) -> Result<(), BoundsError> {
    check_path(path)?;
    let mut budget = MAX_VALUE_BYTES;
    Reader::new(path, segments(path), &mut budget).read(value)
}

/// Checks values by dotted path that arrive together (the Event generator's overrides, the
/// parameters of an API call): each as [`check_field`] does, all of them together at most
/// [`MAX_VALUE_BYTES`] as JSON.
pub fn check_fields(fields: &Map<String, Value>) -> Result<(), BoundsError> {
    let mut budget = MAX_VALUE_BYTES;
    spend(&mut budget, 2 + fields.len().saturating_sub(1), None, "")?;
    for (path, value) in fields {
        check_path(path)?;
        spend(&mut budget, quoted_len(path) + 1, None, "")?;
        Reader::new(path, segments(path), &mut budget).read(value)?;
    }
    Ok(())
}

/// Checks metadata with Stripe's rules: key / value pairs, at most [`MAX_METADATA_KEYS`]
/// keys of at most [`MAX_METADATA_KEY_CHARS`] characters without `[` or `]`, and text values
/// of at most [`MAX_METADATA_VALUE_CHARS`] (numbers and booleans count as their text; `null`
/// removes a key). The empty text, which clears all metadata, is accepted.
pub fn check_metadata(metadata: &Value) -> Result<(), BoundsError> {
    let map = match metadata {
        Value::Object(map) => map,
        Value::Null => return Ok(()),
        Value::String(s) if s.is_empty() => return Ok(()),
        _ => return Err(BoundsError::MetadataNotObject),
    };
    if map.len() > MAX_METADATA_KEYS {
        return Err(BoundsError::MetadataTooManyKeys {
            count: map.len(),
            limit: MAX_METADATA_KEYS,
        });
    }
    for (key, value) in map {
        if let Some(chars) = over(key, MAX_METADATA_KEY_CHARS) {
            return Err(BoundsError::MetadataKeyTooLong {
                key: start_of(key),
                chars,
                limit: MAX_METADATA_KEY_CHARS,
            });
        }
        if key.contains(['[', ']']) {
            return Err(BoundsError::MetadataKeyBracket { key: start_of(key) });
        }
        let chars = match value {
            Value::Null => None,
            Value::String(s) => over(s, MAX_METADATA_VALUE_CHARS),
            Value::Number(_) | Value::Bool(_) => None,
            Value::Object(_) | Value::Array(_) => {
                return Err(BoundsError::MetadataNotText {
                    key: start_of(key),
                    found: if value.is_object() {
                        "an object"
                    } else {
                        "a list"
                    }
                    .to_owned(),
                })
            }
        };
        if let Some(chars) = chars {
            return Err(BoundsError::MetadataValueTooLong {
                key: start_of(key),
                chars,
                limit: MAX_METADATA_VALUE_CHARS,
            });
        }
    }
    Ok(())
}

/// Checks a workflow's name: at most [`MAX_NAME_CHARS`] characters.
pub fn check_name(name: &str) -> Result<(), BoundsError> {
    match over(name, MAX_NAME_CHARS) {
        Some(chars) => Err(BoundsError::NameTooLong {
            chars,
            limit: MAX_NAME_CHARS,
        }),
        None => Ok(()),
    }
}

/// Checks a text at `path` against `limit` characters.
pub fn check_text(path: &str, text: &str, limit: usize) -> Result<(), BoundsError> {
    match over(text, limit) {
        Some(chars) => Err(BoundsError::TooLong {
            path: path.to_owned(),
            chars,
            limit,
        }),
        None => Ok(()),
    }
}

/// Checks a condition tree: at most [`MAX_DEPTH`] levels, counting each group (`all`, `any`,
/// `not`), the comparison and the levels of the value it compares with; each value is
/// checked as [`check_value`] does. Reported at `condition`.
pub fn check_condition(condition: &Condition) -> Result<(), BoundsError> {
    let mut deepest = 0;
    let mut stack = vec![(condition, 1)];
    while let Some((condition, level)) = stack.pop() {
        deepest = deepest.max(level);
        match condition {
            Condition::All(cs) | Condition::Any(cs) => {
                stack.extend(cs.iter().map(|c| (c, level + 1)));
            }
            Condition::Not(c) => stack.push((c, level + 1)),
            Condition::Compare(compare) if level <= MAX_DEPTH => {
                let mut budget = MAX_VALUE_BYTES;
                Reader::new("condition", level, &mut budget).read(&compare.value)?;
            }
            Condition::Compare(_) => {}
        }
    }
    if deepest > MAX_DEPTH {
        return Err(BoundsError::TooDeep {
            path: "condition".to_owned(),
            depth: deepest,
            limit: MAX_DEPTH,
        });
    }
    Ok(())
}

/// Spends `bytes` of the budget, or fails: with the depth already found past the limit, if
/// any (the more useful of the two), else as too big.
fn spend(
    budget: &mut usize,
    bytes: usize,
    too_deep: Option<&(String, usize)>,
    base: &str,
) -> Result<(), BoundsError> {
    match budget.checked_sub(bytes) {
        Some(left) => {
            *budget = left;
            Ok(())
        }
        None => Err(match too_deep {
            Some((path, depth)) => BoundsError::TooDeep {
                path: path.clone(),
                depth: *depth,
                limit: MAX_DEPTH,
            },
            None => BoundsError::TooBig {
                path: base.to_owned(),
                limit: MAX_VALUE_BYTES,
            },
        }),
    }
}

/// The length of a text written as a JSON string, as `serde_json` writes it.
fn quoted_len(s: &str) -> usize {
    2 + s
        .bytes()
        .map(|b| match b {
            b'"' | b'\\' | b'\n' | b'\r' | b'\t' | 0x08 | 0x0c => 2,
            0..=0x1f => 6,
            _ => 1,
        })
        .sum::<usize>()
}

/// The length of a number written as JSON.
fn number_len(n: &serde_json::Number) -> usize {
    struct Count(usize);
    impl fmt::Write for Count {
        fn write_str(&mut self, s: &str) -> fmt::Result {
            self.0 += s.len();
            Ok(())
        }
    }
    let mut count = Count(0);
    let _ = fmt::write(&mut count, format_args!("{n}"));
    count.0
}

/// Where a value sits inside its container.
#[derive(Clone, Copy)]
enum Key<'v> {
    Field(&'v str),
    Index(usize),
}

/// The items of a container still to read.
enum Items<'v> {
    Object(serde_json::map::Iter<'v>),
    Array(std::iter::Enumerate<std::slice::Iter<'v, Value>>),
}

/// A container being read: where it sits, what is left of it, whether an item was read.
struct Frame<'v> {
    key: Option<Key<'v>>,
    items: Items<'v>,
    started: bool,
}

/// Reads one value depth first with an explicit stack, spending a shared byte budget.
struct Reader<'b> {
    /// The dotted path where the value lands.
    base: &'b str,
    /// The levels above the value (the path's segments).
    base_depth: usize,
    budget: &'b mut usize,
    /// The first place past [`MAX_DEPTH`] and the deepest level seen.
    too_deep: Option<(String, usize)>,
}

impl<'b> Reader<'b> {
    fn new(base: &'b str, base_depth: usize, budget: &'b mut usize) -> Self {
        Self {
            base,
            base_depth,
            budget,
            too_deep: None,
        }
    }

    fn spend(&mut self, bytes: usize) -> Result<(), BoundsError> {
        spend(self.budget, bytes, self.too_deep.as_ref(), self.base)
    }

    /// The dotted path of `key` inside the containers of `stack`, at most
    /// [`MAX_PATH_CHARS`] characters.
    fn path(&self, stack: &[Frame<'_>], key: Option<Key<'_>>) -> String {
        let mut out = self.base.to_owned();
        let keys = stack.iter().filter_map(|f| f.key).chain(key);
        for key in keys {
            if out.len() > MAX_PATH_CHARS {
                break;
            }
            if !out.is_empty() {
                out.push('.');
            }
            match key {
                Key::Field(k) => out.push_str(k),
                Key::Index(i) => out.push_str(&i.to_string()),
            }
        }
        start_of_path(out)
    }

    fn text(
        &self,
        stack: &[Frame<'_>],
        key: Option<Key<'_>>,
        text: &str,
    ) -> Result<(), BoundsError> {
        match over(text, MAX_STRING_CHARS) {
            Some(chars) => Err(self.too_deep_or(BoundsError::TooLong {
                path: self.path(stack, key),
                chars,
                limit: MAX_STRING_CHARS,
            })),
            None => Ok(()),
        }
    }

    /// The depth already found past the limit, if any, else `error`.
    fn too_deep_or(&self, error: BoundsError) -> BoundsError {
        match &self.too_deep {
            Some((path, depth)) => BoundsError::TooDeep {
                path: path.clone(),
                depth: *depth,
                limit: MAX_DEPTH,
            },
            None => error,
        }
    }

    fn read(mut self, value: &Value) -> Result<(), BoundsError> {
        let mut stack: Vec<Frame<'_>> = Vec::new();
        let mut next: Option<(Option<Key<'_>>, &Value)> = Some((None, value));
        loop {
            if let Some((key, value)) = next.take() {
                let items = match value {
                    Value::Null | Value::Bool(true) => {
                        self.spend(4)?;
                        None
                    }
                    Value::Bool(false) => {
                        self.spend(5)?;
                        None
                    }
                    Value::Number(n) => {
                        self.spend(number_len(n))?;
                        None
                    }
                    Value::String(s) => {
                        self.text(&stack, key, s)?;
                        self.spend(quoted_len(s))?;
                        None
                    }
                    Value::Array(items) => Some(Items::Array(items.iter().enumerate())),
                    Value::Object(map) => Some(Items::Object(map.iter())),
                };
                if let Some(items) = items {
                    self.spend(2)?;
                    stack.push(Frame {
                        key,
                        items,
                        started: false,
                    });
                    let depth = self.base_depth + stack.len();
                    if depth > MAX_DEPTH {
                        match &mut self.too_deep {
                            Some((_, deepest)) => *deepest = (*deepest).max(depth),
                            None => self.too_deep = Some((self.path(&stack, None), depth)),
                        }
                    }
                }
            }
            let Some(frame) = stack.last_mut() else {
                break;
            };
            let item = match &mut frame.items {
                Items::Object(entries) => entries.next().map(|(k, v)| (Key::Field(k), v)),
                Items::Array(items) => items.next().map(|(i, v)| (Key::Index(i), v)),
            };
            let Some((key, value)) = item else {
                stack.pop();
                continue;
            };
            let comma = usize::from(std::mem::replace(&mut frame.started, true));
            if let Key::Field(k) = key {
                self.text(&stack, Some(key), k)?;
                self.spend(comma + quoted_len(k) + 1)?;
            } else {
                self.spend(comma)?;
            }
            next = Some((Some(key), value));
        }
        match self.too_deep {
            Some((path, depth)) => Err(BoundsError::TooDeep {
                path,
                depth,
                limit: MAX_DEPTH,
            }),
            None => Ok(()),
        }
    }
}

/// A path cut to at most [`MAX_PATH_CHARS`] characters, with an ellipsis when cut.
fn start_of_path(path: String) -> String {
    match path.char_indices().nth(MAX_PATH_CHARS) {
        Some((end, _)) => format!("{}…", &path[..end]),
        None => path,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn counts_the_bytes_serde_json_writes() {
        let cases = [
            json!(null),
            json!(true),
            json!(false),
            json!(-12),
            json!(1.5e300),
            json!(0.1),
            json!("a \"quoted\" \\ line\nwith\ttabs and \u{1} control, é and 😀"),
            json!([]),
            json!({}),
            json!([1, [2, {"a": [null, "x"]}], {}]),
            json!({"k\"ey": {"nested": [1, 2, 3]}, "other": "v"}),
        ];
        for value in cases {
            let mut budget = MAX_VALUE_BYTES;
            Reader::new("", 0, &mut budget).read(&value).unwrap();
            let written = serde_json::to_string(&value).unwrap().len();
            assert_eq!(MAX_VALUE_BYTES - budget, written, "{value}");
        }
    }
}
