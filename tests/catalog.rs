//! The catalogs' lookups (`src/i18n/catalog.rs`) in both languages: English is the engine's
//! own text, French comes from `fr.json` with the values of structured problems, hints and
//! run errors worded in French too. Pure functions: run in the browser with the other
//! wasm tests (`--test catalog`). That every id has its French is checked natively by
//! `engine/tests/i18n_catalog.rs`.

#![cfg(target_arch = "wasm32")]

use sandflow::i18n::catalog::*;
use sandflow::i18n::Lang;
use sandflow_engine::sandbox::{self, fix_hint, ApiError};
use sandflow_engine::{
    templates, validate, Op, Problem, SandboxCatalog, Step, StepRecord, StepStatus, Workflow,
};
use serde_json::{json, Map, Value};
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

/// The French catalog, as the app fetches it when French is first shown.
fn french() {
    install_french(include_str!("../src/i18n/fr.json").to_owned())
        .expect("fr.json is a table of texts");
}

fn map(v: Value) -> Map<String, Value> {
    v.as_object().cloned().unwrap_or_default()
}

#[wasm_bindgen_test]
fn events_actions_and_operators_read_in_each_language() {
    french();
    let created = sandbox::event_type("customer.created").unwrap();
    assert_eq!(event_label(Lang::En, created), "Customer created");
    assert_eq!(event_label(Lang::Fr, created), "Client créé");
    assert!(event_description(Lang::Fr, created).starts_with("Envoyé lorsqu'un client"));
    assert_eq!(category(Lang::Fr, "Subscription"), "Abonnement");
    assert_eq!(category(Lang::Fr, "Not a category"), "Not a category");
    let update = sandbox::action("customers.update").unwrap();
    assert_eq!(action_name(Lang::En, update), "Update a customer");
    assert_eq!(action_name(Lang::Fr, update), "Mettre à jour un client");
    assert_eq!(param_label(Lang::En, "payment_intent"), "Payment intent");
    assert_eq!(
        param_label(Lang::Fr, "payment_intent"),
        "Intention de paiement"
    );
    let items = sandbox::action("subscriptions.create").unwrap();
    let list = items.params.iter().find(|p| p.name == "items").unwrap();
    let sandflow_engine::sandbox::ParamKind::Items(fields) = list.kind else {
        panic!("items is a list of rows")
    };
    let price = fields.iter().find(|f| f.name == "price").unwrap();
    assert!(param_description(Lang::Fr, items, Some("items"), price).starts_with("Le tarif."));
    assert_eq!(
        operator_label(Lang::En, Op::GreaterThanOrEqual),
        "is greater than or equal to"
    );
    assert_eq!(
        operator_label(Lang::Fr, Op::GreaterThanOrEqual),
        "est supérieur ou égal à"
    );
    assert_eq!(
        email_step_name(Lang::Fr),
        "Envoyer un e-mail à un membre de l’équipe"
    );
}

/// The problems of a workflow whose step misses its Required customer.
fn problems() -> Vec<Problem> {
    let mut workflow = Workflow::new("wf_1", 0);
    workflow.trigger = Some(sandflow_engine::Trigger {
        event_type: "customer.created".into(),
        condition: None,
    });
    workflow.steps = vec![Step::Action {
        id: "update".into(),
        action: "customers.update".into(),
        params: map(json!({"balance": "lots"})),
    }];
    validate(&workflow, &SandboxCatalog)
}

#[wasm_bindgen_test]
fn problems_are_worded_in_each_language_with_their_values() {
    french();
    let problems = problems();
    let required = problems
        .iter()
        .find(|p| p.location.param.as_deref() == Some("customer"))
        .expect("the empty Required customer is a problem");
    assert_eq!(problem_text(Lang::En, required), required.to_string());
    assert_eq!(
        problem_text(Lang::Fr, required),
        "étape update, customer : Le paramètre obligatoire Client est vide : saisissez une valeur ou choisissez une valeur dynamique"
    );
    let bad = problems
        .iter()
        .find(|p| p.location.param.as_deref() == Some("balance"))
        .expect("a balance that is not a number is a problem");
    assert!(problem_text(Lang::En, bad)
        .contains("Balance must be a whole amount in the currency's smallest unit"));
    assert!(
        problem_text(Lang::Fr, bad)
            .contains("Solde doit être un montant entier dans la plus petite unité"),
        "{}",
        problem_text(Lang::Fr, bad)
    );
}

#[wasm_bindgen_test]
fn hints_keep_stripe_s_words_and_translate_ours() {
    french();
    let action = sandbox::action("customers.update").unwrap();
    let error = ApiError {
        kind: "invalid_request_error".into(),
        code: Some("resource_missing".into()),
        message: "No such customer: 'cus_gone'".into(),
        param: Some("customer".into()),
        status: 404,
    };
    let hint = fix_hint(&error, action, &map(json!({"customer": "cus_gone"}))).unwrap();
    assert_eq!(hint_text(Lang::En, action, &hint), hint.to_string());
    assert!(hint_text(Lang::En, action, &hint).starts_with("The value of Customer does not name"));
    assert!(
        hint_text(Lang::Fr, action, &hint).starts_with("La valeur de Client ne correspond"),
        "{}",
        hint_text(Lang::Fr, action, &hint)
    );
    let missing = ApiError {
        code: Some("parameter_missing".into()),
        param: Some("items[0][price]".into()),
        message: "Missing required param: items[0][price].".into(),
        ..error
    };
    let create = sandbox::action("subscriptions.create").unwrap();
    let hint = fix_hint(&missing, create, &map(json!({"items": [{}]}))).unwrap();
    assert!(
        hint_text(Lang::En, create, &hint).starts_with("Fill in Price (Items, row 1): The price.")
    );
    assert!(
        hint_text(Lang::Fr, create, &hint)
            .starts_with("Renseignez Tarif (Articles, ligne 1) : Le tarif."),
        "{}",
        hint_text(Lang::Fr, create, &hint)
    );
}

#[wasm_bindgen_test]
fn run_errors_read_in_each_language_and_old_records_keep_their_text() {
    french();
    let stored = json!({
        "step_id": "update", "kind": "action", "label": "Update a customer", "nesting": 0,
        "status": "failed", "input": null, "output": null,
        "error": "Required parameter Customer is empty: enter a value or pick a dynamic value that has one",
        "request_id": null, "branch": null, "email": null, "started": 0, "ended": 0
    });
    let old: StepRecord = serde_json::from_value(stored.clone()).expect("an old record reads");
    assert_eq!(old.status, StepStatus::Failed);
    assert_eq!(step_error_text(Lang::Fr, &old), old.error.clone());
    let mut new = stored;
    new["problem"] = json!({"code": "required_param_empty", "param": "customer"});
    let new: StepRecord = serde_json::from_value(new).unwrap();
    assert_eq!(step_error_text(Lang::En, &new), new.error.clone());
    assert_eq!(
        step_error_text(Lang::Fr, &new).unwrap(),
        "Le paramètre obligatoire Client est vide : saisissez une valeur ou choisissez une valeur dynamique qui en a une"
    );
}

#[wasm_bindgen_test]
fn templates_start_in_the_language_chosen() {
    french();
    let all = templates();
    let thanks = all.iter().find(|t| t.id == "thank_new_customers").unwrap();
    assert_eq!(template_name(Lang::En, thanks), "Thank new customers");
    assert_eq!(
        template_name(Lang::Fr, thanks),
        "Remercier les nouveaux clients"
    );
    assert_eq!(template_workflow(Lang::En, thanks), thanks.workflow);
    let fr = template_workflow(Lang::Fr, thanks);
    assert_eq!(fr.name, "Remercier les nouveaux clients");
    let Some(Step::Email { subject, rows, .. }) = fr.steps.last() else {
        panic!("the template ends with an email")
    };
    assert_eq!(subject, "Dites merci à {{trigger.data.object.name}}");
    assert_eq!(rows[0].label, "Client");
    assert!(
        validate(&fr, &SandboxCatalog).is_empty(),
        "the French template stays valid"
    );
}

#[wasm_bindgen_test]
fn searches_find_french_words_and_english_ones() {
    french();
    let kinds = |found: Vec<&'static sandbox::EventSpec>| -> Vec<&str> {
        found.into_iter().map(|e| e.kind).collect()
    };
    assert!(kinds(search_event_types(Lang::Fr, "facture payée")).contains(&"invoice.paid"));
    assert!(kinds(search_event_types(Lang::Fr, "invoice paid")).contains(&"invoice.paid"));
    assert!(search_event_types(Lang::En, "facture").is_empty());
    assert_eq!(
        search_event_types(Lang::En, "invoice paid"),
        sandbox::search_event_types("invoice paid")
    );
    let ids: Vec<&str> = search_actions(Lang::Fr, "remboursement")
        .iter()
        .map(|a| a.id)
        .collect();
    assert!(ids.contains(&"refunds.create"), "{ids:?}");
    assert!(search_actions(Lang::En, "remboursement").is_empty());
}

#[wasm_bindgen_test]
fn a_field_no_object_has_is_named_in_french() {
    french();
    let mut workflow = Workflow::new("wf_1", 0);
    workflow.trigger = Some(sandflow_engine::Trigger {
        event_type: "customer.created".into(),
        condition: None,
    });
    workflow.steps = vec![Step::Action {
        id: "update".into(),
        action: "customers.update".into(),
        params: map(json!({
            "customer": "{{trigger.data.object.id}}",
            "name": "{{trigger.data.object.no_such_field}}"
        })),
    }];
    let problems = validate(&workflow, &SandboxCatalog);
    let unknown = problems
        .iter()
        .find(|p| p.location.param.as_deref() == Some("name"))
        .expect("a field the customer cannot have is a problem");
    assert!(problem_text(Lang::En, unknown).contains("is not a field of customer"));
    assert!(
        problem_text(Lang::Fr, unknown).contains("n’est pas un champ de l’objet customer"),
        "{}",
        problem_text(Lang::Fr, unknown)
    );
}
