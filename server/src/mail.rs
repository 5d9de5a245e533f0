//! Delivers the email outbox: over SMTP (lettre) when `SMTP_URL` is set, otherwise as `.eml`
//! files in a folder (development), with retries and backoff; prunes what was delivered.
//!
//! Several workers (one per server process) may share the outbox. A worker claims a small
//! batch under a random claim token with a lease, and renews the lease of each message right
//! before handing it to the transport; a message whose lease ran out and which another worker
//! claimed meanwhile is skipped. A send is cut off well before its lease ends, so no message
//! is handed to SMTP by two workers.

use app::server::db::{self, outbox, Db};
use lettre::message::{header::ContentType, Mailbox, MultiPart, SinglePart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::path::PathBuf;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tokio_util::sync::CancellationToken;

/// Attempts before a message is given up.
pub const MAX_ATTEMPTS: i64 = 8;
/// How long a claimed message is held by one worker, from the claim and again from the
/// moment it is sent.
const LEASE: Duration = Duration::from_secs(120);
/// Messages claimed at once. Those a slow batch reaches after its lease are left to others.
const BATCH: i64 = 10;
/// How often sent and given-up messages past their retention period are deleted.
const PRUNE_EVERY: Duration = Duration::from_secs(5 * 60);

#[derive(Clone)]
pub enum Transport {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    /// Each message becomes `<folder>/<id>.eml`.
    Files(PathBuf),
}

#[derive(Clone)]
pub struct Mailer {
    transport: Transport,
    from: Mailbox,
    lease: Duration,
    batch: i64,
}

#[derive(Debug, thiserror::Error)]
pub enum MailConfigError {
    #[error("SMTP_URL is not usable: {0}")]
    SmtpUrl(String),
    #[error("MAIL_FROM is not a mailbox: {0}")]
    From(String),
}

impl Mailer {
    /// SMTP when `smtp_url` is given (`smtp://host:port` plain, `?tls=required` for STARTTLS,
    /// `smtps://` for TLS), else files in `folder`.
    pub fn new(
        smtp_url: Option<&str>,
        folder: PathBuf,
        from: &str,
    ) -> Result<Self, MailConfigError> {
        let transport = match smtp_url {
            Some(url) => Transport::Smtp(
                AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
                    .map_err(|e| MailConfigError::SmtpUrl(e.to_string()))?
                    .timeout(Some(Duration::from_secs(20)))
                    .build(),
            ),
            None => Transport::Files(folder),
        };
        let from = from
            .parse()
            .map_err(|e: lettre::address::AddressError| MailConfigError::From(e.to_string()))?;
        Ok(Self {
            transport,
            from,
            lease: LEASE,
            batch: BATCH,
        })
    }

    /// How long a claim holds a message (default 2 minutes); a send is cut off at half of it.
    pub fn with_lease(self, lease: Duration) -> Self {
        Self { lease, ..self }
    }

    /// How many messages one claim takes (default 10).
    pub fn with_batch(self, batch: i64) -> Self {
        Self { batch, ..self }
    }

    /// When a lease taken now runs out, in epoch milliseconds.
    fn lease_until_ms(&self) -> i64 {
        db::now_ms().saturating_add(i64::try_from(self.lease.as_millis()).unwrap_or(i64::MAX))
    }

    /// How long one send may take: half the lease, so that a send which outlived the lease
    /// can't overlap another worker's send of the same message.
    pub fn send_timeout(&self) -> Duration {
        self.lease / 2
    }

    async fn deliver_within_lease(&self, email: &outbox::ClaimedEmail) -> Result<(), String> {
        let limit = self.send_timeout();
        tokio::time::timeout(limit, self.deliver(email))
            .await
            .unwrap_or_else(|_| Err(format!("not delivered within {limit:?}")))
    }

    pub fn writes_files(&self) -> bool {
        matches!(self.transport, Transport::Files(_))
    }

    async fn deliver(&self, email: &outbox::ClaimedEmail) -> Result<(), String> {
        let to: Mailbox = email
            .recipient
            .parse()
            .map_err(|e: lettre::address::AddressError| e.to_string())?;
        let message = Message::builder()
            // One identity per queued message, kept across attempts and workers: a copy
            // delivered twice (a worker killed between the SMTP server's answer and its
            // record of it) is recognizable as the same message.
            .message_id(Some(format!(
                "<outbox-{}@{}>",
                email.email_id,
                self.from.email.domain()
            )))
            .from(self.from.clone())
            .to(to)
            .subject(email.subject.clone())
            .multipart(
                MultiPart::alternative()
                    .singlepart(
                        SinglePart::builder()
                            .header(ContentType::TEXT_PLAIN)
                            .body(email.body_text.clone()),
                    )
                    .singlepart(
                        SinglePart::builder()
                            .header(ContentType::TEXT_HTML)
                            .body(email.body_html.clone()),
                    ),
            )
            .map_err(|e| e.to_string())?;
        match &self.transport {
            Transport::Smtp(smtp) => smtp
                .send(message)
                .await
                .map(|_| ())
                .map_err(|e| e.to_string()),
            Transport::Files(folder) => {
                tokio::fs::create_dir_all(folder)
                    .await
                    .map_err(|e| e.to_string())?;
                let path = folder.join(format!("{:08}.eml", email.email_id));
                tokio::fs::write(path, message.formatted())
                    .await
                    .map_err(|e| e.to_string())
            }
        }
    }
}

/// Seconds to wait after the `attempts`-th failure: 30 s, 1 min, 2 min, … capped at 1 hour.
pub fn backoff(attempts: i64) -> Duration {
    Duration::from_secs((30u64 << attempts.clamp(0, 7) as u64).min(3_600))
}

/// Claims and delivers one batch of due messages; returns how many were sent.
pub async fn deliver_due(db: &Db, mailer: &Mailer) -> Result<usize, sqlx::Error> {
    deliver_due_until(db, mailer, &CancellationToken::new()).await
}

/// As `deliver_due`, stopping between two messages once `stop` is cancelled: the message
/// being sent is finished and recorded, the rest of the batch is handed back at once.
async fn deliver_due_until(
    db: &Db,
    mailer: &Mailer,
    stop: &CancellationToken,
) -> Result<usize, sqlx::Error> {
    let claim = outbox::claim_due(db, db::now_ms(), mailer.lease_until_ms(), mailer.batch).await?;
    let mut sent = 0;
    for email in &claim.emails {
        if stop.is_cancelled() {
            let released = outbox::release(&db.pool, &claim.token).await?;
            tracing::info!(released, "mail worker stopping: unsent claims handed back");
            break;
        }
        // The batch's lease may have run out on the way here: hold this message for a whole
        // lease again, unless another worker has claimed it since.
        if !outbox::renew_lease(
            &db.pool,
            email.email_id,
            &claim.token,
            mailer.lease_until_ms(),
        )
        .await?
        {
            tracing::debug!(
                email_id = email.email_id,
                "mail claimed by another worker: skipped"
            );
            continue;
        }
        if deliver_claimed(db, mailer, &claim.token, email).await? {
            sent += 1;
        }
    }
    Ok(sent)
}

/// Sends one message whose lease was just renewed and records the outcome; true when sent.
async fn deliver_claimed(
    db: &Db,
    mailer: &Mailer,
    token: &str,
    email: &outbox::ClaimedEmail,
) -> Result<bool, sqlx::Error> {
    match mailer.deliver_within_lease(email).await {
        Ok(()) => {
            metrics::counter!("partnerhub_mail_deliveries_total", "outcome" => "sent").increment(1);
            if !outbox::mark_sent(&db.pool, email.email_id, token, db::now_ms()).await? {
                // Only possible when the database itself stalled for half a lease.
                tracing::warn!(
                    email_id = email.email_id,
                    "mail sent after its claim was lost"
                );
            }
            Ok(true)
        }
        Err(error) => {
            record_failure(db, token, email, &error).await?;
            Ok(false)
        }
    }
}

/// Schedules the next attempt with backoff, or gives the message up after `MAX_ATTEMPTS`.
async fn record_failure(
    db: &Db,
    token: &str,
    email: &outbox::ClaimedEmail,
    error: &str,
) -> Result<(), sqlx::Error> {
    let attempts = email.attempts + 1;
    let retry_at =
        (attempts < MAX_ATTEMPTS).then(|| db::now_ms() + backoff(attempts).as_millis() as i64);
    tracing::warn!(email_id = email.email_id, attempts, %error, given_up = retry_at.is_none(), "mail delivery failed");
    let outcome = if retry_at.is_some() {
        "failed"
    } else {
        "given_up"
    };
    metrics::counter!("partnerhub_mail_deliveries_total", "outcome" => outcome).increment(1);
    outbox::mark_failed(
        &db.pool,
        email.email_id,
        token,
        error,
        retry_at,
        db::now_ms(),
    )
    .await?;
    Ok(())
}

/// When the mail worker last finished a pass (epoch milliseconds; 0 before its first):
/// `/readyz` reads it.
#[derive(Clone, Debug, Default)]
pub struct Heartbeat(Arc<AtomicI64>);

impl Heartbeat {
    fn beat(&self) {
        self.0.store(db::now_ms(), Ordering::Relaxed);
    }

    /// How long ago the last pass ended; `None` before the first.
    pub fn age(&self) -> Option<Duration> {
        match self.0.load(Ordering::Relaxed) {
            0 => None,
            at => Some(Duration::from_millis(
                u64::try_from(db::now_ms() - at).unwrap_or(0),
            )),
        }
    }
}

/// Delivers the outbox in the background until `stop` is cancelled: batch after batch while
/// there is mail to send, then every `every`. Once stopped it claims nothing more; the task
/// ends when the message in hand is recorded.
pub fn spawn_worker(
    db: Db,
    mailer: Mailer,
    every: Duration,
    heartbeat: Heartbeat,
    stop: CancellationToken,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        while !stop.is_cancelled() {
            let result = deliver_due_until(&db, &mailer, &stop).await;
            app::server::metrics::job_ran("mail", &result);
            heartbeat.beat();
            match result {
                Ok(sent) if sent > 0 => {
                    tracing::info!(sent, "mail delivered");
                    continue;
                }
                Ok(_) => {}
                Err(error) => tracing::error!(%error, "mail worker: database error"),
            }
            tokio::select! {
                () = tokio::time::sleep(every) => {}
                () = stop.cancelled() => {}
            }
        }
    })
}

/// Deletes the messages sent, and those given up, more than `retention` ago; returns how many.
pub async fn prune_outbox(db: &Db, retention: Duration) -> Result<u64, sqlx::Error> {
    let retention_ms = i64::try_from(retention.as_millis()).unwrap_or(i64::MAX);
    outbox::prune_finished(&db.pool, db::now_ms().saturating_sub(retention_ms)).await
}

/// Prunes the outbox every few minutes for as long as the server runs. Every process may run
/// one: deleting is idempotent.
pub fn spawn_pruner(db: Db, retention: Duration) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        loop {
            // The first pass waits too: starting up is busy enough.
            tokio::time::sleep(PRUNE_EVERY).await;
            let result = prune_outbox(&db, retention).await;
            app::server::metrics::job_ran("mail_pruning", &result);
            match result {
                Ok(deleted) if deleted > 0 => tracing::info!(deleted, "mail outbox pruned"),
                Ok(_) => {}
                Err(error) => tracing::error!(%error, "mail outbox pruning: database error"),
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::backoff;
    use std::time::Duration;

    #[test]
    fn backoff_doubles_and_is_capped_at_an_hour() {
        assert_eq!(backoff(0), Duration::from_secs(30));
        assert_eq!(backoff(1), Duration::from_secs(60));
        assert_eq!(backoff(3), Duration::from_secs(240));
        assert_eq!(backoff(20), Duration::from_secs(3_600));
    }
}
