//! The email outbox: a message is queued in the transaction of the change that causes it,
//! and delivered later by the mail worker.

use crate::server::mail::{Letter, OutgoingEmail};
use sqlx::AnyConnection;

/// Queues one letter to `recipient`.
pub async fn queue(
    tx: &mut AnyConnection,
    recipient: &str,
    letter: &Letter,
    now_ms: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "insert into email_outbox (recipient, subject, body_text, body_html, created_at, attempts, next_attempt_at)
         values ($1, $2, $3, $4, $5, 0, $5)",
    )
    .bind(recipient)
    .bind(&letter.subject)
    .bind(&letter.body_text)
    .bind(&letter.body_html)
    .bind(now_ms)
    .execute(tx)
    .await
    .map(|_| ())
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

/// Messages one worker claimed together. The token is stored on their rows: a worker acts on
/// a message only while the row still carries its token, so once its lease runs out and
/// another worker claims the message (with a token of its own), the first can neither
/// renew, send nor mark it.
#[derive(Debug, Clone)]
pub struct Claim {
    pub token: String,
    pub emails: Vec<ClaimedEmail>,
}

/// 128 random bits, hex: unique to one claim.
fn new_claim_token() -> String {
    use rand::Rng;
    format!("{:032x}", rand::rng().random::<u128>())
}

/// Claims up to `limit` due messages until `lease_until_ms`. The claim is one atomic update:
/// on PostgreSQL rows another worker holds are skipped (`for update skip locked`); SQLite
/// runs one writer at a time. A worker that dies loses its claim when the lease runs out.
pub async fn claim_due(
    db: &super::Db,
    now_ms: i64,
    lease_until_ms: i64,
    limit: i64,
) -> Result<Claim, sqlx::Error> {
    let lock = match db.backend {
        super::Backend::Postgres => "for update skip locked",
        super::Backend::Sqlite => "",
    };
    let sql = format!(
        "update email_outbox set locked_until = $1, claim_token = $2
         where email_id in (
             select email_id from email_outbox
             where sent_at is null and failed_at is null and next_attempt_at <= $3
               and (locked_until is null or locked_until < $3)
             order by email_id
             limit $4
             {lock})
         returning email_id, recipient, subject, body_text, body_html, attempts"
    );
    let token = new_claim_token();
    let mut emails: Vec<ClaimedEmail> = sqlx::query_as(&sql)
        .bind(lease_until_ms)
        .bind(&token)
        .bind(now_ms)
        .bind(limit)
        .fetch_all(&db.pool)
        .await?;
    // `returning` keeps no order: deliver oldest first.
    emails.sort_by_key(|email| email.email_id);
    Ok(Claim { token, emails })
}

/// Extends the claim on one message to `lease_until_ms`, right before it is sent. False when
/// the claim was lost: its lease ran out and another worker claimed the message since (or
/// it was sent or given up meanwhile); the message must then not be sent.
pub async fn renew_lease(
    pool: &sqlx::AnyPool,
    email_id: i64,
    token: &str,
    lease_until_ms: i64,
) -> Result<bool, sqlx::Error> {
    let renewed = sqlx::query(
        "update email_outbox set locked_until = $1
         where email_id = $2 and claim_token = $3 and sent_at is null and failed_at is null",
    )
    .bind(lease_until_ms)
    .bind(email_id)
    .bind(token)
    .execute(pool)
    .await?;
    Ok(renewed.rows_affected() == 1)
}

/// Records a message as sent, if the claim `token` still holds it; false when it does not.
pub async fn mark_sent(
    pool: &sqlx::AnyPool,
    email_id: i64,
    token: &str,
    now_ms: i64,
) -> Result<bool, sqlx::Error> {
    let marked = sqlx::query(
        "update email_outbox set sent_at = $1, locked_until = null, claim_token = null,
             attempts = attempts + 1
         where email_id = $2 and claim_token = $3",
    )
    .bind(now_ms)
    .bind(email_id)
    .bind(token)
    .execute(pool)
    .await?;
    Ok(marked.rows_affected() == 1)
}

/// Records a failed attempt, if the claim `token` still holds the message: retried at
/// `retry_at`, or given up for good when `None`. False when the claim was lost.
pub async fn mark_failed(
    pool: &sqlx::AnyPool,
    email_id: i64,
    token: &str,
    error: &str,
    retry_at: Option<i64>,
    now_ms: i64,
) -> Result<bool, sqlx::Error> {
    let marked = sqlx::query(
        "update email_outbox set attempts = attempts + 1, locked_until = null, claim_token = null,
             last_error = $1,
             next_attempt_at = coalesce($2, next_attempt_at),
             failed_at = case when $2 is null then $3 else null end
         where email_id = $4 and claim_token = $5",
    )
    .bind(error.chars().take(1000).collect::<String>())
    .bind(retry_at)
    .bind(now_ms)
    .bind(email_id)
    .bind(token)
    .execute(pool)
    .await?;
    Ok(marked.rows_affected() == 1)
}

/// Gives the messages of a claim not sent yet back to every worker at once, instead of when
/// the lease runs out: a worker stopping hands back what it will not send.
pub async fn release(pool: &sqlx::AnyPool, token: &str) -> Result<u64, sqlx::Error> {
    sqlx::query(
        "update email_outbox set locked_until = null, claim_token = null
         where claim_token = $1 and sent_at is null and failed_at is null",
    )
    .bind(token)
    .execute(pool)
    .await
    .map(|done| done.rows_affected())
}

/// What the outbox holds for an operator: messages due and not sent, how long the oldest of
/// them has waited, and messages given up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Backlog {
    pub due: i64,
    pub oldest_due_age_ms: i64,
    pub given_up: i64,
}

pub async fn backlog(pool: &sqlx::AnyPool, now_ms: i64) -> Result<Backlog, sqlx::Error> {
    let (due, oldest_due): (i64, Option<i64>) = sqlx::query_as(
        "select count(*), min(next_attempt_at) from email_outbox
         where sent_at is null and failed_at is null and next_attempt_at <= $1",
    )
    .bind(now_ms)
    .fetch_one(pool)
    .await?;
    let given_up: i64 =
        sqlx::query_scalar("select count(*) from email_outbox where failed_at is not null")
            .fetch_one(pool)
            .await?;
    Ok(Backlog {
        due,
        oldest_due_age_ms: oldest_due.map_or(0, |due_at| (now_ms - due_at).max(0)),
        given_up,
    })
}

/// Rows deleted per statement when pruning, so no statement holds SQLite's write lock long.
const PRUNE_SLICE: i64 = 1_000;

/// Deletes the messages sent, and those given up, before `before_ms`; returns how many.
/// Messages still waiting for a retry stay, however old.
pub async fn prune_finished(pool: &sqlx::AnyPool, before_ms: i64) -> Result<u64, sqlx::Error> {
    const SENT: &str = "delete from email_outbox where email_id in (
        select email_id from email_outbox where sent_at < $1 limit $2)";
    const GIVEN_UP: &str = "delete from email_outbox where email_id in (
        select email_id from email_outbox where failed_at < $1 limit $2)";
    let mut deleted = 0;
    for sql in [SENT, GIVEN_UP] {
        loop {
            let slice = sqlx::query(sql)
                .bind(before_ms)
                .bind(PRUNE_SLICE)
                .execute(pool)
                .await?
                .rows_affected();
            deleted += slice;
            if slice < PRUNE_SLICE as u64 {
                break;
            }
        }
    }
    Ok(deleted)
}

/// Counts the messages written before `before_ms` and not yet sent as sent when they were
/// written: mail that belongs to the past (the demo's history) and must not go out now.
/// Returns how many.
pub async fn mark_sent_as_written(
    pool: &sqlx::AnyPool,
    before_ms: i64,
) -> Result<u64, sqlx::Error> {
    sqlx::query(
        "update email_outbox set sent_at = created_at
         where sent_at is null and failed_at is null and created_at < $1",
    )
    .bind(before_ms)
    .execute(pool)
    .await
    .map(|done| done.rows_affected())
}

/// Queues the message to each recipient, in the language they read.
pub async fn queue_each(
    tx: &mut AnyConnection,
    recipients: &[String],
    email: &OutgoingEmail,
    now_ms: i64,
) -> Result<(), sqlx::Error> {
    for recipient in recipients {
        let language = super::users::mail_language(&mut *tx, recipient).await?;
        queue(&mut *tx, recipient, email.in_language(language), now_ms).await?;
    }
    Ok(())
}
