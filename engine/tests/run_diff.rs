//! The run diff: two runs aligned by step id, the path each took, where they part ways, and
//! per step what changed in input, output and error.

#[path = "replay_scenario/mod.rs"]
mod scenario;

use sandflow_engine::{
    replay, run_diff, Arm, ChangeKind, ErrorChange, Key, Run, RunStatus, Step, StepState,
    StepStatus, ValueChange,
};
use scenario::{welcome, world};
use serde_json::json;

fn path(keys: &[&str]) -> Vec<Key> {
    keys.iter().map(|k| Key::Field((*k).into())).collect()
}

fn changed(keys: &[&str], old: serde_json::Value, new: serde_json::Value) -> ValueChange {
    ValueChange {
        path: path(keys),
        change: ChangeKind::Changed,
        old: Some(old),
        new: Some(new),
    }
}

/// The live runs of customers with balances 0, 100, 200 and 300 under `welcome(250)`.
fn runs() -> Vec<Run> {
    world(4, welcome(250)).runs
}

#[test]
fn a_run_against_itself_has_no_differences() {
    let runs = runs();
    let d = run_diff(&runs[3], &runs[3]);
    assert!(d.is_empty());
    assert_eq!(d.diverges_at, None);
    assert_eq!(d.a.path, ["tag", "big", "credit", "tell_vip"]);
    assert_eq!(d.changed_steps().count(), 0);
    assert!(d.event.is_empty());
}

#[test]
fn two_customers_on_either_side_of_the_branch() {
    let runs = runs();
    let d = run_diff(&runs[0], &runs[3]);
    assert_eq!(d.a.path, ["tag", "big", "tell"]);
    assert_eq!(d.b.path, ["tag", "big", "credit", "tell_vip"]);
    assert_eq!(d.diverges_at.as_deref(), Some("big"));
    let big = &d.steps[1];
    assert_eq!(
        (big.a, big.b),
        (
            Some(StepState {
                status: StepStatus::Succeeded,
                branch: Some(Arm::Else)
            }),
            Some(StepState {
                status: StepStatus::Succeeded,
                branch: Some(Arm::Then)
            }),
        )
    );
    assert_eq!(
        big.output,
        [
            changed(&["branch"], json!("else"), json!("then")),
            changed(&["result"], json!(false), json!(true)),
        ]
    );
    // The skipped "tell" ran only in a: its input is removed, not changed.
    let tell = d.steps.iter().find(|s| s.step_id == "tell").unwrap();
    assert!(tell.is_divergent());
    assert_eq!(tell.input[0].change, ChangeKind::Removed);
    assert!(!d.event.is_empty(), "two events");
    insta::assert_json_snapshot!("either_side_of_the_branch", d);
}

#[test]
fn steps_align_by_id_across_versions() {
    let runs = runs();
    let live = &runs[3];
    // v2 moved the email before the credit, dropped the tag and added an audit email.
    let mut v2 = welcome(250);
    v2.version = 2;
    v2.steps.remove(0);
    if let Step::Branch { then, .. } = &mut v2.steps[0] {
        then.swap(0, 1);
        then[0] = Step::email(
            "tell_vip",
            "team@example.com",
            "VIP {{trigger.data.object.name}}",
            "",
            &[],
        );
    }
    v2.steps
        .push(Step::email("audit", "audit@example.com", "Audit", "", &[]));
    let w = world(4, welcome(250));
    let out = replay(&v2, &w.events[3..], &w.sandbox, &[], 1);
    let replayed = out.rows[0].replayed.as_ref().expect("it ran");
    let d = run_diff(live, replayed);
    let order: Vec<(&str, bool, bool)> = d
        .steps
        .iter()
        .map(|s| (s.step_id.as_str(), s.a.is_some(), s.b.is_some()))
        .collect();
    assert_eq!(
        order,
        [
            ("tag", true, false),
            ("big", true, true),
            ("tell_vip", true, true),
            ("credit", true, true),
            ("tell", true, true),
            ("audit", false, true),
        ]
    );
    assert_eq!(d.diverges_at.as_deref(), Some("tag"));
    assert_eq!((d.a.version, d.b.version), (1, 2));
    let tell_vip = d.steps.iter().find(|s| s.step_id == "tell_vip").unwrap();
    assert_eq!(tell_vip.input.len(), 1);
    assert_eq!(tell_vip.input[0].path, path(&["subject"]));
}

#[test]
fn value_changes_table() {
    let base = runs()[3].clone();
    fn credit(run: &mut Run) -> &mut sandflow_engine::StepRecord {
        run.steps
            .iter_mut()
            .find(|s| s.step_id == "credit")
            .unwrap()
    }
    type Edit = fn(&mut sandflow_engine::StepRecord);
    let cases: Vec<(&str, Edit, Vec<ValueChange>, Vec<ValueChange>)> = vec![
        ("nothing", |_| {}, vec![], vec![]),
        (
            "a changed amount",
            |s| s.output["amount"] = json!(700),
            vec![],
            vec![changed(&["amount"], json!(500), json!(700))],
        ),
        (
            "an added key",
            |s| s.input["quantity"] = json!(2),
            vec![ValueChange {
                path: path(&["quantity"]),
                change: ChangeKind::Added,
                old: None,
                new: Some(json!(2)),
            }],
            vec![],
        ),
        (
            "a removed key",
            |s| {
                s.input.as_object_mut().unwrap().remove("currency");
            },
            vec![ValueChange {
                path: path(&["currency"]),
                change: ChangeKind::Removed,
                old: Some(json!("usd")),
                new: None,
            }],
            vec![],
        ),
        (
            "a nested key",
            |s| s.output["metadata"] = json!({"source": "replay"}),
            vec![],
            vec![ValueChange {
                path: path(&["metadata", "source"]),
                change: ChangeKind::Added,
                old: None,
                new: Some(json!("replay")),
            }],
        ),
        (
            "a null and an absent key are the same",
            |s| s.output["nothing_here"] = json!(null),
            vec![],
            vec![],
        ),
    ];
    for (name, edit, input, output) in cases {
        let mut b = base.clone();
        edit(credit(&mut b));
        let d = run_diff(&base, &b);
        let step = d.steps.iter().find(|s| s.step_id == "credit").unwrap();
        assert_eq!((&step.input, &step.output), (&input, &output), "{name}");
        assert_eq!(d.diverges_at, None, "{name}");
        assert_eq!(
            step.is_unchanged(),
            input.is_empty() && output.is_empty(),
            "{name}"
        );
    }
}

#[test]
fn a_failed_step_shows_its_error_and_the_run_its_failure() {
    let runs = runs();
    let a = runs[3].clone();
    let mut b = a.clone();
    b.status = RunStatus::Failed;
    for s in &mut b.steps {
        match s.step_id.as_str() {
            "credit" => {
                s.status = StepStatus::Failed;
                s.output = json!(null);
                s.error = Some("No such customer: 'cus_x'".into());
            }
            "tell_vip" => {
                s.status = StepStatus::Skipped;
                s.input = json!(null);
                s.output = json!(null);
            }
            _ => {}
        }
    }
    let d = run_diff(&a, &b);
    assert_eq!(d.diverges_at.as_deref(), Some("credit"));
    assert_eq!(
        (d.a.status, d.b.status),
        (RunStatus::Succeeded, RunStatus::Failed)
    );
    let credit = d.steps.iter().find(|s| s.step_id == "credit").unwrap();
    assert_eq!(
        credit.error,
        Some(ErrorChange {
            old: None,
            new: Some("No such customer: 'cus_x'".into())
        })
    );
    assert_eq!(credit.output.len(), 1);
    assert_eq!(credit.output[0].change, ChangeKind::Removed);
    assert_eq!(d.b.path, ["tag", "big", "credit"]);
}
