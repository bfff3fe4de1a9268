//! Shared test doubles: a small hand-written catalog and a scripted fake account, so engine
//! tests do not depend on the sandbox's contents; and, in [`sandbox`], the helpers of the
//! tests that drive the real sandbox.
#![allow(dead_code)]

pub mod sandbox;

use std::collections::BTreeMap;

use sandflow_engine::sandbox::{
    ActionSpec, ApiError, EventSpec, Method, ParamKind, ParamSpec, RunOrigin,
};
use sandflow_engine::{Account, Catalog, Event, EventData, EventRequest, FieldSpec, ValueKind};
use serde_json::{json, Map, Value};

const fn param(name: &'static str, kind: ParamKind, required: bool) -> ParamSpec {
    ParamSpec {
        name,
        kind,
        required,
        description: "",
    }
}

const fn action(
    id: &'static str,
    name: &'static str,
    params: &'static [ParamSpec],
    returns: &'static str,
    emits: &'static [&'static str],
) -> ActionSpec {
    ActionSpec {
        id,
        name,
        resource: "Test",
        method: Method::Post,
        path: "/v1/test",
        params,
        returns,
        description: "",
        emits,
    }
}

pub static ACTIONS: &[ActionSpec] = &[
    action(
        "customers.retrieve",
        "Retrieve a customer",
        &[param("customer", ParamKind::Id("customer"), true)],
        "customer",
        &[],
    ),
    action(
        "customers.update",
        "Update a customer",
        &[
            param("customer", ParamKind::Id("customer"), true),
            param("name", ParamKind::String, false),
            param("email", ParamKind::String, false),
            param("balance", ParamKind::Integer, false),
            param("metadata", ParamKind::Metadata, false),
        ],
        "customer",
        &["customer.updated"],
    ),
    action(
        "charges.retrieve",
        "Retrieve a charge",
        &[param("charge", ParamKind::Id("charge"), true)],
        "charge",
        &[],
    ),
    action(
        "refunds.create",
        "Create a refund",
        &[
            param("charge", ParamKind::Id("charge"), false),
            param("amount", ParamKind::Money, false),
            param(
                "reason",
                ParamKind::Enum(&["duplicate", "fraudulent", "requested_by_customer"]),
                false,
            ),
        ],
        "refund",
        &["refund.created", "charge.refunded"],
    ),
];

const fn event_spec(kind: &'static str, object: &'static str) -> EventSpec {
    EventSpec {
        kind,
        label: kind,
        category: "Test",
        object,
        suggested: false,
    }
}

pub static EVENTS: &[EventSpec] = &[
    event_spec("customer.created", "customer"),
    event_spec("customer.updated", "customer"),
    event_spec("payment_intent.succeeded", "payment_intent"),
    event_spec("charge.refunded", "charge"),
    event_spec(
        "radar.early_fraud_warning.created",
        "radar.early_fraud_warning",
    ),
];

pub struct TestCatalog;

fn f(path: &str, kind: ValueKind) -> FieldSpec {
    FieldSpec {
        path: path.into(),
        kind,
        label: path.into(),
    }
}

impl Catalog for TestCatalog {
    fn action(&self, id: &str) -> Option<&ActionSpec> {
        ACTIONS.iter().find(|a| a.id == id)
    }
    fn event_type(&self, kind: &str) -> Option<&EventSpec> {
        EVENTS.iter().find(|e| e.kind == kind)
    }
    fn fields(&self, object: &str) -> Vec<FieldSpec> {
        use ValueKind::*;
        match object {
            "customer" => vec![
                f("id", String),
                f("name", String),
                f("email", String),
                f("balance", Number),
                f("created", Timestamp),
                f("delinquent", Boolean),
                f("metadata", Object),
                f("address", Object),
                f("address.city", String),
                f("preferred_locales", List),
            ],
            "payment_intent" => vec![
                f("id", String),
                f("amount", Money),
                f("currency", String),
                f("customer", String),
                f("status", String),
                f("amount_details", Object),
                f("amount_details.tip", Object),
                f("amount_details.tip.amount", Money),
                f("metadata", Object),
            ],
            "charge" => vec![
                f("id", String),
                f("amount", Money),
                f("currency", String),
                f("customer", String),
                f("refunded", Boolean),
            ],
            "refund" => vec![
                f("id", String),
                f("amount", Money),
                f("charge", String),
                f("status", String),
            ],
            _ => vec![],
        }
    }
}

/// An event envelope around `object`.
pub fn event(id: &str, kind: &str, object: Value) -> Event {
    Event {
        id: id.into(),
        object: "event".into(),
        api_version: "2025-09-30.clover".into(),
        created: 1_700_000_000,
        data: EventData {
            object: object.into(),
            previous_attributes: None,
        },
        livemode: false,
        pending_webhooks: 0,
        request: EventRequest::default(),
        kind: kind.into(),
    }
}

/// A scripted account: customers and charges in a map, refunds created on demand, and the
/// events Stripe would emit for updates and refunds.
#[derive(Default)]
pub struct FakeAccount {
    pub now: i64,
    pub objects: BTreeMap<String, Value>,
    pub events: Vec<Event>,
    pub calls: Vec<(String, Map<String, Value>, Option<RunOrigin>)>,
    pub counter: u64,
    pub last_request: Option<String>,
}

impl FakeAccount {
    pub fn new() -> Self {
        let mut account = Self {
            now: 1_700_000_100,
            ..Self::default()
        };
        account.objects.insert(
            "cus_1".into(),
            json!({"id": "cus_1", "object": "customer", "name": "Jean Dupont", "email": "jean@example.com", "metadata": {}}),
        );
        account.objects.insert(
            "ch_small".into(),
            json!({"id": "ch_small", "object": "charge", "amount": 5000, "currency": "usd", "customer": "cus_1"}),
        );
        account.objects.insert(
            "ch_big".into(),
            json!({"id": "ch_big", "object": "charge", "amount": 50000, "currency": "usd", "customer": "cus_1"}),
        );
        account
    }

    fn next(&mut self, prefix: &str) -> String {
        self.counter += 1;
        format!("{prefix}_{}", self.counter)
    }

    fn missing(kind: &str, id: &str, param: &str) -> ApiError {
        ApiError {
            kind: "invalid_request_error".into(),
            code: Some("resource_missing".into()),
            message: format!("No such {kind}: '{id}'"),
            param: Some(param.into()),
            status: 404,
        }
    }
}

impl Account for FakeAccount {
    fn call(
        &mut self,
        action: &str,
        params: &Map<String, Value>,
        origin: Option<&RunOrigin>,
    ) -> Result<Value, ApiError> {
        self.calls
            .push((action.into(), params.clone(), origin.cloned()));
        let request = self.next("req");
        self.last_request = Some(request.clone());
        let text = |k: &str| {
            params
                .get(k)
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned()
        };
        match action {
            "customers.retrieve" | "charges.retrieve" => {
                let (key, kind) = if action == "customers.retrieve" {
                    ("customer", "customer")
                } else {
                    ("charge", "charge")
                };
                let id = text(key);
                self.objects
                    .get(&id)
                    .cloned()
                    .ok_or_else(|| Self::missing(kind, &id, key))
            }
            "customers.update" => {
                let id = text("customer");
                let Some(mut customer) = self.objects.get(&id).cloned() else {
                    return Err(Self::missing("customer", &id, "customer"));
                };
                let mut previous = Map::new();
                for (k, v) in params {
                    if k == "customer" {
                        continue;
                    }
                    if k == "metadata" {
                        let mut prev_meta = Map::new();
                        for (mk, mv) in v.as_object().cloned().unwrap_or_default() {
                            prev_meta.insert(
                                mk.clone(),
                                customer["metadata"]
                                    .get(&mk)
                                    .cloned()
                                    .unwrap_or(Value::Null),
                            );
                            customer["metadata"][&mk] = mv;
                        }
                        previous.insert("metadata".into(), Value::Object(prev_meta));
                    } else {
                        previous.insert(k.clone(), customer.get(k).cloned().unwrap_or(Value::Null));
                        customer[k] = v.clone();
                    }
                }
                self.objects.insert(id, customer.clone());
                let evt_id = self.next("evt");
                let mut e = event(&evt_id, "customer.updated", customer.clone());
                e.created = self.now;
                e.data.previous_attributes = Some(Value::Object(previous));
                e.request.id = Some(request);
                self.events.push(e);
                Ok(customer)
            }
            "refunds.create" => {
                let charge = text("charge");
                let Some(found) = self.objects.get(&charge).cloned() else {
                    return Err(Self::missing("charge", &charge, "charge"));
                };
                let id = self.next("re");
                let refund = json!({"id": id, "object": "refund", "amount": found["amount"], "charge": charge, "status": "succeeded"});
                let evt_id = self.next("evt");
                self.events
                    .push(event(&evt_id, "refund.created", refund.clone()));
                Ok(refund)
            }
            other => Err(ApiError {
                kind: "invalid_request_error".into(),
                code: None,
                message: format!("unknown action {other}"),
                param: None,
                status: 400,
            }),
        }
    }
    fn take_events(&mut self) -> Vec<Event> {
        std::mem::take(&mut self.events)
    }
    fn now(&self) -> i64 {
        self.now
    }
    fn action(&self, id: &str) -> Option<&ActionSpec> {
        ACTIONS.iter().find(|a| a.id == id)
    }
    fn last_request_id(&self) -> Option<String> {
        self.last_request.clone()
    }
}
