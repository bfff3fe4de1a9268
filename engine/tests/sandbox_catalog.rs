//! The catalogs: actions, the 265 event types, search, and typed field lists.

use sandflow_engine::sandbox::{
    action, actions, event_type, event_types, fields, search_actions, search_event_types,
    suggested_event_types, ParamKind,
};
use sandflow_engine::ValueKind;

#[test]
fn event_catalog_has_all_265_types_sorted_with_labels() {
    let types = event_types();
    assert_eq!(types.len(), 265);
    assert!(types.windows(2).all(|w| w[0].kind < w[1].kind));
    for e in types {
        assert!(
            !e.label.is_empty() && !e.category.is_empty() && !e.object.is_empty(),
            "{}",
            e.kind
        );
        assert!(e.description().ends_with('.'), "{}", e.kind);
        assert_eq!(event_type(e.kind), Some(e));
    }
}

#[test]
fn event_specs_by_case() {
    let cases = [
        (
            "customer.created",
            "Customer created",
            "Customer",
            "customer",
            true,
        ),
        (
            "customer.subscription.updated",
            "Customer subscription updated",
            "Subscription",
            "subscription",
            false,
        ),
        (
            "charge.dispute.created",
            "Charge dispute created",
            "Dispute",
            "dispute",
            true,
        ),
        (
            "payment_intent.succeeded",
            "Payment intent succeeded",
            "Payment intent",
            "payment_intent",
            true,
        ),
        (
            "checkout.session.completed",
            "Checkout session completed",
            "Checkout",
            "checkout.session",
            true,
        ),
        (
            "invoiceitem.created",
            "Invoice item created",
            "Invoice item",
            "invoiceitem",
            false,
        ),
        (
            "customer.discount.created",
            "Customer discount created",
            "Customer",
            "discount",
            false,
        ),
        (
            "radar.early_fraud_warning.created",
            "Early fraud warning created",
            "Radar",
            "radar.early_fraud_warning",
            true,
        ),
        (
            "issuing_card.created",
            "Issuing card created",
            "Issuing",
            "issuing.card",
            false,
        ),
    ];
    for (kind, label, category, object, suggested) in cases {
        let e = event_type(kind).unwrap_or_else(|| panic!("{kind}"));
        assert_eq!(
            (e.label, e.category, e.object, e.suggested),
            (label, category, object, suggested),
            "{kind}"
        );
    }
    assert!(suggested_event_types().count() >= 8);
}

#[test]
fn search_matches_every_word_over_type_label_and_category() {
    let cases: [(&str, &[&str]); 3] = [
        ("payment intent succeeded", &["payment_intent.succeeded"]),
        (
            "dispute created",
            &["charge.dispute.created", "issuing_dispute.created"],
        ),
        (
            "customer.subscription.deleted",
            &["customer.subscription.deleted"],
        ),
    ];
    for (query, want) in cases {
        let got: Vec<&str> = search_event_types(query).iter().map(|e| e.kind).collect();
        assert_eq!(got, want, "{query}");
    }
    assert_eq!(search_event_types("").len(), 265);
}

#[test]
fn actions_are_named_like_stripes_reference() {
    assert!(actions().len() >= 30);
    let cases = [
        ("customers.create", "Create a customer", "customer"),
        ("customers.update", "Update a customer", "customer"),
        (
            "invoiceitems.create",
            "Create an invoice item",
            "invoiceitem",
        ),
        ("invoices.finalize", "Finalize an invoice", "invoice"),
        (
            "subscriptions.cancel",
            "Cancel a subscription",
            "subscription",
        ),
        ("refunds.create", "Create a refund", "refund"),
        ("coupons.create", "Create a coupon", "coupon"),
    ];
    for (id, name, returns) in cases {
        let a = action(id).unwrap_or_else(|| panic!("{id}"));
        assert_eq!((a.name, a.returns), (name, returns), "{id}");
    }
    let update = action("customers.update").unwrap();
    let customer = update.params.iter().find(|p| p.name == "customer").unwrap();
    assert!(customer.required);
    assert_eq!(customer.kind, ParamKind::Id("customer"));
    let metadata = update.params.iter().find(|p| p.name == "metadata").unwrap();
    assert_eq!(metadata.kind, ParamKind::Metadata);
    assert!(action("refunds.create")
        .unwrap()
        .params
        .iter()
        .any(|p| p.name == "amount" && p.kind == ParamKind::Money));
    for a in actions() {
        for emitted in a.emits {
            assert!(
                event_type(emitted).is_some(),
                "{} emits unknown {emitted}",
                a.id
            );
        }
    }
}

#[test]
fn fields_are_typed() {
    let cases = [
        ("customer", "email", ValueKind::String),
        ("customer", "address.city", ValueKind::String),
        ("customer", "metadata", ValueKind::Object),
        ("customer", "created", ValueKind::Timestamp),
        ("customer", "balance", ValueKind::Money),
        ("customer", "delinquent", ValueKind::Boolean),
        ("invoice", "amount_due", ValueKind::Money),
        ("invoice", "lines", ValueKind::Object),
        ("invoice", "lines.data", ValueKind::List),
        (
            "invoice",
            "status_transitions.paid_at",
            ValueKind::Timestamp,
        ),
        ("payment_intent", "amount", ValueKind::Money),
        ("payment_intent", "customer", ValueKind::String),
        ("subscription", "items.data", ValueKind::List),
        ("subscription", "trial_end", ValueKind::Timestamp),
        (
            "charge",
            "payment_method_details.card.brand",
            ValueKind::String,
        ),
        ("coupon", "percent_off", ValueKind::Number),
        ("issuing.card", "last4", ValueKind::String),
    ];
    for (object, path, kind) in cases {
        let list = fields(object);
        let f = list
            .iter()
            .find(|f| f.path == path)
            .unwrap_or_else(|| panic!("{object}.{path}"));
        assert_eq!(f.kind, kind, "{object}.{path}");
    }
    let pi = fields("payment_intent");
    assert_eq!(
        pi.iter().find(|f| f.path == "customer").unwrap().label,
        "Customer ID"
    );
    assert!(
        fields("customer").iter().all(|f| f.path != "nickname"),
        "a field that cannot exist"
    );
    assert!(fields("no_such_object").is_empty());
    for e in event_types() {
        assert!(!fields(e.object).is_empty(), "{} has fields", e.object);
    }
}

#[test]
fn action_search_matches_every_word_over_name_id_resource_and_description() {
    let cases: [(&str, &str, &[&str]); 7] = [
        ("name", "update customer", &["customers.update"]),
        ("id as written", "customers.update", &["customers.update"]),
        (
            "id words",
            "payment_intents capture",
            &["payment_intents.capture"],
        ),
        ("description", "hosted page", &["checkout.sessions.create"]),
        (
            "resource, case-insensitive",
            "CREDIT NOTE",
            &["credit_notes.create", "credit_notes.void"],
        ),
        ("every word must match", "refund customer", &[]),
        ("nothing", "zzz", &[]),
    ];
    for (name, query, want) in cases {
        let got: Vec<&str> = search_actions(query).iter().map(|a| a.id).collect();
        assert_eq!(got, want, "case `{name}`");
    }
}

#[test]
fn action_search_keeps_picker_order() {
    assert_eq!(search_actions("").len(), actions().len());
    assert_eq!(search_actions("   ").len(), actions().len());
    let refunds: Vec<&str> = search_actions("refund").iter().map(|a| a.id).collect();
    let in_catalog: Vec<&str> = actions()
        .iter()
        .map(|a| a.id)
        .filter(|id| refunds.contains(id))
        .collect();
    assert_eq!(refunds, in_catalog);
    assert!(refunds.starts_with(&["refunds.create", "refunds.retrieve", "refunds.update"]));
}

/// Parameters that deliberately differ from Stripe's operation: (action, parameter, why).
/// Keep it short; each entry is a place where the sandbox is knowingly not Stripe.
const PARAM_DIFFERENCES: &[(&str, &str, &str)] = &[];

/// `/v1/customers/{customer}` → `/v1/customers/{}`, and the names of its placeholders.
fn path_template(path: &str) -> (String, Vec<&str>) {
    let mut template = String::new();
    let mut names = Vec::new();
    let mut rest = path;
    while let Some(start) = rest.find('{') {
        let Some(len) = rest[start..].find('}') else {
            break;
        };
        template.push_str(&rest[..start]);
        template.push_str("{}");
        names.push(&rest[start + 1..start + len]);
        rest = &rest[start + len + 1..];
    }
    template.push_str(rest);
    (template, names)
}

/// An action's parameters as Stripe names them, dotted, with their **Required** marker:
/// the fields of a list of objects (`items`) are named `items.price`, ...
fn catalog_params(spec: &sandflow_engine::sandbox::ActionSpec) -> Vec<(String, bool)> {
    let (_, path_names) = path_template(spec.path);
    let mut out = Vec::new();
    for p in spec.params.iter().filter(|p| !path_names.contains(&p.name)) {
        out.push((p.name.to_owned(), p.required));
        if let ParamKind::Items(fields) = p.kind {
            for f in fields {
                out.push((format!("{}.{}", p.name, f.name), p.required && f.required));
            }
        }
    }
    out
}

#[test]
fn every_action_takes_stripes_parameters_and_requires_what_stripe_requires() {
    let data: serde_json::Value =
        serde_json::from_str(include_str!("data/stripe_api_params.json")).unwrap();
    let operations = data["operations"].as_object().unwrap();
    let mut differences = Vec::new();
    let mut matching = 0;
    for spec in actions() {
        let method = format!("{:?}", spec.method).to_uppercase();
        let (template, _) = path_template(spec.path);
        let key = format!("{method} {template}");
        let Some(stripe) = operations.get(&key).and_then(|o| o.as_object()) else {
            differences.push(format!(
                "{}: {key} is not in the data (run engine/tests/data/derive.py --api-ops)",
                spec.id
            ));
            continue;
        };
        // Required by Stripe: the parameter and every parent of it.
        let required = |name: &str| {
            let mut prefix = String::new();
            name.split('.').all(|part| {
                if !prefix.is_empty() {
                    prefix.push('.');
                }
                prefix.push_str(part);
                stripe.get(&prefix).and_then(|r| r.as_i64()) == Some(1)
            })
        };
        let ours = catalog_params(spec);
        let mut found = Vec::new();
        for (name, is_required) in &ours {
            if !stripe.contains_key(name) {
                found.push((name.clone(), "Stripe has no such parameter".to_owned()));
            } else if required(name) != *is_required {
                found.push((
                    name.clone(),
                    format!("Required is {is_required}, Stripe's {}", required(name)),
                ));
            }
        }
        for name in stripe.keys().filter(|n| required(n)) {
            let covered = ours
                .iter()
                .any(|(n, _)| n == name || n.starts_with(&format!("{name}.")));
            if !covered {
                found.push((name.clone(), "required by Stripe, missing".to_owned()));
            }
        }
        found.retain(|(name, _)| {
            !PARAM_DIFFERENCES
                .iter()
                .any(|(id, param, _)| *id == spec.id && param == name)
        });
        if found.is_empty() {
            matching += 1;
        }
        differences.extend(
            found
                .into_iter()
                .map(|(name, why)| format!("{} `{name}`: {why}", spec.id)),
        );
    }
    println!(
        "{matching} of {} actions take Stripe's parameters with Stripe's Required markers ({})",
        actions().len(),
        data["api_version"]
    );
    assert!(
        differences.is_empty(),
        "differences from Stripe:\n{}",
        differences.join("\n")
    );
}

/// Regression: Percent off was typed "whole number" while its description allowed
/// decimals, and 12.5 was refused in the builder. A parameter's type and its description
/// must say the same thing.
#[test]
fn a_parameters_type_and_its_description_agree() {
    use sandflow_engine::sandbox::{actions, ParamKind};
    for action in actions() {
        for p in action.params {
            let text = p.description.to_lowercase();
            let place = format!("{}.{}: {}", action.id, p.name, p.description);
            if text.contains("decimal") {
                assert_eq!(p.kind, ParamKind::Percent, "{place}");
            }
            if p.kind == ParamKind::Percent {
                assert!(text.contains("percent"), "{place}");
            }
            if text.contains("minor unit") || text.contains("cents") {
                assert!(matches!(p.kind, ParamKind::Money), "{place}");
            }
        }
    }
    let coupon = sandflow_engine::sandbox::action("coupons.create").expect("coupons.create");
    let percent = coupon
        .params
        .iter()
        .find(|p| p.name == "percent_off")
        .expect("percent_off");
    assert_eq!(percent.kind, ParamKind::Percent);
}
