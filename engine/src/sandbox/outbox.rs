//! The outbox: emails that "Email a team member" steps sent.
//!
//! The sandbox sends no real mail; it keeps each message so the **Outbox** page can show
//! it, and [`Sandbox::reset`] empties it with the rest of the account.

use serde::{Deserialize, Serialize};

use super::{RunOrigin, Sandbox};

/// One email an "Email a team member" step sent.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Email {
    /// Recipients.
    pub to: Vec<String>,
    /// Subject line.
    pub subject: String,
    /// Body text.
    pub body: String,
    /// Label/value rows shown under the body.
    pub rows: Vec<(String, String)>,
    /// Sandbox time it was sent, Unix seconds.
    pub sent_at: i64,
    /// The run that sent it.
    pub origin: Option<RunOrigin>,
}

impl Sandbox {
    /// Keeps an email in the outbox, stamped with the sandbox time; returns it.
    pub fn send_email(
        &mut self,
        to: Vec<String>,
        subject: String,
        body: String,
        rows: Vec<(String, String)>,
        origin: Option<&RunOrigin>,
    ) -> &Email {
        self.outbox.push(Email {
            to,
            subject,
            body,
            rows,
            sent_at: self.clock.now(),
            origin: origin.cloned(),
        });
        let last = self.outbox.len() - 1;
        &self.outbox[last]
    }

    /// Every email sent, newest first.
    pub fn outbox(&self) -> impl Iterator<Item = &Email> {
        self.outbox.iter().rev()
    }
}
