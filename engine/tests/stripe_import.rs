//! Real Stripe events in: `stripe events list`, one event, `stripe listen --format JSON`
//! captures; what is refused and why.

use proptest::prelude::*;
use sandflow_engine::limits::MAX_EVENT_IMPORT_BYTES;
use sandflow_engine::sandbox::Sandbox;
use sandflow_engine::{
    parse_stripe_events, replay, ImportError, ImportFormat, Imported, Status, Step, Trigger,
    Verdict, Workflow,
};
use serde_json::{json, Value};

/// A `customer.created` event as Stripe sends it (API version 2024-06-20).
fn customer_created(id: &str, created: i64, name: &str) -> Value {
    json!({
        "id": id,
        "object": "event",
        "api_version": "2024-06-20",
        "created": created,
        "data": {
            "object": {
                "id": format!("cus_{}", &id[4..]),
                "object": "customer",
                "address": null,
                "balance": 0,
                "created": created,
                "currency": null,
                "default_source": null,
                "delinquent": false,
                "description": null,
                "discount": null,
                "email": "jenny.rosen@example.com",
                "invoice_prefix": "0759376C",
                "invoice_settings": {"custom_fields": null, "default_payment_method": null, "footer": null, "rendering_options": null},
                "livemode": false,
                "metadata": {},
                "name": name,
                "next_invoice_sequence": 1,
                "phone": null,
                "preferred_locales": [],
                "shipping": null,
                "tax_exempt": "none",
                "test_clock": null
            }
        },
        "livemode": false,
        "pending_webhooks": 1,
        "request": {"id": "req_Pq9nTsNKeSStQ2", "idempotency_key": "8a3a9c59-0a3c-4b6e-9b8a-1f1d0d2e9c11"},
        "type": "customer.created"
    })
}

/// A `customer.updated` event, with what changed.
fn customer_updated(id: &str, created: i64) -> Value {
    let mut e = customer_created(id, created, "Jenny Rosen");
    e["type"] = json!("customer.updated");
    e["data"]["object"]["email"] = json!("jenny@example.com");
    e["data"]["previous_attributes"] = json!({"email": "jenny.rosen@example.com"});
    e
}

/// A thin (v2) event: it names its object but carries no snapshot.
fn thin() -> Value {
    json!({
        "id": "evt_test_65R9Ijk8kMJp5TSkM3Xd5LX6ZkAOuSLGxiSRmVIbpeKsjR",
        "object": "v2.core.event",
        "type": "v1.billing.meter.error_report_triggered",
        "livemode": false,
        "created": "2024-09-17T06:20:52.246Z",
        "related_object": {"id": "mtr_test_61R9IeKe8kMJp5TSk41B", "type": "billing.meter", "url": "/v1/billing/meters/mtr_test_61R9IeKe8kMJp5TSk41B"}
    })
}

/// `stripe events list` output: a list object, newest first.
fn list(events: &[Value]) -> String {
    serde_json::to_string_pretty(&json!({
        "object": "list",
        "data": events,
        "has_more": false,
        "url": "/v1/events"
    }))
    .unwrap()
}

/// A `stripe listen --format JSON` capture: the CLI's lines around compact events.
fn listen(events: &[Value]) -> String {
    let mut out = String::from(
        "> Ready! You are using Stripe API Version [2024-06-20]. Your webhook signing secret is whsec_3f2b1a0c9d8e7f6a5b4c3d2e1f0a9b8c (^C to quit)\n",
    );
    for e in events {
        out.push_str(&serde_json::to_string(e).unwrap());
        out.push('\n');
        let (kind, id) = (e["type"].as_str().unwrap(), e["id"].as_str().unwrap());
        out.push_str(&format!("2024-06-25 10:00:00   --> {kind} [{id}]\n"));
        out.push_str(&format!(
            "2024-06-25 10:00:00  <--  [200] POST http://localhost:4242/webhook [{id}]\n"
        ));
    }
    out
}

fn ids(imported: &Imported) -> Vec<&str> {
    imported.events.iter().map(|e| e.id.as_str()).collect()
}

const A: &str = "evt_1PfGhJ2eZvKYlo2C0a1b2c3d";
const B: &str = "evt_1PfGhK2eZvKYlo2C4e5f6g7h";
const C: &str = "evt_1PfGhL2eZvKYlo2C8i9j0k1l";

#[test]
fn what_stripe_gives_a_developer_is_read() {
    let newest_first = [
        customer_updated(C, 1_719_310_000),
        customer_created(B, 1_719_300_000, "Ada"),
        customer_created(A, 1_719_300_000, "Grace"),
    ];
    let oldest_first: Vec<Value> = newest_first.iter().rev().cloned().collect();
    let single = serde_json::to_string_pretty(&newest_first[0]).unwrap();
    let cases: Vec<(&str, String, ImportFormat, Vec<&str>, usize)> = vec![
        (
            "stripe events list",
            list(&newest_first),
            ImportFormat::List,
            vec![A, B, C],
            0,
        ),
        (
            "a JSON array",
            serde_json::to_string(&oldest_first).unwrap(),
            ImportFormat::List,
            vec![A, B, C],
            0,
        ),
        (
            "stripe events retrieve",
            single,
            ImportFormat::Single,
            vec![C],
            0,
        ),
        (
            "stripe listen --format JSON",
            listen(&oldest_first),
            ImportFormat::Lines,
            vec![A, B, C],
            7,
        ),
        (
            "stripe listen with a retry delivered twice",
            listen(&[
                oldest_first[0].clone(),
                oldest_first[1].clone(),
                oldest_first[0].clone(),
            ]),
            ImportFormat::Lines,
            vec![A, B],
            7,
        ),
        (
            "stripe listen out of order, Windows line ends",
            listen(&newest_first).replace('\n', "\r\n"),
            ImportFormat::Lines,
            // A and B happened in the same second: they keep the order they came in.
            vec![B, A, C],
            7,
        ),
    ];
    for (name, text, format, expected, skipped) in cases {
        let imported = parse_stripe_events(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(imported.format, format, "{name}");
        assert_eq!(ids(&imported), expected, "{name}");
        assert_eq!(imported.skipped_lines, skipped, "{name}");
        assert!(imported.rejected.is_empty(), "{name}");
    }
}

#[test]
fn an_event_keeps_what_stripe_sent() {
    let imported = parse_stripe_events(&list(&[customer_updated(C, 1_719_310_000)])).unwrap();
    let e = &imported.events[0];
    assert_eq!(e.kind, "customer.updated");
    assert_eq!(e.created, 1_719_310_000);
    assert_eq!(e.api_version, "2024-06-20");
    assert_eq!(e.object()["email"], "jenny@example.com");
    assert_eq!(
        e.data.previous_attributes,
        Some(json!({"email": "jenny.rosen@example.com"}))
    );
    assert_eq!(e.request.id.as_deref(), Some("req_Pq9nTsNKeSStQ2"));
    assert_eq!(imported.other_api_versions(), ["2024-06-20"]);
    // The envelope is the engine's: a round trip through it gives Stripe's JSON back.
    let mut original = customer_updated(C, 1_719_310_000);
    original["pending_webhooks"] = json!(1);
    assert_eq!(e.to_value(), original);
}

#[test]
fn an_old_event_with_a_bare_request_id_is_read() {
    let mut old = customer_created(A, 1_400_000_000, "Ada");
    old["api_version"] = json!("2014-03-28");
    old["request"] = json!("iar_4Ufmb2WlFkZJzp");
    old["livemode"] = json!(true);
    let e = &parse_stripe_events(&old.to_string()).unwrap().events[0];
    assert_eq!(e.request.id.as_deref(), Some("iar_4Ufmb2WlFkZJzp"));
    assert!(!e.livemode, "a sandbox replays a live event as a test one");
}

#[test]
fn bad_input_is_refused_with_a_reason() {
    let mut unknown = customer_created(A, 1, "Ada");
    unknown["type"] = json!("customer.teleported");
    let mut not_evt = customer_created(A, 1, "Ada");
    not_evt["id"] = json!("cus_NffrFeUfNV2Hib");
    let mut no_object = customer_created(A, 1, "Ada");
    no_object["data"] = json!({});
    let mut string_object = customer_created(A, 1, "Ada");
    string_object["data"]["object"] = json!("cus_NffrFeUfNV2Hib");
    let mut no_created = customer_created(A, 1, "Ada");
    no_created.as_object_mut().unwrap().remove("created");
    let mut deep = json!(1);
    for _ in 0..40 {
        deep = json!({ "a": deep });
    }
    let mut too_deep = customer_created(A, 1, "Ada");
    too_deep["data"]["object"]["metadata"] = deep;
    let cases: Vec<(&str, String, ImportError)> = vec![
        (
            "plain text",
            "Hello, these are my events".into(),
            ImportError::NotJson {
                line: 1,
                message: "expected value at line 1 column 1".into(),
            },
        ),
        (
            "a list cut short",
            "{\n  \"object\": \"list\",\n  \"data\": [\n    {\n      \"id\": \"evt_1".into(),
            ImportError::NotJson {
                line: 5,
                message: "EOF while parsing a string at line 5 column 18".into(),
            },
        ),
        (
            "a broken line of stripe listen output",
            format!(
                "{}\n{{\"id\": \"evt_1\", \"object\": \n",
                listen(&[customer_created(A, 1, "Ada")]).trim_end()
            ),
            ImportError::NotJson {
                line: 5,
                message: "EOF while parsing a value at line 1 column 25".into(),
            },
        ),
        (
            "a customer, not an event",
            customer_created(A, 1, "Ada")["data"]["object"].to_string(),
            ImportError::NoEvents {
                found: "a `customer` object".into(),
            },
        ),
        (
            "an empty list",
            list(&[]),
            ImportError::NoEvents {
                found: "an empty list".into(),
            },
        ),
        (
            "a number",
            "42".into(),
            ImportError::NoEvents {
                found: "a number".into(),
            },
        ),
        (
            "an unknown type",
            unknown.to_string(),
            ImportError::UnknownType {
                kind: "customer.teleported".into(),
            },
        ),
        ("a thin event", thin().to_string(), ImportError::Thin),
        ("no data.object", no_object.to_string(), ImportError::Thin),
        (
            "data.object a string",
            string_object.to_string(),
            ImportError::Malformed {
                problem: "`data.object` is a string, not an object".into(),
            },
        ),
        (
            "an id that is not an event's",
            not_evt.to_string(),
            ImportError::Malformed {
                problem: "the id `cus_NffrFeUfNV2Hib` does not start with `evt_`".into(),
            },
        ),
        (
            "no created time",
            no_created.to_string(),
            ImportError::Malformed {
                problem: "the event has no `created` time".into(),
            },
        ),
        (
            "an object nested too deep",
            too_deep.to_string(),
            ImportError::TooDeep { limit: 32 },
        ),
    ];
    for (name, text, expected) in cases {
        let got = parse_stripe_events(&text);
        assert_eq!(got, Err(expected), "{name}");
        // Every message says what to do.
        assert!(got.unwrap_err().to_string().contains(':'), "{name}");
    }
}

#[test]
fn a_file_over_the_limit_is_refused_before_it_is_read() {
    let text = " ".repeat(MAX_EVENT_IMPORT_BYTES + 1);
    assert_eq!(
        MAX_EVENT_IMPORT_BYTES,
        16 * 1024 * 1024,
        "the limit the messages state"
    );
    let err = parse_stripe_events(&text).unwrap_err();
    assert_eq!(
        err,
        ImportError::TooLarge {
            bytes: MAX_EVENT_IMPORT_BYTES + 1,
            limit: MAX_EVENT_IMPORT_BYTES
        }
    );
    assert_eq!(
        err.to_string(),
        "the file is 16.0 MB, over the limit of 16.0 MB: import fewer events at a time (for example `stripe events list --limit 100`)"
    );
}

#[test]
fn some_events_refused_and_the_rest_imported() {
    let mut unknown = customer_created(B, 2, "Ada");
    unknown["type"] = json!("customer.teleported");
    let text = list(&[
        customer_created(C, 3, "Grace"),
        unknown,
        thin(),
        customer_created(A, 1, "Ada"),
    ]);
    let imported = parse_stripe_events(&text).unwrap();
    assert_eq!(ids(&imported), [A, C]);
    let rejected: Vec<(Option<&str>, usize, &ImportError)> = imported
        .rejected
        .iter()
        .map(|r| (r.id.as_deref(), r.at, &r.reason))
        .collect();
    assert_eq!(
        rejected,
        [
            (
                Some(B),
                2,
                &ImportError::UnknownType {
                    kind: "customer.teleported".into()
                }
            ),
            (
                Some("evt_test_65R9Ijk8kMJp5TSkM3Xd5LX6ZkAOuSLGxiSRmVIbpeKsjR"),
                3,
                &ImportError::Thin
            ),
        ]
    );
    insta::assert_json_snapshot!("rejected", imported.rejected);
}

#[test]
fn events_already_in_the_account_are_left_out() {
    let mut imported = parse_stripe_events(&list(&[
        customer_created(B, 2, "Ada"),
        customer_created(A, 1, "Grace"),
    ]))
    .unwrap();
    assert_eq!(imported.remove_known(&|id| id == A), 1);
    assert_eq!((ids(&imported), imported.duplicates), (vec![B], 1));
}

#[test]
fn imported_events_replay_through_a_draft() {
    let imported = parse_stripe_events(&listen(&[
        customer_created(A, 1_719_300_000, "Ada"),
        customer_created(B, 1_719_300_100, "Grace"),
        customer_updated(C, 1_719_300_200),
    ]))
    .unwrap();
    let mut draft = Workflow::new("wf_draft", 1_719_400_000);
    draft.status = Status::Inactive;
    draft.trigger = Some(Trigger {
        event_type: "customer.created".into(),
        condition: None,
    });
    draft.steps = vec![Step::email(
        "tell",
        "team@example.com",
        "New: {{trigger.data.object.name}}",
        "",
        &[],
    )];
    let sandbox = Sandbox::new(1_719_400_000, 3);
    let out = replay(&draft, &imported.events, &sandbox, &[], 1);
    let verdicts: Vec<Verdict> = out.rows.iter().map(|r| r.verdict).collect();
    assert_eq!(
        verdicts,
        [Verdict::NowRuns, Verdict::NowRuns, Verdict::Same]
    );
    let subject = &out.rows[1]
        .replayed
        .as_ref()
        .unwrap()
        .emails()
        .next()
        .unwrap()
        .subject;
    assert_eq!(subject, "New: Grace");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, failure_persistence: None, ..ProptestConfig::default() })]

    /// Any text gives events or a reason, never a panic.
    #[test]
    fn any_text_is_read_or_refused(text in "\\PC{0,200}") {
        let _ = parse_stripe_events(&text);
    }

    /// However `stripe listen` interleaves deliveries and retries, the same events come
    /// out, oldest first, each once.
    #[test]
    fn order_and_retries_do_not_matter(order in Just((0..6usize).collect::<Vec<_>>()).prop_shuffle(), retries in prop::collection::vec(0..6usize, 0..4)) {
        let ids = ["evt_1A00000000", "evt_1B00000000", "evt_1C00000000", "evt_1D00000000", "evt_1E00000000", "evt_1F00000000"];
        let mut sent: Vec<Value> = order.iter().map(|&i| customer_created(ids[i], 1_000 + i as i64, "Ada")).collect();
        sent.extend(retries.iter().map(|&i| customer_created(ids[i], 1_000 + i as i64, "Ada")));
        let imported = parse_stripe_events(&listen(&sent)).unwrap();
        let got: Vec<&str> = imported.events.iter().map(|e| e.id.as_str()).collect();
        prop_assert_eq!(got, ids.to_vec());
        prop_assert_eq!(imported.duplicates, retries.len());
    }
}

#[test]
fn imported_events_are_taken_into_the_sandbox_once_with_their_objects() {
    use sandflow_engine::sandbox::Sandbox;
    let text = serde_json::json!({
        "object": "list",
        "data": [
            {"id": "evt_1Take0001", "object": "event", "api_version": "2025-09-30.clover",
             "created": 1_700_000_100, "livemode": false, "pending_webhooks": 0,
             "request": {"id": null, "idempotency_key": null}, "type": "customer.created",
             "data": {"object": {"id": "cus_Take0001", "object": "customer", "name": "Ada Lovelace", "metadata": {}}}},
            {"id": "evt_1Take0002", "object": "event", "api_version": "2025-09-30.clover",
             "created": 1_700_000_200, "livemode": false, "pending_webhooks": 0,
             "request": {"id": null, "idempotency_key": null}, "type": "customer.updated",
             "data": {"object": {"id": "cus_Take0001", "object": "customer", "name": "Ada King", "metadata": {}},
                      "previous_attributes": {"name": "Ada Lovelace"}}}
        ]
    })
    .to_string();
    let imported = parse_stripe_events(&text).expect("a list");
    let mut sandbox = Sandbox::new(1_700_000_000, 1);
    let taken = sandbox.take_in(imported.events.clone()).expect("taken");
    assert_eq!(taken.len(), 2);
    assert_eq!(
        sandbox.object("cus_Take0001").unwrap()["name"],
        "Ada King",
        "the newest state wins"
    );
    let queued: Vec<String> = sandbox.take_events().into_iter().map(|e| e.id).collect();
    assert_eq!(
        queued,
        ["evt_1Take0001", "evt_1Take0002"],
        "Stripe's ids, in order"
    );
    assert!(sandbox.event("evt_1Take0002").is_some());
    // The same file again: nothing twice.
    assert!(sandbox.take_in(imported.events).expect("taken").is_empty());
    assert!(sandbox.take_events().is_empty());
}
