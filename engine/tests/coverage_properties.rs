//! Properties of coverage's search, on random conditions over a payment's amount,
//! currency, metadata and description:
//!
//! - an event the search finds really reaches the point (saved as a test and run in a
//!   fresh account, it is counted there);
//! - "unreachable" is only said when no value of the fields satisfies the conditions on
//!   the way (a brute-force check over a grid of values, independent of the search's own);
//! - with only the operators it judges, the search always decides: it finds an event
//!   exactly when the brute force finds values.

use proptest::prelude::*;
use sandflow_engine::sandbox::Sandbox;
use sandflow_engine::{
    run_test, search, Arm, Condition, Coverage, Event, Op, Point, Scope, Search, Step, TestCase,
    Trigger, ValueKind, Workflow,
};
use serde_json::{json, Map, Value};

const NOW: i64 = 1_750_000_000;
const EVENT_TYPE: &str = "payment_intent.succeeded";
/// Conditions on the trigger's object.
const TRIGGER: &str = "trigger.data.object.";
/// The step of [`on_a_step`] that retrieves the charge an early fraud warning names.
const STEP: &str = "charge";
/// Conditions on that step's output.
const ON_STEP: &str = "steps.charge.";

/// The fields conditions read, with the kind they are compared as.
const FIELDS: [(&str, ValueKind); 4] = [
    ("amount", ValueKind::Money),
    ("currency", ValueKind::String),
    ("metadata.tier", ValueKind::String),
    ("description", ValueKind::String),
];

fn leaf(prefix: &'static str) -> impl Strategy<Value = Condition> {
    let money_ops = prop::sample::select(vec![
        Op::Equals,
        Op::NotEquals,
        Op::GreaterThan,
        Op::GreaterThanOrEqual,
        Op::LessThan,
        Op::LessThanOrEqual,
        Op::OneOf,
        Op::NotOneOf,
        Op::IsEmpty,
        Op::Exists,
    ]);
    let text_ops = prop::sample::select(vec![
        Op::Equals,
        Op::NotEquals,
        Op::OneOf,
        Op::NotOneOf,
        Op::IsEmpty,
        Op::IsNotEmpty,
        Op::Exists,
        Op::DoesNotExist,
        Op::Contains,
        Op::StartsWith,
    ]);
    prop_oneof![
        (money_ops, 0u8..5, 0u8..5).prop_map(|(op, a, b)| {
            let value = match op {
                Op::OneOf | Op::NotOneOf => json!([a, b]),
                _ => json!(a),
            };
            compare(prefix, 0, op, value)
        }),
        (1usize..4, text_ops, 0usize..3, 0usize..3).prop_map(|(field, op, a, b)| {
            let words = [
                ["usd", "jpy", "eur"],
                ["vip", "gold", "gold"],
                ["ab", "b", "a"],
            ][field - 1];
            let value = match op {
                Op::OneOf | Op::NotOneOf => json!([words[a], words[b]]),
                _ => json!(words[a]),
            };
            compare(prefix, field, op, value)
        }),
    ]
}

fn compare(prefix: &str, field: usize, op: Op, value: Value) -> Condition {
    let (name, kind) = FIELDS[field];
    let value = if op.needs_value() { value } else { Value::Null };
    Condition::compare(&format!("{prefix}{name}"), op, kind, value).unwrap()
}

fn condition(prefix: &'static str) -> impl Strategy<Value = Condition> {
    leaf(prefix).prop_recursive(2, 8, 3, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 1..4).prop_map(Condition::All),
            prop::collection::vec(inner.clone(), 1..3).prop_map(Condition::Any),
            inner.prop_map(|c| Condition::Not(Box::new(c))),
        ]
    })
}

fn workflow(trigger: Option<Condition>, branch: Condition) -> Workflow {
    let email = |id: &str| Step::email(id, "team@example.com", "Hello", "", &[]);
    Workflow {
        trigger: Some(Trigger {
            event_type: EVENT_TYPE.into(),
            condition: trigger,
        }),
        steps: vec![Step::branch(
            "b",
            branch,
            vec![email("yes")],
            vec![email("no")],
        )],
        ..Workflow::new("wf_prop", NOW)
    }
}

/// A workflow whose branch reads the charge a step retrieves (the search sets the values
/// on that charge).
fn on_a_step(branch: Condition) -> Workflow {
    let email = |id: &str| Step::email(id, "team@example.com", "Hello", "", &[]);
    Workflow {
        trigger: Some(Trigger {
            event_type: "radar.early_fraud_warning.created".into(),
            condition: None,
        }),
        steps: vec![
            Step::action(
                STEP,
                "charges.retrieve",
                json!({"charge": "{{trigger.data.object.charge}}"}),
            ),
            Step::branch("b", branch, vec![email("yes")], vec![email("no")]),
        ],
        ..Workflow::new("wf_prop_step", NOW)
    }
}

/// Whether only operators the search judges appear (no text operator).
fn judged(c: &Condition) -> bool {
    c.compares()
        .iter()
        .all(|c| !matches!(c.op, Op::Contains | Op::StartsWith))
}

/// The grid the brute force tries for a field, built apart from the search's witnesses.
fn grid(field: usize) -> Vec<Option<Value>> {
    let mut out: Vec<Option<Value>> = vec![None, Some(json!("")), Some(json!("zzz"))];
    match field {
        0 => {
            for c in 0..5 {
                for scale in [1.0, 100.0, 1000.0] {
                    for d in [-1.0, -0.5, 0.0, 0.5, 1.0] {
                        let x: f64 = f64::from(c) * scale + d;
                        let v = if x.fract() == 0.0 {
                            json!(x as i64)
                        } else {
                            json!(x)
                        };
                        if !out.contains(&Some(v.clone())) {
                            out.push(Some(v));
                        }
                    }
                }
            }
        }
        1 => out.extend(["usd", "jpy", "eur", "kwd"].map(|w| Some(json!(w)))),
        2 => out.extend(["vip", "gold"].map(|w| Some(json!(w)))),
        _ => out.extend(["ab", "b", "a", "abb", "bab", "xabx"].map(|w| Some(json!(w)))),
    }
    out
}

fn fields_read(conditions: &[&Condition]) -> Vec<usize> {
    let mut out = Vec::new();
    for c in conditions {
        for compare in c.compares() {
            let name = compare.field.to_string();
            let i = FIELDS
                .iter()
                .position(|(f, _)| name.ends_with(&format!(".{f}")))
                .unwrap();
            if !out.contains(&i) {
                out.push(i);
            }
        }
        // The amount's currency matters even when no condition names it.
        if c.compares().iter().any(|c| c.kind == ValueKind::Money) && !out.contains(&1) {
            out.push(1);
        }
    }
    out
}

fn event(object: Value) -> Event {
    serde_json::from_value(json!({
        "id": "evt_brute", "object": "event", "api_version": "2025-09-30.clover",
        "created": NOW, "data": {"object": object}, "livemode": false,
        "pending_webhooks": 0, "request": {"id": null, "idempotency_key": null},
        "type": EVENT_TYPE,
    }))
    .unwrap()
}

/// Whether some combination of grid values makes every `(condition, holds)` come true.
fn brute_force(goals: &[(&Condition, bool)], on_step: bool) -> bool {
    let conditions: Vec<&Condition> = goals.iter().map(|(c, _)| *c).collect();
    let fields = fields_read(&conditions);
    let grids: Vec<Vec<Option<Value>>> = fields.iter().map(|&f| grid(f)).collect();
    let mut choice = vec![0usize; fields.len()];
    loop {
        let mut object = Map::new();
        object.insert("metadata".into(), json!({}));
        for (k, &f) in fields.iter().enumerate() {
            if let Some(v) = &grids[k][choice[k]] {
                match FIELDS[f].0 {
                    "metadata.tier" => {
                        object.insert("metadata".into(), json!({ "tier": v }));
                    }
                    name => {
                        object.insert(name.into(), v.clone());
                    }
                }
            }
        }
        let (e, step) = if on_step {
            (event(json!({})), Some(Value::Object(object)))
        } else {
            (event(Value::Object(object)), None)
        };
        let mut scope = Scope::new(&e);
        if let Some(output) = step {
            scope.push_step(STEP, output);
        }
        if goals.iter().all(|(c, holds)| c.eval(&scope) == *holds) {
            return true;
        }
        // Next combination.
        let mut k = 0;
        loop {
            if k == choice.len() {
                return false;
            }
            choice[k] += 1;
            if choice[k] < grids[k].len() {
                break;
            }
            choice[k] = 0;
            k += 1;
        }
    }
}

fn goals<'a>(
    trigger: Option<&'a Condition>,
    branch: &'a Condition,
    point: &Point,
) -> Vec<(&'a Condition, bool)> {
    match point {
        Point::Trigger { holds } => trigger.map(|t| (t, *holds)).into_iter().collect(),
        Point::Branch { arm, .. } => trigger
            .map(|t| (t, true))
            .into_iter()
            .chain([(branch, *arm == Arm::Then)])
            .collect(),
        Point::Step { .. } => unreachable!(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn the_search_finds_only_events_that_reach_and_calls_unreachable_only_what_is(
        trigger in prop::option::of(condition(TRIGGER)),
        branch in condition(TRIGGER),
        seed in 0u64..1_000,
    ) {
        let w = workflow(trigger.clone(), branch.clone());
        let sandbox = Sandbox::new(NOW, 7);
        let mut points = vec![
            Point::Branch { step_id: "b".into(), arm: Arm::Then },
            Point::Branch { step_id: "b".into(), arm: Arm::Else },
        ];
        if trigger.is_some() {
            points.push(Point::Trigger { holds: true });
            points.push(Point::Trigger { holds: false });
        }
        let all_judged = judged(&branch) && trigger.as_ref().is_none_or(judged);
        for point in points {
            let wanted = goals(trigger.as_ref(), &branch, &point);
            let possible = brute_force(&wanted, false);
            let outcome = search(&w, &sandbox, &point, seed, 12).unwrap();
            if all_judged {
                prop_assert_eq!(matches!(outcome, Search::Found(_)), possible, "{:?}", point);
            }
            match outcome {
                Search::Found(example) => {
                    // Saved as a test and run in a fresh account, it reaches the point.
                    let test = TestCase::from_outcome(
                        "test_found".into(),
                        "Found".into(),
                        &w,
                        &example.event,
                        example.run.as_ref(),
                        &example.account,
                        NOW,
                    );
                    let result = run_test(&test, &w);
                    let mut again = Coverage::new(&w);
                    again.add(result.run.as_ref());
                    prop_assert_eq!(again.reached(&point), 1, "{:?}", point);
                }
                Search::Unreachable(why) => {
                    prop_assert!(!possible, "{:?} was called unreachable ({}) but values reach it", point, why);
                    prop_assert!(!why.conditions.is_empty());
                }
                Search::NotFound { tried } => {
                    prop_assert_eq!(tried, 12);
                    prop_assert!(!all_judged, "{:?}: judged operators only, yet undecided", point);
                }
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn the_search_sets_the_values_a_step_reads_and_calls_unreachable_only_what_is(
        branch in condition(ON_STEP),
        seed in 0u64..1_000,
    ) {
        let w = on_a_step(branch.clone());
        let sandbox = Sandbox::new(NOW, 7);
        for arm in [Arm::Then, Arm::Else] {
            let point = Point::Branch { step_id: "b".into(), arm };
            let possible = brute_force(&[(&branch, arm == Arm::Then)], true);
            let outcome = search(&w, &sandbox, &point, seed, 8).unwrap();
            if judged(&branch) {
                prop_assert_eq!(matches!(outcome, Search::Found(_)), possible, "{:?}", point);
            }
            match outcome {
                Search::Found(example) => {
                    let test = TestCase::from_outcome(
                        "test_found".into(),
                        "Found".into(),
                        &w,
                        &example.event,
                        example.run.as_ref(),
                        &example.account,
                        NOW,
                    );
                    let result = run_test(&test, &w);
                    let mut again = Coverage::new(&w);
                    again.add(result.run.as_ref());
                    prop_assert_eq!(again.reached(&point), 1, "{:?}", point);
                }
                Search::Unreachable(why) => {
                    prop_assert!(!possible, "{:?} was called unreachable ({}) but values reach it", point, why);
                }
                Search::NotFound { .. } => prop_assert!(!judged(&branch)),
            }
        }
    }
}
