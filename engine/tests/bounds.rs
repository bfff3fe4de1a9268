//! The bounds of what any input may hold, at every way data enters the engine: the Event
//! generator's overrides, the sandbox API's parameters (metadata and emails included),
//! workflows saved, renamed and imported. What crosses a bound is refused before anything
//! is stored, no input overflows the stack, and whatever is accepted reads back with
//! `serde_json`'s own recursion limit.

use sandflow_engine::bounds::{
    check_condition, check_field, check_fields, check_metadata, check_path, check_value,
};
use sandflow_engine::limits::{
    MAX_BULK_EVENTS, MAX_DEPTH, MAX_METADATA_KEYS, MAX_METADATA_KEY_CHARS,
    MAX_METADATA_VALUE_CHARS, MAX_NAME_CHARS, MAX_PATH_CHARS, MAX_PATH_SEGMENTS, MAX_STRING_CHARS,
    MAX_VALUE_BYTES,
};
use sandflow_engine::sandbox::{is_valid_email, BulkOptions, GenerateError, Sandbox};
use sandflow_engine::{
    dispatch, export, import, validate, BoundsError, Condition, Dispatcher, Ids, ImportProblem,
    Issue, Op, Path, Run, RunStatus, SandboxCatalog, Status, Step, Trigger, ValueKind, Workflow,
    Workflows, WorkflowsError,
};
use serde_json::{json, Map, Value};

const T0: i64 = 1_700_000_000;

/// `{"a": {"a": … 1}}`, `levels` objects deep (0 is the number itself).
fn nested(levels: usize) -> Value {
    (0..levels).fold(json!(1), |inner, _| json!({ "a": inner }))
}

/// `a.a.a…`, `segments` long.
fn dotted(segments: usize) -> String {
    vec!["a"; segments].join(".")
}

fn map(value: Value) -> Map<String, Value> {
    value.as_object().cloned().unwrap_or_default()
}

fn one(path: &str, value: Value) -> Map<String, Value> {
    let mut m = Map::new();
    m.insert(path.to_owned(), value);
    m
}

/// A comparison inside `groups` nested `all` groups.
fn grouped(groups: usize, value: Value) -> Condition {
    let leaf = Condition::compare(
        "trigger.data.object.name",
        Op::Equals,
        ValueKind::String,
        value,
    )
    .unwrap();
    (0..groups).fold(leaf, |inner, _| Condition::All(vec![inner]))
}

/// A valid draft: on `customer.created`, email the team.
fn draft(id: &str) -> Workflow {
    Workflow {
        name: "Welcome".into(),
        trigger: Some(Trigger {
            event_type: "customer.created".into(),
            condition: None,
        }),
        steps: vec![Step::email("s1", "team@example.com", "Hello", "", &[])],
        ..Workflow::new(id, T0)
    }
}

/// What the sandbox holds, to show a refusal changed nothing.
fn footprint(sandbox: &Sandbox) -> (usize, usize, usize) {
    (
        sandbox.object_count(),
        sandbox.events().count(),
        sandbox.logs().count(),
    )
}

#[test]
fn values_are_checked_for_depth_length_and_size() {
    let long = |n: usize| Value::String("x".repeat(n));
    let big = Value::Array((0..MAX_VALUE_BYTES / 2).map(|i| json!(i)).collect());
    let mut long_key = Map::new();
    long_key.insert("k".repeat(MAX_STRING_CHARS + 1), json!(1));
    let deep_and_big = json!([nested(MAX_DEPTH + 1), big.clone()]);
    // (case, value, the error, if any)
    let cases: Vec<(&str, Value, Option<BoundsError>)> = vec![
        ("a scalar", json!("hello"), None),
        ("at the depth limit", nested(MAX_DEPTH), None),
        (
            "one level too deep",
            nested(MAX_DEPTH + 1),
            Some(BoundsError::TooDeep {
                path: dotted(MAX_DEPTH),
                depth: MAX_DEPTH + 1,
                limit: MAX_DEPTH,
            }),
        ),
        (
            "the 125 levels of the bug report",
            nested(125),
            Some(BoundsError::TooDeep {
                path: dotted(MAX_DEPTH),
                depth: 125,
                limit: MAX_DEPTH,
            }),
        ),
        (
            "deep inside a list",
            json!({"items": [0, nested(MAX_DEPTH)]}),
            Some(BoundsError::TooDeep {
                path: format!("items.1.{}", dotted(MAX_DEPTH - 2)),
                depth: MAX_DEPTH + 2,
                limit: MAX_DEPTH,
            }),
        ),
        ("a text at the limit", long(MAX_STRING_CHARS), None),
        (
            "a text over the limit",
            json!({"note": long(MAX_STRING_CHARS + 1)}),
            Some(BoundsError::TooLong {
                path: "note".into(),
                chars: MAX_STRING_CHARS + 1,
                limit: MAX_STRING_CHARS,
            }),
        ),
        (
            "a key over the limit",
            Value::Object(long_key),
            Some(BoundsError::TooLong {
                path: "k".repeat(MAX_PATH_CHARS) + "…",
                chars: MAX_STRING_CHARS + 1,
                limit: MAX_STRING_CHARS,
            }),
        ),
        (
            "too big",
            big,
            Some(BoundsError::TooBig {
                path: String::new(),
                limit: MAX_VALUE_BYTES,
            }),
        ),
        (
            "too deep and too big: the depth is reported",
            deep_and_big,
            Some(BoundsError::TooDeep {
                path: format!("0.{}", dotted(MAX_DEPTH - 1)),
                depth: MAX_DEPTH + 2,
                limit: MAX_DEPTH,
            }),
        ),
    ];
    for (case, value, expected) in cases {
        assert_eq!(check_value(&value).err(), expected, "{case}");
    }
}

#[test]
fn a_value_set_at_a_path_counts_the_path_as_levels() {
    let cases = [
        ("name", nested(MAX_DEPTH - 1), true),
        ("name", nested(MAX_DEPTH), false),
        ("metadata.tier", nested(MAX_DEPTH - 2), true),
        ("metadata.tier", nested(MAX_DEPTH - 1), false),
    ];
    for (path, value, ok) in cases {
        assert_eq!(check_field(path, &value).is_ok(), ok, "{path}");
        assert_eq!(check_fields(&one(path, value)).is_ok(), ok, "{path}");
    }
    // Together, the values of one input share one budget.
    let halves = map(json!({
        "a": "x".repeat(MAX_STRING_CHARS),
        "b": (0..7).map(|_| "y".repeat(MAX_STRING_CHARS)).collect::<Vec<_>>(),
        "c": (0..7).map(|_| "z".repeat(MAX_STRING_CHARS)).collect::<Vec<_>>(),
    }));
    assert!(matches!(
        check_fields(&halves),
        Err(BoundsError::TooBig { .. })
    ));
}

#[test]
fn paths_are_checked_for_segments_and_length() {
    let cases: Vec<(&str, String, Option<BoundsError>)> = vec![
        ("the root", String::new(), None),
        ("at the segment limit", dotted(MAX_PATH_SEGMENTS), None),
        (
            "one segment too many",
            dotted(MAX_PATH_SEGMENTS + 1),
            Some(BoundsError::PathTooDeep {
                start: dotted(MAX_PATH_SEGMENTS + 1),
                segments: MAX_PATH_SEGMENTS + 1,
                limit: MAX_PATH_SEGMENTS,
            }),
        ),
        ("at the length limit", "p".repeat(MAX_PATH_CHARS), None),
        (
            "one character too many",
            "p".repeat(MAX_PATH_CHARS + 1),
            Some(BoundsError::PathTooLong {
                start: "p".repeat(40) + "…",
                chars: MAX_PATH_CHARS + 1,
                limit: MAX_PATH_CHARS,
            }),
        ),
    ];
    for (case, path, expected) in cases {
        assert_eq!(check_path(&path).err(), expected, "{case}");
    }
    // Field paths of conditions and dynamic values are parsed within the same bounds.
    assert!(Path::parse(&dotted(MAX_PATH_SEGMENTS)).is_ok());
    assert!(Path::parse(&dotted(MAX_PATH_SEGMENTS + 1)).is_err());
    let field = format!("trigger.{}", dotted(MAX_PATH_SEGMENTS + 1));
    assert!(Condition::compare(&field, Op::Exists, ValueKind::String, Value::Null).is_err());
}

#[test]
fn metadata_follows_stripes_rules() {
    let keys = |n: usize| Value::Object((0..n).map(|i| (format!("k{i}"), json!("v"))).collect());
    let key = |n: usize| Value::Object(one(&"k".repeat(n), json!("v")));
    let value = |n: usize| json!({ "note": "v".repeat(n) });
    // (case, metadata, accepted)
    let cases = [
        ("50 keys", keys(MAX_METADATA_KEYS), true),
        ("51 keys", keys(MAX_METADATA_KEYS + 1), false),
        ("a 40-character key", key(MAX_METADATA_KEY_CHARS), true),
        ("a 41-character key", key(MAX_METADATA_KEY_CHARS + 1), false),
        (
            "a 500-character value",
            value(MAX_METADATA_VALUE_CHARS),
            true,
        ),
        (
            "a 501-character value",
            value(MAX_METADATA_VALUE_CHARS + 1),
            false,
        ),
        ("a bracket in a key", json!({"a[b]": "v"}), false),
        ("numbers and booleans", json!({"n": 1, "b": true}), true),
        ("null removes a key", json!({"gone": null}), true),
        ("the empty text clears", json!(""), true),
        ("an object value", json!({"a": {"b": "c"}}), false),
        ("a list", json!(["a"]), false),
    ];
    for (case, metadata, ok) in cases {
        assert_eq!(check_metadata(&metadata).is_ok(), ok, "{case}");
    }
}

#[test]
fn messages_state_the_limit_and_how_to_fix_it() {
    let cases: Vec<(Result<(), BoundsError>, &str)> = vec![
        (
            check_value(&nested(40)),
            "is nested 40 levels deep; at most 32 levels are accepted: flatten it",
        ),
        (
            check_path(&dotted(17)),
            "has 17 parts; at most 16 are accepted: use a shorter path",
        ),
        (
            check_metadata(&Value::Object((0..51).map(|i| (format!("k{i}"), json!("v"))).collect())),
            "metadata has 51 keys; at most 50 are accepted: remove 1",
        ),
        (
            check_metadata(&json!({"note": "v".repeat(501)})),
            "the metadata value of `note` is 501 characters long; at most 500 are accepted: shorten it",
        ),
    ];
    for (result, fragment) in cases {
        let message = result.unwrap_err().to_string();
        assert!(message.contains(fragment), "{message}");
        assert!(!message.ends_with('.'), "{message}");
    }
}

#[test]
fn a_deep_override_is_refused_before_it_is_stored() {
    let mut sandbox = Sandbox::new(T0, 7);
    sandbox
        .generate_event("customer.created", &Map::new())
        .unwrap();
    sandbox.take_events();
    let before = footprint(&sandbox);
    // The value of the bug report: 125 levels, 250 characters with its braces.
    let text = format!("{}1{}", "{\"a\":".repeat(125), "}".repeat(125));
    let value: Value = serde_json::from_str(&text).unwrap();
    for path in ["a", "metadata"] {
        let refused = sandbox.generate_event("customer.created", &one(path, value.clone()));
        assert!(
            matches!(
                refused,
                Err(GenerateError::OutOfBounds(BoundsError::TooDeep {
                    depth: 126,
                    ..
                }))
            ),
            "{refused:?}"
        );
        assert_eq!(footprint(&sandbox), before, "nothing new is stored");
        assert!(sandbox.take_events().is_empty());
    }
}

#[test]
fn a_long_override_path_is_refused_without_overflowing_the_stack() {
    let mut sandbox = Sandbox::new(T0, 7);
    let before = footprint(&sandbox);
    let refused = sandbox.generate_event("customer.created", &one(&dotted(6_000), json!(1)));
    assert!(
        matches!(
            refused,
            Err(GenerateError::OutOfBounds(BoundsError::PathTooLong {
                chars: 11_999,
                ..
            }))
        ),
        "{refused:?}"
    );
    assert_eq!(footprint(&sandbox), before);
    assert!(sandbox.take_events().is_empty());
    // Short enough in characters, too many segments.
    let refused = sandbox.generate_event("customer.created", &one(&dotted(17), json!(1)));
    assert!(matches!(
        refused,
        Err(GenerateError::OutOfBounds(BoundsError::PathTooDeep {
            segments: 17,
            ..
        }))
    ));
}

#[test]
fn a_value_at_the_depth_limit_is_accepted() {
    assert_eq!(check_value(&nested(MAX_DEPTH)), Ok(()));
    let mut sandbox = Sandbox::new(T0, 7);
    // One path segment and 31 levels of value: 32 levels inside the object.
    let event = sandbox
        .generate_event("customer.created", &one("a", nested(MAX_DEPTH - 1)))
        .unwrap();
    assert_eq!(event.object()["a"], nested(MAX_DEPTH - 1));
    let id = event.object()["id"].as_str().unwrap().to_owned();
    assert_eq!(sandbox.object(&id).unwrap()["a"], nested(MAX_DEPTH - 1));
    let refused = sandbox.generate_event("customer.created", &one("a", nested(MAX_DEPTH)));
    assert!(matches!(
        refused,
        Err(GenerateError::OutOfBounds(BoundsError::TooDeep {
            depth: 33,
            ..
        }))
    ));
}

#[test]
fn a_bulk_send_makes_at_most_the_bulk_limit() {
    let mut sandbox = Sandbox::new(T0, 7);
    let options = BulkOptions {
        count: MAX_BULK_EVENTS + 1,
        ..BulkOptions::default()
    };
    let refused = sandbox.generate_bulk(&["customer.created"], &options);
    assert_eq!(
        refused,
        Err(GenerateError::TooManyEvents {
            count: MAX_BULK_EVENTS + 1,
            limit: MAX_BULK_EVENTS
        })
    );
    // An unknown type among the known ones is refused before any is generated.
    let options = BulkOptions {
        count: 3,
        ..BulkOptions::default()
    };
    let refused = sandbox.generate_bulk(&["customer.created", "nope.nope"], &options);
    assert!(matches!(
        refused,
        Err(GenerateError::UnknownEventType { .. })
    ));
    assert_eq!(footprint(&sandbox), (0, 0, 0));
}

#[test]
fn api_parameters_out_of_bounds_are_refused_and_not_logged() {
    let mut sandbox = Sandbox::new(T0, 7);
    // (case, action, params, param at fault, message fragment)
    let cases: Vec<(&str, &str, Value, Option<&str>, &str)> = vec![
        (
            "a deep parameter",
            "customers.create",
            json!({"name": "Jean", "description": nested(125)}),
            Some("description"),
            "Invalid description: nested 126 levels deep; at most 32 levels are accepted",
        ),
        (
            "a long text",
            "customers.create",
            json!({"description": "x".repeat(MAX_STRING_CHARS + 1)}),
            Some("description"),
            "Invalid string: description has 5001 characters; must be at most 5000 characters",
        ),
        (
            "a long text in metadata",
            "customers.create",
            json!({"metadata": {"note": "x".repeat(MAX_STRING_CHARS + 1)}}),
            Some("metadata[note]"),
            "must be at most 5000 characters",
        ),
        (
            "a parameter name past the path bounds",
            "customers.create",
            json!({ dotted(6_000): 1 }),
            None,
            "Received unknown parameter: a.a.a",
        ),
        (
            "too much in all",
            "customers.create",
            json!({"description": "x".repeat(4_000), "metadata": (0..20).map(|i| (format!("k{i}"), Value::String("y".repeat(4_000)))).collect::<Map<String, Value>>()}),
            None,
            "Request parameters are larger than 65536 bytes",
        ),
    ];
    for (case, action, params, param, fragment) in cases {
        let before = sandbox.object_count();
        let error = sandbox.call(action, &map(params), None).unwrap_err();
        assert_eq!(
            (error.kind.as_str(), error.status),
            ("invalid_request_error", 400),
            "{case}"
        );
        if let Some(param) = param {
            assert_eq!(error.param.as_deref(), Some(param), "{case}");
        }
        assert!(
            error.message.contains(fragment),
            "{case}: {}",
            error.message
        );
        assert_eq!(sandbox.object_count(), before, "{case}");
        let log = sandbox.logs().next().unwrap();
        assert_eq!(log.status, 400, "{case}");
        assert!(log.params.is_empty(), "{case}: the log keeps no parameter");
    }
    assert!(sandbox.take_events().is_empty());
}

/// The parameter at fault and a fragment of Stripe's message; `None` when accepted.
type Refusal = Option<(String, &'static str)>;

#[test]
fn metadata_past_stripes_limits_is_refused_by_the_api() {
    let mut sandbox = Sandbox::new(T0, 7);
    let keys = |n: usize| Value::Object((0..n).map(|i| (format!("k{i}"), json!("v"))).collect());
    let long_key = "k".repeat(MAX_METADATA_KEY_CHARS + 1);
    // (case, metadata, refusal)
    let cases: Vec<(&str, Value, Refusal)> = vec![
        ("50 keys", keys(50), None),
        (
            "51 keys",
            keys(51),
            Some(("metadata".into(), "at most 50 keys")),
        ),
        (
            "a 40-character key",
            Value::Object(one(&"k".repeat(40), json!("v"))),
            None,
        ),
        (
            "a 41-character key",
            Value::Object(one(&long_key, json!("v"))),
            Some((
                format!("metadata[{long_key}]"),
                "must be at most 40 characters",
            )),
        ),
        (
            "a 500-character value",
            json!({"note": "v".repeat(500)}),
            None,
        ),
        (
            "a 501-character value",
            json!({"note": "v".repeat(501)}),
            Some((
                "metadata[note]".into(),
                "Invalid string: vvvvvvvvvv...vvvvvvvvvv; must be at most 500 characters",
            )),
        ),
        (
            "a bracket in a key",
            json!({"a[b]": "v"}),
            Some(("metadata[a[b]]".into(), "cannot contain")),
        ),
    ];
    for (case, metadata, refusal) in cases {
        let before = sandbox.object_count();
        let result = sandbox.call(
            "customers.create",
            &map(json!({"name": "Jean", "metadata": metadata})),
            None,
        );
        match refusal {
            None => assert!(result.is_ok(), "{case}: {result:?}"),
            Some((param, fragment)) => {
                let error = result.unwrap_err();
                assert_eq!(error.kind, "invalid_request_error", "{case}");
                assert_eq!(error.param.as_deref(), Some(param.as_str()), "{case}");
                assert!(
                    error.message.contains(fragment),
                    "{case}: {}",
                    error.message
                );
                assert_eq!(sandbox.object_count(), before, "{case}");
            }
        }
    }
}

#[test]
fn an_invalid_email_is_refused_as_stripe_does() {
    let mut sandbox = Sandbox::new(T0, 7);
    let customer = sandbox
        .call("customers.create", &map(json!({"name": "Jean"})), None)
        .unwrap();
    let id = customer["id"].as_str().unwrap().to_owned();
    sandbox.take_events();
    // (action, params, refused)
    let cases = [
        ("customers.create", json!({"email": "jean"}), true),
        ("customers.create", json!({"email": "jean@example"}), true),
        (
            "customers.create",
            json!({"email": "jean@example.com"}),
            false,
        ),
        (
            "customers.update",
            json!({"customer": id, "email": "not an email"}),
            true,
        ),
        (
            "customers.update",
            json!({"customer": id, "email": "jean@example.org"}),
            false,
        ),
        // The empty text unsets the email, as on Stripe.
        (
            "customers.update",
            json!({"customer": id, "email": ""}),
            false,
        ),
    ];
    for (action, params, refused) in cases {
        let email = params["email"].as_str().unwrap().to_owned();
        let before = footprint(&sandbox);
        let result = sandbox.call(action, &map(params), None);
        if !refused {
            assert!(result.is_ok(), "{action} {email}: {result:?}");
            continue;
        }
        let error = result.unwrap_err();
        assert_eq!(error.kind, "invalid_request_error");
        assert_eq!(error.code.as_deref(), Some("email_invalid"));
        assert_eq!(error.param.as_deref(), Some("email"));
        assert_eq!(error.message, format!("Invalid email address: {email}"));
        assert!(!is_valid_email(&email));
        let (objects, events, _) = footprint(&sandbox);
        assert_eq!((objects, events), (before.0, before.1), "{action} {email}");
    }
}

#[test]
fn a_workflow_with_a_200_level_condition_group_is_refused_by_save_and_by_import() {
    let mut w = draft("wf_deep");
    w.trigger.as_mut().unwrap().condition = Some(grouped(200, json!("Jean")));
    assert!(matches!(
        check_condition(w.trigger.as_ref().unwrap().condition.as_ref().unwrap()),
        Err(BoundsError::TooDeep { depth: 201, .. })
    ));
    let problems = validate(&w, &SandboxCatalog);
    assert_eq!(
        problems.len(),
        1,
        "only the bound is reported: {problems:?}"
    );
    assert!(matches!(problems[0].issue, Issue::OutOfBounds { .. }));

    let mut set = Workflows::new();
    let refused = set.save(w.clone(), &SandboxCatalog, T0).unwrap_err();
    assert!(
        refused
            .to_string()
            .contains("trigger, condition: `condition` is nested 201 levels deep; at most 32"),
        "{refused}"
    );
    assert!(set.is_empty(), "a draft out of bounds is not stored");
    assert!(matches!(
        set.add(w.clone(), &SandboxCatalog),
        Err(WorkflowsError::OutOfBounds { .. })
    ));

    // 200 groups are 400 levels of JSON: serde_json refuses the file as malformed.
    let problems = import(&export(&[w]), &[], &SandboxCatalog, &mut Ids::new(1)).unwrap_err();
    assert!(
        matches!(problems[..], [ImportProblem::Malformed { .. }]),
        "{problems:?}"
    );
}

#[test]
fn workflows_past_their_bounds_are_refused_before_they_are_stored() {
    let in_branch = |condition: Condition| {
        let mut w = draft("wf_1");
        w.steps = vec![Step::branch("b1", condition, vec![], vec![])];
        w
    };
    let with_params = |params: Value| {
        let mut w = draft("wf_1");
        w.steps = vec![Step::action("s1", "customers.create", params)];
        w
    };
    let mut too_big = draft("wf_1");
    too_big.steps = (0..12)
        .map(|i| {
            Step::email(
                format!("s{i}"),
                "team@example.com",
                "Hi",
                "x".repeat(MAX_STRING_CHARS),
                &[
                    ("A", &"y".repeat(MAX_STRING_CHARS)),
                    ("B", &"z".repeat(MAX_STRING_CHARS)),
                ],
            )
        })
        .collect();
    // (case, workflow, a fragment of the refusal; None when accepted)
    let cases: Vec<(&str, Workflow, Option<&str>)> = vec![
        ("a valid draft", draft("wf_1"), None),
        (
            "a name at the limit",
            Workflow {
                name: "n".repeat(MAX_NAME_CHARS),
                ..draft("wf_1")
            },
            None,
        ),
        (
            "a name over the limit",
            Workflow {
                name: "n".repeat(MAX_NAME_CHARS + 1),
                ..draft("wf_1")
            },
            Some("fix 1 problem before saving: the name is 101 characters long; at most 100 are accepted: shorten it"),
        ),
        (
            "a condition at the depth limit",
            in_branch(grouped(MAX_DEPTH - 1, json!("Jean"))),
            None,
        ),
        (
            "a condition one level too deep",
            in_branch(grouped(MAX_DEPTH, json!("Jean"))),
            Some("step b1, condition: `condition` is nested 33 levels deep"),
        ),
        (
            "a compared value that goes too deep",
            in_branch(grouped(MAX_DEPTH - 2, nested(2))),
            Some("step b1, condition: `condition.a` is nested 33 levels deep"),
        ),
        (
            "a deep parameter",
            with_params(json!({"description": nested(MAX_DEPTH)})),
            Some("step s1, description: `description"),
        ),
        (
            "a long parameter text",
            with_params(json!({"description": "x".repeat(MAX_STRING_CHARS + 1)})),
            Some("step s1, description: `description` is 5001 characters long"),
        ),
        (
            "a long email body",
            {
                let mut w = draft("wf_1");
                w.steps = vec![Step::email(
                    "s1",
                    "team@example.com",
                    "Hi",
                    "x".repeat(MAX_STRING_CHARS + 1),
                    &[],
                )];
                w
            },
            Some("step s1, body: `body` is 5001 characters long"),
        ),
        (
            "a long step id",
            {
                let mut w = draft("wf_1");
                w.steps = vec![Step::email("s".repeat(300), "team@example.com", "Hi", "", &[])];
                w
            },
            Some("`id` is 300 characters long; at most 255 are accepted"),
        ),
        (
            "too big in all",
            too_big,
            Some("the workflow takes"),
        ),
    ];
    for (case, workflow, refusal) in cases {
        let mut set = Workflows::new();
        let result = set.save(workflow.clone(), &SandboxCatalog, T0);
        let imported = import(&export(&[workflow]), &[], &SandboxCatalog, &mut Ids::new(1));
        match refusal {
            None => {
                assert!(result.is_ok(), "{case}: {result:?}");
                assert!(imported.is_ok(), "{case}: {imported:?}");
            }
            Some(fragment) => {
                let error = result.unwrap_err();
                assert!(
                    matches!(error, WorkflowsError::OutOfBounds { .. }),
                    "{case}: {error:?}"
                );
                assert!(error.to_string().contains(fragment), "{case}: {error}");
                assert!(set.is_empty(), "{case}");
                let problems = imported.unwrap_err();
                assert!(
                    problems.iter().any(|p| matches!(
                        p,
                        ImportProblem::Invalid { problem, .. }
                            if matches!(problem.issue, Issue::OutOfBounds { .. })
                    )),
                    "{case}: {problems:?}"
                );
            }
        }
    }
}

#[test]
fn a_name_over_the_limit_is_refused_by_rename() {
    let mut set = Workflows::new();
    let id = set.create(&mut Ids::new(1), T0).unwrap().id.clone();
    let refused = set.rename(&id, &"n".repeat(MAX_NAME_CHARS + 1), T0);
    assert!(matches!(refused, Err(WorkflowsError::OutOfBounds { .. })));
    assert_eq!(set.get(&id).unwrap().name, "Untitled workflow");
    set.rename(&id, &"n".repeat(MAX_NAME_CHARS), T0).unwrap();
}

#[test]
fn a_deeply_nested_import_is_refused_without_overflowing_the_stack() {
    let cases = [
        "[".repeat(100_000),
        "{\"a\":".repeat(100_000),
        format!(
            "{{\"format_version\":1,\"workflows\":[{}",
            "{\"all\":[".repeat(50_000)
        ),
    ];
    for text in cases {
        let problems = import(&text, &[], &SandboxCatalog, &mut Ids::new(1)).unwrap_err();
        assert!(
            matches!(problems[..], [ImportProblem::Malformed { .. }]),
            "{problems:?}"
        );
        assert!(problems[0].to_string().contains("recursion limit exceeded"));
    }
}

/// A workflow at every bound at once: eleven branches nested in each other, the innermost
/// testing a condition at the depth limit, then an action.
fn deepest_workflow() -> Workflow {
    let exists = || {
        Condition::compare(
            "trigger.data.object.id",
            Op::Exists,
            ValueKind::String,
            Value::Null,
        )
        .unwrap()
    };
    let deepest_condition = (0..MAX_DEPTH - 1).fold(exists(), |c, _| Condition::All(vec![c]));
    let action = Step::action(
        "s12",
        "customers.update",
        json!({"customer": "{{trigger.data.object.id}}", "metadata": {"seen": "yes"}}),
    );
    let mut steps = vec![Step::branch("s11", deepest_condition, vec![action], vec![])];
    for i in (1..=10).rev() {
        steps = vec![Step::branch(format!("s{i}"), exists(), steps, vec![])];
    }
    Workflow {
        name: "n".repeat(MAX_NAME_CHARS),
        status: Status::Active,
        steps,
        ..draft("wf_deepest")
    }
}

#[test]
fn what_is_accepted_at_the_limits_reads_back_within_serde_jsons_recursion_limit() {
    let workflow = deepest_workflow();
    assert_eq!(workflow.step_count(), 12);
    let mut set = Workflows::new();
    set.save(workflow.clone(), &SandboxCatalog, T0).unwrap();

    // Objects as deep as overrides can make them: 16 path segments and 16 levels of value.
    let mut sandbox = Sandbox::new(T0, 11);
    let overrides = one(
        &dotted(MAX_PATH_SEGMENTS),
        nested(MAX_DEPTH - MAX_PATH_SEGMENTS),
    );
    let mut dispatcher = Dispatcher::new(3);
    let mut runs: Vec<Run> = Vec::new();
    for kind in ["customer.created", "invoice.paid", "charge.succeeded"] {
        sandbox.generate_event(kind, &overrides).unwrap();
        for event in sandbox.take_events() {
            runs.extend(dispatch(set.as_slice(), &event, &mut sandbox, &mut dispatcher).runs);
        }
    }
    assert!(runs.iter().any(|r| r.status == RunStatus::Succeeded));

    // serde_json's default reader (128 levels) reads every record back.
    let account = serde_json::to_string(&sandbox).unwrap();
    serde_json::from_str::<Sandbox>(&account).expect("the account reads back");
    for (_, object) in sandbox.take_changes().objects {
        serde_json::from_str::<Value>(&object).expect("each object reads back");
    }
    for run in &runs {
        let text = serde_json::to_string(run).unwrap();
        serde_json::from_str::<Run>(&text).expect("each run reads back");
    }
    let events: Vec<_> = sandbox.events().cloned().collect();
    let text = serde_json::to_string(&events).unwrap();
    serde_json::from_str::<Value>(&text).expect("the events read back");
    let imported = import(
        &export(std::slice::from_ref(&workflow)),
        &[],
        &SandboxCatalog,
        &mut Ids::new(1),
    )
    .expect("the export imports again");
    assert_eq!(imported[0].steps, workflow.steps);
}
