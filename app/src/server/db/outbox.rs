//! The email outbox: a message is queued in the transaction of the change that causes it,
//! and delivered later by the mail worker.

use sqlx::AnyConnection;

#[derive(Debug, Clone)]
pub struct OutgoingEmail {
    pub recipient: String,
    pub subject: String,
    pub body_text: String,
    pub body_html: String,
}

pub async fn queue(tx: &mut AnyConnection, email: &OutgoingEmail, now_ms: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "insert into email_outbox (recipient, subject, body_text, body_html, created_at, attempts, next_attempt_at)
         values ($1, $2, $3, $4, $5, 0, $5)",
    )
    .bind(&email.recipient)
    .bind(&email.subject)
    .bind(&email.body_text)
    .bind(&email.body_html)
    .bind(now_ms)
    .execute(tx)
    .await
    .map(|_| ())
}

/// Escapes text for an HTML mail body.
pub fn escape_html(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '&' => "&amp;".to_owned(),
            '<' => "&lt;".to_owned(),
            '>' => "&gt;".to_owned(),
            '"' => "&quot;".to_owned(),
            '\'' => "&#39;".to_owned(),
            other => other.to_string(),
        })
        .collect()
}
