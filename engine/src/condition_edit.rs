//! Editing a condition tree in the builder: rows of comparisons in a top-level group, and
//! nested groups of rows, each node addressed by its index path from the top group.
//!
//! The builder always shows a group, so a stored condition is first [normalized](normalize)
//! (no condition is an empty AND group, a single comparison a group of one) and written
//! back with [`finish`] (an empty top group is no condition). Between the two, each edit is
//! a pure function on the tree that either does the whole change or refuses with a
//! [`ConditionEditError`], as [the step edits](crate::insert_step) do. `[]` is the top
//! group, `[2]` its third node, `[2, 0]` the first row of that node when it is a group.
//!
//! What a new row starts as ([`compare_for`]) and how typed text becomes the value compared
//! with ([`parse_value`], [`value_text`]) are decided here too, so the editor only shows.

use serde_json::{Number, Value};

use crate::condition::{Compare, Condition, Op, Quantifier};
use crate::field_spec::ValueKind;
use crate::reference::Reference;

/// How a group combines its conditions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Combinator {
    /// Every condition holds (AND).
    All,
    /// At least one condition holds (OR).
    Any,
}

impl Combinator {
    /// The combinator of a group; `None` for a comparison or a `Not`.
    pub fn of(condition: &Condition) -> Option<Combinator> {
        match condition {
            Condition::All(_) => Some(Combinator::All),
            Condition::Any(_) => Some(Combinator::Any),
            Condition::Not(_) | Condition::Compare(_) => None,
        }
    }

    /// The other one: a nested group combines the opposite way of its parent.
    pub fn other(self) -> Combinator {
        match self {
            Combinator::All => Combinator::Any,
            Combinator::Any => Combinator::All,
        }
    }

    /// A group of this combinator holding `items`.
    pub fn group(self, items: Vec<Condition>) -> Condition {
        match self {
            Combinator::All => Condition::All(items),
            Combinator::Any => Condition::Any(items),
        }
    }
}

/// Why a condition edit was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ConditionEditError {
    /// No node at that path.
    #[error("there is no condition at {path:?}: it may have been removed")]
    NotFound {
        /// The index path asked for.
        path: Vec<usize>,
    },
    /// The node is not a group, so it holds no rows.
    #[error("the condition at {path:?} is not a group: rows can only be added to a group")]
    NotAGroup {
        /// The index path asked for.
        path: Vec<usize>,
    },
    /// The node is not a comparison.
    #[error("the condition at {path:?} is not a comparison: only a comparison can be replaced")]
    NotACompare {
        /// The index path asked for.
        path: Vec<usize>,
    },
    /// The top group itself cannot be removed.
    #[error("the top group cannot be removed: remove its conditions instead")]
    TopGroup,
}

/// The tree as a top-level group, so the builder always shows rows: no condition is an
/// empty AND group, a lone comparison (or `Not`) a group of one.
pub fn normalize(condition: Option<Condition>) -> Condition {
    match condition {
        None => Condition::All(Vec::new()),
        Some(group @ (Condition::All(_) | Condition::Any(_))) => group,
        Some(single) => Condition::All(vec![single]),
    }
}

/// The edited tree as stored: `None` ("no condition") for an empty top group.
pub fn finish(top: Condition) -> Option<Condition> {
    match &top {
        Condition::All(items) | Condition::Any(items) if items.is_empty() => None,
        _ => Some(top),
    }
}

/// The node at `path` (`[]`: the tree itself).
pub fn node_at<'a>(root: &'a Condition, path: &[usize]) -> Option<&'a Condition> {
    let Some((first, rest)) = path.split_first() else {
        return Some(root);
    };
    match root {
        Condition::All(items) | Condition::Any(items) => node_at(items.get(*first)?, rest),
        Condition::Not(_) | Condition::Compare(_) => None,
    }
}

fn node_mut<'a>(root: &'a mut Condition, path: &[usize]) -> Option<&'a mut Condition> {
    let Some((first, rest)) = path.split_first() else {
        return Some(root);
    };
    match root {
        Condition::All(items) | Condition::Any(items) => node_mut(items.get_mut(*first)?, rest),
        Condition::Not(_) | Condition::Compare(_) => None,
    }
}

fn group_mut<'a>(
    root: &'a mut Condition,
    path: &[usize],
) -> Result<&'a mut Vec<Condition>, ConditionEditError> {
    match node_mut(root, path) {
        Some(Condition::All(items) | Condition::Any(items)) => Ok(items),
        Some(_) => Err(ConditionEditError::NotAGroup {
            path: path.to_vec(),
        }),
        None => Err(ConditionEditError::NotFound {
            path: path.to_vec(),
        }),
    }
}

/// A comparison on `field` with the first operator that fits its type and no value yet.
pub fn compare_for(field: Reference, kind: ValueKind) -> Compare {
    Compare {
        field,
        op: Op::for_kind(kind).first().copied().unwrap_or(Op::Exists),
        value: Value::Null,
        kind,
        quantifier: Quantifier::Any,
        currency: None,
    }
}

/// Appends `compare` as a row of the group at `group`.
pub fn add_compare(
    root: &mut Condition,
    group: &[usize],
    compare: Compare,
) -> Result<(), ConditionEditError> {
    group_mut(root, group)?.push(Condition::Compare(compare));
    Ok(())
}

/// Appends to the group at `group` a nested group holding the row `compare`, combining the
/// other way (OR inside AND, AND inside OR: a nested group of the same kind would mean the
/// same as its rows at the upper level).
pub fn add_group(
    root: &mut Condition,
    group: &[usize],
    compare: Compare,
) -> Result<(), ConditionEditError> {
    let inner = node_at(root, group)
        .and_then(Combinator::of)
        .map_or(Combinator::Any, Combinator::other);
    group_mut(root, group)?.push(inner.group(vec![Condition::Compare(compare)]));
    Ok(())
}

/// Makes the group at `path` combine its conditions as `combinator`, keeping them.
pub fn set_combinator(
    root: &mut Condition,
    path: &[usize],
    combinator: Combinator,
) -> Result<(), ConditionEditError> {
    let items = std::mem::take(group_mut(root, path)?);
    if let Some(node) = node_mut(root, path) {
        *node = combinator.group(items);
    }
    Ok(())
}

/// Replaces the comparison at `path` (a new operator, value, field, ...).
pub fn replace_compare(
    root: &mut Condition,
    path: &[usize],
    compare: Compare,
) -> Result<(), ConditionEditError> {
    match node_mut(root, path) {
        Some(Condition::Compare(c)) => {
            *c = compare;
            Ok(())
        }
        Some(_) => Err(ConditionEditError::NotACompare {
            path: path.to_vec(),
        }),
        None => Err(ConditionEditError::NotFound {
            path: path.to_vec(),
        }),
    }
}

/// Removes the node at `path` and returns it; a nested group its removal leaves empty goes
/// too (the top group stays, even empty).
pub fn remove_node(root: &mut Condition, path: &[usize]) -> Result<Condition, ConditionEditError> {
    let Some((last, parent)) = path.split_last() else {
        return Err(ConditionEditError::TopGroup);
    };
    let items = group_mut(root, parent).map_err(|_| ConditionEditError::NotFound {
        path: path.to_vec(),
    })?;
    if *last >= items.len() {
        return Err(ConditionEditError::NotFound {
            path: path.to_vec(),
        });
    }
    let removed = items.remove(*last);
    if items.is_empty() && !parent.is_empty() {
        remove_node(root, parent)?;
    }
    Ok(removed)
}

/// What a person typed, as the value a comparison of `kind` with `op` compares with.
///
/// Numbers, amounts (in major units) and timestamps (Unix seconds) read as numbers when
/// they parse, as text otherwise (validation then names the mistake); booleans read `true`
/// and `false` in any case; surrounding spaces are dropped and an empty text is no value.
/// `is one of` and `is not one of` read a list separated by commas, empty items dropped.
pub fn parse_value(text: &str, kind: ValueKind, op: Op) -> Value {
    let one = |t: &str| -> Value {
        let t = t.trim();
        match kind {
            ValueKind::Number | ValueKind::Money | ValueKind::Timestamp => {
                if let Some(n) = crate::decimal::parse_f64(t) {
                    return Number::from_f64(n).map_or(Value::Null, Value::Number);
                }
            }
            ValueKind::Boolean => {
                if t.eq_ignore_ascii_case("true") {
                    return Value::Bool(true);
                }
                if t.eq_ignore_ascii_case("false") {
                    return Value::Bool(false);
                }
            }
            ValueKind::String | ValueKind::List | ValueKind::Object => {}
        }
        if t.is_empty() {
            Value::Null
        } else {
            Value::String(t.to_owned())
        }
    };
    if matches!(op, Op::OneOf | Op::NotOneOf) {
        Value::Array(text.split(',').map(one).filter(|v| !v.is_null()).collect())
    } else {
        one(text)
    }
}

/// A value as the builder's text input shows it: text as itself, a list joined with
/// commas, nothing for no value; [`parse_value`] reads it back.
pub fn value_text(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Array(items) => items.iter().map(value_text).collect::<Vec<_>>().join(", "),
        other => other.to_string(),
    }
}
