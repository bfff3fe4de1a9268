//! Realistic fake data for generated objects: names, emails, addresses, amounts,
//! currencies, products.
//!
//! Small hand-written lists, drawn from with the sandbox's seeded generator so generated
//! events are varied yet reproducible.

use serde_json::Value;

use crate::json::json;

use super::rng::Rng;

const FIRST: &[&str] = &[
    "Jean", "Marie", "Camille", "Lucas", "Amina", "Noah", "Sofia", "Liam", "Chloé", "Mateo",
    "Hana", "Olivia", "Yuki", "Arjun", "Elena", "Tomás", "Fatima", "Jonas", "Ava", "Kofi",
];
const LAST: &[&str] = &[
    "Dupont", "Martin", "Bernard", "Nguyen", "Garcia", "Smith", "Müller", "Rossi", "Kowalski",
    "Okafor", "Tanaka", "Silva", "Johnson", "Haddad", "Novak", "Larsen", "Moreau", "Patel",
];
const DOMAINS: &[&str] = &[
    "example.com",
    "example.org",
    "example.net",
    "mail.example.com",
];

/// (city, state, postal code, country, street)
const PLACES: &[(&str, &str, &str, &str, &str)] = &[
    ("San Francisco", "CA", "94107", "US", "Market Street"),
    ("New York", "NY", "10013", "US", "Broadway"),
    ("Austin", "TX", "78701", "US", "Congress Avenue"),
    ("Paris", "", "75011", "FR", "rue Oberkampf"),
    ("Lyon", "", "69002", "FR", "rue de la République"),
    ("Berlin", "", "10115", "DE", "Invalidenstraße"),
    ("London", "", "EC1V 9HX", "GB", "City Road"),
    ("Toronto", "ON", "M5V 2T6", "CA", "King Street West"),
    ("Tokyo", "", "150-0002", "JP", "Shibuya"),
    ("Sydney", "NSW", "2000", "AU", "George Street"),
];

const PRODUCTS: &[&str] = &[
    "Pro plan",
    "Starter plan",
    "Team seats",
    "Premium support",
    "T-shirt",
    "Coffee beans (1 kg)",
    "Online course",
    "Gift card",
    "Consulting hour",
    "Storage add-on",
];

/// A person's full name.
pub(crate) fn name(rng: &mut Rng) -> String {
    format!("{} {}", rng.pick(FIRST), rng.pick(LAST))
}

/// An email address derived from a name.
pub(crate) fn email(rng: &mut Rng, name: &str) -> String {
    let local: String = name
        .to_lowercase()
        .chars()
        .map(|c| match c {
            ' ' => '.',
            'é' | 'è' => 'e',
            'á' => 'a',
            'ü' => 'u',
            'ß' => 's',
            c => c,
        })
        .filter(|c| c.is_ascii_alphanumeric() || *c == '.')
        .collect();
    format!("{local}@{}", rng.pick(DOMAINS))
}

/// A phone number in the 555 range.
pub(crate) fn phone(rng: &mut Rng) -> String {
    format!("+1555555{:04}", rng.below(10_000))
}

/// A postal address in Stripe's shape.
pub(crate) fn address(rng: &mut Rng) -> Value {
    let (city, state, postal, country, street) = *rng.pick(PLACES);
    json!({
        "city": city,
        "country": country,
        "line1": format!("{} {}", rng.range(1, 240), street),
        "line2": null,
        "postal_code": postal,
        "state": if state.is_empty() { Value::Null } else { Value::from(state) }
    })
}

/// A currency, mostly usd.
pub(crate) fn currency(rng: &mut Rng) -> &'static str {
    const CURRENCIES: [&str; 8] = ["usd", "usd", "usd", "usd", "eur", "eur", "gbp", "jpy"];
    CURRENCIES[rng.below(CURRENCIES.len() as u64) as usize]
}

/// An amount in the minor unit of `currency` that looks like a real price.
pub(crate) fn amount(rng: &mut Rng, currency: &str) -> i64 {
    let major = *rng.pick(&[5, 9, 12, 19, 25, 29, 49, 75, 99, 120, 249, 1_200]);
    if currency == "jpy" {
        major * 100
    } else {
        major * 100 + *rng.pick(&[0, 0, 0, 99, 50])
    }
}

/// A product name.
pub(crate) fn product(rng: &mut Rng) -> &'static str {
    PRODUCTS[rng.below(PRODUCTS.len() as u64) as usize]
}
