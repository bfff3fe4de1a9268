//! The app's French catalog (`src/i18n/fr.json`, read by `src/i18n/catalog.rs`) against the
//! engine's catalogs: every id the engine has must have its French, and no French may be
//! left for an id that is gone. The app crate builds only for wasm, so the check runs here.

use std::collections::{BTreeMap, BTreeSet};

use sandflow_engine::sandbox::{self, renamed_params, ParamKind, ParamSpec, TimeEffect};
use sandflow_engine::{templates, Op, Step, ValueKind};

const FR_JSON: &str = include_str!("../../src/i18n/fr.json");

/// Ids whose wording the app holds and that no engine list enumerates: the problem codes
/// (`Issue`), what a value must be (`Expected`), template, reference, path and bounds
/// errors, hints (`Hint`) and the engine's own run errors (`StepError`).
const FIXED: &[&str] = &[
    "email_step.name",
    "where.step_param",
    "where.step",
    "where.trigger_param",
    "problem.no_trigger",
    "problem.unknown_event_type",
    "problem.no_steps",
    "problem.too_many_steps",
    "problem.duplicate_step_id",
    "problem.unknown_action",
    "problem.unknown_param",
    "problem.required_param_empty",
    "problem.bad_param_value",
    "problem.unknown_step",
    "problem.later_step",
    "problem.other_branch",
    "problem.step_in_trigger_condition",
    "problem.unknown_field",
    "problem.operator_mismatch",
    "problem.kind_mismatch",
    "problem.change_needs_update",
    "problem.change_needs_object_field",
    "problem.value_missing",
    "problem.bad_value",
    "problem.email_no_recipient",
    "problem.email_bad_recipient",
    "problem.email_no_subject",
    "problem.cycle",
    "expected.whole_number",
    "expected.percentage",
    "expected.minor_unit_amount",
    "expected.unix_date",
    "expected.true_false",
    "expected.one_of",
    "expected.key_value_pairs",
    "expected.list",
    "expected.rows",
    "expected.text",
    "expected.values",
    "expected.number",
    "expected.decimal_amount",
    "template_error.unclosed",
    "template_error.reference",
    "reference_error.empty",
    "reference_error.unknown_root",
    "reference_error.missing_step",
    "path_error.empty_segment",
    "path_error.bad_character",
    "bounds.the_value",
    "bounds.at",
    "bounds.too_deep",
    "bounds.too_big",
    "bounds.too_long",
    "bounds.path_too_deep",
    "bounds.path_too_long",
    "bounds.metadata_not_object",
    "bounds.metadata_too_many_keys",
    "bounds.metadata_key_too_long",
    "bounds.metadata_key_bracket",
    "bounds.metadata_value_too_long",
    "bounds.metadata_not_text",
    "bounds.an_object",
    "bounds.a_list",
    "bounds.name_too_long",
    "bounds.workflow_too_big",
    "hint.place_row",
    "hint.missing_object_dynamic",
    "hint.missing_object_fixed",
    "hint.empty_dynamic",
    "hint.fill_in",
    "hint.stripe_requires",
    "hint.renamed",
    "hint.no_such_param",
    "hint.wrong_type_dynamic",
    "hint.wrong_type_fixed",
    "hint.amount_too_small",
    "hint.amount_too_large.refund",
    "hint.amount_too_large.capture",
    "hint.amount_too_large.max",
    "hint.card_declined",
    "hint.authentication_required",
    "hint.no_payment_source",
    "hint.kind.integer",
    "hint.kind.percent",
    "hint.kind.money",
    "hint.kind.timestamp",
    "hint.kind.boolean",
    "hint.kind.enum",
    "hint.kind.metadata",
    "hint.kind.items",
    "hint.kind.list",
    "hint.kind.id",
    "hint.kind.string",
    "object.ID",
    "object.the_event",
    "object.an_email",
    "object.a_condition",
    "object.type",
    "run_error.unknown_action",
    "run_error.required_param_empty",
    "run_error.email_no_recipient",
    "quantifier.any",
    "quantifier.all",
    "quantifier.none",
    // The engine's refusals (src/i18n/errors.rs).
    "workflows_error.too_many_active",
    "workflows_error.too_many_workflows",
    "workflows_error.too_many_steps",
    "workflows_error.not_found",
    "workflows_error.out_of_bounds_one",
    "workflows_error.out_of_bounds_other",
    "workflows_error.invalid_one",
    "workflows_error.invalid_other",
    "workflows_error.nothing_to_publish",
    "workflows_error.note_too_long",
    "workflows_error.other_workflow",
    "workflows_error.changed_elsewhere",
    "test_error.empty_name",
    "test_error.too_many",
    "test_error.too_large",
    "test_error.bad_event",
    "test_error.no_trigger",
    "test_error.wrong_type",
    "test_error.changed_elsewhere",
    "range_error.backwards",
    "range_error.too_many",
    "rerun_error.inactive",
    "rerun_error.too_old",
    "rerun_error.other_workflow",
    "rerun_error.trigger_changed",
    "rerun_error.conditions_not_met",
    "generate_error.unknown_event_type",
    "generate_error.bad_override",
    "generate_error.scenario",
    "generate_error.no_event_types",
    "generate_error.too_many_events",
    "coverage_error.no_trigger",
    "coverage_error.too_many_events",
    "coverage_error.no_such_point",
    "import_error.too_large",
    "import_error.not_json",
    "import_error.no_events",
    "import_error.malformed",
    "import_error.unknown_type",
    "import_error.thin",
    "import_error.too_deep",
    "import_problem.too_big",
    "import_problem.malformed",
    "import_problem.not_an_export",
    "import_problem.newer_format",
    "import_problem.bad_workflow",
    "import_problem.bad_history",
    "import_problem.what_test",
    "import_problem.what_version",
    "import_problem.what_draft",
    "import_problem.invalid",
    "import_problem.too_many_workflows",
    "import_problem.too_many_active",
    "edit_error.step_not_found",
    "edit_error.not_a_branch",
    "edit_error.out_of_range",
    "edit_error.too_many_steps",
    "edit_error.at_top",
    "edit_error.at_bottom",
    "edit_error.duplicate_id",
    "condition_edit_error.not_found",
    "condition_edit_error.not_a_group",
    "condition_edit_error.not_a_compare",
    "condition_edit_error.top_group",
    // The engine's sentences: conditions, field names, version diffs (src/i18n/words.rs).
    "diff.action_changed",
    "diff.clause_added",
    "diff.clause_at",
    "diff.clause_changed",
    "diff.clause_in_not",
    "diff.clause_removed",
    "diff.condition",
    "diff.email_body",
    "diff.email_changed",
    "diff.email_subject",
    "diff.email_to",
    "diff.group_all",
    "diff.group_any",
    "diff.group_not",
    "diff.grouped",
    "diff.param_changed",
    "diff.param_removed",
    "diff.param_set",
    "diff.param_unchanged",
    "diff.place_else",
    "diff.place_then",
    "diff.place_top",
    "diff.regrouped",
    "diff.renamed",
    "diff.replaced",
    "diff.row_added",
    "diff.row_changed",
    "diff.row_removed",
    "diff.row_unchanged",
    "diff.step_action",
    "diff.step_added",
    "diff.step_branch",
    "diff.step_changed",
    "diff.step_email",
    "diff.step_moved",
    "diff.step_removed",
    "diff.steps_replaced",
    "diff.summary.added.first_many",
    "diff.summary.added.first_one",
    "diff.summary.added.many",
    "diff.summary.added.one",
    "diff.summary.changed.first_many",
    "diff.summary.changed.first_one",
    "diff.summary.changed.many",
    "diff.summary.changed.one",
    "diff.summary.moved.first_many",
    "diff.summary.moved.first_one",
    "diff.summary.moved.many",
    "diff.summary.moved.one",
    "diff.summary.none",
    "diff.summary.removed.first_many",
    "diff.summary.removed.first_one",
    "diff.summary.removed.many",
    "diff.summary.removed.one",
    "diff.summary.renamed",
    "diff.summary.steps_replaced",
    "diff.summary.trigger",
    "diff.summary.trigger_clauses_many",
    "diff.summary.trigger_clauses_one",
    "diff.trigger_added",
    "diff.trigger_changed",
    "diff.trigger_condition",
    "diff.trigger_removed",
    "diff.trigger_unchanged",
    "diff.ungrouped",
    "diff.whole_condition",
    "field_id",
    "field_nested",
    "words.always",
    "words.and",
    "words.condition",
    "words.false",
    "words.items_of",
    "words.never",
    "words.not",
    "words.or",
    "words.trigger",
    "words.true",
];

fn id_of<T: serde::Serialize>(value: T) -> String {
    serde_json::to_value(value)
        .unwrap()
        .as_str()
        .unwrap()
        .to_owned()
}

fn params(action: &str, prefix: &str, specs: &[ParamSpec], keys: &mut BTreeSet<String>) {
    for p in specs {
        keys.insert(format!("param.{}", p.name));
        keys.insert(format!("param_description.{action}/{prefix}{}", p.name));
        if let ParamKind::Items(fields) = p.kind {
            params(action, &format!("{prefix}{}/", p.name), fields, keys);
        }
    }
}

fn template_steps(prefix: &str, steps: &[Step], keys: &mut BTreeSet<String>) {
    for step in steps {
        match step {
            Step::Action { id, params, .. } => {
                for (name, value) in params {
                    // Fixed texts a person reads (a coupon's name); ids and references stay.
                    if name == "name" && value.is_string() {
                        keys.insert(format!("{prefix}{id}.param.{name}"));
                    }
                }
            }
            Step::Branch {
                then, otherwise, ..
            } => {
                template_steps(prefix, then, keys);
                template_steps(prefix, otherwise, keys);
            }
            Step::Email { id, rows, .. } => {
                keys.insert(format!("{prefix}{id}.subject"));
                keys.insert(format!("{prefix}{id}.body"));
                for i in 0..rows.len() {
                    keys.insert(format!("{prefix}{id}.row.{i}"));
                }
            }
        }
    }
}

/// Every key the French catalog must have, from the engine's catalogs.
fn expected_keys() -> BTreeSet<String> {
    let mut keys: BTreeSet<String> = FIXED.iter().map(|k| (*k).to_owned()).collect();
    for e in sandbox::event_types() {
        keys.insert(format!("event.{}.label", e.kind));
        keys.insert(format!("event.{}.description", e.kind));
        keys.insert(format!("category.{}", e.category));
    }
    for a in sandbox::actions() {
        keys.insert(format!("action.{}.name", a.id));
        keys.insert(format!("action.{}.description", a.id));
        keys.insert(format!("category.{}", a.resource));
        params(a.id, "", a.params, &mut keys);
    }
    for (action, old, _) in renamed_params() {
        keys.insert(format!("hint.renamed.{action}/{old}"));
    }
    for (action, code) in sandbox::state_hints() {
        keys.insert(format!("hint.state.{action}/{code}"));
    }
    for effect in TimeEffect::ALL {
        keys.insert(format!("time_effect.{}", effect.id()));
    }
    for op in Op::ALL {
        keys.insert(format!("op.{}", id_of(op)));
    }
    for kind in ValueKind::ALL {
        keys.insert(format!("kind.{}", id_of(kind)));
    }
    for t in templates() {
        let prefix = format!("template.{}.", t.id);
        keys.insert(format!("{prefix}name"));
        keys.insert(format!("{prefix}description"));
        template_steps(&prefix, &t.workflow.steps, &mut keys);
    }
    keys
}

/// The French catalog as the app reads it: a flat map of borrowed strings (so no escapes).
fn french() -> BTreeMap<&'static str, &'static str> {
    serde_json::from_str(FR_JSON).expect("fr.json is a flat object of plain strings")
}

#[test]
fn every_id_has_its_french_and_no_french_is_left_over() {
    let french = french();
    // Field names (`field.*`) are checked on their own: a field without one shows its path.
    let have: BTreeSet<String> = french
        .keys()
        .filter(|k| !k.starts_with("field."))
        .map(|k| (*k).to_owned())
        .collect();
    let want = expected_keys();
    let missing: Vec<_> = want.difference(&have).collect();
    let left_over: Vec<_> = have.difference(&want).collect();
    assert!(missing.is_empty(), "French missing for: {missing:?}");
    assert!(
        left_over.is_empty(),
        "French left for ids that are gone: {left_over:?}"
    );
    assert_eq!(
        want.len(),
        1346,
        "ids counted: update this when the catalogs change"
    );
}

#[test]
fn french_texts_are_filled_in_and_keep_their_placeholders() {
    let french = french();
    for (key, text) in &french {
        assert!(!text.trim().is_empty(), "{key} is empty");
    }
    // A placeholder the app fills in must be in the French too.
    for (key, placeholders) in [
        (
            "problem.too_many_steps",
            &["{count}", "{limit}", "{excess}"][..],
        ),
        ("problem.bad_param_value", &["{label}", "{expected}"]),
        ("problem.cycle", &["{action}", "{event_type}", "{limit}"]),
        (
            "hint.missing_object_fixed",
            &["{param}", "{object}", "{source}"],
        ),
        ("hint.fill_in", &["{param}", "{why}"]),
        ("template_error.reference", &["{text}", "{source}"]),
        ("bounds.too_long", &["{at}", "{chars}", "{limit}"]),
    ] {
        for p in placeholders {
            assert!(french[key].contains(p), "{key} lost {p}");
        }
    }
}

#[test]
fn template_texts_keep_their_dynamic_values() {
    // A translated subject must still read the same fields as the English one.
    let french = french();
    for t in templates() {
        for step in &t.workflow.steps {
            if let Step::Email { id, subject, .. } = step {
                let fr = french[format!("template.{}.{id}.subject", t.id).as_str()];
                let refs = |s: &str| {
                    s.split("{{")
                        .skip(1)
                        .map(|p| p.split("}}").next().unwrap_or("").to_owned())
                        .collect::<Vec<_>>()
                };
                assert_eq!(refs(fr), refs(subject), "{}: {id}", t.id);
            }
        }
    }
}

/// Every name a field path or an object type is made of (`address`, `city`, `customer`).
fn field_names() -> BTreeSet<String> {
    let mut objects: BTreeSet<&str> = sandbox::event_types().iter().map(|e| e.object).collect();
    objects.extend(sandbox::actions().iter().map(|a| a.returns));
    let mut names: BTreeSet<String> = objects.iter().map(|o| (*o).to_owned()).collect();
    for object in objects {
        for field in sandbox::fields(object) {
            names.extend(field.path.split('.').map(str::to_owned));
        }
    }
    names
}

#[test]
fn field_names_in_french_are_names_of_fields_a_parameter_does_not_already_name() {
    let french = french();
    let names = field_names();
    let fields: Vec<&str> = french
        .keys()
        .filter_map(|k| k.strip_prefix("field."))
        .collect();
    assert!(
        fields.len() >= 100,
        "{} field names in French",
        fields.len()
    );
    for name in fields {
        assert!(
            names.contains(name),
            "field.{name}: no field or object is called so"
        );
        assert!(
            !french.contains_key(format!("param.{name}").as_str()),
            "field.{name}: param.{name} already names it"
        );
    }
    // The fields of the objects a workflow most often starts on all have their French.
    for name in [
        "customer",
        "charge",
        "payment_intent",
        "invoice",
        "subscription",
    ] {
        assert!(
            french.contains_key(format!("field.{name}").as_str())
                || french.contains_key(format!("param.{name}").as_str()),
            "{name} has no French"
        );
    }
    for field in sandbox::fields("customer") {
        if field.path.contains('.') && !field.path.starts_with("address.") {
            continue;
        }
        let known = french.contains_key(format!("param.{}", field.path).as_str())
            || field.path.split('.').all(|n| {
                french.contains_key(format!("field.{n}").as_str())
                    || french.contains_key(format!("param.{n}").as_str())
            });
        assert!(known, "the customer's {} has no French", field.path);
    }
}
