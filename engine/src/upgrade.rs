//! Workflows written against the earlier action catalog, brought to Stripe's parameters.
//!
//! Before the catalog followed Stripe's API at the version the events claim, five actions
//! took parameters under other names: subscriptions and Checkout Sessions a bare `price`
//! and `quantity` (Stripe: `items` / `line_items` rows), invoice items `price` (Stripe:
//! `pricing.price`), promotion codes `coupon` (Stripe: `promotion` of type `coupon`). A
//! workflow saved then would now fail on those steps. [`upgrade_params`] rewrites them, the
//! same values under Stripe's names, wherever a definition is read: stored workflows and
//! drafts, imported files, stored versions. It changes nothing already in Stripe's form.

use serde_json::{json, Map, Value};

use crate::workflow::{Step, Workflow};

/// Rewrites the parameters of `workflow`'s steps written against the earlier catalog;
/// whether anything changed.
pub fn upgrade_params(workflow: &mut Workflow) -> bool {
    upgrade_steps(&mut workflow.steps)
}

fn upgrade_steps(steps: &mut [Step]) -> bool {
    let mut changed = false;
    for step in steps {
        match step {
            Step::Action { action, params, .. } => changed |= upgrade_action(action, params),
            Step::Branch {
                then, otherwise, ..
            } => {
                changed |= upgrade_steps(then);
                changed |= upgrade_steps(otherwise);
            }
            Step::Email { .. } => {}
        }
    }
    changed
}

/// Moves `price` and `quantity` into one row of the list `list`, unless it is there already.
fn into_row(params: &mut Map<String, Value>, list: &str) -> bool {
    if params.contains_key(list)
        || !(params.contains_key("price") || params.contains_key("quantity"))
    {
        return false;
    }
    let mut row = Map::new();
    for field in ["price", "quantity"] {
        if let Some(value) = params.remove(field) {
            row.insert(field.to_owned(), value);
        }
    }
    params.insert(list.to_owned(), Value::Array(vec![Value::Object(row)]));
    true
}

fn upgrade_action(action: &str, params: &mut Map<String, Value>) -> bool {
    match action {
        "subscriptions.create" | "subscriptions.update" => into_row(params, "items"),
        "checkout.sessions.create" => into_row(params, "line_items"),
        "invoiceitems.create" => match params.remove("price") {
            Some(price) if !params.contains_key("pricing.price") => {
                params.insert("pricing.price".to_owned(), price);
                true
            }
            Some(price) => {
                params.insert("price".to_owned(), price);
                false
            }
            None => false,
        },
        "promotion_codes.create" => match params.remove("coupon") {
            Some(coupon) if !params.contains_key("promotion.coupon") => {
                params.insert("promotion.type".to_owned(), json!("coupon"));
                params.insert("promotion.coupon".to_owned(), coupon);
                true
            }
            Some(coupon) => {
                params.insert("coupon".to_owned(), coupon);
                false
            }
            None => false,
        },
        _ => false,
    }
}
