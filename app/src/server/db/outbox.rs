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

pub async fn queue(
    tx: &mut AnyConnection,
    email: &OutgoingEmail,
    now_ms: i64,
) -> Result<(), sqlx::Error> {
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

/// A queued message claimed for delivery.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ClaimedEmail {
    pub email_id: i64,
    pub recipient: String,
    pub subject: String,
    pub body_text: String,
    pub body_html: String,
    pub attempts: i64,
}

/// Claims up to `limit` due messages for `lease_ms`. The claim is one atomic update: on
/// PostgreSQL rows another worker holds are skipped (`for update skip locked`); SQLite runs
/// one writer at a time. A worker that dies loses its claim when the lease runs out.
pub async fn claim_due(
    db: &super::Db,
    now_ms: i64,
    lease_ms: i64,
    limit: i64,
) -> Result<Vec<ClaimedEmail>, sqlx::Error> {
    let lock = match db.backend {
        super::Backend::Postgres => "for update skip locked",
        super::Backend::Sqlite => "",
    };
    let sql = format!(
        "update email_outbox set locked_until = $1
         where email_id in (
             select email_id from email_outbox
             where sent_at is null and failed_at is null and next_attempt_at <= $2
               and (locked_until is null or locked_until < $2)
             order by email_id
             limit $3
             {lock})
         returning email_id, recipient, subject, body_text, body_html, attempts"
    );
    sqlx::query_as(&sql)
        .bind(now_ms + lease_ms)
        .bind(now_ms)
        .bind(limit)
        .fetch_all(&db.pool)
        .await
}

pub async fn mark_sent(
    pool: &sqlx::AnyPool,
    email_id: i64,
    now_ms: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("update email_outbox set sent_at = $1, locked_until = null, attempts = attempts + 1 where email_id = $2")
        .bind(now_ms)
        .bind(email_id)
        .execute(pool)
        .await
        .map(|_| ())
}

/// Records a failed attempt: retried at `retry_at`, or given up for good when `None`.
pub async fn mark_failed(
    pool: &sqlx::AnyPool,
    email_id: i64,
    error: &str,
    retry_at: Option<i64>,
    now_ms: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "update email_outbox set attempts = attempts + 1, locked_until = null, last_error = $1,
             next_attempt_at = coalesce($2, next_attempt_at),
             failed_at = case when $2 is null then $3 else null end
         where email_id = $4",
    )
    .bind(error.chars().take(1000).collect::<String>())
    .bind(retry_at)
    .bind(now_ms)
    .bind(email_id)
    .execute(pool)
    .await
    .map(|_| ())
}

/// Queues the same message to each recipient.
pub async fn queue_each(
    tx: &mut AnyConnection,
    recipients: &[String],
    email: &OutgoingEmail,
    now_ms: i64,
) -> Result<(), sqlx::Error> {
    for recipient in recipients {
        let addressed = OutgoingEmail {
            recipient: recipient.clone(),
            ..email.clone()
        };
        queue(&mut *tx, &addressed, now_ms).await?;
    }
    Ok(())
}
