//! The catalogs workflows are built from: the actions a step can take and the event types a
//! trigger can listen to.
//!
//! Actions are named and shaped as Stripe's API reference names them ("Create a customer",
//! `POST /v1/customers`), with Stripe's parameter names. Path parameters (the id of the
//! object acted on) are named after the object (`customer`, `invoice`, ...) and always
//! **Required**. Nested Stripe parameters are written with a dot (`recurring.interval`) and
//! set the nested field of the same path; lists of objects (a subscription's `items`, a
//! Checkout Session's `line_items`) are one [`ParamKind::Items`] parameter whose rows have
//! their own fields. Names, and which parameters are **Required**, are Stripe's at the API
//! version the events claim (`tests/sandbox_catalog.rs` checks them against data derived
//! from Stripe's API); a parameter Stripe requires only in some cases is optional here and
//! says when in its description. `emits` lists every event type a successful call can emit,
//! so the editor can warn about workflows that trigger themselves. The event types live in
//! `events_catalog.rs`.

use serde::{Deserialize, Serialize};

/// HTTP method of an API action.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Method {
    /// GET
    Get,
    /// POST
    Post,
    /// DELETE
    Delete,
}

/// The type of an action parameter, which decides the input the editor shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum ParamKind {
    /// Free text.
    String,
    /// A whole number.
    Integer,
    /// A percentage, decimals allowed (`percent_off`: 12.5).
    Percent,
    /// An amount in the currency's minor unit.
    Money,
    /// `true` / `false`.
    Boolean,
    /// Unix seconds.
    Timestamp,
    /// One of a fixed set of values.
    Enum(&'static [&'static str]),
    /// The id of an object of this type (`"customer"`, `"invoice"`, ...).
    Id(&'static str),
    /// Key/value pairs (Stripe `metadata`).
    Metadata,
    /// A list of strings.
    List,
    /// A list of objects with these fields, one row each: a subscription's `items`, a
    /// Checkout Session's `line_items` (Stripe receives `items[0][price]`, ...).
    Items(&'static [ParamSpec]),
}

/// One parameter of an action.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct ParamSpec {
    /// Stripe's parameter name, e.g. `customer`, `amount`, `metadata`.
    pub name: &'static str,
    /// Its type.
    pub kind: ParamKind,
    /// Shown as **Required** in the editor; activation refuses while it is empty.
    pub required: bool,
    /// One line on what it does.
    pub description: &'static str,
}

/// One API action a workflow step can take.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct ActionSpec {
    /// Stable id used in stored workflows, e.g. `customers.update`.
    pub id: &'static str,
    /// As Stripe's API reference names it, e.g. "Update a customer".
    pub name: &'static str,
    /// The resource group in the picker, e.g. "Customer".
    pub resource: &'static str,
    /// HTTP method.
    pub method: Method,
    /// Path template, e.g. `/v1/customers/{customer}`.
    pub path: &'static str,
    /// Parameters, path parameters first.
    pub params: &'static [ParamSpec],
    /// The object type it returns, e.g. `customer`.
    pub returns: &'static str,
    /// One sentence for the picker.
    pub description: &'static str,
    /// The event types a successful call can emit (used to warn about cycles).
    pub emits: &'static [&'static str],
}

/// One event type a trigger can listen to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct EventSpec {
    /// e.g. `customer.created`
    pub kind: &'static str,
    /// e.g. "Customer created"
    pub label: &'static str,
    /// e.g. "Customer"
    pub category: &'static str,
    /// The type of `data.object`, e.g. `customer`.
    pub object: &'static str,
    /// In the picker's **Suggested** group.
    pub suggested: bool,
}

impl EventSpec {
    /// One sentence on when Stripe sends it.
    pub fn description(&self) -> &'static str {
        let all = super::event_types();
        all.binary_search_by(|e| e.kind.cmp(self.kind))
            .map_or("", |i| super::events_catalog::EVENT_DESCRIPTIONS[i])
    }
}

/// The workflow-specific step that is not an API call: its picker name. The engine models
/// it as its own step kind; what it sends is kept in the run (the Outbox page reads it there).
pub const EMAIL_STEP_NAME: &str = "Email a team member";

/// A **Required** parameter.
const fn req(name: &'static str, kind: ParamKind, description: &'static str) -> ParamSpec {
    ParamSpec {
        name,
        kind,
        required: true,
        description,
    }
}

/// An optional parameter.
const fn opt(name: &'static str, kind: ParamKind, description: &'static str) -> ParamSpec {
    ParamSpec {
        name,
        kind,
        required: false,
        description,
    }
}

const METADATA: ParamSpec = opt(
    "metadata",
    ParamKind::Metadata,
    "Key-value pairs to store on the object; an empty value removes the key.",
);
const LIMIT: ParamSpec = opt(
    "limit",
    ParamKind::Integer,
    "How many objects to return, between 1 and 100 (default 10).",
);
const CURRENCY_REQ: ParamSpec = req(
    "currency",
    ParamKind::String,
    "Three-letter ISO currency code, lower case, such as usd.",
);
const CURRENCY_OPT: ParamSpec = opt(
    "currency",
    ParamKind::String,
    "Three-letter ISO currency code, lower case, such as usd.",
);
const DESCRIPTION: ParamSpec = opt(
    "description",
    ParamKind::String,
    "An arbitrary string, often shown to the customer.",
);
const CUSTOMER_ID: ParamSpec = req(
    "customer",
    ParamKind::Id("customer"),
    "The id of the customer.",
);
const CUSTOMER_FILTER: ParamSpec = opt(
    "customer",
    ParamKind::Id("customer"),
    "Only return objects of this customer.",
);
const PRODUCT_ID: ParamSpec = req(
    "product",
    ParamKind::Id("product"),
    "The id of the product.",
);
const PRICE_ID: ParamSpec = req("price", ParamKind::Id("price"), "The id of the price.");
const COUPON_ID: ParamSpec = req("coupon", ParamKind::Id("coupon"), "The id of the coupon.");
const INVOICE_ID: ParamSpec = req(
    "invoice",
    ParamKind::Id("invoice"),
    "The id of the invoice.",
);
const INVOICEITEM_ID: ParamSpec = req(
    "invoiceitem",
    ParamKind::Id("invoiceitem"),
    "The id of the invoice item.",
);
const SUBSCRIPTION_ID: ParamSpec = req(
    "subscription",
    ParamKind::Id("subscription"),
    "The id of the subscription.",
);
const PAYMENT_INTENT_ID: ParamSpec = req(
    "payment_intent",
    ParamKind::Id("payment_intent"),
    "The id of the payment intent.",
);
const CHARGE_ID: ParamSpec = req("charge", ParamKind::Id("charge"), "The id of the charge.");
const DISPUTE_ID: ParamSpec = req(
    "dispute",
    ParamKind::Id("dispute"),
    "The id of the dispute.",
);
const REFUND_ID: ParamSpec = req("refund", ParamKind::Id("refund"), "The id of the refund.");
const COLLECTION: ParamKind = ParamKind::Enum(&["charge_automatically", "send_invoice"]);
const INTERVALS: ParamKind = ParamKind::Enum(&["day", "week", "month", "year"]);

/// Parameters every customer write shares.
const CUSTOMER_FIELDS: [ParamSpec; 5] = [
    opt(
        "name",
        ParamKind::String,
        "The customer's full name or business name.",
    ),
    opt("email", ParamKind::String, "The customer's email address."),
    opt("phone", ParamKind::String, "The customer's phone number."),
    DESCRIPTION,
    METADATA,
];

/// The address parameters of customer writes.
const ADDRESS: [ParamSpec; 5] = [
    opt(
        "address.line1",
        ParamKind::String,
        "Address line 1 (street, PO box or company name).",
    ),
    opt(
        "address.city",
        ParamKind::String,
        "City, district, suburb, town or village.",
    ),
    opt(
        "address.postal_code",
        ParamKind::String,
        "ZIP or postal code.",
    ),
    opt(
        "address.state",
        ParamKind::String,
        "State, county, province or region.",
    ),
    opt(
        "address.country",
        ParamKind::String,
        "Two-letter country code (ISO 3166-1 alpha-2).",
    ),
];

/// The fields of one row of a subscription's `items` when creating it.
const ITEM_FIELDS: [ParamSpec; 2] = [
    opt(
        "price",
        ParamKind::Id("price"),
        "The price. Required in each row: Stripe also takes price_data instead, which the sandbox does not.",
    ),
    opt(
        "quantity",
        ParamKind::Integer,
        "How many of it (default 1).",
    ),
];

/// The fields of one row of a Checkout Session's `line_items`.
const LINE_ITEM_FIELDS: [ParamSpec; 2] = [
    ITEM_FIELDS[0],
    opt(
        "quantity",
        ParamKind::Integer,
        "How many of it. Required in each row that has a price.",
    ),
];

/// The fields of one row of a subscription update's `items`.
const UPDATE_ITEM_FIELDS: [ParamSpec; 3] = [
    opt(
        "id",
        ParamKind::Id("subscription_item"),
        "The subscription item to change; leave empty to add an item.",
    ),
    opt(
        "price",
        ParamKind::Id("price"),
        "The price: the item's new price, or the price of the added item.",
    ),
    opt("quantity", ParamKind::Integer, "How many of it."),
];

/// Every action, in picker order (grouped by resource).
pub(crate) static ACTIONS: &[ActionSpec] = &[
    // Customer
    ActionSpec {
        id: "customers.create",
        name: "Create a customer",
        resource: "Customer",
        method: Method::Post,
        path: "/v1/customers",
        params: &[
            CUSTOMER_FIELDS[0],
            CUSTOMER_FIELDS[1],
            CUSTOMER_FIELDS[2],
            CUSTOMER_FIELDS[3],
            ADDRESS[0],
            ADDRESS[1],
            ADDRESS[2],
            ADDRESS[3],
            ADDRESS[4],
            opt(
                "balance",
                ParamKind::Money,
                "Starting balance in the minor unit; negative is a credit.",
            ),
            opt(
                "payment_method",
                ParamKind::Id("payment_method"),
                "A payment method to attach, such as the test token pm_card_visa.",
            ),
            opt(
                "invoice_settings.default_payment_method",
                ParamKind::Id("payment_method"),
                "The payment method invoices are paid with: the one given in Payment method.",
            ),
            METADATA,
        ],
        returns: "customer",
        description: "Creates a customer.",
        emits: &["customer.created", "payment_method.attached"],
    },
    ActionSpec {
        id: "customers.retrieve",
        name: "Retrieve a customer",
        resource: "Customer",
        method: Method::Get,
        path: "/v1/customers/{customer}",
        params: &[CUSTOMER_ID],
        returns: "customer",
        description: "Fetches the current version of a customer.",
        emits: &[],
    },
    ActionSpec {
        id: "customers.update",
        name: "Update a customer",
        resource: "Customer",
        method: Method::Post,
        path: "/v1/customers/{customer}",
        params: &[
            CUSTOMER_ID,
            CUSTOMER_FIELDS[0],
            CUSTOMER_FIELDS[1],
            CUSTOMER_FIELDS[2],
            CUSTOMER_FIELDS[3],
            ADDRESS[0],
            ADDRESS[1],
            ADDRESS[2],
            ADDRESS[3],
            ADDRESS[4],
            opt(
                "balance",
                ParamKind::Money,
                "Balance in the minor unit; negative is a credit.",
            ),
            opt(
                "invoice_settings.default_payment_method",
                ParamKind::Id("payment_method"),
                "The payment method used for the customer's invoices.",
            ),
            METADATA,
        ],
        returns: "customer",
        description: "Changes the given fields of a customer; metadata keys are merged.",
        emits: &["customer.updated"],
    },
    ActionSpec {
        id: "customers.delete",
        name: "Delete a customer",
        resource: "Customer",
        method: Method::Delete,
        path: "/v1/customers/{customer}",
        params: &[CUSTOMER_ID],
        returns: "customer",
        description: "Permanently deletes a customer and cancels its subscriptions.",
        emits: &["customer.deleted", "customer.subscription.deleted"],
    },
    ActionSpec {
        id: "customers.list",
        name: "List all customers",
        resource: "Customer",
        method: Method::Get,
        path: "/v1/customers",
        params: &[
            opt(
                "email",
                ParamKind::String,
                "Only return customers with this email.",
            ),
            LIMIT,
        ],
        returns: "list",
        description: "Lists customers, newest first.",
        emits: &[],
    },
    // Product
    ActionSpec {
        id: "products.create",
        name: "Create a product",
        resource: "Product",
        method: Method::Post,
        path: "/v1/products",
        params: &[
            req(
                "name",
                ParamKind::String,
                "The product's name, shown to customers.",
            ),
            DESCRIPTION,
            opt(
                "active",
                ParamKind::Boolean,
                "Whether the product can be bought.",
            ),
            METADATA,
        ],
        returns: "product",
        description: "Creates a product.",
        emits: &["product.created"],
    },
    ActionSpec {
        id: "products.retrieve",
        name: "Retrieve a product",
        resource: "Product",
        method: Method::Get,
        path: "/v1/products/{product}",
        params: &[PRODUCT_ID],
        returns: "product",
        description: "Fetches the current version of a product.",
        emits: &[],
    },
    ActionSpec {
        id: "products.update",
        name: "Update a product",
        resource: "Product",
        method: Method::Post,
        path: "/v1/products/{product}",
        params: &[
            PRODUCT_ID,
            opt("name", ParamKind::String, "The product's name."),
            DESCRIPTION,
            opt(
                "active",
                ParamKind::Boolean,
                "Whether the product can be bought.",
            ),
            METADATA,
        ],
        returns: "product",
        description: "Changes the given fields of a product.",
        emits: &["product.updated"],
    },
    ActionSpec {
        id: "products.delete",
        name: "Delete a product",
        resource: "Product",
        method: Method::Delete,
        path: "/v1/products/{product}",
        params: &[PRODUCT_ID],
        returns: "product",
        description: "Deletes a product that has no prices.",
        emits: &["product.deleted"],
    },
    // Price
    ActionSpec {
        id: "prices.create",
        name: "Create a price",
        resource: "Price",
        method: Method::Post,
        path: "/v1/prices",
        params: &[
            CURRENCY_REQ,
            opt(
                "product",
                ParamKind::Id("product"),
                "The product the price belongs to. Required unless product_data.name is given.",
            ),
            opt(
                "product_data.name",
                ParamKind::String,
                "The name of a new product for the price, created with it, instead of product.",
            ),
            opt(
                "unit_amount",
                ParamKind::Money,
                "The price in the currency's minor unit.",
            ),
            opt(
                "recurring.interval",
                INTERVALS,
                "Billing frequency; makes the price recurring.",
            ),
            opt(
                "recurring.interval_count",
                ParamKind::Integer,
                "Number of intervals between billings (default 1).",
            ),
            opt(
                "nickname",
                ParamKind::String,
                "A brief description, hidden from customers.",
            ),
            opt(
                "lookup_key",
                ParamKind::String,
                "A key to fetch the price by.",
            ),
            METADATA,
        ],
        returns: "price",
        description: "Creates a one-time or recurring price for a product.",
        emits: &["product.created", "price.created", "plan.created"],
    },
    ActionSpec {
        id: "prices.retrieve",
        name: "Retrieve a price",
        resource: "Price",
        method: Method::Get,
        path: "/v1/prices/{price}",
        params: &[PRICE_ID],
        returns: "price",
        description: "Fetches the current version of a price.",
        emits: &[],
    },
    ActionSpec {
        id: "prices.update",
        name: "Update a price",
        resource: "Price",
        method: Method::Post,
        path: "/v1/prices/{price}",
        params: &[
            PRICE_ID,
            opt(
                "active",
                ParamKind::Boolean,
                "Whether the price can be used for new purchases.",
            ),
            opt(
                "nickname",
                ParamKind::String,
                "A brief description, hidden from customers.",
            ),
            opt(
                "lookup_key",
                ParamKind::String,
                "A key to fetch the price by.",
            ),
            METADATA,
        ],
        returns: "price",
        description: "Changes the given fields of a price; amounts cannot change.",
        emits: &["price.updated", "plan.updated"],
    },
    // Coupon
    ActionSpec {
        id: "coupons.create",
        name: "Create a coupon",
        resource: "Coupon",
        method: Method::Post,
        path: "/v1/coupons",
        params: &[
            opt(
                "id",
                ParamKind::String,
                "The coupon's code-like id; generated when empty.",
            ),
            opt(
                "name",
                ParamKind::String,
                "Name shown to customers on invoices and receipts.",
            ),
            opt(
                "percent_off",
                ParamKind::Percent,
                "Percentage taken off, between 1 and 100 (decimals allowed).",
            ),
            opt(
                "amount_off",
                ParamKind::Money,
                "Amount taken off, in the minor unit.",
            ),
            CURRENCY_OPT,
            opt(
                "duration",
                ParamKind::Enum(&["once", "repeating", "forever"]),
                "How long the discount lasts (default once).",
            ),
            opt(
                "duration_in_months",
                ParamKind::Integer,
                "Months the discount lasts when the duration is repeating.",
            ),
            opt(
                "max_redemptions",
                ParamKind::Integer,
                "How many times the coupon can be redeemed in total.",
            ),
            opt(
                "redeem_by",
                ParamKind::Timestamp,
                "Last time the coupon can be redeemed.",
            ),
            METADATA,
        ],
        returns: "coupon",
        description: "Creates a coupon with either percent_off or amount_off.",
        emits: &["coupon.created"],
    },
    ActionSpec {
        id: "coupons.retrieve",
        name: "Retrieve a coupon",
        resource: "Coupon",
        method: Method::Get,
        path: "/v1/coupons/{coupon}",
        params: &[COUPON_ID],
        returns: "coupon",
        description: "Fetches the current version of a coupon.",
        emits: &[],
    },
    ActionSpec {
        id: "coupons.update",
        name: "Update a coupon",
        resource: "Coupon",
        method: Method::Post,
        path: "/v1/coupons/{coupon}",
        params: &[
            COUPON_ID,
            opt("name", ParamKind::String, "Name shown to customers."),
            METADATA,
        ],
        returns: "coupon",
        description: "Changes a coupon's name or metadata; its terms cannot change.",
        emits: &["coupon.updated"],
    },
    ActionSpec {
        id: "coupons.delete",
        name: "Delete a coupon",
        resource: "Coupon",
        method: Method::Delete,
        path: "/v1/coupons/{coupon}",
        params: &[COUPON_ID],
        returns: "coupon",
        description: "Deletes a coupon; existing discounts keep working.",
        emits: &["coupon.deleted"],
    },
    // Promotion code
    ActionSpec {
        id: "promotion_codes.create",
        name: "Create a promotion code",
        resource: "Promotion code",
        method: Method::Post,
        path: "/v1/promotion_codes",
        params: &[
            req(
                "promotion.type",
                ParamKind::Enum(&["coupon"]),
                "What the code promotes: coupon.",
            ),
            opt(
                "promotion.coupon",
                ParamKind::Id("coupon"),
                "The coupon the code applies. Required when Promotion type is coupon.",
            ),
            opt(
                "code",
                ParamKind::String,
                "The code customers type; generated when empty.",
            ),
            opt(
                "active",
                ParamKind::Boolean,
                "Whether the code can be redeemed.",
            ),
            opt(
                "customer",
                ParamKind::Id("customer"),
                "Only this customer can redeem it.",
            ),
            opt(
                "max_redemptions",
                ParamKind::Integer,
                "How many times it can be redeemed.",
            ),
            opt(
                "expires_at",
                ParamKind::Timestamp,
                "When the code stops working.",
            ),
            METADATA,
        ],
        returns: "promotion_code",
        description: "Creates a customer-facing code for a coupon.",
        emits: &["promotion_code.created"],
    },
    ActionSpec {
        id: "promotion_codes.update",
        name: "Update a promotion code",
        resource: "Promotion code",
        method: Method::Post,
        path: "/v1/promotion_codes/{promotion_code}",
        params: &[
            req(
                "promotion_code",
                ParamKind::Id("promotion_code"),
                "The id of the promotion code.",
            ),
            opt(
                "active",
                ParamKind::Boolean,
                "Whether the code can be redeemed.",
            ),
            METADATA,
        ],
        returns: "promotion_code",
        description: "Activates, deactivates or tags a promotion code.",
        emits: &["promotion_code.updated"],
    },
    // Invoice item
    ActionSpec {
        id: "invoiceitems.create",
        name: "Create an invoice item",
        resource: "Invoice item",
        method: Method::Post,
        path: "/v1/invoiceitems",
        params: &[
            CUSTOMER_ID,
            opt("amount", ParamKind::Money, "The amount in the minor unit."),
            CURRENCY_OPT,
            DESCRIPTION,
            opt(
                "invoice",
                ParamKind::Id("invoice"),
                "A draft invoice to add the item to; otherwise it waits for the next invoice.",
            ),
            opt(
                "pricing.price",
                ParamKind::Id("price"),
                "A one-time price to bill instead of an amount.",
            ),
            opt(
                "quantity",
                ParamKind::Integer,
                "Quantity of the price (default 1).",
            ),
            METADATA,
        ],
        returns: "invoiceitem",
        description: "Adds a line to a draft invoice or to the customer's next invoice.",
        emits: &["invoiceitem.created"],
    },
    ActionSpec {
        id: "invoiceitems.update",
        name: "Update an invoice item",
        resource: "Invoice item",
        method: Method::Post,
        path: "/v1/invoiceitems/{invoiceitem}",
        params: &[
            INVOICEITEM_ID,
            opt("amount", ParamKind::Money, "The amount in the minor unit."),
            DESCRIPTION,
            METADATA,
        ],
        returns: "invoiceitem",
        description: "Changes an invoice item that is not on a finalized invoice.",
        emits: &[],
    },
    ActionSpec {
        id: "invoiceitems.delete",
        name: "Delete an invoice item",
        resource: "Invoice item",
        method: Method::Delete,
        path: "/v1/invoiceitems/{invoiceitem}",
        params: &[INVOICEITEM_ID],
        returns: "invoiceitem",
        description: "Deletes an invoice item that is not on a finalized invoice.",
        emits: &["invoiceitem.deleted"],
    },
    // Invoice
    ActionSpec {
        id: "invoices.create",
        name: "Create an invoice",
        resource: "Invoice",
        method: Method::Post,
        path: "/v1/invoices",
        params: &[
            opt(
                "customer",
                ParamKind::Id("customer"),
                "The customer to bill. Required: Stripe also takes from_invoice instead, which the sandbox does not.",
            ),
            opt(
                "auto_advance",
                ParamKind::Boolean,
                "Whether Stripe finalizes and collects the invoice automatically.",
            ),
            opt(
                "collection_method",
                COLLECTION,
                "Charge the default payment method or email the invoice.",
            ),
            opt(
                "days_until_due",
                ParamKind::Integer,
                "Days until the invoice is due, for send_invoice.",
            ),
            DESCRIPTION,
            opt(
                "pending_invoice_items_behavior",
                ParamKind::Enum(&["include", "exclude"]),
                "Whether to pull in the customer's pending invoice items (default exclude).",
            ),
            METADATA,
        ],
        returns: "invoice",
        description: "Creates a draft invoice for a customer.",
        emits: &["invoice.created"],
    },
    ActionSpec {
        id: "invoices.retrieve",
        name: "Retrieve an invoice",
        resource: "Invoice",
        method: Method::Get,
        path: "/v1/invoices/{invoice}",
        params: &[INVOICE_ID],
        returns: "invoice",
        description: "Fetches the current version of an invoice.",
        emits: &[],
    },
    ActionSpec {
        id: "invoices.update",
        name: "Update an invoice",
        resource: "Invoice",
        method: Method::Post,
        path: "/v1/invoices/{invoice}",
        params: &[
            INVOICE_ID,
            DESCRIPTION,
            opt("footer", ParamKind::String, "Footer shown on the invoice."),
            opt(
                "auto_advance",
                ParamKind::Boolean,
                "Whether Stripe advances the invoice.",
            ),
            opt(
                "due_date",
                ParamKind::Timestamp,
                "When a send_invoice invoice is due.",
            ),
            METADATA,
        ],
        returns: "invoice",
        description: "Changes an invoice; only metadata and a few fields once it is finalized.",
        emits: &["invoice.updated"],
    },
    ActionSpec {
        id: "invoices.finalize",
        name: "Finalize an invoice",
        resource: "Invoice",
        method: Method::Post,
        path: "/v1/invoices/{invoice}/finalize",
        params: &[
            INVOICE_ID,
            opt(
                "auto_advance",
                ParamKind::Boolean,
                "Whether Stripe collects it automatically.",
            ),
        ],
        returns: "invoice",
        description: "Finalizes a draft invoice so it can be paid.",
        emits: &["invoice.finalized"],
    },
    ActionSpec {
        id: "invoices.pay",
        name: "Pay an invoice",
        resource: "Invoice",
        method: Method::Post,
        path: "/v1/invoices/{invoice}/pay",
        params: &[
            INVOICE_ID,
            opt(
                "paid_out_of_band",
                ParamKind::Boolean,
                "Mark it paid without charging, for payments made outside Stripe.",
            ),
            opt(
                "payment_method",
                ParamKind::Id("payment_method"),
                "Pay with this payment method instead of the customer's default.",
            ),
        ],
        returns: "invoice",
        description: "Charges an open invoice now (finalizing a draft first).",
        emits: &[
            "invoice.finalized",
            "payment_intent.created",
            "charge.succeeded",
            "charge.failed",
            "payment_intent.succeeded",
            "payment_intent.payment_failed",
            "invoice_payment.paid",
            "invoice.paid",
            "invoice.payment_succeeded",
            "invoice.payment_failed",
            "charge.dispute.created",
            "charge.dispute.funds_withdrawn",
            "radar.early_fraud_warning.created",
        ],
    },
    ActionSpec {
        id: "invoices.void",
        name: "Void an invoice",
        resource: "Invoice",
        method: Method::Post,
        path: "/v1/invoices/{invoice}/void",
        params: &[INVOICE_ID],
        returns: "invoice",
        description: "Voids an open invoice; it can no longer be paid.",
        emits: &["invoice.voided"],
    },
    ActionSpec {
        id: "invoices.send",
        name: "Send an invoice for manual payment",
        resource: "Invoice",
        method: Method::Post,
        path: "/v1/invoices/{invoice}/send",
        params: &[INVOICE_ID],
        returns: "invoice",
        description: "Emails an open invoice to the customer.",
        emits: &["invoice.sent"],
    },
    ActionSpec {
        id: "invoices.mark_uncollectible",
        name: "Mark an invoice as uncollectible",
        resource: "Invoice",
        method: Method::Post,
        path: "/v1/invoices/{invoice}/mark_uncollectible",
        params: &[INVOICE_ID],
        returns: "invoice",
        description: "Marks an open invoice as not expected to be paid.",
        emits: &["invoice.marked_uncollectible"],
    },
    ActionSpec {
        id: "invoices.delete",
        name: "Delete a draft invoice",
        resource: "Invoice",
        method: Method::Delete,
        path: "/v1/invoices/{invoice}",
        params: &[INVOICE_ID],
        returns: "invoice",
        description: "Permanently deletes a draft invoice.",
        emits: &["invoice.deleted"],
    },
    ActionSpec {
        id: "invoices.list",
        name: "List all invoices",
        resource: "Invoice",
        method: Method::Get,
        path: "/v1/invoices",
        params: &[
            CUSTOMER_FILTER,
            opt(
                "status",
                ParamKind::Enum(&["draft", "open", "paid", "uncollectible", "void"]),
                "Only return invoices in this status.",
            ),
            LIMIT,
        ],
        returns: "list",
        description: "Lists invoices, newest first.",
        emits: &[],
    },
    // Subscription
    ActionSpec {
        id: "subscriptions.create",
        name: "Create a subscription",
        resource: "Subscription",
        method: Method::Post,
        path: "/v1/subscriptions",
        params: &[
            CUSTOMER_ID,
            opt(
                "items",
                ParamKind::Items(&ITEM_FIELDS),
                "The recurring prices to subscribe to, one row each. Required: at least one row with a price.",
            ),
            opt(
                "trial_period_days",
                ParamKind::Integer,
                "Days of free trial before the first charge.",
            ),
            opt(
                "collection_method",
                COLLECTION,
                "Charge automatically or email invoices.",
            ),
            opt(
                "days_until_due",
                ParamKind::Integer,
                "Days until invoices are due, for send_invoice.",
            ),
            opt(
                "default_payment_method",
                ParamKind::Id("payment_method"),
                "The payment method to charge; otherwise the customer's default.",
            ),
            DESCRIPTION,
            METADATA,
        ],
        returns: "subscription",
        description: "Subscribes a customer to a recurring price and bills the first period.",
        emits: &[
            "customer.subscription.created",
            "invoice.created",
            "invoice.finalized",
            "payment_intent.created",
            "charge.succeeded",
            "charge.failed",
            "payment_intent.succeeded",
            "payment_intent.payment_failed",
            "invoice_payment.paid",
            "invoice.paid",
            "invoice.payment_succeeded",
            "invoice.payment_failed",
        ],
    },
    ActionSpec {
        id: "subscriptions.retrieve",
        name: "Retrieve a subscription",
        resource: "Subscription",
        method: Method::Get,
        path: "/v1/subscriptions/{subscription}",
        params: &[SUBSCRIPTION_ID],
        returns: "subscription",
        description: "Fetches the current version of a subscription.",
        emits: &[],
    },
    ActionSpec {
        id: "subscriptions.update",
        name: "Update a subscription",
        resource: "Subscription",
        method: Method::Post,
        path: "/v1/subscriptions/{subscription}",
        params: &[
            SUBSCRIPTION_ID,
            opt(
                "cancel_at_period_end",
                ParamKind::Boolean,
                "Cancel at the end of the current period instead of renewing.",
            ),
            opt(
                "items",
                ParamKind::Items(&UPDATE_ITEM_FIELDS),
                "Items to change (a row with the item's ID) or add (a row without one).",
            ),
            opt(
                "default_payment_method",
                ParamKind::Id("payment_method"),
                "The payment method to charge.",
            ),
            DESCRIPTION,
            METADATA,
        ],
        returns: "subscription",
        description: "Changes a subscription's price, quantity, cancellation or metadata.",
        emits: &["customer.subscription.updated"],
    },
    ActionSpec {
        id: "subscriptions.cancel",
        name: "Cancel a subscription",
        resource: "Subscription",
        method: Method::Delete,
        path: "/v1/subscriptions/{subscription}",
        params: &[
            SUBSCRIPTION_ID,
            opt(
                "cancellation_details.comment",
                ParamKind::String,
                "Why the subscription was canceled, in free text.",
            ),
            opt(
                "cancellation_details.feedback",
                ParamKind::Enum(&[
                    "customer_service",
                    "low_quality",
                    "missing_features",
                    "other",
                    "switched_service",
                    "too_complex",
                    "too_expensive",
                    "unused",
                ]),
                "The customer's reason for canceling.",
            ),
        ],
        returns: "subscription",
        description: "Cancels a subscription immediately.",
        emits: &["customer.subscription.deleted"],
    },
    ActionSpec {
        id: "subscriptions.list",
        name: "List subscriptions",
        resource: "Subscription",
        method: Method::Get,
        path: "/v1/subscriptions",
        params: &[
            CUSTOMER_FILTER,
            opt(
                "status",
                ParamKind::Enum(&[
                    "active",
                    "canceled",
                    "incomplete",
                    "past_due",
                    "paused",
                    "trialing",
                    "unpaid",
                ]),
                "Only return subscriptions in this status.",
            ),
            LIMIT,
        ],
        returns: "list",
        description: "Lists subscriptions, newest first.",
        emits: &[],
    },
    // Payment intent
    ActionSpec {
        id: "payment_intents.create",
        name: "Create a payment intent",
        resource: "Payment intent",
        method: Method::Post,
        path: "/v1/payment_intents",
        params: &[
            req(
                "amount",
                ParamKind::Money,
                "Amount to collect, in the minor unit.",
            ),
            CURRENCY_REQ,
            opt(
                "customer",
                ParamKind::Id("customer"),
                "The customer paying.",
            ),
            opt(
                "payment_method",
                ParamKind::Id("payment_method"),
                "The payment method, such as the test token pm_card_visa.",
            ),
            opt(
                "confirm",
                ParamKind::Boolean,
                "Confirm the payment right away.",
            ),
            opt(
                "capture_method",
                ParamKind::Enum(&["automatic", "manual"]),
                "Capture at once, or authorize now and capture later.",
            ),
            DESCRIPTION,
            opt(
                "receipt_email",
                ParamKind::String,
                "Where to send the receipt.",
            ),
            METADATA,
        ],
        returns: "payment_intent",
        description: "Creates a payment intent, and with confirm charges it.",
        emits: &[
            "payment_intent.created",
            "charge.succeeded",
            "charge.failed",
            "payment_intent.succeeded",
            "payment_intent.payment_failed",
            "payment_intent.amount_capturable_updated",
        ],
    },
    ActionSpec {
        id: "payment_intents.retrieve",
        name: "Retrieve a payment intent",
        resource: "Payment intent",
        method: Method::Get,
        path: "/v1/payment_intents/{payment_intent}",
        params: &[PAYMENT_INTENT_ID],
        returns: "payment_intent",
        description: "Fetches the current version of a payment intent.",
        emits: &[],
    },
    ActionSpec {
        id: "payment_intents.update",
        name: "Update a payment intent",
        resource: "Payment intent",
        method: Method::Post,
        path: "/v1/payment_intents/{payment_intent}",
        params: &[
            PAYMENT_INTENT_ID,
            opt(
                "amount",
                ParamKind::Money,
                "New amount, before confirmation.",
            ),
            DESCRIPTION,
            opt(
                "receipt_email",
                ParamKind::String,
                "Where to send the receipt.",
            ),
            METADATA,
        ],
        returns: "payment_intent",
        description: "Changes a payment intent (Stripe sends no event for this).",
        emits: &[],
    },
    ActionSpec {
        id: "payment_intents.confirm",
        name: "Confirm a payment intent",
        resource: "Payment intent",
        method: Method::Post,
        path: "/v1/payment_intents/{payment_intent}/confirm",
        params: &[
            PAYMENT_INTENT_ID,
            opt(
                "payment_method",
                ParamKind::Id("payment_method"),
                "The payment method, such as the test token pm_card_visa.",
            ),
        ],
        returns: "payment_intent",
        description: "Attempts the payment with the payment method.",
        emits: &[
            "charge.succeeded",
            "charge.failed",
            "payment_intent.succeeded",
            "payment_intent.payment_failed",
            "payment_intent.amount_capturable_updated",
        ],
    },
    ActionSpec {
        id: "payment_intents.capture",
        name: "Capture a payment intent",
        resource: "Payment intent",
        method: Method::Post,
        path: "/v1/payment_intents/{payment_intent}/capture",
        params: &[
            PAYMENT_INTENT_ID,
            opt(
                "amount_to_capture",
                ParamKind::Money,
                "Amount to capture, at most the authorized amount (default all).",
            ),
        ],
        returns: "payment_intent",
        description: "Captures the funds of an authorized payment intent.",
        emits: &["charge.captured", "payment_intent.succeeded"],
    },
    ActionSpec {
        id: "payment_intents.cancel",
        name: "Cancel a payment intent",
        resource: "Payment intent",
        method: Method::Post,
        path: "/v1/payment_intents/{payment_intent}/cancel",
        params: &[
            PAYMENT_INTENT_ID,
            opt(
                "cancellation_reason",
                ParamKind::Enum(&[
                    "duplicate",
                    "fraudulent",
                    "requested_by_customer",
                    "abandoned",
                ]),
                "Why the payment intent is canceled.",
            ),
        ],
        returns: "payment_intent",
        description: "Cancels a payment intent that has not succeeded.",
        emits: &["payment_intent.canceled"],
    },
    // Charge
    ActionSpec {
        id: "charges.retrieve",
        name: "Retrieve a charge",
        resource: "Charge",
        method: Method::Get,
        path: "/v1/charges/{charge}",
        params: &[CHARGE_ID],
        returns: "charge",
        description: "Fetches the current version of a charge.",
        emits: &[],
    },
    ActionSpec {
        id: "charges.update",
        name: "Update a charge",
        resource: "Charge",
        method: Method::Post,
        path: "/v1/charges/{charge}",
        params: &[
            CHARGE_ID,
            DESCRIPTION,
            opt(
                "receipt_email",
                ParamKind::String,
                "Where to send the receipt.",
            ),
            METADATA,
        ],
        returns: "charge",
        description: "Changes a charge's description, receipt email or metadata.",
        emits: &["charge.updated"],
    },
    ActionSpec {
        id: "charges.list",
        name: "List all charges",
        resource: "Charge",
        method: Method::Get,
        path: "/v1/charges",
        params: &[CUSTOMER_FILTER, LIMIT],
        returns: "list",
        description: "Lists charges, newest first.",
        emits: &[],
    },
    // Refund
    ActionSpec {
        id: "refunds.create",
        name: "Create a refund",
        resource: "Refund",
        method: Method::Post,
        path: "/v1/refunds",
        params: &[
            opt(
                "charge",
                ParamKind::Id("charge"),
                "The charge to refund (or give payment_intent).",
            ),
            opt(
                "payment_intent",
                ParamKind::Id("payment_intent"),
                "The payment intent whose charge to refund.",
            ),
            opt(
                "amount",
                ParamKind::Money,
                "Amount to refund (default what is left).",
            ),
            opt(
                "reason",
                ParamKind::Enum(&["duplicate", "fraudulent", "requested_by_customer"]),
                "Why the charge is refunded.",
            ),
            METADATA,
        ],
        returns: "refund",
        description: "Refunds a charge, fully or partly.",
        emits: &["refund.created", "charge.refunded"],
    },
    ActionSpec {
        id: "refunds.retrieve",
        name: "Retrieve a refund",
        resource: "Refund",
        method: Method::Get,
        path: "/v1/refunds/{refund}",
        params: &[REFUND_ID],
        returns: "refund",
        description: "Fetches the current version of a refund.",
        emits: &[],
    },
    ActionSpec {
        id: "refunds.update",
        name: "Update a refund",
        resource: "Refund",
        method: Method::Post,
        path: "/v1/refunds/{refund}",
        params: &[REFUND_ID, METADATA],
        returns: "refund",
        description: "Changes a refund's metadata.",
        emits: &["refund.updated", "charge.refund.updated"],
    },
    // Dispute
    ActionSpec {
        id: "disputes.retrieve",
        name: "Retrieve a dispute",
        resource: "Dispute",
        method: Method::Get,
        path: "/v1/disputes/{dispute}",
        params: &[DISPUTE_ID],
        returns: "dispute",
        description: "Fetches the current version of a dispute.",
        emits: &[],
    },
    ActionSpec {
        id: "disputes.update",
        name: "Update a dispute",
        resource: "Dispute",
        method: Method::Post,
        path: "/v1/disputes/{dispute}",
        params: &[
            DISPUTE_ID,
            opt(
                "evidence.uncategorized_text",
                ParamKind::String,
                "Evidence in free text.",
            ),
            opt(
                "evidence.customer_email_address",
                ParamKind::String,
                "The customer's email address.",
            ),
            opt(
                "evidence.product_description",
                ParamKind::String,
                "What was sold.",
            ),
            opt(
                "submit",
                ParamKind::Boolean,
                "Submit the evidence to the bank now (default true).",
            ),
            METADATA,
        ],
        returns: "dispute",
        description: "Adds evidence to a dispute, and by default submits it.",
        emits: &["charge.dispute.updated"],
    },
    ActionSpec {
        id: "disputes.close",
        name: "Close a dispute",
        resource: "Dispute",
        method: Method::Post,
        path: "/v1/disputes/{dispute}/close",
        params: &[DISPUTE_ID],
        returns: "dispute",
        description: "Accepts the dispute as lost; this cannot be undone.",
        emits: &["charge.dispute.closed"],
    },
    // Credit note
    ActionSpec {
        id: "credit_notes.create",
        name: "Create a credit note",
        resource: "Credit note",
        method: Method::Post,
        path: "/v1/credit_notes",
        params: &[
            INVOICE_ID,
            opt(
                "amount",
                ParamKind::Money,
                "Amount credited (default the amount due or paid).",
            ),
            opt(
                "reason",
                ParamKind::Enum(&[
                    "duplicate",
                    "fraudulent",
                    "order_change",
                    "product_unsatisfactory",
                ]),
                "Why the credit note is issued.",
            ),
            opt(
                "memo",
                ParamKind::String,
                "A note shown on the credit note.",
            ),
            METADATA,
        ],
        returns: "credit_note",
        description: "Credits part or all of a finalized invoice.",
        emits: &["credit_note.created", "invoice.updated"],
    },
    ActionSpec {
        id: "credit_notes.void",
        name: "Void a credit note",
        resource: "Credit note",
        method: Method::Post,
        path: "/v1/credit_notes/{credit_note}/void",
        params: &[req(
            "credit_note",
            ParamKind::Id("credit_note"),
            "The id of the credit note.",
        )],
        returns: "credit_note",
        description: "Voids a credit note.",
        emits: &["credit_note.voided"],
    },
    // Payment method
    ActionSpec {
        id: "payment_methods.attach",
        name: "Attach a payment method to a customer",
        resource: "Payment method",
        method: Method::Post,
        path: "/v1/payment_methods/{payment_method}/attach",
        params: &[
            req(
                "payment_method",
                ParamKind::Id("payment_method"),
                "The payment method, or a test token such as pm_card_visa.",
            ),
            CUSTOMER_ID,
        ],
        returns: "payment_method",
        description: "Saves a payment method on a customer.",
        emits: &["payment_method.attached"],
    },
    ActionSpec {
        id: "payment_methods.detach",
        name: "Detach a payment method from a customer",
        resource: "Payment method",
        method: Method::Post,
        path: "/v1/payment_methods/{payment_method}/detach",
        params: &[req(
            "payment_method",
            ParamKind::Id("payment_method"),
            "The id of the payment method.",
        )],
        returns: "payment_method",
        description: "Removes a payment method from its customer.",
        emits: &["payment_method.detached"],
    },
    // Payout
    ActionSpec {
        id: "payouts.create",
        name: "Create a payout",
        resource: "Payout",
        method: Method::Post,
        path: "/v1/payouts",
        params: &[
            req(
                "amount",
                ParamKind::Money,
                "Amount to pay out, in the minor unit.",
            ),
            CURRENCY_REQ,
            DESCRIPTION,
            METADATA,
        ],
        returns: "payout",
        description: "Sends funds from the balance to the bank account.",
        emits: &["payout.created"],
    },
    ActionSpec {
        id: "payouts.cancel",
        name: "Cancel a payout",
        resource: "Payout",
        method: Method::Post,
        path: "/v1/payouts/{payout}/cancel",
        params: &[req(
            "payout",
            ParamKind::Id("payout"),
            "The id of the payout.",
        )],
        returns: "payout",
        description: "Cancels a payout that has not been sent yet.",
        emits: &["payout.canceled"],
    },
    // Checkout
    ActionSpec {
        id: "checkout.sessions.create",
        name: "Create a Checkout Session",
        resource: "Checkout",
        method: Method::Post,
        path: "/v1/checkout/sessions",
        params: &[
            opt(
                "mode",
                ParamKind::Enum(&["payment", "subscription", "setup"]),
                "What the session collects (default payment).",
            ),
            opt(
                "line_items",
                ParamKind::Items(&LINE_ITEM_FIELDS),
                "What the customer buys, one row per price. Required in payment and subscription mode.",
            ),
            opt(
                "customer",
                ParamKind::Id("customer"),
                "An existing customer.",
            ),
            opt(
                "customer_email",
                ParamKind::String,
                "Prefill the customer's email.",
            ),
            opt(
                "success_url",
                ParamKind::String,
                "Where to send the customer after paying.",
            ),
            METADATA,
        ],
        returns: "checkout.session",
        description: "Creates a hosted payment page session.",
        emits: &[],
    },
    ActionSpec {
        id: "checkout.sessions.expire",
        name: "Expire a Checkout Session",
        resource: "Checkout",
        method: Method::Post,
        path: "/v1/checkout/sessions/{session}/expire",
        params: &[req(
            "session",
            ParamKind::Id("checkout.session"),
            "The id of the Checkout Session.",
        )],
        returns: "checkout.session",
        description: "Expires an open Checkout Session so it can no longer be paid.",
        emits: &["checkout.session.expired"],
    },
    // Radar
    ActionSpec {
        id: "reviews.approve",
        name: "Approve a review",
        resource: "Radar",
        method: Method::Post,
        path: "/v1/reviews/{review}/approve",
        params: &[req(
            "review",
            ParamKind::Id("review"),
            "The id of the review.",
        )],
        returns: "review",
        description: "Approves a payment that Radar placed in review.",
        emits: &["review.closed"],
    },
    ActionSpec {
        id: "radar.early_fraud_warnings.retrieve",
        name: "Retrieve an early fraud warning",
        resource: "Radar",
        method: Method::Get,
        path: "/v1/radar/early_fraud_warnings/{early_fraud_warning}",
        params: &[req(
            "early_fraud_warning",
            ParamKind::Id("radar.early_fraud_warning"),
            "The id of the early fraud warning.",
        )],
        returns: "radar.early_fraud_warning",
        description: "Fetches an early fraud warning.",
        emits: &[],
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn action_ids_are_unique_and_path_ids_required() {
        let mut ids: Vec<&str> = ACTIONS.iter().map(|a| a.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), ACTIONS.len());
        for a in ACTIONS {
            for p in a.params {
                if a.path.contains(&format!("{{{}}}", p.name)) {
                    assert!(
                        p.required,
                        "{}: path parameter {} must be required",
                        a.id, p.name
                    );
                }
            }
        }
    }
}
