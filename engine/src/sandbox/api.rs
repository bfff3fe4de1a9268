//! The API: parameter validation, Stripe's errors, dispatch of actions, and the generic
//! create / retrieve / update / list / delete of the catalog's simpler resources.
//!
//! [`Sandbox::call`](super::Sandbox::call) comes here. Parameters are first checked against
//! the [bounds](crate::bounds) of any input (too deep, too long or too big is refused, and
//! the request log then keeps none of them), then against the action's [`ActionSpec`]
//! before anything changes (an unknown parameter, a missing **Required** one, a value of the
//! wrong type or metadata past Stripe's limits is refused with Stripe's error), then coerced
//! the way Stripe's form decoding does (`"1000"` is a fine integer, `""` unsets an optional
//! field). State-changing flows live in `billing.rs` and `payments.rs`.

use std::sync::Arc;

use serde_json::{Map, Value};

use crate::json::json;

use super::catalog::{ActionSpec, ParamKind, ParamSpec};
use super::email::is_valid_email;
use super::log::{as_sent, fill_path, RequestLog};
use super::{event_type, ids, objects, ApiError, RunOrigin, Sandbox, LOG_HISTORY_LIMIT};
use crate::bounds::{check_fields, check_metadata, start_of, BoundsError};
use crate::limits::{MAX_EMAIL_CHARS, MAX_VALUE_BYTES};

/// Validated, coerced parameters of one call.
#[derive(Clone, Debug, Default)]
pub(crate) struct Params(pub(crate) Map<String, Value>);

impl Params {
    /// A parameter's value, if given.
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.0.get(name).filter(|v| !v.is_null())
    }
    /// A text (or id, or enum) parameter.
    pub fn str(&self, name: &str) -> Option<&str> {
        self.get(name).and_then(Value::as_str)
    }
    /// A whole-number parameter (integer, money, timestamp).
    pub fn int(&self, name: &str) -> Option<i64> {
        self.get(name).and_then(Value::as_i64)
    }
    /// A boolean parameter.
    pub fn bool(&self, name: &str) -> Option<bool> {
        self.get(name).and_then(Value::as_bool)
    }
    /// A path parameter (validation guarantees required ones are present).
    pub fn id(&self, name: &str) -> &str {
        self.str(name).unwrap_or_default()
    }
    /// Every given parameter.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &Value)> {
        self.0.iter()
    }
}

/// How Stripe names an object type in "No such ..." messages.
fn missing_name(object: &str) -> &str {
    match object {
        "payment_method" => "PaymentMethod",
        "radar.early_fraud_warning" => "early fraud warning",
        other => other,
    }
}

/// "No such customer: 'cus_123'" (404, `resource_missing`).
pub(crate) fn no_such(object: &str, id: &str, param: &str) -> ApiError {
    ApiError {
        kind: "invalid_request_error".into(),
        code: Some("resource_missing".into()),
        message: format!("No such {}: '{}'", missing_name(object), id),
        param: Some(stripe_param(param)),
        status: 404,
    }
}

/// A parameter as Stripe names it in errors: the catalog's `promotion.coupon` is
/// `promotion[coupon]`.
/// `items[0][price]` and metadata keys inside brackets are kept as they are.
pub(crate) fn stripe_param(name: &str) -> String {
    let (head, tail) = name.split_at(name.find('[').unwrap_or(name.len()));
    let mut parts = head.split('.');
    let mut out = parts.next().unwrap_or_default().to_owned();
    for part in parts {
        out.push_str(&format!("[{part}]"));
    }
    out.push_str(tail);
    out
}

/// "Missing required param: customer." (400, `parameter_missing`).
pub(crate) fn param_missing(param: &str) -> ApiError {
    let param = stripe_param(param);
    ApiError {
        kind: "invalid_request_error".into(),
        code: Some("parameter_missing".into()),
        message: format!("Missing required param: {param}."),
        param: Some(param),
        status: 400,
    }
}

/// A bad parameter value (400) with Stripe's code.
pub(crate) fn invalid(param: &str, code: &str, message: String) -> ApiError {
    ApiError {
        kind: "invalid_request_error".into(),
        code: Some(code.into()),
        message,
        param: Some(stripe_param(param)),
        status: 400,
    }
}

/// A request that does not fit the object's state (400).
pub(crate) fn refused(code: Option<&str>, message: String, param: Option<&str>) -> ApiError {
    ApiError {
        kind: "invalid_request_error".into(),
        code: code.map(str::to_string),
        message,
        param: param.map(str::to_string),
        status: 400,
    }
}

/// A declined card (402, `card_error`).
pub(crate) fn card_declined(decline_code: &str) -> ApiError {
    let message = if decline_code == "insufficient_funds" {
        "Your card has insufficient funds."
    } else {
        "Your card was declined."
    };
    ApiError {
        kind: "card_error".into(),
        code: Some("card_declined".into()),
        message: message.into(),
        param: None,
        status: 402,
    }
}

/// A payment that waits for the customer's 3D Secure authentication (402, as Stripe
/// answers a confirmation that cannot finish off-session).
pub(crate) fn authentication_required() -> ApiError {
    ApiError {
        kind: "card_error".into(),
        code: Some("authentication_required".into()),
        message: "Your card was declined. This transaction requires authentication.".into(),
        param: None,
        status: 402,
    }
}

/// The value shown for a parameter in an error message.
fn shown(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Checks and coerces `params` against the action's parameter list.
pub(crate) fn validate(spec: &ActionSpec, params: &Map<String, Value>) -> Result<Params, ApiError> {
    if let Some(unknown) = params
        .keys()
        .find(|k| !spec.params.iter().any(|p| p.name == k.as_str()))
    {
        return Err(invalid(
            unknown,
            "parameter_unknown",
            format!("Received unknown parameter: {unknown}"),
        ));
    }
    let mut out = Map::new();
    for p in spec.params {
        let given = match params.get(p.name) {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) if s.trim().is_empty() && p.required => None,
            Some(v) => Some(v),
        };
        let Some(value) = given else {
            if p.required {
                // Stripe names the parent when none of its fields is given.
                let parent = p.name.split_once('.').map(|(parent, _)| parent);
                let missing = match parent {
                    Some(parent)
                        if !params.keys().any(|k| k.starts_with(&format!("{parent}."))) =>
                    {
                        parent
                    }
                    _ => p.name,
                };
                return Err(param_missing(missing));
            }
            continue;
        };
        let coerced = coerce(p.name, p.kind, value)?;
        if coerced.is_null()
            && matches!(
                p.kind,
                ParamKind::Id(_) | ParamKind::Enum(_) | ParamKind::Items(_)
            )
        {
            if p.required {
                return Err(param_missing(p.name));
            }
            continue;
        }
        out.insert(p.name.to_string(), coerced);
    }
    Ok(Params(out))
}

/// One parameter value, as Stripe's decoding would read it.
fn coerce(name: &str, kind: ParamKind, v: &Value) -> Result<Value, ApiError> {
    let as_text = |v: &Value| -> Option<String> {
        match v {
            Value::String(s) => Some(s.clone()),
            Value::Number(n) => Some(n.to_string()),
            Value::Bool(b) => Some(b.to_string()),
            _ => None,
        }
    };
    match kind {
        ParamKind::String => match as_text(v) {
            Some(s) if s.is_empty() => Ok(Value::Null),
            Some(s) => Ok(Value::String(s)),
            None => Err(invalid(
                name,
                "parameter_invalid_string",
                format!("Invalid string: {}", shown(v)),
            )),
        },
        ParamKind::Integer | ParamKind::Money | ParamKind::Timestamp => {
            let number = match v {
                Value::Number(n) => n.as_i64().map(Value::from).or_else(|| {
                    // Decimal percentages are allowed where Stripe takes a decimal.
                    n.as_f64()
                        .filter(|f| name == "percent_off" && f.is_finite())
                        .map(Value::from)
                }),
                Value::String(s) if s.trim().is_empty() => Some(Value::Null),
                Value::String(s) => s.trim().parse::<i64>().ok().map(Value::from).or_else(|| {
                    crate::decimal::parse_f64(s.trim())
                        .filter(|f| name == "percent_off" && f.is_finite())
                        .map(Value::from)
                }),
                _ => None,
            };
            number.ok_or_else(|| {
                invalid(
                    name,
                    "parameter_invalid_integer",
                    format!("Invalid integer: {}", shown(v)),
                )
            })
        }
        ParamKind::Boolean => match v {
            Value::Bool(b) => Ok(Value::Bool(*b)),
            Value::String(s) if s == "true" || s == "false" => Ok(Value::Bool(s == "true")),
            _ => Err(invalid(
                name,
                "parameter_invalid_boolean",
                format!("Invalid boolean: {}", shown(v)),
            )),
        },
        ParamKind::Enum(values) => match v.as_str() {
            Some("") => Ok(Value::Null),
            Some(s) if values.contains(&s) => Ok(Value::String(s.to_string())),
            _ => Err(invalid(
                name,
                "parameter_invalid_string",
                format!("Invalid {name}: must be one of {}", values.join(", ")),
            )),
        },
        ParamKind::Id(_) => match v {
            Value::String(s) if s.trim().is_empty() => Ok(Value::Null),
            Value::String(s) => Ok(Value::String(s.trim().to_string())),
            _ => Err(invalid(
                name,
                "parameter_invalid_string",
                format!("Invalid string: {}", shown(v)),
            )),
        },
        ParamKind::Metadata => coerce_metadata(name, v),
        ParamKind::Items(fields) => coerce_items(name, fields, v),
        ParamKind::List => match v {
            Value::Array(items) => items
                .iter()
                .map(|i| {
                    as_text(i).map(Value::String).ok_or_else(|| {
                        invalid(
                            name,
                            "parameter_invalid_string",
                            format!("Invalid string: {}", shown(i)),
                        )
                    })
                })
                .collect::<Result<Vec<_>, _>>()
                .map(Value::Array),
            other => match as_text(other) {
                Some(s) => Ok(Value::Array(vec![Value::String(s)])),
                None => Err(invalid(
                    name,
                    "parameter_invalid_array",
                    format!("Invalid array: {}", shown(other)),
                )),
            },
        },
    }
}

/// A list of objects (`items`): each row's fields coerced as their own parameters and named
/// as Stripe names them (`items[0][price]`); rows left empty (the panel's blank row) are
/// dropped, and no row at all is `null` (not given).
fn coerce_items(name: &str, fields: &[ParamSpec], v: &Value) -> Result<Value, ApiError> {
    let rows = match v {
        Value::Array(rows) => rows,
        Value::String(s) if s.trim().is_empty() => return Ok(Value::Null),
        other => {
            return Err(invalid(
                name,
                "parameter_invalid_array",
                format!("Invalid array: {}", shown(other)),
            ))
        }
    };
    let mut out = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        let at = |field: &str| format!("{name}[{i}][{field}]");
        let Value::Object(row) = row else {
            return Err(invalid(
                &format!("{name}[{i}]"),
                "parameter_invalid_object",
                format!("Invalid object: {}", shown(row)),
            ));
        };
        if let Some(unknown) = row.keys().find(|k| !fields.iter().any(|f| f.name == *k)) {
            let param = at(unknown);
            return Err(invalid(
                &param,
                "parameter_unknown",
                format!("Received unknown parameter: {param}"),
            ));
        }
        let mut coerced = Map::new();
        for field in fields {
            let Some(value) = row.get(field.name).filter(|v| !v.is_null()) else {
                continue;
            };
            let value = coerce(&at(field.name), field.kind, value)?;
            if !value.is_null() {
                coerced.insert(field.name.to_owned(), value);
            }
        }
        if coerced.is_empty() {
            continue;
        }
        if let Some(missing) = fields
            .iter()
            .find(|f| f.required && !coerced.contains_key(f.name))
        {
            return Err(param_missing(&at(missing.name)));
        }
        out.push(Value::Object(coerced));
    }
    Ok(if out.is_empty() {
        Value::Null
    } else {
        Value::Array(out)
    })
}

/// Metadata: an object of string values (numbers and booleans become strings, `null` or
/// `""` removes the key), within Stripe's limits ([`check_metadata`]: 50 keys of up to 40
/// characters without `[` or `]`, values up to 500).
fn coerce_metadata(name: &str, v: &Value) -> Result<Value, ApiError> {
    let map = match v {
        Value::Object(map) => map,
        Value::String(s) if s.is_empty() => return Ok(Value::String(String::new())),
        _ => {
            return Err(invalid(
                name,
                "parameter_invalid_object",
                "Invalid metadata: must be an object of string values".into(),
            ))
        }
    };
    if let Err(error) = check_metadata(v) {
        return Err(metadata_refused(name, map, &error));
    }
    let mut out = Map::new();
    for (k, value) in map {
        let text = match value {
            Value::String(s) if s.is_empty() => Value::Null,
            Value::Number(n) => Value::String(n.to_string()),
            Value::Bool(b) => Value::String(b.to_string()),
            other => other.clone(),
        };
        out.insert(k.clone(), text);
    }
    Ok(Value::Object(out))
}

/// Stripe's error for metadata past its limits.
fn metadata_refused(name: &str, map: &Map<String, Value>, error: &BoundsError) -> ApiError {
    // The key as given (errors show the beginning of a long one).
    let full = |shown: &str| -> String {
        map.keys()
            .find(|k| *k == shown || start_of(k) == shown)
            .cloned()
            .unwrap_or_else(|| shown.to_owned())
    };
    let key_param = |key: &str| format!("{name}[{}]", full(key));
    match error {
        BoundsError::MetadataTooManyKeys { limit, .. } => invalid(
            name,
            "parameter_invalid_object",
            format!("Invalid metadata: at most {limit} keys are allowed"),
        ),
        BoundsError::MetadataKeyTooLong { key, limit, .. } => invalid(
            &key_param(key),
            "parameter_invalid_string",
            format!(
                "Invalid string: {}; must be at most {limit} characters",
                stripe_short(&full(key))
            ),
        ),
        BoundsError::MetadataKeyBracket { key } => invalid(
            &key_param(key),
            "parameter_invalid_string",
            format!(
                "Invalid metadata key: {}; keys cannot contain `[` or `]`",
                full(key)
            ),
        ),
        BoundsError::MetadataValueTooLong { key, limit, .. } => {
            let value = map
                .get(&full(key))
                .and_then(Value::as_str)
                .unwrap_or_default();
            invalid(
                &key_param(key),
                "parameter_invalid_string",
                format!(
                    "Invalid string: {}; must be at most {limit} characters",
                    stripe_short(value)
                ),
            )
        }
        BoundsError::MetadataNotText { key, .. } => {
            let value = map.get(&full(key)).unwrap_or(&Value::Null);
            invalid(
                &key_param(key),
                "parameter_invalid_string",
                format!("Invalid string: {value}"),
            )
        }
        other => invalid(name, "parameter_invalid_object", other.to_string()),
    }
}

/// How Stripe shows a long text in an error: its first and last ten characters.
fn stripe_short(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    if chars.len() <= 20 {
        return text.to_owned();
    }
    let head: String = chars[..10].iter().collect();
    let tail: String = chars[chars.len() - 10..].iter().collect();
    format!("{head}...{tail}")
}

/// Stripe's error for parameters past the [bounds](crate::bounds) of an input.
fn out_of_bounds(params: &Map<String, Value>, error: &BoundsError) -> ApiError {
    // The parameter a dotted path starts with, and the path in Stripe's brackets.
    let param = |path: &str| -> Option<String> {
        let key = params
            .keys()
            .filter(|k| path == k.as_str() || path.starts_with(&format!("{k}.")))
            .max_by_key(|k| k.len())?;
        let inner = path[key.len()..].trim_start_matches('.');
        let mut out = key.clone();
        for part in inner.split('.').filter(|p| !p.is_empty()) {
            out.push_str(&format!("[{part}]"));
        }
        Some(out)
    };
    match error {
        BoundsError::TooLong { path, chars, limit } => {
            let param = param(path);
            let at = param.as_deref().unwrap_or("a parameter");
            invalid(
                at,
                "parameter_invalid_string",
                format!("Invalid string: {at} has {chars} characters; must be at most {limit} characters"),
            )
        }
        BoundsError::TooDeep { path, depth, limit } => {
            // The parameter itself: the path to its deepest point says little.
            let param = params
                .keys()
                .find(|k| path == k.as_str() || path.starts_with(&format!("{k}.")));
            let at = param.map_or("parameters", String::as_str);
            refused(
                None,
                format!(
                    "Invalid {at}: nested {depth} levels deep; at most {limit} levels are accepted"
                ),
                param.map(String::as_str),
            )
        }
        BoundsError::PathTooLong { start, .. } | BoundsError::PathTooDeep { start, .. } => invalid(
            start,
            "parameter_unknown",
            format!("Received unknown parameter: {start}"),
        ),
        BoundsError::TooBig { .. } => refused(
            None,
            format!("Request parameters are larger than {MAX_VALUE_BYTES} bytes: send less"),
            None,
        ),
        other => refused(None, other.to_string(), None),
    }
}

/// Stripe's check of a customer's email: at most 512 characters and an address
/// ([`is_valid_email`]); `email_invalid` otherwise.
fn check_email(p: &Params) -> Result<(), ApiError> {
    let Some(email) = p.str("email") else {
        return Ok(());
    };
    if email.chars().count() > MAX_EMAIL_CHARS {
        return Err(invalid(
            "email",
            "parameter_invalid_string",
            format!(
                "Invalid string: {}; must be at most {MAX_EMAIL_CHARS} characters",
                stripe_short(email)
            ),
        ));
    }
    if !is_valid_email(email) {
        return Err(invalid(
            "email",
            "email_invalid",
            format!("Invalid email address: {email}"),
        ));
    }
    Ok(())
}

/// Sets `value` at a dotted `path`, creating nested objects as needed.
pub(crate) fn set_path(target: &mut Value, path: &str, value: Value) {
    let mut cur = target;
    let mut parts = path.split('.').peekable();
    while let Some(part) = parts.next() {
        if !cur.is_object() {
            *cur = Value::Object(Map::new());
        }
        let Value::Object(map) = cur else { return };
        if parts.peek().is_none() {
            map.insert(part.to_string(), value);
            return;
        }
        cur = map.entry(part.to_string()).or_insert(Value::Null);
    }
}

/// Merges metadata as Stripe does: given keys are set, `null` removes a key, `""` clears all.
pub(crate) fn merge_metadata(target: &mut Value, given: &Value) {
    if given.as_str() == Some("") {
        target["metadata"] = json!({});
        return;
    }
    if !target["metadata"].is_object() {
        target["metadata"] = json!({});
    }
    let (Some(given), Value::Object(meta)) = (given.as_object(), &mut target["metadata"]) else {
        return;
    };
    for (k, v) in given {
        if v.is_null() {
            meta.remove(k);
        } else {
            meta.insert(k.clone(), v.clone());
        }
    }
}

/// Applies every parameter except `skip` to an object: metadata merged, others set by path.
pub(crate) fn apply_params(target: &mut Value, p: &Params, skip: &[&str]) {
    for (k, v) in p.iter() {
        if skip.contains(&k.as_str()) {
            continue;
        }
        if k == "metadata" {
            merge_metadata(target, v);
        } else {
            set_path(target, k, v.clone());
        }
    }
}

/// Gives a customer with no address the full address shape before `address.*` is set.
fn prepare_address(customer: &mut Value, p: &Params) {
    if customer["address"].is_null() && p.iter().any(|(k, _)| k.starts_with("address.")) {
        customer["address"] = json!({
            "city": null, "country": null, "line1": null, "line2": null,
            "postal_code": null, "state": null
        });
    }
}

/// The `*.updated` event type of an object type, if Stripe has one.
pub(crate) fn updated_event(object: &str) -> Option<&'static str> {
    let kind = match object {
        "subscription" => "customer.subscription.updated",
        "dispute" => "charge.dispute.updated",
        other => return event_type(&format!("{other}.updated")).map(|e| e.kind),
    };
    event_type(kind).map(|e| e.kind)
}

impl Sandbox {
    /// Serves one call and logs it; the second value is the request id. The response is
    /// the stored object itself, shared with the request log and the events.
    pub(crate) fn call_logged(
        &mut self,
        action_id: &str,
        params: &Map<String, Value>,
        origin: Option<&RunOrigin>,
    ) -> (Result<Arc<Value>, ApiError>, String) {
        let request = ids::new_id(&mut self.rng, "request");
        self.request = Some(request.clone());
        let spec = super::action(action_id);
        // Parameters out of bounds are refused first, and not kept in the log.
        let bounds = check_fields(params);
        let action_id = match spec {
            Some(spec) => spec.id.to_owned(),
            None => start_of(action_id),
        };
        let result = match (spec, &bounds) {
            (_, Err(error)) => Err(out_of_bounds(params, error)),
            (None, Ok(())) => Err(ApiError {
                kind: "invalid_request_error".into(),
                code: None,
                message: format!("Unrecognized request: no action named {action_id}"),
                param: None,
                status: 404,
            }),
            (Some(spec), Ok(())) => validate(spec, params).and_then(|p| self.dispatch(spec, &p)),
        };
        let empty = Map::new();
        let params = if bounds.is_ok() { params } else { &empty };
        self.request = None;
        let method = spec.map_or(super::Method::Post, |s| s.method);
        let path = spec.map_or_else(|| format!("/v1/{action_id}"), |s| fill_path(s.path, params));
        self.record(&request, action_id, method, path, params, &result, origin);
        (result, request)
    }

    /// Adds one request to the request log.
    #[allow(clippy::too_many_arguments)]
    fn record(
        &mut self,
        request: &str,
        action: String,
        method: super::Method,
        path: String,
        params: &Map<String, Value>,
        result: &Result<Arc<Value>, ApiError>,
        origin: Option<&RunOrigin>,
    ) {
        let (status, response) = match result {
            Ok(v) => (200, Arc::clone(v)),
            Err(e) => (
                e.status,
                Arc::new(
                    json!({"error": {"type": e.kind, "code": e.code, "message": e.message, "param": e.param}}),
                ),
            ),
        };
        if self.logs.len() >= LOG_HISTORY_LIMIT {
            self.logs.pop_front();
        }
        self.logs_added += 1;
        self.unsaved_logs += 1;
        self.logs.push_back(RequestLog {
            id: request.to_owned(),
            action,
            method,
            path,
            params: as_sent(params),
            status,
            response,
            created: self.clock.now(),
            origin: origin.cloned(),
        });
    }

    /// Serves one Stripe operation that the catalog does not offer to workflow steps
    /// (`POST /v1/setup_intents`, `GET /v1/disputes`, ...) but that a scenario makes, as
    /// `stripe trigger` does: it gets a `req_` id that the events it causes carry, and a
    /// request log entry named `action` at `path`.
    pub(crate) fn internal_call(
        &mut self,
        action: &str,
        method: super::Method,
        path: String,
        params: &Map<String, Value>,
        serve: impl FnOnce(&mut Self) -> Result<Arc<Value>, ApiError>,
    ) -> (Result<Arc<Value>, ApiError>, String) {
        let request = ids::new_id(&mut self.rng, "request");
        self.request = Some(request.clone());
        let result = serve(self);
        self.request = None;
        self.record(
            &request,
            action.to_owned(),
            method,
            path,
            params,
            &result,
            None,
        );
        (result, request)
    }

    /// Runs a validated action.
    fn dispatch(&mut self, spec: &ActionSpec, p: &Params) -> Result<Arc<Value>, ApiError> {
        let verb = spec.id.rsplit('.').next().unwrap_or_default();
        match spec.id {
            "customers.create" => self.customer_create(p),
            "customers.update" => self.customer_update(p),
            "customers.delete" => self.customer_delete(p),
            "products.create" => self.product_create(p),
            "products.delete" => self.product_delete(p),
            "prices.create" => self.price_create(p),
            "prices.update" => self.price_update(p),
            "coupons.create" => self.coupon_create(p),
            "coupons.delete" => self.simple_delete("coupon", p.id("coupon"), "coupon"),
            "promotion_codes.create" => self.promotion_code_create(p),
            "invoiceitems.create" => self.invoiceitem_create(p),
            "invoiceitems.update" => self.invoiceitem_update(p),
            "invoiceitems.delete" => self.invoiceitem_delete(p),
            "invoices.create" => self.invoice_create(p),
            "invoices.update" => self.invoice_update(p),
            "invoices.finalize" => self.invoice_finalize_call(p),
            "invoices.pay" => self.invoice_pay(p),
            "invoices.void" => self.invoice_void(p),
            "invoices.send" => self.invoice_send(p),
            "invoices.mark_uncollectible" => self.invoice_mark_uncollectible(p),
            "invoices.delete" => self.invoice_delete(p),
            "subscriptions.create" => self.subscription_create(p),
            "subscriptions.update" => self.subscription_update(p),
            "subscriptions.cancel" => self.subscription_cancel(p),
            "payment_intents.create" => self.payment_intent_create(p),
            "payment_intents.update" => self.payment_intent_update(p),
            "payment_intents.confirm" => self.payment_intent_confirm(p),
            "payment_intents.capture" => self.payment_intent_capture(p),
            "payment_intents.cancel" => self.payment_intent_cancel(p),
            "refunds.create" => self.refund_create(p),
            "refunds.update" => self.refund_update(p),
            "disputes.update" => self.dispute_update(p),
            "disputes.close" => self.dispute_close(p),
            "credit_notes.create" => self.credit_note_create(p),
            "credit_notes.void" => self.credit_note_void(p),
            "payment_methods.attach" => self.payment_method_attach_call(p),
            "payment_methods.detach" => self.payment_method_detach(p),
            "payouts.create" => self.payout_create(p),
            "payouts.cancel" => self.payout_cancel(p),
            "checkout.sessions.create" => self.checkout_session_create(p),
            "checkout.sessions.expire" => self.checkout_session_expire(p),
            "reviews.approve" => self.review_approve(p),
            _ if verb == "retrieve" => {
                let param = spec.params.first().map_or("id", |p| p.name);
                self.retrieve(spec.returns, p.id(param), param)
            }
            _ if verb == "list" => self.list(spec, p),
            _ if verb == "update" => {
                let param = spec.params.first().map_or("id", |p| p.name);
                self.simple_update(spec.returns, p, param)
            }
            _ => Err(refused(
                None,
                format!("The sandbox does not implement {} yet", spec.id),
                None,
            )),
        }
    }

    /// A live object (shared with the store), or Stripe's "No such ..." error naming `param`.
    pub(crate) fn load(&self, object: &str, id: &str, param: &str) -> Result<Arc<Value>, ApiError> {
        self.store
            .live(object, id)
            .cloned()
            .ok_or_else(|| no_such(object, id, param))
    }

    /// A copy of a live object to change, or Stripe's "No such ..." error naming `param`.
    pub(crate) fn load_copy(&self, object: &str, id: &str, param: &str) -> Result<Value, ApiError> {
        self.load(object, id, param).map(Arc::unwrap_or_clone)
    }

    /// Stores a new version of an object; returns it shared, for the events and the
    /// response that carry it.
    pub(crate) fn save(&mut self, object: impl Into<Arc<Value>>) -> Arc<Value> {
        let object = object.into();
        self.store.put(Arc::clone(&object));
        object
    }

    /// Retrieve: the object, or its deletion stub.
    fn retrieve(&self, object: &str, id: &str, param: &str) -> Result<Arc<Value>, ApiError> {
        match self.store.shared(id) {
            Some(o) if o["object"] == object => Ok(Arc::clone(o)),
            _ => Err(no_such(object, id, param)),
        }
    }

    /// List: a Stripe list object, newest first, filtered by the given parameters.
    fn list(&self, spec: &ActionSpec, p: &Params) -> Result<Arc<Value>, ApiError> {
        let object = match spec.id {
            "customers.list" => "customer",
            "invoices.list" => "invoice",
            "subscriptions.list" => "subscription",
            _ => "charge",
        };
        let limit = p.int("limit").unwrap_or(10);
        if !(1..=100).contains(&limit) {
            return Err(invalid(
                "limit",
                "parameter_invalid_integer",
                "Invalid limit: must be between 1 and 100".into(),
            ));
        }
        let filters: Vec<(&String, &Value)> = p.iter().filter(|(k, _)| *k != "limit").collect();
        let candidates: Box<dyn Iterator<Item = &Value>> = match p.str("customer") {
            Some(customer) => {
                let owned: Vec<&Value> = self.store.of_customer(object, customer).collect();
                Box::new(owned.into_iter().rev())
            }
            None => Box::new(self.store.list(object)),
        };
        let mut matching = candidates.filter(|o| filters.iter().all(|(k, v)| &&o[k.as_str()] == v));
        let data: Vec<Value> = matching.by_ref().take(limit as usize).cloned().collect();
        let has_more = matching.next().is_some();
        Ok(Arc::new(
            json!({"object": "list", "data": data, "has_more": has_more, "url": spec.path}),
        ))
    }

    /// Update of a simple resource: set the given fields, emit `*.updated` if anything changed.
    pub(crate) fn simple_update(
        &mut self,
        object: &str,
        p: &Params,
        param: &str,
    ) -> Result<Arc<Value>, ApiError> {
        let old = self.load(object, p.id(param), param)?;
        let mut new = Value::clone(&old);
        apply_params(&mut new, p, &[param]);
        if new.get("updated").is_some() && new != *old {
            new["updated"] = json!(self.clock.now());
        }
        let new = self.save(new);
        if let Some(kind) = updated_event(object) {
            self.emit_update(kind, &old, &new);
        }
        Ok(new)
    }

    /// Delete: emits `*.deleted` with the object as it was, answers the deletion stub.
    pub(crate) fn simple_delete(
        &mut self,
        object: &str,
        id: &str,
        param: &str,
    ) -> Result<Arc<Value>, ApiError> {
        let old = self.load(object, id, param)?;
        self.store.delete(id);
        if let Some(spec) = event_type(&format!("{object}.deleted")) {
            self.emit(spec.kind, old, None);
        }
        Ok(Arc::new(
            json!({"id": id, "object": object, "deleted": true}),
        ))
    }

    /// A fresh object of `object` type built by its builder.
    pub(crate) fn fresh(&mut self, object: &str) -> Value {
        objects::blank(object, &mut self.rng, self.clock.now())
    }

    pub(crate) fn customer_create(&mut self, p: &Params) -> Result<Arc<Value>, ApiError> {
        check_email(p)?;
        let pm = match p.str("payment_method") {
            Some(token) => Some(self.resolve_payment_method(token, "payment_method")?),
            None => None,
        };
        let default_pm = "invoice_settings.default_payment_method";
        if let Some(given) = p.str(default_pm) {
            if p.str("payment_method") != Some(given) && pm.as_deref() != Some(given) {
                return Err(refused(
                    Some("resource_missing"),
                    format!("The customer does not have a payment method with the ID {given}. The payment method must be attached to the customer."),
                    Some("invoice_settings[default_payment_method]"),
                ));
            }
        }
        let mut customer = self.fresh("customer");
        prepare_address(&mut customer, p);
        apply_params(&mut customer, p, &["payment_method", default_pm]);
        if p.str(default_pm).is_some() {
            customer["invoice_settings"]["default_payment_method"] = json!(pm);
        }
        let customer = self.save(customer);
        self.emit("customer.created", customer.clone(), None);
        if let Some(pm) = pm {
            let id = customer["id"].as_str().unwrap_or_default().to_string();
            self.attach_payment_method(&pm, &id)?;
        }
        Ok(customer)
    }

    fn customer_update(&mut self, p: &Params) -> Result<Arc<Value>, ApiError> {
        let id = p.id("customer");
        self.load("customer", id, "customer")?;
        check_email(p)?;
        if let Some(pm) = p.str("invoice_settings.default_payment_method") {
            let method = self.load(
                "payment_method",
                pm,
                "invoice_settings[default_payment_method]",
            )?;
            if method["customer"] != id {
                return Err(refused(
                    Some("resource_missing"),
                    format!("The customer does not have a payment method with the ID {pm}. The payment method must be attached to the customer."),
                    Some("invoice_settings[default_payment_method]"),
                ));
            }
        }
        if p.iter().any(|(k, _)| k.starts_with("address.")) {
            let mut c = self.load_copy("customer", id, "customer")?;
            let old = c.clone();
            prepare_address(&mut c, p);
            if c != old {
                // Only the shape changes here; the update below emits the event.
                self.store.put(c);
                let result = self.simple_update("customer", p, "customer");
                if result.is_err() {
                    self.store.put(old.clone());
                }
                return self.rebase_customer_event(result, &old);
            }
        }
        self.simple_update("customer", p, "customer")
    }

    /// Makes the last `customer.updated` compare with `old` (the customer before its empty
    /// address was given its shape).
    fn rebase_customer_event(
        &mut self,
        result: Result<Arc<Value>, ApiError>,
        old: &Value,
    ) -> Result<Arc<Value>, ApiError> {
        let new = result?;
        if let Some(last) = self.pending.last_mut() {
            if last.kind == "customer.updated" && last.data.object["id"] == new["id"] {
                last.data.previous_attributes = super::previous_attributes(old, &new);
                let (id, prev) = (last.id.clone(), last.data.previous_attributes.clone());
                if let Some(h) = self.history.iter_mut().rev().find(|e| e.id == id) {
                    h.data.previous_attributes = prev;
                }
            }
        }
        Ok(new)
    }

    fn customer_delete(&mut self, p: &Params) -> Result<Arc<Value>, ApiError> {
        let id = p.id("customer").to_string();
        self.load("customer", &id, "customer")?;
        let subs: Vec<String> = self
            .store
            .of_customer("subscription", &id)
            .filter(|s| s["status"] != "canceled")
            .filter_map(|s| s["id"].as_str().map(str::to_string))
            .collect();
        for sub in subs {
            self.end_subscription(&sub, "cancellation_requested")?;
        }
        self.simple_delete("customer", &id, "customer")
    }

    pub(crate) fn product_create(&mut self, p: &Params) -> Result<Arc<Value>, ApiError> {
        let mut product = self.fresh("product");
        apply_params(&mut product, p, &[]);
        let product = self.save(product);
        self.emit("product.created", product.clone(), None);
        Ok(product)
    }

    fn product_delete(&mut self, p: &Params) -> Result<Arc<Value>, ApiError> {
        let id = p.id("product");
        self.load("product", id, "product")?;
        if self.store.list("price").any(|price| price["product"] == id) {
            return Err(refused(
                None,
                "This product cannot be deleted because it has one or more user-created prices."
                    .into(),
                None,
            ));
        }
        self.simple_delete("product", id, "product")
    }

    pub(crate) fn price_create(&mut self, p: &Params) -> Result<Arc<Value>, ApiError> {
        // Stripe takes `product` or `product_data`, never both; `product_data` creates the
        // product, once every parameter is known to be right (`product.created`).
        let new_product = p.str("product_data.name");
        match (p.str("product"), new_product) {
            (Some(_), Some(_)) => {
                return Err(refused(
                    None,
                    "You may only specify one of these parameters: product, product_data.".into(),
                    Some("product_data"),
                ))
            }
            (Some(product), None) => {
                self.load("product", product, "product")?;
            }
            (None, Some(_)) => {}
            (None, None) => return Err(param_missing("product")),
        }
        let Some(amount) = p.int("unit_amount") else {
            return Err(param_missing("unit_amount"));
        };
        if amount < 0 {
            return Err(invalid(
                "unit_amount",
                "parameter_invalid_integer",
                "This value must be greater than or equal to 0.".into(),
            ));
        }
        let product = match new_product {
            Some(name) => {
                let made = self
                    .product_create(&Params(Map::from_iter([("name".to_owned(), json!(name))])))?;
                made["id"].as_str().unwrap_or_default().to_owned()
            }
            None => p.id("product").to_owned(),
        };
        let product = product.as_str();
        let id = ids::new_id(&mut self.rng, "price");
        let currency = p.id("currency").to_lowercase();
        let mut price = objects::price(id, self.clock.now(), &currency, product);
        price["unit_amount"] = json!(amount);
        price["unit_amount_decimal"] = json!(amount.to_string());
        if let Some(interval) = p.str("recurring.interval") {
            price["type"] = json!("recurring");
            price["recurring"] = json!({
                "interval": interval,
                "interval_count": p.int("recurring.interval_count").unwrap_or(1).max(1),
                "meter": null,
                "trial_period_days": null,
                "usage_type": "licensed"
            });
        }
        for key in ["nickname", "lookup_key"] {
            if let Some(v) = p.get(key) {
                price[key] = v.clone();
            }
        }
        if let Some(meta) = p.get("metadata") {
            merge_metadata(&mut price, meta);
        }
        let price = self.save(price);
        self.emit("price.created", price.clone(), None);
        if price["type"] == "recurring" {
            self.emit("plan.created", objects::plan_of(&price), None);
        }
        Ok(price)
    }

    pub(crate) fn price_update(&mut self, p: &Params) -> Result<Arc<Value>, ApiError> {
        let old = self.load("price", p.id("price"), "price")?;
        let new = self.simple_update("price", p, "price")?;
        if new["type"] == "recurring" {
            let (old_plan, new_plan) = (objects::plan_of(&old), objects::plan_of(&new));
            self.emit_update("plan.updated", &old_plan, &Arc::new(new_plan));
        }
        Ok(new)
    }

    fn coupon_create(&mut self, p: &Params) -> Result<Arc<Value>, ApiError> {
        let percent = p.get("percent_off").and_then(Value::as_f64);
        let amount = p.int("amount_off");
        match (percent, amount) {
            (None, None) => {
                return Err(refused(
                    Some("parameter_missing"),
                    "Must provide either percent_off or amount_off.".into(),
                    Some("percent_off"),
                ))
            }
            (Some(_), Some(_)) => {
                return Err(refused(
                    None,
                    "You can only pass in one of percent_off or amount_off.".into(),
                    Some("amount_off"),
                ))
            }
            (Some(pct), None) if !(0.0..=100.0).contains(&pct) || pct == 0.0 => {
                return Err(invalid(
                    "percent_off",
                    "parameter_invalid_integer",
                    "Invalid percent_off: must be greater than 0 and at most 100".into(),
                ))
            }
            (None, Some(_)) if p.str("currency").is_none() => {
                return Err(param_missing("currency"))
            }
            _ => {}
        }
        if p.str("duration") == Some("repeating") && p.int("duration_in_months").is_none() {
            return Err(param_missing("duration_in_months"));
        }
        let mut coupon = self.fresh("coupon");
        if let Some(id) = p.str("id") {
            if self.store.get(id).is_some() {
                return Err(refused(
                    Some("resource_already_exists"),
                    "Coupon already exists.".into(),
                    Some("id"),
                ));
            }
            coupon["id"] = json!(id);
        }
        apply_params(&mut coupon, p, &["id"]);
        if let Some(c) = p.str("currency") {
            coupon["currency"] = json!(c.to_lowercase());
        }
        let coupon = self.save(coupon);
        self.emit("coupon.created", coupon.clone(), None);
        Ok(coupon)
    }

    fn promotion_code_create(&mut self, p: &Params) -> Result<Arc<Value>, ApiError> {
        // `promotion.type` is `coupon` (the only type); the coupon is then required.
        let Some(coupon) = p.str("promotion.coupon") else {
            return Err(param_missing("promotion.coupon"));
        };
        self.load("coupon", coupon, "promotion.coupon")?;
        if let Some(customer) = p.str("customer") {
            self.load("customer", customer, "customer")?;
        }
        let code = match p.str("code") {
            Some(c) => c.to_string(),
            None => ids::random_tail(&mut self.rng, 8).to_uppercase(),
        };
        let id = ids::new_id(&mut self.rng, "promotion_code");
        let mut promo = objects::promotion_code(id, self.clock.now(), coupon, &code);
        apply_params(
            &mut promo,
            p,
            &["promotion.type", "promotion.coupon", "code"],
        );
        let promo = self.save(promo);
        self.emit("promotion_code.created", promo.clone(), None);
        Ok(promo)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_path_creates_nested_objects() {
        let mut v = json!({"a": null});
        set_path(&mut v, "a.b.c", json!(1));
        set_path(&mut v, "x", json!("y"));
        assert_eq!(v, json!({"a": {"b": {"c": 1}}, "x": "y"}));
    }

    #[test]
    fn metadata_merge_sets_removes_and_clears() {
        let mut v = json!({"metadata": {"a": "1", "b": "2"}});
        merge_metadata(&mut v, &json!({"a": null, "c": "3"}));
        assert_eq!(v["metadata"], json!({"b": "2", "c": "3"}));
        merge_metadata(&mut v, &json!(""));
        assert_eq!(v["metadata"], json!({}));
    }
}
