//! Throttling of sign-ins and contact requests, shared across server processes.

use super::db::{self, rate_limit};
use super::state::{ContactLimits, SignInLimits};
use crate::domain::EmailAddress;
use crate::error::AppError;
use sqlx::AnyPool;
use std::net::IpAddr;

pub struct SignInAttempt {
    buckets: [String; 2],
}

impl SignInAttempt {
    /// Counts the attempt against both limits before the password is checked, so parallel
    /// guesses can't slip past; `forget` takes the count back once the password was right.
    pub async fn begin(
        pool: &AnyPool,
        limits: SignInLimits,
        email: &EmailAddress,
        client: IpAddr,
    ) -> Result<Self, AppError> {
        let buckets = [
            format!("sign-in:account:{email}"),
            format!("sign-in:client:{client}"),
        ];
        let window_ms = limits.window.as_millis() as i64;
        let now = db::now_ms();
        let mut over = false;
        for (bucket, limit) in buckets.iter().zip([limits.per_account, limits.per_client]) {
            over |= rate_limit::hit(pool, bucket, now, window_ms).await? > limit;
        }
        let attempt = Self { buckets };
        if over {
            // A refused attempt is not counted: the window still closes on time.
            attempt.forget(pool).await?;
            tracing::warn!(%email, %client, "sign-in refused by rate limit");
            return Err(AppError::TooManyRequests {
                retry_after_secs: limits.window.as_secs(),
            });
        }
        Ok(attempt)
    }

    pub async fn forget(self, pool: &AnyPool) -> Result<(), AppError> {
        for bucket in &self.buckets {
            rate_limit::refund(pool, bucket).await?;
        }
        Ok(())
    }
}

/// Counts a contact request against the sender's email and client address limits.
pub async fn check_contact_request(
    pool: &AnyPool,
    limits: ContactLimits,
    email: &EmailAddress,
    client: IpAddr,
) -> Result<(), AppError> {
    let window_ms = limits.window.as_millis() as i64;
    let now = db::now_ms();
    let by_email = rate_limit::hit(pool, &format!("contact:email:{email}"), now, window_ms).await?;
    let by_client =
        rate_limit::hit(pool, &format!("contact:client:{client}"), now, window_ms).await?;
    if by_email > limits.per_email || by_client > limits.per_client {
        tracing::warn!(%email, %client, "contact request refused by rate limit");
        return Err(AppError::TooManyRequests {
            retry_after_secs: limits.window.as_secs(),
        });
    }
    Ok(())
}
