//! Replay (what-if): a definition run over past events against a copy of the account,
//! each row judged against the live run; the rule that forgives generated ids and times.

#[path = "replay_scenario/mod.rs"]
mod scenario;

use proptest::prelude::*;
use sandflow_engine::{
    judge, replay, Condition, Difference, Key, Op, Part, Replayer, Run, Step, Trigger, ValueKind,
    Verdict,
};
use scenario::{balance_over, welcome, world, World};
use serde_json::{json, Value};

/// The whole account as JSON text, to see that nothing changed.
fn snapshot(w: &World) -> String {
    serde_json::to_string(&w.sandbox).expect("an account serializes")
}

fn verdicts(w: &World, definition: &sandflow_engine::Workflow) -> Vec<Verdict> {
    replay(definition, &w.events, &w.sandbox, &w.runs, 1)
        .rows
        .iter()
        .map(|r| r.verdict)
        .collect()
}

fn at(step: &str, part: Part, path: &[&str]) -> Option<Difference> {
    Some(Difference {
        step_id: Some(step.into()),
        part,
        path: path.iter().map(|k| Key::Field((*k).into())).collect(),
    })
}

#[test]
fn the_live_definition_replays_the_same_despite_new_ids_and_a_later_clock() {
    let w = world(8, welcome(450));
    let out = replay(&w.live, &w.events, &w.sandbox, &w.runs, 1);
    assert_eq!(out.rows.len(), 8);
    for row in &out.rows {
        assert_eq!(row.verdict, Verdict::Same, "{row:#?}");
    }
    // The credits really are new objects at another time: only the rule made them match.
    let live = &w.runs[7];
    let replayed = out.rows[7].replayed.as_ref().expect("it ran");
    let (a, b) = (
        &live.step("credit").unwrap().output,
        &replayed.step("credit").unwrap().output,
    );
    assert_ne!(a["id"], b["id"]);
    assert_ne!(a["date"], b["date"]);
    assert_eq!(out.summary.to_string(), "8 same");
}

#[test]
fn a_new_threshold_changes_the_path_of_the_customers_between_the_two() {
    let w = world(10, welcome(450));
    // Balances 0..900: over 450 live (5..9), over 650 in the draft (7..9).
    let out = replay(&welcome(650), &w.events, &w.sandbox, &w.runs, 1);
    let expected: Vec<Verdict> = (0..10)
        .map(|i| {
            if (5..7).contains(&i) {
                Verdict::DifferentPath
            } else {
                Verdict::Same
            }
        })
        .collect();
    assert_eq!(
        out.rows.iter().map(|r| r.verdict).collect::<Vec<_>>(),
        expected
    );
    assert_eq!(out.rows[5].difference, at("big", Part::Branch, &[]));
    assert_eq!(out.summary.to_string(), "8 same, 2 different path");
    insta::assert_json_snapshot!(
        "threshold_rows",
        out.rows
            .iter()
            .map(|r| json!({
                "event": r.event_type,
                "live": r.live.as_ref().map(|l| l.status),
                "replayed": r.replayed.as_ref().map(|x| x.status),
                "verdict": r.verdict,
                "difference": r.difference,
            }))
            .collect::<Vec<_>>()
    );
}

#[test]
fn verdicts_for_each_kind_of_edit() {
    let w = world(6, welcome(250));
    let with = |edit: &dyn Fn(&mut sandflow_engine::Workflow)| {
        let mut d = welcome(250);
        d.status = sandflow_engine::Status::Inactive; // a draft
        d.version = 1;
        edit(&mut d);
        d
    };
    use Verdict::*;
    let cases: Vec<(&str, sandflow_engine::Workflow, Vec<Verdict>)> = vec![
        ("an unchanged draft", with(&|_| {}), vec![Same; 6]),
        (
            "the regular email's subject",
            with(&|d| {
                if let Step::Branch { otherwise, .. } = &mut d.steps[1] {
                    otherwise[0] = Step::email(
                        "tell",
                        "team@example.com",
                        "Hello {{trigger.data.object.name}}",
                        "",
                        &[],
                    );
                }
            }),
            vec![
                DifferentOutput,
                DifferentOutput,
                DifferentOutput,
                Same,
                Same,
                Same,
            ],
        ),
        (
            "the credit's amount",
            with(&|d| {
                if let Step::Branch { then, .. } = &mut d.steps[1] {
                    then[0] = Step::action(
                        "credit",
                        "invoiceitems.create",
                        json!({"customer": "{{trigger.data.object.id}}", "amount": 700, "currency": "usd"}),
                    );
                }
            }),
            vec![
                Same,
                Same,
                Same,
                DifferentOutput,
                DifferentOutput,
                DifferentOutput,
            ],
        ),
        (
            "a trigger condition: balance over 150",
            with(&|d| {
                d.trigger = Some(Trigger {
                    event_type: "customer.created".into(),
                    condition: Some(balance_over(150)),
                });
            }),
            vec![NoLongerRuns, NoLongerRuns, Same, Same, Same, Same],
        ),
        (
            "another trigger",
            with(&|d| {
                d.trigger = Some(Trigger {
                    event_type: "customer.deleted".into(),
                    condition: None,
                });
            }),
            vec![NoLongerRuns; 6],
        ),
        (
            "a step removed",
            with(&|d| {
                d.steps.remove(0);
            }),
            vec![DifferentPath; 6],
        ),
        (
            "a failing step (no customer)",
            with(&|d| {
                d.steps[0] = Step::action(
                    "tag",
                    "customers.update",
                    json!({"customer": "cus_missing12345X", "metadata": {"welcomed": "yes"}}),
                );
            }),
            vec![DifferentPath; 6],
        ),
        (
            "a branch condition that still takes the same sides",
            with(&|d| {
                if let Step::Branch { condition, .. } = &mut d.steps[1] {
                    *condition = Condition::compare(
                        "trigger.data.object.balance",
                        Op::GreaterThanOrEqual,
                        ValueKind::Number,
                        json!(300),
                    )
                    .unwrap();
                }
            }),
            vec![Same; 6],
        ),
    ];
    for (name, definition, expected) in cases {
        assert_eq!(verdicts(&w, &definition), expected, "{name}");
    }
}

#[test]
fn a_draft_runs_where_the_live_version_did_not() {
    let mut live = welcome(250);
    live.trigger = Some(Trigger {
        event_type: "customer.created".into(),
        condition: Some(balance_over(350)),
    });
    let w = world(6, live);
    assert_eq!(
        verdicts(&w, &welcome(250)),
        [
            Verdict::NowRuns,
            Verdict::NowRuns,
            Verdict::NowRuns,
            Verdict::NowRuns,
            Verdict::Same,
            Verdict::Same
        ]
    );
    let out = replay(&welcome(250), &w.events, &w.sandbox, &w.runs, 1);
    assert_eq!(out.summary.to_string(), "2 same, 4 now run");
    assert!(out.rows[0].live.is_none());
}

#[test]
fn nothing_outside_the_copy_changes() {
    let w = world(6, welcome(250));
    let before = snapshot(&w);
    let runs_before = w.runs.clone();
    let mut draft = welcome(0);
    draft.status = sandflow_engine::Status::Inactive;
    let out = replay(&draft, &w.events, &w.sandbox, &w.runs, 1);
    assert!(out.rows.iter().all(|r| r.replayed.is_some()));
    assert_eq!(snapshot(&w), before, "the account is untouched");
    assert_eq!(w.runs, runs_before);
    // The replayed runs carry the definition as given (a draft stays inactive).
    assert_eq!(
        out.rows[0].replayed.as_ref().unwrap().workflow.status,
        sandflow_engine::Status::Inactive
    );
}

#[test]
fn the_copy_carries_effects_from_one_event_to_the_next() {
    // Balances 0, 100, 200 and 300: only the last customer gets a credit.
    let w = world(4, welcome(250));
    let mut replayer = Replayer::new(&w.live, &w.sandbox, 1);
    let start = replayer.account().count_objects("invoiceitem");
    let mut seen = Vec::new();
    for event in &w.events {
        replayer.replay_event(event, None);
        seen.push(replayer.account().count_objects("invoiceitem") - start);
    }
    assert_eq!(seen, [0, 0, 0, 1]);
    assert_eq!(w.sandbox.count_objects("invoiceitem"), start);
}

#[test]
fn the_same_inputs_give_the_same_replay() {
    let w = world(6, welcome(250));
    let a = replay(&welcome(150), &w.events, &w.sandbox, &w.runs, 9);
    let b = replay(&welcome(150), &w.events, &w.sandbox, &w.runs, 9);
    assert_eq!(a, b);
    assert_eq!(
        serde_json::to_string(&a).unwrap(),
        serde_json::to_string(&b).unwrap()
    );
}

#[test]
fn cascades_of_the_definition_run_inside_the_copy_and_are_reported() {
    let w = world(2, welcome(250));
    // Each new customer refers a friend, who gets a customer of their own in turn...
    let mut draft = welcome(250);
    draft.steps.push(Step::action(
        "refer",
        "customers.create",
        json!({"name": "Friend of {{trigger.data.object.name}}"}),
    ));
    let before = w.sandbox.count_objects("customer");
    let out = replay(&draft, &w.events, &w.sandbox, &w.runs, 1);
    for row in &out.rows {
        assert_eq!(row.verdict, Verdict::DifferentPath);
        assert_eq!(row.difference, at("refer", Part::Status, &[]));
        // ... until the cascade budget stops the chain (depths 1 to 6, the last stopped).
        assert_eq!(row.cascade.len(), 6, "{}", row.event_id);
        assert!(row.cascade.last().unwrap().failure.is_some());
    }
    assert_eq!(w.sandbox.count_objects("customer"), before);
}

#[test]
fn repeated_events_are_replayed_once() {
    let w = world(3, welcome(250));
    let mut events = w.events.clone();
    events.push(w.events[0].clone());
    let out = replay(&w.live, &events, &w.sandbox, &w.runs, 1);
    assert_eq!((out.rows.len(), out.duplicates), (3, 1));
}

#[test]
fn summary_words() {
    use sandflow_engine::ReplaySummary;
    let s = |same, dp, dout, now, no| ReplaySummary {
        same,
        different_path: dp,
        different_output: dout,
        now_runs: now,
        no_longer_runs: no,
    };
    for (summary, words) in [
        (
            s(87, 9, 0, 0, 4),
            "87 same, 9 different path, 4 no longer run",
        ),
        (
            s(0, 0, 2, 1, 1),
            "2 different output, 1 now runs, 1 no longer runs",
        ),
        (s(0, 0, 0, 0, 0), "nothing replayed"),
    ] {
        assert_eq!(summary.to_string(), words);
    }
}

// The "same output" rule, on a live run and a hand-edited copy of it.

/// A live run with a credit (a generated invoice item) and its email.
fn credited_run() -> Run {
    let w = world(4, welcome(250));
    w.runs
        .into_iter()
        .find(|r| r.step("credit").is_some_and(|s| s.output.is_object()))
        .expect("a run that gave a credit")
}

/// Applies `edit` to every string of the run's step inputs, outputs and errors.
fn map_strings(run: &mut Run, edit: &dyn Fn(&str) -> String) {
    fn walk(v: &mut Value, edit: &dyn Fn(&str) -> String) {
        match v {
            Value::String(s) => *s = edit(s),
            Value::Array(items) => items.iter_mut().for_each(|v| walk(v, edit)),
            Value::Object(map) => map.values_mut().for_each(|v| walk(v, edit)),
            _ => {}
        }
    }
    for step in &mut run.steps {
        walk(&mut step.input, edit);
        walk(&mut step.output, edit);
        if let Some(e) = &mut step.error {
            *e = edit(e);
        }
    }
}

/// Adds `by` to every time-named integer of the outputs.
fn shift_times(run: &mut Run, by: i64) {
    fn walk(v: &mut Value, key: &str, by: i64) {
        match v {
            Value::Number(n) if ["created", "date"].contains(&key) => {
                *v = json!(n.as_i64().unwrap() + by)
            }
            Value::Array(items) => items.iter_mut().for_each(|v| walk(v, key, by)),
            Value::Object(map) => map.iter_mut().for_each(|(k, v)| walk(v, k, by)),
            _ => {}
        }
    }
    for step in &mut run.steps {
        walk(&mut step.output, "", by);
    }
}

#[test]
fn the_same_output_rule() {
    let live = credited_run();
    let item = live.step("credit").unwrap().output["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let customer = live.event.object()["id"].as_str().unwrap().to_owned();
    let other_item = "ii_1ZZZZZZZZZZZZZZZZZZZZZZZ";
    type Edit = Box<dyn Fn(&mut Run)>;
    let rename = |from: String, to: &'static str| -> Edit {
        Box::new(move |r: &mut Run| map_strings(r, &|s| s.replace(&from, to)))
    };
    let cases: Vec<(&str, Edit, Verdict, Option<Difference>)> = vec![
        ("unchanged", Box::new(|_| {}), Verdict::Same, None),
        (
            "a generated id renamed everywhere, in texts too",
            rename(item.clone(), other_item),
            Verdict::Same,
            None,
        ),
        (
            "the trigger's customer renamed: a pinned id only matches itself",
            rename(customer.clone(), "cus_1ZZZZZZZZZZZZZ"),
            Verdict::DifferentOutput,
            at("tag", Part::Input, &["customer"]),
        ),
        (
            "a generated id renamed in the response only: the email names another",
            Box::new(move |r: &mut Run| {
                let step = r.steps.iter_mut().find(|s| s.step_id == "credit").unwrap();
                step.output["id"] = json!(other_item);
            }),
            Verdict::DifferentOutput,
            at("tell_vip", Part::Input, &["subject"]),
        ),
        (
            "an id's prefix changed",
            rename(item.clone(), "re_1ZZZZZZZZZZZZZZZZZZZZZZZ"),
            Verdict::DifferentOutput,
            at("credit", Part::Output, &["id"]),
        ),
        (
            "times shifted with the run's start",
            Box::new(|r: &mut Run| {
                r.started += 3_600;
                shift_times(r, 3_600);
            }),
            Verdict::Same,
            None,
        ),
        (
            "times shifted without the run's start: only those of existing objects match",
            Box::new(|r: &mut Run| shift_times(r, 3_600)),
            Verdict::DifferentOutput,
            at("tag", Part::Output, &["created"]),
        ),
        (
            "an amount",
            Box::new(|r: &mut Run| {
                let step = r.steps.iter_mut().find(|s| s.step_id == "credit").unwrap();
                step.output["amount"] = json!(501);
            }),
            Verdict::DifferentOutput,
            at("credit", Part::Output, &["amount"]),
        ),
        (
            "a key only one side has",
            Box::new(|r: &mut Run| {
                let step = r.steps.iter_mut().find(|s| s.step_id == "credit").unwrap();
                step.input["quantity"] = json!(2);
            }),
            Verdict::DifferentOutput,
            at("credit", Part::Input, &["quantity"]),
        ),
        (
            "the other side of the branch",
            Box::new(|r: &mut Run| {
                for s in &mut r.steps {
                    s.status = match s.step_id.as_str() {
                        "credit" | "tell_vip" => sandflow_engine::StepStatus::Skipped,
                        "tell" => sandflow_engine::StepStatus::Succeeded,
                        _ => s.status,
                    };
                    if s.step_id == "big" {
                        s.branch = Some(sandflow_engine::Arm::Else);
                    }
                }
            }),
            Verdict::DifferentPath,
            at("big", Part::Branch, &[]),
        ),
        (
            "a step failed",
            Box::new(|r: &mut Run| {
                let step = r
                    .steps
                    .iter_mut()
                    .find(|s| s.step_id == "tell_vip")
                    .unwrap();
                step.status = sandflow_engine::StepStatus::Failed;
            }),
            Verdict::DifferentPath,
            at("tell_vip", Part::Status, &[]),
        ),
        (
            "the run's status",
            Box::new(|r: &mut Run| r.status = sandflow_engine::RunStatus::Failed),
            Verdict::DifferentPath,
            Some(Difference {
                step_id: None,
                part: Part::Status,
                path: vec![],
            }),
        ),
        (
            "step times, durations, run and request ids",
            Box::new(|r: &mut Run| {
                r.id = "wfrun_other".into();
                for s in &mut r.steps {
                    s.started += 99;
                    s.ended += 99;
                    s.duration_ms = Some(1.5);
                    s.request_id = Some("req_1ZZZZZZZZZZZZZ".into());
                }
            }),
            Verdict::Same,
            None,
        ),
    ];
    for (name, edit, verdict, difference) in cases {
        let mut replayed = live.clone();
        edit(&mut replayed);
        assert_eq!(
            judge(Some(&live), Some(&replayed)),
            (verdict, difference),
            "{name}"
        );
    }
    assert_eq!(judge(None, None), (Verdict::Same, None));
    assert_eq!(judge(None, Some(&live)).0, Verdict::NowRuns);
    assert_eq!(judge(Some(&live), None).0, Verdict::NoLongerRuns);
}

#[test]
fn two_live_ids_cannot_stand_for_one_replayed_id() {
    let live = credited_run();
    let item = live.step("credit").unwrap().output["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let mut replayed = live.clone();
    // The email now names the customer's id where the live one named the credit: the
    // credit's id is taken, so it cannot also be the customer's.
    let customer = live.event.object()["id"].as_str().unwrap().to_owned();
    let step = replayed
        .steps
        .iter_mut()
        .find(|s| s.step_id == "tell_vip")
        .unwrap();
    let subject = step.input["subject"]
        .as_str()
        .unwrap()
        .replace(&item, &customer.replace("cus_", "ii_"));
    step.input["subject"] = json!(subject);
    assert_eq!(
        judge(Some(&live), Some(&replayed)).0,
        Verdict::DifferentOutput
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, failure_persistence: None, ..ProptestConfig::default() })]

    /// Renaming every generated id one-to-one and moving the clock never changes "same";
    /// changing any amount always does.
    #[test]
    fn renamed_ids_and_moved_clocks_stay_the_same(tail in "[A-Z0-9]{24}", by in -100_000i64..100_000, amount in 1i64..10_000) {
        let live = credited_run();
        let item = live.step("credit").unwrap().output["id"].as_str().unwrap().to_owned();
        let renamed = format!("ii_{tail}");
        let mut replayed = live.clone();
        map_strings(&mut replayed, &|s| s.replace(&item, &renamed));
        replayed.started += by;
        shift_times(&mut replayed, by);
        // Times of objects that existed before the run (the customer) do not move.
        let tag = replayed.steps.iter_mut().find(|s| s.step_id == "tag").unwrap();
        tag.output = live.step("tag").unwrap().output.clone();
        prop_assert_eq!(judge(Some(&live), Some(&replayed)), (Verdict::Same, None));
        let credit = replayed.steps.iter_mut().find(|s| s.step_id == "credit").unwrap();
        let old = credit.output["amount"].as_i64().unwrap();
        credit.output["amount"] = json!(old + amount);
        prop_assert_eq!(judge(Some(&live), Some(&replayed)).0, Verdict::DifferentOutput);
    }
}

#[test]
fn fields_the_account_already_held_are_not_the_replays_doing() {
    // The 12-step version tags each customer three times: when the first tag's response is
    // replayed, the customer already carries the later tags from the live run.
    let w = world(6, scenario::welcome_twelve(250));
    let out = replay(&w.live, &w.events, &w.sandbox, &w.runs, 1);
    for row in &out.rows {
        assert_eq!(row.verdict, Verdict::Same, "{:?}", row.difference);
    }
    let replayed = out.rows[0].replayed.as_ref();
    assert_eq!(
        judge(Some(&w.runs[0]), replayed),
        (
            Verdict::DifferentOutput,
            at("tag", Part::Output, &["metadata", "tier"])
        ),
        "without the copy, the later tag shows"
    );
    // A draft that tags differently is still told apart, by its request.
    let mut draft = scenario::welcome_twelve(250);
    draft.steps[2] = Step::action(
        "note",
        "customers.update",
        json!({"customer": "{{trigger.data.object.id}}", "metadata": {"welcomed_by": "the team"}}),
    );
    let out = replay(&draft, &w.events, &w.sandbox, &w.runs, 1);
    assert_eq!(
        out.rows[0].difference,
        at("note", Part::Input, &["metadata", "welcomed_by"])
    );
}

#[test]
fn a_time_range_picks_the_trigger_events_in_it_oldest_first_and_is_bounded() {
    use sandflow_engine::{Event, RangeError, TimeRange};
    let w = world(1, welcome(450));
    let at = |i: i64, kind: &str| {
        let mut e = w.events[0].clone();
        e.id = format!("evt_{i}");
        e.created = 1_000 + i * 100;
        e.kind = kind.into();
        e
    };
    let events: Vec<Event> = (0..6).map(|i| at(i, "customer.created")).collect();
    let range = TimeRange::new(1_100, 1_300).unwrap();
    // Newest first, with a duplicate and an event of another type: still the three.
    let mut mixed: Vec<&Event> = events.iter().rev().collect();
    mixed.push(&events[2]);
    let other = at(2, "customer.updated");
    mixed.push(&other);
    let picked = range.pick("customer.created", mixed).unwrap();
    let ids: Vec<&str> = picked.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, ["evt_1", "evt_2", "evt_3"]);
    assert!(range.pick("customer.deleted", &events).unwrap().is_empty());
    assert_eq!(TimeRange::new(10, 9), Err(RangeError::Backwards));
    let many: Vec<Event> = (0..10_001).map(|i| at(i, "customer.created")).collect();
    let all = TimeRange::new(0, i64::MAX).unwrap();
    assert_eq!(
        all.pick("customer.created", &many),
        Err(RangeError::TooMany { limit: 10_000 })
    );
    assert_eq!(
        all.pick("customer.created", &many[..10_000]).unwrap().len(),
        10_000
    );
}
