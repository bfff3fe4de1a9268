//! Versions: a workflow's draft never runs; Publish makes the next version live; the first
//! activation publishes v1; Discard and Restore change only the draft; runs say which
//! version they ran.

mod common;

use common::{event, FakeAccount, TestCatalog};
use sandflow_engine::limits::MAX_NOTE_CHARS;
use sandflow_engine::{
    dispatch, Dispatcher, Ids, Issue, Step, Trigger, Version, Workflow, Workflows, WorkflowsError,
};
use serde_json::json;

const ID: &str = "wf_1";

fn emailing(subject: &str) -> Workflow {
    Workflow {
        trigger: Some(Trigger {
            event_type: "customer.created".into(),
            condition: None,
        }),
        steps: vec![Step::email("s1", "team@example.com", subject, "", &[])],
        ..Workflow::new(ID, 0)
    }
}

/// A workflow published as v1 and active, emailing "one".
fn live_v1() -> (Workflows, Version) {
    let mut set = Workflows::new();
    set.save(emailing("one"), &TestCatalog, 1).unwrap();
    let activation = set.activate(ID, &TestCatalog, 2).unwrap();
    let v1 = activation
        .published
        .expect("the first activation publishes");
    (set, v1)
}

fn subject(workflow: &Workflow) -> String {
    match &workflow.steps[0] {
        Step::Email { subject, .. } => subject.clone(),
        other => panic!("not an email: {other:?}"),
    }
}

/// The subject of the email the live workflows send for a new customer, and the version
/// the run says it ran.
fn what_runs(set: &Workflows) -> Vec<(String, u32)> {
    let mut account = FakeAccount::new();
    let mut dispatcher = Dispatcher::new(3);
    let done = dispatch(
        set.as_slice(),
        &event(
            "evt_1",
            "customer.created",
            json!({"id": "cus_1", "object": "customer"}),
        ),
        &mut account,
        &mut dispatcher,
    );
    done.runs
        .iter()
        .map(|run| {
            let email = run.steps[0].email.as_ref().expect("an email");
            (email.subject.clone(), run.workflow.version)
        })
        .collect()
}

#[test]
fn a_new_workflow_is_edited_in_place_until_its_first_activation_publishes_v1() {
    let mut set = Workflows::new();
    let mut ids = Ids::new(1);
    let id = set.create(&mut ids, 0).unwrap().id.clone();
    assert_eq!(set.get(&id).unwrap().version, 0);
    assert!(set.has_unpublished(&id));
    let mut draft = emailing("one");
    draft.id = id.clone();
    set.save(draft, &TestCatalog, 1).unwrap();
    assert_eq!(
        set.draft(&id),
        None,
        "no separate draft before the first publish"
    );
    assert_eq!(subject(set.editing(&id).unwrap()), "one");

    let activation = set.activate(&id, &TestCatalog, 2).unwrap();
    let v1 = activation.published.expect("published on the way");
    assert_eq!((v1.number, v1.published, v1.note.as_str()), (1, 2, ""));
    assert!(v1.definition.is_active());
    let live = set.get(&id).unwrap();
    assert_eq!((live.version, live.is_active()), (1, true));
    assert_eq!(&v1.definition, live);
    assert!(!set.has_unpublished(&id));

    // Activating again publishes nothing.
    set.deactivate(&id, 3).unwrap();
    assert_eq!(set.activate(&id, &TestCatalog, 4).unwrap().published, None);
}

#[test]
fn a_saved_draft_never_runs_and_publishing_makes_it_the_next_live_version() {
    let (mut set, _) = live_v1();
    set.save(emailing("two"), &TestCatalog, 3).unwrap();
    assert_eq!(subject(set.draft(ID).unwrap()), "two");
    assert_eq!(
        subject(set.get(ID).unwrap()),
        "one",
        "the live version is unchanged"
    );
    assert_eq!(what_runs(&set), vec![("one".to_owned(), 1)]);

    let v2 = set.publish(ID, "  Say two  ", &TestCatalog, 4).unwrap();
    assert_eq!(
        (v2.number, v2.published, v2.note.as_str()),
        (2, 4, "Say two")
    );
    assert_eq!(set.draft(ID), None);
    let live = set.get(ID).unwrap();
    assert_eq!((live.version, live.is_active()), (2, true), "still active");
    assert_eq!(&v2.definition, live);
    assert_eq!(what_runs(&set), vec![("two".to_owned(), 2)]);
}

#[test]
fn publishing_refuses_nothing_to_publish_errors_and_long_notes_and_changes_nothing() {
    let (mut set, _) = live_v1();
    assert_eq!(
        set.publish(ID, "", &TestCatalog, 3).unwrap_err(),
        WorkflowsError::NothingToPublish
    );
    let mut broken = emailing("two");
    broken.trigger = None;
    set.save(broken, &TestCatalog, 3)
        .expect("a draft may have errors");
    let before = set.clone();
    let WorkflowsError::Invalid { problems } = set.publish(ID, "", &TestCatalog, 4).unwrap_err()
    else {
        panic!("refused for its errors")
    };
    assert_eq!(problems[0].issue, Issue::NoTrigger);
    assert_eq!(set, before);

    set.save(emailing("two"), &TestCatalog, 5).unwrap();
    let long = "x".repeat(MAX_NOTE_CHARS + 1);
    assert_eq!(
        set.publish(ID, &long, &TestCatalog, 6).unwrap_err(),
        WorkflowsError::NoteTooLong {
            limit: MAX_NOTE_CHARS
        }
    );
    assert_eq!(set.get(ID).unwrap().version, 1);
    assert!(set
        .publish(ID, &"x".repeat(MAX_NOTE_CHARS), &TestCatalog, 6)
        .is_ok());
}

#[test]
fn an_inactive_workflow_is_published_without_being_activated() {
    let mut set = Workflows::new();
    set.save(emailing("one"), &TestCatalog, 1).unwrap();
    let v1 = set.publish(ID, "", &TestCatalog, 2).unwrap();
    assert_eq!(v1.number, 1);
    assert!(!set.get(ID).unwrap().is_active());
    assert!(what_runs(&set).is_empty());
}

#[test]
fn discard_throws_the_draft_away_and_restore_starts_one_from_an_old_version() {
    let (mut set, v1) = live_v1();
    set.save(emailing("two"), &TestCatalog, 3).unwrap();
    set.discard_draft(ID).unwrap();
    assert_eq!(set.draft(ID), None);
    assert_eq!(subject(set.editing(ID).unwrap()), "one");

    set.save(emailing("two"), &TestCatalog, 4).unwrap();
    let v2 = set.publish(ID, "", &TestCatalog, 5).unwrap();
    assert_eq!(v2.number, 2);

    set.restore(&v1, 6).unwrap();
    let draft = set.draft(ID).expect("a draft from v1");
    assert_eq!(subject(draft), "one");
    assert_eq!(
        draft.version, 2,
        "a draft says which live version it replaces"
    );
    assert_eq!(
        what_runs(&set),
        vec![("two".to_owned(), 2)],
        "v2 still runs"
    );
    let v3 = set
        .publish(ID, "restored from v1", &TestCatalog, 7)
        .unwrap();
    assert_eq!((v3.number, subject(&v3.definition)), (3, "one".to_owned()));
    assert_eq!(v1.number, 1, "history is not rewritten");

    let mut other = v1.clone();
    other.workflow_id = "wf_2".into();
    assert!(matches!(
        set.restore(&other, 8).unwrap_err(),
        WorkflowsError::NotFound { .. }
    ));
    other.workflow_id = ID.into();
    other.definition.id = "wf_2".into();
    assert_eq!(
        set.restore(&other, 8).unwrap_err(),
        WorkflowsError::OtherWorkflow
    );
}

#[test]
fn the_name_is_not_versioned_and_deleting_removes_the_draft() {
    let (mut set, _) = live_v1();
    let mut renamed = emailing("two");
    renamed.name = "Greeter".into();
    set.save(renamed, &TestCatalog, 3).unwrap();
    assert_eq!(set.get(ID).unwrap().name, "Greeter");
    set.rename(ID, "Welcomer", 4).unwrap();
    assert_eq!(set.draft(ID).unwrap().name, "Welcomer");
    set.delete(ID).unwrap();
    assert_eq!(set.draft(ID), None);
    assert!(set.is_empty());
}

#[test]
fn stored_definitions_without_a_version_read_as_v1_and_orphan_drafts_are_dropped() {
    let mut old = serde_json::to_value(emailing("one")).unwrap();
    old.as_object_mut().unwrap().remove("version");
    let read: Workflow = serde_json::from_value(old).unwrap();
    assert_eq!(read.version, 1);
    assert_eq!(Version::of(&read, 9, "").map(|v| v.number), Some(1));
    assert_eq!(
        Version::of(&emailing("x"), 9, ""),
        None,
        "version 0 is not a version"
    );
    assert_eq!(Version::label(12), "v12");

    let mut orphan = emailing("two");
    orphan.id = "wf_gone".into();
    let mut own = emailing("three");
    own.version = 1;
    let set = Workflows::from_stored(vec![read], vec![orphan, own]);
    assert_eq!(set.draft("wf_gone"), None);
    assert_eq!(subject(set.draft(ID).unwrap()), "three");
}

#[test]
fn an_export_with_history_imports_with_it_and_follows_a_new_id() {
    use sandflow_engine::{export_with_history, import_with_history, ImportProblem};
    let (mut set, v1) = live_v1();
    set.save(emailing("two"), &TestCatalog, 3).unwrap();
    let v2 = set.publish(ID, "two", &TestCatalog, 4).unwrap();
    set.save(emailing("three"), &TestCatalog, 5).unwrap();
    let live = set.get(ID).unwrap().clone();
    let draft = set.draft(ID).unwrap().clone();
    let text = export_with_history(
        std::slice::from_ref(&live),
        &[v1.clone(), v2.clone()],
        std::slice::from_ref(&draft),
        &[],
    );

    // Into an empty account: everything as it was.
    let imported = import_with_history(&text, &[], &TestCatalog, &mut Ids::new(9)).unwrap();
    assert_eq!(imported.workflows, vec![live.clone()]);
    assert_eq!(imported.versions, vec![v1.clone(), v2.clone()]);
    assert_eq!(imported.drafts, vec![draft.clone()]);

    // Next to a workflow with the same id: the workflow, its versions and its draft move to
    // a new id together.
    let imported = import_with_history(
        &text,
        std::slice::from_ref(&live),
        &TestCatalog,
        &mut Ids::new(9),
    )
    .unwrap();
    let new_id = imported.workflows[0].id.clone();
    assert_ne!(new_id, ID);
    assert!(imported
        .versions
        .iter()
        .all(|v| v.workflow_id == new_id && v.definition.id == new_id));
    assert_eq!(imported.drafts[0].id, new_id);

    // A version that does not fit its workflow is refused, with the reason.
    let mut wrong = v2.clone();
    wrong.number = 7;
    wrong.definition.version = 7;
    let text = export_with_history(std::slice::from_ref(&live), &[wrong], &[], &[]);
    let problems = import_with_history(&text, &[], &TestCatalog, &mut Ids::new(9)).unwrap_err();
    assert!(matches!(
        &problems[0],
        ImportProblem::BadHistory {
            what: "version",
            index: 1,
            ..
        }
    ));
    assert!(
        problems[0].to_string().contains("v7 does not fit"),
        "{}",
        problems[0]
    );

    // A file of an earlier Sandflow, without versions: its workflows read as v1.
    let old = r#"{"format_version": 1, "workflows": [{"format_version": 1, "id": "wf_old",
        "name": "Old", "status": "inactive", "trigger": {"event_type": "customer.created"},
        "steps": [{"type": "email", "id": "s1", "to": "team@example.com", "subject": "Hi"}],
        "created": 0, "updated": 0}]}"#;
    let imported = import_with_history(old, &[], &TestCatalog, &mut Ids::new(9)).unwrap();
    assert_eq!(imported.workflows[0].version, 1);
    assert!(imported.versions.is_empty() && imported.drafts.is_empty());
}

#[test]
fn workflows_written_against_the_earlier_catalog_get_stripes_parameter_names() {
    use sandflow_engine::{import, upgrade_params, SandboxCatalog};
    let step = |id: &str, action: &str, params: serde_json::Value| Step::action(id, action, params);
    let mut old = emailing("x");
    old.steps = vec![
        step(
            "s1",
            "subscriptions.create",
            json!({"customer": "cus_1", "price": "price_1", "quantity": 2}),
        ),
        step(
            "s2",
            "checkout.sessions.create",
            json!({"price": "price_1", "quantity": 1, "success_url": "https://example.com"}),
        ),
        step(
            "s3",
            "invoiceitems.create",
            json!({"customer": "cus_1", "price": "price_1"}),
        ),
        step(
            "s4",
            "promotion_codes.create",
            json!({"coupon": "{{trigger.data.object.id}}"}),
        ),
        step(
            "s5",
            "customers.update",
            json!({"customer": "cus_1", "metadata": {"price": "kept"}}),
        ),
    ];
    let mut upgraded = old.clone();
    assert!(upgrade_params(&mut upgraded));
    let params = |i: usize| match &upgraded.steps[i] {
        Step::Action { params, .. } => serde_json::Value::Object(params.clone()),
        _ => unreachable!(),
    };
    assert_eq!(
        params(0),
        json!({"customer": "cus_1", "items": [{"price": "price_1", "quantity": 2}]})
    );
    assert_eq!(
        params(1),
        json!({"line_items": [{"price": "price_1", "quantity": 1}], "success_url": "https://example.com"})
    );
    assert_eq!(
        params(2),
        json!({"customer": "cus_1", "pricing.price": "price_1"})
    );
    assert_eq!(
        params(3),
        json!({"promotion.type": "coupon", "promotion.coupon": "{{trigger.data.object.id}}"})
    );
    assert_eq!(
        params(4),
        json!({"customer": "cus_1", "metadata": {"price": "kept"}})
    );
    // Already in Stripe's form: nothing changes.
    let again = upgraded.clone();
    assert!(!upgrade_params(&mut upgraded));
    assert_eq!(upgraded, again);
    // Stored and imported workflows are upgraded as they are read.
    let set = Workflows::from_stored(vec![old.clone()], vec![]);
    assert_eq!(set.get(ID).unwrap().steps, again.steps);
    let file = sandflow_engine::export(std::slice::from_ref(&old));
    let imported = import(&file, &[], &SandboxCatalog, &mut Ids::new(3));
    let imported = imported.expect("an old file imports");
    assert_eq!(imported[0].steps, again.steps);
}

#[test]
fn saving_over_a_definition_changed_elsewhere_is_refused_and_changes_nothing() {
    let (mut set, _) = live_v1();
    // Two editors open on the live v1.
    let base = set.editing(ID).unwrap().clone();
    // The first saves a draft emailing "two".
    set.save_over(emailing("two"), &base, &TestCatalog, 3)
        .unwrap();
    let after_first = set.clone();
    // The second, still on v1, would throw "two" away: refused, nothing changed.
    assert_eq!(
        set.save_over(emailing("three"), &base, &TestCatalog, 4),
        Err(WorkflowsError::ChangedElsewhere)
    );
    assert_eq!(set, after_first);
    assert_eq!(subject(set.editing(ID).unwrap()), "two");
    // Saving what is already stored is no conflict; neither is saving over it once read.
    set.save_over(emailing("two"), &base, &TestCatalog, 5)
        .unwrap();
    let read = set.editing(ID).unwrap().clone();
    set.save_over(emailing("three"), &read, &TestCatalog, 6)
        .unwrap();
    assert_eq!(subject(set.editing(ID).unwrap()), "three");
    // Publishing or deactivating elsewhere changes status and version, not the
    // definition: an editor opened before saves without a conflict.
    let before_publish = set.editing(ID).unwrap().clone();
    set.publish(ID, "", &TestCatalog, 7).unwrap();
    set.deactivate(ID, 8).unwrap();
    set.save_over(emailing("four"), &before_publish, &TestCatalog, 9)
        .unwrap();
    assert_eq!(subject(set.editing(ID).unwrap()), "four");
    // A workflow deleted elsewhere is saved again rather than lost.
    let base = set.editing(ID).unwrap().clone();
    set.delete(ID).unwrap();
    set.save_over(emailing("five"), &base, &TestCatalog, 10)
        .unwrap();
    assert_eq!(subject(set.editing(ID).unwrap()), "five");
}
