//! Delivers the email outbox: over SMTP (lettre) when `SMTP_URL` is set, otherwise as `.eml`
//! files in a folder (development), with retries and backoff.

use app::server::db::{self, outbox, Db};
use lettre::message::{header::ContentType, Mailbox, MultiPart, SinglePart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::path::PathBuf;
use std::time::Duration;

/// Attempts before a message is given up.
pub const MAX_ATTEMPTS: i64 = 8;
/// How long a claimed message is held by one worker.
const LEASE: Duration = Duration::from_secs(120);
const BATCH: i64 = 20;

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
        Ok(Self { transport, from })
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
    let claimed = outbox::claim_due(db, db::now_ms(), LEASE.as_millis() as i64, BATCH).await?;
    let mut sent = 0;
    for email in claimed {
        match mailer.deliver(&email).await {
            Ok(()) => {
                outbox::mark_sent(&db.pool, email.email_id, db::now_ms()).await?;
                sent += 1;
            }
            Err(error) => {
                let attempts = email.attempts + 1;
                let retry_at = (attempts < MAX_ATTEMPTS)
                    .then(|| db::now_ms() + backoff(attempts).as_millis() as i64);
                tracing::warn!(email_id = email.email_id, attempts, %error, given_up = retry_at.is_none(), "mail delivery failed");
                outbox::mark_failed(&db.pool, email.email_id, &error, retry_at, db::now_ms())
                    .await?;
            }
        }
    }
    Ok(sent)
}

/// Delivers the outbox in the background for as long as the server runs.
pub fn spawn_worker(db: Db, mailer: Mailer, every: Duration) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        loop {
            match deliver_due(&db, &mailer).await {
                Ok(sent) if sent > 0 => tracing::info!(sent, "mail delivered"),
                Ok(_) => {}
                Err(error) => tracing::error!(%error, "mail worker: database error"),
            }
            tokio::time::sleep(every).await;
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
