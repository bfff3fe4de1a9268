//! The diff of two workflow versions: a table of every kind of change with the words and
//! marks the compare view shows, snapshots of edited gallery templates, and a property test
//! that replaying a diff on the older version gives the newer one, on workflows edited at
//! random (nested branches, moves across arms, parameters, conditions, emails).

use proptest::prelude::*;
use sandflow_engine::{
    delete_step, diff, insert_step, templates, update_step, value_pieces, Arm, Change, ClauseEdit,
    ClauseSlot, Condition, EmailField, EmailRow, Group, Key, Mark, Op, Piece, Place, Slot, Step,
    StepEdit, Trigger, ValueKind, Workflow, WorkflowDiff,
};
use serde_json::{json, Value};

fn compare(field: &str, op: Op, kind: ValueKind, value: Value) -> Condition {
    Condition::compare(field, op, kind, value).expect("a valid field")
}

fn amount_over(n: i64) -> Condition {
    compare(
        "trigger.data.object.amount",
        Op::GreaterThan,
        ValueKind::Money,
        json!(n),
    )
}

fn currency_is(c: &str) -> Condition {
    compare(
        "trigger.data.object.currency",
        Op::Equals,
        ValueKind::String,
        json!(c),
    )
}

fn email(id: &str, subject: &str) -> Step {
    Step::email(id, "team@example.com", subject, "", &[])
}

/// A large payment's workflow: retrieve the customer; if the amount is large, tag them and
/// email the team; always email a log line.
fn base() -> Workflow {
    Workflow {
        name: "Large payments".into(),
        trigger: Some(Trigger {
            event_type: "payment_intent.succeeded".into(),
            condition: Some(Condition::All(vec![amount_over(1000), currency_is("usd")])),
        }),
        steps: vec![
            Step::action(
                "retrieve",
                "customers.retrieve",
                json!({ "customer": "{{trigger.data.object.customer}}" }),
            ),
            Step::branch(
                "big",
                compare(
                    "trigger.data.object.amount",
                    Op::GreaterThanOrEqual,
                    ValueKind::Money,
                    json!(5000),
                ),
                vec![
                    Step::action(
                        "tag",
                        "customers.update",
                        json!({ "customer": "{{steps.retrieve.id}}", "metadata": { "Tier": "VIP" } }),
                    ),
                    Step::email(
                        "notify",
                        "team@example.com",
                        "Big order {{trigger.data.object.id}}",
                        "Say thanks.",
                        &[
                            ("Customer", "{{steps.retrieve.id}}"),
                            ("Amount", "{{trigger.data.object.amount}}"),
                        ],
                    ),
                ],
                vec![],
            ),
            email("log", "Payment {{trigger.data.object.id}}"),
        ],
        ..Workflow::new("wf_1", 10)
    }
}

fn step_mut<'a>(w: &'a mut Workflow, id: &str) -> &'a mut Step {
    fn find<'a>(steps: &'a mut [Step], id: &str) -> Option<&'a mut Step> {
        for step in steps {
            if step.id() == id {
                return Some(step);
            }
            if let Step::Branch {
                then, otherwise, ..
            } = step
            {
                if let Some(s) = find(then, id) {
                    return Some(s);
                }
                if let Some(s) = find(otherwise, id) {
                    return Some(s);
                }
            }
        }
        None
    }
    find(&mut w.steps, id).expect("the step exists")
}

fn params<'a>(w: &'a mut Workflow, id: &str) -> &'a mut serde_json::Map<String, Value> {
    match step_mut(w, id) {
        Step::Action { params, .. } => params,
        _ => panic!("{id} is not an action"),
    }
}

fn trigger_condition(w: &mut Workflow) -> &mut Condition {
    w.trigger.as_mut().unwrap().condition.as_mut().unwrap()
}

fn relocate(w: &mut Workflow, id: &str, to: Slot) {
    let step = delete_step(w, id).unwrap();
    insert_step(w, &to, step).unwrap();
}

fn lines(d: &WorkflowDiff) -> Vec<String> {
    d.changes.iter().map(ToString::to_string).collect()
}

struct Case {
    name: &'static str,
    edit: fn(&mut Workflow),
    lines: &'static [&'static str],
    marks: &'static [(&'static str, Mark)],
}

#[test]
fn every_kind_of_change_is_named_marked_and_replayed() {
    let cases = [
        Case {
            name: "no change gives an empty diff",
            edit: |_| {},
            lines: &[],
            marks: &[],
        },
        Case {
            name: "bookkeeping alone is no change",
            edit: |w| {
                w.updated = 99;
                w.status = sandflow_engine::Status::Active;
            },
            lines: &[],
            marks: &[],
        },
        Case {
            name: "name changed",
            edit: |w| w.name = "Big payments".into(),
            lines: &[r#"renamed from "Large payments" to "Big payments""#],
            marks: &[],
        },
        Case {
            name: "trigger type changed",
            edit: |w| w.trigger.as_mut().unwrap().event_type = "charge.succeeded".into(),
            lines: &["trigger changed from payment_intent.succeeded to charge.succeeded"],
            marks: &[],
        },
        Case {
            name: "trigger removed",
            edit: |w| w.trigger = None,
            lines: &["trigger payment_intent.succeeded removed"],
            marks: &[],
        },
        Case {
            name: "trigger condition clause changed",
            edit: |w| {
                let Condition::All(items) = trigger_condition(w) else { unreachable!() };
                items[1] = currency_is("eur");
            },
            lines: &[r#"trigger condition: clause 2 of All changed from currency is equal to "usd" to currency is equal to "eur""#],
            marks: &[],
        },
        Case {
            name: "trigger condition clause added",
            edit: |w| {
                let Condition::All(items) = trigger_condition(w) else { unreachable!() };
                items.insert(1, amount_over(10));
            },
            lines: &["trigger condition: clause 2 of All added: amount is greater than 10"],
            marks: &[],
        },
        Case {
            name: "trigger condition clause removed",
            edit: |w| {
                let Condition::All(items) = trigger_condition(w) else { unreachable!() };
                items.remove(0);
            },
            lines: &["trigger condition: clause 1 of All removed: amount is greater than 1000"],
            marks: &[],
        },
        Case {
            name: "trigger condition regrouped",
            edit: |w| {
                let Condition::All(items) = trigger_condition(w) else { unreachable!() };
                let items = std::mem::take(items);
                *trigger_condition(w) = Condition::Any(items);
            },
            lines: &["trigger condition: the whole condition now combines with Any instead of All"],
            marks: &[],
        },
        Case {
            name: "nested clause changed says its path",
            edit: |w| {
                let Condition::All(items) = trigger_condition(w) else { unreachable!() };
                items[1] = Condition::Any(vec![currency_is("usd"), currency_is("eur")]);
            },
            lines: &[
                "trigger condition: clause 2 of All became clause 1 of a new Any group",
                r#"trigger condition: clause 2 of All › clause 2 of Any added: currency is equal to "eur""#,
            ],
            marks: &[],
        },
        Case {
            name: "step added at the start",
            edit: |w| w.steps.insert(0, email("first", "Hi")),
            lines: &["email `first` added at position 1 of the top level"],
            marks: &[("first", Mark::Added)],
        },
        Case {
            name: "step added in the middle",
            edit: |w| w.steps.insert(1, email("middle", "Hi")),
            lines: &["email `middle` added at position 2 of the top level"],
            marks: &[("middle", Mark::Added)],
        },
        Case {
            name: "step added at the end",
            edit: |w| w.steps.push(email("last", "Hi")),
            lines: &["email `last` added at position 4 of the top level"],
            marks: &[("last", Mark::Added)],
        },
        Case {
            name: "step added inside an arm",
            edit: |w| {
                insert_step(w, &Slot::inside("big", Arm::Else, 0), email("small", "Hi")).unwrap()
            },
            lines: &["email `small` added at position 1 of the else arm of `big`"],
            marks: &[("small", Mark::Added)],
        },
        Case {
            name: "step removed",
            edit: |w| {
                delete_step(w, "log").unwrap();
            },
            lines: &["email `log` removed from position 3 of the top level"],
            marks: &[("log", Mark::Removed)],
        },
        Case {
            name: "branch removed with what was inside",
            edit: |w| {
                delete_step(w, "big").unwrap();
            },
            lines: &[
                "branch `big` removed from position 2 of the top level",
                "action `tag` (customers.update) removed from position 1 of the then arm of `big`",
                "email `notify` removed from position 2 of the then arm of `big`",
            ],
            marks: &[("big", Mark::Removed), ("tag", Mark::Removed)],
        },
        Case {
            name: "removing a step moves nothing after it",
            edit: |w| {
                delete_step(w, "retrieve").unwrap();
            },
            lines: &["action `retrieve` (customers.retrieve) removed from position 1 of the top level"],
            marks: &[("retrieve", Mark::Removed)],
        },
        Case {
            name: "step moved within its list",
            edit: |w| relocate(w, "log", Slot::top(0)),
            lines: &["step `log` moved from position 3 of the top level to position 1 of the top level"],
            marks: &[("log", Mark::Moved { changed: false })],
        },
        Case {
            name: "step moved within an arm",
            edit: |w| relocate(w, "notify", Slot::inside("big", Arm::Then, 0)),
            lines: &["step `notify` moved from position 2 of the then arm of `big` to position 1 of the then arm of `big`"],
            marks: &[("notify", Mark::Moved { changed: false })],
        },
        Case {
            name: "step moved into the other arm",
            edit: |w| relocate(w, "notify", Slot::inside("big", Arm::Else, 0)),
            lines: &["step `notify` moved from position 2 of the then arm of `big` to position 1 of the else arm of `big`"],
            marks: &[("notify", Mark::Moved { changed: false })],
        },
        Case {
            name: "step moved out of a branch",
            edit: |w| relocate(w, "tag", Slot::top(3)),
            lines: &["step `tag` moved from position 1 of the then arm of `big` to position 4 of the top level"],
            marks: &[("tag", Mark::Moved { changed: false })],
        },
        Case {
            name: "step moved and changed",
            edit: |w| {
                relocate(w, "log", Slot::top(0));
                if let Step::Email { subject, .. } = step_mut(w, "log") {
                    *subject = "Paid".into();
                }
            },
            lines: &[
                "step `log` moved from position 3 of the top level to position 1 of the top level",
                r#"step `log`: email subject changed from "Payment {{trigger.data.object.id}}" to "Paid""#,
            ],
            marks: &[("log", Mark::Moved { changed: true })],
        },
        Case {
            name: "param changed",
            edit: |w| {
                params(w, "tag")["metadata"] = json!({ "Tier": "Gold" });
            },
            lines: &[r#"step `tag`: parameter metadata.Tier changed from "VIP" to "Gold""#],
            marks: &[("tag", Mark::Changed)],
        },
        Case {
            name: "param added",
            edit: |w| {
                params(w, "tag").insert("name".into(), json!("{{trigger.data.object.name}}"));
            },
            lines: &[r#"step `tag`: parameter name set to "{{trigger.data.object.name}}""#],
            marks: &[("tag", Mark::Changed)],
        },
        Case {
            name: "param removed",
            edit: |w| {
                params(w, "tag").remove("metadata");
            },
            lines: &[r#"step `tag`: parameter metadata removed (was {"Tier":"VIP"})"#],
            marks: &[("tag", Mark::Changed)],
        },
        Case {
            name: "dynamic value changed",
            edit: |w| {
                params(w, "tag")["customer"] = json!("{{trigger.data.object.customer}}");
            },
            lines: &[r#"step `tag`: parameter customer changed from "{{steps.retrieve.id}}" to "{{trigger.data.object.customer}}""#],
            marks: &[("tag", Mark::Changed)],
        },
        Case {
            name: "action changed",
            edit: |w| {
                if let Step::Action { action, .. } = step_mut(w, "retrieve") {
                    *action = "customers.update".into();
                }
            },
            lines: &["step `retrieve`: action changed from customers.retrieve to customers.update"],
            marks: &[("retrieve", Mark::Changed)],
        },
        Case {
            name: "email subject changed",
            edit: |w| {
                if let Step::Email { subject, .. } = step_mut(w, "notify") {
                    *subject = "Large order {{trigger.data.object.id}}".into();
                }
            },
            lines: &[r#"step `notify`: email subject changed from "Big order {{trigger.data.object.id}}" to "Large order {{trigger.data.object.id}}""#],
            marks: &[("notify", Mark::Changed)],
        },
        Case {
            name: "email row changed and added",
            edit: |w| {
                if let Step::Email { rows, .. } = step_mut(w, "notify") {
                    rows[1].value = "{{trigger.data.object.amount_received}}".into();
                    rows.push(EmailRow { label: "Currency".into(), value: "{{trigger.data.object.currency}}".into() });
                }
            },
            lines: &[
                r#"step `notify`: email row 2 changed from Amount: "{{trigger.data.object.amount}}" to Amount: "{{trigger.data.object.amount_received}}""#,
                r#"step `notify`: email row 3 added: Currency: "{{trigger.data.object.currency}}""#,
            ],
            marks: &[("notify", Mark::Changed)],
        },
        Case {
            name: "email row removed",
            edit: |w| {
                if let Step::Email { rows, .. } = step_mut(w, "notify") {
                    rows.remove(0);
                }
            },
            lines: &[r#"step `notify`: email row 1 removed: Customer: "{{steps.retrieve.id}}""#],
            marks: &[("notify", Mark::Changed)],
        },
        Case {
            name: "branch condition changed",
            edit: |w| {
                update_step(w, "big", |s| {
                    if let Step::Branch { condition: Condition::Compare(c), .. } = s {
                        c.value = json!(2500);
                    }
                })
                .unwrap();
            },
            lines: &["step `big`: condition: the whole condition changed from amount is greater than or equal to 5000 to amount is greater than or equal to 2500"],
            marks: &[("big", Mark::Changed)],
        },
        Case {
            name: "step became another kind",
            edit: |w| *step_mut(w, "log") = Step::action("log", "customers.retrieve", json!({})),
            lines: &["step `log`: was email `log`, now action `log` (customers.retrieve)"],
            marks: &[("log", Mark::Changed)],
        },
    ];
    for case in cases {
        let old = base();
        let mut new = base();
        (case.edit)(&mut new);
        let d = diff(&old, &new);
        assert_eq!(lines(&d), case.lines, "case `{}`", case.name);
        assert_eq!(d.is_empty(), case.lines.is_empty(), "case `{}`", case.name);
        for (id, mark) in case.marks {
            assert_eq!(
                d.mark(id),
                Some(*mark),
                "case `{}`: mark of {id}",
                case.name
            );
        }
        for id in ["retrieve", "big", "tag", "notify", "log"] {
            // The step a line is about is the first one it names.
            let named = case.lines.iter().any(|l| l.split('`').nth(1) == Some(id));
            assert_eq!(
                d.mark(id).is_some(),
                named,
                "case `{}`: mark of {id}",
                case.name
            );
        }
        assert_eq!(d.apply(&old), new, "case `{}`: replayed", case.name);
    }
}

#[test]
fn the_structured_data_says_what_the_words_say() {
    let old = base();
    let mut new = base();
    let Condition::All(items) = trigger_condition(&mut new) else {
        unreachable!()
    };
    items[1] = Condition::Any(vec![currency_is("usd"), currency_is("eur")]);
    if let Condition::Any(inner) = &mut items[1] {
        inner.remove(1);
        inner.push(Condition::Not(Box::new(currency_is("gbp"))));
    }
    params(&mut new, "tag")["metadata"] = json!({ "Tier": "{{steps.retrieve.metadata.tier}}" });
    relocate(&mut new, "notify", Slot::inside("big", Arm::Else, 0));
    if let Step::Email { subject, .. } = step_mut(&mut new, "notify") {
        *subject = "Order".into();
    }
    let d = diff(&old, &new);

    let Change::TriggerCondition(clause) = &d.changes[0] else {
        panic!("{:?}", d.changes[0])
    };
    assert_eq!(
        clause.path,
        [ClauseSlot {
            group: Group::All,
            index: 1
        }]
    );
    assert_eq!(clause.edit, ClauseEdit::Grouped { group: Group::Any });
    let Change::TriggerCondition(clause) = &d.changes[1] else {
        panic!("{:?}", d.changes[1])
    };
    assert_eq!(clause.indices(), [1, 1]);
    assert_eq!(
        clause.edit,
        ClauseEdit::Added {
            new: Condition::Not(Box::new(currency_is("gbp")))
        }
    );

    let tag = d.changes_of("tag").collect::<Vec<_>>();
    let [Change::StepChanged { edit, at, .. }] = tag.as_slice() else {
        panic!("{tag:?}")
    };
    assert_eq!(
        at,
        &Place {
            parent: Some(sandflow_engine::Parent {
                branch: "big".into(),
                arm: Arm::Then
            }),
            index: 0
        }
    );
    assert_eq!(at.slot(), Slot::inside("big", Arm::Then, 0));
    let StepEdit::Param { path, old, new } = edit else {
        panic!("{edit:?}")
    };
    assert_eq!(
        path,
        &[Key::Field("metadata".into()), Key::Field("Tier".into())]
    );
    assert_eq!(old, &Some(json!("VIP")));
    assert!(edit.is_dynamic());
    assert_eq!(
        value_pieces(new.as_ref().unwrap()),
        [Piece::Value("steps.retrieve.metadata.tier".into())]
    );
    assert_eq!(
        value_pieces(&json!("Hi {{trigger.data.object.name}}!")),
        [
            Piece::Text("Hi ".into()),
            Piece::Value("trigger.data.object.name".into()),
            Piece::Text("!".into())
        ]
    );
    assert_eq!(value_pieces(&json!(10)), [Piece::Text("10".into())]);

    let notify = d.changes_of("notify").collect::<Vec<_>>();
    assert!(matches!(notify[0], Change::StepMoved { .. }));
    assert!(matches!(
        notify[1],
        Change::StepChanged {
            edit: StepEdit::Email {
                field: EmailField::Subject,
                ..
            },
            ..
        }
    ));
    assert_eq!(d.mark("notify"), Some(Mark::Moved { changed: true }));
    assert_eq!(
        d.summary().to_string(),
        "1 trigger condition clause changed, 1 step moved, 2 changed"
    );
    let text = serde_json::to_string(&d).unwrap();
    assert_eq!(serde_json::from_str::<WorkflowDiff>(&text).unwrap(), d);
}

#[test]
fn a_nested_clause_is_found_by_its_path() {
    let old = base();
    let mut new = base();
    *trigger_condition(&mut new) = Condition::All(vec![
        amount_over(1000),
        Condition::Any(vec![currency_is("usd"), currency_is("eur")]),
    ]);
    let mut newer = new.clone();
    let Condition::All(items) = trigger_condition(&mut newer) else {
        unreachable!()
    };
    items[1] = Condition::Any(vec![
        currency_is("usd"),
        Condition::Not(Box::new(currency_is("jpy"))),
    ]);
    let d = diff(&new, &newer);
    assert_eq!(
        lines(&d),
        [
            r#"trigger condition: clause 2 of All › clause 2 of Any changed from currency is equal to "eur" to not (currency is equal to "jpy")"#
        ]
    );
    let Change::TriggerCondition(clause) = &d.changes[0] else {
        unreachable!()
    };
    assert_eq!(clause.indices(), [1, 1]);
    assert_eq!(d.apply(&new), newer);
    assert_eq!(diff(&old, &newer).apply(&old), newer);
}

#[test]
fn summary_counts_each_step_once() {
    type Edit = fn(&mut Workflow);
    let cases: [(&str, Edit, &str); 4] = [
        ("nothing", |_| {}, "no changes"),
        (
            "two added one changed",
            |w| {
                w.steps.push(email("a", "A"));
                w.steps.push(email("b", "B"));
                params(w, "tag")["customer"] = json!("cus_1");
                params(w, "tag").insert("name".into(), json!("Jo"));
            },
            "2 steps added, 1 changed",
        ),
        (
            "renamed, trigger, one removed",
            |w| {
                w.name = "x".into();
                w.trigger.as_mut().unwrap().event_type = "charge.succeeded".into();
                delete_step(w, "log").unwrap();
            },
            "renamed, trigger changed, 1 step removed",
        ),
        (
            "moved",
            |w| relocate(w, "tag", Slot::top(0)),
            "1 step moved",
        ),
    ];
    for (name, edit, summary) in cases {
        let mut new = base();
        edit(&mut new);
        assert_eq!(
            diff(&base(), &new).summary().to_string(),
            summary,
            "case `{name}`"
        );
    }
}

#[test]
fn repeated_step_ids_compare_the_steps_as_a_whole() {
    let old = base();
    let mut new = base();
    new.steps.push(email("log", "again"));
    let d = diff(&old, &new);
    assert!(matches!(
        d.changes.as_slice(),
        [Change::StepsReplaced { .. }]
    ));
    assert!(d.summary().steps_replaced);
    assert_eq!(d.apply(&old), new);
}

// ---- Snapshots of edited gallery templates ---------------------------------------------

fn template(name: &str) -> Workflow {
    templates()
        .into_iter()
        .find(|t| t.name == name)
        .expect("a gallery template")
        .workflow
}

fn snapshot(name: &str, old: &Workflow, new: &Workflow) {
    let d = diff(old, new);
    assert_eq!(d.apply(old), *new, "{name}: replayed");
    insta::assert_snapshot!(format!("{name}_words"), d.to_string());
    insta::assert_json_snapshot!(name, d);
}

#[test]
fn tag_vip_customers_v1_to_v2() {
    let v1 = template("Tag VIP customers");
    let mut v2 = v1.clone();
    v2.name = "Tag VIP customers (gold)".into();
    params(&mut v2, "tag_vip")["metadata"] =
        json!({ "Tier": "Gold", "Since": "{{trigger.created}}" });
    insert_step(
        &mut v2,
        &Slot::inside("has_tip", Arm::Else, 0),
        Step::email(
            "email_no_tip",
            "team@example.com",
            "No tip from {{steps.retrieve_customer.name}}",
            "",
            &[("Customer", "{{steps.retrieve_customer.id}}")],
        ),
    )
    .unwrap();
    snapshot("tag_vip_customers", &v1, &v2);
}

#[test]
fn refund_on_early_fraud_warning_v1_to_v2() {
    let v1 = template("Refund on early fraud warning");
    let mut v2 = v1.clone();
    update_step(&mut v2, "small_charge", |s| {
        if let Step::Branch {
            condition: Condition::Compare(c),
            ..
        } = s
        {
            c.value = json!(250);
        }
    })
    .unwrap();
    // The team now hears about every warning: the email leaves the else arm for the end.
    relocate(&mut v2, "email_team", Slot::top(2));
    if let Step::Email { subject, rows, .. } = step_mut(&mut v2, "email_team") {
        *subject = "Early fraud warning: {{trigger.data.object.id}}".into();
        rows.remove(2);
    }
    params(&mut v2, "refund").remove("reason");
    snapshot("refund_on_early_fraud_warning", &v1, &v2);
}

#[test]
fn thank_new_customers_v1_to_v2() {
    let v1 = template("Thank new customers");
    let mut v2 = v1.clone();
    v2.trigger.as_mut().unwrap().condition = Some(Condition::All(vec![
        compare(
            "trigger.data.object.email",
            Op::IsNotEmpty,
            ValueKind::String,
            Value::Null,
        ),
        compare(
            "trigger.data.object.email",
            Op::EndsWith,
            ValueKind::String,
            json!("@example.com"),
        ),
    ]));
    params(&mut v2, "welcome_coupon")["percent_off"] = json!(15);
    delete_step(&mut v2, "remember_coupon").unwrap();
    let email_team = delete_step(&mut v2, "email_team").unwrap();
    v2.steps.insert(0, email_team);
    snapshot("thank_new_customers", &v1, &v2);
}

// ---- Property: replaying a diff gives the newer version --------------------------------

/// The small choices inside one random edit, drawn from a seed proptest picks (and shrinks).
struct Choices(u64);

impl Choices {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }

    fn pick<T: Clone>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())].clone()
    }
}

fn random_compare(c: &mut Choices) -> Condition {
    let field = c.pick(&[
        "trigger.data.object.amount",
        "trigger.data.object.currency",
        "trigger.data.object.email",
        "steps.s1.id",
    ]);
    let op = c.pick(&[Op::Equals, Op::GreaterThan, Op::IsNotEmpty, Op::Contains]);
    let value = c.pick(&[
        json!(1000),
        json!("usd"),
        json!("@example.com"),
        Value::Null,
    ]);
    compare(field, op, ValueKind::String, value)
}

fn random_condition(c: &mut Choices, depth: usize) -> Condition {
    match if depth == 0 { 0 } else { c.below(5) } {
        0 | 1 => random_compare(c),
        2 => Condition::All(
            (0..c.below(4))
                .map(|_| random_condition(c, depth - 1))
                .collect(),
        ),
        3 => Condition::Any(
            (0..c.below(4))
                .map(|_| random_condition(c, depth - 1))
                .collect(),
        ),
        _ => Condition::Not(Box::new(random_condition(c, depth - 1))),
    }
}

fn node_mut<'a>(node: &'a mut Condition, path: &[usize]) -> &'a mut Condition {
    match (path.split_first(), node) {
        (None, node) => node,
        (Some((&i, rest)), Condition::All(items) | Condition::Any(items)) => {
            node_mut(&mut items[i], rest)
        }
        (Some((_, rest)), Condition::Not(inner)) => node_mut(inner, rest),
        (Some(_), node) => node,
    }
}

/// Edits one node of a condition tree: replace, add or remove a clause, regroup, wrap in a
/// group or `Not`, unwrap a group of one.
fn edit_condition(condition: &mut Condition, c: &mut Choices) {
    let mut path = Vec::new();
    let mut node: &Condition = condition;
    loop {
        match node {
            Condition::All(items) | Condition::Any(items)
                if !items.is_empty() && c.below(3) > 0 =>
            {
                let i = c.below(items.len());
                path.push(i);
                node = &items[i];
            }
            Condition::Not(inner) if c.below(2) == 0 => {
                path.push(0);
                node = inner;
            }
            _ => break,
        }
    }
    let node = node_mut(condition, &path);
    match (c.below(7), &mut *node) {
        (0, Condition::All(items) | Condition::Any(items)) => {
            let at = c.below(items.len() + 1);
            items.insert(at, random_condition(c, 1));
        }
        (1, Condition::All(items) | Condition::Any(items)) if !items.is_empty() => {
            items.remove(c.below(items.len()));
        }
        (2, Condition::All(items)) => *node = Condition::Any(std::mem::take(items)),
        (2, Condition::Any(items)) => *node = Condition::All(std::mem::take(items)),
        (3, Condition::All(items) | Condition::Any(items)) if items.len() == 1 => {
            *node = items.remove(0);
        }
        (3, _) => *node = Condition::All(vec![node.clone(), random_compare(c)]),
        (4, _) => *node = Condition::Not(Box::new(node.clone())),
        (5, _) => *node = random_condition(c, 2),
        _ => *node = random_compare(c),
    }
}

fn random_value(c: &mut Choices) -> Value {
    c.pick(&[
        json!("cus_123"),
        json!("{{trigger.data.object.customer}}"),
        json!("Hello {{trigger.data.object.name}}"),
        json!("{{steps.s1.id}}"),
        json!(42),
        json!(true),
        json!({ "Tier": "VIP" }),
        json!({ "Tier": "{{trigger.data.object.id}}", "n": 1 }),
        json!(["a", "b"]),
        json!([{ "price": "price_1" }]),
    ])
}

fn random_params(c: &mut Choices) -> Value {
    let mut map = serde_json::Map::new();
    for _ in 0..c.below(4) {
        let key = c.pick(&["customer", "name", "metadata", "amount", "items", "expand"]);
        map.insert(key.into(), random_value(c));
    }
    Value::Object(map)
}

fn random_step(c: &mut Choices, id: String) -> Step {
    match c.below(3) {
        0 => Step::action(
            id,
            c.pick(&["customers.update", "customers.retrieve", "refunds.create"]),
            random_params(c),
        ),
        1 => Step::branch(id, random_condition(c, 2), vec![], vec![]),
        _ => Step::email(
            id,
            c.pick(&["team@example.com", "{{trigger.data.object.email}}"]),
            c.pick(&["Hi", "New {{trigger.data.object.id}}"]),
            c.pick(&["", "Body"]),
            &[
                ("Customer", "{{trigger.data.object.customer}}"),
                ("Amount", "1"),
            ][..c.below(3)],
        ),
    }
}

/// Every list a step can go in: the top level and each arm of each branch.
fn lists(w: &Workflow) -> Vec<Option<(String, Arm)>> {
    let mut out = vec![None];
    for step in w.all_steps() {
        if let Step::Branch { id, .. } = step {
            out.push(Some((id.clone(), Arm::Then)));
            out.push(Some((id.clone(), Arm::Else)));
        }
    }
    out
}

fn random_slot(w: &Workflow, c: &mut Choices) -> Slot {
    let parent = c.pick(&lists(w));
    let len = match &parent {
        None => w.steps.len(),
        Some((id, arm)) => w.step(id).and_then(|s| s.arm(*arm)).map_or(0, Vec::len),
    };
    Slot {
        parent,
        index: c.below(len + 1),
    }
}

fn random_id(w: &Workflow, c: &mut Choices) -> Option<String> {
    let ids: Vec<String> = w.all_steps().iter().map(|s| s.id().to_owned()).collect();
    (!ids.is_empty()).then(|| c.pick(&ids))
}

/// One edit a person could make in the editor; refused edits (the step limit) change nothing.
fn random_edit(w: &mut Workflow, op: u8, seed: u64) {
    let c = &mut Choices(seed);
    match op % 10 {
        0 | 1 => {
            let id = format!("s{}", c.below(40));
            let slot = random_slot(w, c);
            let step = random_step(c, id);
            let _ = insert_step(w, &slot, step);
        }
        2 => {
            if let Some(id) = random_id(w, c) {
                delete_step(w, &id).unwrap();
            }
        }
        3 | 4 => {
            if let Some(id) = random_id(w, c) {
                let step = delete_step(w, &id).unwrap();
                let slot = random_slot(w, c);
                insert_step(w, &slot, step).unwrap();
            }
        }
        5 => {
            let Some(id) = random_id(w, c) else { return };
            update_step(w, &id, |step| match step {
                Step::Action { params, action, .. } => match c.below(5) {
                    0 => *action = c.pick(&["customers.update", "charges.retrieve"]).into(),
                    1 if !params.is_empty() => {
                        let keys: Vec<String> = params.keys().cloned().collect();
                        params.remove(&c.pick(&keys));
                    }
                    2 => {
                        if let Some(Value::Object(meta)) = params.get_mut("metadata") {
                            meta.insert(c.pick(&["Tier", "n", "x"]).into(), random_value(c));
                        }
                    }
                    3 => {
                        if let Some(Value::Array(items)) = params.get_mut("items") {
                            if let Some(Value::Object(item)) = items.get_mut(0) {
                                item.insert("price".into(), random_value(c));
                            }
                        }
                    }
                    _ => {
                        let key = c.pick(&["customer", "name", "metadata", "items"]);
                        params.insert(key.into(), random_value(c));
                    }
                },
                Step::Branch { condition, .. } => edit_condition(condition, c),
                Step::Email {
                    to, subject, rows, ..
                } => match c.below(4) {
                    0 => *to = c.pick(&["ops@example.com", "{{steps.s1.email}}"]).into(),
                    1 => *subject = c.pick(&["Hi {{trigger.data.object.name}}", "Done"]).into(),
                    2 if !rows.is_empty() => {
                        rows.remove(c.below(rows.len()));
                    }
                    _ => {
                        let at = c.below(rows.len() + 1);
                        rows.insert(
                            at,
                            EmailRow {
                                label: c.pick(&["Id", "Email"]).into(),
                                value: c.pick(&["{{trigger.data.object.id}}", "x"]).into(),
                            },
                        );
                    }
                },
            })
            .unwrap();
        }
        6 => {
            let Some(id) = random_id(w, c) else { return };
            let replacement = random_step(c, id.clone());
            update_step(w, &id, |step| *step = replacement).unwrap();
        }
        7 | 8 => match &mut w.trigger {
            Some(Trigger {
                condition: Some(condition),
                ..
            }) => edit_condition(condition, c),
            Some(trigger) => trigger.condition = Some(random_condition(c, 2)),
            None => {}
        },
        _ => match c.below(4) {
            0 => w.name = c.pick(&["Payments", "Refunds"]).into(),
            1 => {
                w.trigger = Some(Trigger {
                    event_type: c.pick(&["customer.created", "charge.refunded"]).into(),
                    condition: None,
                })
            }
            2 => w.trigger = None,
            _ => {
                if let Some(t) = &mut w.trigger {
                    t.condition = None;
                }
            }
        },
    }
}

fn edits() -> impl Strategy<Value = Vec<(u8, u64)>> {
    prop::collection::vec((any::<u8>(), any::<u64>()), 0..10)
}

/// A workflow built by adding steps and making edits, then a later version of it.
fn versions() -> impl Strategy<Value = (Workflow, Workflow)> {
    (prop::collection::vec(any::<u64>(), 1..14), edits(), edits()).prop_map(
        |(adds, first, later)| {
            let mut a = Workflow::new("wf_1", 0);
            a.trigger = Some(Trigger {
                event_type: "payment_intent.succeeded".into(),
                condition: Some(amount_over(1000)),
            });
            for seed in adds {
                random_edit(&mut a, 0, seed);
            }
            for (op, seed) in first {
                random_edit(&mut a, op, seed);
            }
            let mut b = a.clone();
            for (op, seed) in later {
                random_edit(&mut b, op, seed);
            }
            (a, b)
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn replaying_the_diff_gives_the_newer_version((a, b) in versions()) {
        let d = diff(&a, &b);
        prop_assert_eq!(&d.apply(&a), &b, "{}", d);
        prop_assert_eq!(d.is_empty(), a == b);
        prop_assert!(diff(&a, &a).is_empty());
        prop_assert_eq!(&diff(&b, &a).apply(&b), &a);
        let text = serde_json::to_string(&d).unwrap();
        prop_assert_eq!(&serde_json::from_str::<WorkflowDiff>(&text).unwrap(), &d);
    }

    #[test]
    fn a_step_in_both_versions_is_never_added_or_removed((a, b) in versions()) {
        let d = diff(&a, &b);
        for step in a.all_steps() {
            let mark = d.mark(step.id());
            match b.step(step.id()) {
                Some(_) => prop_assert!(!matches!(mark, Some(Mark::Added | Mark::Removed)), "{}: {:?}", step.id(), mark),
                None => prop_assert_eq!(mark, Some(Mark::Removed)),
            }
        }
        for step in b.all_steps() {
            if a.step(step.id()).is_none() {
                prop_assert_eq!(d.mark(step.id()), Some(Mark::Added));
            }
        }
    }
}
