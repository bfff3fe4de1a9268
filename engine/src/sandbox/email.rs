//! Email addresses as Stripe accepts them on a customer.
//!
//! Stripe refuses `customers.create` and `customers.update` with an `email` that is not an
//! address (`email_invalid`, "Invalid email address: ..."). The sandbox API applies the same
//! rule through [`is_valid_email`], and the app can call it to check a form before sending.

use crate::limits::MAX_EMAIL_CHARS;

/// Whether `text` is an email address Stripe accepts: at most [`MAX_EMAIL_CHARS`]
/// characters, no space, one `@` with a name before it and a domain after it made of at
/// least two dot-separated labels (letters, digits and inner hyphens), the last one at least
/// two characters long and not all digits. `jean@example.com` is one; `jean`,
/// `jean@example`, `jean@@example.com` and `jean @example.com` are not.
pub fn is_valid_email(text: &str) -> bool {
    if text.chars().count() > MAX_EMAIL_CHARS
        || text.chars().any(|c| c.is_whitespace() || c.is_control())
    {
        return false;
    }
    let Some((local, domain)) = text.split_once('@') else {
        return false;
    };
    if local.is_empty() || domain.contains('@') {
        return false;
    }
    let labels: Vec<&str> = domain.split('.').collect();
    let label_ok = |label: &&str| {
        !label.is_empty()
            && !label.starts_with('-')
            && !label.ends_with('-')
            && label.chars().all(|c| c.is_alphanumeric() || c == '-')
    };
    let tld_ok = labels
        .last()
        .is_some_and(|tld| tld.chars().count() >= 2 && !tld.chars().all(|c| c.is_ascii_digit()));
    labels.len() >= 2 && labels.iter().all(label_ok) && tld_ok
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_as_stripe_reads_them() {
        let cases = [
            ("jean@example.com", true),
            ("jean.dupont+vip@mail.example.co.uk", true),
            ("o'neil@exa-mple.io", true),
            ("élodie@exemple.fr", true),
            ("jean", false),
            ("", false),
            ("@example.com", false),
            ("jean@", false),
            ("jean@example", false),
            ("jean@@example.com", false),
            ("jean@exa@mple.com", false),
            ("jean @example.com", false),
            ("jean@example..com", false),
            ("jean@.example.com", false),
            ("jean@example.com.", false),
            ("jean@-example.com", false),
            ("jean@example.c", false),
            ("jean@10.0.0.1", false),
        ];
        for (text, ok) in cases {
            assert_eq!(is_valid_email(text), ok, "{text}");
        }
        let long = format!("{}@example.com", "a".repeat(MAX_EMAIL_CHARS));
        assert!(!is_valid_email(&long));
    }
}
