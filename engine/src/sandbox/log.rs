//! The request log ("Workbench" logs): one entry per API call.
//!
//! Every call through [`Sandbox::call`](super::Sandbox::call), from a workflow step, the
//! UI or the generator, is recorded with its method, path, parameters, status, response
//! body, request id, sandbox time and the workflow run that made it, so a run's step can
//! link to exactly what the API saw and answered.

use std::sync::Arc;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::catalog::Method;
use super::{ApiError, RunOrigin};

/// One API call as the Workbench shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RequestLog {
    /// `req_...`, also in the `request.id` of the events the call caused.
    pub id: String,
    /// The catalog action, e.g. `customers.update`.
    pub action: String,
    /// HTTP method.
    pub method: Method,
    /// The path with its ids filled in, e.g. `/v1/customers/cus_123`.
    pub path: String,
    /// The parameters as Stripe receives them: the catalog's dotted names nested
    /// (`promotion.coupon` is `{"promotion": {"coupon": ...}}`, Stripe's `promotion[coupon]`).
    pub params: Map<String, Value>,
    /// HTTP status: 200, or the error's status.
    pub status: u16,
    /// The response body: the object, or `{"error": {...}}`; shared with the store.
    pub response: Arc<Value>,
    /// Sandbox time of the call, Unix seconds.
    pub created: i64,
    /// The workflow run that made the call; `None` for the UI and the generator.
    pub origin: Option<RunOrigin>,
}

impl RequestLog {
    /// Stripe's error, when the call was refused (as the response body holds it).
    pub fn error(&self) -> Option<ApiError> {
        let error = self.response.get("error")?;
        let text = |key: &str| error.get(key).and_then(Value::as_str).map(str::to_owned);
        Some(ApiError {
            kind: text("type").unwrap_or_default(),
            code: text("code"),
            message: text("message").unwrap_or_default(),
            param: text("param"),
            status: self.status,
        })
    }
}

/// Parameters as Stripe receives them: every dotted name (`recurring.interval`) nested
/// under its parent (`recurring[interval]`), so the log shows Stripe's request, not the
/// catalog's flat names.
pub(crate) fn as_sent(params: &Map<String, Value>) -> Map<String, Value> {
    let mut out = Map::new();
    for (name, value) in params {
        let mut parts = name.split('.').peekable();
        let mut map = &mut out;
        while let Some(part) = parts.next() {
            if parts.peek().is_none() {
                map.insert(part.to_owned(), value.clone());
                break;
            }
            let entry = map
                .entry(part.to_owned())
                .or_insert_with(|| Value::Object(Map::new()));
            if !entry.is_object() {
                *entry = Value::Object(Map::new());
            }
            let Value::Object(inner) = entry else {
                break;
            };
            map = inner;
        }
    }
    out
}

/// Fills `{name}` placeholders of an action's path from its parameters.
pub(crate) fn fill_path(template: &str, params: &Map<String, Value>) -> String {
    let mut out = String::with_capacity(template.len() + 24);
    let mut rest = template;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let Some(len) = rest[start..].find('}') else {
            break;
        };
        let name = &rest[start + 1..start + len];
        match params.get(name) {
            Some(Value::String(s)) => out.push_str(s),
            Some(other) => out.push_str(&other.to_string()),
            None => out.push_str(&rest[start..start + len + 1]),
        }
        rest = &rest[start + len + 1..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn dotted_params_are_logged_nested_as_stripe_receives_them() {
        let Value::Object(params) = json!({
            "promotion.type": "coupon", "promotion.coupon": "SUMMER", "code": "A",
            "items": [{"price": "price_1"}]
        }) else {
            unreachable!()
        };
        assert_eq!(
            Value::Object(as_sent(&params)),
            json!({"promotion": {"type": "coupon", "coupon": "SUMMER"}, "code": "A", "items": [{"price": "price_1"}]})
        );
    }

    #[test]
    fn path_placeholders_are_filled() {
        let params = json!({"invoice": "in_1"});
        let Value::Object(map) = params else {
            unreachable!()
        };
        assert_eq!(
            fill_path("/v1/invoices/{invoice}/pay", &map),
            "/v1/invoices/in_1/pay"
        );
        assert_eq!(fill_path("/v1/customers", &map), "/v1/customers");
        assert_eq!(fill_path("/v1/x/{missing}", &map), "/v1/x/{missing}");
    }
}
