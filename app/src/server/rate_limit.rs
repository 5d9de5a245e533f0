//! Throttling of sign-ins, contact requests and invitations, shared across server processes.
//!
//! A client over a limit is refused after a read: it writes nothing, so hammering can't grow
//! the table. Counters of ended windows are deleted by `spawn_pruning`.

use super::db::{self, rate_limit};
use super::state::{ContactLimits, InvitationLimits, SignInLimits};
use crate::domain::{EmailAddress, PartnerId, TenantId};
use crate::error::AppError;
use sqlx::{AnyConnection, AnyPool};
use std::net::IpAddr;
use std::time::Duration;

/// A limit: at most `limit` hits in `bucket` per `window`.
#[derive(Debug, Clone)]
pub struct Budget {
    pub bucket: String,
    pub limit: i64,
    pub window: Duration,
}

impl Budget {
    fn window_ms(&self) -> i64 {
        i64::try_from(self.window.as_millis()).unwrap_or(i64::MAX / 2)
    }

    /// Refused when this hit is one too many for the window.
    fn check(&self, window: rate_limit::Window, now_ms: i64) -> Result<(), Spent> {
        if window.hits > self.limit {
            Err(Spent::until(window.ends_at_ms, now_ms))
        } else {
            Ok(())
        }
    }
}

/// A budget is used up until its window ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spent {
    pub retry_after_secs: u64,
}

impl Spent {
    fn until(ends_at_ms: i64, now_ms: i64) -> Self {
        let wait_ms = u64::try_from(ends_at_ms - now_ms).unwrap_or(0);
        Self {
            retry_after_secs: wait_ms.div_ceil(1000).max(1),
        }
    }

    /// The later of two refusals: the client may come back when both have passed.
    fn max(self, other: Self) -> Self {
        Self {
            retry_after_secs: self.retry_after_secs.max(other.retry_after_secs),
        }
    }
}

impl From<Spent> for AppError {
    fn from(spent: Spent) -> Self {
        AppError::TooManyRequests {
            retry_after_secs: spent.retry_after_secs,
        }
    }
}

/// Counts one hit against every budget. When one is used up already nothing is written at
/// all; a hit that goes over (parallel requests) is refused too and stays counted.
pub async fn spend(pool: &AnyPool, budgets: &[Budget]) -> Result<Result<(), Spent>, sqlx::Error> {
    let now = db::now_ms();
    // The latest time to come back, and the first limit that refused (for the metrics).
    fn refuse<'a>(
        refused: Option<(Spent, &'a str)>,
        spent: Spent,
        bucket: &'a str,
    ) -> Option<(Spent, &'a str)> {
        match refused {
            None => Some((spent, bucket)),
            Some((earlier, first)) => Some((earlier.max(spent), first)),
        }
    }
    let mut refused: Option<(Spent, &str)> = None;
    for budget in budgets {
        if let Some(window) = rate_limit::current(pool, &budget.bucket, now).await? {
            if window.hits >= budget.limit {
                refused = refuse(
                    refused,
                    Spent::until(window.ends_at_ms, now),
                    &budget.bucket,
                );
            }
        }
    }
    if refused.is_none() {
        for budget in budgets {
            let window = rate_limit::hit(pool, &budget.bucket, now, budget.window_ms()).await?;
            if let Err(spent) = budget.check(window, now) {
                refused = refuse(refused, spent, &budget.bucket);
            }
        }
    }
    Ok(match refused {
        None => Ok(()),
        Some((spent, bucket)) => {
            super::metrics::rate_limited(bucket);
            Err(spent)
        }
    })
}

/// Counts one hit against `budget` inside the caller's transaction, which takes the hit back
/// if it rolls back (a refused invitation costs nothing).
pub async fn spend_in(
    tx: &mut AnyConnection,
    budget: &Budget,
    now_ms: i64,
) -> Result<Result<(), Spent>, sqlx::Error> {
    let window = rate_limit::hit(&mut *tx, &budget.bucket, now_ms, budget.window_ms()).await?;
    let checked = budget.check(window, now_ms);
    if checked.is_err() {
        super::metrics::rate_limited(&budget.bucket);
    }
    Ok(checked)
}

/// What a client address is limited as: an IPv4 address, or the /64 network of an IPv6
/// address (one subscriber usually holds a whole /64, so single addresses cost nothing).
pub fn client_key(address: IpAddr) -> String {
    match address.to_canonical() {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => ipnet::Ipv6Net::new(v6, 64)
            .map(|network| network.trunc().to_string())
            .unwrap_or_else(|_| v6.to_string()),
    }
}

/// A sign-in attempt that passed the limits, counted against them until it turns out right.
pub struct SignInAttempt {
    /// Counted before the password is checked, so parallel guesses can't slip past.
    counted: [String; 2],
    /// Failures on the account from every address: they slow attempts down, never refuse.
    account: Budget,
    delay: Duration,
}

impl SignInAttempt {
    /// Refuses a client that used up its attempts, in all or on this account; a stranger's
    /// failures never refuse the owner at another address. An account that failed often
    /// lately makes every attempt on it wait first, bounded by the client limits above.
    pub async fn begin(
        pool: &AnyPool,
        limits: SignInLimits,
        email: &EmailAddress,
        client: IpAddr,
    ) -> Result<Self, AppError> {
        let client_key = client_key(client);
        let by_client = Budget {
            bucket: format!("sign-in:client:{client_key}"),
            limit: limits.per_client,
            window: limits.window,
        };
        let by_account_and_client = Budget {
            bucket: format!("sign-in:account:{email}:client:{client_key}"),
            limit: limits.per_account,
            window: limits.window,
        };
        if let Err(spent) = spend(pool, &[by_client.clone(), by_account_and_client.clone()]).await?
        {
            tracing::warn!(%email, %client, "sign-in refused by rate limit");
            return Err(spent.into());
        }
        let attempt = Self {
            counted: [by_client.bucket, by_account_and_client.bucket],
            account: Budget {
                bucket: format!("sign-in:account:{email}"),
                limit: limits.per_account,
                window: limits.window,
            },
            delay: limits.account_delay,
        };
        attempt.slow_down_if_targeted(pool, email).await?;
        Ok(attempt)
    }

    async fn slow_down_if_targeted(
        &self,
        pool: &AnyPool,
        email: &EmailAddress,
    ) -> Result<(), AppError> {
        let failures = rate_limit::current(pool, &self.account.bucket, db::now_ms()).await?;
        if failures.is_some_and(|window| window.hits >= self.account.limit) {
            tracing::info!(%email, "sign-in slowed down: the account failed often lately");
            tokio::time::sleep(self.delay).await;
        }
        Ok(())
    }

    /// The password was right: the attempt takes nothing from the limits.
    pub async fn forget(self, pool: &AnyPool) -> Result<(), AppError> {
        for bucket in &self.counted {
            rate_limit::refund(pool, bucket).await?;
        }
        Ok(())
    }

    /// The password was wrong: one more failure on the account, whoever made it.
    pub async fn failed(self, pool: &AnyPool) -> Result<(), AppError> {
        let account = &self.account;
        rate_limit::hit(pool, &account.bucket, db::now_ms(), account.window_ms()).await?;
        Ok(())
    }
}

/// Counts a contact request against the client address's limit, then the sender email's.
pub async fn check_contact_request(
    pool: &AnyPool,
    limits: ContactLimits,
    email: &EmailAddress,
    client: IpAddr,
) -> Result<(), AppError> {
    let budgets = [
        Budget {
            bucket: format!("contact:client:{}", client_key(client)),
            limit: limits.per_client,
            window: limits.window,
        },
        Budget {
            bucket: format!("contact:email:{email}"),
            limit: limits.per_email,
            window: limits.window,
        },
    ];
    spend(pool, &budgets).await?.map_err(|spent| {
        tracing::warn!(%email, %client, "contact request refused by rate limit");
        spent.into()
    })
}

/// The partner's budget of invitations, whatever the tenant.
pub fn invitations_by_partner(limits: InvitationLimits, partner: PartnerId) -> Budget {
    Budget {
        bucket: format!("invitation:partner:{partner}"),
        limit: limits.per_partner,
        window: limits.partner_window,
    }
}

/// The partner's budget of invitations to one tenant.
pub fn invitations_to_tenant(
    limits: InvitationLimits,
    partner: PartnerId,
    tenant: TenantId,
) -> Budget {
    Budget {
        bucket: format!("invitation:partner:{partner}:tenant:{tenant}"),
        limit: limits.per_tenant,
        window: limits.tenant_window,
    }
}

/// Deletes the counters of ended windows every `every`, for as long as the server runs.
pub fn spawn_pruning(pool: AnyPool, every: Duration) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut ticks = tokio::time::interval(every);
        loop {
            ticks.tick().await;
            let pruned = rate_limit::prune(&pool, db::now_ms()).await;
            super::metrics::job_ran("rate_limit_pruning", &pruned);
            match pruned {
                Ok(0) => {}
                Ok(deleted) => tracing::debug!(deleted, "ended rate-limit windows deleted"),
                Err(error) => tracing::warn!(%error, "rate-limit windows not pruned"),
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(address: &str) -> String {
        client_key(address.parse().expect("an address"))
    }

    #[test]
    fn ipv6_clients_are_limited_per_64_network() {
        assert_eq!(
            key("2001:db8:1:2::1"),
            key("2001:db8:1:2:ffff:ffff:ffff:ffff")
        );
        assert_eq!(key("2001:db8:1:2:abcd::9"), "2001:db8:1:2::/64");
        assert_ne!(key("2001:db8:1:2::1"), key("2001:db8:1:3::1"));
    }

    #[test]
    fn ipv4_clients_are_limited_per_address() {
        assert_eq!(key("203.0.113.7"), "203.0.113.7");
        assert_ne!(key("203.0.113.7"), key("203.0.113.8"));
        assert_eq!(
            key("::ffff:203.0.113.7"),
            "203.0.113.7",
            "IPv4 mapped into IPv6"
        );
    }

    #[test]
    fn a_refusal_waits_until_the_window_ends() {
        assert_eq!(Spent::until(10_500, 10_000).retry_after_secs, 1);
        assert_eq!(Spent::until(70_001, 10_000).retry_after_secs, 61);
        assert_eq!(Spent::until(9_000, 10_000).retry_after_secs, 1, "never 0");
    }
}
