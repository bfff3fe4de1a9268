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
    let cases: [(&str, fn(&mut Workflow), &str); 4] = [
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
