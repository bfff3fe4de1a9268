//! The set of workflows and its limits, editing helpers, undo / redo, export / import.

mod common;

use common::TestCatalog;
use sandflow_engine::update_step;
use sandflow_engine::{
    delete_step, duplicate_step, export, import, insert_step, move_step, replace_trigger, Arm,
    Condition, Direction, EditError, History, Ids, ImportProblem, Issue, Op, Slot, Status, Step,
    Trigger, ValueKind, Workflow, Workflows, WorkflowsError,
};
use serde_json::{json, Value};

fn valid(id: &str) -> Workflow {
    Workflow {
        trigger: Some(Trigger {
            event_type: "customer.created".into(),
            condition: None,
        }),
        steps: vec![Step::email(
            "s1",
            "team@example.com",
            "New customer",
            "",
            &[],
        )],
        ..Workflow::new(id, 0)
    }
}

fn email(id: &str) -> Step {
    Step::email(id, "team@example.com", "hi", "", &[])
}

fn ids_of(steps: &[Step]) -> Vec<&str> {
    steps.iter().map(Step::id).collect()
}

#[test]
fn limits_are_enforced_with_messages_people_understand() {
    let mut set = Workflows::new();
    let mut ids = Ids::new(1);
    for i in 0..20 {
        let id = set.create(&mut ids, i).unwrap().id.clone();
        assert_eq!(set.get(&id).unwrap().name, "Untitled workflow");
    }
    let err = set.create(&mut ids, 0).unwrap_err();
    assert_eq!(err, WorkflowsError::TooManyWorkflows { limit: 20 });
    assert_eq!(
        err.to_string(),
        "you already have 20 workflows, the most there can be: delete one first"
    );

    let ids_list: Vec<String> = set.as_slice().iter().map(|w| w.id.clone()).collect();
    for id in &ids_list {
        let mut w = set.get(id).unwrap().clone();
        w.trigger = valid("x").trigger;
        w.steps = valid("x").steps;
        set.save(w, &TestCatalog, 1).unwrap();
    }
    for id in &ids_list[..6] {
        set.activate(id, &TestCatalog, 2).unwrap();
    }
    assert_eq!(set.active_count(), 6);
    let err = set.activate(&ids_list[6], &TestCatalog, 3).unwrap_err();
    assert_eq!(
        err.to_string(),
        "6 workflows are already active: deactivate one first"
    );
    // Saving is never a way around the limit: it keeps the status the workflow has.
    let mut seventh = set.get(&ids_list[6]).unwrap().clone();
    seventh.status = Status::Active;
    set.save(seventh, &TestCatalog, 3).unwrap();
    assert!(!set.get(&ids_list[6]).unwrap().is_active());
    assert_eq!(set.active_count(), 6);

    set.deactivate(&ids_list[0], 4).unwrap();
    set.activate(&ids_list[6], &TestCatalog, 5).unwrap();
    assert!(set.get(&ids_list[6]).unwrap().is_active());
    assert_eq!(set.get(&ids_list[6]).unwrap().updated, 5);

    set.delete(&ids_list[19]).unwrap();
    assert_eq!(set.len(), 19);
    assert!(set.create(&mut ids, 6).is_ok());
    assert_eq!(
        set.delete("wf_nope").unwrap_err().to_string(),
        "there is no workflow `wf_nope`: it may have been deleted"
    );
}

#[test]
fn activation_reports_every_error() {
    let mut set = Workflows::new();
    let mut draft = Workflow::new("wf_1", 0);
    draft.steps = vec![Step::action("s1", "customers.update", json!({}))];
    set.save(draft, &TestCatalog, 0).unwrap();
    let err = set.activate("wf_1", &TestCatalog, 1).unwrap_err();
    let WorkflowsError::Invalid { problems } = &err else {
        panic!("{err}")
    };
    assert_eq!(problems.len(), 2);
    assert_eq!(problems[0].issue, Issue::NoTrigger);
    assert_eq!(
        problems[1].issue,
        Issue::RequiredParamEmpty {
            label: "Customer".into()
        }
    );
    assert!(err
        .to_string()
        .starts_with("fix 2 problems before activating: add a trigger"));
    assert!(!set.get("wf_1").unwrap().is_active());
}

#[test]
fn too_many_steps_are_refused_when_saving() {
    let mut set = Workflows::new();
    let mut w = valid("wf_1");
    w.steps = (0..13).map(|i| email(&format!("s{i}"))).collect();
    assert_eq!(
        set.save(w, &TestCatalog, 0).unwrap_err(),
        WorkflowsError::TooManySteps {
            count: 13,
            limit: 12
        }
    );
    assert!(set.is_empty());
}

#[test]
fn rename_defaults_blank_names() {
    let mut set = Workflows::new();
    set.save(valid("wf_1"), &TestCatalog, 0).unwrap();
    set.rename("wf_1", "  Welcome  ", 1).unwrap();
    assert_eq!(set.get("wf_1").unwrap().name, "Welcome");
    set.rename("wf_1", "   ", 2).unwrap();
    assert_eq!(set.get("wf_1").unwrap().name, "Untitled workflow");
}

fn with_branch() -> Workflow {
    let cond = Condition::compare(
        "trigger.data.object.name",
        Op::Exists,
        ValueKind::String,
        Value::Null,
    )
    .unwrap();
    Workflow {
        steps: vec![
            email("a"),
            Step::branch("b", cond, vec![email("t1")], vec![email("e1")]),
            email("c"),
        ],
        ..valid("wf_1")
    }
}

#[test]
fn insert_move_duplicate_delete() {
    let mut w = with_branch();
    insert_step(&mut w, &Slot::top(0), email("first")).unwrap();
    insert_step(&mut w, &Slot::inside("b", Arm::Then, 1), email("t2")).unwrap();
    insert_step(&mut w, &Slot::inside("b", Arm::Else, 0), email("e0")).unwrap();
    assert_eq!(ids_of(&w.steps), ["first", "a", "b", "c"]);
    assert_eq!(
        ids_of(w.step("b").unwrap().arm(Arm::Then).unwrap()),
        ["t1", "t2"]
    );
    assert_eq!(
        ids_of(w.step("b").unwrap().arm(Arm::Else).unwrap()),
        ["e0", "e1"]
    );

    let cases: Vec<(&str, Result<(), EditError>)> = vec![
        (
            "into a non-branch",
            insert_step(&mut w, &Slot::inside("a", Arm::Then, 0), email("x")),
        ),
        (
            "into a missing step",
            insert_step(&mut w, &Slot::inside("zz", Arm::Then, 0), email("x")),
        ),
        (
            "past the end",
            insert_step(&mut w, &Slot::top(9), email("x")),
        ),
        (
            "duplicate id",
            insert_step(&mut w, &Slot::top(0), email("a")),
        ),
        (
            "move the first up",
            move_step(&mut w, "first", Direction::Up),
        ),
        (
            "move the last down",
            move_step(&mut w, "e1", Direction::Down),
        ),
        (
            "move a missing step",
            move_step(&mut w, "zz", Direction::Down),
        ),
    ];
    let expected = [
        EditError::NotABranch { id: "a".into() },
        EditError::StepNotFound { id: "zz".into() },
        EditError::OutOfRange { index: 9, len: 4 },
        EditError::DuplicateId { id: "a".into() },
        EditError::AtEdge { edge: "top" },
        EditError::AtEdge { edge: "bottom" },
        EditError::StepNotFound { id: "zz".into() },
    ];
    for ((name, got), want) in cases.into_iter().zip(expected) {
        assert_eq!(got, Err(want), "case `{name}`");
    }

    move_step(&mut w, "first", Direction::Down).unwrap();
    move_step(&mut w, "t2", Direction::Up).unwrap();
    assert_eq!(ids_of(&w.steps), ["a", "first", "b", "c"]);
    assert_eq!(
        ids_of(w.step("b").unwrap().arm(Arm::Then).unwrap()),
        ["t2", "t1"]
    );

    delete_step(&mut w, "first").unwrap();
    delete_step(&mut w, "e0").unwrap();
    assert_eq!(w.step_count(), 6);
    let mut ids = Ids::new(5);
    let copy = duplicate_step(&mut w, "b", &mut ids).unwrap();
    assert_eq!(
        w.steps[2].id(),
        copy,
        "the copy goes right after the original"
    );
    assert_eq!(w.step_count(), 10);
    let all: std::collections::BTreeSet<&str> = w.all_steps().into_iter().map(Step::id).collect();
    assert_eq!(all.len(), 10, "the copy's inner steps got new ids too");
    insert_step(&mut w, &Slot::top(0), email("x")).unwrap();
    insert_step(&mut w, &Slot::top(0), email("y")).unwrap();
    assert_eq!(
        insert_step(&mut w, &Slot::top(0), email("z")),
        Err(EditError::TooManySteps { limit: 12 })
    );
    assert_eq!(
        duplicate_step(&mut w, "a", &mut ids),
        Err(EditError::TooManySteps { limit: 12 })
    );

    let removed = delete_step(&mut w, &copy).unwrap();
    assert_eq!(removed.id(), copy);
    delete_step(&mut w, "t1").unwrap();
    assert_eq!(w.step_count(), 7);
    assert!(w.step("t1").is_none());
}

#[test]
fn update_step_changes_a_step_wherever_it_is() {
    let cases = [("top level", "a"), ("then arm", "t1"), ("else arm", "e1")];
    for (name, id) in cases {
        let mut w = with_branch();
        let before = w.all_steps().len();
        let old_subject = update_step(&mut w, id, |step| match step {
            Step::Email { subject, .. } => std::mem::replace(subject, "changed".into()),
            _ => panic!("case `{name}`: not an email"),
        });
        assert_eq!(old_subject.as_deref(), Ok("hi"), "case `{name}`");
        let Some(Step::Email { subject, .. }) = w.step(id) else {
            panic!("case `{name}`: step gone");
        };
        assert_eq!(subject, "changed", "case `{name}`");
        assert_eq!(w.all_steps().len(), before, "case `{name}`");
    }
}

#[test]
fn update_step_refuses_a_missing_step_and_changes_nothing() {
    let mut w = with_branch();
    let err = update_step(&mut w, "gone", |_| ()).unwrap_err();
    assert_eq!(err, EditError::StepNotFound { id: "gone".into() });
    assert_eq!(
        err.to_string(),
        "there is no step `gone`: it may have been deleted"
    );
    assert_eq!(w, with_branch());
}

#[test]
fn replacing_the_trigger_reports_what_no_longer_fits() {
    let mut w = valid("wf_1");
    w.trigger = Some(Trigger {
        event_type: "customer.updated".into(),
        condition: Some(
            Condition::compare(
                "trigger.data.object.email",
                Op::Changed,
                ValueKind::String,
                Value::Null,
            )
            .unwrap(),
        ),
    });
    w.steps = vec![Step::email(
        "s1",
        "team@example.com",
        "{{trigger.data.object.name}}",
        "",
        &[],
    )];
    let condition = w.trigger.clone().unwrap().condition;
    let stale = replace_trigger(
        &mut w,
        Trigger {
            event_type: "payment_intent.succeeded".into(),
            condition,
        },
        &TestCatalog,
    );
    let messages: Vec<String> = stale.iter().map(ToString::to_string).collect();
    assert_eq!(messages.len(), 3, "{messages:#?}");
    assert!(messages[0].contains("`trigger.data.object.email` is not a field of payment_intent"));
    assert!(messages[1].contains("only works with a `*.updated` trigger"));
    assert!(messages[2]
        .contains("step s1, subject: `trigger.data.object.name` is not a field of payment_intent"));
    assert_eq!(w.event_type(), Some("payment_intent.succeeded"));
}

#[test]
fn undo_and_redo() {
    let mut history = History::new(valid("wf_1"));
    assert!(!history.can_undo());
    history
        .edit(|w| insert_step(w, &Slot::top(1), email("s2")))
        .unwrap();
    history
        .edit(|w| insert_step(w, &Slot::top(2), email("s3")))
        .unwrap();
    assert!(history
        .edit(|w| insert_step(w, &Slot::top(9), email("bad")))
        .is_err());
    assert_eq!(history.current().step_count(), 3);
    assert!(history.undo());
    assert_eq!(history.current().step_count(), 2);
    assert!(history.undo());
    assert!(!history.undo());
    assert!(history.redo());
    assert_eq!(history.current().step_count(), 2);
    history
        .edit(|w| {
            w.name = "Renamed".into();
            Ok::<(), ()>(())
        })
        .unwrap();
    assert!(!history.can_redo(), "a new edit drops the redo branch");
    let mut bounded = History::with_limit(0, 3);
    for i in 1..=10 {
        bounded.push(i);
    }
    let mut undone = 0;
    while bounded.undo() {
        undone += 1;
    }
    assert_eq!((undone, *bounded.current()), (3, 7));
}

#[test]
fn export_then_import_round_trips() {
    let mut a = valid("wf_a");
    a.status = Status::Active;
    let b = with_branch();
    let text = export(&[a.clone(), b.clone()]);
    let mut ids = Ids::new(9);
    let imported = import(&text, &[], &TestCatalog, &mut ids).unwrap();
    assert_eq!(imported, vec![a.clone(), b.clone()]);
    let again = import(&text, &imported, &TestCatalog, &mut ids).unwrap();
    assert_ne!(again[0].id, "wf_a", "clashing ids are replaced");
    assert_eq!(again[0].steps, a.steps);
}

#[test]
fn import_validates_everything_before_returning_anything() {
    let good = export(&[valid("wf_a")]);
    let active = |n: usize| {
        let ws: Vec<Workflow> = (0..n)
            .map(|i| Workflow {
                status: Status::Active,
                ..valid(&format!("wf_{i}"))
            })
            .collect();
        export(&ws)
    };
    let existing_active: Vec<Workflow> = (0..5)
        .map(|i| Workflow {
            status: Status::Active,
            ..valid(&format!("old_{i}"))
        })
        .collect();
    let existing_many: Vec<Workflow> = (0..20).map(|i| valid(&format!("old_{i}"))).collect();
    let mut invalid = valid("wf_bad");
    invalid.trigger = None;
    let too_big = format!(
        "{{\"format_version\":1,\"workflows\":[],\"pad\":\"{}\"}}",
        "x".repeat(5 * 1024 * 1024)
    );
    let cases: Vec<(&str, String, Vec<Workflow>, &str)> = vec![
        (
            "malformed json",
            "{\"format_version\": 1,".into(),
            vec![],
            "the file is not valid JSON (line 1",
        ),
        (
            "not an export",
            "[1, 2]".into(),
            vec![],
            "the file is not a Sandflow export",
        ),
        (
            "newer format",
            good.replace("\"format_version\": 1", "\"format_version\": 99"),
            vec![],
            "uses format 99 but this Sandflow reads up to 1",
        ),
        ("too big", too_big, vec![], "the limit is 5242880"),
        (
            "bad shape",
            r#"{"format_version":1,"workflows":[{"id":"x"}]}"#.into(),
            vec![],
            "workflow 1 is not a valid workflow",
        ),
        (
            "invalid workflow",
            export(&[invalid]),
            vec![],
            "workflow 1 “Untitled workflow”: add a trigger",
        ),
        (
            "too many in total",
            good.clone(),
            existing_many,
            "importing 1 workflows next to the 20 you have would make more than 20",
        ),
        (
            "too many active",
            active(2),
            existing_active,
            "the file has 2 active workflows and 5 are already active, more than 6",
        ),
    ];
    for (name, text, existing, fragment) in cases {
        let problems: Vec<ImportProblem> =
            import(&text, &existing, &TestCatalog, &mut Ids::new(1)).unwrap_err();
        assert!(
            problems.iter().any(|p| p.to_string().contains(fragment)),
            "case `{name}`: {problems:#?}"
        );
    }
}

#[test]
fn steps_are_read_whatever_the_order_of_their_fields() {
    let cases = [
        (
            "type first",
            r#"{"type":"action","id":"s","action":"customers.retrieve","params":{"customer":"cus_1"}}"#,
            Ok(Step::action(
                "s",
                "customers.retrieve",
                json!({"customer": "cus_1"}),
            )),
        ),
        (
            "type last, params left out",
            r#"{"id":"s","action":"customers.retrieve","type":"action"}"#,
            Ok(Step::action("s", "customers.retrieve", Value::Null)),
        ),
        (
            "email with rows, unknown field ignored",
            r#"{"rows":[{"label":"A","value":"1"}],"type":"email","id":"e","to":"t@example.com","subject":"S","later":true}"#,
            Ok(Step::email("e", "t@example.com", "S", "", &[("A", "1")])),
        ),
        (
            "branch with nested steps",
            r#"{"type":"branch","id":"b","condition":{"all":[]},"else":[{"type":"email","id":"e","to":"t","subject":"s"}]}"#,
            Ok(Step::branch(
                "b",
                Condition::All(vec![]),
                vec![],
                vec![Step::email("e", "t", "s", "", &[])],
            )),
        ),
        (
            "action without its action",
            r#"{"type":"action","id":"s"}"#,
            Err("missing field `action`"),
        ),
        (
            "branch without its condition",
            r#"{"type":"branch","id":"b"}"#,
            Err("missing field `condition`"),
        ),
        (
            "unknown type",
            r#"{"type":"webhook","id":"w"}"#,
            Err("unknown variant `webhook`"),
        ),
    ];
    for (name, text, expected) in cases {
        let read = serde_json::from_str::<Step>(text).map_err(|e| e.to_string());
        match (read, expected) {
            (Ok(step), Ok(want)) => assert_eq!(step, want, "case `{name}`"),
            (Err(message), Err(fragment)) => {
                assert!(message.contains(fragment), "case `{name}`: {message}")
            }
            (read, _) => panic!("case `{name}`: {read:?}"),
        }
        if let Ok(step) = serde_json::from_str::<Step>(text) {
            let again: Step = serde_json::from_str(&serde_json::to_string(&step).unwrap()).unwrap();
            assert_eq!(again, step, "case `{name}` round trips");
        }
    }
}
