//! `json!` for the engine's object literals: the same values as `serde_json::json!`, in
//! less code.
//!
//! `serde_json::json!({"a": x, "b": "y"})` expands, for every field, into its own
//! `String` for the key, a conversion checked by an `unwrap`, a map insert and the drop of
//! what the insert returns: about 130 bytes of wasm per field, and the sandbox's builders,
//! scenarios and API write some 500 fields that way. Here an object literal becomes an
//! array of `(key, value)` pairs handed to one function that builds the map, so a field
//! costs its value and two constants. Values are converted in the same order, with the
//! same `serde_json::to_value`; anything that is not an object with literal keys (arrays,
//! single values) goes to `serde_json::json!` as it is.

use serde::Serialize;
use serde_json::{Map, Value};

/// An object from its fields, in order (a repeated key keeps the last value, as
/// `serde_json::json!` does).
#[inline(never)]
pub(crate) fn object(fields: &mut [(&'static str, Value)]) -> Value {
    let mut map = Map::new();
    for (key, value) in fields {
        map.insert((*key).to_string(), std::mem::take(value));
    }
    Value::Object(map)
}

/// One field's value, as `serde_json::json!` converts an expression.
pub(crate) fn to<T: Serialize + ?Sized>(value: &T) -> Value {
    serde_json::to_value(value).unwrap()
}

/// `serde_json::json!`, with object literals built by [`object`].
macro_rules! json {
    (@object [$($done:tt)*]) => {
        $crate::json::object(&mut [$($done)*])
    };
    (@object [$($done:tt)*] $key:literal : null $(, $($rest:tt)*)?) => {
        $crate::json::json!(@object [$($done)* ($key, ::serde_json::Value::Null),] $($($rest)*)?)
    };
    (@object [$($done:tt)*] $key:literal : true $(, $($rest:tt)*)?) => {
        $crate::json::json!(@object [$($done)* ($key, ::serde_json::Value::Bool(true)),] $($($rest)*)?)
    };
    (@object [$($done:tt)*] $key:literal : false $(, $($rest:tt)*)?) => {
        $crate::json::json!(@object [$($done)* ($key, ::serde_json::Value::Bool(false)),] $($($rest)*)?)
    };
    (@object [$($done:tt)*] $key:literal : [$($array:tt)*] $(, $($rest:tt)*)?) => {
        $crate::json::json!(@object [$($done)* ($key, ::serde_json::json!([$($array)*])),] $($($rest)*)?)
    };
    (@object [$($done:tt)*] $key:literal : {$($inner:tt)*} $(, $($rest:tt)*)?) => {
        $crate::json::json!(@object [$($done)* ($key, $crate::json::json!({$($inner)*})),] $($($rest)*)?)
    };
    (@object [$($done:tt)*] $key:literal : $value:expr $(, $($rest:tt)*)?) => {
        $crate::json::json!(@object [$($done)* ($key, $crate::json::to(&$value)),] $($($rest)*)?)
    };
    ({ $($fields:tt)* }) => {
        $crate::json::json!(@object [] $($fields)*)
    };
    ($($other:tt)+) => {
        ::serde_json::json!($($other)+)
    };
}
pub(crate) use json;

#[cfg(test)]
mod tests {
    #[test]
    fn builds_what_serde_json_builds() {
        let (id, amount, name) = ("cus_1", 1200_i64, String::from("Jean"));
        let missing: Option<&str> = None;
        let ours = super::json!({
            "id": id,
            "amount": amount * 2,
            "name": name,
            "email": missing,
            "null": null,
            "yes": true,
            "no": false,
            "list": [1, "two", null, {"three": 3}],
            "nested": {"a": {"b": format!("{id}_x"), "c": []}, "d": {}},
            "id": "repeated keeps the last",
        });
        let theirs = serde_json::json!({
            "id": id,
            "amount": amount * 2,
            "name": name,
            "email": missing,
            "null": null,
            "yes": true,
            "no": false,
            "list": [1, "two", null, {"three": 3}],
            "nested": {"a": {"b": format!("{id}_x"), "c": []}, "d": {}},
            "id": "repeated keeps the last",
        });
        assert_eq!(ours, theirs);
        assert_eq!(super::json!({}), serde_json::json!({}));
        assert_eq!(super::json!(amount), serde_json::json!(amount));
        assert_eq!(
            super::json!([id, {"a": 1}]),
            serde_json::json!([id, {"a": 1}])
        );
    }
}
