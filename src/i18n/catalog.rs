//! The catalogs in each language: event types, actions and their parameters, operators,
//! validation problems, fix hints, the engine's own run errors and the templates.
//!
//! English is the engine's own text (`sandbox::event_type(..).label`, `Op::label`, the
//! `Display` of `Problem`, `Hint`, `StepError`); French is data, `fr.json`, keyed by stable
//! ids (event type, action id, parameter name, operator id, problem code, template id), a
//! file of the site fetched when French is first shown (≈127 KB raw, ≈24 KB gzipped). The
//! engine's `i18n_catalog` test checks natively that every id has its French and that no
//! French is left for an id that is gone. Every function is pure: give it the language and
//! the id, get the text.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::OnceLock;

use sandflow_engine::sandbox::{
    self, ActionSpec, EventSpec, Hint, HintPlace, ParamKind, ParamSpec,
};
use sandflow_engine::{
    humanize, kind_name, BoundsError, Expected, Issue, Op, PathError, Problem, Quantifier,
    ReferenceError, Step, StepError, StepRecord, TemplateError, ValueKind, Workflow,
    WorkflowTemplate,
};

use super::Lang;

/// The French catalog, as `src/i18n/fr.json` holds it. Natively (the app's unit tests) it
/// is built in; in the browser it is a file of its own, fetched only when French is shown
/// ([`install_french`], called by `switch`): an English visit never downloads it.
#[cfg(not(target_arch = "wasm32"))]
const FR_JSON: &str = include_str!("fr.json");

static FR_TABLE: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();

fn fr_table() -> Option<&'static HashMap<&'static str, &'static str>> {
    // The engine's i18n_catalog test parses the same file the same way, so this holds.
    #[cfg(not(target_arch = "wasm32"))]
    FR_TABLE.get_or_init(|| serde_json::from_str(FR_JSON).unwrap_or_default());
    FR_TABLE.get()
}

/// Takes the French catalog's text (the contents of `fr.json`), for the rest of the page's
/// life; refused if it is not an object of texts. Once taken, later calls change nothing.
pub fn install_french(text: String) -> Result<(), serde_json::Error> {
    if FR_TABLE.get().is_some() {
        return Ok(());
    }
    // Kept as long as the page: every French text borrows from it.
    let text: &'static str = Box::leak(text.into_boxed_str());
    let table = serde_json::from_str(text)?;
    let _ = FR_TABLE.set(table);
    Ok(())
}

/// Whether the French catalog is there ([`install_french`]).
pub fn french_installed() -> bool {
    fr_table().is_some()
}

/// The French text under `key`, if the file has it.
pub(super) fn fr(key: &str) -> Option<&'static str> {
    fr_table().and_then(|table| table.get(key).copied())
}

/// `en` in English; in French the text under `key`, or `en` if it is missing.
pub(super) fn pick(lang: Lang, key: impl FnOnce() -> String, en: &'static str) -> &'static str {
    match lang {
        Lang::En => en,
        Lang::Fr => fr(&key()).unwrap_or(en),
    }
}

/// The French text under `key` with each `{name}` replaced by its value.
pub(super) fn fill(key: &str, args: &[(&str, &str)]) -> String {
    let mut text = fr(key).unwrap_or(key).to_owned();
    for (name, value) in args {
        text = text.replace(&format!("{{{name}}}"), value);
    }
    text
}

// ---- Event types: the trigger picker (components/event_type_picker.rs), the event
// generator (pages/event_generator), the workflow card and the definition view.

/// An event type's label, e.g. "Customer created" / "Client créé".
pub fn event_label(lang: Lang, spec: &'static EventSpec) -> &'static str {
    pick(lang, || format!("event.{}.label", spec.kind), spec.label)
}

/// One sentence on when an event type is sent (the picker's and the generator's note).
pub fn event_description(lang: Lang, spec: &'static EventSpec) -> &'static str {
    pick(
        lang,
        || format!("event.{}.description", spec.kind),
        spec.description(),
    )
}

/// A picker category (event types) or resource group (actions), e.g. "Subscription" /
/// "Abonnement". Unknown names come back as given.
pub fn category(lang: Lang, category: &str) -> &str {
    match lang {
        Lang::En => category,
        Lang::Fr => fr(&format!("category.{category}")).unwrap_or(category),
    }
}

/// Whether every word of `query` is in `hay` (both lower-cased by the caller).
fn has_all_words(hay: &str, words: &[String]) -> bool {
    words.iter().all(|w| hay.contains(w.as_str()))
}

/// The trigger picker's search in `lang`: in English the engine's
/// (`sandbox::search_event_types`); in French a word matches the French label and
/// category as well as the type and the English, so "facture" and "invoice" both find
/// `invoice.paid`.
pub fn search_event_types(lang: Lang, query: &str) -> Vec<&'static EventSpec> {
    if lang == Lang::En {
        return sandbox::search_event_types(query);
    }
    let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
    sandbox::event_types()
        .iter()
        .filter(|e| {
            let hay = format!(
                "{} {} {} {} {}",
                e.kind,
                e.label,
                e.category,
                event_label(lang, e),
                category(lang, e.category)
            );
            let hay = hay.to_lowercase().replace(['_', '.'], " ") + " " + e.kind;
            has_all_words(&hay, &words)
        })
        .collect()
}

// ---- Actions and parameters: the action picker (editor/action_picker.rs), the step list
// and the step panel (editor/step_panel.rs, editor/param_input.rs), run records.

/// An action's name as Stripe's API reference gives it, e.g. "Create a customer" /
/// "Créer un client".
pub fn action_name(lang: Lang, spec: &'static ActionSpec) -> &'static str {
    pick(lang, || format!("action.{}.name", spec.id), spec.name)
}

/// An action's one-sentence description (the picker's note, the panel's intro).
pub fn action_description(lang: Lang, spec: &'static ActionSpec) -> &'static str {
    pick(
        lang,
        || format!("action.{}.description", spec.id),
        spec.description,
    )
}

/// The action picker's search in `lang`: in English the engine's
/// (`sandbox::search_actions`); in French a word matches the French name, resource and
/// description as well as the id and the English.
pub fn search_actions(lang: Lang, query: &str) -> Vec<&'static ActionSpec> {
    if lang == Lang::En {
        return sandbox::search_actions(query);
    }
    let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
    sandbox::actions()
        .iter()
        .filter(|a| {
            let hay = format!(
                "{} {} {} {} {} {} {}",
                a.name,
                a.id,
                a.resource,
                a.description,
                action_name(lang, a),
                category(lang, a.resource),
                action_description(lang, a)
            );
            let hay = hay.to_lowercase().replace(['_', '.'], " ") + " " + a.id;
            has_all_words(&hay, &words)
        })
        .collect()
}

/// The email step's picker name: "Email a team member" / "Envoyer un e-mail à un membre de
/// l'équipe" (editor/add_step.rs, editor/step_panel.rs).
pub fn email_step_name(lang: Lang) -> &'static str {
    pick(lang, || "email_step.name".into(), sandbox::EMAIL_STEP_NAME)
}

/// A parameter's label from its Stripe name (`payment_intent`, `address.city`, a list row's
/// `price`): "Payment intent" / "Intention de paiement". The step panel's input labels.
pub fn param_label(lang: Lang, name: &str) -> Cow<'static, str> {
    match (lang, fr(&format!("param.{name}"))) {
        (Lang::Fr, Some(text)) => Cow::Borrowed(text),
        _ => Cow::Owned(humanize(name)),
    }
}

/// A parameter's one-line description under its input in the step panel. `list` is the
/// list parameter (`items`) when `param` is a field of its rows.
pub fn param_description(
    lang: Lang,
    action: &'static ActionSpec,
    list: Option<&str>,
    param: &'static ParamSpec,
) -> &'static str {
    pick(
        lang,
        || match list {
            Some(list) => format!("param_description.{}/{list}/{}", action.id, param.name),
            None => format!("param_description.{}/{}", action.id, param.name),
        },
        param.description,
    )
}

// ---- Conditions: the condition builder (editor/condition_editor.rs), the field picker
// (editor/field_picker.rs) and the definition view.

/// The operator's stable id (`greater_than_or_equal`), as workflows store it.
fn op_id(op: Op) -> String {
    serde_json::to_value(op)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// An operator's label: "is greater than" / "est supérieur à".
pub fn operator_label(lang: Lang, op: Op) -> &'static str {
    pick(lang, || format!("op.{}", op_id(op)), op.label())
}

/// A list quantifier's label: "any item" / "n'importe quel élément".
pub fn quantifier_label(lang: Lang, quantifier: Quantifier) -> &'static str {
    let id = match quantifier {
        Quantifier::Any => "any",
        Quantifier::All => "all",
        Quantifier::None => "none",
    };
    pick(lang, || format!("quantifier.{id}"), quantifier.label())
}

/// A value kind's name: "number" / "nombre" (the field picker's note, the condition row).
pub fn kind_label(lang: Lang, kind: ValueKind) -> &'static str {
    let id = serde_json::to_value(kind)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default();
    pick(lang, || format!("kind.{id}"), kind_name(kind))
}

// ---- Validation problems: the editor's problem list and markers, activation, import.

/// A problem as the editor lists it ("step retrieve, customer: …").
pub fn problem_text(lang: Lang, problem: &Problem) -> String {
    if lang == Lang::En {
        return problem.to_string();
    }
    let at = &problem.location;
    let prefix = match (&at.step_id, &at.param) {
        (Some(step), Some(param)) => fill("where.step_param", &[("step", step), ("param", param)]),
        (Some(step), None) => fill("where.step", &[("step", step)]),
        (None, Some(param)) => fill("where.trigger_param", &[("param", param)]),
        (None, None) => String::new(),
    };
    prefix + &issue_text(lang, &problem.issue, at.param.as_deref())
}

/// What is wrong and how to fix it, without where. `param` is the problem's parameter (its
/// Stripe name), which names the input in French.
pub fn issue_text(lang: Lang, issue: &Issue, param: Option<&str>) -> String {
    if lang == Lang::En {
        return issue.to_string();
    }
    let label = |english: &str| {
        param.map_or_else(|| english.to_owned(), |p| param_label(lang, p).into_owned())
    };
    let op = |english: &str| {
        Op::ALL
            .into_iter()
            .find(|o| o.label() == english)
            .map_or_else(
                || english.to_owned(),
                |o| operator_label(lang, o).to_owned(),
            )
    };
    let kind = |english: &str| {
        ValueKind::ALL
            .into_iter()
            .find(|k| kind_name(*k) == english)
            .map_or_else(|| english.to_owned(), |k| kind_label(lang, k).to_owned())
    };
    let action = |english: &str| {
        sandbox::actions()
            .iter()
            .find(|a| a.name == english)
            .map_or_else(|| english.to_owned(), |a| action_name(lang, a).to_owned())
    };
    match issue {
        Issue::NoTrigger => fill("problem.no_trigger", &[]),
        Issue::UnknownEventType { event_type } => {
            fill("problem.unknown_event_type", &[("event_type", event_type)])
        }
        Issue::NoSteps => fill("problem.no_steps", &[]),
        Issue::TooManySteps { count, limit } => fill(
            "problem.too_many_steps",
            &[
                ("count", &count.to_string()),
                ("limit", &limit.to_string()),
                ("excess", &count.saturating_sub(*limit).to_string()),
            ],
        ),
        Issue::DuplicateStepId { id } => fill("problem.duplicate_step_id", &[("id", id)]),
        Issue::UnknownAction { action } => fill("problem.unknown_action", &[("action", action)]),
        Issue::UnknownParam {
            action: a,
            param: p,
        } => fill(
            "problem.unknown_param",
            &[("action", &action(a)), ("param", p)],
        ),
        Issue::RequiredParamEmpty { label: l } => {
            fill("problem.required_param_empty", &[("label", &label(l))])
        }
        Issue::BadParamValue { label: l, expected } => fill(
            "problem.bad_param_value",
            &[
                ("label", &label(l)),
                ("expected", &expected_text(lang, expected)),
            ],
        ),
        Issue::BadTemplate { error } => template_error_text(lang, error),
        Issue::UnknownStep { reference, step } => fill(
            "problem.unknown_step",
            &[("reference", reference), ("step", step)],
        ),
        Issue::LaterStep { reference, step } => fill(
            "problem.later_step",
            &[("reference", reference), ("step", step)],
        ),
        Issue::OtherBranch { reference, step } => fill(
            "problem.other_branch",
            &[("reference", reference), ("step", step)],
        ),
        Issue::StepInTriggerCondition { reference } => fill(
            "problem.step_in_trigger_condition",
            &[("reference", reference)],
        ),
        Issue::UnknownField { reference, object } => {
            let object = match object.as_str() {
                "the event" => fill("object.the_event", &[]),
                "an email" => fill("object.an_email", &[]),
                "a condition" => fill("object.a_condition", &[]),
                object_type => fill("object.type", &[("object", object_type)]),
            };
            fill(
                "problem.unknown_field",
                &[("reference", reference), ("object", &object)],
            )
        }
        Issue::OperatorMismatch { op: o, kind: k } => fill(
            "problem.operator_mismatch",
            &[("op", &op(o)), ("kind", &kind(k))],
        ),
        Issue::KindMismatch {
            reference,
            actual,
            chosen,
        } => fill(
            "problem.kind_mismatch",
            &[
                ("reference", reference),
                ("actual", &kind(actual)),
                ("chosen", &kind(chosen)),
            ],
        ),
        Issue::ChangeNeedsUpdate { op: o, event_type } => fill(
            "problem.change_needs_update",
            &[("op", &op(o)), ("event_type", event_type)],
        ),
        Issue::ChangeNeedsObjectField { op: o } => {
            fill("problem.change_needs_object_field", &[("op", &op(o))])
        }
        Issue::ValueMissing { reference } => {
            fill("problem.value_missing", &[("reference", reference)])
        }
        Issue::BadValue {
            reference,
            expected,
        } => fill(
            "problem.bad_value",
            &[
                ("reference", reference),
                ("expected", &expected_text(lang, expected)),
            ],
        ),
        Issue::EmailNoRecipient => fill("problem.email_no_recipient", &[]),
        Issue::EmailBadRecipient { to } => fill("problem.email_bad_recipient", &[("to", to)]),
        Issue::EmailNoSubject => fill("problem.email_no_subject", &[]),
        Issue::OutOfBounds { error } => bounds_text(lang, error),
        Issue::Cycle {
            action: a,
            event_type,
            limit,
        } => fill(
            "problem.cycle",
            &[
                ("action", &action(a)),
                ("event_type", event_type),
                ("limit", &limit.to_string()),
            ],
        ),
    }
}

/// What a value must be ("a whole number" / "un nombre entier"), inside a problem.
pub fn expected_text(lang: Lang, expected: &Expected) -> String {
    if lang == Lang::En {
        return expected.to_string();
    }
    match expected {
        Expected::WholeNumber => fill("expected.whole_number", &[]),
        Expected::Percentage => fill("expected.percentage", &[]),
        Expected::MinorUnitAmount => fill("expected.minor_unit_amount", &[]),
        Expected::UnixDate => fill("expected.unix_date", &[]),
        Expected::TrueFalse => fill("expected.true_false", &[]),
        Expected::OneOf(values) => fill("expected.one_of", &[("values", &values.join(", "))]),
        Expected::KeyValuePairs => fill("expected.key_value_pairs", &[]),
        Expected::List => fill("expected.list", &[]),
        Expected::Rows(fields) => {
            let labels: Vec<String> = fields
                .iter()
                .map(|f| param_label(lang, f).into_owned())
                .collect();
            fill("expected.rows", &[("fields", &labels.join(", "))])
        }
        Expected::Text => fill("expected.text", &[]),
        Expected::Values => fill("expected.values", &[]),
        Expected::Number => fill("expected.number", &[]),
        Expected::DecimalAmount => fill("expected.decimal_amount", &[]),
    }
}

/// Why a dynamic value does not parse (in problems and in run errors).
pub fn template_error_text(lang: Lang, error: &TemplateError) -> String {
    if lang == Lang::En {
        return error.to_string();
    }
    match error {
        TemplateError::Unclosed { text } => fill("template_error.unclosed", &[("text", text)]),
        TemplateError::Reference { text, source } => fill(
            "template_error.reference",
            &[
                ("text", text),
                ("source", &reference_error_text(lang, source)),
            ],
        ),
    }
}

/// Why a field reference does not parse.
pub fn reference_error_text(lang: Lang, error: &ReferenceError) -> String {
    if lang == Lang::En {
        return error.to_string();
    }
    match error {
        ReferenceError::Empty => fill("reference_error.empty", &[]),
        ReferenceError::UnknownRoot { text } => {
            fill("reference_error.unknown_root", &[("text", text)])
        }
        ReferenceError::MissingStep { text } => {
            fill("reference_error.missing_step", &[("text", text)])
        }
        ReferenceError::Path(PathError::EmptySegment { path }) => {
            fill("path_error.empty_segment", &[("path", path)])
        }
        ReferenceError::Path(PathError::BadCharacter { path, found }) => fill(
            "path_error.bad_character",
            &[("path", path), ("found", &found.to_string())],
        ),
        ReferenceError::Path(PathError::OutOfBounds(error)) => bounds_text(lang, error),
    }
}

/// A value past the bounds of what a workflow may hold.
pub fn bounds_text(lang: Lang, error: &BoundsError) -> String {
    if lang == Lang::En {
        return error.to_string();
    }
    let at = |path: &str| {
        if path.is_empty() {
            fill("bounds.the_value", &[])
        } else {
            fill("bounds.at", &[("path", path)])
        }
    };
    let n = |v: &usize| v.to_string();
    match error {
        BoundsError::TooDeep { path, depth, limit } => fill(
            "bounds.too_deep",
            &[
                ("at", &at(path)),
                ("depth", &n(depth)),
                ("limit", &n(limit)),
            ],
        ),
        BoundsError::TooBig { path, limit } => {
            fill("bounds.too_big", &[("at", &at(path)), ("limit", &n(limit))])
        }
        BoundsError::TooLong { path, chars, limit } => fill(
            "bounds.too_long",
            &[
                ("at", &at(path)),
                ("chars", &n(chars)),
                ("limit", &n(limit)),
            ],
        ),
        BoundsError::PathTooDeep {
            start,
            segments,
            limit,
        } => fill(
            "bounds.path_too_deep",
            &[
                ("start", start),
                ("segments", &n(segments)),
                ("limit", &n(limit)),
            ],
        ),
        BoundsError::PathTooLong {
            start,
            chars,
            limit,
        } => fill(
            "bounds.path_too_long",
            &[("start", start), ("chars", &n(chars)), ("limit", &n(limit))],
        ),
        BoundsError::MetadataNotObject => fill("bounds.metadata_not_object", &[]),
        BoundsError::MetadataTooManyKeys { count, limit } => fill(
            "bounds.metadata_too_many_keys",
            &[
                ("count", &n(count)),
                ("limit", &n(limit)),
                ("excess", &n(&count.saturating_sub(*limit))),
            ],
        ),
        BoundsError::MetadataKeyTooLong { key, chars, limit } => fill(
            "bounds.metadata_key_too_long",
            &[("key", key), ("chars", &n(chars)), ("limit", &n(limit))],
        ),
        BoundsError::MetadataKeyBracket { key } => {
            fill("bounds.metadata_key_bracket", &[("key", key)])
        }
        BoundsError::MetadataValueTooLong { key, chars, limit } => fill(
            "bounds.metadata_value_too_long",
            &[("key", key), ("chars", &n(chars)), ("limit", &n(limit))],
        ),
        BoundsError::MetadataNotText { key, found } => {
            let found = if found.contains("list") {
                fill("bounds.a_list", &[])
            } else {
                fill("bounds.an_object", &[])
            };
            fill(
                "bounds.metadata_not_text",
                &[("key", key), ("found", &found)],
            )
        }
        BoundsError::NameTooLong { chars, limit } => fill(
            "bounds.name_too_long",
            &[("chars", &n(chars)), ("limit", &n(limit))],
        ),
        BoundsError::WorkflowTooBig { bytes, limit } => fill(
            "bounds.workflow_too_big",
            &[("bytes", &n(bytes)), ("limit", &n(limit))],
        ),
    }
}

// ---- Runs: the run page (pages/run.rs) under a failed step.

/// How a hint names a step input: "Price (Items, row 1)" / "Tarif (Articles, ligne 1)".
fn place_text(lang: Lang, at: &HintPlace) -> String {
    match (lang, at.row) {
        (Lang::En, _) => at.to_string(),
        (Lang::Fr, Some((row, field))) => fill(
            "hint.place_row",
            &[
                ("field", &param_label(lang, field)),
                ("list", &param_label(lang, &at.param)),
                ("row", &(row + 1).to_string()),
            ],
        ),
        (Lang::Fr, None) => param_label(lang, &at.param).into_owned(),
    }
}

/// The sentence on how to fix a step Stripe refused (`sandbox::fix_hint`), shown under
/// Stripe's own error, which stays as Stripe sent it. `action` is the step's action.
pub fn hint_text(lang: Lang, action: &'static ActionSpec, hint: &Hint) -> String {
    if lang == Lang::En {
        return hint.to_string();
    }
    let object_label = |object: &str| param_label(lang, object).into_owned();
    match hint {
        Hint::MissingObject {
            at,
            object,
            dynamic,
        } => {
            let noun = object_label(object);
            let source = fill("object.ID", &[("object", &noun)]);
            let key = if *dynamic {
                "hint.missing_object_dynamic"
            } else {
                "hint.missing_object_fixed"
            };
            fill(
                key,
                &[
                    ("param", &place_text(lang, at)),
                    ("object", &noun),
                    ("source", &source),
                ],
            )
        }
        Hint::MissingValue { at, why, dynamic } => {
            let why = why
                .and_then(|_| {
                    let spec = action.params.iter().find(|p| p.name == at.param)?;
                    Some(match (at.row, spec.kind) {
                        (Some((_, field)), ParamKind::Items(fields)) => {
                            let f = fields.iter().find(|f| f.name == field)?;
                            param_description(lang, action, Some(spec.name), f)
                        }
                        _ => param_description(lang, action, None, spec),
                    })
                })
                .map_or_else(|| fill("hint.stripe_requires", &[]), str::to_owned);
            let key = if *dynamic {
                "hint.empty_dynamic"
            } else {
                "hint.fill_in"
            };
            fill(key, &[("param", &place_text(lang, at)), ("why", &why)])
        }
        Hint::Renamed { at, new } => {
            let new = fr(&format!("hint.renamed.{}/{}", action.id, at.param)).unwrap_or(new);
            fill(
                "hint.renamed",
                &[("param", &place_text(lang, at)), ("new", new)],
            )
        }
        Hint::NoSuchParam { at, .. } => fill(
            "hint.no_such_param",
            &[
                ("param", &place_text(lang, at)),
                ("action", action_name(lang, action)),
            ],
        ),
        Hint::WrongType { at, kind, dynamic } => {
            let expected = match kind {
                Some(ParamKind::Integer) => fill("hint.kind.integer", &[]),
                Some(ParamKind::Percent) => fill("hint.kind.percent", &[]),
                Some(ParamKind::Money) => fill("hint.kind.money", &[]),
                Some(ParamKind::Timestamp) => fill("hint.kind.timestamp", &[]),
                Some(ParamKind::Boolean) => fill("hint.kind.boolean", &[]),
                Some(ParamKind::Enum(values)) => {
                    fill("hint.kind.enum", &[("values", &values.join(", "))])
                }
                Some(ParamKind::Metadata) => fill("hint.kind.metadata", &[]),
                Some(ParamKind::Items(_)) => fill("hint.kind.items", &[]),
                Some(ParamKind::List) => fill("hint.kind.list", &[]),
                Some(ParamKind::Id(object)) => {
                    fill("hint.kind.id", &[("object", &object_label(object))])
                }
                Some(ParamKind::String) | None => fill("hint.kind.string", &[]),
            };
            let key = if *dynamic {
                "hint.wrong_type_dynamic"
            } else {
                "hint.wrong_type_fixed"
            };
            fill(
                key,
                &[("param", &place_text(lang, at)), ("expected", &expected)],
            )
        }
        Hint::AmountTooSmall => fill("hint.amount_too_small", &[]),
        Hint::AmountTooLarge { action } => fill(
            match *action {
                "refunds.create" => "hint.amount_too_large.refund",
                "payment_intents.capture" => "hint.amount_too_large.capture",
                _ => "hint.amount_too_large.max",
            },
            &[],
        ),
        Hint::State { action, code } => fr(&format!("hint.state.{action}/{code}"))
            .map_or_else(|| hint.to_string(), str::to_owned),
        Hint::CardDeclined => fill("hint.card_declined", &[]),
        Hint::AuthenticationRequired => fill("hint.authentication_required", &[]),
        Hint::NoPaymentSource => fill("hint.no_payment_source", &[]),
    }
}

/// A failed step's error on the run page: the engine's own refusal in `lang` when the record
/// has it, otherwise the stored text (Stripe's message as Stripe sent it, or the English
/// sentence of a run stored before records were structured). `None` when it did not fail.
pub fn step_error_text(lang: Lang, record: &StepRecord) -> Option<String> {
    match (&record.problem, lang) {
        (Some(problem), Lang::En) => Some(problem.to_string()),
        (Some(problem), Lang::Fr) => Some(match problem {
            StepError::UnknownAction { action } => {
                fill("run_error.unknown_action", &[("action", action)])
            }
            StepError::RequiredParamEmpty { param } => fill(
                "run_error.required_param_empty",
                &[("label", &param_label(lang, param))],
            ),
            StepError::BadTemplate { .. } => match problem.template_error() {
                Some(e) => template_error_text(lang, &e),
                None => problem.to_string(),
            },
            StepError::EmailNoRecipient => fill("run_error.email_no_recipient", &[]),
        }),
        (None, _) => record.error.clone(),
    }
}

// ---- Templates: the template gallery (components/template_gallery.rs).

/// A template's name on its card: "Tag VIP customers" / "Identifier les clients VIP".
pub fn template_name(lang: Lang, template: &WorkflowTemplate) -> &'static str {
    pick(
        lang,
        || format!("template.{}.name", template.id),
        template.name,
    )
}

/// A template's one-sentence description on its card.
pub fn template_description(lang: Lang, template: &WorkflowTemplate) -> &'static str {
    pick(
        lang,
        || format!("template.{}.description", template.id),
        template.description,
    )
}

/// The template's workflow with its texts in `lang`: the name, email subjects, bodies and
/// row labels, and fixed text parameters a template sets (a coupon's name). What "Use
/// template" should instantiate, so a French workflow starts in French.
pub fn template_workflow(lang: Lang, template: &WorkflowTemplate) -> Workflow {
    let mut workflow = template.workflow.clone();
    if lang == Lang::En {
        return workflow;
    }
    workflow.name = template_name(lang, template).to_owned();
    let prefix = format!("template.{}.", template.id);
    translate_steps(&mut workflow.steps, &prefix);
    workflow
}

fn translate_steps(steps: &mut [Step], prefix: &str) {
    let text = |key: String| fr(&format!("{prefix}{key}"));
    for step in steps {
        match step {
            Step::Action { id, params, .. } => {
                for (name, value) in params.iter_mut() {
                    if let Some(t) = text(format!("{id}.param.{name}")) {
                        *value = serde_json::Value::String(t.to_owned());
                    }
                }
            }
            Step::Branch {
                then, otherwise, ..
            } => {
                translate_steps(then, prefix);
                translate_steps(otherwise, prefix);
            }
            Step::Email {
                id,
                subject,
                body,
                rows,
                ..
            } => {
                if let Some(t) = text(format!("{id}.subject")) {
                    *subject = t.to_owned();
                }
                if let Some(t) = text(format!("{id}.body")) {
                    *body = t.to_owned();
                }
                for (i, row) in rows.iter_mut().enumerate() {
                    if let Some(t) = text(format!("{id}.row.{i}")) {
                        row.label = t.to_owned();
                    }
                }
            }
        }
    }
}
