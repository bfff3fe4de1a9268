//! Ready-made workflows people start from: Stripe's documented use cases and a few more.
//!
//! Each [`WorkflowTemplate`] holds a complete, valid, inactive definition; instantiating one
//! gives it a fresh workflow id and times. Step ids inside a template are readable names
//! (`retrieve_customer`): they only need to be unique within their workflow.

use crate::json::json;

use crate::condition::{Compare, Condition, Op, Quantifier};
use crate::field_spec::ValueKind;
use crate::ids::Ids;
use crate::reference::Reference;
use crate::workflow::{Step, Trigger, Workflow};

/// A ready-made workflow.
#[derive(Clone, Debug, PartialEq)]
pub struct WorkflowTemplate {
    /// Stable id, for the app's translations of the texts below, e.g. `tag_vip_customers`.
    pub id: &'static str,
    /// Shown on the card, e.g. "Tag VIP customers".
    pub name: &'static str,
    /// One sentence on what it does.
    pub description: &'static str,
    /// The definition (its id is empty until instantiated).
    pub workflow: Workflow,
}

impl WorkflowTemplate {
    /// A new inactive workflow from this template.
    pub fn instantiate(&self, ids: &mut Ids, now: i64) -> Workflow {
        Workflow {
            id: ids.next("wf"),
            created: now,
            updated: now,
            ..self.workflow.clone()
        }
    }
}

fn compare(field: &str, op: Op, kind: ValueKind, value: serde_json::Value) -> Condition {
    Condition::Compare(Compare {
        field: Reference::parse(field).expect("template fields are valid references"),
        op,
        value,
        kind,
        quantifier: Quantifier::Any,
        currency: None,
    })
}

fn workflow(
    name: &str,
    event_type: &str,
    condition: Option<Condition>,
    steps: Vec<Step>,
) -> Workflow {
    Workflow {
        name: name.to_owned(),
        trigger: Some(Trigger {
            event_type: event_type.to_owned(),
            condition,
        }),
        steps,
        ..Workflow::new("", 0)
    }
}

/// Every template, in gallery order.
pub fn templates() -> Vec<WorkflowTemplate> {
    vec![
        WorkflowTemplate {
            id: "personalize_orders",
            name: "Personalize orders",
            description: "When a payment over 1,000 USD succeeds, email the team the customer and amount so they can add a personal touch.",
            workflow: workflow(
                "Personalize orders",
                "payment_intent.succeeded",
                Some(Condition::All(vec![
                    compare("trigger.data.object.amount", Op::GreaterThan, ValueKind::Money, json!(1000)),
                    compare("trigger.data.object.currency", Op::Equals, ValueKind::String, json!("usd")),
                ])),
                vec![Step::email(
                    "email_team",
                    "orders@example.com",
                    "Large order from {{trigger.data.object.customer}}",
                    "A payment of more than 1,000 USD just succeeded. Consider a personal thank-you.",
                    &[
                        ("Customer", "{{trigger.data.object.customer}}"),
                        ("Amount", "{{trigger.data.object.amount}}"),
                        ("Currency", "{{trigger.data.object.currency}}"),
                    ],
                )],
            ),
        },
        WorkflowTemplate {
            id: "tag_vip_customers",
            name: "Tag VIP customers",
            description: "When a payment with a tip succeeds, tag the customer Tier = VIP in their metadata.",
            workflow: workflow(
                "Tag VIP customers",
                "payment_intent.succeeded",
                None,
                vec![
                    Step::action(
                        "retrieve_customer",
                        "customers.retrieve",
                        json!({ "customer": "{{trigger.data.object.customer}}" }),
                    ),
                    Step::branch(
                        "has_tip",
                        compare(
                            "trigger.data.object.amount_details.tip.amount",
                            Op::IsNotEmpty,
                            ValueKind::Money,
                            serde_json::Value::Null,
                        ),
                        vec![Step::action(
                            "tag_vip",
                            "customers.update",
                            json!({
                                "customer": "{{steps.retrieve_customer.id}}",
                                "metadata": { "Tier": "VIP" },
                            }),
                        )],
                        vec![],
                    ),
                ],
            ),
        },
        WorkflowTemplate {
            id: "refund_early_fraud_warning",
            name: "Refund on early fraud warning",
            description: "When Radar raises an early fraud warning, refund small charges automatically and email the team about large ones.",
            workflow: workflow(
                "Refund on early fraud warning",
                "radar.early_fraud_warning.created",
                None,
                vec![
                    Step::action(
                        "retrieve_charge",
                        "charges.retrieve",
                        json!({ "charge": "{{trigger.data.object.charge}}" }),
                    ),
                    Step::branch(
                        "small_charge",
                        compare(
                            "steps.retrieve_charge.amount",
                            Op::LessThanOrEqual,
                            ValueKind::Money,
                            json!(100),
                        ),
                        vec![Step::action(
                            "refund",
                            "refunds.create",
                            json!({ "charge": "{{steps.retrieve_charge.id}}", "reason": "fraudulent" }),
                        )],
                        vec![Step::email(
                            "email_team",
                            "risk@example.com",
                            "Early fraud warning on {{steps.retrieve_charge.id}}",
                            "Radar raised an early fraud warning on a charge above the refund threshold. Review it in the Dashboard.",
                            &[
                                ("Charge", "{{steps.retrieve_charge.id}}"),
                                ("Amount", "{{steps.retrieve_charge.amount}}"),
                                ("Customer", "{{steps.retrieve_charge.customer}}"),
                            ],
                        )],
                    ),
                ],
            ),
        },
        WorkflowTemplate {
            id: "notify_dispute",
            name: "Notify the team of a dispute",
            description: "When a customer disputes a charge, email the team the dispute's details so they can respond before the deadline.",
            workflow: workflow(
                "Notify the team of a dispute",
                "charge.dispute.created",
                None,
                vec![Step::email(
                    "email_team",
                    "disputes@example.com",
                    "New dispute {{trigger.data.object.id}}",
                    "A charge was disputed. Gather evidence and respond in the Dashboard.",
                    &[
                        ("Dispute", "{{trigger.data.object.id}}"),
                        ("Charge", "{{trigger.data.object.charge}}"),
                        ("Amount", "{{trigger.data.object.amount}}"),
                        ("Reason", "{{trigger.data.object.reason}}"),
                    ],
                )],
            ),
        },
        WorkflowTemplate {
            id: "thank_new_customers",
            name: "Thank new customers",
            description: "When a customer with an email is created, create a 10% welcome coupon and email the team to send it with a thank-you note.",
            workflow: workflow(
                "Thank new customers",
                "customer.created",
                Some(compare("trigger.data.object.email", Op::IsNotEmpty, ValueKind::String, serde_json::Value::Null)),
                vec![
                    Step::action(
                        "welcome_coupon",
                        "coupons.create",
                        json!({ "percent_off": 10, "duration": "once", "name": "Welcome {{trigger.data.object.name}}" }),
                    ),
                    Step::action(
                        "remember_coupon",
                        "customers.update",
                        json!({
                            "customer": "{{trigger.data.object.id}}",
                            "metadata": { "welcome_coupon": "{{steps.welcome_coupon.id}}" },
                        }),
                    ),
                    Step::email(
                        "email_team",
                        "success@example.com",
                        "Say thank you to {{trigger.data.object.name}}",
                        "A new customer signed up. Send them a thank-you note with their welcome coupon.",
                        &[
                            ("Customer", "{{trigger.data.object.id}}"),
                            ("Email", "{{trigger.data.object.email}}"),
                            ("Coupon", "{{steps.welcome_coupon.id}}"),
                        ],
                    ),
                ],
            ),
        },
    ]
}
